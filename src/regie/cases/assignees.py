"""Whom a case may be assigned to: one answer for the assign form and for `case_assign`.

A team of the case's municipality may always take it: assigning the team makes the case
visible to its members. A person may take it only when they hold a role that handles cases
and their scope covers the case as it will be after the assignment, so a case never
disappears for its own handler and never goes to a council member or an administrator.
A complaint never goes to the employee it is about (Awb 9:7).
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from regie.accounts.models import Membership
from regie.accounts.scope import HANDLING_ROLES, grant_of
from regie.cases.models import Case
from regie.cases.selectors import case_facts, grant_covers
from regie.directory.models import Team


def assignable_teams(case: Case) -> QuerySet[Team]:
    return Team.objects.filter(municipality_id=case.municipality_id).order_by("name")


def assignable_handlers(case: Case, *, team: Team | None = None) -> list[User]:
    """Active people who may handle `case` once it is with `team` (default: its own team),
    by name."""
    team_id = team.pk if team is not None else case.handling_team_id
    facts = case_facts(case, handling_team_id=team_id)
    memberships = (
        Membership.objects.filter(role__in=HANDLING_ROLES, user__is_active=True)
        .filter(
            Q(municipality_id=case.municipality_id) | Q(team__municipality_id=case.municipality_id)
        )
        .select_related("user", "team")
    )
    people = {
        m.user_id: m.user
        for m in memberships
        if grant_covers(grant_of(m), facts) and m.user_id != case.employee_concerned_id
    }
    return sorted(
        (u for u in people.values() if isinstance(u, User)),
        key=lambda u: (u.first_name, u.last_name, u.username),
    )


def may_be_assigned(case: Case, user: User, *, team: Team | None = None) -> bool:
    return any(u.pk == user.pk for u in assignable_handlers(case, team=team))
