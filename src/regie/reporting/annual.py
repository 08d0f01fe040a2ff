"""The annual complaints report (Awb 9:12a) and the quarterly P&C report: plain data built
from the register's aggregate read (`cases.aggregates`, ADR 3), rendered elsewhere
(`reporting.render`). Every figure here is a `Cell`, already hidden below the threshold;
this module never counts a case itself.

The report's text is B1 Dutch: the council and residents read it, not lawyers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from regie.cases import aggregates
from regie.cases.aggregates import AggregateScope, CrossTable, Period, Table
from regie.deadlines.dutch import format_date
from regie.deadlines.regimes import COMPLAINT_SCHEME_PREFIX, EXAMPLE_SERVICE_NORMS, REGIMES
from regie.directory.models import Municipality, Topic
from regie.learning.models import (
    Investigation,
    InvestigationBasis,
    InvestigationStatus,
    Recommendation,
    RecommendationStatus,
)
from regie.replica import reports_database
from regie.vocabulary import Channel, Domain, Judgement, Kind, Outcome, RefusalGround

ANNUAL = "annual"
QUARTERLY = "quarterly"
KINDS = {
    ANNUAL: "Jaarverslag klachten",
    QUARTERLY: "Kwartaalrapportage klachten en signalen",
}
# Called after each part of the report: (phase, parts done, parts in all).
Progress = Callable[[str, int, int], None]

NO_GROUND = "Zonder reden uit de Awb (klachtenregeling van een aanbieder of oude gegevens)"
NO_TOPIC = "Geen onderwerp herkend"
NO_JUDGEMENT = "Nog geen oordeel bekend"


@dataclass(frozen=True)
class Section:
    """One part of a report: a heading, a short explanation, and its tables or lines."""

    key: str
    heading: str
    explanation: str
    tables: tuple[Table | CrossTable, ...] = ()
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    kind: str
    title: str
    municipality: str  # the name, as printed
    municipality_code: str
    period: Period
    as_of: dt.date  # "still open" is counted on this day
    k: int  # the threshold: counts below it are shown as "< k"
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def file_stem(self) -> str:
        name = "klachtenjaarverslag" if self.kind == ANNUAL else "kwartaalrapportage"
        return f"{name}-{self.municipality_code}-{self.period.label}"


# Labels ---------------------------------------------------------------------------------


def _choices(choices: type[Kind] | type[Domain] | type[Channel] | type[Outcome]) -> dict[str, str]:
    return {str(c.value): str(c.label) for c in choices}


def _grounds() -> dict[str, str]:
    return {str(g.value): str(g.label) for g in RefusalGround} | {"": NO_GROUND}


def _judgements() -> dict[str, str]:
    return {str(j.value): str(j.label) for j in Judgement} | {"": NO_JUDGEMENT}


def _topics() -> dict[str, str]:
    return dict(Topic.objects.order_by("name").values_list("slug", "name")) | {"": NO_TOPIC}


def _regimes() -> dict[str, str]:
    """The statutory regimes, the example service norms, and all providers' own complaint
    schemes in one row (one row per provider would mostly be "< 5")."""
    labels = {identifier: regime.label for identifier, regime in REGIMES.items()}
    labels |= {r.identifier: f"Servicenorm: {r.label.lower()}" for r in EXAMPLE_SERVICE_NORMS}
    return labels | {COMPLAINT_SCHEME_PREFIX: "Klachtenregelingen van aanbieders"}


def region_of(scope: AggregateScope, municipality: Municipality) -> list[Municipality]:
    """The municipalities of the region whose figures the scope may see (itself included)."""
    return [
        m
        for m in Municipality.objects.filter(region_id=municipality.region_id).order_by("name")
        if scope.allows(m.pk)
    ]


# The parts ------------------------------------------------------------------------------


def _received(
    scope: AggregateScope, municipality: Municipality, period: Period, when: str
) -> aggregates.ReceivedFigures:
    return aggregates.received_figures(
        scope,
        municipality=municipality,
        region=region_of(scope, municipality),
        period=period,
        fields=(
            ("kind", _choices(Kind), f"Ontvangen per soort{when}"),
            ("domain", _choices(Domain), f"Ontvangen per domein{when}"),
            ("channel", _choices(Channel), f"Ontvangen per kanaal{when}"),
            ("triage__topic", _topics(), f"Ontvangen per onderwerp{when}"),
        ),
        region_field="kind",
        region_title=f"Ontvangen per gemeente en soort{when}",
    )


def _concluded(
    scope: AggregateScope, municipality: Municipality, period: Period, when: str
) -> tuple[Table, Table]:
    return aggregates.concluded_figures(
        scope,
        municipalities=[municipality],
        period=period,
        outcome_labels=_choices(Outcome),
        refused_outcome=Outcome.NIET_BEHANDELD.value,
        ground_labels=_grounds(),
        title=f"Afgehandeld per uitkomst{when}",
        refusal_title=f"Niet behandeld, per reden{when}",
    )


def _timeliness(
    scope: AggregateScope, municipality: Municipality, period: Period, as_of: dt.date, when: str
) -> CrossTable:
    return aggregates.timeliness(
        scope,
        municipalities=[municipality],
        period=period,
        as_of=as_of,
        regime_labels=_regimes(),
        prefixes=(COMPLAINT_SCHEME_PREFIX,),
        title=f"Termijnen per regeling{when}",
    )


def _ombudsman(
    scope: AggregateScope, municipality: Municipality, period: Period, when: str
) -> Table:
    return aggregates.ombudsman_referrals(
        scope,
        municipalities=[municipality],
        period=period,
        judgement_labels=_judgements(),
        title=f"Naar de ombudsman, per oordeel{when}",
    )


def _learned(municipality: Municipality, period: Period) -> tuple[str, ...]:
    """Recommendations and investigations that were made or still ran in the period. Their
    titles and owners are about the organisation, not about residents."""
    start, end = period.bounds()
    lines = []
    recommendations = Recommendation.objects.filter(
        Q(municipality=municipality), Q(created_at__lt=end)
    ).filter(
        Q(created_at__gte=start)
        | Q(updated_at__gte=start)
        | Q(status__in=[RecommendationStatus.OPEN, RecommendationStatus.IN_PROGRESS])
    )
    for r in recommendations.order_by("due_date", "pk"):
        status = RecommendationStatus(r.status).label
        lines.append(
            f"Aanbeveling: {r.title}. Wie: {r.owner}. Klaar op: {dutch_date(r.due_date)}. "
            f"Stand: {status}."
        )
    investigations = Investigation.objects.filter(
        Q(municipality=municipality), Q(created_at__lt=end)
    ).filter(Q(closed_at__isnull=True) | Q(closed_at__gte=start))
    for i in investigations.order_by("created_at", "pk"):
        basis = InvestigationBasis(i.basis).label
        status = InvestigationStatus(i.status).label
        lines.append(f"Onderzoek: {i.title}. Aanleiding: {basis}. Stand: {status}.")
    return tuple(lines)


def dutch_date(day: dt.date) -> str:
    """15 januari 2026."""
    return format_date(day)


# The reports ----------------------------------------------------------------------------


def annual_report(
    scope: AggregateScope,
    municipality: Municipality,
    period: Period,
    *,
    as_of: dt.date | None = None,
    on_progress: Progress | None = None,
) -> Report:
    """The complaints report of `municipality` over `period` (normally a year), for the
    figures the scope may see. Raises `FiguresRefused` when it may not see them."""
    if not scope.allows(municipality.pk):
        raise aggregates.FiguresRefused(municipality.code)
    as_of = as_of or timezone.localdate()
    progress = _Steps(on_progress, 6)
    received = _received(scope, municipality, period, "")
    kinds, domains, channels, topics = received.tables
    progress.step()
    outcomes, grounds = _concluded(scope, municipality, period, "")
    progress.step()
    terms = _timeliness(scope, municipality, period, as_of, "")
    progress.step()
    ombudsman = _ombudsman(scope, municipality, period, "")
    progress.step()
    learned = _learned(municipality, period)
    progress.step()
    sections = [
        Section(
            "ontvangen",
            "Wat kwam er binnen?",
            "Hoeveel klachten, meldingen, signalen en hulpvragen de gemeente kreeg in deze "
            "periode. Per soort, per domein en per kanaal: zo kwam het binnen.",
            (kinds, domains, channels),
        ),
        Section(
            "uitkomsten",
            "Hoe liep het af?",
            "Zaken die in deze periode zijn afgehandeld, met hun uitkomst. Een klacht is "
            "gegrond als de gemeente het niet goed deed. Veel zaken lossen we op in overleg.",
            (outcomes,),
        ),
        Section(
            "niet-behandeld",
            "Klachten die we niet behandelden, en waarom",
            "Soms mag de gemeente een klacht niet behandelen, om een reden uit de wet (Awb "
            "artikel 9:8). Bijvoorbeeld als de klacht al eerder is behandeld.",
            (grounds,),
        ),
        Section(
            "termijnen",
            "Waren we op tijd?",
            f"Elke zaak heeft termijnen uit de wet of uit eigen afspraken. Per regeling: "
            f"op tijd, te laat, of nog open. 'Nog open' is de stand op {dutch_date(as_of)}. Het "
            f"gaat om zaken die in deze periode binnenkwamen. Servicenormen zijn "
            f"eigen afspraken van de gemeente, zoals een ontvangstbevestiging binnen 5 "
            f"werkdagen.",
            (terms,),
        ),
        Section(
            "ombudsman",
            "Naar de ombudsman",
            "Wie het niet eens is met hoe de gemeente een klacht afhandelde, kan naar de "
            "ombudsman. Hier staat hoe vaak dat gebeurde en wat de ombudsman vond.",
            (ombudsman,),
        ),
        Section(
            "themas",
            "Waar gingen de zaken over?",
            "De onderwerpen die bij binnenkomst werden herkend. Zo ziet u waar veel vragen "
            "en klachten over gaan.",
            (topics,),
        ),
        Section(
            "geleerd",
            "Wat hebben we geleerd?",
            "Aanbevelingen en onderzoeken naar aanleiding van klachten: wat moet beter, wie "
            "zorgt ervoor, en hoe ver is het.",
            lines=learned or ("Er waren in deze periode geen aanbevelingen of onderzoeken.",),
        ),
    ]
    if received.region is not None:
        sections.append(
            Section(
                "regio",
                "Per gemeente in de regio",
                "De gemeenten in de regio werken samen. Hier ziet u de aantallen per gemeente, "
                "zodat elke gemeente haar eigen cijfers houdt.",
                (received.region,),
            )
        )
    progress.step()
    return Report(
        kind=ANNUAL,
        title=f"{KINDS[ANNUAL]} {period.label}",
        municipality=municipality.name,
        municipality_code=municipality.code,
        period=period,
        as_of=as_of,
        k=aggregates.threshold(),
        sections=tuple(sections),
    )


def last_four_quarters(period: Period) -> list[Period]:
    """A year: its quarters. A quarter: it and the three before it, oldest first."""
    if period.is_year:
        return period.quarters()
    year, quarter = (int(p) for p in period.label.split("-Q"))
    found = []
    for _ in range(4):
        found.append(Period.parse(f"{year}-Q{quarter}"))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return found[::-1]


def quarterly_report(
    scope: AggregateScope,
    municipality: Municipality,
    period: Period,
    *,
    as_of: dt.date | None = None,
    on_progress: Progress | None = None,
) -> Report:
    """The same figures per quarter over the last four quarters up to `period`, for the
    college and the council. Each quarter is its own population: no year totals, so that
    quarters cannot be subtracted from them."""
    if not scope.allows(municipality.pk):
        raise aggregates.FiguresRefused(municipality.code)
    as_of = as_of or timezone.localdate()
    quarters = last_four_quarters(period)
    progress = _Steps(on_progress, len(quarters))
    parts: dict[str, list[Table | CrossTable]] = {}
    for quarter in quarters:
        when = f", {quarter}"
        received = _received(scope, municipality, quarter, when)
        outcomes, grounds = _concluded(scope, municipality, quarter, when)
        found: dict[str, list[Table | CrossTable]] = {
            "soort": [received.tables[0]],
            "domein": [received.tables[1]],
            "kanaal": [received.tables[2]],
            "uitkomsten": [outcomes, grounds],
            "termijnen": [_timeliness(scope, municipality, quarter, as_of, when)],
            "ombudsman": [_ombudsman(scope, municipality, quarter, when)],
        }
        if received.region is not None:
            found["regio"] = [received.region]
        for key, tables in found.items():
            parts.setdefault(key, []).extend(tables)
        progress.step()
    texts = {
        "soort": ("Binnengekomen per soort", "Klachten, meldingen, signalen en hulpvragen."),
        "domein": ("Binnengekomen per domein", "Wmo, jeugd, werk en inkomen, schuldhulp."),
        "kanaal": ("Binnengekomen per kanaal", "Hoe mensen de gemeente bereikten."),
        "uitkomsten": (
            "Afgehandeld per uitkomst",
            "Wat er uitkwam, en waarom sommige klachten niet zijn behandeld (Awb 9:8).",
        ),
        "termijnen": (
            "Op tijd?",
            f"Termijnen per regeling van zaken die in het kwartaal binnenkwamen. 'Nog open' "
            f"is de stand op {dutch_date(as_of)}.",
        ),
        "ombudsman": ("Naar de ombudsman", "Hoe vaak, en wat de ombudsman vond."),
        "regio": ("Per gemeente in de regio", "De aantallen per gemeente in de regio."),
    }
    sections = tuple(
        Section(key, texts[key][0], texts[key][1], tuple(tables)) for key, tables in parts.items()
    )
    first, last = quarters[0], quarters[-1]
    return Report(
        kind=QUARTERLY,
        title=f"{KINDS[QUARTERLY]} {first.label} tot en met {last.label}",
        municipality=municipality.name,
        municipality_code=municipality.code,
        period=period,
        as_of=as_of,
        k=aggregates.threshold(),
        sections=sections,
    )


BUILDERS = {ANNUAL: annual_report, QUARTERLY: quarterly_report}


def build_report(
    kind: str,
    scope: AggregateScope,
    municipality: Municipality,
    period: Period,
    *,
    as_of: dt.date | None = None,
    on_progress: Progress | None = None,
) -> Report:
    """The report of `kind` (ANNUAL or QUARTERLY); KeyError for another kind. Read from the
    reports replica when there is one (every caller: download, open data, run, command)."""
    builder = BUILDERS[kind]
    with reports_database():
        return builder(scope, municipality, period, as_of=as_of, on_progress=on_progress)


class _Steps:
    def __init__(self, on_progress: Progress | None, total: int) -> None:
        self.on_progress = on_progress
        self.total = total
        self.done = 0

    def step(self) -> None:
        self.done += 1
        if self.on_progress is not None:
            self.on_progress("verslag", min(self.done, self.total), self.total)


__all__ = ["ANNUAL", "KINDS", "QUARTERLY", "Report", "Section", "annual_report"]
__all__ += ["build_report", "last_four_quarters", "quarterly_report", "region_of"]
