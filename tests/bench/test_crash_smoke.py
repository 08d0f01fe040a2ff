"""The crash test (bench/crash.py, issue 12): its verdict on fabricated tallies, and the whole
test end to end with small numbers on PostgreSQL (`regie serve`, one kill -9 mid-burst)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from bench.crash import CaseFacts, KeyOutcome, main, verify
from django.db import connection

# Its own database, so a real crash-test run at the same time is untouched.
DATABASE = "regie_bench_crash_smoke"


def _acknowledged(key: str, reference: str, **extra: object) -> KeyOutcome:
    fields: dict[str, object] = {"attempts": 1, **extra}
    return KeyOutcome(
        key=key,
        reference=reference,
        recheck_reference=reference,
        recheck_replayed=True,
        **fields,  # type: ignore[arg-type]
    )


def _case(reference: str, key: str | None, **extra: object) -> CaseFacts:
    facts: dict[str, object] = {
        "received_events": 1,
        "deadlines": 2,
        "deadline_events": 2,
        "has_email": True,
        "acknowledgements": 1,
        **extra,
    }
    return CaseFacts(reference=reference, key=key, **facts)  # type: ignore[arg-type]


def _clean() -> tuple[list[KeyOutcome], list[CaseFacts]]:
    outcomes = [
        _acknowledged("k1", "KL-2026-000001"),
        # Interrupted by the kill, then answered as a replay of the case the first try made.
        _acknowledged("k2", "SG-2026-000001", interrupted=2, replayed=True, attempts=3),
        _acknowledged("k3", "ML-2026-000001", kill_window_5xx=1, attempts=2),
    ]
    cases = [
        _case("KL-2026-000001", "k1"),
        _case("SG-2026-000001", "k2", has_email=False, acknowledgements=0),
        _case("ML-2026-000001", "k3", deadlines=0, deadline_events=0),
    ]
    return outcomes, cases


def test_a_clean_run_passes() -> None:
    verdict = verify(*_clean())
    assert verdict.ok, verdict.problems()
    assert (verdict.acknowledged, verdict.cases) == (3, 3)


def test_an_acknowledged_intake_missing_from_the_database_fails() -> None:
    outcomes, cases = _clean()
    verdict = verify(outcomes, [c for c in cases if c.reference != "SG-2026-000001"])
    assert not verdict.ok
    assert verdict.lost == ["SG-2026-000001 (key k2)"]


def test_a_key_stored_with_another_reference_counts_as_lost() -> None:
    outcomes, cases = _clean()
    cases[0] = _case("KL-2026-000099", "k1")
    verdict = verify(outcomes, cases)
    assert not verdict.ok
    assert verdict.lost == ["KL-2026-000001 (key k1)"]


def test_a_case_without_idempotency_key_is_a_duplicate() -> None:
    outcomes, cases = _clean()
    verdict = verify(outcomes, [*cases, _case("KL-2026-000002", None)])
    assert not verdict.ok
    assert len(verdict.duplicates) == 1
    assert verdict.cases == verdict.acknowledged + 1


def test_a_second_case_under_one_key_is_a_duplicate() -> None:
    outcomes, cases = _clean()
    verdict = verify(outcomes, [*cases, _case("KL-2026-000002", "k1")])
    assert not verdict.ok
    assert verdict.duplicates == ["KL-2026-000002: second case for key k1"]


def test_a_retry_answered_with_another_reference_fails() -> None:
    outcomes, cases = _clean()
    outcomes[1].recheck_reference = "SG-2026-000002"
    assert verify(outcomes, cases).replay_mismatches


def test_a_resent_key_not_marked_as_replay_fails() -> None:
    outcomes, cases = _clean()
    outcomes[0].recheck_replayed = False
    assert not verify(outcomes, cases).ok


def test_an_unanswered_key_fails() -> None:
    outcomes, cases = _clean()
    outcomes.append(KeyOutcome(key="k4", attempts=40, interrupted=40))
    verdict = verify(outcomes, cases)
    assert not verdict.ok
    assert verdict.unanswered == ["k4"]


def test_a_server_error_outside_a_kill_window_fails() -> None:
    outcomes, cases = _clean()
    outcomes[0].other_5xx = 1
    assert not verify(outcomes, cases).ok


@pytest.mark.parametrize(
    "broken",
    [
        {"received_events": 0},
        {"deadline_events": 1},
        {"acknowledgements": 0},
    ],
)
def test_a_half_written_case_fails(broken: dict[str, int]) -> None:
    outcomes, cases = _clean()
    cases[0] = _case("KL-2026-000001", "k1", **broken)
    verdict = verify(outcomes, cases)
    assert not verdict.ok
    assert verdict.half_written == ["KL-2026-000001"]


def _server_url() -> str:
    """The test database's server, without the database: the crash test makes its own."""
    parts = urlsplit(os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432"))
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


@pytest.mark.slow
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the crash test runs `regie serve` on PostgreSQL; run with DATABASE_URL",
)
def test_kill_9_in_the_middle_of_a_burst_loses_nothing(tmp_path: Path) -> None:
    out = tmp_path / "crash.json"
    url = _server_url()
    try:
        code = main(
            [
                *("--intakes", "60", "--clients", "2", "--kills", "1", "--threads", "2"),
                *("--pg-url", url, "--database", DATABASE, "--json-out", str(out)),
            ]
        )
        result = json.loads(out.read_text())
    finally:
        with psycopg.connect(f"{url}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    assert code == 0, result["details"]
    assert result["ok"] is True
    assert result["benchmark"] == "crash"
    rows = {r["measure"]: r for r in result["rows"]}
    assert rows["intakes acknowledged (201)"]["value"] == 60
    assert rows["server kills (SIGKILL to master and workers)"]["value"] == 1
    assert rows["acknowledged intakes lost"]["value"] == 0
    assert rows["duplicate cases from retries"]["value"] == 0
    # The clients saw the server go away (the restart takes seconds) and had to retry.
    assert result["details"]["errors_seen_by_clients"]


@pytest.mark.slow
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the crash test runs `regie serve` on PostgreSQL; run with DATABASE_URL",
)
def test_kill_9_in_a_queued_burst_loses_nothing(tmp_path: Path) -> None:
    """`Prefer: respond-async`: every 202 becomes one whole case, also when the kill fell
    between the queue's commit and the registration (the tick registers what waits)."""
    out = tmp_path / "crash.json"
    url = _server_url()
    try:
        code = main(
            [
                *("--intakes", "60", "--clients", "2", "--kills", "1", "--threads", "2"),
                *("--pg-url", url, "--database", DATABASE, "--json-out", str(out)),
                "--respond-async",
            ]
        )
        result = json.loads(out.read_text())
    finally:
        with psycopg.connect(f"{url}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
    assert code == 0, result["details"]
    rows = {r["measure"]: r for r in result["rows"]}
    assert rows["intakes acknowledged (202, queued)"]["value"] == 60
    assert rows["acknowledged intakes lost"]["value"] == 0
    assert rows["duplicate cases from retries"]["value"] == 0
    assert rows["half-written cases"]["value"] == 0
    assert result["details"]["queued_intakes_by_state"] == {"geregistreerd": 60}
