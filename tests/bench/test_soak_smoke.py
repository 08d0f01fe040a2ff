"""The soak test (bench/soak.py, issue 12): its memory rule on fabricated samples, and a short
soak end to end on PostgreSQL (`regie serve`, the open-loop mix, RSS samples)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from bench.soak import KINDS, LABELS, main, memory_verdict
from django.db import connection

# Its own database, so a real soak at the same time is untouched.
DATABASE = "regie_bench_soak_smoke"
RUN = 1800.0  # a 30-minute run, sampled every 10 s


def _series(level: float, per_second: float, wobble: float = 4.0) -> list[tuple[float, float]]:
    # A saw-tooth wobble of ±wobble MiB, as allocators and caches give.
    return [
        (t, level + per_second * t + (wobble if (t // 10) % 2 else -wobble))
        for t in range(0, int(RUN) + 1, 10)
    ]


def test_a_steady_series_passes() -> None:
    verdict = memory_verdict(_series(210.0, 0.0), RUN)
    assert verdict.stable is True
    # 10% of about 210 MiB is more than 20 MiB.
    assert verdict.allowed_mib == pytest.approx(21.0, abs=0.5)


def test_a_leaking_series_fails() -> None:
    # 100 MiB over the run: about 70 MiB between the first and the last fifth.
    verdict = memory_verdict(_series(210.0, 100 / RUN), RUN)
    assert verdict.stable is False
    assert verdict.growth_mib is not None
    assert verdict.allowed_mib is not None
    assert verdict.growth_mib > verdict.allowed_mib


def test_growth_within_the_slack_passes_and_the_warm_up_is_ignored() -> None:
    # A fresh worker fills its caches in the first minutes (the warm-up), then stays; the
    # slack is 20 MiB for a small process.
    samples = [(t, 60.0 + min(t, 150.0)) for t in range(0, int(RUN) + 1, 10)]
    samples = [(t, v + (15.0 if t > 1500 else 0.0)) for t, v in samples]
    verdict = memory_verdict(samples, RUN)
    assert verdict.stable is True
    assert verdict.allowed_mib == 21.0


def test_too_few_samples_give_no_verdict() -> None:
    assert memory_verdict([(0.0, 100.0)], RUN).stable is None


def _server_url() -> str:
    """The test database's server, without the database: the soak makes its own."""
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432"))
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


@pytest.mark.slow
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the soak runs `regie serve` on PostgreSQL; run with DATABASE_URL",
)
def test_a_short_soak_runs_without_errors(tmp_path: Path) -> None:
    out = tmp_path / "soak.json"
    url = _server_url()
    try:
        code = main(
            [
                *("--minutes", "0.25", "--rate", "10", "--sample-seconds", "1", "--threads", "2"),
                *("--pg-url", url, "--database", DATABASE, "--json-out", str(out)),
            ]
        )
        result = json.loads(out.read_text())
    finally:
        with psycopg.connect(f"{url}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    details = result["details"]
    assert code == 0, {k: v for k, v in details.items() if k != "rss_series"}
    assert result["ok"] is True
    assert result["benchmark"] == "soak"
    assert {"date", "machine", "regie_revision", "rows"} <= set(result)
    assert details["errors"] == {}
    # Every kind was planned and answered.
    assert set(details["planned"]) == set(KINDS)
    assert all(details["latency_ms"][LABELS[k]]["count"] > 0 for k in KINDS)
    # RSS samples of the master and both workers.
    assert len(details["rss_series"]) >= 10
    assert all(len(s["workers_mib"]) == 2 and s["master_mib"] for s in details["rss_series"])
    assert details["graceful_stop"] is True
    # Where the server runs without autovacuum (CI here), the soak does its work: once before
    # the load and then every minute (a 15-second soak sees only the first).
    upkeep = details["maintenance"]
    if upkeep["autovacuum"] == "off":
        assert upkeep["stand_in_runs"] >= 1
        assert upkeep["stand_in_failures"] == []
    else:
        assert upkeep["stand_in_runs"] == 0
    for r in result["rows"]:
        assert {"measure", "value", "unit", "baseline", "ratio", "target", "met"} <= set(r)
