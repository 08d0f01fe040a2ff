"""Directory reads for staff forms: who and what may be chosen, given the case or the user.

Cases are never read here; they come from `regie.cases.selectors` with the user's scope.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Q

from regie.accounts.scope import Scope
from regie.cases.models import Case
from regie.directory.models import Municipality, Team
from regie.vocabulary import COMPLAINT_OUTCOMES, OTHER_OUTCOMES, Kind, Outcome, Role

# Roles that handle cases. Council members, management and the privacy officer also have a
# membership in the municipality, but a case is never theirs to handle.
HANDLING_ROLES = (Role.MEDEWERKER, Role.BEHANDELAAR, Role.COORDINATOR, Role.OMBUDSFUNCTIONARIS)


# The order the outcomes are offered in: informal resolution first, the route the ombudsman
# wants as the normal one (Awb 9:5); then the Awb judgements; what hands the case on last.
OUTCOME_ORDER = (
    Outcome.OPGELOST,
    Outcome.GEGROND,
    Outcome.DEELS_GEGROND,
    Outcome.ONGEGROND,
    Outcome.NIET_BEHANDELD,
    Outcome.AFGEROND,
    Outcome.DOORVERWEZEN,
)


def outcomes_for(kind: str) -> list[Outcome]:
    """The outcomes that fit a case of this kind, in the order the page offers them. The sets
    are the service's own, so the form never offers what `case_conclude` refuses."""
    allowed = COMPLAINT_OUTCOMES if kind == Kind.KLACHT else OTHER_OUTCOMES
    ordered = [o for o in OUTCOME_ORDER if o in allowed]
    return ordered + sorted(o for o in allowed if o not in ordered)


def teams_for_case(case: Case) -> list[Team]:
    return list(Team.objects.filter(municipality_id=case.municipality_id).order_by("name"))


def handlers_for_case(case: Case) -> list[User]:
    """Active staff with a handling membership in the case's municipality or one of its teams."""
    works_here = Q(memberships__municipality_id=case.municipality_id) | Q(
        memberships__team__municipality_id=case.municipality_id
    )
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(works_here, memberships__role__in=HANDLING_ROLES)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    return [u for u in users if isinstance(u, User)]


def municipalities_for_intake(scope: Scope) -> list[Municipality]:
    """Where this user may register a case, their own municipality first."""
    if scope.everything:
        return list(Municipality.objects.order_by("name"))
    own = [g.municipality_id for g in scope.grants if g.municipality_id is not None]
    own += [g.team_municipality_id for g in scope.grants if g.team_municipality_id is not None]
    organisation_ids = scope.organisation_ids()
    found = Municipality.objects.filter(
        Q(pk__in=own) | Q(organisations__pk__in=organisation_ids)
    ).distinct()
    by_pk = {m.pk: m for m in found}
    ordered = [by_pk[pk] for pk in dict.fromkeys(own) if pk in by_pk]
    return ordered + sorted((m for m in by_pk.values() if m not in ordered), key=lambda m: m.name)


def display_name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
