"""The statistics the worklist's plans rely on (migration cases 0021): PostgreSQL knows that a
case's handler and team go together, with a list of combinations long enough for a region."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner only")
def test_handler_and_team_have_extended_statistics() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT s.stxkind, s.stxstattarget,
                   ARRAY(SELECT a.attname FROM unnest(s.stxkeys) k
                         JOIN pg_attribute a ON a.attrelid = s.stxrelid AND a.attnum = k
                         ORDER BY a.attname)
            FROM pg_statistic_ext s WHERE s.stxname = 'case_handler_team'
            """
        )
        row = cursor.fetchone()
    assert row is not None, "migration cases 0021 did not create the statistics"
    kinds, target, columns = row
    assert set(kinds) == {"f", "m"}  # functional dependencies and most common combinations
    assert target == 1000
    assert columns == ["handler_id", "handling_team_id"]


class _Recorder:
    """A schema editor that only notes what the migration would run."""

    def __init__(self) -> None:
        self.connection = connection
        self.statements: list[str] = []

    def execute(self, sql: str) -> None:
        self.statements.append(sql)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner only")
def test_the_migration_analyzes_cases_but_never_an_empty_case_table(new_case: Any) -> None:
    """ANALYZE of an empty table makes PostgreSQL take it as empty for good: a fresh database
    then checked every foreign key to a case by reading the whole table (the test suite's
    deferred constraint checks turned quadratic)."""
    migration = importlib.import_module("regie.cases.migrations.0021_case_handler_team_statistics")
    empty = _Recorder()
    migration.create(None, empty)
    assert any("CREATE STATISTICS" in sql for sql in empty.statements)
    assert not any("ANALYZE" in sql for sql in empty.statements)

    new_case()
    filled = _Recorder()
    migration.create(None, filled)
    assert "ANALYZE cases_case" in filled.statements
