"""Staff login through the organisation's identity provider (OpenID Connect), as an option.

The identity provider only says who someone is; what they may do in Regie comes from
Regie's own memberships. So a login is matched to an existing, active local account by
e-mail address, and nobody is ever created or changed from the provider's claims: someone
without an account here is refused, and a beheerder makes the account (with its roles) first.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend  # type: ignore[import-untyped]


class RegieOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[Any]:
        email = str(claims.get("email") or "").strip()
        # A provider that says the address is unverified must not open someone's account.
        # Many organisation providers (e.g. Entra ID) send no such claim: their addresses
        # are managed by the organisation itself, so absence is accepted.
        if not email or claims.get("email_verified") is False:
            return self.UserModel.objects.none()
        users = self.UserModel.objects.filter(email__iexact=email, is_active=True)
        # Two accounts with one address: which one is meant cannot be known, so neither.
        if users.count() != 1:
            return self.UserModel.objects.none()
        return users

    def create_user(self, claims: dict[str, Any]) -> None:
        # Also off in settings (OIDC_CREATE_USER = False); this is the second lock.
        return None

    def update_user(self, user: Any, claims: dict[str, Any]) -> Any:
        # The provider's name or address never overwrites what the beheerder recorded.
        return user
