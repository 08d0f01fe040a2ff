"""The soak test (issue 12): steady load on the production server for a long time, on demand.

    python -m bench.soak [--minutes 30] [--rate 50] [--pg-url URL]
                         [--database regie_bench_soak] [--json-out PATH]

Its own database with the demo world, `regie serve --workers 2`, acknowledgements by SMTP to a
loopback server (bench/smtp.py), and an open-loop load: request i is planned at start + i/rate,
whatever the earlier ones are doing, so a slow server shows up as a growing lag instead of
quietly lowering the load. The mix: API intakes (a fresh Idempotency-Key each), GET
/api/v1/cases/<ref> and the public status page /status/<token> of cases just made, and the
staff worklist /werk in a logged-in session (demo user kcc; the demo has no second factor).

Every `--sample-seconds` (10) the RSS of the gunicorn master and of each worker is read from
/proc/<pid>/status (VmRSS; psutil is not installed), with the lag and the errors so far.

Pass, all three:
- no errors: every answer 2xx/3xx (the worklist must be 200: a redirect means the session was
  lost), no exception, no timeout;
- the schedule kept: 99% of requests started within 1 s of their planned moment, and the
  median lag in the last fifth of the run is at most 0.25 s above that in the first fifth
  (a growing backlog means the server cannot sustain the rate);
- stable memory. After a warm-up of 10% of the run, the rest is cut in fifths. A series'
  level in a fifth is the median of its samples there (one spike moves no median). The
  last fifth's level may exceed the first fifth's by at most max(20 MiB, 10% of the first):
  20 MiB absorbs allocator noise and caches that fill once, 10% scales it to big processes,
  and a leak of any size grows without bound and so fails on a long enough run. In
  production gunicorn replaces each worker after 2000 ± 200 requests (max_requests in
  regie.serve), which would recycle a leak away; the soak sets REGIE_WEB_MAX_REQUESTS=0, so
  the same workers live through the whole run. The rule is applied to the largest worker's
  RSS at each sample and to the master. The workers' mean and how much a single worker grows
  in its life are reported as hints, not judged.

`ok` in the JSON (and the exit status) is false when an error happened or memory grew; a
missed schedule is reported as a target not met, as the shared protocol wants for speed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import queue
import random
import re
import select
import statistics
import sys
import threading
import time
import uuid
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from bench import machine
from bench.bodies import body_pool
from bench.crash_server import (
    envelope,
    prepare_database,
    progress,
    row,
    server_environment,
    write_json,
)
from bench.pg import DEFAULT_URL, Server, StandInAutovacuum
from bench.processes import Gunicorn, rss_mib
from bench.smtp import SmtpSink, free_port

NAME = "soak"
REQUEST_TIMEOUT = 30.0
# Enough senders that a slow answer never holds back the next planned request.
SENDERS = 32
KINDS = ("intake", "case", "status", "worklist")
WEIGHTS = (30, 30, 25, 15)
LABELS = {
    "intake": "POST /api/v1/cases",
    "case": "GET /api/v1/cases/<ref>",
    "status": "GET /status/<token>",
    "worklist": "GET /werk (staff)",
}
STAFF_USER, STAFF_PASSWORD = "kcc", "regie-demo-2026"  # the demo world's, see regie.demo
WARMUP_SHARE = 0.10
MEMORY_SLACK_MIB, MEMORY_SLACK_SHARE = 20.0, 0.10
LAG_P99_LIMIT, LAG_GROWTH_LIMIT = 1.0, 0.25


@dataclass(frozen=True)
class SoakOptions:
    minutes: float = 30.0
    rate: float = 50.0
    sample_seconds: float = 10.0
    threads: int = 4
    pg_url: str = DEFAULT_URL
    database: str = "regie_bench_soak"
    json_out: str | None = None


@dataclass(frozen=True)
class MemoryVerdict:
    first_mib: float | None
    last_mib: float | None
    allowed_mib: float | None
    stable: bool | None  # None: too few samples to say

    @property
    def growth_mib(self) -> float | None:
        if self.first_mib is None or self.last_mib is None:
            return None
        return round(self.last_mib - self.first_mib, 1)


def memory_verdict(samples: Sequence[tuple[float, float]], duration: float) -> MemoryVerdict:
    """The memory rule of the module docstring for one series of (seconds, MiB) samples over a
    run of `duration` seconds."""
    warm = WARMUP_SHARE * duration
    fifth = (duration - warm) / 5
    first = [mib for t, mib in samples if warm <= t < warm + fifth]
    last = [mib for t, mib in samples if t >= duration - fifth]
    if not first or not last:
        return MemoryVerdict(None, None, None, None)
    level_first, level_last = statistics.median(first), statistics.median(last)
    allowed = max(MEMORY_SLACK_MIB, MEMORY_SLACK_SHARE * level_first)
    return MemoryVerdict(
        first_mib=round(level_first, 1),
        last_mib=round(level_last, 1),
        allowed_mib=round(allowed, 1),
        stable=level_last - level_first <= allowed,
    )


@dataclass(frozen=True)
class Sample:
    t: float  # seconds since the planned start
    master_mib: float | None
    workers_mib: dict[int, float]
    backlog: int  # planned requests not yet taken by a sender
    done: int
    errors: int


@dataclass
class Tally:
    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    lags: list[tuple[float, float]] = field(default_factory=list)  # (planned t, lag s)
    errors: Counter[str] = field(default_factory=Counter)
    error_samples: list[str] = field(default_factory=list)
    done: int = 0
    dropped: int = 0  # planned but still waiting for a sender when the run ended
    stale_retries: int = 0  # sent again because the server had just closed the connection
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, t0: float, planned: float, started: float, finished: float) -> None:
        """`planned`, `started` and `finished` are monotonic clock readings; the lags are kept
        against the plan's time since `t0`."""
        with self.lock:
            self.latencies_ms[kind].append((finished - started) * 1000)
            self.lags.append((planned - t0, started - planned))
            self.done += 1

    def error(self, kind: str, text: str) -> None:
        with self.lock:
            self.errors[kind] += 1
            if len(self.error_samples) < 5:
                self.error_samples.append(f"{LABELS[kind]}: {text[:300]}")


