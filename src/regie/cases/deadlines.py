"""Bridge between the register and the pure deadline calculator (`regie.deadlines`).

Deadlines are computed and stored when the fact that starts them is recorded, and marked met
when the fact that ends them is recorded.
"""

from __future__ import annotations

import datetime as dt

from regie.cases.models import Case, CaseDeadline


def set_initial_deadlines(case: Case) -> list[CaseDeadline]:
    """Compute the deadlines that start at receipt. Filled in by the deadlines work (issue 3)."""
    return []


def mark_met(case: Case, deadline_type: str, at: dt.datetime) -> None:
    CaseDeadline.objects.filter(
        case=case, type=deadline_type, superseded=False, met_at__isnull=True
    ).update(met_at=at)
