from datetime import date, timedelta

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from regie.deadlines import AtwCalendar, Term
from regie.deadlines.counting import (
    add_working_days,
    count_term,
    extend_for_article_2,
    roll_forward,
    working_days_between,
)

from .support import days

calendar = AtwCalendar()
weeks = st.integers(min_value=1, max_value=60)
working_day_counts = st.integers(min_value=1, max_value=60)


def test_it_rolls_deadline_past_liberation_day() -> None:
    counted = count_term(date(2026, 3, 24), Term.weeks(6), calendar)
    assert counted.nominal == date(2026, 5, 5)
    assert counted.rolled_past == (date(2026, 5, 5),)
    assert counted.due == date(2026, 5, 6)


def test_it_rolls_past_a_weekend_and_easter_monday_in_one_go() -> None:
    # Saturday 4 April 2026, Easter Sunday 5, Easter Monday 6.
    assert roll_forward(date(2026, 4, 4), calendar) == date(2026, 4, 7)


def test_it_leaves_a_term_ending_on_a_working_day_alone() -> None:
    counted = count_term(date(2026, 2, 24), Term.weeks(6), calendar)
    assert counted.nominal == counted.due == date(2026, 4, 7)
    assert counted.rolled_past == ()


def test_it_counts_working_days_past_a_weekend_and_liberation_day() -> None:
    # Friday 1 May 2026; Monday 4 counts, Tuesday 5 May does not, then Wednesday and Thursday.
    counted = count_term(date(2026, 5, 1), Term.working_days(3), calendar)
    assert counted.due == date(2026, 5, 7)
    assert counted.holidays_not_counted == (date(2026, 5, 5),)


def test_it_counts_working_days_over_christmas_and_a_decree_day() -> None:
    # Monday 23 December 2024: 24 counts; 25, 26 and decree day 27 do not; then 30, 31.
    assert add_working_days(date(2024, 12, 23), 3, calendar) == date(2024, 12, 31)


def test_the_start_day_itself_never_counts_as_a_working_day() -> None:
    assert add_working_days(date(2026, 3, 24), 1, calendar) == date(2026, 3, 25)


def test_it_refuses_zero_working_days() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        add_working_days(date(2026, 3, 24), 0, calendar)


def test_a_term_needs_at_least_one_unit() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        Term.weeks(0)


def test_article_2_extends_a_week_that_holds_only_one_working_day() -> None:
    # A made-up decree closes Monday to Thursday of the week after Friday 5 June 2026, so the
    # week ending on Friday 12 June holds one working day: the term runs on to Monday 15 June.
    closed = [date(2026, 6, 8) + timedelta(days=offset) for offset in range(4)]
    strict = AtwCalendar(extra_days=closed)

    counted = count_term(date(2026, 6, 5), Term.weeks(1), strict)

    assert counted.after_article_1 == date(2026, 6, 12)
    assert counted.extended_by_article_2
    assert counted.due == date(2026, 6, 15)
    assert working_days_between(counted.start, counted.due, strict) == 2


def test_article_2_does_not_apply_to_a_term_shorter_than_three_days() -> None:
    # Friday to Sunday: two days, no working day inside, and artikel 2 does not apply.
    assert extend_for_article_2(date(2026, 3, 27), date(2026, 3, 29), calendar) == date(2026, 3, 29)


def test_article_2_extends_a_three_day_term_without_two_working_days() -> None:
    # Friday 27 March to Monday 30 March holds one working day; Tuesday makes two.
    assert extend_for_article_2(date(2026, 3, 27), date(2026, 3, 30), calendar) == date(2026, 3, 31)


@given(days, weeks)
def test_a_week_term_is_due_on_a_working_day_never_before_its_nominal_date(
    start: date, amount: int
) -> None:
    counted = count_term(start, Term.weeks(amount), calendar)
    assert counted.nominal == start + timedelta(weeks=amount)
    assert calendar.is_working_day(counted.due)
    assert not calendar.is_weekend(counted.due)
    assert not calendar.is_holiday(counted.due)
    assert counted.due >= counted.nominal


@given(days, weeks)
def test_a_week_term_runs_on_only_to_the_first_working_day(start: date, amount: int) -> None:
    counted = count_term(start, Term.weeks(amount), calendar)
    assert counted.after_article_1 == counted.nominal + timedelta(len(counted.rolled_past))
    assert not any(calendar.is_working_day(day) for day in counted.rolled_past)
    assert calendar.is_working_day(counted.after_article_1)


@given(days, weeks)
def test_article_2_holds_for_every_week_term(start: date, amount: int) -> None:
    counted = count_term(start, Term.weeks(amount), calendar)
    assert working_days_between(start, counted.due, calendar) >= 2


@given(days, working_day_counts)
def test_n_working_days_counts_exactly_n_working_days(start: date, amount: int) -> None:
    counted = count_term(start, Term.working_days(amount), calendar)
    assert calendar.is_working_day(counted.due)
    assert working_days_between(start, counted.due, calendar) == amount
    assert counted.nominal == counted.due


@given(days, working_day_counts)
def test_working_days_list_every_weekday_holiday_they_skip(start: date, amount: int) -> None:
    counted = count_term(start, Term.working_days(amount), calendar)
    span = [start + timedelta(offset) for offset in range(1, (counted.due - start).days)]
    expected = tuple(day for day in span if day.weekday() < 5 and calendar.is_holiday(day))
    assert counted.holidays_not_counted == expected


WINDOW_START = date(2026, 1, 1)
WINDOW_DAYS = 120


@given(
    start_offset=st.integers(min_value=0, max_value=30),
    amount=st.integers(min_value=1, max_value=2),
    closedness=st.lists(st.integers(0, 3), min_size=WINDOW_DAYS, max_size=WINDOW_DAYS),
)
def test_the_due_date_is_the_earliest_day_meeting_articles_1_and_2(
    start_offset: int, amount: int, closedness: list[int]
) -> None:
    # Made-up decree days close about three in four days, so many weeks hold a single working
    # day and artikel 2 has to extend the term.
    closed = [WINDOW_START + timedelta(i) for i, level in enumerate(closedness) if level]
    strict = AtwCalendar(extra_days=closed)
    start = WINDOW_START + timedelta(start_offset)
    counted = count_term(start, Term.weeks(amount), strict)

    def acceptable(day: date) -> bool:
        return strict.is_working_day(day) and working_days_between(start, day, strict) >= 2

    event(f"extended by artikel 2: {counted.extended_by_article_2}")
    assert acceptable(counted.due)
    assert counted.due >= counted.nominal
    earlier = [counted.nominal + timedelta(o) for o in range((counted.due - counted.nominal).days)]
    assert not any(acceptable(day) for day in earlier)
