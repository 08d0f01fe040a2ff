"""A file of 10,000 complaints finishes, and shows its progress on the way (issue 7). The time
it takes on PostgreSQL is measured by `python -m bench.bulk_import` (docs/performance.md)."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone

from regie.accounts.scope import scope_for_user
from regie.cases.models import Case, Event
from regie.directory.models import Organisation
from regie.imports import services as imports
from regie.imports.models import ImportBatch
from tests.imports.files import csv_bytes, rows

ROWS = 10_000


@pytest.mark.slow
@pytest.mark.skipif(
    connection.vendor == "postgresql",
    reason="the same code path runs on SQLite in CI; on PostgreSQL `python -m bench.bulk_import` "
    "times it (about two minutes, docs/performance.md)",
)
@pytest.mark.django_db
def test_a_file_of_ten_thousand_rows_finishes_with_progress_shown(world: None) -> None:
    anker = User.objects.get(username="anker")
    batch = imports.batch_upload(
        scope=scope_for_user(anker),
        organisation=Organisation.objects.get(slug="het-anker"),
        file_name="tienduizend.csv",
        content=csv_bytes(rows(ROWS)),
        dry_run=False,
        uploaded_by=anker,
    )
    claimed = imports._claim_next(timezone.now())
    assert claimed == batch
    shown: list[tuple[str, int]] = []

    def page_reads(phase: str, done: int, total: int) -> None:
        stored = ImportBatch.objects.get(pk=batch.pk)
        shown.append((stored.state, stored.rows_checked))

    started = time.perf_counter()
    batch = imports.batch_process(claimed, on_progress=page_reads)
    seconds = time.perf_counter() - started

    assert (batch.state, batch.rows_total, batch.rows_written) == ("klaar", ROWS, ROWS)
    assert Case.objects.count() == ROWS
    assert Event.objects.filter(type="ontvangen").count() == ROWS
    checking = [checked for state, checked in shown if state == "controleren"]
    assert checking == list(range(imports.PROGRESS_EVERY, ROWS + 1, imports.PROGRESS_EVERY))
    assert {state for state, _ in shown[len(checking) :]} == {"opslaan"}
    print(f"\n{ROWS} rows checked and written in {seconds:.1f} s")
