from datetime import date, datetime, timedelta

import pytest
from hypothesis import given

from regie.deadlines import KNOWN_DECREE_DAYS, AtwCalendar, easter_sunday

from .support import days, years

calendar = AtwCalendar()

DECREE_DAYS_FROM_LEGAL_MD = [
    date(2023, 4, 28),
    date(2023, 5, 19),
    date(2024, 5, 10),
    date(2024, 12, 27),
    date(2025, 5, 30),
    date(2026, 1, 2),
    date(2026, 5, 15),
    date(2027, 5, 7),
    date(2028, 4, 28),
    date(2028, 5, 26),
]


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (1961, date(1961, 4, 2)),
        (1990, date(1990, 4, 15)),
        (2000, date(2000, 4, 23)),
        (2008, date(2008, 3, 23)),
        (2011, date(2011, 4, 24)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_it_computes_easter_sunday(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


@given(years)
def test_easter_agrees_with_dateutil(year: int) -> None:
    dateutil_easter = pytest.importorskip("dateutil.easter")
    assert easter_sunday(year) == dateutil_easter.easter(year)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 1, 1), "Nieuwjaarsdag"),
        (date(2026, 4, 3), "Goede Vrijdag"),
        (date(2026, 4, 6), "tweede paasdag"),
        (date(2026, 4, 27), "Koningsdag"),
        (date(2026, 5, 5), "Bevrijdingsdag"),
        (date(2026, 5, 14), "Hemelvaartsdag"),
        (date(2026, 5, 25), "tweede pinksterdag"),
        (date(2026, 12, 25), "eerste kerstdag"),
        (date(2026, 12, 26), "tweede kerstdag"),
        # Easter-derived days in a year with an early Easter (24 March 2024... 31 March).
        (date(2024, 3, 29), "Goede Vrijdag"),
        (date(2024, 4, 1), "tweede paasdag"),
        (date(2024, 5, 9), "Hemelvaartsdag"),
        (date(2024, 5, 20), "tweede pinksterdag"),
    ],
)
def test_it_names_every_article_3_holiday(day: date, name: str) -> None:
    assert calendar.holiday_name(day) == name
    assert calendar.is_holiday(day)
    assert not calendar.is_working_day(day)


def test_it_moves_kings_day_to_saturday_when_27_april_is_a_sunday() -> None:
    assert date(2025, 4, 27).weekday() == 6
    assert calendar.holiday_name(date(2025, 4, 26)) == "Koningsdag"
    assert not calendar.is_holiday(date(2025, 4, 27))


def test_it_moved_the_first_kings_day_in_2014_to_26_april() -> None:
    assert calendar.holiday_name(date(2014, 4, 26)) == "Koningsdag"
    assert not calendar.is_holiday(date(2014, 4, 30))


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2013, 4, 30), "Koninginnedag"),
        (date(2006, 4, 29), "Koninginnedag"),  # 30 April 2006 was a Sunday
        (date(1989, 4, 29), "Koninginnedag"),  # 30 April 1989 was a Sunday
        (date(1978, 5, 1), "Koninginnedag"),  # under Queen Juliana: the Monday after
        (date(1965, 4, 30), "Koninginnedag"),
    ],
)
def test_it_keeps_queens_day_before_2014(day: date, name: str) -> None:
    assert calendar.holiday_name(day) == name


@pytest.mark.parametrize("year", [2026, 2027, 2029, 2031])
def test_it_counts_liberation_day_every_year_not_only_every_fifth(year: int) -> None:
    assert year % 5 != 0
    assert calendar.holiday_name(date(year, 5, 5)) == "Bevrijdingsdag"


def test_it_names_both_holidays_when_ascension_day_falls_on_liberation_day() -> None:
    assert calendar.holiday_name(date(2016, 5, 5)) == "Bevrijdingsdag en Hemelvaartsdag"


@pytest.mark.parametrize("day", DECREE_DAYS_FROM_LEGAL_MD)
def test_it_treats_every_known_decree_day_as_a_holiday(day: date) -> None:
    assert calendar.holiday_name(day) == "dag gelijkgesteld bij koninklijk besluit"
    assert not calendar.is_working_day(day)


