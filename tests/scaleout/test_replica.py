"""A read replica for reports (issue 12, `REGIE_REPORTS_DATABASE_URL`): the heavy report
reads go to the `reports` alias, every write to `default`.

The replica here is the test database itself under a second alias (as `TEST: {"MIRROR":
"default"}` does), added for one test: each query shows on the connection that ran it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from regie.cases.aggregates import Period, aggregate_scope_for_user
from regie.replica import REPORTS, ReportsRouter, replica_configured, reports_database
from regie.reporting import runs
from regie.reporting.annual import ANNUAL, build_report
from regie.reporting.models import ReportRun
from tests.reporting.test_report_runs import gm9901, plant, user

# Transactional: the second connection sees only what the first committed, as a replica does.
pytestmark = pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, REPORTS])

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def replica(settings: Any) -> None:
    """The replica switched on for this test (the alias is tests/scaleout/conftest.py's)."""
    settings.REGIE_REPORTS_DATABASE_URL = "postgres://replica/regie (the test database)"


def sql_of(captured: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in captured.captured_queries]


def writes_in(sql: list[str]) -> list[str]:
    return [q for q in sql if q.lstrip().upper().startswith(WRITES)]


def reads_cases(sql: list[str]) -> bool:
    return any('"cases_case"' in q for q in sql)


def this_year() -> Period:
    return Period.parse(str(timezone.localdate().year))


def test_the_annual_report_reads_from_the_replica(world: None, replica: None) -> None:
    plant(3)
    scope = aggregate_scope_for_user(user("wethouder"))

    with (
        CaptureQueriesContext(connections[REPORTS]) as on_replica,
        CaptureQueriesContext(connection) as on_primary,
    ):
        report = build_report(ANNUAL, scope, gm9901(), this_year())

    assert report.sections
    assert reads_cases(sql_of(on_replica))
    assert not writes_in(sql_of(on_replica))
    assert not reads_cases(sql_of(on_primary))


def test_a_report_run_reads_the_replica_and_writes_its_progress_on_the_primary(
    world: None, replica: None
) -> None:
    plant(3)
    run = runs.report_run_request(
        user=user("wethouder"),
        municipality=gm9901(),
        kind="annual",
        period=str(timezone.localdate().year),
        fmt="csv",
    )

    with (
        CaptureQueriesContext(connections[REPORTS]) as on_replica,
        CaptureQueriesContext(connection) as on_primary,
    ):
        assert runs.report_runs_due() == 1

    assert reads_cases(sql_of(on_replica))
    assert not writes_in(sql_of(on_replica))
    assert any('"reporting_reportrun"' in q for q in writes_in(sql_of(on_primary)))
    run.refresh_from_db()
    assert run.state == ReportRun.State.DONE


def test_a_download_reads_the_replica_and_the_audit_log_is_written_on_the_primary(
    login: Any, replica: None
) -> None:
    plant(3)
    client = login("wethouder")
    year = timezone.localdate().year

    with (
        CaptureQueriesContext(connections[REPORTS]) as on_replica,
        CaptureQueriesContext(connection) as on_primary,
    ):
        response = client.get(f"/bestuur/GM9901/verslag/annual-{year}.csv")

    assert response.status_code == 200
    assert reads_cases(sql_of(on_replica))
    assert not writes_in(sql_of(on_replica))
    assert any('"privacy_accesslog"' in q for q in writes_in(sql_of(on_primary)))


def test_the_figures_page_reads_its_figures_from_the_replica(login: Any, replica: None) -> None:
    plant(3)
    client = login("wethouder")

    with CaptureQueriesContext(connections[REPORTS]) as on_replica:
        response = client.get("/bestuur")

    assert response.status_code == 200
    assert reads_cases(sql_of(on_replica))
    assert not writes_in(sql_of(on_replica))


def test_without_a_replica_everything_reads_the_primary(world: None) -> None:
    assert not replica_configured()
    router = ReportsRouter()
    with reports_database() as alias:
        assert alias == DEFAULT_DB_ALIAS
        assert router.db_for_read(ReportRun) == DEFAULT_DB_ALIAS
    assert router.db_for_write(ReportRun) == DEFAULT_DB_ALIAS


def test_outside_the_block_the_replica_is_not_read(world: None, replica: None) -> None:
    router = ReportsRouter()
    with reports_database() as alias:
        assert alias == REPORTS
        assert router.db_for_read(ReportRun) == REPORTS
        assert router.db_for_write(ReportRun) == DEFAULT_DB_ALIAS
    assert router.db_for_read(ReportRun) == DEFAULT_DB_ALIAS


def settings_with(**env: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import json, regie.settings as s; "
        "print(json.dumps({k: v.get('TEST', {}) for k, v in s.DATABASES.items()}))"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_setting_adds_a_mirrored_alias_and_refuses_what_is_no_replica() -> None:
    good = settings_with(REGIE_REPORTS_DATABASE_URL="postgres://regie@replica:5432/regie")
    assert good.returncode == 0, good.stderr
    assert '"reports": {"MIRROR": "default"}' in good.stdout

    bad = settings_with(REGIE_REPORTS_DATABASE_URL="sqlite:///tmp/x.sqlite3")
    assert bad.returncode != 0
    assert "REGIE_REPORTS_DATABASE_URL" in bad.stderr
