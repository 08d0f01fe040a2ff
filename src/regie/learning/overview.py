"""What the "Leren" page shows for one municipality: the weekly counts of the last weeks per
dimension, and the spikes of the last weeks with what they are measured against.

The caller hands in the cases to count: staff who may see cases count what
`cases_visible_to(scope)` gives them (ADR 3: figures for people without case access, such as
management, come from the aggregate read of issue 10, with small numbers suppressed).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from regie.cases.models import Case
from regie.learning.spikes import (
    BASELINE_WEEKS,
    SeriesKey,
    Spike,
    find_spikes,
    per_test_alpha,
    weeks_between,
)
from regie.learning.trends import DIMENSIONS, all_counts, labels, week_start

SHOWN_WEEKS = 12  # weeks in each trend table
SPIKE_WEEKS = 8  # spikes of this many recent weeks are listed


@dataclass(frozen=True)
class Series:
    key: SeriesKey
    label: str
    counts: tuple[int, ...]  # one per shown week
    total: int


@dataclass(frozen=True)
class Trend:
    dimension: str
    caption: str
    series: tuple[Series, ...]


@dataclass(frozen=True)
class FlaggedSpike:
    spike: Spike
    label: str
    dimension_label: str
    running: bool  # the week is not over yet


@dataclass(frozen=True)
class Overview:
    weeks: tuple[dt.date, ...]
    trends: tuple[Trend, ...]
    spikes: tuple[FlaggedSpike, ...]
    series_count: int
    alpha: float


def overview(cases: QuerySet[Case], today: dt.date) -> Overview:
    """`cases`: one municipality's cases as the caller may see them."""
    first = week_start(today) - dt.timedelta(weeks=BASELINE_WEEKS + SPIKE_WEEKS)
    weeks = weeks_between(first, today)
    counts = all_counts(cases, first=first, last=today)
    names = labels(counts)
    spikes = find_spikes(counts, weeks=weeks, tested=weeks[-SPIKE_WEEKS:])
    shown = weeks[-SHOWN_WEEKS:]
    trends = []
    for slug, dimension in DIMENSIONS.items():
        series = [
            Series(
                key=key,
                label=names[key],
                counts=tuple(counts[key].get(w, 0) for w in shown),
                total=sum(counts[key].get(w, 0) for w in shown),
            )
            for key in counts
            if key.dimension == slug
        ]
        series.sort(key=lambda s: (-s.total, s.label))
        trends.append(Trend(slug, dimension.label, tuple(s for s in series if s.total)))
    current = week_start(today)
    flagged = tuple(
        FlaggedSpike(
            spike=s,
            label=names[s.key],
            dimension_label=DIMENSIONS[s.key.dimension].label,
            running=s.week == current,
        )
        for s in spikes
    )
    return Overview(
        weeks=tuple(shown),
        trends=tuple(trends),
        spikes=flagged,
        series_count=len(counts),
        alpha=per_test_alpha(len(counts)),
    )


def series_label(key: SeriesKey) -> str:
    return labels([key])[key]