class Cases:
    """References and status paths of cases made during the run, newest first, for the GETs."""

    def __init__(self) -> None:
        self._recent: deque[tuple[str, str]] = deque(maxlen=500)
        self._lock = threading.Lock()

    def add(self, reference: str, status_path: str) -> None:
        with self._lock:
            self._recent.appendleft((reference, status_path))

    def pick(self, rng: random.Random) -> tuple[str, str]:
        with self._lock:
            # Mostly the newest few: "a case just made", as a resident opens the link in the
            # acknowledgement mail or a partner system reads back what it sent.
            return self._recent[min(int(rng.expovariate(0.3)), len(self._recent) - 1)]


class Sender:
    """One sender thread's keep-alive connection and the requests of each kind."""

    def __init__(self, port: int, token: str, cookie: str, bodies: list[bytes]) -> None:
        self.port = port
        self.api_headers = {
            "Authorization": f"Token {token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        }
        self.cookie = cookie
        self.bodies = bodies
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        self.stale_retries = 0

    def request(
        self, method: str, path: str, body: bytes | None, headers: dict[str, str]
    ) -> tuple[int, bytes]:
        """One request on the keep-alive connection. The server closes idle connections after
        5 s, and a worker that gunicorn replaces (max_requests) closes its own: like any HTTP
        client with a connection pool, check for that before reuse, and when the server closed
        the reused connection at the very moment of sending, send once more on a new one.
        (Safe for the intake too: the retry carries the same Idempotency-Key.)"""
        sock = self.conn.sock
        reused = sock is not None and not select.select([sock], [], [], 0)[0]
        if sock is not None and not reused:
            self.conn.close()  # readable while idle: the server has closed it
        try:
            return self._exchange(method, path, body, headers)
        except (OSError, http.client.HTTPException):
            self.conn.close()
            if not reused:
                raise
        self.stale_retries += 1
        try:
            return self._exchange(method, path, body, headers)
        except (OSError, http.client.HTTPException):
            self.conn.close()
            raise

    def _exchange(
        self, method: str, path: str, body: bytes | None, headers: dict[str, str]
    ) -> tuple[int, bytes]:
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        return response.status, response.read()

    def send(self, kind: str, rng: random.Random, cases: Cases) -> str | None:
        """One request; returns None when it went well, else what went wrong."""
        if kind == "intake":
            headers = {**self.api_headers, "Idempotency-Key": str(uuid.uuid4())}
            body = self.bodies[rng.randrange(len(self.bodies))]
            status, answer = self.request("POST", "/api/v1/cases", body, headers)
            if status != 201:
                return f"HTTP {status}: {answer[:200]!r}"
            data = json.loads(answer)
            cases.add(data["reference"], urlsplit(data["statusUrl"]).path)
            return None
        if kind == "case":
            reference, _ = cases.pick(rng)
            status, answer = self.request(
                "GET", f"/api/v1/cases/{reference}", None, self.api_headers
            )
        elif kind == "status":
            _, path = cases.pick(rng)
            status, answer = self.request("GET", path, None, {"Accept": "text/html"})
        else:
            status, answer = self.request("GET", "/werk", None, {"Cookie": self.cookie})
            if status != 200:
                return f"HTTP {status} (staff session lost?)"
            return None
        if not 200 <= status < 400:
            return f"HTTP {status}: {answer[:200]!r}"
        return None


def staff_login(port: int) -> str:
    """Log in as the demo's KCC employee through the login form; returns the Cookie header."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        conn.request("GET", "/inloggen")
        response = conn.getresponse()
        page = response.read().decode()
        cookies = _cookies(response.headers.get_all("Set-Cookie") or [])
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not found:
            raise RuntimeError("login page without a CSRF token")
        form = (
            f"csrfmiddlewaretoken={found.group(1)}&username={STAFF_USER}&password={STAFF_PASSWORD}"
        )
        conn.request(
            "POST",
            "/inloggen",
            body=form.encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
                "Referer": f"http://127.0.0.1:{port}/inloggen",
            },
        )
        response = conn.getresponse()
        response.read()
        cookies.update(_cookies(response.headers.get_all("Set-Cookie") or []))
        if response.status != 302 or "sessionid" not in cookies:
            raise RuntimeError(f"staff login failed: HTTP {response.status}")
        return "; ".join(f"{k}={v}" for k, v in cookies.items())
    finally:
        conn.close()


def _cookies(headers: list[str]) -> dict[str, str]:
    found = {}
    for header in headers:
        name, _, value = header.split(";", 1)[0].partition("=")
        found[name.strip()] = value.strip()
    return found


def _percentile(values: Sequence[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def _sender_loop(
    jobs: queue.Queue[tuple[str, float] | None],
    sender: Sender,
    tally: Tally,
    cases: Cases,
    t0: float,
    seed: int,
) -> None:
    rng = random.Random(seed)
    while (job := jobs.get()) is not None:
        kind, planned = job
        started = time.monotonic()
        try:
            problem = sender.send(kind, rng, cases)
        except Exception as exc:  # any failure is an error of the run, and counted
            problem = f"{type(exc).__name__}: {exc}"
        finished = time.monotonic()
        if problem is None:
            tally.record(kind, t0, planned, started, finished)
        else:
            tally.error(kind, problem)
    sender.conn.close()


class Sampler:
    def __init__(self, web: Gunicorn, jobs: queue.Queue[Any], tally: Tally, t0: float) -> None:
        self.web, self.jobs, self.tally, self.t0 = web, jobs, tally, t0
        self.samples: list[Sample] = []

    def take(self) -> None:
        workers = {pid: mib for pid in self.web.worker_pids() if (mib := rss_mib(pid)) is not None}
        with self.tally.lock:
            done, errors = self.tally.done, sum(self.tally.errors.values())
        self.samples.append(
            Sample(
                t=time.monotonic() - self.t0,
                master_mib=rss_mib(self.web.pid),
                workers_mib=workers,
                backlog=self.jobs.qsize(),
                done=done,
                errors=errors,
            )
        )


def run_soak(options: SoakOptions) -> dict[str, Any]:
    server = Server.from_url(options.pg_url)
    started_at = dt.datetime.now().astimezone()
    machine_before = machine.describe()
    duration = options.minutes * 60
    port = free_port()
    with SmtpSink() as smtp:
        env = server_environment(
            server,
            options.database,
            port=port,
            email={
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(smtp.port),
                "EMAIL_USE_TLS": "false",
                "EMAIL_HOST_USER": "",
                "EMAIL_HOST_PASSWORD": "",
            },
        )
        env["REGIE_WEB_MAX_REQUESTS"] = "0"  # the same workers all run long: a leak shows
        progress(NAME, f"recreating {options.database}, migrating, building the demo world")
        token = prepare_database(server, options.database, env)
        now = dt.datetime.now(dt.UTC)
        bodies = [json.dumps(b).encode() for b in body_pool(mail=True, size=500, seed=30, now=now)]
        maintenance = StandInAutovacuum(server, options.database)
        if maintenance.active:
            progress(NAME, "autovacuum is off here: VACUUM (ANALYZE) now and every minute")
        with (
            maintenance,
            Gunicorn(env, port=port, workers=2, threads=options.threads) as web,
        ):
            progress(NAME, f"starting regie serve on port {port}")
            web.start()
            cookie = staff_login(port)
            cases = Cases()
            # A few cases first, so the first GETs have something to read.
            seeder = Sender(port, token, cookie, bodies)
            for _ in range(5):
                if problem := seeder.send("intake", random.Random(0), cases):
                    raise RuntimeError(f"the first intakes failed: {problem}")
            seeder.conn.close()
            progress(NAME, f"{options.minutes:g} minutes at {options.rate:g} requests/s")
            samples, tally, kinds_planned = _drive(options, web, port, token, cookie, bodies, cases)
            mail_sent = smtp.received
            server_log = web.log_tail()
            stopped = web.stop()
    return _result(
        options=options,
        started_at=started_at,
        machine_before=machine_before,
        server=server,
        duration=duration,
        samples=samples,
        tally=tally,
        kinds_planned=kinds_planned,
        mail_sent=mail_sent,
        server_log=server_log,
        graceful_stop=stopped == 0,
        maintenance=maintenance.describe(),
    )


def _drive(
    options: SoakOptions,
    web: Gunicorn,
    port: int,
    token: str,
    cookie: str,
    bodies: list[bytes],
    cases: Cases,
) -> tuple[list[Sample], Tally, Counter[str]]:
    duration = options.minutes * 60
    jobs: queue.Queue[tuple[str, float] | None] = queue.Queue()
    tally = Tally()
    t0 = time.monotonic() + 0.5
    clients = [Sender(port, token, cookie, bodies) for _ in range(SENDERS)]
    senders = [
        threading.Thread(
            target=_sender_loop,
            args=(jobs, client, tally, cases, t0, i),
            name=f"soak-sender-{i}",
        )
        for i, client in enumerate(clients)
    ]
    for thread in senders:
        thread.start()
    sampler = Sampler(web, jobs, tally, t0)
    rng = random.Random(2026)
    planned: Counter[str] = Counter()
    total = int(duration * options.rate)
    next_sample = t0
    try:
        for i in range(total):
            at = t0 + i / options.rate
            while (now := time.monotonic()) < at:
                if now >= next_sample:
                    sampler.take()
                    next_sample += options.sample_seconds
                time.sleep(min(at - now, 0.05))
            kind = rng.choices(KINDS, WEIGHTS)[0]
            planned[kind] += 1
            jobs.put((kind, at))
        while time.monotonic() < t0 + duration:
            time.sleep(0.05)
        sampler.take()
        # Whatever is still waiting at the end was not sent on time: the schedule is missed,
        # and sending it now would only stretch a failed run.
        while True:
            try:
                jobs.get_nowait()
            except queue.Empty:
                break
            tally.dropped += 1
    finally:
        for _ in senders:
            jobs.put(None)
        for thread in senders:
            thread.join()
    tally.stale_retries = sum(client.stale_retries for client in clients)
    return sampler.samples, tally, planned


def _result(
    *,
    options: SoakOptions,
    started_at: dt.datetime,
    machine_before: dict[str, Any],
    server: Server,
    duration: float,
    samples: list[Sample],
    tally: Tally,
    kinds_planned: Counter[str],
    mail_sent: int,
    server_log: str,
    graceful_stop: bool,
    maintenance: dict[str, object],
) -> dict[str, Any]:
    errors = sum(tally.errors.values())
    # The schedule: lag of the start behind the plan, overall and first vs last fifth.
    lags = [lag for _, lag in tally.lags]
    lag_p99 = _percentile(lags, 99) or 0.0
    warm = WARMUP_SHARE * duration
    fifth = (duration - warm) / 5
    first = [lag for t, lag in tally.lags if warm <= t < warm + fifth]
    last = [lag for t, lag in tally.lags if t >= duration - fifth]
    growth = (statistics.median(last) - statistics.median(first)) if first and last else 0.0
    schedule_kept = lag_p99 <= LAG_P99_LIMIT and growth <= LAG_GROWTH_LIMIT and not tally.dropped

    # Memory: the workers' level (largest and mean) and the master.
    largest = [(s.t, max(s.workers_mib.values())) for s in samples if s.workers_mib]
    mean = [(s.t, statistics.mean(s.workers_mib.values())) for s in samples if s.workers_mib]
    master = [(s.t, s.master_mib) for s in samples if s.master_mib is not None]
    verdicts = {
        "largest worker": memory_verdict(largest, duration),
        "master": memory_verdict(master, duration),
    }
    memory_stable = all(v.stable is not False for v in verdicts.values())
    mean_hint = memory_verdict(mean, duration)
    lives = _worker_lives(samples)

    # Requests started inside the run, per second: the rate the server really sustained.
    achieved = sum(t + lag <= duration for t, lag in tally.lags) / duration
    rows = [
        row(
            "requests per second (open loop)",
            round(achieved, 1),
            "/s",
            target=f"= {options.rate:g} planned",
            met=errors == 0 and schedule_kept,
        ),
        row("errors (non-2xx/3xx, exceptions, timeouts)", errors, target="0", met=errors == 0),
        row(
            "schedule lag p99",
            round(lag_p99, 3),
            "s",
            target=f"<= {LAG_P99_LIMIT:g} s",
            met=lag_p99 <= LAG_P99_LIMIT,
        ),
        row(
            "schedule lag growth, median last vs first fifth",
            round(growth, 3),
            "s",
            target=f"<= {LAG_GROWTH_LIMIT:g} s",
            met=growth <= LAG_GROWTH_LIMIT,
        ),
    ]
    for kind in KINDS:
        values = tally.latencies_ms[kind]
        for p in (50, 99):
            value = _percentile(values, p)
            rows.append(row(f"{LABELS[kind]} p{p}", round(value or 0.0, 1), "ms"))
    for name, v in verdicts.items():
        rows.append(
            row(
                f"RSS growth, {name} (last fifth vs first fifth)",
                v.growth_mib if v.growth_mib is not None else 0.0,
                "MiB",
                target=f"<= {v.allowed_mib} MiB (max(20 MiB, 10%))" if v.allowed_mib else None,
                met=v.stable,
            )
        )
    rows.append(row("worker restarts (gunicorn max_requests)", max(0, len(lives) - 2)))
    details: dict[str, Any] = {
        "minutes": options.minutes,
        "rate_planned": options.rate,
        "sample_seconds": options.sample_seconds,
        "server": {"workers": 2, "threads": options.threads},
        "email": "SMTP to a loopback server (bench/smtp.py)",
        "planned": dict(kinds_planned),
        "done": tally.done,
        "dropped_at_end": tally.dropped,
        "stale_connection_retries": tally.stale_retries,
        "errors": dict(tally.errors),
        "error_samples": tally.error_samples,
        "latency_ms": {
            LABELS[k]: {
                "count": len(v),
                "p50": _round(_percentile(v, 50)),
                "p99": _round(_percentile(v, 99)),
                "max": _round(max(v) if v else None),
            }
            for k, v in tally.latencies_ms.items()
        },
        "schedule": {
            "lag_p99_s": round(lag_p99, 3),
            "lag_max_s": round(max(lags, default=0), 3),
            "median_lag_growth_s": round(growth, 3),
            "kept": schedule_kept,
        },
        "memory": {name: v.__dict__ | {"growth_mib": v.growth_mib} for name, v in verdicts.items()},
        "memory_stable": memory_stable,
        "workers_mean_growth_mib": mean_hint.growth_mib,
        "worker_lives": {
            "count": len(lives),
            "growth_in_life_mib_median": _round(statistics.median(lives) if lives else None),
            "growth_in_life_mib_max": _round(max(lives) if lives else None),
        },
        "rss_series": _series_summary(samples),
        "acknowledgement_mails": mail_sent,
        "graceful_stop": graceful_stop,
        "maintenance": maintenance,
        "passed": errors == 0 and schedule_kept and memory_stable,
    }
    ok = errors == 0 and memory_stable and graceful_stop
    if not ok:
        details["server_log_tail"] = server_log
    return envelope(
        NAME,
        started_at=started_at,
        machine_before=machine_before,
        server=server,
        database=options.database,
        rows=rows,
        ok=ok,
        details=details,
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _worker_lives(samples: list[Sample]) -> list[float]:
    """For each worker pid, its RSS at its last sample minus its first (its growth in life)."""
    seen: dict[int, list[float]] = {}
    for sample in samples:
        for pid, mib in sample.workers_mib.items():
            seen.setdefault(pid, []).append(mib)
    return [series[-1] - series[0] for series in seen.values()]


def _series_summary(samples: list[Sample]) -> list[dict[str, Any]]:
    """At most 30 evenly spread samples: enough to see a trend, small enough for the JSON."""
    step = max(1, len(samples) // 30)
    return [
        {
            "t": round(s.t),
            "master_mib": _round(s.master_mib),
            "workers_mib": sorted(round(v, 1) for v in s.workers_mib.values()),
            "backlog": s.backlog,
            "done": s.done,
            "errors": s.errors,
        }
        for s in samples[::step]
    ]


def print_summary(result: dict[str, Any]) -> None:
    d = result["details"]
    m = result["machine"]
    print()
    print(f"Regie soak test, {result['date']}, Regie {result['regie_revision']}")
    print(
        f"machine: {m['nproc']} CPU, load {m['loadavg_1m']} before the run; PostgreSQL "
        f"{m['postgresql']}; regie serve 2 x {d['server']['threads']} threads"
    )
    upkeep = d["maintenance"]
    if upkeep["autovacuum"] == "off":
        print(
            f"autovacuum off on this server: stand-in VACUUM (ANALYZE) every "
            f"{upkeep['stand_in_every_s']:g} s, {upkeep['stand_in_runs']} runs, "
            f"{upkeep['stand_in_seconds']} s in all"
        )
    print(
        f"{d['minutes']:g} minutes at {d['rate_planned']:g}/s planned: {d['done']} requests done,"
        f" {sum(d['errors'].values())} errors, {d['acknowledgement_mails']} mails"
    )
    print()
    for r in result["rows"]:
        verdict = "" if r["met"] is None else ("  ok" if r["met"] else "  NOT MET")
        target = f" (target {r['target']})" if r["target"] else ""
        print(f"  {r['measure']}: {r['value']} {r['unit']}{target}{verdict}")
    lives = d["worker_lives"]
    print(
        f"  worker growth in its own life: median {lives['growth_in_life_mib_median']} MiB, "
        f"max {lives['growth_in_life_mib_max']} MiB over {lives['count']} worker processes"
    )
    for sample in d["rss_series"][:: max(1, len(d["rss_series"]) // 6)]:
        print(
            f"  t={sample['t']:>5} s  master {sample['master_mib']} MiB, workers "
            f"{sample['workers_mib']} MiB, backlog {sample['backlog']}"
        )
    print()
    if d["passed"]:
        print("Geslaagd: geen fouten, schema gehaald, geheugen stabiel.")
    else:
        print(
            f"NIET GESLAAGD: fouten {sum(d['errors'].values())}, schema gehaald "
            f"{d['schedule']['kept']}, geheugen stabiel {d['memory_stable']}."
        )
        for sample in d["error_samples"]:
            print(f"  {sample}")


def _database_name(value: str) -> str:
    # A typo must never point DROP DATABASE at the dev or test database.
    if not value.startswith("regie_bench_soak"):
        raise argparse.ArgumentTypeError("must start with regie_bench_soak: it is dropped")
    return value


def parse(argv: list[str] | None = None) -> SoakOptions:
    parser = argparse.ArgumentParser(
        prog="python -m bench.soak", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--minutes", type=float, default=30.0, help="length (default 30)")
    parser.add_argument("--rate", type=float, default=50.0, help="requests per second (default 50)")
    parser.add_argument(
        "--sample-seconds", type=float, default=10.0, help="RSS sampling interval (default 10)"
    )
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    parser.add_argument("--pg-url", default=DEFAULT_URL, help=f"default {DEFAULT_URL}")
    parser.add_argument("--database", type=_database_name, default="regie_bench_soak")
    parser.add_argument("--json-out", help="write the result object to this file")
    args = parser.parse_args(argv)
    if not 0 < args.minutes <= 24 * 60 or not 0 < args.rate <= 2000:
        parser.error("--minutes must be in (0, 1440] and --rate in (0, 2000]")
    if not 0.2 <= args.sample_seconds <= 600 or not 1 <= args.threads <= 32:
        parser.error("--sample-seconds must be in [0.2, 600] and --threads in [1, 32]")
    return SoakOptions(
        minutes=args.minutes,
        rate=args.rate,
        sample_seconds=args.sample_seconds,
        threads=args.threads,
        pg_url=args.pg_url,
        database=args.database,
        json_out=args.json_out,
    )


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    result = run_soak(options)
    print_summary(result)
    write_json(options.json_out, result)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
