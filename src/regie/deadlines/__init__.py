"""Deadlines under Dutch law: the Algemene termijnenwet calendar, regimes, and explained due
dates. Pure Python (no Django), so the web app, the API, the CLI and batch jobs share it.

    >>> from datetime import date
    >>> compute_due("awb-klacht", date(2026, 3, 24)).due
    datetime.date(2026, 5, 6)
"""

from regie.deadlines.calendar import AtwCalendar, easter_sunday
from regie.deadlines.decrees import KNOWN_DECREE_DAYS
from regie.deadlines.due import DUTCH_TIME, DueDate, compute_due, to_dutch_day
from regie.deadlines.errors import (
    ConflictingOptions,
    DeadlineError,
    InvalidStart,
    UnknownRegime,
    UnsupportedOption,
)
from regie.deadlines.regime import Option, Regime, TermOption
from regie.deadlines.regimes import (
    COMPLAINT_SCHEME_PREFIX,
    EXAMPLE_SERVICE_NORMS,
    REGIMES,
    complaint_scheme,
    get_regime,
    service_norm,
)
from regie.deadlines.terms import Term, TermUnit

__all__ = [
    "COMPLAINT_SCHEME_PREFIX",
    "DUTCH_TIME",
    "EXAMPLE_SERVICE_NORMS",
    "KNOWN_DECREE_DAYS",
    "REGIMES",
    "AtwCalendar",
    "ConflictingOptions",
    "DeadlineError",
    "DueDate",
    "InvalidStart",
    "Option",
    "Regime",
    "Term",
    "TermOption",
    "TermUnit",
    "UnknownRegime",
    "UnsupportedOption",
    "complaint_scheme",
    "compute_due",
    "easter_sunday",
    "get_regime",
    "service_norm",
    "to_dutch_day",
]
