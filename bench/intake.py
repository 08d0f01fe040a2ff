"""The intake benchmark: accepted intakes per second next to the raw INSERT rate.

One run, one machine, one PostgreSQL server:
1. pgbench: single-row INSERTs into a case-shaped table, with K clients and with 1 client,
   in slices between the other measurements (the baseline is their median);
2. HTTP, saturation: the production server (`regie serve`: gunicorn, W worker processes with
   T threads) and K keep-alive clients posting to /api/v1/cases in a closed loop, once with
   e-mail addresses and once without. Mail goes the production way: the web process writes
   the outbox row and hands the message to a Celery worker over Redis, which sends it to a
   loopback SMTP server. At the end the outbox must drain and every acknowledgement arrive;
3. HTTP, fixed load: an open loop at --rate intakes per second, latency from the scheduled
   moment (and from the actual send), p50/p95/p99/max;
4. service: `services.case_intake` called in-process on one thread, to separate the HTTP
   stack from the write path.
The HTTP rates are divided by the K-client INSERT rate, the service rates by the 1-client
INSERT rate. Only those ratios travel between machines; absolute figures describe this
machine, today. Targets (issue 12): HTTP intake >= 10% of the raw INSERT rate; p99 under
50 ms at 200 intakes per second.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bench import cpu, machine, service
from bench.bodies import body_pool, has_email
from bench.load import LoadResult, RateResult, drive, drive_rate, percentile
from bench.pg import (
    PgbenchResult,
    Server,
    WaitSampler,
    prepare_raw_table,
    recreate_database,
    run_pgbench,
    server_facts,
)
from bench.processes import REPO, Gunicorn
from bench.report import (
    Measurement,
    as_json,
    print_table,
    protocol,
    row,
    write_json,
)
from bench.server import CeleryWorker
from bench.smtp import SmtpSink, free_port

if TYPE_CHECKING:
    from regie.accounts.models import ApiClient

POOL_SIZE = 1000
# The realistic mix, where 57% of intakes carry an e-mail address, and the same intakes with
# the addresses left out: no outbox row, no Celery task, no SMTP conversation.
VARIANTS = {"with_email": True, "without_email": False}
LABELS = {
    "with_email": "with e-mail",
    "without_email": "without e-mail",
    "queued": "queued (Prefer: respond-async), with e-mail",
}
TARGET_RATIO = 0.10
TARGET_P99_MS = 50.0
# How long the outbox may take to drain after the last request before mail counts as lost.
DRAIN_TIMEOUT = 120.0
# How long the Celery worker may take to register what a queued run accepted.
QUEUE_TIMEOUT = 600.0
# A fresh worker's first request may take this long on a loaded machine before it is an error.
WARMUP_TIMEOUT = 120.0


@dataclass(frozen=True)
class IntakeOptions:
    seconds: float
    clients: int
    warmup: float
    pg_url: str
    database: str
    # The production server: gunicorn worker processes and threads per process.
    workers: int = 3
    threads: int = 4
    # The fixed-load run: intakes per second and its length (0 seconds: skipped).
    rate: float = 200.0
    rate_seconds: float = 10.0
    redis_url: str = "redis://127.0.0.1:6379"
    # Redis database numbers of the benchmark's own: Celery's queue and the rate-limit cache.
    broker_db: int = 11
    cache_db: int = 12
    celery_concurrency: int = 1
    # The worker's niceness (0: as the web server). Above 0 it registers and mails behind the
    # web server's answers on a shared machine, as deploy/systemd runs it (Nice=19): at 120
    # queued intakes a second that took p99 from 162 to 22 ms; at a saturating 200/s it
    # changes nothing (docs/performance.md). The default stays 0, comparable with earlier runs.
    celery_nice: int = 0
    json_out: str | None = None


def progress(text: str) -> None:
    # Progress goes to stderr so that stdout holds only the table and the JSON line.
    print(f"bench: {text}", file=sys.stderr, flush=True)


def run_intake(options: IntakeOptions) -> int:
    server = Server.from_url(options.pg_url)
    started_at = dt.datetime.now().astimezone()
    load_before = machine.describe()
    k = options.clients
    progress(f"recreating database {options.database}")
    recreate_database(server, options.database)
    http_port = free_port()
    broker = f"{options.redis_url}/{options.broker_db}"
    measurements: dict[str, Measurement] = {}
    http_results: dict[str, LoadResult] = {}
    fixed: RateResult | None = None
    fixed_queued: RateResult | None = None
    queue: dict[str, dict[str, float]] = {}
    usage: dict[str, dict[str, float]] = {}
    server_log = ""
    warm: LoadResult | None = None
    with SmtpSink() as smtp:
        _configure_django(server, options, smtp_port=smtp.port, http_port=http_port)
        with CeleryWorker(
            broker, concurrency=options.celery_concurrency, nice=options.celery_nice
        ) as worker:
            progress("migrating and building the demo world")
            token, client = _prepare_regie()
            facts = server_facts(server, options.database)
            prepare_raw_table(server, options.database)
            now = dt.datetime.now(dt.UTC)
            pools = {
                name: body_pool(mail=mail, size=POOL_SIZE, seed=2026, now=now)
                for name, mail in VARIANTS.items()
            }
            statements = service.statements_per_intake(client, token, pools)
            _close_django_connections()

            # The raw INSERT rate is measured in slices between Regie's measurements, so
            # that the baseline sees the same machine over the same minutes: a baseline
            # taken only at the start would miss a machine that got busier halfway.
            baselines = _Baselines(server, options, slots=2 * len(VARIANTS) + 2)
            baselines.slice()

            def probe(web: Gunicorn) -> dict[str, float]:
                counters = cpu.snapshot()
                counters["web_s"] = web.cpu_seconds()
                counters["celery_s"] = worker.cpu_seconds()
                return counters

            with Gunicorn(
                dict(os.environ),
                port=http_port,
                workers=options.workers,
                threads=options.threads,
            ) as web:
                web.start()

                def probe_web() -> dict[str, float]:
                    return probe(web)

                # Unmeasured: each worker's first requests pay for Django's lazy imports and
                # its database connections (15 to 20 s each on a busy 2-core machine);
                # without this the first variant measures start-up.
                progress("warming up the server")
                warm = drive(
                    port=http_port,
                    token=token,
                    pool=pools["with_email"],
                    clients=k,
                    warmup=0.0,
                    seconds=max(3.0, options.warmup),
                    timeout=WARMUP_TIMEOUT,
                )
                measurements["warm_up"] = _http_measurement(
                    "with_email", k, warm, None, f"pgbench_{k}"
                )
                for i, name in enumerate(VARIANTS):
                    if i:
                        baselines.slice()
                    progress(
                        f"HTTP intake {LABELS[name]}, {k} clients, regie serve "
                        f"{options.workers}x{options.threads}"
                    )
                    with WaitSampler(server, options.database) as sampler:
                        result = drive(
                            port=http_port,
                            token=token,
                            pool=pools[name],
                            clients=k,
                            warmup=options.warmup,
                            seconds=options.seconds,
                            probe=probe_web,
                        )
                    measurements[f"http_{name}"] = _http_measurement(
                        name, k, result, sampler, f"pgbench_{k}"
                    )
                    http_results[name] = result
                    usage[name] = result.usage
                # The queue: 202 once checked and stored, the case registered by the Celery
                # worker behind it. Accepting and registering are two rates: both reported.
                baselines.slice()
                progress(f"HTTP intake {LABELS['queued']}, {k} clients")
                with WaitSampler(server, options.database) as sampler:
                    result = drive(
                        port=http_port,
                        token=token,
                        pool=pools["with_email"],
                        clients=k,
                        warmup=options.warmup,
                        seconds=options.seconds,
                        probe=probe_web,
                        respond_async=True,
                    )
                measurements["http_queued"] = _http_measurement(
                    "queued", k, result, sampler, f"pgbench_{k}"
                )
                http_results["queued"] = result
                usage["queued"] = result.usage
                progress("waiting for the worker to register the queued intakes")
                queue["closed_loop"] = _wait_for_queue()
                if options.rate_seconds > 0:
                    progress(f"HTTP intake with e-mail at a fixed {options.rate:g}/s")
                    fixed = drive_rate(
                        port=http_port,
                        token=token,
                        pool=pools["with_email"],
                        rate=options.rate,
                        seconds=options.rate_seconds,
                        warmup=min(options.warmup, 2.0),
                        probe=probe_web,
                    )
                    progress(f"HTTP intake {LABELS['queued']} at a fixed {options.rate:g}/s")
                    fixed_queued = drive_rate(
                        port=http_port,
                        token=token,
                        pool=pools["with_email"],
                        rate=options.rate,
                        seconds=options.rate_seconds,
                        warmup=min(options.warmup, 2.0),
                        probe=probe_web,
                        respond_async=True,
                    )
                    progress("waiting for the worker to register the queued intakes")
                    queue["fixed_load"] = _wait_for_queue()
                server_log = web.log_tail()

            for name in VARIANTS:
                baselines.slice()
                progress(f"service intake {LABELS[name]}, 1 thread")
                measurements[f"service_{name}"] = _service(server, options, client, pools, name)
            baselines.slice()
            progress("waiting for the outbox to drain")
            mail = _drain(smtp)
            celery_log = worker.log_tail()
        _close_django_connections()
    measurements = {**baselines.measurements(), **measurements}

    errors = sum(sum(m.errors.values()) for m in measurements.values())
    errors += sum(fixed.errors.values()) if fixed else 0
    errors += sum(fixed_queued.errors.values()) if fixed_queued else 0
    samples = [s for m in measurements.values() for s in m.error_samples]
    samples += fixed.error_samples if fixed else []
    samples += fixed_queued.error_samples if fixed_queued else []
    # Every 202 promised a case: none may still wait, none may have been refused.
    unregistered = sum(q["waiting"] + q["refused"] for q in queue.values())
    if unregistered:
        samples.append(f"queued intakes not registered: {queue}")
    # The warm-up's errors count (an error is an error); its figures are no measurement.
    measurements.pop("warm_up", None)
    if errors and not samples:
        samples = [server_log[-1000:]]
    # Every 201 over HTTP for a body with an address promised an acknowledgement; the outbox
    # (written by the service runs too) must hold at least that many.
    mail["http_accepted_with_address"] = (
        (warm.accepted_with_email if warm else 0)
        + sum(r.accepted_with_email for r in http_results.values())
        + (fixed.accepted_with_email if fixed else 0)
        + (fixed_queued.accepted_with_email if fixed_queued else 0)
    )
    mail_ok = (
        mail["received"] == mail["expected"]
        and mail["pending"] == 0
        and mail["expected"] >= mail["http_accepted_with_address"]
    )
    if not mail_ok:
        samples.append(f"Celery worker log:\n{celery_log[-1500:]}")
    ok = errors == 0 and mail_ok and not unregistered
    details = _details(
        options=options,
        facts_version=facts.version,
        facts_settings=facts.settings,
        measurements=measurements,
        statements=statements,
        mail=mail,
        errors=errors,
        error_samples=samples,
        share_with_email=sum(map(has_email, pools["with_email"])) / POOL_SIZE,
        fixed=fixed,
        fixed_queued=fixed_queued,
        queue=queue,
        usage=usage,
        http_results=http_results,
    )
    result_json = protocol(
        benchmark="intake",
        date=started_at.isoformat(timespec="seconds"),
        machine={
            **load_before,
            "postgresql": facts.version,
            "postgresql_settings": facts.settings,
        },
        revision=machine.regie_revision(REPO),
        rows=_rows(options, measurements, details, fixed),
        ok=ok,
        details=details,
    )
    print_table({**details, **result_json}, measurements)
    _print_rows(result_json["rows"])
    write_json(options.json_out, result_json)
    return 0 if ok else 1


def _wait_for_queue(timeout: float = QUEUE_TIMEOUT) -> dict[str, float]:
    """Until no queued intake waits: the backlog the load left, how long the worker took to
    register it (its rate), and whether any was refused or left waiting."""
    from regie.cases.models import QueuedIntake

    waiting_rows = QueuedIntake.objects.filter(state=QueuedIntake.State.WAITING)
    started = time.perf_counter()
    backlog = waiting = waiting_rows.count()
    while waiting and time.perf_counter() - started < timeout:
        time.sleep(0.25)
        waiting = waiting_rows.count()
    seconds = time.perf_counter() - started
    refused = QueuedIntake.objects.filter(state=QueuedIntake.State.REFUSED).count()
    _close_django_connections()
    return {
        "backlog": backlog,
        "seconds": round(seconds, 1),
        "per_s": round(backlog / seconds, 1) if backlog and seconds else 0.0,
        "waiting": waiting,
        "refused": refused,
    }


def _drain(smtp: SmtpSink) -> dict[str, int]:
    """Wait until every acknowledgement in the outbox is sent and arrived at the SMTP sink.
    Expected is what the outbox holds: every accepted intake with an address wrote one row."""
    from regie.notifications.models import OutboundEmail

    deadline = time.monotonic() + DRAIN_TIMEOUT
    while True:
        expected = OutboundEmail.objects.count()
        pending = OutboundEmail.objects.filter(state=OutboundEmail.State.PENDING).count()
        received = smtp.received
        if (pending == 0 and received >= expected) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    gave_up = OutboundEmail.objects.filter(state=OutboundEmail.State.GAVE_UP).count()
    return {"expected": expected, "received": received, "pending": pending, "gave_up": gave_up}


def _configure_django(
    server: Server, options: IntakeOptions, *, smtp_port: int, http_port: int
) -> None:
    """Point this process, and the server and worker it starts, at the benchmark database,
    Redis and the loopback SMTP server. Set before django.setup(): settings read the
    environment once."""
    unlimited = "1000000/m"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "regie.settings",
            "DATABASE_URL": server.django_url(options.database),
            # Persistent connections, as in production: every server thread keeps one.
            "DATABASE_CONN_MAX_AGE": "60",
            # DEBUG keeps every query in memory and would slow the measured path.
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            # Production mail: the web process enqueues, a Celery worker sends.
            "REGIE_DELIVERY": "celery",
            "CELERY_BROKER_URL": f"{options.redis_url}/{options.broker_db}",
            # Rate-limit counters in Redis, as in production; the limits themselves high, so
            # that one benchmark client may send what a whole region's partners would.
            "REGIE_CACHE_URL": f"{options.redis_url}/{options.cache_db}",
            "REGIE_RATE_API": unlimited,
            "REGIE_RATE_API_TOKEN": unlimited,
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_USE_TLS": "false",
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "REGIE_BASE_URL": f"http://127.0.0.1:{http_port}",
            "LOG_LEVEL": "WARNING",
        }
    )
    from bench.server import empty_broker

    # Counters of an earlier run must not count against this one.
    empty_broker(f"{options.redis_url}/{options.cache_db}")
    import django

    django.setup()


def _prepare_regie() -> tuple[str, ApiClient]:
    from django.core.management import call_command

    from regie.accounts.models import ApiClient
    from regie.accounts.tokens import api_client_create
    from regie.demo.world import build_world

    call_command("migrate", interactive=False, verbosity=0)
    build_world()
    created, token = api_client_create(organisation="GM9901", name="Benchmark")
    # Loaded as the API's authentication loads it, so the service run uses the same object.
    client = ApiClient.objects.select_related("municipality", "organisation").get(pk=created.pk)
    return token, client


def _close_django_connections() -> None:
    from django.db import connections

    # An idle connection from this process would show up in the samples of the HTTP run.
    connections.close_all()


def _busy(usage: dict[str, float]) -> float | None:
    total = usage.get("machine_total_s", 0.0)
    return usage["machine_busy_s"] / total if total else None


def _per_op_ms(seconds: float, operations: int) -> float:
    return seconds * 1000 / operations if operations else 0.0


@dataclass(frozen=True)
class _PgbenchRun:
    result: PgbenchResult
    usage: dict[str, float]
    foreign: float


class _Baselines:
    """pgbench with K clients (for the HTTP runs) and with 1 client (for the service runs),
    each measured in `slots` slices that together last twice --seconds."""

    def __init__(self, server: Server, options: IntakeOptions, slots: int) -> None:
        self._server = server
        self._database = options.database
        self._seconds = 2 * options.seconds / slots
        self._slots = slots
        # With one HTTP client the two baselines are the same measurement: run it once.
        self._clients = sorted({options.clients, 1}, reverse=True)
        self._runs: dict[int, list[_PgbenchRun]] = {c: [] for c in self._clients}

    def slice(self) -> None:
        for clients in self._clients:
            done = len(self._runs[clients]) + 1
            progress(f"raw INSERT (pgbench), {clients} client(s), slice {done} of {self._slots}")
            # Sampled for the other databases only: busy neighbours explain a slow slice.
            with WaitSampler(self._server, self._database) as sampler:
                before = cpu.snapshot()
                result = run_pgbench(
                    self._server, self._database, clients=clients, seconds=self._seconds
                )
                usage = cpu.difference(before, cpu.snapshot())
            self._runs[clients].append(
                _PgbenchRun(result=result, usage=usage, foreign=sampler.foreign_sessions())
            )

    def measurements(self) -> dict[str, Measurement]:
        return {f"pgbench_{c}": _pgbench_measurement(c, runs) for c, runs in self._runs.items()}


def _pgbench_measurement(clients: int, runs: list[_PgbenchRun]) -> Measurement:
    """The baseline is the median of the slices, so one slice that hit a burst of someone
    else's disk writes does not move it; the spread says how much the machine changed."""
    rates = [run.result.tps for run in runs]
    median = statistics.median(rates)
    transactions = sum(run.result.transactions for run in runs)
    failed = sum(run.result.failed for run in runs)
    usage = {key: sum(run.usage[key] for run in runs) for key in runs[0].usage}
    return Measurement(
        key=f"pgbench_{clients}",
        label=f"raw INSERT, pgbench, {clients} client{'s' if clients > 1 else ''}",
        per_second=median,
        operations=transactions,
        errors={"failed transactions": failed} if failed else {},
        cpu_ms={"postgres": _per_op_ms(usage["postgres_s"], transactions)},
        machine_busy=_busy(usage),
        spread=(max(rates) - min(rates)) / median if median else None,
        foreign_sessions=statistics.mean(run.foreign for run in runs),
    )


