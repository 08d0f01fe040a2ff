"""Who may see and do what: staff memberships and API clients, each with a scope.

A scope is one of: a municipality (optionally narrowed to a domain), a team, or an
outsourced organisation. Reads are filtered by these in `regie.cases.selectors`.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from regie.directory.models import Municipality, Organisation, Team
from regie.vocabulary import Domain, Role


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    municipality = models.ForeignKey(Municipality, null=True, blank=True, on_delete=models.CASCADE)
    domain = models.CharField(max_length=30, choices=Domain.choices, blank=True)
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            # Exactly one anchor: a municipality, a team or an organisation.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        municipality__isnull=False, team__isnull=True, organisation__isnull=True
                    )
                    | models.Q(
                        municipality__isnull=True, team__isnull=False, organisation__isnull=True
                    )
                    | models.Q(
                        municipality__isnull=True, team__isnull=True, organisation__isnull=False
                    )
                ),
                name="membership_has_one_anchor",
            )
        ]

    def __str__(self) -> str:
        anchor = self.municipality or self.team or self.organisation
        return f"{self.user} — {self.get_role_display()} — {anchor}"

    def clean(self) -> None:
        anchors = [self.municipality_id, self.team_id, self.organisation_id]
        if sum(a is not None for a in anchors) != 1:
            raise ValidationError("Kies precies één: gemeente, team of organisatie.")


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiClient(models.Model):
    """A partner system that calls the API with `Authorization: Token <raw>`.

    Only a hash of the token is stored: a database leak must not hand out API access.
    """

    name = models.CharField(max_length=200)
    token_hash = models.CharField(max_length=64, unique=True)
    token_prefix = models.CharField(max_length=8)
    municipality = models.ForeignKey(Municipality, null=True, blank=True, on_delete=models.CASCADE)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(municipality__isnull=False, organisation__isnull=True)
                    | models.Q(municipality__isnull=True, organisation__isnull=False)
                ),
                name="apiclient_has_one_anchor",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.token_prefix}…)"

    # DRF treats request.user as a user; these make an ApiClient behave as an authenticated one.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


def new_raw_token() -> str:
    # Never one that starts with "-": pasted after `regie token revoke` it would read as an
    # option. One in 64 is drawn again; the other 43 characters keep their 256 bits.
    while (raw := secrets.token_urlsafe(32)).startswith("-"):
        continue
    return raw


class CaseGrant(models.Model):
    """One case opened outside one's own work ("break the glass"): for a few hours the person
    sees that case as if it were theirs. Written only by `privacy.glass.glass_break`, which
    asks the reason and records it in the audit log; the scope reads the ones not expired."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="case_grants"
    )
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField()
    granted_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "expires_at"], name="casegrant_user_expires")]

    def __str__(self) -> str:
        return f"{self.user} → zaak {self.case_id} tot {self.expires_at:%Y-%m-%d %H:%M}"
