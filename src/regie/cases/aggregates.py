"""The one read of the register for people who may not see cases (ADR 3): an
`AggregateScope` in, tables of counts out, every count below the threshold already hidden.

The council, the college and management, and everything published (the annual complaints
report of Awb 9:12a, open data), get their figures here and nowhere else. A table is a
breakdown of one population (cases of some municipalities in a period) by one or two fields;
its cells are `Cell`s whose value is None when hidden.

Hiding, and why it holds
------------------------
Primary: every count below `settings.REGIE_SMALL_NUMBER` (k, default 5) is hidden, zero
included, so that "< 5" is all a reader learns. Secondary: a hidden count must not be
recoverable from the others. Every table states its additive relations as constraints
"total = sum of parts" (the grand total over the rows; for a cross table also each row total
over its row and each column total over its column). As long as some constraint has exactly
one hidden member, that member could be computed, so the smallest visible member of that
constraint is hidden as well; this repeats until no constraint has exactly one hidden member
(`hide`). A table's total is the population's size, the same in every breakdown of that
population, so two breakdowns of one report cannot be subtracted to undo a hidden cell.

What it does not do: an exact audit over all tables of a publication at once (linear
programming over every published relation). The reports avoid relations across tables other
than the shared total, which is why each breakdown carries its own total.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate

from regie.accounts.permissions import May, roles_that
from regie.accounts.selectors import municipality_ids_in_roles
from regie.cases.models import Case, CaseDeadline, Event, EventType, OmbudsmanReferral
from regie.directory.models import Municipality
from regie.vocabulary import CONCLUDED_STATUSES

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Who may see figures: those who answer for the municipality's work, and those it answers to.
AGGREGATE_ROLES = tuple(sorted(roles_that(May.SEE_FIGURES)))
DATE_FIELDS = ("received_at", "concluded_at")


class FiguresRefused(Exception):
    """The caller may not see figures of this municipality; pages answer 404."""


@dataclass(frozen=True)
class AggregateScope:
    """Which municipalities' figures the caller may see. Never a case."""

    municipality_ids: frozenset[int] = frozenset()
    everything: bool = False

    def allows(self, municipality_id: int) -> bool:
        return self.everything or municipality_id in self.municipality_ids

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.municipality_ids


def aggregate_scope_for_user(user: AbstractBaseUser | AnonymousUser) -> AggregateScope:
    if not isinstance(user, User) or not user.is_active:
        return AggregateScope()
    if user.is_superuser:
        return AggregateScope(everything=True)
    return AggregateScope(municipality_ids=municipality_ids_in_roles(user, AGGREGATE_ROLES))


def municipalities_for(scope: AggregateScope) -> list[Municipality]:
    found = Municipality.objects.order_by("name")
    if not scope.everything:
        found = found.filter(pk__in=scope.municipality_ids)
    return list(found)


# Periods ------------------------------------------------------------------------------------

_PERIOD = re.compile(r"^(\d{4})(?:-Q([1-4]))?$")
PERIOD_HELP = "Schrijf een jaar (2025) of een kwartaal (2025-Q3)."