def test_it_holds_exactly_the_decree_days_listed_in_legal_md() -> None:
    assert frozenset(DECREE_DAYS_FROM_LEGAL_MD) == KNOWN_DECREE_DAYS


def test_an_administrator_can_add_a_future_decree_day() -> None:
    bridge_day = date(2029, 5, 11)  # the Friday after Ascension Day 2029
    assert calendar.is_working_day(bridge_day)

    with_decree = AtwCalendar(extra_days=[bridge_day])

    assert with_decree.holiday_name(bridge_day) == "dag gelijkgesteld bij koninklijk besluit"
    assert not with_decree.is_working_day(bridge_day)
    assert with_decree.decree_days == KNOWN_DECREE_DAYS | {bridge_day}


def test_an_extra_day_does_not_change_the_shared_default_calendar() -> None:
    AtwCalendar(extra_days=[date(2029, 5, 11)])
    assert AtwCalendar().is_working_day(date(2029, 5, 11))


def test_an_extra_day_on_a_statutory_holiday_keeps_the_holiday_name() -> None:
    with_decree = AtwCalendar(extra_days=[date(2029, 5, 5)])
    assert with_decree.holiday_name(date(2029, 5, 5)) == "Bevrijdingsdag"


def test_it_refuses_datetimes_as_extra_days() -> None:
    with pytest.raises(TypeError, match="expected a date"):
        AtwCalendar(extra_days=[datetime(2029, 5, 11, 12, 0)])


def test_it_refuses_a_datetime_where_a_calendar_day_is_meant() -> None:
    with pytest.raises(TypeError, match="expected a date"):
        calendar.is_working_day(datetime(2026, 5, 5, 12, 0))


def test_it_refuses_years_before_1950() -> None:
    with pytest.raises(ValueError, match="1950"):
        calendar.is_holiday(date(1949, 12, 26))


def test_saturdays_and_sundays_are_no_working_days_even_without_a_holiday() -> None:
    assert not calendar.is_working_day(date(2026, 3, 28))
    assert not calendar.is_working_day(date(2026, 3, 29))
    assert calendar.holiday_name(date(2026, 3, 28)) is None
    assert calendar.is_working_day(date(2026, 3, 30))


def test_easter_sunday_is_no_working_day_but_no_article_3_holiday_either() -> None:
    assert calendar.holiday_name(date(2026, 4, 5)) is None
    assert not calendar.is_working_day(date(2026, 4, 5))


def test_it_finds_the_next_working_day_past_a_weekend_and_kings_day() -> None:
    # Saturday 25 April 2026, Sunday 26, King's Day on Monday 27.
    assert calendar.next_working_day_on_or_after(date(2026, 4, 25)) == date(2026, 4, 28)
    assert calendar.next_working_day_on_or_after(date(2026, 4, 28)) == date(2026, 4, 28)


def test_it_caches_each_year_once() -> None:
    fresh = AtwCalendar()
    assert fresh.holidays(2026) is fresh.holidays(2026)


def test_the_holidays_of_a_year_are_read_only() -> None:
    with pytest.raises(TypeError):
        calendar.holidays(2026)[date(2026, 6, 1)] = "nep"  # type: ignore[index]


@given(days)
def test_the_next_working_day_is_the_first_working_day_on_or_after(day: date) -> None:
    found = calendar.next_working_day_on_or_after(day)
    assert calendar.is_working_day(found)
    assert found >= day
    assert all(
        not calendar.is_working_day(day + timedelta(offset)) for offset in range((found - day).days)
    )


@given(years)
def test_a_year_has_the_nine_statutory_holidays_plus_decree_days(year: int) -> None:
    holidays = calendar.holidays(year)
    decree_days = {day for day in KNOWN_DECREE_DAYS if day.year == year}
    # Nine dates, fewer only when two holidays share a date (5 May and Ascension Day).
    collisions = sum(" en " in name for name in holidays.values())
    assert len(holidays) == 9 - collisions + len(decree_days)