def _http_measurement(
    name: str, clients: int, result: LoadResult, sampler: WaitSampler | None, baseline: str
) -> Measurement:
    return Measurement(
        key=f"http_{name}",
        label=f"HTTP intake {LABELS[name]}, {clients} client{'s' if clients > 1 else ''}",
        per_second=result.rate,
        baseline=baseline,
        operations=result.measured,
        errors=result.errors,
        p50_ms=result.percentile(50),
        p95_ms=result.percentile(95),
        cpu_ms={
            "web": _per_op_ms(result.usage.get("web_s", 0.0), result.measured),
            "postgres": _per_op_ms(result.usage.get("postgres_s", 0.0), result.measured),
            "celery": _per_op_ms(result.usage.get("celery_s", 0.0), result.measured),
        },
        machine_busy=_busy(result.usage),
        db_states=sampler.shares() if sampler else {},
        foreign_sessions=sampler.foreign_sessions() if sampler else 0.0,
        error_samples=result.error_samples,
    )


def _service(
    server: Server,
    options: IntakeOptions,
    client: ApiClient,
    pools: dict[str, list[dict[str, Any]]],
    name: str,
) -> Measurement:
    with WaitSampler(server, options.database) as sampler:
        before = cpu.snapshot()
        result = service.measure(client, pools[name], options.seconds)
        usage = cpu.difference(before, cpu.snapshot())
    return Measurement(
        key=f"service_{name}",
        label=f"service intake {LABELS[name]}, 1 thread",
        per_second=result.rate,
        baseline="pgbench_1",
        operations=result.measured,
        errors=result.errors,
        cpu_ms={
            "python": _per_op_ms(result.python_cpu_s, result.measured),
            "postgres": _per_op_ms(usage["postgres_s"], result.measured),
        },
        machine_busy=_busy(usage),
        db_states=sampler.shares(),
        foreign_sessions=sampler.foreign_sessions(),
        error_samples=result.error_samples,
    )


