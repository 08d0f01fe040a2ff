"""The register of written complaints (Awb 9:12a): every written complaint is registered, and
the municipality publishes yearly how many came in and how they ended.

A read, not a change: counts only, no person. The annual complaints report (issue 10) asks
`written_complaints(municipality, year)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count

from regie.cases.models import Case
from regie.directory.models import Municipality
from regie.vocabulary import COMPLAINT_OUTCOMES, CONCLUDED_STATUSES, Kind, Outcome, Procedure

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class WrittenComplaints:
    """The written complaints (procedure schriftelijk, Awb 9:4) received in one year.

    `total` = the sum of `by_outcome`, `open` and `ended_without_outcome`.
    """

    year: int
    total: int
    # Every complaint outcome, also those that did not occur (0), so a report shows them all.
    by_outcome: Mapping[str, int]
    # Still being handled (also a reopened complaint, whose earlier outcome was undone).
    open: int
    # Ended without an outcome: withdrawn by the complainant.
    ended_without_outcome: int


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    """1 January 00:00 up to (not including) the next 1 January, in Dutch time: a complaint
    received on New Year's Eve at 23:30 belongs to the old year."""
    start = dt.datetime(year, 1, 1, tzinfo=AMSTERDAM)
    return start, start.replace(year=year + 1)


def written_complaints(municipality: Municipality, year: int) -> WrittenComplaints:
    """How many written complaints `municipality` received in `year`, and how they ended."""
    start, end = year_bounds(year)
    rows = (
        Case.objects.filter(
            municipality=municipality,
            kind=Kind.KLACHT,
            procedure=Procedure.SCHRIFTELIJK,
            received_at__gte=start,
            received_at__lt=end,
        )
        .values("outcome", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_outcome = {o.value: 0 for o in Outcome if o in COMPLAINT_OUTCOMES}
    open_ = ended = total = 0
    for row in rows:
        n = row["n"]
        total += n
        if row["outcome"]:
            by_outcome[row["outcome"]] = by_outcome.get(row["outcome"], 0) + n
        elif row["status"] in CONCLUDED_STATUSES:
            ended += n
        else:
            open_ += n
    return WrittenComplaints(
        year=year, total=total, by_outcome=by_outcome, open=open_, ended_without_outcome=ended
    )
