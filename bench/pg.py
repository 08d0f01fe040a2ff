"""The PostgreSQL side of the benchmarks: a throw-away database and the pgbench baseline."""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

# The benchmarks' PostgreSQL: local, trust authentication, as in development and CI.
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432"


@dataclass(frozen=True)
class Server:
    """Where PostgreSQL listens. Parsed once so pgbench and Django get the same server."""

    host: str
    port: int
    user: str
    password: str

    @classmethod
    def from_url(cls, url: str) -> Server:
        parts = urlsplit(url)
        if parts.scheme not in ("postgres", "postgresql") or parts.path not in ("", "/"):
            raise ValueError(f"expected postgresql://user@host:port without a database: {url}")
        return cls(
            host=parts.hostname or "127.0.0.1",
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password or "",
        )

    def conninfo(self, database: str) -> str:
        return make_conninfo(
            host=self.host,
            port=self.port,
            user=self.user,
            password=self.password or None,
            dbname=database,
            application_name="regie-bench",
        )

    def django_url(self, database: str) -> str:
        auth = self.user + (f":{self.password}" if self.password else "")
        return f"postgresql://{auth}@{self.host}:{self.port}/{database}"


def recreate_database(server: Server, database: str) -> None:
    """Every run starts from an empty database, so figures from two runs are comparable and a
    benchmark never touches the dev or test databases."""
    with psycopg.connect(server.conninfo("postgres"), autocommit=True) as conn:
        # FORCE ends sessions a crashed earlier run may have left behind.
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))


@dataclass(frozen=True)
class ServerFacts:
    version: str
    settings: dict[str, str]


# Settings that decide what a commit costs; without them a tps figure means little.
FACT_SETTINGS = (
    "synchronous_commit",
    "fsync",
    "wal_sync_method",
    "shared_buffers",
    # Off on this workplace's CI machines: a long run then measures a database no production
    # server has (see StandInAutovacuum).
    "autovacuum",
)


def server_facts(server: Server, database: str) -> ServerFacts:
    with psycopg.connect(server.conninfo(database)) as conn:
        row = conn.execute("SHOW server_version").fetchone()
        version = str(row[0]) if row else "?"
        settings = {}
        for name in FACT_SETTINGS:
            value = conn.execute(sql.SQL("SHOW {}").format(sql.Identifier(name))).fetchone()
            settings[name] = str(value[0]) if value else "?"
    return ServerFacts(version=version, settings=settings)


def autovacuum_on(server: Server, database: str) -> bool:
    with psycopg.connect(server.conninfo(database)) as conn:
        row = conn.execute("SHOW autovacuum").fetchone()
    return row is not None and str(row[0]) == "on"


class StandInAutovacuum:
    """What autovacuum would do, for a server that runs without it, during a long benchmark.

    This workplace's CI machines run PostgreSQL with `autovacuum = off`. A soak of half an
    hour there measures a database no production server has: the planner keeps the statistics
    of the moment a table was created (a few rows), so a worklist over tens of thousands of
    cases gets a plan made for twenty, and tables that are written all the time (the cache's
    counters, the outbox) keep every dead row, which each count and scan then reads again.
    The first soak on such a machine (1 December 2026) spent 19 ms of PostgreSQL per API read
    where a vacuumed and analysed copy of the same database spent 5.

    Where autovacuum is off, this runs `VACUUM (ANALYZE)` on the benchmark's database once at
    the start and then every `every` seconds on a thread of its own, and counts the runs and
    their time, so the report can say what maintenance the figures include. Where autovacuum
    is on, it does nothing: the server's own maintenance is what production has.
    """

    def __init__(self, server: Server, database: str, *, every: float = 60.0) -> None:
        self.server = server
        self.database = database
        self.every = every
        self.active = not autovacuum_on(server, database)
        self.runs = 0
        self.seconds = 0.0
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self) -> None:
        started = time.monotonic()
        try:
            with psycopg.connect(self.server.conninfo(self.database), autocommit=True) as conn:
                conn.execute("VACUUM (ANALYZE)")
        except psycopg.Error as exc:  # reported, never fatal: the benchmark goes on
            self.failures.append(str(exc).strip()[:200])
            return
        self.runs += 1
        self.seconds += time.monotonic() - started

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            self.run_once()

    def __enter__(self) -> StandInAutovacuum:
        if self.active:
            self.run_once()
            self._thread = threading.Thread(target=self._loop, name="stand-in-autovacuum")
            self._thread.daemon = True
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=600)

    def describe(self) -> dict[str, object]:
        return {
            "autovacuum": "off" if self.active else "on",
            "stand_in_every_s": self.every if self.active else None,
            "stand_in_runs": self.runs,
            "stand_in_seconds": round(self.seconds, 1),
            "stand_in_failures": self.failures[:3],
        }


# Shaped roughly like a case row: a reference, a few short text columns, a description of
# realistic length and a timestamptz, with a bigserial primary key like Django's BigAutoField.
RAW_TABLE = """
CREATE TABLE bench_raw_insert (
    id bigserial PRIMARY KEY,
    reference text NOT NULL,
    kind text NOT NULL,
    domain text NOT NULL,
    channel text NOT NULL,
    description text NOT NULL,
    received_at timestamptz NOT NULL
)
"""

DESCRIPTION = (
    "Mijn moeder krijgt sinds drie weken geen hulp meer bij het douchen. De thuiszorg belt "
    "steeds af en niemand laat weten wanneer er weer iemand komt. Ik heb twee keer gebeld "
    "maar er wordt niet teruggebeld. Zij is 84 en kan dit echt niet alleen."
)

