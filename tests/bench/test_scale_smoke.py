"""bench.scale with tiny numbers (the CI smoke test): its own small register on PostgreSQL,
every page answered, the protocol rows there. And the plan checker, on fabricated EXPLAIN
output, flags a sequential scan of a large table and nothing else. Speed lives in bench/."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from bench.scale_plans import LARGE_TABLES, node_types, seq_scans
from django.db import connection

REPO = Path(__file__).resolve().parents[2]
# Its own database, reused between runs when it holds the cases already.
DATABASE = "regie_bench_h4_smoke"


def _server_url() -> str:
    """The test database's server, without the database: the benchmark makes its own."""
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432"))
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


def _explained(inner: dict[str, Any]) -> list[dict[str, Any]]:
    # The shape of `EXPLAIN (FORMAT JSON)`: a list with one object holding the plan tree.
    return [{"Plan": {"Node Type": "Limit", "Plans": [inner]}}]


def test_the_plan_checker_flags_a_seq_scan_of_a_large_table() -> None:
    plan = _explained(
        {
            "Node Type": "Nested Loop",
            "Plans": [
                {"Node Type": "Seq Scan", "Relation Name": "cases_case"},
                {"Node Type": "Index Scan", "Relation Name": "cases_event"},
            ],
        }
    )
    assert seq_scans(plan, LARGE_TABLES) == ["cases_case"]
    assert node_types(plan) == [
        "Limit",
        "Nested Loop",
        "Seq Scan on cases_case",
        "Index Scan on cases_event",
    ]


def test_the_plan_checker_lets_index_scans_and_small_tables_pass() -> None:
    plan = _explained(
        {
            "Node Type": "Hash Join",
            "Plans": [
                {"Node Type": "Index Only Scan", "Relation Name": "cases_case"},
                {"Node Type": "Seq Scan", "Relation Name": "directory_municipality"},
            ],
        }
    )
    assert seq_scans(plan, LARGE_TABLES) == []


@pytest.mark.slow
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the benchmark fills and explains a PostgreSQL register; run with DATABASE_URL",
)
def test_the_scale_benchmark_runs_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "scale.json"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    completed = subprocess.run(
        [
            *(sys.executable, "-m", "bench.scale"),
            *("--cases", "3000", "--municipalities", "3", "--repeats", "3", "--quick"),
            *("--database", DATABASE, "--postgres", _server_url(), "--json-out", str(out)),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    result = json.loads(out.read_text())
    assert result["benchmark"] == "scale"
    assert result["ok"] is True, result["details"]["problems"]
    measures = [r["measure"] for r in result["rows"]]
    assert any(m.startswith("werklijst: mijn zaken, p95") for m in measures)
    assert any(m.startswith("zaakpagina (gemeente), p95") for m in measures)
    assert "queries met een Seq Scan op een grote tabel" in measures
    assert any(m.startswith("annual_report GM9901") for m in measures)
    pages = result["details"]["pages"]
    assert all(page["requests"] >= 1 and page["statements"] > 0 for page in pages)
    # The case page has its floor: the raw primary-key read of the same cases.
    assert any("baseline_p95_ms" in page for page in pages)
    assert result["details"]["plans"], "every page's queries are explained"
