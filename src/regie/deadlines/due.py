"""Computing a due date for a regime: the one entry point the web, the API and the CLI share."""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from regie.deadlines.calendar import AtwCalendar
from regie.deadlines.counting import count_term
from regie.deadlines.errors import InvalidStart
from regie.deadlines.explanation import explain
from regie.deadlines.regime import Option, Regime
from regie.deadlines.regimes import get_regime
from regie.deadlines.terms import Term

DUTCH_TIME = ZoneInfo("Europe/Amsterdam")

# Building a calendar is cheap, but its per-year cache is what makes a worklist fast.
_DEFAULT_CALENDAR = AtwCalendar()


@dataclass(frozen=True, slots=True)
class DueDate:
    regime: str
    start: date
    # The plain count (start + term) before the Atw moves it past non-working days.
    nominal: date
    due: date
    explanation: tuple[str, ...]
    term: Term
    options: tuple[str, ...]
    legal_basis: str

    def to_dict(self) -> dict[str, object]:
        """JSON-ready; keys in lowerCamelCase as the NL API Design Rules ask."""
        return {
            "regime": self.regime,
            "start": self.start.isoformat(),
            "nominal": self.nominal.isoformat(),
            "due": self.due.isoformat(),
            "term": self.term.to_dict(),
            "options": list(self.options),
            "legalBasis": self.legal_basis,
            "explanation": list(self.explanation),
        }


def compute_due(
    regime: str | Regime,
    start: date | datetime,
    *,
    committee: bool = False,
    extended: bool = False,
    crisis: bool = False,
    calendar: AtwCalendar | None = None,
) -> DueDate:
    """The due date of a term of ``regime`` started by the fact at ``start``.

    ``regime`` is a statutory identifier (see ``REGIMES``) or a ``Regime`` such as a
    municipality's service norm. ``start`` is a date, or an aware datetime that is turned into
    the calendar day in the Netherlands. An option the regime lacks raises
    ``UnsupportedOption``; an unknown identifier raises ``UnknownRegime``.
    """
    chosen_regime = get_regime(regime) if isinstance(regime, str) else regime
    start_day, start_moment = to_dutch_day(start)
    chosen = [
        option
        for option, wanted in (
            (Option.COMMITTEE, committee),
            (Option.EXTENDED, extended),
            (Option.CRISIS, crisis),
        )
        if wanted
    ]
    resolved = chosen_regime.resolve(chosen)
    if calendar is None:
        calendar = _DEFAULT_CALENDAR
    counted = count_term(start_day, resolved.term, calendar)
    return DueDate(
        regime=chosen_regime.identifier,
        start=start_day,
        nominal=counted.nominal,
        due=counted.due,
        explanation=explain(
            regime=chosen_regime,
            resolved=resolved,
            counted=counted,
            calendar=calendar,
            start_moment=start_moment,
        ),
        term=resolved.term,
        options=tuple(option.value for option in resolved.options),
        legal_basis=chosen_regime.legal_basis,
    )


def to_dutch_day(start: date | datetime) -> tuple[date, datetime | None]:
    """The calendar day in the Netherlands, and the moment in Dutch time when one was given.

    A naive datetime is refused: guessing its zone could shift a deadline by a day.
    """
    if isinstance(start, datetime):
        if start.tzinfo is None or start.utcoffset() is None:
            raise InvalidStart(f"a start moment needs a time zone, got {start.isoformat()}")
        moment = start.astimezone(DUTCH_TIME)
        return moment.date(), moment
    if isinstance(start, date):
        return start, None
    raise InvalidStart(f"start must be a date or an aware datetime, got {start!r}")
