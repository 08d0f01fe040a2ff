"""Reference numbers under concurrency (issue 12): taken in a statement of their own before
the intake's transaction, so no intake waits for another's commit; unique, and dense per
municipality except where an intake failed.

Each thread has its own database connection, as each server thread has. The tests commit
(transactional tests) because the point is what other connections see and wait for.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web
from regie.cases import services
from regie.cases.models import Case, ReferenceCounter
from regie.cases.services import intake as intake_module
from regie.directory.models import Municipality

pytestmark = pytest.mark.django_db(transaction=True)

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises every writer: concurrent intakes need PostgreSQL",
)


def register(code: str) -> Case:
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code=code),
        kind="klacht",
        channel="web",
        description="Niemand belt mij terug over mijn aanvraag.",
        submitter=services.Person(name="Anna de Vries", phone="0612345678"),
    )
    return services.case_intake(scope=scope_for_public_web(), request=request).case


def in_thread(
    work: Callable[[], Any], results: list[Any], errors: list[BaseException], name: str = ""
) -> threading.Thread:
    def run() -> None:
        try:
            results.append(work())
        except BaseException as error:  # reported by the test, never lost in the thread
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run, name=name or None)
    thread.start()
    return thread


def numbers(code: str) -> list[int]:
    digits = code[2:]
    references = Case.objects.filter(municipality__code=code).values_list("reference", flat=True)
    assert all(r.startswith(f"KL-{digits}-") for r in references)
    return sorted(int(r.rsplit("-", 1)[1]) for r in references)


@postgres_only
def test_many_intakes_at_once_for_two_municipalities(world: None) -> None:
    threads_per_place, each = 4, 6
    start = threading.Barrier(2 * threads_per_place)
    results: list[Any] = []
    errors: list[BaseException] = []

    def work(code: str) -> list[str]:
        start.wait(timeout=30)
        return [register(code).reference for _ in range(each)]

    threads = [
        in_thread(lambda code=code: work(code), results, errors)  # type: ignore[misc]
        for code in ("GM9901", "GM9902")
        for _ in range(threads_per_place)
    ]
    for thread in threads:
        thread.join(timeout=120)

    assert not errors
    references = [r for batch in results for r in batch]
    assert len(references) == 2 * threads_per_place * each
    assert len(set(references)) == len(references)
    # Each municipality starts at 1 and has no gap: no intake failed.
    for code in ("GM9901", "GM9902"):
        assert numbers(code) == list(range(1, threads_per_place * each + 1))
    year = timezone.localdate().year
    counters = ReferenceCounter.objects.filter(prefix="KL", year=year)
    assert dict(counters.values_list("municipality__code", "last")) == {
        "GM9901": threads_per_place * each,
        "GM9902": threads_per_place * each,
    }


@postgres_only
def test_an_open_intake_transaction_does_not_hold_up_the_next_number(
    world: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One intake stops inside its transaction (a slow disk, a long triage mail); another
    intake of the same municipality still gets its number and commits meanwhile."""
    inside = threading.Event()
    release = threading.Event()
    real_append = intake_module.append_events

    def slow_append(*args: Any, **kwargs: Any) -> Any:
        if threading.current_thread().name == "slow":
            inside.set()
            release.wait(timeout=60)
        return real_append(*args, **kwargs)

    monkeypatch.setattr(intake_module, "append_events", slow_append)
    results: list[Any] = []
    errors: list[BaseException] = []
    slow = in_thread(lambda: register("GM9901").reference, results, errors, name="slow")
    try:
        assert inside.wait(timeout=30)
        quick_results: list[Any] = []
        quick = in_thread(lambda: register("GM9901").reference, quick_results, errors)
        quick.join(timeout=20)
        # With the old counter (locked until the slow intake's commit) this would still wait.
        assert not quick.is_alive(), "the second intake waited for the first one's commit"
        assert not errors
    finally:
        release.set()
        slow.join(timeout=60)
    year = timezone.localdate().year
    assert not errors
    assert quick_results == [f"KL-9901-{year}-000002"]
    assert results == [f"KL-9901-{year}-000001"]


def test_an_intake_that_fails_leaves_a_gap_never_a_duplicate(
    world: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The number is taken before the intake's transaction: when the transaction fails,
    the number stays unused. References are unique and ascending, not gapless."""
    real_append = intake_module.append_events
    calls = {"n": 0}

    def failing_once(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("the database went away")
        return real_append(*args, **kwargs)

    monkeypatch.setattr(intake_module, "append_events", failing_once)
    year = timezone.localdate().year
    first = register("GM9901")
    with pytest.raises(RuntimeError):
        register("GM9901")
    third = register("GM9901")

    assert first.reference == f"KL-9901-{year}-000001"
    assert third.reference == f"KL-9901-{year}-000003"
    assert Case.objects.count() == 2
