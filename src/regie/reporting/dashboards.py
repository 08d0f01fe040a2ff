"""Cijfers (/bestuur): the dashboard for those who may see figures but never a case (ADR 3).

Everyone with figures access (`aggregate_scope_for_user`: college and management, the council,
coordinators, the ombudsfunctionaris, administrators) gets the council's "thermometer":
the last four quarters in plain sentences. Those who answer for the work (everyone but the
council) also get outcomes, themes, providers and the recommendations with their status.

Every count comes from `regie.cases.aggregates` (`breakdown`, `crosstab`), so every cell
below the threshold is already "< 5" here; this module never counts cases itself, and its
sentences never compute with a hidden cell (a difference with "< 5" would give it away).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from regie.accounts.models import Membership
from regie.accounts.permissions import May, roles_that
from regie.cases import aggregates
from regie.cases.aggregates import (
    PERIOD_HELP,
    AggregateScope,
    Cell,
    CrossTable,
    Period,
    Row,
    Table,
    aggregate_scope_for_user,
    breakdown,
    crosstab,
    municipalities_for,
    threshold,
)
from regie.deadlines.regimes import COMPLAINT_SCHEME_PREFIX, EXAMPLE_SERVICE_NORMS, REGIMES
from regie.directory.models import Municipality, Organisation, Topic
from regie.learning.models import Recommendation
from regie.learning.recommendations import is_late, open_recommendations
from regie.replica import reports_database
from regie.reporting import charts, report_runs_pages
from regie.ui import formkit
from regie.vocabulary import Domain, Kind, OrganisationKind, Outcome

# Who sees more than the thermometer: those who answer for the work. The council controls;
# it gets the trend, not the management figures (issue 10: dashboards per role).
MANAGEMENT_ROLES = tuple(sorted(roles_that(May.SEE_MANAGEMENT_FIGURES)))
REPORT_FORMATS = (("pdf", "PDF"), ("html", "HTML"), ("ods", "ODS (rekenblad)"), ("csv", "CSV"))
ORDINALS = {1: "eerste", 2: "tweede", 3: "derde", 4: "vierde"}
NO_OUTCOME = "Zonder uitkomst (bijvoorbeeld ingetrokken)"
NO_TOPIC = "Geen onderwerp herkend"
THE_MUNICIPALITY = "De gemeente zelf"
# Django's `None` of a missing foreign key, as crosstab writes it (str(None)).
NONE_KEY = "None"


# The filter form -----------------------------------------------------------------------------


class DashboardFilterForm(formkit.RegieForm):
    gemeente = forms.ChoiceField(label="Gemeente", widget=formkit.select())
    domein = forms.ChoiceField(
        label="Domein",
        required=False,
        choices=[("", "Alle domeinen"), *Domain.choices],
        widget=formkit.select(),
        error_messages={"invalid_choice": "Kies een domein uit de lijst."},
    )
    periode = forms.CharField(
        label="Periode",
        required=False,
        max_length=20,
        help_text=f"{PERIOD_HELP} Leeg is dit jaar.",
        widget=formkit.text_input(inputmode="text", autocomplete="off"),
        error_messages={"max_length": PERIOD_HELP},
    )

    def __init__(self, *args: Any, municipalities: list[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["gemeente"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(m.code, m.name) for m in municipalities]

    def clean_periode(self) -> Period:
        text = str(self.cleaned_data.get("periode") or "").strip()
        today = timezone.localdate()
        if not text:
            return Period.parse(str(today.year))
        try:
            period = Period.parse(text.upper())
        except ValueError:
            raise forms.ValidationError(
                f"Deze periode kent Regie niet. {PERIOD_HELP}", code="invalid"
            ) from None
        if period.first > today:
            raise forms.ValidationError(
                "Deze periode is nog niet begonnen. Kies een jaar of kwartaal tot en met nu.",
                code="future",
            )
        return period


@dataclass(frozen=True)
class GridRow:
    label: str
    cells: list[Cell]
    total: Cell


@dataclass(frozen=True)
class Grid:
    """A cross table laid out for a template (which cannot look up a dict by a variable)."""

    slug: str
    table: CrossTable
    rows: list[GridRow]
    column_totals: list[Cell]


def grid(slug: str, table: CrossTable) -> Grid:
    columns = [key for key, _ in table.column_labels]
    rows = [
        GridRow(label, [table.cells[key][c] for c in columns], table.row_totals[key])
        for key, label in table.row_labels
    ]
    return Grid(slug, table, rows, [table.column_totals[c] for c in columns])


# The thermometer -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Quarter:
    period: Period
    year: int
    number: int
    running: bool

    @property
    def key(self) -> str:
        return str(self.number)

    @property
    def name(self) -> str:
        return f"het {ORDINALS[self.number]} kwartaal van {self.year}"

    @property
    def short(self) -> str:
        return f"{self.year} kwartaal {self.number}"


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def last_four_quarters(period: Period, today: dt.date) -> list[Quarter]:
    """The four quarters up to the period's last one, or up to today's if that is earlier."""
    year, number = min(quarter_of(period.last), quarter_of(today))
    found = []
    for _ in range(4):
        found.append(
            Quarter(
                period=Period.parse(f"{year}-Q{number}"),
                year=year,
                number=number,
                running=(year, number) == quarter_of(today),
            )
        )
        year, number = (year, number - 1) if number > 1 else (year - 1, 4)
    return found[::-1]


def span(quarters: list[Quarter]) -> Period:
    """The four quarters as one population, so one cross table protects all of them at once
    (separate tables per quarter could be subtracted from each other or from a year)."""
    first, last = quarters[0].period, quarters[-1].period
    return Period(label=f"{first.label} tot en met {last.label}", first=first.first, last=last.last)


def amount(cell: Cell, unit: str) -> str:
    return f"minder dan {cell.k} {unit}" if cell.value is None else f"{cell} {unit}"


def trend_sentence(
    quarter: Quarter, cell: Cell, before: Quarter | None, earlier: Cell | None
) -> str:
    """One quarter in words, compared with the one before only when both are visible: a
    difference with a hidden cell would reveal it."""
    said = amount(cell, "klachten")
    if quarter.running:
        opening = f"In {quarter.name} kwamen er tot nu toe {said} binnen (het kwartaal loopt nog)"
    else:
        opening = f"In {quarter.name} kwamen er {said} binnen"
    opening = opening[0].upper() + opening[1:]
    if before is None or earlier is None:
        return f"{opening}."
    previous = f"het {ORDINALS[before.number]} kwartaal"
    if cell.value is None:
        return f"{opening}."
    if earlier.value is None:
        return f"{opening}; in {previous} waren het er minder dan {earlier.k}."
    difference = cell.value - earlier.value
    if difference == 0:
        return f"{opening}, evenveel als in {previous}."
    more_or_less = "meer" if difference > 0 else "minder"
    return f"{opening}, {abs(difference)} {more_or_less} dan in {previous}."


@dataclass(frozen=True)
class Thermometer:
    quarters: list[Quarter]
    table: Grid
    sentences: list[str]
    chart: charts.BarChart


def thermometer(
    scope: AggregateScope, municipality: Municipality, period: Period, where: Q | None
) -> Thermometer:
    today = timezone.localdate()
    quarters = last_four_quarters(period, today)
    table = crosstab(
        scope,
        municipalities=[municipality],
        period=span(quarters),
        # The quarter numbers of four consecutive quarters differ, so they identify them.
        rows=("received_at__quarter", {q.key: q.short for q in quarters}),
        columns=("kind", dict(Kind.choices)),
        title="Binnengekomen per kwartaal en soort",
        where=where,
    )
    complaints = [table.cells[q.key][Kind.KLACHT] for q in quarters]
    sentences = [
        trend_sentence(
            q, complaints[i], quarters[i - 1] if i else None, complaints[i - 1] if i else None
        )
        for i, q in enumerate(quarters)
    ]
    chart = charts.column_chart(
        "thermometer", "Klachten per kwartaal", table, Kind.KLACHT, unit="klachten"
    )
    return Thermometer(
        quarters=quarters, table=grid("kwartalen", table), sentences=sentences, chart=chart
    )


# The management figures ----------------------------------------------------------------------
#
# Hiding holds within one table (aggregates.hide), not across tables: if two tables of one
# population both show the counts per kind, each may hide a different cell to protect its own
# "< 5", and together they give it away. So every grouping is counted in exactly one table
# here, and a chart of the same grouping is drawn from that table's margins:
#   received in the period: quarter x kind (the thermometer), about x domain (providers, and
#     the domains are its column totals), topic;
#   concluded in the period: kind x outcome (the outcomes are its column totals);
#   the terms of the cases received in the period: regime x on time or not (a table of terms,
#     not of cases, so it shares nothing with the others).
# The tables of one population share only their total, as the aggregate read intends.


@dataclass(frozen=True)
class Figure:
    """A table with the chart drawn from it."""

    slug: str
    table: Table
    chart: charts.BarChart


@dataclass(frozen=True)
class Management:
    kinds: Figure
    outcomes: Figure
    outcomes_per_kind: Grid
    timeliness: Figure
    timeliness_per_regime: Grid
    domains: Figure
    topics: Figure
    providers: Grid
    providers_chart: charts.BarChart
    recommendations: list[tuple[Recommendation, bool]]


def figure(slug: str, table: Table, unit: str = "zaken") -> Figure:
    return Figure(slug=slug, table=table, chart=charts.table_chart(slug, table, unit))


def column_totals(table: CrossTable, title: str) -> Table:
    """A cross table's column totals as a table of their own: the same cells, so the same
    hiding."""
    rows = tuple(Row(key, label, table.column_totals[key]) for key, label in table.column_labels)
    return Table(title=title, rows=rows, total=table.total)


def one_row(table: CrossTable, key: str, title: str) -> Table:
    rows = tuple(Row(c, label, table.cells[key][c]) for c, label in table.column_labels)
    return Table(title=title, rows=rows, total=table.row_totals[key])


def kinds_in(period: Period, trend: Thermometer) -> Table:
    """Received per kind, taken from the thermometer's table: for a year its four quarters
    are the year, for a quarter it is the table's last row."""
    title = "Binnengekomen per soort"
    last = trend.quarters[-1]
    if period.is_year and trend.quarters[0].period.first == period.first:
        return column_totals(trend.table.table, title)
    if not period.is_year and last.period == period:
        return one_row(trend.table.table, last.key, title)
    raise ValueError(f"the thermometer does not cover {period}")  # last_four_quarters does


