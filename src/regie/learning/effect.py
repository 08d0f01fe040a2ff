"""Did the measure help? The weekly counts of a recommendation's series before and after it
took effect, and whether the difference is more than chance.

Before: the BEFORE_WEEKS full weeks before the week the measure took effect (a spike the
recommendation came from is in them: that is the problem it answers). After: the full weeks
from the week after it took effect up to last week, at most AFTER_WEEKS. The week of the
change itself is mixed and left out.

The test is the spike detector's (spikes.py), the other way round: under "nothing changed"
the counts are Poisson with one rate, and given the total T of both periods the after-count
is Binomial(T, a / (a + b)) for a after-weeks and b before-weeks. The one-sided p-value of a
fall is P(X <= after-count). A fall is called "waarschijnlijk geen toeval" below 0.05; with
fewer than MIN_AFTER_WEEKS after-weeks nothing is said at all. This is evidence, not proof:
a season, a change in registration or a new provider can move a series too, and the page
says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from scipy.stats import binom

from regie.cases.models import Case
from regie.learning.models import Recommendation, Theme
from regie.learning.recommendations import THEME_SERIES
from regie.learning.spikes import SeriesKey, weeks_between
from regie.learning.themes import theme_counts
from regie.learning.trends import week_start, weekly_counts

BEFORE_WEEKS = 12
AFTER_WEEKS = 12
MIN_AFTER_WEEKS = 4
SIGNIFICANT = 0.05


@dataclass(frozen=True)
class Period:
    weeks: tuple[dt.date, ...]
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def per_week(self) -> float:
        return self.total / len(self.weeks) if self.weeks else 0.0


@dataclass(frozen=True)
class Effect:
    since: dt.date | None  # when the measure took effect; None: not carried out yet
    before: Period
    after: Period
    p_fall: float | None  # None when there is not enough "after" to say anything
    p_rise: float | None

    @property
    def change(self) -> float | None:
        """The relative change of the weekly mean, -0.4 for 40 % fewer."""
        if not self.after.weeks or not self.before.per_week:
            return None
        return self.after.per_week / self.before.per_week - 1

    @property
    def verdict(self) -> str:
        """In words, for the page."""
        if self.since is None:
            return "De aanbeveling is nog niet uitgevoerd. Hieronder ziet u de laatste weken."
        if len(self.after.weeks) < MIN_AFTER_WEEKS:
            return (
                f"Het is nog te vroeg om iets te zeggen: na {MIN_AFTER_WEEKS} volle weken "
                "vergelijkt Regie de weken voor en na de maatregel."
            )
        before, after = _number(self.before.per_week), _number(self.after.per_week)
        if self.p_fall is not None and self.p_fall < SIGNIFICANT:
            return (
                f"Minder zaken: gemiddeld {after} per week na de maatregel, {before} ervoor. "
                "Zo'n daling is waarschijnlijk geen toeval."
            )
        if self.p_rise is not None and self.p_rise < SIGNIFICANT:
            return (
                f"Meer zaken: gemiddeld {after} per week na de maatregel, {before} ervoor. "
                "Die stijging is waarschijnlijk geen toeval: kijk of de maatregel werkt."
            )
        return (
            f"Gemiddeld {after} per week na de maatregel, {before} ervoor. Het verschil kan "
            "toeval zijn: er is (nog) geen duidelijk effect te zien."
        )


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _period(series: dict[dt.date, int], weeks: list[dt.date]) -> Period:
    return Period(tuple(weeks), tuple(series.get(w, 0) for w in weeks))


def _theme_series(
    cases: QuerySet[Case], key: SeriesKey, weeks: list[dt.date]
) -> dict[dt.date, int]:
    """A named theme's weekly counts (matched on its words, see `themes.themes_counts`)."""
    theme = Theme.objects.filter(pk=int(key.value), municipality_id=key.municipality_id).first()
    if theme is None or not weeks:
        return {}
    return dict(zip(weeks, theme_counts(cases, theme, weeks), strict=True))


def series_key(recommendation: Recommendation) -> SeriesKey | None:
    if not recommendation.dimension:
        return None
    return SeriesKey(recommendation.municipality_id, recommendation.dimension, recommendation.value)


def effect(cases: QuerySet[Case], recommendation: Recommendation, today: dt.date) -> Effect | None:
    """`cases`: the municipality's cases as the caller may see them. None when the
    recommendation is about no series."""
    key = series_key(recommendation)
    if key is None:
        return None
    last_full = week_start(today) - dt.timedelta(weeks=1)
    since = recommendation.effective_from
    pivot = week_start(since) if since is not None else week_start(today)
    before_weeks = [pivot - dt.timedelta(weeks=n) for n in range(BEFORE_WEEKS, 0, -1)]
    after_weeks = (
        weeks_between(pivot + dt.timedelta(weeks=1), last_full)[:AFTER_WEEKS]
        if since is not None and pivot + dt.timedelta(weeks=1) <= last_full
        else []
    )
    visible = cases.filter(municipality_id=key.municipality_id)
    if key.dimension == THEME_SERIES:
        series = _theme_series(visible, key, before_weeks + after_weeks)
    else:
        counts = weekly_counts(
            visible,
            key.dimension,
            first=before_weeks[0],
            last=(after_weeks[-1] + dt.timedelta(days=6)) if after_weeks else pivot,
        )
        series = counts.get(key, {})
    before, after = _period(series, before_weeks), _period(series, after_weeks)
    p_fall = p_rise = None
    if since is not None and len(after_weeks) >= MIN_AFTER_WEEKS:
        total = before.total + after.total
        share = len(after_weeks) / (len(after_weeks) + len(before_weeks))
        p_fall = float(binom.cdf(after.total, total, share)) if total else 1.0
        p_rise = float(binom.sf(after.total - 1, total, share)) if total else 1.0
    return Effect(since=since, before=before, after=after, p_fall=p_fall, p_rise=p_rise)


__all__ = ["Effect", "Period", "effect", "series_key"]
