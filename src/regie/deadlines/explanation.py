"""The plain-Dutch (B1) explanation that goes with every computed due date.

One sentence per item, so a letter or a page can show them as a list. The numbers and dates
come from the computation itself, never from hand-written text, so they cannot disagree.
"""

from datetime import date, datetime

from regie.deadlines.calendar import DECREE_DAY, AtwCalendar
from regie.deadlines.counting import CountedTerm
from regie.deadlines.dutch import (
    capitalize_first,
    format_date,
    format_moment,
    join_list,
    weekday_name,
)
from regie.deadlines.regime import Regime, ResolvedTerm
from regie.deadlines.terms import TermUnit


def explain(
    *,
    regime: Regime,
    resolved: ResolvedTerm,
    counted: CountedTerm,
    calendar: AtwCalendar,
    start_moment: datetime | None,
) -> tuple[str, ...]:
    sentences: list[str] = []
    if start_moment is not None:
        # The reader may have seen a UTC timestamp; say which Dutch day the term counts from.
        sentences.append(
            f"{capitalize_first(regime.start_event)} was op {format_moment(start_moment)}"
            " (Nederlandse tijd)."
        )
    if not regime.bound_by_atw:
        sentences += [
            regime.own_rule,
            "Regie telt deze termijn op dezelfde manier als een wettelijke termijn.",
        ]
    sentences += resolved.sentences
    sentences.append(
        f"{counted.term.in_dutch()} na {regime.start_event} op {format_date(counted.start)}"
        f" is {format_date(counted.nominal)}."
    )
    if counted.term.unit is TermUnit.WORKING_DAYS:
        sentences += _working_days_sentences(counted, calendar)
    else:
        sentences += _roll_forward_sentences(counted, calendar, regime.bound_by_atw)
    sentences.append(f"De uiterste datum is {format_date(counted.due)}.")
    if regime.bound_by_atw:
        sentences.append(f"De termijn staat in {regime.legal_basis}.")
    if regime.note:
        sentences.append(regime.note)
    return tuple(sentences)


def _working_days_sentences(counted: CountedTerm, calendar: AtwCalendar) -> list[str]:
    sentences = ["Zaterdagen, zondagen en feestdagen tellen niet mee als werkdag."]
    holidays = [
        f"{calendar.holiday_name(day)} op {format_date(day)}"
        for day in counted.holidays_not_counted
    ]
    if len(holidays) == 1:
        sentences.append(f"Deze feestdag valt in de termijn: {holidays[0]}.")
    elif holidays:
        sentences.append(f"Deze feestdagen vallen in de termijn: {join_list(holidays)}.")
    return sentences


def _roll_forward_sentences(
    counted: CountedTerm, calendar: AtwCalendar, bound_by_atw: bool
) -> list[str]:
    if not counted.rolled_past:
        sentences = ["Dat is een werkdag."]
    else:
        first, *others = counted.rolled_past
        sentences = [f"Dat is {_describe_day_off(first, calendar)}."]
        if others:
            listed = join_list([_date_with_holiday(day, calendar) for day in others])
            verb = "is" if len(others) == 1 else "zijn"
            sentences.append(f"Ook {listed} {verb} geen werkdag.")
        sentences.append(
            f"De termijn loopt door tot {format_date(counted.after_article_1)}"
            f" ({_atw_reference(1, bound_by_atw)})."
        )
    if counted.extended_by_article_2:
        sentences += [
            "Er zitten dan minder dan twee werkdagen in de termijn.",
            (
                f"Daarom loopt de termijn door tot {format_date(counted.due)}"
                f" ({_atw_reference(2, bound_by_atw)})."
            ),
        ]
    return sentences


def _describe_day_off(day: date, calendar: AtwCalendar) -> str:
    name = calendar.holiday_name(day)
    weekend = f"een {weekday_name(day)}" if calendar.is_weekend(day) else ""
    if name == DECREE_DAY:
        name = "een dag die bij koninklijk besluit gelijkstaat aan een feestdag"
    if name and weekend:
        return f"{name}, {weekend}"
    return name or weekend


def _date_with_holiday(day: date, calendar: AtwCalendar) -> str:
    name = calendar.holiday_name(day)
    return f"{format_date(day)} ({name})" if name else format_date(day)


def _atw_reference(article: int, bound_by_atw: bool) -> str:
    reference = f"Algemene termijnenwet, artikel {article}"
    # A service norm is not bound by the Atw; do not tell a resident that the law applies.
    return reference if bound_by_atw else f"zoals in de {reference}"
