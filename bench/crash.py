"""The crash test (issue 12): kill -9 the production server in the middle of a burst of intakes
and show that every acknowledged intake is in the database after the restart, and that client
retries with the same Idempotency-Key never made a second case.

    python -m bench.crash [--intakes N] [--clients K] [--kills R] [--threads T]
                          [--pg-url URL] [--database regie_bench_crash] [--json-out PATH]

1. Its own database (dropped and recreated), the demo world and an API token.
2. `regie serve --workers 2` in a process group of its own. E-mail goes to Django's dummy
   backend: the acknowledgement's outbox row is still written inside the intake transaction
   (and checked), but no SMTP server takes part, so the test is about the database.
3. K clients send N intakes, each with a fresh Idempotency-Key (uuid4). A client whose request
   ends without an answer (connection refused or reset, or a 5xx) sends the SAME key and body
   again, with backoff, until it gets an answer: what a well-behaved partner system does.
4. After every N/(R+1) acknowledged intakes, SIGKILL goes to the whole process group (master
   and workers, requests in flight), and the server is started again on the same port.
5. Afterwards every acknowledged key is sent once more (it must come back as a replay of the
   same reference), and the database is checked with plain SQL: see `verify`.

With `--respond-async` the clients send `Prefer: respond-async` and the acknowledgement is the
202 (the queued intake's id). The server registers each right after its commit (inline, as
without Celery), so a kill can fall between the two; afterwards `regie tick` registers what
waits, and every 202 must have become exactly one whole case under its key.

Exit status 0 when nothing was lost, duplicated or half-written, 1 otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import statistics
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import psycopg

from bench import machine
from bench.bodies import body_pool
from bench.crash_server import (
    envelope,
    prepare_database,
    progress,
    regie_command,
    row,
    server_environment,
    write_json,
)
from bench.load import api_headers
from bench.pg import DEFAULT_URL, Server
from bench.processes import Gunicorn
from bench.smtp import free_port

NAME = "crash"
REQUEST_TIMEOUT = 30.0
# A key that finds no answer this long (the server did not come back) is given up and reported.
GIVE_UP_SECONDS = 180.0
BACKOFF_FIRST, BACKOFF_MAX = 0.05, 1.0
# Responses this long after a restart still count to the kill window: a worker may need a
# moment before its first answer.
KILL_WINDOW_GRACE = 2.0
RECEIVED = "ontvangen"
DEADLINE_SET = "termijn-berekend"
ACKNOWLEDGEMENT = "ontvangstbevestiging"


@dataclass(frozen=True)
class CrashOptions:
    intakes: int = 1000
    clients: int = 4
    kills: int = 2
    threads: int = 4
    pg_url: str = DEFAULT_URL
    database: str = "regie_bench_crash"
    json_out: str | None = None
    # Prefer: respond-async: acknowledged with 202, registered after the commit or by the tick.
    respond_async: bool = False


@dataclass
class KeyOutcome:
    """What one client saw for one Idempotency-Key."""

    key: str
    reference: str = ""  # from the first 201; empty when the key never got one
    replayed: bool = False  # that 201 carried Idempotent-Replayed: the interrupted try had won
    attempts: int = 0
    interrupted: int = 0  # attempts that ended without an HTTP answer (the kill)
    kill_window_5xx: int = 0
    other_5xx: int = 0
    unexpected: list[str] = field(default_factory=list)  # other answers (4xx), a few
    # The same key sent once more after the burst: its reference and replay header.
    recheck_reference: str = ""
    recheck_replayed: bool = False
    # --respond-async: the id the 202 gave (and the re-sent key's), before they are looked up.
    queued_id: str = ""
    recheck_queued_id: str = ""


@dataclass(frozen=True)
class CaseFacts:
    """One case created during the run, as the database holds it."""

    reference: str
    key: str | None  # its Idempotency-Key; None: a case without one (a duplicate)
    received_events: int
    deadlines: int
    deadline_events: int
    has_email: bool
    acknowledgements: int  # outbox rows for the acknowledgement
    acknowledgement_pending: bool = False


@dataclass
class Verdict:
    acknowledged: int = 0
    unanswered: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    unknown_keys: list[str] = field(default_factory=list)
    replay_mismatches: list[str] = field(default_factory=list)
    half_written: list[str] = field(default_factory=list)
    server_errors_outside_kill: int = 0
    unexpected_answers: int = 0
    cases: int = 0

    @property
    def ok(self) -> bool:
        return not (
            self.unanswered
            or self.lost
            or self.duplicates
            or self.unknown_keys
            or self.replay_mismatches
            or self.half_written
            or self.server_errors_outside_kill
            or self.unexpected_answers
            or self.cases != self.acknowledged
        )

    def problems(self) -> dict[str, Any]:
        """Counts with a few examples each, for the summary and the JSON."""
        lists = {
            "unanswered": self.unanswered,
            "lost": self.lost,
            "duplicates": self.duplicates,
            "unknown_keys": self.unknown_keys,
            "replay_mismatches": self.replay_mismatches,
            "half_written": self.half_written,
        }
        found: dict[str, Any] = {k: {"count": len(v), "examples": v[:5]} for k, v in lists.items()}
        found["server_errors_outside_kill_window"] = self.server_errors_outside_kill
        found["unexpected_answers"] = self.unexpected_answers
        found["cases_created"] = self.cases
        return found


def _whole(case: CaseFacts) -> bool:
    """A case written by one atomic transaction has its RECEIVED event, one DEADLINE_SET event
    per deadline row and an acknowledgement in the outbox exactly when it has an e-mail
    address. (Not `next_due`: the acknowledgement, sent after commit, meets a deadline.)"""
    return (
        case.received_events == 1
        and case.deadlines == case.deadline_events
        and case.acknowledgements == (1 if case.has_email else 0)
    )


def verify(outcomes: Sequence[KeyOutcome], cases: Sequence[CaseFacts]) -> Verdict:
    """Hold what the clients were told against what the database holds.

    - lost: a key that got a 201 whose reference is not the case stored under that key;
    - duplicates: a case without an Idempotency-Key (made by a retry that did not find the
      first try), or a second case under one key;
    - the number of cases made equals the number of keys acknowledged;
    - every acknowledged key, sent again, came back as a replay of the same reference;
    - no case half-written (see `_whole`), no 5xx outside a kill window, no other refusals.
    """
    verdict = Verdict(cases=len(cases))
    by_key: dict[str, list[str]] = {}
    for case in cases:
        if case.key is None:
            verdict.duplicates.append(f"{case.reference}: no Idempotency-Key")
        else:
            by_key.setdefault(case.key, []).append(case.reference)
        if not _whole(case):
            verdict.half_written.append(case.reference)
    for key, references in by_key.items():
        if len(references) > 1:
            verdict.duplicates.extend(f"{ref}: second case for key {key}" for ref in references[1:])

    sent = {outcome.key for outcome in outcomes}
    verdict.unknown_keys = sorted(set(by_key) - sent)
    for outcome in outcomes:
        verdict.server_errors_outside_kill += outcome.other_5xx
        verdict.unexpected_answers += len(outcome.unexpected)
        if not outcome.reference:
            verdict.unanswered.append(outcome.key)
            continue
        verdict.acknowledged += 1
        if outcome.reference not in by_key.get(outcome.key, []):
            verdict.lost.append(f"{outcome.reference} (key {outcome.key})")
        if outcome.recheck_reference != outcome.reference or not outcome.recheck_replayed:
            verdict.replay_mismatches.append(
                f"{outcome.key}: {outcome.reference} then {outcome.recheck_reference or '-'}"
            )
    return verdict


class Burst:
    """The shared state of the clients and the killer: the acknowledged count, and the kill
    windows (from SIGKILL until shortly after the server answers again)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.acknowledged = 0
        self.in_flight = 0
        self.windows: list[tuple[float, float | None]] = []
        self.abort = threading.Event()

    def acknowledge(self) -> None:
        with self._lock:
            self.acknowledged += 1

    def sending(self, delta: int) -> None:
        with self._lock:
            self.in_flight += delta

    def open_window(self) -> None:
        with self._lock:
            self.windows.append((time.monotonic(), None))

    def close_window(self) -> None:
        with self._lock:
            start, _ = self.windows[-1]
            self.windows[-1] = (start, time.monotonic() + KILL_WINDOW_GRACE)

    def in_kill_window(self, moment: float) -> bool:
        with self._lock:
            return any(s <= moment and (e is None or moment <= e) for s, e in self.windows)


