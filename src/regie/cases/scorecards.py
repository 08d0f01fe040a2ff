"""Scorecards per provider or GR, for the municipality's coordinator: how much work, how
timely per regime, with what outcomes, how often cases went back and forth, and complaints
per 1,000 clients when the client count is known.

Counts only, over the municipalities the reader works for; a provider's own cases under a
"summary" oversight agreement count too (that is what a summary is), but no case is named.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from regie.cases.models import Case, CaseDeadline, Event, EventType
from regie.directory.models import Organisation
from regie.vocabulary import CONCLUDED_STATUSES, Kind, Outcome


@dataclass(frozen=True)
class Timeliness:
    regime: str
    on_time: int = 0
    late: int = 0
    open_overdue: int = 0
    open_in_time: int = 0

    @property
    def decided(self) -> int:
        return self.on_time + self.late + self.open_overdue

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.decided if self.decided else None


@dataclass(frozen=True)
class Scorecard:
    organisation: Organisation
    since: dt.date
    handled: int  # cases routed or forwarded to it, received in the period
    complaints_about: int
    open_now: int
    waiting_acceptance: int
    by_kind: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)
    timeliness: list[Timeliness] = field(default_factory=list)
    forwarded_to: int = 0
    given_back: int = 0

    @property
    def complaints_per_thousand_clients(self) -> float | None:
        clients = self.organisation.client_count
        return 1000 * self.complaints_about / clients if clients else None


def scorecard(
    organisation: Organisation, municipality_ids: set[int], *, since: dt.date
) -> Scorecard:
    cases = Case.objects.filter(municipality_id__in=municipality_ids, received_at__date__gte=since)
    handled = cases.filter(handling_organisation=organisation)
    about = cases.filter(about=organisation, kind=Kind.KLACHT)
    today = timezone.localdate()
    return Scorecard(
        organisation=organisation,
        since=since,
        handled=handled.count(),
        complaints_about=about.count(),
        open_now=handled.exclude(status__in=CONCLUDED_STATUSES).count(),
        waiting_acceptance=handled.filter(accepted_at__isnull=True)
        .exclude(status__in=CONCLUDED_STATUSES)
        .count(),
        by_kind=_counts(handled, "kind", {k.value: str(k.label) for k in Kind}),
        outcomes=_counts(
            handled.exclude(outcome=""),
            "outcome",
            {o.value: str(o.label) for o in Outcome},
        ),
        timeliness=_timeliness(cases.filter(Q(handling_organisation=organisation)), today),
        **_handovers(cases, organisation),
    )


def _counts(cases: QuerySet[Case], name: str, labels: dict[str, str]) -> dict[str, int]:
    found = Counter(cases.values_list(name, flat=True))
    return {labels.get(value, value): n for value, n in sorted(found.items())}


def _timeliness(cases: QuerySet[Case], today: dt.date) -> list[Timeliness]:
    rows: dict[str, Counter[str]] = {}
    deadlines = CaseDeadline.objects.filter(case__in=cases, superseded=False).values_list(
        "regime", "due", "met_at", "case__status"
    )
    for regime, due, met_at, status in deadlines:
        count = rows.setdefault(regime, Counter())
        if met_at is not None:
            count["on_time" if timezone.localtime(met_at).date() <= due else "late"] += 1
        elif status in CONCLUDED_STATUSES:
            continue  # closed without meeting it: no longer a task (see web.display)
        elif due < today:
            count["open_overdue"] += 1
        else:
            count["open_in_time"] += 1
    return [Timeliness(regime, **counts) for regime, counts in sorted(rows.items())]


def _handovers(cases: QuerySet[Case], organisation: Organisation) -> dict[str, int]:
    """How often cases were forwarded to the organisation, and how often it gave them back:
    ping-pong shows here first."""
    events = Event.objects.filter(case__in=cases, type=EventType.HANDED_OVER).values_list(
        "payload", flat=True
    )
    forwarded = given_back = 0
    for payload in events:
        if not isinstance(payload, dict):
            continue
        after = payload.get("after") or {}
        before = payload.get("before") or {}
        if isinstance(after, dict) and after.get("organisation") == organisation.slug:
            forwarded += 1
        if (
            payload.get("by") == "organisatie"
            and isinstance(before, dict)
            and before.get("organisation") == organisation.slug
        ):
            given_back += 1
    return {"forwarded_to": forwarded, "given_back": given_back}
