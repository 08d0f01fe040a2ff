"""The production server under test, for the crash and soak tests: a database of its own with
the demo world and an API token, and `regie serve` (gunicorn master and workers) in a process
group of its own, so that one signal reaches every process of it, as a real crash would.

The benchmark process itself never loads Django: it prepares the database through the `regie`
command, talks HTTP to the server and checks the database with plain SQL, so nothing it does
shares a process, a connection or a lock with what is being tested.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import machine
from bench.pg import Server, recreate_database, server_facts
from bench.web import REPO

REGIE = str(Path(sys.executable).with_name("regie"))
START_TIMEOUT = 120.0
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


def _regie(env: dict[str, str], *args: str) -> str:
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
    _regie(env, "migrate")
    _regie(env, "manage", "shell", "-c", "from regie.demo.world import build_world; build_world()")
    # The token is the only line `regie token create` prints.
    return _regie(env, "token", "create", "--organisation", "GM9901", "--name", "Belasting").strip()


def _pid_stat(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (state first), or None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name in parentheses may hold spaces; the fields after it are fixed.
    return stat.rsplit(")", 1)[1].split()


def _living_processes() -> list[tuple[int, list[str]]]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _pid_stat(int(entry.name))
            # A zombie has released its memory and sockets; it waits only to be reaped.
            if fields is not None and fields[0] != "Z":
                found.append((int(entry.name), fields))
    return found


def children(pid: int) -> list[int]:
    return sorted(p for p, fields in _living_processes() if int(fields[1]) == pid)


def group_members(pgid: int) -> list[int]:
    return sorted(p for p, fields in _living_processes() if int(fields[2]) == pgid)


def rss_mib(pid: int) -> float | None:
    """Resident memory of a process (VmRSS), in MiB; None when it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


class Gunicorn:
    """`regie serve` in its own session (so its own process group), restartable on the same
    port. Output of every start is appended to one log file."""

    def __init__(self, env: dict[str, str], *, port: int, workers: int, threads: int) -> None:
        self.env = env
        self.port = port
        self.workers = workers
        self.threads = threads
        self._log = tempfile.NamedTemporaryFile(prefix="regie-bench-serve-", suffix=".log")  # noqa: SIM115
        self._process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def pid(self) -> int:
        assert self._process is not None
        return self._process.pid

    def start(self) -> float:
        """Start and wait until it answers and every worker runs; returns the seconds it took."""
        started = time.monotonic()
        self._process = subprocess.Popen(
            [
                *(REGIE, "serve", "--port", str(self.port)),
                *("--workers", str(self.workers), "--threads", str(self.threads)),
            ],
            env=self.env,
            cwd=REPO,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            # A new session is a new process group with the master's pid as its id; the
            # workers it forks stay in it.
            start_new_session=True,
        )
        self.starts += 1
        deadline = started + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"regie serve stopped at start-up:\n{self.log_tail()}")
            if self._answers() and len(children(self.pid)) >= self.workers:
                return time.monotonic() - started
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"regie serve did not answer within {START_TIMEOUT:g} s")

    def _answers(self) -> bool:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", "/")
            conn.getresponse().read()
            return True
        except (OSError, http.client.HTTPException):
            return False
        finally:
            conn.close()

    def crash(self) -> None:
        """kill -9 the master and every worker at once: no graceful stop, no atexit, no
        rollback from Python; PostgreSQL sees the connections drop."""
        assert self._process is not None
        pgid = self._process.pid
        os.killpg(pgid, signal.SIGKILL)
        self._process.wait(timeout=30)
        deadline = time.monotonic() + 30
        while group_members(pgid):
            if time.monotonic() > deadline:
                raise RuntimeError(f"processes of group {pgid} survived SIGKILL")
            time.sleep(0.05)

    def stop(self) -> int | None:
        """Stop gracefully (SIGTERM to the master); returns its exit code."""
        if self._process is None or self._process.poll() is not None:
            return None if self._process is None else self._process.returncode
        self._process.send_signal(signal.SIGTERM)
        try:
            return self._process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait(timeout=10)
            return None

    def worker_pids(self) -> list[int]:
        return children(self.pid) if self._process is not None else []

    def log_tail(self, size: int = 3000) -> str:
        self._log.flush()
        return Path(self._log.name).read_text(errors="replace")[-size:]

    def close(self) -> None:
        self.stop()
        self._log.close()

    def __enter__(self) -> Gunicorn:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
