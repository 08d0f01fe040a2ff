"""The statistics the worklist's plans rely on (migration cases 0021): PostgreSQL knows that a
case's handler and team go together, with a list of combinations long enough for a region."""

from __future__ import annotations

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
