"""The calendar of the Algemene termijnenwet (Atw): which days are no working day.

A day is no working day when it is a Saturday, a Sunday, a holiday listed in Atw artikel 3,
or a day equated with one by royal decree. This is deliberately *not* the calendar of the
``holidays`` package: that one has 5 May only once every five years and no decree days.

The current text of artikel 3 is applied to every supported year. Regie computes terms for
cases that are open now, so the history of the list (5 May and Good Friday were added later
than 1965) is not modelled; only the date of the monarch's birthday follows history, because
it moved with the monarch.
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import cache
from types import MappingProxyType

from regie.deadlines.decrees import KNOWN_DECREE_DAYS

FIRST_SUPPORTED_YEAR = 1950

NEW_YEARS_DAY = "Nieuwjaarsdag"
GOOD_FRIDAY = "Goede Vrijdag"
EASTER_MONDAY = "tweede paasdag"
KINGS_DAY = "Koningsdag"
QUEENS_DAY = "Koninginnedag"
LIBERATION_DAY = "Bevrijdingsdag"
ASCENSION_DAY = "Hemelvaartsdag"
WHIT_MONDAY = "tweede pinksterdag"
CHRISTMAS_DAY = "eerste kerstdag"
BOXING_DAY = "tweede kerstdag"
DECREE_DAY = "dag gelijkgesteld bij koninklijk besluit"

_SATURDAY = 5
_SUNDAY = 6


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_offset = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_offset) // 451
    month, day = divmod(h + weekday_offset - 7 * m + 114, 31)
    return date(year, month, day + 1)


def monarchs_birthday(year: int) -> tuple[date, str]:
    """The day the monarch's birthday is celebrated, and its name.

    It never falls on a Sunday: since 1980 it moves to the Saturday before, under Queen Juliana
    (until 1980) it moved to the Monday after.
    """
    if year >= 2014:
        day, name = date(year, 4, 27), KINGS_DAY
    else:
        day, name = date(year, 4, 30), QUEENS_DAY
    if day.weekday() == _SUNDAY:
        day += timedelta(days=-1 if year >= 1980 else 1)
    return day, name


@cache
def statutory_holidays(year: int) -> Mapping[date, str]:
    """The holidays of Atw artikel 3 in ``year`` (without decree days), with their Dutch names.

    Cached because a worklist recomputes thousands of deadlines in the same few years.
    """
    _check_supported(year)
    easter = easter_sunday(year)
    birthday, birthday_name = monarchs_birthday(year)
    entries = [
        (date(year, 1, 1), NEW_YEARS_DAY),
        (easter - timedelta(days=2), GOOD_FRIDAY),
        (easter + timedelta(days=1), EASTER_MONDAY),
        (birthday, birthday_name),
        # Every year, unlike the five-yearly day off in many collective labour agreements.
        (date(year, 5, 5), LIBERATION_DAY),
        (easter + timedelta(days=39), ASCENSION_DAY),
        (easter + timedelta(days=50), WHIT_MONDAY),
        (date(year, 12, 25), CHRISTMAS_DAY),
        (date(year, 12, 26), BOXING_DAY),
    ]
    names: dict[date, str] = {}
    for day, name in entries:
        # Ascension Day can fall on 5 May (as in 2016); a reader should see both names.
        names[day] = f"{names[day]} en {name}" if day in names else name
    return MappingProxyType(dict(sorted(names.items())))


def _check_supported(year: int) -> None:
    if year < FIRST_SUPPORTED_YEAR:
        raise ValueError(f"the Atw calendar covers {FIRST_SUPPORTED_YEAR} and later, not {year}")


class AtwCalendar:
    """Working days under the Atw, with the known decree days plus any ``extra_days``.

    ``extra_days`` are days equated with a holiday by a royal decree that is newer than this
    release of Regie; an administrator enters them and the caller passes them in.
    """

    __slots__ = ("_by_year", "_decree_days")

    def __init__(self, extra_days: Iterable[date] = ()) -> None:
        extra = frozenset(extra_days)
        for day in extra:
            _require_date(day)
        self._decree_days = KNOWN_DECREE_DAYS | extra
        self._by_year: dict[int, Mapping[date, str]] = {}

    @property
    def decree_days(self) -> frozenset[date]:
        return self._decree_days

    def holidays(self, year: int) -> Mapping[date, str]:
        """All holidays and decree days in ``year``, sorted, with their Dutch names."""
        cached = self._by_year.get(year)
        if cached is None:
            statutory = statutory_holidays(year)
            names = dict(statutory)
            for day in self._decree_days:
                # A decree for a day that is a holiday anyway adds nothing worth naming.
                if day.year == year and day not in statutory:
                    names[day] = DECREE_DAY
            cached = MappingProxyType(dict(sorted(names.items())))
            # Only ever adds an equal value, so a race between threads is harmless.
            self._by_year[year] = cached
        return cached

    def holiday_name(self, day: date) -> str | None:
        return self.holidays(day.year).get(_require_date(day))

    def is_holiday(self, day: date) -> bool:
        return _require_date(day) in self.holidays(day.year)

    def is_weekend(self, day: date) -> bool:
        return _require_date(day).weekday() in (_SATURDAY, _SUNDAY)

    def is_working_day(self, day: date) -> bool:
        day = _require_date(day)
        return day.weekday() < _SATURDAY and day not in self.holidays(day.year)

    def next_working_day_on_or_after(self, day: date) -> date:
        """``day`` itself when it is a working day, else the first working day after it."""
        current = _require_date(day)
        while not self.is_working_day(current):
            current += timedelta(days=1)
        return current

    def next_working_day_after(self, day: date) -> date:
        return self.next_working_day_on_or_after(_require_date(day) + timedelta(days=1))

    def __repr__(self) -> str:
        extra = sorted(self._decree_days - KNOWN_DECREE_DAYS)
        return f"AtwCalendar(extra_days={extra!r})"


def _require_date(day: object) -> date:
    # A datetime is a date subclass that never equals a date, so a lookup would silently miss;
    # turning it into a Dutch calendar day is the caller's job (it needs the time zone).
    if not isinstance(day, date) or isinstance(day, datetime):
        raise TypeError(f"expected a date, got {day!r}")
    return day
