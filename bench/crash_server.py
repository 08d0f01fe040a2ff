"""What the crash and soak tests share: a database of their own with the demo world and an API
token, the environment of the server under test (bench.processes.Gunicorn), and the result in
the shared benchmark protocol.

The benchmark process itself never loads Django: it prepares the database through the `regie`
command, talks HTTP to the server and checks the database with plain SQL, so nothing it does
shares a process, a connection or a lock with what is being tested.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench import machine
from bench.pg import Server, recreate_database, server_facts
from bench.processes import REGIE, REPO

# High enough that the rate limits of issue 11 never refuse the test's own traffic: they are
# tested in tests/security, and a 429 here would hide what is being measured.
GENEROUS_RATE = "1000000/m"


def progress(name: str, text: str) -> None:
    # Progress goes to stderr, so stdout holds only the summary.
    print(f"{name}: {text}", file=sys.stderr, flush=True)


def server_environment(
    server: Server, database: str, *, port: int, email: dict[str, str]
) -> dict[str, str]:
    """The environment of every `regie` subprocess: the test's database, production settings
    (DEBUG off, persistent connections), inline delivery and the given e-mail settings."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        {
            "DATABASE_URL": server.django_url(database),
            "DATABASE_CONN_MAX_AGE": "60",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "REGIE_BASE_URL": f"http://127.0.0.1:{port}",
            "REGIE_DELIVERY": "inline",
            "REGIE_RATE_FORM": GENEROUS_RATE,
            "REGIE_RATE_STATUS": GENEROUS_RATE,
            "REGIE_RATE_API": GENEROUS_RATE,
            "REGIE_RATE_API_TOKEN": GENEROUS_RATE,
            "REGIE_LOGIN_FAILURES_PER_ADDRESS": "100000",
            "REGIE_LOGIN_FAILURES_TOTAL": "100000",
            "LOG_LEVEL": "WARNING",
            **email,
        }
    )
    return env


def regie_command(env: dict[str, str], *args: str) -> str:
    """`regie <args>` with `env`; its standard output, or RuntimeError with its errors."""
    completed = subprocess.run(
        [REGIE, *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"regie {' '.join(args)} failed:\n{completed.stderr[-2000:]}")
    return completed.stdout


def prepare_database(server: Server, database: str, env: dict[str, str]) -> str:
    """Drop and recreate the database, migrate, build the demo world; returns a fresh API token
    of municipality GM9901."""
    recreate_database(server, database)
    regie_command(env, "migrate")
    regie_command(
        env, "manage", "shell", "-c", "from regie.demo.world import build_world; build_world()"
    )
    # The token is the only line `regie token create` prints.
    return regie_command(
        env, "token", "create", "--organisation", "GM9901", "--name", "Belasting"
    ).strip()


def envelope(
    benchmark: str,
    *,
    started_at: dt.datetime,
    machine_before: dict[str, Any],
    server: Server,
    database: str,
    rows: list[dict[str, Any]],
    ok: bool,
    details: dict[str, Any],
) -> dict[str, Any]:
    """The result in the shared benchmark protocol (one object, `rows` for `make bench`)."""
    facts = server_facts(server, database)
    return {
        "benchmark": benchmark,
        "date": started_at.isoformat(timespec="seconds"),
        "machine": {
            **machine_before,
            "postgresql": facts.version,
            "postgresql_settings": facts.settings,
        },
        "regie_revision": machine.regie_revision(REPO),
        "rows": rows,
        "ok": ok,
        "details": details,
    }


def row(
    measure: str,
    value: float,
    unit: str = "",
    *,
    target: str | None = None,
    met: bool | None = None,
    baseline: str | None = None,
    ratio: float | None = None,
) -> dict[str, Any]:
    return {
        "measure": measure,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "ratio": ratio,
        "target": target,
        "met": met,
    }


def write_json(path: str | None, result: dict[str, Any]) -> None:
    if path:
        Path(path).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
