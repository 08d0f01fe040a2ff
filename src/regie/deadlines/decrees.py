"""Days equated with a recognised holiday by royal decree (Algemene termijnenwet, artikel 3).

The government publishes such a decree every few years, usually for the Friday "bridge days"
after Ascension Day, King's Day or a holiday on a Thursday. They cannot be derived from a
rule, so they are data. To add one: append the date below (keep the list sorted) and add it
to the example test in ``tests/deadlines/test_calendar.py``. A municipality that cannot wait
for a Regie release passes the date as ``AtwCalendar(extra_days=...)`` (the Django side loads
those from the database).
"""

from datetime import date

KNOWN_DECREE_DAYS: frozenset[date] = frozenset(
    {
        date(2023, 4, 28),  # Friday after King's Day
        date(2023, 5, 19),  # Friday after Ascension Day
        date(2024, 5, 10),  # Friday after Ascension Day
        date(2024, 12, 27),  # Friday after Boxing Day
        date(2025, 5, 30),  # Friday after Ascension Day
        date(2026, 1, 2),  # Friday after New Year's Day
        date(2026, 5, 15),  # Friday after Ascension Day
        date(2027, 5, 7),  # Friday after Ascension Day
        date(2028, 4, 28),  # Friday after King's Day
        date(2028, 5, 26),  # Friday after Ascension Day
    }
)
