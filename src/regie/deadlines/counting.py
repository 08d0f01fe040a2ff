"""Counting a term from its start date under the Algemene termijnenwet (Atw).

* n weeks after D: D + 7n days; when that day is no working day the term runs on to the next
  working day (Atw artikel 1); then a term of three days or more must contain two working days
  (Atw artikel 2).
* n working days after D: the n-th working day after D. It is a working day by construction,
  so artikel 1 never moves it. Artikel 2 is not applied: it is written for terms counted in
  days, and a term of "1 werkdag" from a Friday must end on the Monday, not the Tuesday.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from regie.deadlines.calendar import AtwCalendar
from regie.deadlines.terms import Term, TermUnit

# Atw artikel 2: a term "van ten minste drie dagen" holds at least two working days.
ARTICLE_2_MIN_TERM_DAYS = 3
ARTICLE_2_MIN_WORKING_DAYS = 2


@dataclass(frozen=True, slots=True)
class CountedTerm:
    start: date
    term: Term
    # The plain count before Atw artikel 1 and 2; for working days it equals ``due``.
    nominal: date
    # The days artikel 1 ran past: ``nominal`` and the non-working days right after it.
    rolled_past: tuple[date, ...]
    # ``due`` differs from the day after artikel 1 only when artikel 2 extended the term.
    after_article_1: date
    due: date
    # For working-day terms: the holidays on weekdays that were not counted.
    holidays_not_counted: tuple[date, ...]

    @property
    def extended_by_article_2(self) -> bool:
        return self.due != self.after_article_1


def add_weeks(start: date, weeks: int) -> date:
    return start + timedelta(weeks=weeks)


def roll_forward(day: date, calendar: AtwCalendar) -> date:
    """Atw artikel 1: a term ending on a Saturday, Sunday or holiday runs on to the next day
    that is none of these."""
    return calendar.next_working_day_on_or_after(day)


def add_working_days(start: date, count: int, calendar: AtwCalendar) -> date:
    """The ``count``-th working day after ``start``; ``start`` itself never counts."""
    if count < 1:
        raise ValueError(f"count at least 1 working day, got {count}")
    day = start
    for _ in range(count):
        day = calendar.next_working_day_after(day)
    return day


def working_days_between(start: date, end: date, calendar: AtwCalendar) -> int:
    """Working days after ``start`` up to and including ``end``: the days inside a term."""
    days = (end - start).days
    return sum(
        1 for offset in range(1, days + 1) if calendar.is_working_day(start + timedelta(offset))
    )


def extend_for_article_2(start: date, end: date, calendar: AtwCalendar) -> date:
    """Atw artikel 2: extend a term of at least three days until it holds two working days.

    Holding two working days means reaching the second working day after ``start``; asking
    for that day is faster than counting every day of a six-week term.
    """
    if (end - start).days < ARTICLE_2_MIN_TERM_DAYS:
        return end
    return max(end, add_working_days(start, ARTICLE_2_MIN_WORKING_DAYS, calendar))


def count_term(start: date, term: Term, calendar: AtwCalendar) -> CountedTerm:
    if term.unit is TermUnit.WORKING_DAYS:
        due = add_working_days(start, term.amount, calendar)
        skipped_holidays = [
            day
            for year in range(start.year, due.year + 1)
            for day in calendar.holidays(year)
            if start < day < due and not calendar.is_weekend(day)
        ]
        return CountedTerm(
            start=start,
            term=term,
            nominal=due,
            rolled_past=(),
            after_article_1=due,
            due=due,
            holidays_not_counted=tuple(skipped_holidays),
        )

    nominal = add_weeks(start, term.amount)
    after_article_1 = roll_forward(nominal, calendar)
    rolled_past = tuple(
        nominal + timedelta(offset) for offset in range((after_article_1 - nominal).days)
    )
    return CountedTerm(
        start=start,
        term=term,
        nominal=nominal,
        rolled_past=rolled_past,
        after_article_1=after_article_1,
        due=extend_for_article_2(start, after_article_1, calendar),
        holidays_not_counted=(),
    )