def _details(
    *,
    options: IntakeOptions,
    facts_version: str,
    facts_settings: dict[str, str],
    measurements: dict[str, Measurement],
    statements: dict[str, int],
    mail: dict[str, int],
    errors: int,
    error_samples: list[str],
    share_with_email: float,
    fixed: RateResult | None,
    fixed_queued: RateResult | None,
    queue: dict[str, dict[str, float]],
    usage: dict[str, dict[str, float]],
    http_results: dict[str, LoadResult],
) -> dict[str, Any]:
    k = options.clients
    details = {key: as_json(m, measurements) for key, m in measurements.items()}
    return {
        # print_table reads these; the rows carry the same figures for `bench all`.
        "machine": {"postgresql": facts_version, "postgresql_settings": facts_settings},
        "clients": k,
        "workers": options.workers,
        "threads": options.threads,
        "celery_concurrency": options.celery_concurrency,
        "celery_nice": options.celery_nice,
        "seconds": options.seconds,
        "warmup": options.warmup,
        "pgbench_tps": details[f"pgbench_{k}"]["per_s"],
        "pgbench_tps_1_client": details["pgbench_1"]["per_s"],
        "regie_http_intakes_per_s": details["http_with_email"]["per_s"],
        "regie_service_intakes_per_s": details["service_with_email"]["per_s"],
        "ratio_http_vs_pgbench": details["http_with_email"]["ratio"],
        "ratio_service_vs_pgbench_1_client": details["service_with_email"]["ratio"],
        "measurements": details,
        "http_p99_ms": {name: _round(r.percentile(99)) for name, r in http_results.items()},
        "fixed_load": _fixed_json(fixed),
        "fixed_load_queued": _fixed_json(fixed_queued),
        "queue": queue,
        "cpu_seconds": {name: {k: round(v, 2) for k, v in u.items()} for name, u in usage.items()},
        "sql_statements_per_intake": statements,
        "share_with_email": round(share_with_email, 3),
        "mail": mail,
        "errors": errors,
        "error_samples": error_samples,
    }


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def _fixed_json(fixed: RateResult | None) -> dict[str, Any] | None:
    if fixed is None:
        return None
    return {
        "rate": fixed.rate,
        "seconds": fixed.seconds,
        "senders": fixed.senders,
        "scheduled": fixed.scheduled,
        "measured": fixed.measured,
        "achieved_per_s": round(fixed.achieved, 1),
        "late_sends": fixed.late,
        "not_sent": fixed.not_sent,
        "max_send_lag_ms": round(fixed.max_send_lag_ms, 1),
        "from_schedule_ms": {
            f"p{p}": _round(percentile(fixed.from_schedule_ms, p)) for p in (50, 95, 99)
        }
        | {"max": _round(max(fixed.from_schedule_ms, default=0.0))},
        "from_send_ms": {f"p{p}": _round(percentile(fixed.from_send_ms, p)) for p in (50, 95, 99)}
        | {"max": _round(max(fixed.from_send_ms, default=0.0))},
        "cpu_ms_per_intake": {
            key.removesuffix("_s"): round(_per_op_ms(value, fixed.measured), 2)
            for key, value in fixed.usage.items()
            if key in ("web_s", "postgres_s", "celery_s")
        },
        "errors": fixed.errors,
    }


