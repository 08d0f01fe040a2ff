"""The spike detector on series whose truth we know: synthetic Poisson weeks (the false-alarm
rate), a jump (found in its first week), and the demo generator's plan with and without a
planted failure of Thuiszorg Het Anker."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from bench.spikes import detection_part

from regie.learning.spikes import (
    QUARTER_WEEKS,
    SeriesKey,
    find_spikes,
    p_value,
    per_test_alpha,
    threshold,
    weeks_between,
)

MONDAY = dt.date(2024, 1, 1)


def synthetic(
    rates: list[float], weeks: int, *, seed: int, municipalities: int = 1
) -> dict[SeriesKey, dict[dt.date, int]]:
    """Weekly Poisson counts, one series per rate per municipality: nothing ever changes."""
    rng = np.random.default_rng(seed)
    mondays = [MONDAY + dt.timedelta(weeks=i) for i in range(weeks)]
    counts = {}
    for m in range(1, municipalities + 1):
        for i, rate in enumerate(rates):
            values = rng.poisson(rate, size=weeks)
            counts[SeriesKey(m, "thema", f"reeks-{i}")] = dict(
                zip(mondays, values.tolist(), strict=True)
            )
    return counts


def test_the_false_alarm_rate_is_stated_per_municipality_per_quarter() -> None:
    assert per_test_alpha(20) == pytest.approx(1 / (QUARTER_WEEKS * 20))
    # An empty baseline needs three cases in a week: one or two is chance.
    assert threshold(0, per_test_alpha(20)) == 3
    # The threshold is the smallest count whose p-value is at most alpha.
    alpha = per_test_alpha(25)
    for total in (0, 5, 12, 60, 240):
        limit = threshold(total, alpha)
        assert p_value(limit, total) <= alpha < p_value(limit - 1, total)


def test_on_steady_series_at_most_one_false_alarm_per_municipality_per_quarter() -> None:
    rates = [0.3, 0.5, 1, 1, 2, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 0.8, 1.5]
    weeks = 12 + 13 * 20  # a baseline, then twenty quarters
    counts = synthetic(rates, weeks, seed=9, municipalities=3)
    mondays = weeks_between(MONDAY, MONDAY + dt.timedelta(weeks=weeks - 1))

    spikes = find_spikes(counts, weeks=mondays)

    for municipality in (1, 2, 3):
        alarms = [s for s in spikes if s.key.municipality_id == municipality]
        assert len(alarms) / 20 <= 1.0, alarms


def test_a_jump_is_flagged_in_its_first_week_and_not_before() -> None:
    counts = synthetic([1.0] * 19, 30, seed=4)
    key = SeriesKey(1, "aanbieder", "7")
    mondays = weeks_between(MONDAY, MONDAY + dt.timedelta(weeks=29))
    counts[key] = {w: (1 if i % 2 else 0) for i, w in enumerate(mondays)}
    counts[key][mondays[25]] = 9  # a provider's care stops: nine complaints in one week

    spikes = [s for s in find_spikes(counts, weeks=mondays) if s.key == key]

    assert [s.week for s in spikes] == [mondays[25]]
    assert spikes[0].expected == pytest.approx(0.5)
    assert spikes[0].p_value <= spikes[0].alpha


def test_the_generator_plan_finds_the_planted_failure_within_a_week_and_rarely_cries_wolf() -> None:
    """The demo plan (pure Python, two years, both municipalities): with the planted failure
    of Het Anker from 2 March 2026 it is flagged within seven days in both municipalities;
    without it, a year of weekly tests raises at most one false alarm per quarter."""
    result = detection_part()

    for code, delay in result["delay_days"].items():
        assert delay is not None, code
        assert delay < 7, (code, delay)
    for code, row in result["municipalities"].items():
        assert row["false_per_quarter"] <= 1.0, (code, row)


def test_a_planted_failure_is_written_provider_start_days() -> None:
    from regie.demo.generator import PlantedFailure

    failure = PlantedFailure.parse("het-anker:2026-03-02:21")
    assert failure.provider == "het-anker"
    assert failure.start == dt.date(2026, 3, 2)
    assert failure.days == 21
    with pytest.raises(ValueError, match="onbekende aanbieder"):
        PlantedFailure.parse("bestaat-niet:2026-03-02:21")
    with pytest.raises(ValueError, match="isoformat"):
        PlantedFailure.parse("het-anker:2 maart:21")
