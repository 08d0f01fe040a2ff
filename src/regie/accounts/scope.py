"""The caller's scope, computed once per request from memberships or the API client.

Every read of cases goes through a selector that takes a Scope; there is no unscoped read
path for views.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.utils import timezone

from regie.accounts.models import ApiClient, CaseGrant, Membership
from regie.accounts.permissions import May, roles_that
from regie.accounts.request_memo import remembered
from regie.accounts.selectors import memberships_of

# Roles that work with individual cases. The council, the college and the privacy officer
# get aggregated, anonymised information (reports, audit logs), not case files with
# personal data: their memberships grant no case access. From the one table of roles.
CASE_ROLES = roles_that(May.SEE_CASES)
# Roles whose holders handle cases: a case can be assigned to them. An administrator may look
# at cases and a provider's staff work on their own, but neither gets a municipal case.
HANDLING_ROLES = roles_that(May.HANDLE_CASES)
# Least privilege (issue 11): a team gives a front-line employee or a handler the team's own
# queue, not every case of the municipality in the team's domains; a team that covers every
# domain would otherwise open every youth and debt file. The people who keep an overview of
# a team's field (the coordinator, the ombudsfunctionaris) keep the domains.
OVERSEEING_ROLES = roles_that(May.OVERSEE_TEAM_DOMAINS)
# Where one may open a case outside one's own work, with a reason (privacy.glass).
GLASS_ROLES = roles_that(May.BREAK_THE_GLASS)


@dataclass(frozen=True)
class Grant:
    municipality_id: int | None = None
    domain: str = ""
    team_id: int | None = None
    organisation_id: int | None = None
    # Copied from the team so that building the case filter needs no extra query. The
    # domains only for overseeing roles (OVERSEEING_ROLES): for anyone else a team grant is
    # the team's own queue.
    team_municipality_id: int | None = None
    team_domains: tuple[str, ...] = ()
    # The cases someone handles are theirs to see, whichever team they are with.
    handler_id: int | None = None
    # One case opened outside one's own work, with a reason ("break the glass", CaseGrant).
    case_id: int | None = None


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
    # Where this person may open a case outside their own work after giving a reason: the
    # municipalities of their case-handling memberships.
    glass_municipality_ids: frozenset[int] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.grants

    def municipality_ids(self) -> set[int]:
        return {g.municipality_id for g in self.grants if g.municipality_id is not None}

    def organisation_ids(self) -> set[int]:
        return {g.organisation_id for g in self.grants if g.organisation_id is not None}

    def team_ids(self) -> set[int]:
        return {g.team_id for g in self.grants if g.team_id is not None}


def may_handle_cases(scope: Scope) -> bool:
    """Municipal staff handle cases: assign them, record contact and deadline facts, conclude.

    Providers, joint arrangements and partner systems register cases and add notes, the
    public form only submits; an empty scope does nothing. Every write-path check and every
    page that offers a handling action asks this one question.
    """
    if scope.everything:
        return True
    return (
        bool(scope.grants)
        and not scope.public
        and scope.api_client_id is None
        and not scope.organisation_ids()
    )


def grant_of(membership: Membership) -> Grant:
    """The grant one membership gives (its team must be loaded, see `select_related`)."""
    return Grant(
        municipality_id=membership.municipality_id,
        domain=membership.domain,
        team_id=membership.team_id,
        organisation_id=membership.organisation_id,
        team_municipality_id=membership.team.municipality_id if membership.team else None,
        team_domains=(
            tuple(membership.team.domains)
            if membership.team and membership.role in OVERSEEING_ROLES
            else ()
        ),
    )


def scope_for_user(user: AbstractBaseUser | AnonymousUser) -> Scope:
    if not isinstance(user, User) or not user.is_active:
        return Scope()
    label = user.get_full_name() or user.get_username()
    if user.is_superuser:
        return Scope(everything=True, actor_label=label, user_id=user.pk)
    return remembered(("scope", user.pk), lambda: _scope_of_member(user, label))


def _scope_of_member(user: User, label: str) -> Scope:
    memberships = [m for m in memberships_of(user) if m.role in CASE_ROLES]
    grants = [grant_of(m) for m in memberships]
    handling = [m for m in memberships if m.role in HANDLING_ROLES]
    breaking = [m for m in memberships if m.role in GLASS_ROLES]
    glass: frozenset[int] = frozenset()
    if handling:
        grants.append(Grant(handler_id=user.pk))
        places = (m.municipality_id if m.team is None else m.team.municipality_id for m in breaking)
        glass = frozenset(p for p in places if p is not None)
        grants.extend(
            Grant(case_id=case_id)
            for case_id in CaseGrant.objects.filter(
                user=user, expires_at__gt=timezone.now()
            ).values_list("case_id", flat=True)
        )
    return Scope(
        grants=tuple(grants),
        actor_label=label,
        user_id=user.pk,
        glass_municipality_ids=glass,
    )


def scope_for_api_client(client: ApiClient) -> Scope:
    if not client.is_active:
        return Scope()
    grant = Grant(municipality_id=client.municipality_id, organisation_id=client.organisation_id)
    return Scope(grants=(grant,), actor_label=f"Koppeling {client.name}", api_client_id=client.pk)


def scope_for_public_web() -> Scope:
    return Scope(public=True, actor_label="Inwoner (website)")


def scope_for_resident() -> Scope:
    """The submitter on their private status page (/status/<token>). Holding the token is the
    permission for that one case; like the public form, it reads and handles nothing else."""
    return Scope(public=True, actor_label="De indiener (via de statuspagina)")
