"""What other processes see of a batch while it runs, and two schedulers at the same moment.

Each test thread has its own database connection, so it sees only what was committed, as the
progress page in a web worker does while the tick processes the file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone

from regie.accounts.scope import scope_for_user
from regie.cases.models import Case
from regie.directory.models import Organisation
from regie.imports import services as imports
from regie.imports.models import ImportBatch
from tests.imports.files import csv_bytes, rows

pytestmark = pytest.mark.django_db(transaction=True)

T = TypeVar("T")


def upload(count: int) -> ImportBatch:
    anker = User.objects.get(username="anker")
    return imports.batch_upload(
        scope=scope_for_user(anker),
        organisation=Organisation.objects.get(slug="het-anker"),
        file_name="klachten.csv",
        content=csv_bytes(rows(count)),
        dry_run=False,
        uploaded_by=anker,
    )


def elsewhere(read: Callable[[], T]) -> T:
    """`read` on another connection: what a page in another process would show now."""
    found: list[T] = []

    def run() -> None:
        try:
            found.append(read())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    return found[0]


def test_progress_is_visible_to_others_while_the_batch_runs(
    world: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 2)
    batch = upload(6)
    claimed = imports._claim_next(timezone.now())
    assert claimed is not None

    def page() -> tuple[str, int, int, int]:
        shown = ImportBatch.objects.get(pk=batch.pk)
        return shown.state, shown.rows_checked, shown.rows_total, Case.objects.count()

    seen: list[tuple[Any, ...]] = []
    imports.batch_process(claimed, on_progress=lambda *step: seen.append((*step, elsewhere(page))))

    assert seen == [
        ("controleren", 2, 6, ("controleren", 2, 6, 0)),
        ("controleren", 4, 6, ("controleren", 4, 6, 0)),
        ("controleren", 6, 6, ("controleren", 6, 6, 0)),
        # One transaction: the page says "Opslaan…", and no case shows before all of them do.
        ("opslaan", 2, 6, ("opslaan", 6, 6, 0)),
        ("opslaan", 4, 6, ("opslaan", 6, 6, 0)),
        ("opslaan", 6, 6, ("opslaan", 6, 6, 0)),
    ]
    assert elsewhere(page) == ("klaar", 6, 6, 6)


def test_two_schedulers_at_the_same_moment_process_a_batch_once(world: None) -> None:
    batch = upload(20)
    barrier = threading.Barrier(2)
    processed: list[int] = []
    errors: list[Exception] = []

    def tick() -> None:
        try:
            barrier.wait(timeout=5)
            processed.append(imports.imports_run_due())
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=tick) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors
    assert sorted(processed) == [0, 1]
    assert Case.objects.count() == 20
    batch.refresh_from_db()
    assert (batch.state, batch.rows_written) == ("klaar", 20)
