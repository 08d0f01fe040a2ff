"""The caller's scope, computed once per request from memberships or the API client.

Every read of cases goes through a selector that takes a Scope; there is no unscoped read
path for views.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User

from regie.accounts.models import ApiClient, Membership
from regie.vocabulary import Role

# Roles that work with individual cases. The council, the college and the privacy officer
# get aggregated, anonymised information (reports, audit logs), not case files with
# personal data: their memberships grant no case access.
CASE_ROLES = frozenset(
    {
        Role.MEDEWERKER,
        Role.BEHANDELAAR,
        Role.COORDINATOR,
        Role.OMBUDSFUNCTIONARIS,
        Role.AANBIEDER,
        Role.BEHEERDER,
    }
)


@dataclass(frozen=True)
class Grant:
    municipality_id: int | None = None
    domain: str = ""
    team_id: int | None = None
    organisation_id: int | None = None
    # Copied from the team so that building the case filter needs no extra query.
    team_municipality_id: int | None = None
    team_domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scope:
    grants: tuple[Grant, ...] = field(default_factory=tuple)
    everything: bool = False
    # The public web form: may submit to any municipality, may read nothing.
    public: bool = False
    # For the timeline: who did it, in words a person reads.
    actor_label: str = ""
    user_id: int | None = None
    api_client_id: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.grants

    def municipality_ids(self) -> set[int]:
        return {g.municipality_id for g in self.grants if g.municipality_id is not None}

    def organisation_ids(self) -> set[int]:
        return {g.organisation_id for g in self.grants if g.organisation_id is not None}

    def team_ids(self) -> set[int]:
        return {g.team_id for g in self.grants if g.team_id is not None}


def scope_for_user(user: AbstractBaseUser | AnonymousUser) -> Scope:
    if not isinstance(user, User) or not user.is_active:
        return Scope()
    label = user.get_full_name() or user.get_username()
    if user.is_superuser:
        return Scope(everything=True, actor_label=label, user_id=user.pk)
    grants = tuple(
        Grant(
            municipality_id=m.municipality_id,
            domain=m.domain,
            team_id=m.team_id,
            organisation_id=m.organisation_id,
            team_municipality_id=m.team.municipality_id if m.team else None,
            team_domains=tuple(m.team.domains) if m.team else (),
        )
        for m in Membership.objects.filter(user=user, role__in=CASE_ROLES).select_related("team")
    )
    return Scope(grants=grants, actor_label=label, user_id=user.pk)


def scope_for_api_client(client: ApiClient) -> Scope:
    if not client.is_active:
        return Scope()
    grant = Grant(municipality_id=client.municipality_id, organisation_id=client.organisation_id)
    return Scope(grants=(grant,), actor_label=f"Koppeling {client.name}", api_client_id=client.pk)


def scope_for_public_web() -> Scope:
    return Scope(public=True, actor_label="Inwoner (website)")
