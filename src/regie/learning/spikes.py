"""Spike detection: an unusual rise in one weekly series against that series' own baseline.

The method
----------
Every series (one municipality x one dimension x one value, e.g. "GM9901, provider, Thuiszorg
Het Anker") is a list of weekly counts. For the week under test with count x we take the
previous N = 12 weeks as the baseline, with total B. Under "nothing changed" the counts are
Poisson with one constant rate, and then, given the total T = B + x of the N + 1 weeks, x is
Binomial(T, 1 / (N + 1)). The one-sided p-value is

    p = P(Binomial(B + x, 1/13) >= x)

and the week is a spike when p <= alpha. This conditional test is exact for Poisson counts,
needs no estimate of the rate (the uncertainty of a 12-week mean is in it), and is sound for
the small numbers of a small municipality: with an empty baseline it takes three cases in one
week, never one or two.

Because p falls as x rises, the test is the same as "x >= c(B)", where c(B), the THRESHOLD, is
the smallest count whose p-value is at most alpha. It depends only on the baseline, so it is
known on Monday morning: the running count of the current week is compared with it every
day. A week's running count never exceeds its final count, so watching daily raises no extra
false alarms (the event "some day reaches c" is the event "the week reaches c"), while a
sharp rise is flagged on the day it crosses the threshold, not at the end of the week.

The false-alarm rate
--------------------
The aim (issue 9): at most one false alarm per municipality per quarter. A municipality with
S series tests S series every week, 13 weeks a quarter, so with

    alpha = 1 / (13 x S)           (Bonferroni: the expected number of false alarms
                                     per quarter is 13 x S x alpha <= 1)

the expected number of false alarms per municipality per quarter is at most one. With the
demo's municipalities (20 series each) alpha is 1 / 260 ≈ 0.0038; with 40 series 0.0019. Counts are
discrete, so the real level of each test is at most alpha, usually well below it.

What the bound assumes: a constant rate over 13 weeks. Seasons (the demo's summer dip and
September rise, about ±25 % within a quarter) and overdispersion make the real rate higher
than the nominal one; `bench/spikes.py` measures it on a year of generated data (see the
numbers there and in docs/performance.md). Measured on the demo plan: 0.48 false alarms per
municipality per quarter (alarms during the generator's own events, a new taxi carrier and a
faulty batch of letters, are real rises and not counted as false), and a planted failure of
Thuiszorg Het Anker (three weeks without home care) flagged on day 1 or 2 of the failure.

The first N weeks of a series have no baseline and are not tested.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from scipy.stats import binom

BASELINE_WEEKS = 12
QUARTER_WEEKS = 13
FALSE_ALARMS_PER_QUARTER = 1.0
# A threshold is never searched beyond this (a week with more is always a spike).
_MAX_THRESHOLD = 10_000


@dataclass(frozen=True, order=True)
class SeriesKey:
    """One weekly series: a municipality, a dimension (see trends.DIMENSIONS) and a value
    (a domain code, a channel, or the id of a team or organisation, as text)."""

    municipality_id: int
    dimension: str
    value: str


@dataclass(frozen=True)
class Spike:
    key: SeriesKey
    week: dt.date  # the Monday
    count: int
    expected: float  # the baseline's weekly mean
    threshold: int
    p_value: float
    alpha: float


def per_test_alpha(series_count: int) -> float:
    """The per-week, per-series false-alarm probability for a municipality with this many
    series: at most FALSE_ALARMS_PER_QUARTER false alarms expected per quarter."""
    return FALSE_ALARMS_PER_QUARTER / (QUARTER_WEEKS * max(series_count, 1))


def p_value(count: int, baseline_total: int, baseline_weeks: int = BASELINE_WEEKS) -> float:
    """P(Binomial(B + x, 1/(N+1)) >= x): how surprising `count` is after the baseline."""
    if count <= 0:
        return 1.0
    share = 1 / (baseline_weeks + 1)
    return float(binom.sf(count - 1, baseline_total + count, share))


@lru_cache(maxsize=65_536)
def threshold(baseline_total: int, alpha: float, baseline_weeks: int = BASELINE_WEEKS) -> int:
    """The smallest weekly count that is a spike after a baseline with this total."""
    mean = baseline_total / baseline_weeks
    count = max(1, int(mean))
    while count < _MAX_THRESHOLD and p_value(count, baseline_total, baseline_weeks) > alpha:
        count += 1
    return count


def weeks_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The Mondays from the week of `first` to the week of `last`, inclusive."""
    monday = first - dt.timedelta(days=first.weekday())
    end = last - dt.timedelta(days=last.weekday())
    weeks = []
    while monday <= end:
        weeks.append(monday)
        monday += dt.timedelta(days=7)
    return weeks


def find_spikes(
    counts: Mapping[SeriesKey, Mapping[dt.date, int]],
    *,
    weeks: Sequence[dt.date],
    tested: Iterable[dt.date] | None = None,
    baseline_weeks: int = BASELINE_WEEKS,
) -> list[Spike]:
    """Every (series, week) whose count reaches its threshold.

    `counts` are the weekly counts (missing weeks are 0) over the consecutive Mondays
    `weeks`; `tested` are the weeks to test (default: every week that has a full baseline
    inside `weeks`). The current, unfinished week may be among them: see the module's note.
    Alpha is per municipality, from the number of series it has in `counts`.
    """
    per_municipality: dict[int, int] = {}
    for key in counts:
        per_municipality[key.municipality_id] = per_municipality.get(key.municipality_id, 0) + 1
    position = {week: i for i, week in enumerate(weeks)}
    to_test = sorted(
        {w for w in (tested if tested is not None else weeks) if position.get(w, -1) >= 0}
    )
    found = []
    for key, series in counts.items():
        alpha = per_test_alpha(per_municipality[key.municipality_id])
        for week in to_test:
            i = position[week]
            if i < baseline_weeks:
                continue
            count = series.get(week, 0)
            if count == 0:
                continue
            total = sum(series.get(w, 0) for w in weeks[i - baseline_weeks : i])
            limit = threshold(total, alpha, baseline_weeks)
            if count >= limit:
                found.append(
                    Spike(
                        key=key,
                        week=week,
                        count=count,
                        expected=total / baseline_weeks,
                        threshold=limit,
                        p_value=p_value(count, total, baseline_weeks),
                        alpha=alpha,
                    )
                )
    found.sort(key=lambda s: (s.week, s.key), reverse=True)
    return found
