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
from django.db.models import Count, Q

from regie.accounts.models import Membership
from regie.cases.models import Case
from regie.directory.models import Municipality
from regie.vocabulary import Role

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Who may see figures: those who answer for the municipality's work, and those it answers to.
AGGREGATE_ROLES = (
    Role.MANAGEMENT,
    Role.RAAD,
    Role.COORDINATOR,
    Role.OMBUDSFUNCTIONARIS,
    Role.BEHEERDER,
)
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


def aggregate_scope_for_user(user: AbstractBaseUser | AnonymousUser) -> AggregateScope:
    if not isinstance(user, User) or not user.is_active:
        return AggregateScope()
    if user.is_superuser:
        return AggregateScope(everything=True)
    memberships = Membership.objects.filter(user=user, role__in=AGGREGATE_ROLES).select_related(
        "team"
    )
    ids = {m.municipality_id for m in memberships if m.municipality_id}
    ids |= {m.team.municipality_id for m in memberships if m.team}
    return AggregateScope(municipality_ids=frozenset(ids))


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
) -> Q:
    for municipality in municipalities:
        if not scope.allows(municipality.pk):
            raise FiguresRefused(municipality.code)
    if date_field not in DATE_FIELDS:
        raise ValueError(f"count by {DATE_FIELDS}, not {date_field}")
    start, end = period.bounds()
    found = Q(municipality__in=[m.pk for m in municipalities])
    found &= Q(**{f"{date_field}__gte": start, f"{date_field}__lt": end})
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