def _post(
    conn: http.client.HTTPConnection, body: bytes, headers: dict[str, str]
) -> tuple[int, dict[str, Any], bool]:
    conn.request("POST", "/api/v1/cases", body=body, headers=headers)
    response = conn.getresponse()
    answer = response.read()
    replayed = response.getheader("Idempotent-Replayed") == "true"
    try:
        data = json.loads(answer) if answer else {}
    except ValueError:
        data = {"raw": answer[:300].decode(errors="replace")}
    return response.status, data, replayed


def _send_until_answered(
    conn: http.client.HTTPConnection,
    outcome: KeyOutcome,
    body: bytes,
    token: str,
    burst: Burst,
    respond_async: bool = False,
) -> http.client.HTTPConnection:
    headers = {**api_headers(token, respond_async), "Idempotency-Key": outcome.key}
    backoff = BACKOFF_FIRST
    give_up = time.monotonic() + GIVE_UP_SECONDS
    while time.monotonic() < give_up and not burst.abort.is_set():
        outcome.attempts += 1
        burst.sending(1)
        try:
            status, data, replayed = _post(conn, body, headers)
        except (OSError, http.client.HTTPException):
            # No answer: the request may or may not have committed. Only the same key, sent
            # again, can tell without making a second case.
            outcome.interrupted += 1
            conn.close()  # http.client opens a new connection for the next request
            time.sleep(backoff)
            backoff = min(BACKOFF_MAX, backoff * 2)
            continue
        finally:
            burst.sending(-1)
        if status == 201 and not respond_async:
            outcome.reference = str(data.get("reference", ""))
            outcome.replayed = replayed
            burst.acknowledge()
            return conn
        if status == 202 and respond_async:
            # Its reference is looked up once the tick has registered what waits.
            outcome.queued_id = str(data.get("id", ""))
            outcome.replayed = replayed
            burst.acknowledge()
            return conn
        if status >= 500:
            if burst.in_kill_window(time.monotonic()):
                outcome.kill_window_5xx += 1
            else:
                outcome.other_5xx += 1
            time.sleep(backoff)
            backoff = min(BACKOFF_MAX, backoff * 2)
            continue
        # A refusal (400, 401, 422, 429 …) is an answer: sending it again would not change it.
        outcome.unexpected.append(f"HTTP {status}: {str(data)[:200]}")
        return conn
    return conn