def regime_labels() -> dict[str, str]:
    """The statutory terms, the example service norms, and every provider's own complaint
    scheme in one row (one row per provider would mostly be "< 5")."""
    labels = {identifier: regime.label for identifier, regime in REGIMES.items()}
    labels |= {r.identifier: f"Servicenorm: {r.label.lower()}" for r in EXAMPLE_SERVICE_NORMS}
    return labels | {COMPLAINT_SCHEME_PREFIX: "Klachtenregelingen van aanbieders"}


def management(
    scope: AggregateScope,
    municipality: Municipality,
    period: Period,
    domain: str,
    where: Q | None,
    trend: Thermometer,
) -> Management:
    outcome_labels = {**dict(Outcome.choices), "": NO_OUTCOME}
    outcomes = crosstab(
        scope,
        municipalities=[municipality],
        period=period,
        rows=("kind", dict(Kind.choices)),
        columns=("outcome", outcome_labels),
        title="Afgehandeld per soort en uitkomst",
        date_field="concluded_at",
        where=where,
    )
    topics = Topic.objects.order_by("domain", "name")
    if domain:
        topics = topics.filter(domain=domain)
    topic_labels = {t.slug: t.name for t in topics} | {"": NO_TOPIC}
    providers = Organisation.objects.filter(
        municipalities=municipality,
        kind__in=[OrganisationKind.AANBIEDER, OrganisationKind.GR],
    ).order_by("name")
    about_labels = {NONE_KEY: THE_MUNICIPALITY} | {str(o.pk): o.name for o in providers}
    provider_table = crosstab(
        scope,
        municipalities=[municipality],
        period=period,
        rows=("about", about_labels),
        columns=("domain", dict(Domain.choices)),
        title="Binnengekomen per aanbieder en domein",
        where=where,
    )
    topic_table = breakdown(
        scope,
        municipalities=[municipality],
        period=period,
        field="triage__topic",
        labels=topic_labels,
        title="Binnengekomen per onderwerp",
        where=where,
    )
    today = timezone.localdate()
    # Terms count for every domain: the aggregate read's timeliness takes no filter.
    terms = aggregates.timeliness(
        scope,
        municipalities=[municipality],
        period=period,
        as_of=today,
        regime_labels=regime_labels(),
        prefixes=(COMPLAINT_SCHEME_PREFIX,),
        title="Termijnen per regeling",
    )
    return Management(
        kinds=figure("soorten", kinds_in(period, trend)),
        outcomes=figure("uitkomsten", column_totals(outcomes, "Afgehandeld per uitkomst")),
        outcomes_per_kind=grid("uitkomsten-per-soort", outcomes),
        timeliness=figure(
            "tijdigheid", column_totals(terms, "Termijnen: op tijd of niet"), "termijnen"
        ),
        timeliness_per_regime=grid("termijnen-per-regeling", terms),
        domains=figure("domeinen", column_totals(provider_table, "Binnengekomen per domein")),
        topics=figure("onderwerpen", topic_table),
        providers=grid("aanbieders-per-domein", provider_table),
        providers_chart=charts.row_totals_chart(
            "aanbieders", "Binnengekomen per aanbieder", provider_table
        ),
        recommendations=[(r, is_late(r, today)) for r in open_recommendations(municipality, today)],
    )


