"""The intake benchmark: accepted intakes per second next to the raw INSERT rate.

One run, one machine, one PostgreSQL server:
1. pgbench: single-row INSERTs into a case-shaped table, with K clients and with 1 client,
   in five slices between the other measurements (the baseline is their median);
2. HTTP: the real WSGI server (waitress, as `regie demo`) in its own process, K keep-alive
   clients posting to /api/v1/cases, once with e-mail addresses (outbox row and SMTP to a
   loopback server inside the measured path) and once without;
3. service: `services.case_intake` called in-process on one thread, same two mixes, to
   separate the HTTP stack from the write path.
The HTTP rates are divided by the K-client INSERT rate, the service rates by the 1-client
INSERT rate. Only those ratios travel between machines; absolute figures describe this
machine, today.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bench import cpu, machine, service
from bench.bodies import body_pool, has_email
from bench.load import LoadResult, drive
from bench.pg import (
    PgbenchResult,
    Server,
    WaitSampler,
    prepare_raw_table,
    recreate_database,
    run_pgbench,
    server_facts,
)
from bench.report import Measurement, as_json, print_json, print_table
from bench.smtp import SmtpSink, free_port
from bench.web import REPO, WsgiServer

if TYPE_CHECKING:
    from regie.accounts.models import ApiClient

POOL_SIZE = 1000
# The realistic mix, where 57% of intakes carry an e-mail address, and the same intakes with
# the addresses left out: no outbox row, no SMTP conversation, no acknowledgement event.
VARIANTS = {"with_email": True, "without_email": False}
LABELS = {"with_email": "with e-mail", "without_email": "without e-mail"}


@dataclass(frozen=True)
class IntakeOptions:
    seconds: float
    clients: int
    warmup: float
    pg_url: str
    database: str


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
    measurements: dict[str, Measurement] = {}
    with SmtpSink() as smtp:
        _configure_django(server, options.database, smtp_port=smtp.port, http_port=http_port)
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

        # The raw INSERT rate is measured in slices between Regie's measurements, so that the
        # baseline sees the same machine over the same minutes: a baseline taken only at the
        # start would miss a machine that got busier halfway.
        baselines = _Baselines(server, options, slots=2 * len(VARIANTS) + 1)
        baselines.slice()

        mail_before = smtp.received
        http_results: dict[str, LoadResult] = {}
        with WsgiServer(http_port, threads=k) as web:
            for i, name in enumerate(VARIANTS):
                if i:
                    baselines.slice()
                progress(f"HTTP intake {LABELS[name]}, {k} clients")
                with WaitSampler(server, options.database) as sampler:
                    result = drive(
                        port=http_port,
                        token=token,
                        pool=pools[name],
                        clients=k,
                        warmup=options.warmup,
                        seconds=options.seconds,
                        probe=lambda: cpu.snapshot(web.pid),
                    )
                measurements[f"http_{name}"] = _http_measurement(
                    name, k, result, sampler, f"pgbench_{k}"
                )
                http_results[name] = result
            server_log = web.log_tail()
        mail = {
            "expected": sum(r.accepted_with_email for r in http_results.values()),
            "received": smtp.received - mail_before,
        }

        for name in VARIANTS:
            baselines.slice()
            progress(f"service intake {LABELS[name]}, 1 thread")
            measurements[f"service_{name}"] = _service(server, options, client, pools, name)
        _close_django_connections()
        baselines.slice()
    measurements = {**baselines.measurements(), **measurements}

    errors = sum(sum(m.errors.values()) for m in measurements.values())
    samples = [s for m in measurements.values() for s in m.error_samples]
    if errors and not samples:
        samples = [server_log[-1000:]]
    result_json = _result(
        options=options,
        started_at=started_at,
        load_before=load_before,
        facts_version=facts.version,
        facts_settings=facts.settings,
        measurements=measurements,
        statements=statements,
        mail=mail,
        errors=errors,
        error_samples=samples,
        share_with_email=sum(map(has_email, pools["with_email"])) / POOL_SIZE,
    )
    print_table(result_json, measurements)
    print_json(result_json)
    return 0 if errors == 0 and mail["received"] == mail["expected"] else 1


def _configure_django(server: Server, database: str, *, smtp_port: int, http_port: int) -> None:
    """Point this process, and the WSGI server it starts, at the benchmark database and the
    loopback SMTP server. Set before django.setup(): settings read the environment once."""
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "regie.settings",
            "DATABASE_URL": server.django_url(database),
            # Persistent connections, as in production: every server thread keeps one.
            "DATABASE_CONN_MAX_AGE": "60",
            # DEBUG keeps every query in memory and would slow the measured path.
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            # Send the acknowledgement right after commit in the web process, so the SMTP
            # conversation is inside the measured path (the alternative needs Celery).
            "REGIE_DELIVERY": "inline",
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
    name: str, clients: int, result: LoadResult, sampler: WaitSampler, baseline: str
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
        },
        machine_busy=_busy(result.usage),
        db_states=sampler.shares(),
        foreign_sessions=sampler.foreign_sessions(),
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


def _result(
    *,
    options: IntakeOptions,
    started_at: dt.datetime,
    load_before: dict[str, Any],
    facts_version: str,
    facts_settings: dict[str, str],
    measurements: dict[str, Measurement],
    statements: dict[str, int],
    mail: dict[str, int],
    errors: int,
    error_samples: list[str],
    share_with_email: float,
) -> dict[str, Any]:
    k = options.clients
    details = {key: as_json(m, measurements) for key, m in measurements.items()}
    return {
        "benchmark": "intake",
        "date": started_at.isoformat(timespec="seconds"),
        "regie_revision": machine.regie_revision(REPO),
        "machine": {
            **load_before,
            "postgresql": facts_version,
            "postgresql_settings": facts_settings,
        },
        "clients": k,
        "seconds": options.seconds,
        "warmup": options.warmup,
        # The headline: the realistic mix, with e-mail addresses and their acknowledgements.
        "pgbench_tps": details[f"pgbench_{k}"]["per_s"],
        "pgbench_tps_1_client": details["pgbench_1"]["per_s"],
        "regie_http_intakes_per_s": details["http_with_email"]["per_s"],
        "regie_service_intakes_per_s": details["service_with_email"]["per_s"],
        "ratio_http_vs_pgbench": details["http_with_email"]["ratio"],
        "ratio_service_vs_pgbench_1_client": details["service_with_email"]["ratio"],
        "measurements": details,
        "sql_statements_per_intake": statements,
        "share_with_email": round(share_with_email, 3),
        "mail": mail,
        "errors": errors,
        "error_samples": error_samples,
    }
