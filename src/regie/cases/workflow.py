"""The life of a case: which status may follow which, one table per kind, readable on one
screen. Every change of status goes through a service that asks `require_move` first, so a
step that is not in the table is refused with a Dutch message, in the pages and the API alike.

Complaints (Awb chapter 9, the Ombudsvisie: informal first, formal second, the ombudsman
third):

    ontvangen ─► in gesprek ─► (opgelost) afgehandeld ─► nazorg ─► gesloten
        │            │                     ▲    │
        └────────────┴─► formeel ─► hoorzitting ┘    └─► bij de ombudsman ─► gesloten
    any open step ─► geëscaleerd (the internal ladder) ─► back to handling, or afgehandeld
    any open step ─► ingetrokken;   afgehandeld, nazorg, gesloten, ingetrokken ─► heropend

Help requests, signals and reports take the shorter path ontvangen ─► in behandeling ─►
afgehandeld; debt help may drop out before the first conversation ("uitgevallen", which the
ombudsman asks municipalities to register, "Een open deur?", 2018).
"""

from __future__ import annotations

from collections.abc import Mapping

from regie.cases.models import Case
from regie.vocabulary import Domain, Kind, Status

S = Status
Path = Mapping[str, frozenset[str]]

# Back into handling after the case was concluded, closed or withdrawn: reopening.
REOPENING = frozenset({S.IN_BEHANDELING})

COMPLAINT: Path = {
    S.ONTVANGEN: frozenset(
        {S.IN_GESPREK, S.IN_BEHANDELING, S.FORMEEL, S.GEESCALEERD, S.AFGEHANDELD, S.INGETROKKEN}
    ),
    S.IN_GESPREK: frozenset({S.FORMEEL, S.GEESCALEERD, S.AFGEHANDELD, S.INGETROKKEN}),
    S.IN_BEHANDELING: frozenset(
        {S.IN_GESPREK, S.FORMEEL, S.GEESCALEERD, S.AFGEHANDELD, S.INGETROKKEN}
    ),
    S.FORMEEL: frozenset({S.HOORZITTING, S.GEESCALEERD, S.AFGEHANDELD, S.INGETROKKEN}),
    S.HOORZITTING: frozenset({S.FORMEEL, S.AFGEHANDELD, S.INGETROKKEN}),
    S.GEESCALEERD: frozenset({S.IN_BEHANDELING, S.FORMEEL, S.AFGEHANDELD, S.INGETROKKEN}),
    S.AFGEHANDELD: frozenset({S.NAZORG, S.BIJ_OMBUDSMAN, S.GESLOTEN, *REOPENING}),
    S.NAZORG: frozenset({S.GESLOTEN, S.BIJ_OMBUDSMAN, *REOPENING}),
    S.BIJ_OMBUDSMAN: frozenset({S.GESLOTEN, *REOPENING}),
    S.GESLOTEN: frozenset({S.BIJ_OMBUDSMAN, *REOPENING}),
    S.INGETROKKEN: REOPENING,
}

HELP: Path = {
    S.ONTVANGEN: frozenset({S.IN_BEHANDELING, S.GEESCALEERD, S.AFGEHANDELD, S.INGETROKKEN}),
    S.IN_BEHANDELING: frozenset({S.GEESCALEERD, S.AFGEHANDELD, S.INGETROKKEN}),
    S.GEESCALEERD: frozenset({S.IN_BEHANDELING, S.AFGEHANDELD, S.INGETROKKEN}),
    S.AFGEHANDELD: frozenset({S.NAZORG, S.GESLOTEN, *REOPENING}),
    S.NAZORG: frozenset({S.GESLOTEN, *REOPENING}),
    S.GESLOTEN: REOPENING,
    S.INGETROKKEN: REOPENING,
}

# Debt help (Wgs): drop-out is registered, before the first conversation and after it.
DEBT_HELP: Path = {
    **HELP,
    S.ONTVANGEN: HELP[S.ONTVANGEN] | {S.UITGEVALLEN},
    S.IN_BEHANDELING: HELP[S.IN_BEHANDELING] | {S.UITGEVALLEN},
    S.UITGEVALLEN: REOPENING,
}

# A signal or a report: looked into, acted on, done.
SIGNAL: Path = {
    S.ONTVANGEN: frozenset({S.IN_BEHANDELING, S.AFGEHANDELD}),
    S.IN_BEHANDELING: frozenset({S.GEESCALEERD, S.AFGEHANDELD}),
    S.GEESCALEERD: frozenset({S.IN_BEHANDELING, S.AFGEHANDELD}),
    S.AFGEHANDELD: frozenset({S.GESLOTEN, *REOPENING}),
    S.GESLOTEN: REOPENING,
}


def path_for(case: Case) -> Path:
    if case.kind == Kind.KLACHT:
        return COMPLAINT
    if case.kind == Kind.HULPVRAAG:
        return DEBT_HELP if case.domain == Domain.SCHULDHULP else HELP
    return SIGNAL


def next_statuses(case: Case) -> frozenset[str]:
    return path_for(case).get(case.status, frozenset())


def may_move(case: Case, to: str) -> bool:
    return to in next_statuses(case)


def refusal(case: Case, to: str) -> str:
    """Why the step is not possible, in Dutch, for the person who tried it."""
    word = Kind(case.kind).label.lower()
    now = Status(case.status).label.lower()
    then = Status(to).label.lower() if to in Status.values else to
    if case.status == to:
        return f"Deze {word} is al {now}."
    return f"Een {word} die {now} is, kan niet naar {then}."