# One transaction per statement (pgbench's default): a single-row INSERT and its commit.
RAW_SCRIPT = f"""\\set n random(1, 999999)
INSERT INTO bench_raw_insert (reference, kind, domain, channel, description, received_at) \
VALUES ('KL-2026-' || lpad(:n::text, 6, '0'), 'klacht', 'wmo', 'telefoon', '{DESCRIPTION}', now());
"""


def prepare_raw_table(server: Server, database: str) -> None:
    with psycopg.connect(server.conninfo(database), autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_raw_insert")
        conn.execute(RAW_TABLE)


def pgbench_binary() -> str:
    found = shutil.which("pgbench")
    if found:
        return found
    # Debian keeps it next to the server when the client package's wrapper is missing.
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pgbench"))
    if candidates:
        return candidates[-1]
    raise RuntimeError("pgbench not found: install postgresql-client or postgresql-contrib")


@dataclass(frozen=True)
class PgbenchResult:
    clients: int
    threads: int
    seconds: float
    tps: float
    transactions: int
    failed: int
    latency_ms: float


def run_pgbench(server: Server, database: str, *, clients: int, seconds: float) -> PgbenchResult:
    """The raw single-row INSERT rate of this server with `clients` connections."""
    threads = max(1, min(clients, os.cpu_count() or 1))
    # pgbench takes whole seconds; round up so a short run still measures something.
    whole_seconds = max(1, round(seconds))
    with tempfile.TemporaryDirectory(prefix="regie-bench-") as tmp:
        script = Path(tmp) / "raw_insert.sql"
        script.write_text(RAW_SCRIPT)
        env = dict(os.environ, PGAPPNAME="pgbench")
        if server.password:
            env["PGPASSWORD"] = server.password
        completed = subprocess.run(
            [
                *(pgbench_binary(), "-h", server.host, "-p", str(server.port), "-U", server.user),
                "-n",  # no vacuum: the standard pgbench tables do not exist here
                *("-f", str(script), "-c", str(clients), "-j", str(threads)),
                *("-T", str(whole_seconds), database),
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=whole_seconds + 60,
            check=False,
        )
    if completed.returncode != 0:
        raise RuntimeError(f"pgbench failed ({completed.returncode}): {completed.stderr.strip()}")
    return PgbenchResult(
        clients=clients,
        threads=threads,
        seconds=whole_seconds,
        tps=_number(r"tps = ([\d.]+) \(without initial connection time\)", completed.stdout),
        transactions=int(
            _number(r"number of transactions actually processed: (\d+)", completed.stdout)
        ),
        failed=int(_number(r"number of failed transactions: (\d+)", completed.stdout, 0.0)),
        latency_ms=_number(r"latency average = ([\d.]+) ms", completed.stdout, 0.0),
    )


def _number(pattern: str, text: str, default: float | None = None) -> float:
    match = re.search(pattern, text)
    if match:
        return float(match.group(1))
    if default is not None:
        return default
    raise RuntimeError(f"pgbench output without {pattern!r}:\n{text}")


class WaitSampler:
    """Samples what Regie's database sessions are doing, a poor man's wait-event profile.

    Every `interval` seconds it reads pg_stat_activity and counts each Regie session in the
    benchmark database as one of: running a statement, waiting (lock, WAL flush, …), idle in
    transaction (Python works while the transaction is open, locks held) or idle (Python works
    outside a transaction, or the HTTP layer). Active sessions in other databases are counted
    too: they share the server and make a run noisy. Cheap enough to leave on.
    """

    QUERY = """
        SELECT datname = %s, state, wait_event_type, wait_event
        FROM pg_stat_activity
        WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
          AND application_name NOT IN ('pgbench', 'regie-bench')
    """

    def __init__(self, server: Server, database: str, interval: float = 0.05) -> None:
        self._conninfo = server.conninfo(database)
        self._database = database
        self._interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.counts: Counter[str] = Counter()
        self.samples = 0
        self.foreign_active = 0

    def __enter__(self) -> WaitSampler:
        self._thread = threading.Thread(target=self._run, name="wait-sampler", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        with psycopg.connect(self._conninfo, autocommit=True) as conn:
            while not self._stop.is_set():
                started = time.perf_counter()
                self.samples += 1
                rows = conn.execute(self.QUERY, (self._database,)).fetchall()
                for ours, state, wait_type, wait_event in rows:
                    if ours:
                        self.counts[_classify(state, wait_type, wait_event)] += 1
                    elif state == "active":
                        self.foreign_active += 1
                self._stop.wait(max(0.0, self._interval - (time.perf_counter() - started)))

    def shares(self) -> dict[str, float]:
        total = sum(self.counts.values())
        if not total:
            return {}
        return {k: v / total for k, v in self.counts.most_common()}

    def foreign_sessions(self) -> float:
        """Average number of active sessions in other databases during the sampling."""
        return self.foreign_active / self.samples if self.samples else 0.0


def _classify(state: str | None, wait_type: str | None, wait_event: str | None) -> str:
    if state == "idle":
        return "idle (outside a transaction)"
    if state == "idle in transaction":
        return "idle in transaction (Python inside the transaction)"
    if wait_type == "Lock":
        return f"waiting for a lock ({wait_event})"
    if wait_type == "IO" and wait_event in ("WALSync", "WALWrite", "WALInitSync"):
        return "waiting for WAL flush (commit)"
    if wait_type == "LWLock" and wait_event == "WALWrite":
        return "waiting for WAL flush (commit)"
    if wait_type:
        return f"waiting ({wait_type}:{wait_event})"
    return "running a statement"
