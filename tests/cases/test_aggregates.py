"""The aggregate read (ADR 3): counts right, small numbers hidden, and hidden numbers not
recoverable from totals or differences; only the municipalities of one's memberships."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db.models import Count

from regie.cases.aggregates import (
    AggregateScope,
    FiguresRefused,
    Period,
    aggregate_scope_for_user,
    breakdown,
    crosstab,
    hide,
)
from regie.cases.models import Case
from regie.directory.models import Municipality
from regie.vocabulary import Domain, Kind

pytestmark = pytest.mark.django_db


def test_periods() -> None:
    year = Period.parse("2025")
    assert (year.first, year.last) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    q3 = Period.parse("2025-Q3")
    assert (q3.first, q3.last) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    assert [p.label for p in year.quarters()] == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    assert str(q3) == "kwartaal 3 van 2025"
    for bad in ("25", "2025-Q5", "2025Q1", "", "2025-q1x"):
        with pytest.raises(ValueError, match="2025-Q3"):
            Period.parse(bad)


def test_every_small_number_is_hidden_and_no_constraint_gives_one_away() -> None:
    rng = random.Random(9)
    for _ in range(500):
        rows, cols = rng.randint(1, 5), rng.randint(1, 5)
        grid = {
            (r, c): rng.choice([0, 1, 2, 3, 4, 5, 6, 9, 20, 40])
            for r in range(rows)
            for c in range(cols)
        }
        values = {f"{r}|{c}": n for (r, c), n in grid.items()}
        constraints = []
        for r in range(rows):
            values[f"{r}|"] = sum(grid[r, c] for c in range(cols))
            constraints.append((f"{r}|", [f"{r}|{c}" for c in range(cols)]))
        for c in range(cols):
            values[f"|{c}"] = sum(grid[r, c] for r in range(rows))
            constraints.append((f"|{c}", [f"{r}|{c}" for r in range(rows)]))
        values["|"] = sum(grid.values())
        constraints.append(("|", [f"{r}|" for r in range(rows)]))
        hidden = hide(values, constraints, 5)
        assert {k for k, v in values.items() if v < 5} <= hidden
        for total, parts in constraints:
            assert sum(1 for m in [total, *parts] if m in hidden) != 1


def test_a_lone_small_cell_takes_a_second_one_with_it() -> None:
    values = {"a": 3, "b": 10, "c": 12, "t": 25}
    assert hide(values, [("t", ["a", "b", "c"])], 5) == {"a", "b"}


def _complaints(new_case: Any, count: int, **fields: Any) -> None:
    from regie.cases import services

    for n in range(count):
        person = services.Person(name=f"Inwoner {n}", email=f"inwoner{n}@example.nl")
        new_case(kind="klacht", submitter=person, **fields)


def test_a_breakdown_counts_what_the_register_holds_and_hides_small_numbers(
    new_case: Any,
) -> None:
    _complaints(new_case, 7, domain="wmo")
    _complaints(new_case, 2, domain="jeugd")
    _complaints(new_case, 9, domain="schuldhulp")
    new_case(municipality="GM9902", kind="klacht", domain="wmo")
    gm = Municipality.objects.get(code="GM9901")
    year = Period.parse(str(dt.date.today().year))
    table = breakdown(
        AggregateScope(everything=True),
        municipalities=[gm],
        period=year,
        field="domain",
        labels=dict(Domain.choices),
        title="Per domein",
        where=None,
    )
    direct = dict(
        Case.objects.filter(municipality=gm).values_list("domain").annotate(n=Count("pk"))
    )
    shown = {row.key: row.cell for row in table.rows}
    assert shown["wmo"].value == direct["wmo"] == 7
    assert shown["schuldhulp"].value == 9
    assert shown["jeugd"].hidden
    assert str(shown["jeugd"]) == "< 5"
    # jeugd (2) alone would be total minus the rest: the next smallest visible goes too.
    assert shown["wmo"].value is not None or shown["schuldhulp"].value is not None
    assert sum(1 for cell in shown.values() if cell.hidden) >= 2
    assert table.total.value == 18


def test_a_cross_table_keeps_its_margins_safe(new_case: Any) -> None:
    _complaints(new_case, 6, domain="wmo")
    _complaints(new_case, 1, domain="jeugd")
    for _ in range(8):
        new_case(kind="signaal", domain="wmo")
    gm = Municipality.objects.get(code="GM9901")
    table = crosstab(
        AggregateScope(everything=True),
        municipalities=[gm],
        period=Period.parse(str(dt.date.today().year)),
        rows=("domain", {"wmo": "Wmo", "jeugd": "Jeugd"}),
        columns=("kind", {"klacht": "Klacht", "signaal": "Signaal"}),
        title="Domein en soort",
    )
    assert table.total.value == 15
    assert table.column_totals["signaal"].value == 8
    assert table.cells["jeugd"]["klacht"].hidden
    # The jeugd row total (1) is small; the klacht column total (7) would give jeugd away
    # with wmo's 6, so something in that column is hidden too.
    column = [
        table.cells["wmo"]["klacht"],
        table.cells["jeugd"]["klacht"],
        table.column_totals["klacht"],
    ]
    assert sum(1 for cell in column if cell.hidden) >= 2


def test_figures_only_of_ones_own_municipalities(world: None) -> None:
    council = aggregate_scope_for_user(User.objects.get(username="coordinator"))
    gm9901 = Municipality.objects.get(code="GM9901")
    gm9902 = Municipality.objects.get(code="GM9902")
    assert council.allows(gm9901.pk)
    assert not council.allows(gm9902.pk)
    with pytest.raises(FiguresRefused):
        breakdown(
            council,
            municipalities=[gm9902],
            period=Period.parse("2025"),
            field="kind",
            labels=dict(Kind.choices),
            title="Per soort",
        )
    assert (
        aggregate_scope_for_user(User.objects.get(username="behandelaar")).municipality_ids
        == frozenset()
    )
