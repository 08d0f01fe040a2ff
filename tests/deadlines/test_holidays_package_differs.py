"""The ``holidays`` package's Dutch calendar is not the Atw calendar (LEGAL.md §3).

These tests pin where the two disagree, so nobody swaps one for the other by accident, and
check that they agree everywhere else.
"""

from datetime import date, timedelta

import pytest
from hypothesis import given

from regie.deadlines import KNOWN_DECREE_DAYS, AtwCalendar, compute_due, easter_sunday

from .support import years

holidays = pytest.importorskip("holidays")

calendar = AtwCalendar()


def test_holidays_package_lacks_liberation_day_2026_which_regie_counts() -> None:
    package = holidays.Netherlands(years=2026)
    assert date(2026, 5, 5) not in package
    assert calendar.holiday_name(date(2026, 5, 5)) == "Bevrijdingsdag"


@pytest.mark.parametrize("day", sorted(KNOWN_DECREE_DAYS))
def test_holidays_package_lacks_decree_days_which_regie_counts(day: date) -> None:
    assert day not in holidays.Netherlands(years=day.year)
    assert calendar.is_holiday(day)


def test_it_rolls_deadline_past_liberation_day_where_the_package_would_not() -> None:
    package = holidays.Netherlands(years=2026)
    due = compute_due("awb-klacht", date(2026, 3, 24))
    assert due.nominal == date(2026, 5, 5)
    assert due.nominal.weekday() < 5
    assert due.nominal not in package
    assert due.due == date(2026, 5, 6)


@given(years)
def test_regie_agrees_with_the_package_on_every_other_holiday(year: int) -> None:
    package = holidays.Netherlands(years=year)
    # The package also lists the two Sundays (Easter, Whit Sunday) that Atw art. 3 omits.
    easter = easter_sunday(year)
    from_package = set(package) - {easter, easter + timedelta(days=49)}
    # The package has 5 May only in lustrum years, unless Ascension Day falls on it.
    from_regie = {
        day
        for day, name in calendar.holidays(year).items()
        if day not in KNOWN_DECREE_DAYS and (name != "Bevrijdingsdag" or year % 5 == 0)
    }
    assert from_regie == from_package
