"""The worklist at scale (issue 12): the heading counts at most COUNT_CAP cases, so a
municipality's whole register is not counted for one page; beyond it the page says so."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from regie.web import worklist


def test_beyond_the_cap_the_heading_says_more_than(
    login: Any, new_case: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worklist, "COUNT_CAP", 2)
    monkeypatch.setattr(worklist, "PAGE_SIZE", 1)
    for _ in range(4):
        new_case()

    page = login("coordinator").get("/werk?wachtrij=all").content.decode()

    assert "meer dan 2 zaken" in page
    assert "Pagina 1 van meer dan 2" in page


def test_within_the_cap_the_heading_counts_exactly(
    login: Any, new_case: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worklist, "COUNT_CAP", 3)
    for _ in range(3):
        new_case()

    page = login("coordinator").get("/werk?wachtrij=all").content.decode()

    assert ": 3 zaken" in page
    assert "meer dan" not in page


def test_a_reference_is_found_exactly_in_any_case(login: Any, new_case: Any) -> None:
    wanted = new_case()
    other = new_case()

    page = login("coordinator").get(
        f"/werk?wachtrij=all&status=alle&zoek={wanted.reference.lower()}"
    )

    assert wanted.reference in page.content.decode()
    assert other.reference not in page.content.decode()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the page by ids per grant is PostgreSQL's (elsewhere the list is sliced)",
)
def test_the_page_by_ids_per_grant_is_the_page_of_the_list(login: Any, new_case: Any) -> None:
    from regie.accounts.scope import scope_for_user
    from regie.accounts.selectors import user_by_username
    from regie.cases import selectors
    from regie.cases.models import Case

    cases = [new_case() for _ in range(7)]
    coordinator = user_by_username("coordinator")
    # One of them handled by the coordinator: the second grant of their scope.
    Case.objects.filter(pk=cases[0].pk).update(handler=coordinator, next_due=None)
    Case.objects.filter(pk=cases[1].pk).update(status="afgehandeld")
    scope = scope_for_user(coordinator)
    assert len(scope.grants) >= 2
    for status in ("", "open"):
        flt = selectors.WorklistFilter(queue="all", status=status)
        listed = list(
            selectors.worklist(
                scope, flt, user_id=coordinator.pk, team_ids=scope.team_ids()
            ).values_list("pk", flat=True)
        )
        for offset in (0, 2, 5):
            ids = selectors.worklist_page_ids(
                scope,
                flt,
                user_id=coordinator.pk,
                team_ids=scope.team_ids(),
                offset=offset,
                limit=3,
            )
            assert ids == listed[offset : offset + 3]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the count per grant is PostgreSQL's (elsewhere the list is counted)",
)
def test_the_capped_count_per_grant_counts_a_shared_case_once(login: Any, new_case: Any) -> None:
    from regie.accounts.scope import scope_for_user
    from regie.accounts.selectors import user_by_username
    from regie.cases import selectors
    from regie.cases.models import Case

    cases = [new_case() for _ in range(5)]
    coordinator = user_by_username("coordinator")
    # Two cases in both grants (the municipality and "handled by me"): counted once each.
    Case.objects.filter(pk__in=[cases[0].pk, cases[1].pk]).update(handler=coordinator)
    scope = scope_for_user(coordinator)
    assert len(scope.grants) >= 2
    flt = selectors.WorklistFilter(queue="all", status="alle")
    listed = selectors.worklist(scope, flt, user_id=coordinator.pk, team_ids=scope.team_ids())
    exact = listed.count()

    def counted(cap: int) -> int:
        return selectors.worklist_count_capped(
            scope, flt, user_id=coordinator.pk, team_ids=scope.team_ids(), cap=cap
        )

    assert counted(cap=exact + 10) == exact
    assert counted(cap=exact) == exact
    # Below the real number, the count says "more than the cap".
    assert counted(cap=exact - 1) > exact - 1


def test_own_cases_skip_the_scope_only_when_the_scope_holds_them() -> None:
    from regie.accounts.scope import Grant, Scope
    from regie.cases.selectors import WorklistFilter, _own_cases_only

    mine = WorklistFilter(queue="mine")
    handler = Scope(grants=(Grant(team_id=1, team_municipality_id=1), Grant(handler_id=7)))
    # Someone who sees a team but not "the cases they handle" (no handling role): a case
    # assigned to them in another team stays hidden, so the scope must stay in the query.
    viewer = Scope(grants=(Grant(team_id=1, team_municipality_id=1),))

    assert _own_cases_only(handler, mine, 7)
    assert not _own_cases_only(handler, mine, 8)  # another person's own cases
    assert not _own_cases_only(handler, WorklistFilter(queue="team"), 7)
    assert not _own_cases_only(viewer, mine, 7)
    assert _own_cases_only(Scope(everything=True), mine, 7)


def test_the_heading_counts_the_case_table_alone(login: Any, new_case: Any) -> None:
    # The rows join the team, provider and person; the count must not (at 10 million cases a
    # count of a handler's 6,000 cases through those joins took 13-23 ms instead of 3).
    from django.test.utils import CaptureQueriesContext

    from regie.accounts.selectors import user_by_username
    from regie.cases.models import Case

    client = login("behandelaar")
    Case.objects.filter(pk=new_case().pk).update(handler=user_by_username("behandelaar"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/werk?wachtrij=mine").status_code == 200

    counts = [q["sql"] for q in captured if q["sql"].startswith("SELECT COUNT(*)")]
    assert counts
    assert not [sql for sql in counts if "JOIN" in sql]
