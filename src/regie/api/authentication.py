from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from regie.accounts.models import ApiClient, hash_token
from regie.directory.generation import directory_cached


def _active_clients() -> dict[str, ApiClient]:
    """Every API client that may still call, by its token's hash: a few partner systems per
    municipality. Kept with the directory (migration accounts 0003 moves its generation on
    with every token created or revoked), so the intake asks no table who is calling and a
    revoked token is still refused on its very next request. Shared by threads: read only."""
    clients = ApiClient.objects.select_related("municipality", "organisation")
    return {c.token_hash: c for c in clients.filter(revoked_at__isnull=True)}


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <raw>`; the raw token is compared by its SHA-256 hash."""

    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[ApiClient, None] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Het Authorization-header moet 'Token <sleutel>' zijn."
            )
        try:
            raw = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed("Ongeldige sleutel.") from None
        # Only tokens that exist are kept: made-up ones cannot grow the process.
        client = directory_cached("api-clients", _active_clients).get(hash_token(raw))
        if client is None:
            raise exceptions.AuthenticationFailed("Ongeldige of ingetrokken sleutel.")
        return client, None

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Documents the token scheme in the OpenAPI document."""

    target_class = "regie.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <sleutel>`; maak een sleutel met `regie token create`.",
        }