def _rows(
    options: IntakeOptions,
    measurements: dict[str, Measurement],
    details: dict[str, Any],
    fixed: RateResult | None,
) -> list[dict[str, Any]]:
    k = options.clients
    plural = "s" if k > 1 else ""
    base = measurements[f"pgbench_{k}"]
    base_text = f"raw INSERT, pgbench, {k} client{plural}: {base.per_second:,.0f}/s"
    server = f"regie serve {options.workers}x{options.threads}"
    rows = [row(f"raw INSERT, pgbench, {k} client{plural}", base.per_second, "/s")]
    for name in VARIANTS:
        m = measurements[f"http_{name}"]
        r = details["measurements"][m.key]["ratio"]
        rows.append(
            row(
                f"HTTP intakes per second {LABELS[name]}, {k} client{plural}, {server}",
                m.per_second,
                "/s",
                baseline=base_text,
                ratio=r,
                target=f">= {TARGET_RATIO:.2f} of raw INSERT",
                met=None if r is None else r >= TARGET_RATIO,
            )
        )
    m = measurements["http_queued"]
    r = details["measurements"][m.key]["ratio"]
    rows.append(
        row(
            f"HTTP intakes accepted per second {LABELS['queued']}, {k} client{plural}, {server}",
            m.per_second,
            "/s",
            baseline=base_text,
            ratio=r,
            target=f">= {TARGET_RATIO:.2f} of raw INSERT",
            met=None if r is None else r >= TARGET_RATIO,
        )
    )
    rows += _queue_rows("after the closed loop", details["queue"].get("closed_loop"), options)
    if fixed is not None:
        rows += _fixed_rows(details["fixed_load"], options, "with e-mail")
    if details["fixed_load_queued"] is not None:
        rows += _fixed_rows(details["fixed_load_queued"], options, LABELS["queued"])
        rows += _queue_rows("after the fixed load", details["queue"].get("fixed_load"), options)
    for name in VARIANTS:
        m = measurements[f"service_{name}"]
        base1 = measurements["pgbench_1"].per_second
        rows.append(
            row(
                f"service intakes per second {LABELS[name]}, 1 thread, without HTTP",
                m.per_second,
                "/s",
                baseline=f"raw INSERT, pgbench, 1 client: {base1:,.0f}/s",
                ratio=details["measurements"][m.key]["ratio"],
            )
        )
    cpu_ms = measurements["http_with_email"].cpu_ms
    for part, label in (
        ("web", "web server"),
        ("postgres", "PostgreSQL"),
        ("celery", "Celery worker"),
    ):
        rows.append(row(f"CPU per HTTP intake with e-mail: {label}", cpu_ms.get(part), "ms"))
    statements = details["sql_statements_per_intake"]
    for key in ("http_with_email", "http_without_email"):
        if key in statements:
            rows.append(
                row(f"SQL statements per intake, {key.replace('_', ' ')}", statements[key], "")
            )
    mail = details["mail"]
    rows.append(
        row(
            "acknowledgements received by SMTP",
            mail["received"],
            "mails",
            baseline=f"expected (outbox rows): {mail['expected']}",
            ratio=mail["received"] / mail["expected"] if mail["expected"] else None,
            target="all",
            met=mail["received"] == mail["expected"] and mail["pending"] == 0,
        )
    )
    return rows


