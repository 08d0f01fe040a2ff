"""Tell PostgreSQL that a case's handler and team go together (issue 12).

The planner takes columns to be independent: in a register of many municipalities it
multiplied the share of a handler's cases by the share of a team's and expected a few
hundred cases where a handler has tens of thousands in their team (bench/scale.py at ten
million cases: 477 expected, 19,811 found). So for "my cases in my team", an alternative of
every team queue, it chose a BitmapAnd of two indexes and a read of the table over the
handler's own index in list order: 13-14 ms for a page of ids instead of 2.4 ms.

Extended statistics on the pair (dependencies, and the most common combinations with a
larger list than the default, so that a region's handler-team pairs fit) give the planner
the combined share. ANALYZE fills them at once when there are cases; autovacuum keeps them
fresh afterwards. PostgreSQL only: SQLite has no such statistics and no planner that needs
them.

Never ANALYZE an empty table here: the planner would then take it as empty for good (its
row count 0 instead of "not known"), and the foreign-key checks of a fresh database, a test
database above all, would read the whole case table for every row written until autovacuum
looks again (seen: the test suite's deferred constraint checks turned quadratic).
"""

from typing import Any

from django.db import migrations

NAME = "case_handler_team"
TARGET = 1000


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE STATISTICS IF NOT EXISTS {NAME} (dependencies, mcv) "
        "ON handler_id, handling_team_id FROM cases_case"
    )
    schema_editor.execute(f"ALTER STATISTICS {NAME} SET STATISTICS {TARGET}")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM cases_case)")
        (has_cases,) = cursor.fetchone()
    if has_cases:
        schema_editor.execute("ANALYZE cases_case")


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP STATISTICS IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0020_handler_indexes_answer_the_team_queue")]

    operations = [migrations.RunPython(create, drop)]