def _client(
    port: int,
    token: str,
    jobs: list[tuple[KeyOutcome, bytes]],
    *,
    burst: Burst,
    respond_async: bool = False,
) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        for outcome, body in jobs:
            conn = _send_until_answered(conn, outcome, body, token, burst, respond_async)
    finally:
        conn.close()


def _recheck_client(
    port: int, token: str, jobs: list[tuple[KeyOutcome, bytes]], respond_async: bool = False
) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    headers = api_headers(token, respond_async)
    try:
        for outcome, body in jobs:
            try:
                status, data, replayed = _post(
                    conn, body, {**headers, "Idempotency-Key": outcome.key}
                )
            except (OSError, http.client.HTTPException) as exc:
                outcome.recheck_reference = f"no answer: {type(exc).__name__}"
                conn.close()
                continue
            if status == 201 and not respond_async:
                outcome.recheck_reference = str(data.get("reference", ""))
                outcome.recheck_replayed = replayed
            elif status == 202 and respond_async:
                outcome.recheck_queued_id = str(data.get("id", ""))
                outcome.recheck_replayed = replayed
            else:
                outcome.recheck_reference = f"HTTP {status}"
    finally:
        conn.close()


def _run_clients(target: Any, port: int, token: str, jobs: list[Any], clients: int) -> list[Any]:
    threads = [
        threading.Thread(
            target=target, args=(port, token, jobs[i::clients]), name=f"crash-client-{i}"
        )
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    return threads


def _max_case_id(conninfo: str) -> int:
    with psycopg.connect(conninfo) as conn:
        found = conn.execute("SELECT coalesce(max(id), 0) FROM cases_case").fetchone()
    return int(found[0]) if found else 0


CASE_FACTS = """
SELECT c.reference, r.key,
       (SELECT count(*) FROM cases_event e WHERE e.case_id = c.id AND e.type = %(received)s),
       (SELECT count(*) FROM cases_casedeadline d WHERE d.case_id = c.id),
       (SELECT count(*) FROM cases_event e WHERE e.case_id = c.id AND e.type = %(deadline)s),
       c.submitter_email <> '',
       (SELECT count(*) FROM notifications_outboundemail o
         WHERE o.case_id = c.id AND o.purpose = %(ack)s),
       EXISTS (SELECT 1 FROM notifications_outboundemail o
         WHERE o.case_id = c.id AND o.purpose = %(ack)s AND o.state = 'pending')
FROM cases_case c
LEFT JOIN cases_idempotencyrecord r ON r.case_id = c.id
WHERE c.id > %(after)s
ORDER BY c.id
"""


def case_facts(conninfo: str, after_id: int) -> list[CaseFacts]:
    """Every case with an id above `after_id` (those made during the run), with its key."""
    params = {"received": RECEIVED, "deadline": DEADLINE_SET, "ack": ACKNOWLEDGEMENT}
    with psycopg.connect(conninfo) as conn:
        rows = conn.execute(CASE_FACTS, {**params, "after": after_id}).fetchall()
    return [
        CaseFacts(
            reference=r[0],
            key=r[1],
            received_events=int(r[2]),
            deadlines=int(r[3]),
            deadline_events=int(r[4]),
            has_email=bool(r[5]),
            acknowledgements=int(r[6]),
            acknowledgement_pending=bool(r[7]),
        )
        for r in rows
    ]


QUEUED = "SELECT q.id::text, q.state, c.reference FROM cases_queuedintake q "
QUEUED += "LEFT JOIN cases_case c ON c.id = q.case_id"


def resolve_queued(conninfo: str, outcomes: Sequence[KeyOutcome]) -> dict[str, int]:
    """Turn the ids the 202s gave into the references of the cases they became, so `verify`
    holds them against the database as it holds the 201s' references. An id that did not
    become a case gets a reference no case has: it counts as lost."""
    with psycopg.connect(conninfo) as conn:
        rows = conn.execute(QUEUED).fetchall()
    found = {str(r[0]): (str(r[1]), r[2]) for r in rows}
    states: Counter[str] = Counter(state for state, _ in found.values())

    def reference(queued_id: str) -> str:
        state, ref = found.get(queued_id, ("onbekend", None))
        return ref if ref else f"{state}: {queued_id}"

    for outcome in outcomes:
        if outcome.queued_id:
            outcome.reference = reference(outcome.queued_id)
        if outcome.recheck_queued_id:
            # The same key must have given the same intake, hence the same case.
            same = outcome.recheck_queued_id == outcome.queued_id
            outcome.recheck_reference = (
                reference(outcome.recheck_queued_id) if same else "another intake"
            )
    return dict(states)


@dataclass
class KillRecord:
    at_acknowledged: int
    in_flight: int
    restart_seconds: float


def run_crash(options: CrashOptions) -> dict[str, Any]:
    """The whole test; returns the result object (the benchmarks' shared JSON protocol)."""
    server = Server.from_url(options.pg_url)
    started_at = dt.datetime.now().astimezone()
    machine_before = machine.describe()
    port = free_port()
    env = server_environment(
        server,
        options.database,
        port=port,
        email={"EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"},
    )
    progress(NAME, f"recreating {options.database}, migrating, building the demo world")
    token = prepare_database(server, options.database, env)
    conninfo = server.conninfo(options.database)
    before_id = _max_case_id(conninfo)

    now = dt.datetime.now(dt.UTC)
    bodies = [
        json.dumps(b).encode() for b in body_pool(mail=True, size=options.intakes, seed=12, now=now)
    ]
    outcomes = [KeyOutcome(key=str(uuid.uuid4())) for _ in bodies]
    jobs = list(zip(outcomes, bodies, strict=True))
    burst = Burst()
    kills: list[KillRecord] = []
    thresholds = [options.intakes * (i + 1) // (options.kills + 1) for i in range(options.kills)]

    with Gunicorn(env, port=port, workers=2, threads=options.threads) as web:
        progress(NAME, f"starting regie serve on port {port}")
        web.start()
        progress(
            NAME, f"{options.intakes} intakes, {options.clients} clients, kills at {thresholds}"
        )
        burst_started = time.monotonic()
        client = partial(_client, burst=burst, respond_async=options.respond_async)
        threads = _run_clients(client, port, token, jobs, options.clients)
        try:
            for threshold in thresholds:
                while burst.acknowledged < threshold and any(t.is_alive() for t in threads):
                    time.sleep(0.005)
                if not any(t.is_alive() for t in threads):
                    break
                in_flight = burst.in_flight
                burst.open_window()
                web.crash()
                at = burst.acknowledged
                progress(NAME, f"kill -9 after {at} acknowledged, {in_flight} requests in flight")
                restart = web.start()
                burst.close_window()
                kills.append(KillRecord(at, in_flight, restart))
                progress(NAME, f"restarted in {restart:.1f} s")
        except BaseException:
            burst.abort.set()
            raise
        finally:
            for thread in threads:
                thread.join()
        burst_seconds = time.monotonic() - burst_started
        progress(NAME, "sending every acknowledged key once more")
        acknowledged_jobs = [(o, b) for o, b in jobs if o.reference or o.queued_id]
        recheck = partial(_recheck_client, respond_async=options.respond_async)
        for thread in _run_clients(recheck, port, token, acknowledged_jobs, options.clients):
            thread.join()
        server_log = web.log_tail()

    queue_states: dict[str, int] = {}
    if options.respond_async:
        # What a kill left between the 202's commit and the registration waits for the tick.
        progress(NAME, "regie tick: registering the queued intakes a kill left waiting")
        tick_report = regie_command(env, "tick")
        progress(NAME, tick_report.strip().splitlines()[-1] if tick_report.strip() else "")
        queue_states = resolve_queued(conninfo, outcomes)
    cases = case_facts(conninfo, before_id)
    verdict = verify(outcomes, cases)
    return _result(
        options,
        started_at,
        machine_before,
        server,
        outcomes,
        cases,
        verdict,
        kills,
        burst_seconds,
        server_log,
        queue_states,
    )


def _result(
    options: CrashOptions,
    started_at: dt.datetime,
    machine_before: dict[str, Any],
    server: Server,
    outcomes: list[KeyOutcome],
    cases: list[CaseFacts],
    verdict: Verdict,
    kills: list[KillRecord],
    burst_seconds: float,
    server_log: str,
    queue_states: dict[str, int] | None = None,
) -> dict[str, Any]:
    interrupted = [o for o in outcomes if o.interrupted or o.kill_window_5xx]
    replays = sum(o.replayed for o in interrupted)
    rechecked = sum(
        o.recheck_replayed and o.recheck_reference == o.reference for o in outcomes if o.reference
    )
    errors: Counter[str] = Counter()
    for o in outcomes:
        errors["no answer (connection refused or reset)"] += o.interrupted
        errors["HTTP 5xx in a kill window"] += o.kill_window_5xx
        errors["HTTP 5xx outside a kill window"] += o.other_5xx
        errors["other refusals"] += len(o.unexpected)
    n = options.intakes
    answer = "202, queued" if options.respond_async else "201"
    rows = [
        row(
            f"intakes acknowledged ({answer})",
            verdict.acknowledged,
            target=f"= {n}",
            met=verdict.acknowledged == n,
        ),
        row(
            "server kills (SIGKILL to master and workers)",
            len(kills),
            target=f"= {options.kills}",
            met=len(kills) == options.kills,
        ),
        row("acknowledged intakes lost", len(verdict.lost), target="0", met=not verdict.lost),
        row(
            "duplicate cases from retries",
            len(verdict.duplicates),
            target="0",
            met=not verdict.duplicates,
        ),
        row(
            "cases made vs keys acknowledged",
            verdict.cases - verdict.acknowledged,
            target="0",
            met=verdict.cases == verdict.acknowledged,
        ),
        row(
            "half-written cases",
            len(verdict.half_written),
            target="0",
            met=not verdict.half_written,
        ),
        row("interrupted keys answered as replay", replays),
        row("interrupted keys created on retry", len(interrupted) - replays),
        row(
            "acknowledged keys re-sent: same reference, replayed",
            rechecked,
            target=f"= {verdict.acknowledged}",
            met=rechecked == verdict.acknowledged,
        ),
        row(
            "HTTP 5xx outside the kill windows",
            verdict.server_errors_outside_kill,
            target="0",
            met=verdict.server_errors_outside_kill == 0,
        ),
    ]
    restarts = [k.restart_seconds for k in kills]
    details = {
        "intakes": n,
        "clients": options.clients,
        "server": {"workers": 2, "threads": options.threads},
        "email": "django dummy backend (outbox rows still written in the transaction)",
        "respond_async": options.respond_async,
        "queued_intakes_by_state": queue_states or {},
        "burst_seconds": round(burst_seconds, 1),
        "kills": [k.__dict__ | {"restart_seconds": round(k.restart_seconds, 2)} for k in kills],
        "restart_seconds_median": round(statistics.median(restarts), 2) if restarts else None,
        "attempts": sum(o.attempts for o in outcomes),
        "errors_seen_by_clients": {k: v for k, v in errors.items() if v},
        "acknowledgements_pending": sum(c.acknowledgement_pending for c in cases),
        "problems": verdict.problems(),
        "unexpected_examples": [u for o in outcomes for u in o.unexpected][:5],
    }
    # Every kill must have happened, or the run proved less than it claims.
    ok = verdict.ok and len(kills) == options.kills
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


def print_summary(result: dict[str, Any]) -> None:
    d = result["details"]
    m = result["machine"]
    print()
    print(f"Regie crash test, {result['date']}, Regie {result['regie_revision']}")
    print(
        f"machine: {m['nproc']} CPU, load {m['loadavg_1m']} before the run; PostgreSQL "
        f"{m['postgresql']} (synchronous_commit={m['postgresql_settings']['synchronous_commit']})"
    )
    print(
        f"{d['intakes']} intakes, {d['clients']} clients, regie serve 2 x "
        f"{d['server']['threads']} threads, {len(d['kills'])} x kill -9, burst "
        f"{d['burst_seconds']} s, restart median {d['restart_seconds_median']} s"
    )
    for kill in d["kills"]:
        print(
            f"  kill -9 after {kill['at_acknowledged']} acknowledged, "
            f"{kill['in_flight']} requests in flight, back in {kill['restart_seconds']} s"
        )
    print()
    for r in result["rows"]:
        verdict = "" if r["met"] is None else ("  ok" if r["met"] else "  NOT MET")
        target = f" (target {r['target']})" if r["target"] else ""
        print(f"  {r['measure']}: {r['value']}{target}{verdict}")
    print(f"  client errors seen: {d['errors_seen_by_clients'] or 'none'}")
    print(
        f"  acknowledgement mails still in the outbox (regie tick sends them): "
        f"{d['acknowledgements_pending']}"
    )
    print()
    if result["ok"]:
        print("Geslaagd: elke bevestigde melding staat in de database, zonder dubbele zaken.")
    else:
        print("MISLUKT: meldingen kwijt, dubbel of half geschreven; zie details.problems.")
        print(json.dumps(d["problems"], indent=2, ensure_ascii=False))


def _database_name(value: str) -> str:
    # A typo must never point DROP DATABASE at the dev or test database.
    if not value.startswith("regie_bench_crash"):
        raise argparse.ArgumentTypeError("must start with regie_bench_crash: it is dropped")
    return value


def parse(argv: list[str] | None = None) -> CrashOptions:
    parser = argparse.ArgumentParser(
        prog="python -m bench.crash", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--intakes", type=int, default=1000, help="N intakes (default 1000)")
    parser.add_argument("--clients", type=int, default=4, help="K client threads (default 4)")
    parser.add_argument("--kills", type=int, default=2, help="R kills during the burst (default 2)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    parser.add_argument("--pg-url", default=DEFAULT_URL, help=f"default {DEFAULT_URL}")
    parser.add_argument("--database", type=_database_name, default="regie_bench_crash")
    parser.add_argument("--json-out", help="write the result object to this file")
    parser.add_argument(
        "--respond-async",
        action="store_true",
        help="send Prefer: respond-async: acknowledged with 202, registered after the commit",
    )
    args = parser.parse_args(argv)
    if not 10 <= args.intakes <= 1_000_000 or not 1 <= args.clients <= 64:
        parser.error("--intakes must be in [10, 1000000] and --clients in [1, 64]")
    if not 0 <= args.kills <= 20 or not 1 <= args.threads <= 32:
        parser.error("--kills must be in [0, 20] and --threads in [1, 32]")
    return CrashOptions(
        intakes=args.intakes,
        clients=args.clients,
        kills=args.kills,
        threads=args.threads,
        pg_url=args.pg_url,
        database=args.database,
        json_out=args.json_out,
        respond_async=args.respond_async,
    )


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    result = run_crash(options)
    print_summary(result)
    write_json(options.json_out, result)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
