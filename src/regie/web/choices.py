"""What staff forms offer as choices: outcomes for a kind, municipalities for a user.

Cases are never read here; they come from `regie.cases.selectors` with the user's scope, and
whom a case may be assigned to from `regie.cases.assignees`.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Q

from regie.accounts.scope import Scope
from regie.directory.models import Municipality
from regie.vocabulary import COMPLAINT_OUTCOMES, OTHER_OUTCOMES, Kind, Outcome

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


def outcome_label(outcome: str) -> str:
    try:
        return str(Outcome(outcome).label)
    except ValueError:
        return outcome
