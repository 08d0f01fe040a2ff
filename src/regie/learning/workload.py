"""The coordinator's view of the teams (issue 10: "team load, overdue, bounced"): per team of
one municipality, its open cases, how many are past their next term, have nobody on them, or
went from hand to hand. Counted in the database, one GROUP BY, over the cases the caller may
see (staff figures come from their own scope, ADR 3; no small-number hiding for people who
may open every case behind a count)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from regie.cases.models import OPEN, Case


@dataclass(frozen=True)
class TeamLoad:
    team: str
    open: int
    overdue: int
    unassigned: int
    bounced: int


def team_load(cases: QuerySet[Case], today: dt.date) -> list[TeamLoad]:
    """`cases`: one municipality's cases as the caller may see them. Busiest team first;
    open cases with no team at all are the row "Geen team"."""
    rows = (
        cases.filter(OPEN)
        .values("handling_team__name")
        .annotate(
            n_open=Count("pk"),
            n_overdue=Count("pk", filter=Q(next_due__lt=today)),
            n_unassigned=Count("pk", filter=Q(handler__isnull=True)),
            n_bounced=Count("pk", filter=Q(handovers__gte=2)),
        )
        .order_by()
    )
    found = [
        TeamLoad(
            team=row["handling_team__name"] or "Geen team",
            open=row["n_open"],
            overdue=row["n_overdue"],
            unassigned=row["n_unassigned"],
            bounced=row["n_bounced"],
        )
        for row in rows
    ]
    return sorted(found, key=lambda load: (-load.open, load.team))