def _fixed_rows(fx: dict[str, Any], options: IntakeOptions, what: str) -> list[dict[str, Any]]:
    p99 = fx["from_schedule_ms"]["p99"]
    at = f"at {options.rate:g}/s"
    if what != "with e-mail":
        at += f", {what}"
    rows = [
        row(
            f"achieved rate {at} asked (open loop, {what})",
            fx["achieved_per_s"],
            "/s",
            baseline=f"asked: {options.rate:g}/s",
            ratio=fx["achieved_per_s"] / options.rate if options.rate else None,
        )
    ]
    for p in ("p50", "p95"):
        rows.append(
            row(f"{p} latency {at}, from scheduled moment", fx["from_schedule_ms"][p], "ms")
        )
    rows.append(
        row(
            f"p99 latency {at}, from scheduled moment",
            p99,
            "ms",
            target=f"< {TARGET_P99_MS:g} ms",
            # Dropped sends would have been the slowest: then the target is not met.
            met=None if p99 is None else p99 < TARGET_P99_MS and not fx["not_sent"],
        )
    )
    rows.append(
        row(f"max latency {at}, from scheduled moment", fx["from_schedule_ms"]["max"], "ms")
    )
    rows.append(row(f"p99 latency {at}, from actual send", fx["from_send_ms"]["p99"], "ms"))
    rows.append(
        row(
            f"sends dropped {at}: more than 1 s behind schedule",
            fx["not_sent"],
            "requests",
            baseline=f"of {fx['scheduled']} scheduled",
        )
    )
    rows.append(
        row(
            f"sends late by more than 10 ms {at}",
            fx["late_sends"],
            "requests",
            baseline=f"of {fx['measured']} measured",
        )
    )
    return rows


def _queue_rows(
    when: str, queue: dict[str, float] | None, options: IntakeOptions
) -> list[dict[str, Any]]:
    if queue is None:
        return []
    workers = f"{options.celery_concurrency} Celery worker process"
    workers += "es" if options.celery_concurrency > 1 else ""
    return [
        row(
            f"queued intakes registered per second {when} ({workers})",
            queue["per_s"],
            "/s",
            baseline=f"backlog {queue['backlog']:.0f} registered in {queue['seconds']:g} s",
        ),
        row(
            f"queued intakes not registered {when}",
            queue["waiting"] + queue["refused"],
            "intakes",
            target="none",
            met=not (queue["waiting"] + queue["refused"]),
        ),
    ]


def _print_rows(rows: list[dict[str, Any]]) -> None:
    from bench.table import format_value

    print("Result rows (as `python -m bench all` tabulates them):")
    for r in rows:
        met = "" if r["met"] is None else (" — target met" if r["met"] else " — target MISSED")
        target = f" [{r['target']}]" if r["target"] else ""
        ratio = "" if r["ratio"] is None else f", ratio {r['ratio']:.4g}"
        print(f"  {r['measure']}: {format_value(r['value'], r['unit'])}{ratio}{target}{met}")
    print()
