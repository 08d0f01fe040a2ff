"""The annual and quarterly report on the real demo generator: every figure it shows equals
the same figure counted straight from the register (an independent recount with the ORM),
no shown figure is below the threshold, and no hidden figure can be recovered from a total.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

import pytest
from django.conf import settings

from regie.cases.aggregates import AggregateScope, Cell, CrossTable, Period, Table
from regie.cases.models import Case, CaseDeadline, Event, EventType, OmbudsmanReferral
from regie.directory.models import Municipality, Topic
from regie.reporting.annual import Report, annual_report, last_four_quarters, quarterly_report
from regie.reporting.render import COUNT, TOTAL, figures
from regie.vocabulary import (
    CONCLUDED_STATUSES,
    Channel,
    Domain,
    Judgement,
    Kind,
    Outcome,
    RefusalGround,
)
from tests.reporting.support import AMSTERDAM, AS_OF, YEAR, demo_register

pytestmark = pytest.mark.django_db
Expected = dict[tuple[str, str, str], int]  # (table title, row, column) -> count


@pytest.fixture
def register(world: None) -> Municipality:
    assert demo_register() > 50
    return Municipality.objects.get(code="GM9901")


def bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime(period.first.year, period.first.month, period.first.day, tzinfo=AMSTERDAM)
    after = period.last + dt.timedelta(days=1)
    return start, dt.datetime(after.year, after.month, after.day, tzinfo=AMSTERDAM)


def one_column(title: str, counts: Counter[str], labels: dict[str, str]) -> Expected:
    """A table with one count per label, the rest under "Overig", and the total."""
    found: Expected = {}
    for key, label in labels.items():
        found[(title, label, COUNT)] = counts.get(key, 0)
    other = sum(n for key, n in counts.items() if key not in labels)
    if other:
        found[(title, "Overig", COUNT)] = other
    found[(title, TOTAL, COUNT)] = sum(counts.values())
    return found


def two_columns(title: str, grid: dict[str, Counter[str]], columns: dict[str, str]) -> Expected:
    found: Expected = {}
    for row, counts in grid.items():
        for key, label in columns.items():
            found[(title, row, label)] = counts.get(key, 0)
        found[(title, row, TOTAL)] = sum(counts.values())
    for key, label in columns.items():
        found[(title, TOTAL, label)] = sum(c.get(key, 0) for c in grid.values())
    found[(title, TOTAL, TOTAL)] = sum(sum(c.values()) for c in grid.values())
    return found


def recount(
    municipality: Municipality, period: Period, as_of: dt.date, regimes_shown: Iterable[str]
) -> Expected:
    """The report's figures, counted again from the register without `cases.aggregates`.
    `regimes_shown`: the regimes the report has a row for (zeros included)."""
    start, end = bounds(period)
    received = Case.objects.filter(
        municipality=municipality, received_at__gte=start, received_at__lt=end
    )
    labels = {c.value: str(c.label) for c in Kind}
    kinds = Counter(received.values_list("kind", flat=True))
    found = one_column("Ontvangen per soort", kinds, labels)
    found |= one_column(
        "Ontvangen per domein",
        Counter(received.values_list("domain", flat=True)),
        {c.value: str(c.label) for c in Domain},
    )
    found |= one_column(
        "Ontvangen per kanaal",
        Counter(received.values_list("channel", flat=True)),
        {c.value: str(c.label) for c in Channel},
    )
    topics: Counter[str] = Counter()
    for case in received.select_related("triage"):
        triage = getattr(case, "triage", None)
        topics[triage.topic if triage is not None else ""] += 1
    topic_labels = dict(Topic.objects.values_list("slug", "name")) | {"": "Geen onderwerp herkend"}
    found |= one_column("Ontvangen per onderwerp", topics, topic_labels)

    concluded = Case.objects.filter(
        municipality=municipality, concluded_at__gte=start, concluded_at__lt=end
    )
    found |= one_column(
        "Afgehandeld per uitkomst",
        Counter(concluded.values_list("outcome", flat=True)),
        {c.value: str(c.label) for c in Outcome},
    )
    grounds: Counter[str] = Counter()
    for case in concluded.filter(outcome=Outcome.NIET_BEHANDELD):
        last = Event.objects.filter(case=case, type=EventType.CONCLUDED).order_by("at", "pk").last()
        refusal = (last.payload or {}).get("refusal") if last is not None else None
        grounds[(refusal or {}).get("ground") or ""] += 1
    ground_labels = {g.value: str(g.label) for g in RefusalGround}
    ground_labels[""] = (
        "Zonder reden uit de Awb (klachtenregeling van een aanbieder of oude gegevens)"
    )
    found |= one_column("Niet behandeld, per reden", grounds, ground_labels)

    columns = {
        "op-tijd": "Op tijd",
        "te-laat": "Te laat",
        "open-verlopen": "Nog open, termijn verlopen",
        "open-lopend": "Nog open, binnen de termijn",
    }
    regimes: dict[str, Counter[str]] = {r: Counter() for r in regimes_shown}
    for deadline in CaseDeadline.objects.filter(case__in=received, superseded=False).select_related(
        "case"
    ):
        row = deadline.regime
        if row.startswith("klachtenregeling-"):
            row = "klachtenregeling-"  # every provider's own scheme in one row
        counts = regimes.setdefault(row, Counter())
        if deadline.met_at is not None:
            met = deadline.met_at.astimezone(AMSTERDAM).date()
            counts["op-tijd" if met <= deadline.due else "te-laat"] += 1
        elif deadline.case.status in CONCLUDED_STATUSES:
            continue
        else:
            counts["open-verlopen" if deadline.due < as_of else "open-lopend"] += 1
    found |= two_columns("Termijnen per regeling", regimes, columns)

    referrals = OmbudsmanReferral.objects.filter(
        case__municipality=municipality, referred_at__gte=start, referred_at__lt=end
    )
    judgement_labels = {j.value: str(j.label) for j in Judgement} | {"": "Nog geen oordeel bekend"}
    found |= one_column(
        "Naar de ombudsman, per oordeel",
        Counter(referrals.values_list("judgement", flat=True)),
        judgement_labels,
    )

    region: dict[str, Counter[str]] = {}
    for other in Municipality.objects.filter(region=municipality.region):
        region[other.name] = Counter(
            Case.objects.filter(
                municipality=other, received_at__gte=start, received_at__lt=end
            ).values_list("kind", flat=True)
        )
    found |= two_columns("Ontvangen per gemeente en soort", region, labels)
    return found


def shown_figures(report: Report) -> list[tuple[tuple[str, str, str], Cell]]:
    return [((f.table, f.row, f.column), f.cell) for f in figures(report)]


def test_every_shown_figure_of_the_annual_report_equals_the_register(
    register: Municipality,
) -> None:
    report = annual_report(
        AggregateScope(everything=True), register, Period.parse(YEAR), as_of=AS_OF
    )
    # The timeliness rows: the recount keys regimes by identifier, the report shows labels.
    tables = [t for s in report.sections for t in s.tables]
    terms = next(t for t in tables if t.title == "Termijnen per regeling")
    assert isinstance(terms, CrossTable)
    labels = dict(terms.row_labels)
    expected = recount(register, Period.parse(YEAR), AS_OF, [k for k in labels if k != "__overig"])
    for title, row, column in list(expected):
        if title == "Termijnen per regeling" and row != TOTAL:
            assert row in labels, f"regime {row} is missing from the report"
            expected[(title, labels[row], column)] = expected.pop((title, row, column))

    checked = 0
    for key, cell in shown_figures(report):
        assert key in expected, f"{key} is not in the recount"
        if cell.value is None:
            continue
        assert cell.value == expected[key], key
        checked += 1
    assert checked >= 30, "too few shown figures to mean anything"
    # And the other way round: every figure of the recount is in the report (shown or not).
    reported = {key for key, _ in shown_figures(report)}
    missing = {k for k, v in expected.items() if k not in reported and v}
    assert not missing


def test_the_report_has_every_section_of_the_law(register: Municipality) -> None:
    report = annual_report(
        AggregateScope(everything=True), register, Period.parse(YEAR), as_of=AS_OF
    )
    keys = [s.key for s in report.sections]
    assert keys == [
        "ontvangen",
        "uitkomsten",
        "niet-behandeld",
        "termijnen",
        "ombudsman",
        "themas",
        "geleerd",
        "regio",
    ]
    assert report.title == "Jaarverslag klachten 2025"
    assert all(s.explanation for s in report.sections)


def relations(table: Table | CrossTable) -> Iterable[list[Cell]]:
    """The additive relations of a table: each as the list of its members."""
    if isinstance(table, Table):
        yield [table.total, *(r.cell for r in table.rows)]
        return
    columns = [c for c, _ in table.column_labels]
    for row, _ in table.row_labels:
        yield [table.row_totals[row], *(table.cells[row][c] for c in columns)]
    for column in columns:
        yield [table.column_totals[column], *(table.cells[r][column] for r, _ in table.row_labels)]
    yield [table.total, *table.row_totals.values()]
    yield [table.total, *table.column_totals.values()]


def assert_protected(report: Report) -> None:
    k = settings.REGIE_SMALL_NUMBER
    tables = [t for s in report.sections for t in s.tables]
    for table in tables:
        for relation in relations(table):
            assert sum(1 for c in relation if c.hidden) != 1, table.title
    for _, cell in shown_figures(report):
        assert cell.value is None or cell.value >= k
        assert (str(cell) == f"< {k}") == cell.hidden


def assert_consistent_across_tables(report: Report, municipality: Municipality) -> None:
    """Figures that two tables share are shown or hidden alike: one table cannot undo
    another."""
    tables = {t.title.split(",")[0]: t for s in report.sections for t in s.tables}
    received = [tables[t] for t in tables if t.startswith("Ontvangen per ") and "gemeente" not in t]
    assert len({str(t.total) for t in received}) == 1
    region = tables.get("Ontvangen per gemeente en soort")
    kinds = tables["Ontvangen per soort"]
    assert isinstance(kinds, Table)
    if isinstance(region, CrossTable):
        assert str(region.row_totals[municipality.code]) == str(kinds.total)
        for row in kinds.rows:
            assert str(region.cells[municipality.code][row.key]) == str(row.cell)
    outcomes, grounds = tables["Afgehandeld per uitkomst"], tables["Niet behandeld"]
    assert isinstance(outcomes, Table)
    assert isinstance(grounds, Table)
    refused = next(r.cell for r in outcomes.rows if r.key == Outcome.NIET_BEHANDELD)
    assert str(refused) == str(grounds.total)


@pytest.mark.parametrize("k", [5, 10])
def test_no_small_number_is_shown_or_recoverable(
    register: Municipality, settings: Any, k: int
) -> None:
    settings.REGIE_SMALL_NUMBER = k
    report = annual_report(
        AggregateScope(everything=True), register, Period.parse(YEAR), as_of=AS_OF
    )
    assert any(cell.hidden for _, cell in shown_figures(report))
    assert_protected(report)
    assert_consistent_across_tables(report, register)


def test_the_quarterly_report_shows_four_quarters_and_protects_each(
    register: Municipality,
) -> None:
    report = quarterly_report(
        AggregateScope(everything=True), register, Period.parse("2025-Q2"), as_of=AS_OF
    )
    assert report.title.endswith("2024-Q3 tot en met 2025-Q2")
    kinds = next(s for s in report.sections if s.key == "soort")
    assert len(kinds.tables) == 4
    assert_protected(report)
    quarters = last_four_quarters(Period.parse("2025-Q2"))
    for quarter, table in zip(quarters, kinds.tables, strict=True):
        assert isinstance(table, Table)
        start, end = bounds(quarter)
        counts = Counter(
            Case.objects.filter(
                municipality=register, received_at__gte=start, received_at__lt=end
            ).values_list("kind", flat=True)
        )
        for row in table.rows:
            assert row.cell.value in (None, counts[row.key])
        assert table.total.value in (None, sum(counts.values()))


def test_last_four_quarters() -> None:
    assert [p.label for p in last_four_quarters(Period.parse("2025"))] == [
        "2025-Q1",
        "2025-Q2",
        "2025-Q3",
        "2025-Q4",
    ]
    assert [p.label for p in last_four_quarters(Period.parse("2026-Q1"))] == [
        "2025-Q2",
        "2025-Q3",
        "2025-Q4",
        "2026-Q1",
    ]


def test_a_council_member_sees_only_their_own_municipality(register: Municipality) -> None:
    from regie.accounts.selectors import user_by_username
    from regie.cases.aggregates import FiguresRefused, aggregate_scope_for_user

    scope = aggregate_scope_for_user(user_by_username("raadslid"))  # type: ignore[arg-type]
    report = annual_report(scope, register, Period.parse(YEAR), as_of=AS_OF)
    assert "regio" not in [s.key for s in report.sections]  # no other municipality's figures
    with pytest.raises(FiguresRefused):
        annual_report(
            scope, Municipality.objects.get(code="GM9902"), Period.parse(YEAR), as_of=AS_OF
        )


def test_what_was_learned_lists_the_municipalitys_recommendations_and_investigations(
    world: None,
) -> None:
    from django.contrib.auth.models import User

    from regie.learning.models import Investigation, Recommendation

    home, other = (Municipality.objects.get(code=c) for c in ("GM9901", "GM9902"))
    coordinator = User.objects.get(username="coordinator")
    made = dt.datetime(2025, 5, 1, 12, tzinfo=AMSTERDAM)
    Recommendation.objects.create(
        municipality=home,
        title="Bel binnen drie werkdagen terug",
        owner="Teamleider Wmo",
        due_date=dt.date(2025, 9, 1),
        status="uitgevoerd",
        created_by=coordinator,
        created_at=made,
        updated_at=made,
    )
    Recommendation.objects.create(  # done before the year began: not in this year's report
        municipality=home,
        title="Oude aanbeveling",
        owner="KCC",
        due_date=dt.date(2024, 3, 1),
        status="uitgevoerd",
        created_by=coordinator,
        created_at=made - dt.timedelta(days=500),
        updated_at=made - dt.timedelta(days=400),
    )
    Recommendation.objects.create(
        municipality=other,
        title="Van een andere gemeente",
        owner="KCC",
        due_date=dt.date(2025, 9, 1),
        created_by=coordinator,
        created_at=made,
        updated_at=made,
    )
    Investigation.objects.create(
        municipality=home,
        title="Wachttijden huishoudelijke hulp",
        question="Waarom duurt het zo lang?",
        basis="eigen-initiatief",
        created_by=coordinator,
        created_at=made,
    )

    report = annual_report(AggregateScope(everything=True), home, Period.parse(YEAR), as_of=AS_OF)

    learned = next(s for s in report.sections if s.key == "geleerd")
    assert learned.lines == (
        "Aanbeveling: Bel binnen drie werkdagen terug. Wie: Teamleider Wmo. "
        "Klaar op: maandag 1 september 2025. Stand: Uitgevoerd.",
        "Onderzoek: Wachttijden huishoudelijke hulp. Aanleiding: Eigen initiatief. Stand: Loopt.",
    )