@dataclass(frozen=True)
class Period:
    """A calendar year or quarter, Dutch time, both ends included."""

    label: str
    first: dt.date
    last: dt.date

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.match(text.strip())
        if match is None or not 1900 <= int(match.group(1)) <= 2999:
            raise ValueError(f"Onbekende periode {text!r}. {PERIOD_HELP}")
        year = int(match.group(1))
        if match.group(2) is None:
            return cls(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31))
        quarter = int(match.group(2))
        first = dt.date(year, 3 * quarter - 2, 1)
        after = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
        return cls(f"{year}-Q{quarter}", first, after - dt.timedelta(days=1))

    @property
    def is_year(self) -> bool:
        return "-Q" not in self.label

    def quarters(self) -> list[Period]:
        if not self.is_year:
            return [self]
        return [Period.parse(f"{self.label}-Q{q}") for q in range(1, 5)]

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) as aware moments: midnight Dutch time."""
        start = dt.datetime.combine(self.first, dt.time.min, tzinfo=AMSTERDAM)
        end = dt.datetime.combine(self.last + dt.timedelta(days=1), dt.time.min, tzinfo=AMSTERDAM)
        return start, end

    def __str__(self) -> str:
        if self.is_year:
            return self.label
        year, quarter = self.label.split("-Q")
        return f"kwartaal {quarter} van {year}"


# Cells and tables ---------------------------------------------------------------------------


def threshold() -> int:
    return int(settings.REGIE_SMALL_NUMBER)


@dataclass(frozen=True)
class Cell:
    value: int | None  # None: hidden
    k: int

    @property
    def hidden(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        if self.value is None:
            return f"< {self.k}"
        return f"{self.value:,}".replace(",", ".")


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    cell: Cell


@dataclass(frozen=True)
class Table:
    """One breakdown of a population: rows and their total."""

    title: str
    rows: tuple[Row, ...]
    total: Cell


@dataclass(frozen=True)
class CrossTable:
    """Two fields at once: `cells[row_key][column_key]`, with row, column and grand totals."""

    title: str
    row_labels: tuple[tuple[str, str], ...]
    column_labels: tuple[tuple[str, str], ...]
    cells: Mapping[str, Mapping[str, Cell]]
    row_totals: Mapping[str, Cell]
    column_totals: Mapping[str, Cell]
    total: Cell


Constraint = tuple[str, Sequence[str]]  # (the total's id, the parts' ids)


def hide(values: Mapping[str, int], constraints: Sequence[Constraint], k: int) -> set[str]:
    """The ids to hide: every value below `k`, and then, while some constraint has exactly one
    hidden member, its smallest visible member too (see the module's note)."""
    hidden = {key for key, value in values.items() if value < k}
    changed = True
    while changed:
        changed = False
        for total, parts in constraints:
            members = [total, *parts]
            if sum(1 for m in members if m in hidden) != 1:
                continue
            visible = [m for m in members if m not in hidden]
            if not visible:
                continue
            # The smallest visible part protects best at the least loss; the total only when
            # no part is left.
            candidates = [m for m in visible if m != total] or visible
            hidden.add(min(candidates, key=lambda m: (values[m], m)))
            changed = True
    return hidden


def _population(
    scope: AggregateScope,
    municipalities: Sequence[Municipality],
    period: Period,
    date_field: str,
    where: Q | None,
    via: str = "",
) -> Q:
    """The cases counted, as a filter on Case, or (with `via`, e.g. "case__") on a model
    that points to Case, so that it joins the case once instead of testing `case__in`."""
    for municipality in municipalities:
        if not scope.allows(municipality.pk):
            raise FiguresRefused(municipality.code)
    if date_field not in DATE_FIELDS:
        raise ValueError(f"count by {DATE_FIELDS}, not {date_field}")
    if via and where is not None:
        raise ValueError("`where` is a filter on Case; it cannot go with `via`")
    start, end = period.bounds()
    found = Q(**{f"{via}municipality__in": [m.pk for m in municipalities]})
    found &= Q(**{f"{via}{date_field}__gte": start, f"{via}{date_field}__lt": end})
    return found & where if where is not None else found


def breakdown(
    scope: AggregateScope,
    *,
    municipalities: Sequence[Municipality],
    period: Period,
    field: str,
    labels: Mapping[str, str],
    title: str,
    date_field: str = "received_at",
    where: Q | None = None,
) -> Table:
    """The population's count per value of `field`, one row per label (zeros included, in the
    order of `labels`; values without a label are counted under "overig"), and the total."""
    population = _population(scope, municipalities, period, date_field, where)
    raw = dict(
        Case.objects.filter(population)
        .values_list(field)
        .annotate(n=Count("pk"))
        .order_by()
        .values_list(field, "n")
    )
    counts = dict.fromkeys(labels, 0)
    other = 0
    for value, n in raw.items():
        key = "" if value is None else str(value)
        if key in counts:
            counts[key] += n
        else:
            other += n
    row_labels = list(labels.items())
    if other:
        counts["__overig"] = other
        row_labels.append(("__overig", "Overig"))
    total = sum(counts.values())
    values = {f"r:{key}": n for key, n in counts.items()} | {"total": total}
    k = threshold()
    hidden = hide(values, [("total", [f"r:{key}" for key in counts])], k)

    def cell(key: str) -> Cell:
        return Cell(None if key in hidden else values[key], k)

    return Table(
        title=title,
        rows=tuple(Row(key, label, cell(f"r:{key}")) for key, label in row_labels),
        total=cell("total"),
    )


def crosstab(
    scope: AggregateScope,
    *,
    municipalities: Sequence[Municipality],
    period: Period,
    rows: tuple[str, Mapping[str, str]],
    columns: tuple[str, Mapping[str, str]],
    title: str,
    date_field: str = "received_at",
    where: Q | None = None,
) -> CrossTable:
    """Counts by two fields (e.g. municipality x kind), with every margin. Values outside the
    labels are left out of the table and its totals: pass every value that can occur."""
    row_field, row_labels = rows
    column_field, column_labels = columns
    population = _population(scope, municipalities, period, date_field, where)
    raw = (
        Case.objects.filter(population)
        .values_list(row_field, column_field)
        .annotate(n=Count("pk"))
        .order_by()
    )
    grid = {r: dict.fromkeys(column_labels, 0) for r in row_labels}
    for r, c, n in raw:
        r, c = str(r), str(c)
        if r in grid and c in grid[r]:
            grid[r][c] += n
    values: dict[str, int] = {}
    constraints: list[Constraint] = []
    for r in row_labels:
        for c in column_labels:
            values[f"{r}|{c}"] = grid[r][c]
        values[f"{r}|"] = sum(grid[r].values())
        constraints.append((f"{r}|", [f"{r}|{c}" for c in column_labels]))
    for c in column_labels:
        values[f"|{c}"] = sum(grid[r][c] for r in row_labels)
        constraints.append((f"|{c}", [f"{r}|{c}" for r in row_labels]))
    values["|"] = sum(values[f"{r}|"] for r in row_labels)
    constraints.append(("|", [f"{r}|" for r in row_labels]))
    constraints.append(("|", [f"|{c}" for c in column_labels]))
    k = threshold()
    hidden = hide(values, constraints, k)

    def cell(key: str) -> Cell:
        return Cell(None if key in hidden else values[key], k)

    return CrossTable(
        title=title,
        row_labels=tuple(row_labels.items()),
        column_labels=tuple(column_labels.items()),
        cells={r: {c: cell(f"{r}|{c}") for c in column_labels} for r in row_labels},
        row_totals={r: cell(f"{r}|") for r in row_labels},
        column_totals={c: cell(f"|{c}") for c in column_labels},
        total=cell("|"),
    )


__all__ = ["AGGREGATE_ROLES", "AggregateScope", "Cell", "CrossTable", "FiguresRefused"]
__all__ += ["Period", "Row", "Table", "aggregate_scope_for_user", "breakdown", "crosstab", "hide"]
__all__ += ["municipalities_for", "threshold"]


# Added for the annual complaints report (issue 10) -------------------------------------------
# Figures that `breakdown` and `crosstab` cannot give: tables that share a member with another
# table of the same report are hidden together, in one run of `hide` over the constraints of
# all of them, so that one table cannot undo what another hides.

TIMELINESS_COLUMNS = {
    "op-tijd": "Op tijd",
    "te-laat": "Te laat",
    "open-verlopen": "Nog open, termijn verlopen",
    "open-lopend": "Nog open, binnen de termijn",
}
OTHER = "__overig"


@dataclass(frozen=True)
class ReceivedFigures:
    """The cases received in a period, for one municipality: one table per field, all with
    the same total, and (for a regional arrangement) the split per municipality by
    `region_field`, whose row for this municipality is the same figures as that field's
    table."""

    tables: tuple[Table, ...]
    region: CrossTable | None


def _hidden_cells(
    values: Mapping[str, int], constraints: Sequence[Constraint]
) -> tuple[set[str], int]:
    k = threshold()
    return hide(values, constraints, k), k


def _table(
    title: str,
    row_labels: Sequence[tuple[str, str]],
    ids: Mapping[str, str],
    total_id: str,
    values: Mapping[str, int],
    hidden: set[str],
    k: int,
) -> Table:
    def cell(key: str) -> Cell:
        return Cell(None if key in hidden else values[key], k)

    return Table(
        title=title,
        rows=tuple(Row(key, label, cell(ids[key])) for key, label in row_labels),
        total=cell(total_id),
    )


def _counted(raw: Mapping[str, int], labels: Mapping[str, str]) -> dict[str, int]:
    """Counts per label key (zeros included); values without a label under OTHER."""
    counts = dict.fromkeys(labels, 0)
    for key, n in raw.items():
        if key in counts:
            counts[key] += n
        else:
            counts[OTHER] = counts.get(OTHER, 0) + n
    return counts


def _labelled(counts: Mapping[str, int], labels: Mapping[str, str]) -> list[tuple[str, str]]:
    return [(key, labels.get(key, "Overig")) for key in counts]


def received_figures(
    scope: AggregateScope,
    *,
    municipality: Municipality,
    region: Sequence[Municipality],
    period: Period,
    fields: Sequence[tuple[str, Mapping[str, str], str]],
    region_field: str,
    region_title: str,
) -> ReceivedFigures:
    """Cases of `municipality` received in `period`, one table per (field, labels, title),
    and, when `region` holds other municipalities, the cross table municipality x
    `region_field` over `region` (which must include `municipality`). All cells are hidden
    in one run, because the municipality's row in the cross table is its `region_field`
    table and every table's total is that row's total."""
    members = [municipality, *[m for m in region if m.pk != municipality.pk]]
    population = _population(scope, members, period, "received_at", None)
    home = municipality.code
    values: dict[str, int] = {}
    constraints: list[Constraint] = []

    # The split per municipality (with only one municipality: just its own row).
    region_labels = next((labels for f, labels, _ in fields if f == region_field), None)
    if region_labels is None:
        raise ValueError(f"{region_field} must be one of the fields")
    raw = (
        Case.objects.filter(population)
        .values_list("municipality__code", region_field)
        .annotate(n=Count("pk"))
        .order_by()
    )
    per_member: dict[str, dict[str, int]] = {m.code: {} for m in members}
    for code, value, n in raw:
        key = "" if value is None else str(value)
        per_member[code][key] = per_member[code].get(key, 0) + n
    grid = {code: _counted(found, region_labels) for code, found in per_member.items()}
    columns: dict[str, None] = {}
    for counts in grid.values():
        columns |= dict.fromkeys(counts)
    for code, counts in grid.items():
        for column in columns:
            values[f"x:{code}|{column}"] = counts.get(column, 0)
        values[f"x:{code}|"] = sum(counts.values())
        constraints.append((f"x:{code}|", [f"x:{code}|{c}" for c in columns]))
    for column in columns:
        values[f"x:|{column}"] = sum(values[f"x:{code}|{column}"] for code in grid)
        constraints.append((f"x:|{column}", [f"x:{code}|{column}" for code in grid]))
    values["x:|"] = sum(values[f"x:{code}|"] for code in grid)
    constraints.append(("x:|", [f"x:{code}|" for code in grid]))
    constraints.append(("x:|", [f"x:|{c}" for c in columns]))

    # The municipality's own tables, each field's parts adding up to its row total.
    total_id = f"x:{home}|"
    home_population = population & Q(municipality=municipality)
    layouts: list[tuple[str, list[tuple[str, str]], dict[str, str]]] = []
    for field, labels, title in fields:
        if field == region_field:
            counts = {c: values[f"x:{home}|{c}"] for c in columns}
            ids = {c: f"x:{home}|{c}" for c in columns}
        else:
            found: dict[str, int] = {}
            for value, n in (
                Case.objects.filter(home_population)
                .values_list(field)
                .annotate(n=Count("pk"))
                .order_by()
                .values_list(field, "n")
            ):
                key = "" if value is None else str(value)
                found[key] = found.get(key, 0) + n
            counts = _counted(found, labels)
            ids = {key: f"b:{field}:{key}" for key in counts}
            for key, n in counts.items():
                values[ids[key]] = n
        constraints.append((total_id, list(ids.values())))
        layouts.append((title, _labelled(counts, labels), ids))

    hidden, k = _hidden_cells(values, constraints)
    tables = tuple(
        _table(title, rows, ids, total_id, values, hidden, k) for title, rows, ids in layouts
    )
    if len(members) == 1:
        return ReceivedFigures(tables=tables, region=None)

    def cell(key: str) -> Cell:
        return Cell(None if key in hidden else values[key], k)

    ordered = sorted(members, key=lambda m: m.name)
    return ReceivedFigures(
        tables=tables,
        region=CrossTable(
            title=region_title,
            row_labels=tuple((m.code, m.name) for m in ordered),
            column_labels=tuple((c, region_labels.get(c, "Overig")) for c in columns),
            cells={m.code: {c: cell(f"x:{m.code}|{c}") for c in columns} for m in ordered},
            row_totals={m.code: cell(f"x:{m.code}|") for m in ordered},
            column_totals={c: cell(f"x:|{c}") for c in columns},
            total=cell("x:|"),
        ),
    )


def concluded_figures(
    scope: AggregateScope,
    *,
    municipalities: Sequence[Municipality],
    period: Period,
    outcome_labels: Mapping[str, str],
    refused_outcome: str,
    ground_labels: Mapping[str, str],
    title: str,
    refusal_title: str,
) -> tuple[Table, Table]:
    """Cases concluded in `period` per outcome, and those with `refused_outcome` (not
    handled, Awb 9:8) per ground. The ground is in the CONCLUDED event's payload
    (`refusal.ground`, written by `case_refuse_complaint`); a case concluded so without one
    (a provider's own scheme) counts under "". Hidden together: the grounds add up to the
    outcome's cell."""
    if refused_outcome not in outcome_labels:
        raise ValueError(f"{refused_outcome} must be one of the outcomes")
    population = _population(scope, municipalities, period, "concluded_at", None)
    found: dict[str, int] = {}
    for value, n in (
        Case.objects.filter(population)
        .values_list("outcome")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("outcome", "n")
    ):
        found[str(value or "")] = found.get(str(value or ""), 0) + n
    outcomes = _counted(found, outcome_labels)

    # The latest CONCLUDED event of each case decides: a reopened and again refused case
    # counts once, with its last ground.
    latest: dict[int, str] = {}
    refused = Case.objects.filter(population & Q(outcome=refused_outcome)).values("pk")
    events = (
        Event.objects.filter(case__in=refused, type=EventType.CONCLUDED)
        .order_by("case_id", "at", "pk")
        .values_list("case_id", "payload")
    )
    for case_id, payload in events:
        refusal = payload.get("refusal") if isinstance(payload, dict) else None
        ground = refusal.get("ground") if isinstance(refusal, dict) else None
        latest[case_id] = str(ground or "")
    grounds_found: dict[str, int] = {}
    for ground in latest.values():
        grounds_found[ground] = grounds_found.get(ground, 0) + 1
    # A refused case without any CONCLUDED event (imported history) has no ground either.
    missing = outcomes[refused_outcome] - len(latest)
    if missing > 0:
        grounds_found[""] = grounds_found.get("", 0) + missing
    grounds = _counted(grounds_found, ground_labels)

    outcome_ids = {key: f"o:{key}" for key in outcomes}
    ground_ids = {key: f"g:{key}" for key in grounds}
    values = {outcome_ids[key]: n for key, n in outcomes.items()}
    values |= {ground_ids[key]: n for key, n in grounds.items()}
    values["total"] = sum(outcomes.values())
    constraints: list[Constraint] = [
        ("total", list(outcome_ids.values())),
        (outcome_ids[refused_outcome], list(ground_ids.values())),
    ]
    hidden, k = _hidden_cells(values, constraints)
    return (
        _table(title, _labelled(outcomes, outcome_labels), outcome_ids, "total", values, hidden, k),
        _table(
            refusal_title,
            _labelled(grounds, ground_labels),
            ground_ids,
            outcome_ids[refused_outcome],
            values,
            hidden,
            k,
        ),
    )


def timeliness(
    scope: AggregateScope,
    *,
    municipalities: Sequence[Municipality],
    period: Period,
    as_of: dt.date,
    regime_labels: Mapping[str, str],
    title: str,
    prefixes: Sequence[str] = (),
) -> CrossTable:
    """The current (not superseded) terms of the cases received in `period`, per regime:
    met on time, met late, still open on `as_of` and overdue, still open and running. A term
    of a concluded case that was never met is no task any more and is left out (as in the
    scorecards). A regime starting with one of `prefixes` (e.g. every provider's own
    complaint scheme) counts under that prefix, which then needs a label too; regimes
    without a label count under "Overig"."""
    population = _population(scope, municipalities, period, "received_at", None, via="case__")
    concluded = sorted(str(s) for s in CONCLUDED_STATUSES)
    grid: dict[str, dict[str, int]] = {
        r: dict.fromkeys(TIMELINESS_COLUMNS, 0) for r in regime_labels
    }
    # Counted in the database, per regime: fetching every term to sort it in Python took
    # 1.75 s for a year of one municipality at 1,000,000 cases (bench/reports.py).
    met = Q(met_at__isnull=False)
    still_open = Q(met_at__isnull=True) & ~Q(case__status__in=concluded)
    per_regime = (
        CaseDeadline.objects.filter(population, superseded=False)
        # The day it was met, in Dutch time, against the due day (as the worklist shows it).
        .alias(met_on=TruncDate("met_at", tzinfo=AMSTERDAM))
        .values("regime")
        # Late and running are the differences: each row's time zone conversion and status
        # test are done once.
        .annotate(
            met=Count("pk", filter=met),
            on_time=Count("pk", filter=met & Q(met_on__lte=F("due"))),
            open=Count("pk", filter=still_open),
            overdue=Count("pk", filter=still_open & Q(due__lt=as_of)),
        )
        .order_by("regime")
        .values_list("regime", "met", "on_time", "open", "overdue")
    )
    for regime, met_n, on_time, open_n, overdue in per_regime:
        row = next((p for p in prefixes if regime.startswith(p)), regime)
        row = row if row in regime_labels else OTHER
        # A regime whose every term is left out still gives its row, as before.
        counts = grid.setdefault(row, dict.fromkeys(TIMELINESS_COLUMNS, 0))
        counts["op-tijd"] += on_time
        counts["te-laat"] += met_n - on_time
        counts["open-verlopen"] += overdue
        counts["open-lopend"] += open_n - overdue
    values: dict[str, int] = {}
    constraints: list[Constraint] = []
    for r, counts in grid.items():
        for c, n in counts.items():
            values[f"{r}|{c}"] = n
        values[f"{r}|"] = sum(counts.values())
        constraints.append((f"{r}|", [f"{r}|{c}" for c in TIMELINESS_COLUMNS]))
    for c in TIMELINESS_COLUMNS:
        values[f"|{c}"] = sum(grid[r][c] for r in grid)
        constraints.append((f"|{c}", [f"{r}|{c}" for r in grid]))
    values["|"] = sum(values[f"{r}|"] for r in grid)
    constraints.append(("|", [f"{r}|" for r in grid]))
    constraints.append(("|", [f"|{c}" for c in TIMELINESS_COLUMNS]))
    hidden, k = _hidden_cells(values, constraints)

    def cell(key: str) -> Cell:
        return Cell(None if key in hidden else values[key], k)

    return CrossTable(
        title=title,
        row_labels=tuple((r, regime_labels.get(r, "Overig")) for r in grid),
        column_labels=tuple(TIMELINESS_COLUMNS.items()),
        cells={r: {c: cell(f"{r}|{c}") for c in TIMELINESS_COLUMNS} for r in grid},
        row_totals={r: cell(f"{r}|") for r in grid},
        column_totals={c: cell(f"|{c}") for c in TIMELINESS_COLUMNS},
        total=cell("|"),
    )


def ombudsman_referrals(
    scope: AggregateScope,
    *,
    municipalities: Sequence[Municipality],
    period: Period,
    judgement_labels: Mapping[str, str],
    title: str,
) -> Table:
    """Referrals to the ombudsman made in `period` (a case referred twice counts twice), per
    the ombudsman's judgement; "" is "no judgement recorded yet"."""
    for municipality in municipalities:
        if not scope.allows(municipality.pk):
            raise FiguresRefused(municipality.code)
    start, end = period.bounds()
    found: dict[str, int] = {}
    for value, n in (
        OmbudsmanReferral.objects.filter(
            case__municipality__in=[m.pk for m in municipalities],
            referred_at__gte=start,
            referred_at__lt=end,
        )
        .values_list("judgement")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("judgement", "n")
    ):
        found[str(value or "")] = found.get(str(value or ""), 0) + n
    counts = _counted(found, judgement_labels)
    ids = {key: f"r:{key}" for key in counts}
    values = {ids[key]: n for key, n in counts.items()} | {"total": sum(counts.values())}
    hidden, k = _hidden_cells(values, [("total", list(ids.values()))])
    return _table(title, _labelled(counts, judgement_labels), ids, "total", values, hidden, k)


__all__ += ["OTHER", "TIMELINESS_COLUMNS", "ReceivedFigures", "concluded_figures"]
__all__ += ["ombudsman_referrals", "received_figures", "timeliness"]
