"""The intake benchmark end to end with tiny numbers (the CI smoke test): `regie serve`, a
Celery worker on Redis and the loopback SMTP server, on PostgreSQL. Correctness only: no
error, every acknowledgement arrived, the protocol rows are there. Speed lives in bench/."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

REPO = Path(__file__).resolve().parents[2]
# Its own database and Redis databases, so a real benchmark run at the same time is untouched.
DATABASE = "regie_bench_h3_smoke"
REDIS_DBS = "13,14"


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def _server_url() -> str:
    """The test database's server, without the database: the benchmark makes its own."""
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432"))
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


@pytest.mark.slow
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the benchmark measures PostgreSQL (pgbench, regie serve); run with DATABASE_URL",
)
@pytest.mark.skipif(not _redis_up(), reason="needs Redis on 127.0.0.1:6379 for Celery")
def test_the_intake_benchmark_runs_end_to_end_and_loses_no_mail(tmp_path: Path) -> None:
    out = tmp_path / "intake.json"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    completed = subprocess.run(
        [
            *(sys.executable, "-m", "bench", "intake"),
            *("--seconds", "1", "--warmup", "0.5", "--clients", "2"),
            *("--workers", "1", "--threads", "2", "--rate", "20", "--rate-seconds", "1"),
            *("--pg-url", _server_url(), "--database", DATABASE, "--redis-dbs", REDIS_DBS),
            *("--json-out", str(out)),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    result = json.loads(out.read_text())

    assert result["benchmark"] == "intake"
    assert result["ok"] is True
    assert result["details"]["errors"] == 0
    mail = result["details"]["mail"]
    assert mail["expected"] > 0
    assert mail["received"] == mail["expected"]
    assert mail["pending"] == 0
    measures = [r["measure"] for r in result["rows"]]
    for expected in (
        "raw INSERT, pgbench, 2 clients",
        "HTTP intakes per second with e-mail, 2 clients, regie serve 1x2",
        "HTTP intakes per second without e-mail, 2 clients, regie serve 1x2",
        "p99 latency at 20/s, from scheduled moment",
        "service intakes per second with e-mail, 1 thread, without HTTP",
        "CPU per HTTP intake with e-mail: Celery worker",
        "acknowledgements received by SMTP",
        # The queue: accepted with 202, then registered by the Celery worker, every one.
        "HTTP intakes accepted per second queued (Prefer: respond-async), with e-mail, "
        "2 clients, regie serve 1x2",
        "p99 latency at 20/s, queued (Prefer: respond-async), with e-mail, from scheduled moment",
        "queued intakes not registered after the closed loop",
        "queued intakes not registered after the fixed load",
    ):
        assert expected in measures, measures
    rows = {r["measure"]: r for r in result["rows"]}
    assert rows["queued intakes not registered after the closed loop"]["value"] == 0
    assert rows["queued intakes not registered after the fixed load"]["value"] == 0
    queue = result["details"]["queue"]
    assert queue["closed_loop"]["backlog"] >= 0
    assert queue["closed_loop"]["refused"] == 0
    for r in result["rows"]:
        assert set(r) == {"measure", "value", "unit", "baseline", "ratio", "target", "met"}
    accepted = next(r for r in result["rows"] if r["measure"].startswith("HTTP intakes"))
    assert accepted["value"] > 0
    assert accepted["target"] == ">= 0.10 of raw INSERT"
    assert accepted["met"] in (True, False)