# The page ------------------------------------------------------------------------------------


def answers_for_the_work(user: User, municipality: Municipality) -> bool:
    """College, management, coordinators and the like: more than the council's thermometer."""
    if user.is_superuser:
        return True
    here = Q(municipality=municipality) | Q(team__municipality=municipality)
    return Membership.objects.filter(here, user=user, role__in=MANAGEMENT_ROLES).exists()


def report_links(municipality: Municipality, year: int) -> list[tuple[str, str]]:
    """The annual report in each format. The download view is another page's; until it
    exists the page says so instead of failing."""
    links = []
    for fmt, label in REPORT_FORMATS:
        try:
            url = reverse(
                "reporting:report_download",
                kwargs={
                    "municipality": municipality.code,
                    "kind": "annual",
                    "period": str(year),
                    "fmt": fmt,
                },
            )
        except NoReverseMatch:
            return []
        links.append((url, label))
    return links


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # guaranteed by @login_required
    scope = aggregate_scope_for_user(user)
    municipalities = municipalities_for(scope)
    if not municipalities:
        raise Http404("Niet gevonden")
    code = request.GET.get("gemeente", "")
    if code and code not in {m.code for m in municipalities}:
        # Not "choose from the list": whether another municipality exists is not theirs to learn.
        raise Http404("Niet gevonden")
    data = request.GET.dict()
    data["gemeente"] = code or municipalities[0].code
    form = DashboardFilterForm(data, municipalities=municipalities)
    context: dict[str, Any] = {
        "nav": "cijfers",
        "form": form,
        "summary": [],
        "small_number": threshold(),
    }
    if not form.is_valid():
        context["summary"] = form.error_summary()
        return render(request, "reporting/dashboard.html", context)
    municipality = next(m for m in municipalities if m.code == form.cleaned_data["gemeente"])
    period: Period = form.cleaned_data["periode"]
    domain: str = form.cleaned_data["domein"]
    where = Q(domain=domain) if domain else None
    # The figures from the reports replica when there is one; the person's own report runs
    # (just asked for, perhaps) and their memberships from the primary.
    works = answers_for_the_work(user, municipality)
    with reports_database():
        context["thermometer"] = thermometer(scope, municipality, period, where)
        if works:
            context["management"] = management(
                scope, municipality, period, domain, where, context["thermometer"]
            )
    context |= {
        "municipality": municipality,
        "period": period,
        "domain_label": dict(Domain.choices).get(domain, ""),
        "report_year": period.first.year,
        "report_links": report_links(municipality, period.first.year),
        # "Verslag laten maken": the same reports, made in the background with progress.
        **report_runs_pages.run_section(user, municipality),
    }
    return render(request, "reporting/dashboard.html", context)
