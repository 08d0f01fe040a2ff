"""Dutch wording for explanations, written out by hand.

We do not use the ``locale`` module: it depends on which locales the server has installed and
it is process-global, so a web worker could switch it under another request's feet.
"""

from collections.abc import Sequence
from datetime import date, datetime

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def weekday_name(day: date) -> str:
    return WEEKDAYS[day.weekday()]


def format_date(day: date) -> str:
    """``dinsdag 24 maart 2026``: the weekday helps a reader check the date at a glance."""
    return f"{weekday_name(day)} {day.day} {MONTHS[day.month - 1]} {day.year}"


def format_moment(moment: datetime) -> str:
    """``dinsdag 24 maart 2026 om 00:30 uur`` for a datetime already in Dutch time."""
    return f"{format_date(moment.date())} om {moment:%H:%M} uur"


def count_noun(amount: int, singular: str, plural: str) -> str:
    return f"{amount} {singular if amount == 1 else plural}"


def join_list(items: Sequence[str]) -> str:
    """``a, b en c``: Dutch uses no comma before the last "en"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} en {items[-1]}"


def capitalize_first(text: str) -> str:
    # str.capitalize() would lower-case the rest ("Awb" -> "awb").
    return text[:1].upper() + text[1:]
