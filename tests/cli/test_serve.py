"""`regie migrate` prepares an empty database; `regie serve` runs gunicorn with several worker
processes, answers pages and the API, and stops gracefully on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.conftest import free_port

REGIE = str(Path(sys.executable).with_name("regie"))
SERVE_DATABASE = "regie_h12_serve"


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [REGIE, *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


@pytest.mark.slow
def test_migrate_twice_on_an_empty_sqlite_file(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["REGIE_VAR_DIR"] = str(tmp_path)

    first = _run(env, "migrate")
    assert first.returncode == 0, first.stderr
    assert "migraties uitgevoerd" in first.stdout
    second = _run(env, "migrate")
    assert second.returncode == 0, second.stderr
    assert "al bijgewerkt" in second.stdout
    assert len(second.stdout.strip().splitlines()) == 1

    with sqlite3.connect(tmp_path / "regie.sqlite3") as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert {"cases_case", "django_session", "regie_cache"} <= tables
    # No demo world: migrate prepares the database and nothing more.
    with sqlite3.connect(tmp_path / "regie.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM directory_municipality").fetchone() == (0,)


@pytest.mark.django_db(transaction=True)
def test_the_pre_fork_hook_closes_the_masters_database_connection() -> None:
    from django.db import connection

    from regie.serve import _close_database_connections

    connection.ensure_connection()
    _close_database_connections(None, None)
    assert connection.connection is None


@pytest.mark.django_db(transaction=True)
def test_the_master_warms_up_what_every_worker_would_load_on_its_first_requests() -> None:
    from django.db import connection
    from django.template import engines

    from regie.serve import warm_up
    from regie.triage import seed

    took = warm_up()

    assert set(took) == {"urls", "templates", "triage", "wegwijzer"}
    assert seed.seed_model_if_ready() is not None  # the intake's triage need not wait
    loader = engines["django"].engine.template_loaders[0]
    assert "regie/base.html" in loader.get_template_cache
    assert len(loader.get_template_cache) > 50  # every template, not only the first page's
    assert connection.connection is None  # forked workers must not share the master's


def test_worker_and_thread_counts_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from regie.envparse import ImproperEnvironment
    from regie.serve import MAX_DEFAULT_WORKERS, default_threads, default_workers

    monkeypatch.delenv("REGIE_WEB_WORKERS", raising=False)
    assert 1 <= default_workers() <= MAX_DEFAULT_WORKERS
    monkeypatch.setenv("REGIE_WEB_WORKERS", "3")
    monkeypatch.setenv("REGIE_WEB_THREADS", "6")
    assert (default_workers(), default_threads()) == (3, 6)
    monkeypatch.setenv("REGIE_WEB_THREADS", "0")
    with pytest.raises(ImproperEnvironment):
        default_threads()


def test_workers_are_recycled_unless_the_environment_says_never(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from regie.envparse import ImproperEnvironment
    from regie.serve import ServerOptions, _gunicorn_config

    options = ServerOptions(host="127.0.0.1", port=8000, workers=2, threads=2)
    monkeypatch.delenv("REGIE_WEB_MAX_REQUESTS", raising=False)
    assert _gunicorn_config(options)["max_requests"] == 2000
    monkeypatch.setenv("REGIE_WEB_MAX_REQUESTS", "0")  # gunicorn: never
    assert _gunicorn_config(options)["max_requests"] == 0
    monkeypatch.setenv("REGIE_WEB_MAX_REQUESTS", "-1")
    with pytest.raises(ImproperEnvironment):
        _gunicorn_config(options)


@pytest.fixture
def server_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The subprocesses' environment, with a database of their own: a throwaway PostgreSQL
    database when the suite runs on PostgreSQL, else a SQLite file in a temporary folder."""
    env = dict(os.environ)
    env["REGIE_VAR_DIR"] = str(tmp_path)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        env.pop("DATABASE_URL", None)
        yield env
        return
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {SERVE_DATABASE} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {SERVE_DATABASE}")
    env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{SERVE_DATABASE}"))
    try:
        yield env
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {SERVE_DATABASE} WITH (FORCE)")


def _children(pid: int) -> list[int]:
    """Processes whose parent is pid, read from /proc (psutil is not installed)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name in parentheses may hold spaces; the fields after it are fixed.
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid:
            found.append(int(entry.name))
    return found


def _wait_for(url: str, process: subprocess.Popen[str], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"regie serve stopped early: {process.communicate()[0]}")
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail("regie serve did not answer in time")


@pytest.mark.slow
def test_serve_runs_workers_answers_and_stops_gracefully(server_env: dict[str, str]) -> None:
    migrated = _run(server_env, "migrate")
    assert migrated.returncode == 0, migrated.stderr
    seeded = _run(
        server_env,
        "manage",
        "shell",
        "-c",
        "from regie.demo.world import build_world; build_world()",
    )
    assert seeded.returncode == 0, seeded.stderr
    made = _run(server_env, "token", "create", "--organisation", "GM9901")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [REGIE, "serve", "--port", str(port), "--workers", "2", "--threads", "2"],
        env=server_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_for(f"{base}/", process)
        # One worker answering does not mean the other has forked yet.
        deadline = time.monotonic() + 10
        while len(_children(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(_children(process.pid)) == 2

        home = urllib.request.urlopen(f"{base}/", timeout=10)
        assert home.status == 200
        schema = urllib.request.urlopen(f"{base}/api/v1/openapi.json", timeout=10)
        assert schema.status == 200
        assert "openapi" in json.loads(schema.read())
        css = urllib.request.urlopen(f"{base}/static/nlds/utrecht/index.css", timeout=10)
        assert css.status == 200

        body = json.dumps(
            {"municipality": "GM9901", "kind": "signaal", "channel": "api", "description": "Test"}
        ).encode()
        request = urllib.request.Request(
            f"{base}/api/v1/cases",
            data=body,
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        )
        created = urllib.request.urlopen(request, timeout=30)
        assert created.status == 201
        assert json.loads(created.read())["reference"].startswith("SG-")

        # Further requests keep being answered (no worker lost on the way).
        for _ in range(10):
            assert urllib.request.urlopen(f"{base}/melden", timeout=10).status == 200

        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=30)
        assert process.returncode == 0, output
        assert time.monotonic() - started < 15
        # No access log: status links carry a token in their path.
        assert "GET /" not in output
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
