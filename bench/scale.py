"""`python -m bench.scale`: the staff pages and the figures at 10 million cases (issue 12).

1. The database (`--database`, default `regie_bench_scale`) is reused when it holds at least
   `--cases` cases (PostgreSQL's estimate, pg_class.reltuples, counts), after `migrate` (new
   migrations may add indexes) and ANALYZE; otherwise it is dropped, recreated, migrated and
   filled with `regie.generate` (`--municipalities`, 5 years). The big shared databases are
   never dropped: a too small one is an error.
2. Measured in-process with Django's test `Client` (force_login), not over HTTP: the point is
   the queries, and in the same process every SQL statement a page issues can be recorded
   and explained; HTTP and gunicorn are bench/processes.py's. Everything runs in ONE transaction
   that is rolled back at the end, so the database is left as it was (the case page writes
   an audit record per showing, the login a session).
   - the worklist /werk for a handler (own cases, late, team queue, a deep page), the
     municipality's coordinator (everything open, all statuses, a deep page, search by
     reference, this week's terms, one status) and a handler of a generated municipality;
   - the case page /werk/zaken/<kenmerk> for a random sample over the whole register of
     what that user may see (so cold reads count), against a raw primary-key SELECT of the
     case and its events;
   - p50/p95/max over --repeats requests after a warm-up; the target is p95 < 50 ms.
   - every SELECT of those pages explained (`EXPLAIN (FORMAT JSON)`): a Seq Scan on a large
     table is flagged (bench/scale_plans.py); "plans use indexes" is met when none is.
3. The dashboard's queries and the annual report of GM9901 over --year, with bench/reports.py's
   code, against its hand-written SQL aggregate.

    python -m bench.scale [--cases 10000000] [--database regie_bench_scale] [--repeats 200]
                          [--quick] [--json-out PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from bench.machine import describe, regie_revision
from bench.pg import DEFAULT_URL, Server, recreate_database
from bench.report import protocol, row, write_json

REPO = Path(__file__).resolve().parent.parent
DATABASE = "regie_bench_scale"
# Databases this benchmark must never drop, whatever --database says.
PROTECTED = {"regie_bench_scale", "regie", "postgres"}
PAGE_TARGET_MS = 50.0
HOME = "GM9901"
GENERATED = "GM9800"
SEED = 20261130


def progress(text: str) -> None:
    print(f"· {text}", file=sys.stderr, flush=True)


def estimated_cases(server: Server, database: str) -> int | None:
    """The number of cases PostgreSQL estimates (None: no database or no table yet)."""
    try:
        conn = psycopg.connect(server.conninfo(database), autocommit=True)
    except psycopg.OperationalError:
        return None
    with conn:
        found = conn.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE relname = 'cases_case' AND relkind = 'r'"
        ).fetchone()
        if found is None:
            return None
        if found[0] < 0:  # never analysed: count once
            counted = conn.execute("SELECT count(*) FROM cases_case").fetchone()
            return int(counted[0]) if counted else 0
        return int(found[0])


def generation_marker(server: Server, database: str) -> dict[str, Any]:
    """What the generator left, as a check that the register is the one asked for."""
    with psycopg.connect(server.conninfo(database), autocommit=True) as conn:
        municipalities, first, last = conn.execute(
            "SELECT (SELECT count(*) FROM directory_municipality), min(received_at), "
            "max(received_at) FROM cases_case"
        ).fetchone() or (0, None, None)
        # The intake's counters (the generator takes its numbers from them).
        counters = conn.execute(
            'SELECT coalesce(sum("last"), 0) FROM cases_referencecounter'
        ).fetchone()
    return {
        "municipalities": municipalities,
        "received_from": None if first is None else first.isoformat(),
        "received_to": None if last is None else last.isoformat(),
        "reference_numbers_taken": None if counters is None else int(counters[0]),
    }


# --- the pages ----------------------------------------------------------------------------


@dataclass
class Latency:
    name: str
    user: str
    samples_ms: list[float] = field(default_factory=list)
    baseline_ms: list[float] = field(default_factory=list)
    baseline: str | None = None
    statements: int = 0  # SQL statements of one recorded request
    sql_ms: float = 0.0  # their time in the database, the rest is Python
    slowest: list[dict[str, Any]] = field(default_factory=list)  # of that request

    def quantile(self, q: float, values: list[float] | None = None) -> float:
        data = sorted(self.samples_ms if values is None else values)
        if not data:
            return float("nan")
        return data[min(len(data) - 1, max(0, round(q * len(data)) - 1))]

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "page": self.name,
            "user": self.user,
            "requests": len(self.samples_ms),
            "p50_ms": round(statistics.median(self.samples_ms), 2),
            "p95_ms": round(self.quantile(0.95), 2),
            "max_ms": round(max(self.samples_ms), 2),
            "statements": self.statements,
            "sql_ms_one_request": round(self.sql_ms, 2),
            "slowest_statements": self.slowest,
        }
        if self.baseline_ms:
            out["baseline_p50_ms"] = round(statistics.median(self.baseline_ms), 3)
            out["baseline_p95_ms"] = round(self.quantile(0.95, self.baseline_ms), 3)
        return out


@dataclass(frozen=True)
class Variant:
    name: str
    user: str
    url: str
    expect: str = ""  # text the page must contain (a search must find its case)
    quick: bool = True


def worklist_variants(
    handler: str, coordinator: str, generated: str, reference: str
) -> list[Variant]:
    return [
        Variant("werklijst: mijn zaken", handler, "/werk"),
        Variant("werklijst: mijn zaken, te laat", handler, "/werk?termijn=te-laat", quick=False),
        Variant("werklijst: teamwachtrij", handler, "/werk?wachtrij=team", quick=False),
        Variant(
            "werklijst: mijn zaken, alle statussen, pagina 100",
            handler,
            "/werk?wachtrij=mine&status=alle&pagina=100",
        ),
        Variant("werklijst: alles open (gemeente)", coordinator, "/werk?wachtrij=all"),
        Variant(
            "werklijst: alle statussen (gemeente)",
            coordinator,
            "/werk?wachtrij=all&status=alle",
            quick=False,
        ),
        Variant(
            "werklijst: alle statussen, pagina 200 (gemeente)",
            coordinator,
            "/werk?wachtrij=all&status=alle&pagina=200",
        ),
        Variant(
            "werklijst: zoek op kenmerk (gemeente)",
            coordinator,
            f"/werk?wachtrij=all&status=alle&zoek={reference}",
            expect=reference,
        ),
        Variant(
            "werklijst: termijn deze week (gemeente)",
            coordinator,
            "/werk?wachtrij=all&termijn=deze-week",
            quick=False,
        ),
        Variant(
            "werklijst: status afgehandeld (gemeente)",
            coordinator,
            "/werk?wachtrij=all&status=afgehandeld",
            quick=False,
        ),
        Variant("werklijst: mijn zaken (gegenereerde gemeente)", generated, "/werk"),
        Variant(
            "werklijst: teamwachtrij, alle statussen, pagina 50 (gegenereerde gemeente)",
            generated,
            "/werk?wachtrij=team&status=alle&pagina=50",
            quick=False,
        ),
    ]


@dataclass
class Run:
    latencies: list[Latency] = field(default_factory=list)
    findings: list[Any] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _sample_references(user: Any, count: int, rng: random.Random) -> list[tuple[int, str]]:
    """`count` random cases `user` may see, spread over the whole id range (cold reads too)."""
    from regie.accounts.scope import scope_for_user
    from regie.cases.models import Case
    from regie.cases.selectors import cases_visible_to

    visible = cases_visible_to(scope_for_user(user))
    bounds = Case.objects.order_by("id").values_list("id", flat=True)
    low, high = bounds.first(), bounds.last()
    if low is None or high is None:
        return []
    found: list[tuple[int, str]] = []
    for _ in range(count * 3):
        if len(found) >= count:
            break
        pick = (
            visible.filter(id__gte=rng.randint(low, high))
            .order_by("id")
            .values_list("id", "reference")
            .first()
        )
        if pick is not None and pick not in found:
            found.append(pick)
    return found


def measure_pages(*, repeats: int, warmup: int, quick: bool, rng: random.Random) -> Run:
    """Every variant and the case page, inside one transaction that is rolled back."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test import Client

    from bench import scale_plans

    run = Run()
    users = {u.username: u for u in get_user_model().objects.filter(username__in=_usernames())}
    missing = sorted(set(_usernames()) - set(users))
    if missing:
        run.problems.append(f"gebruikers ontbreken: {', '.join(missing)}")
        return run
    handler, coordinator, generated = (users[name] for name in _usernames())
    coordinator_sample = _sample_references(coordinator, repeats + warmup, rng)
    generated_sample = _sample_references(generated, repeats + warmup, rng)
    if not coordinator_sample or not generated_sample:
        run.problems.append("geen zaken gevonden voor de steekproef")
        return run
    with connection.cursor() as cursor:
        large = scale_plans.large_tables(cursor)
    clients: dict[str, Client] = {}

    def client_for(username: str) -> Client:
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(users[username])
        return clients[username]

    def get(username: str, url: str, expect: str = "") -> float:
        client = client_for(username)
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            run.problems.append(f"{username} {url}: HTTP {response.status_code}")
        elif expect and expect not in response.content.decode():
            run.problems.append(f"{username} {url}: {expect} niet op de pagina")
        return elapsed

    def record_plans(latency: Latency, url: str) -> None:
        recorder = scale_plans.Recorder()
        with connection.execute_wrapper(recorder):
            get(latency.user, url)
        latency.statements = recorder.statements
        latency.sql_ms = recorder.seconds * 1000
        latency.slowest = recorder.slowest()
        with connection.cursor() as cursor:
            run.findings += scale_plans.check(cursor, latency.name, recorder.queries, large)

    with transaction.atomic():
        for variant in worklist_variants(
            handler.username,
            coordinator.username,
            generated.username,
            coordinator_sample[0][1],
        ):
            if quick and not variant.quick:
                continue
            progress(variant.name)
            latency = Latency(variant.name, variant.user)
            for _ in range(warmup):
                get(variant.user, variant.url, variant.expect)
            for _ in range(repeats):
                latency.samples_ms.append(get(variant.user, variant.url, variant.expect))
            record_plans(latency, variant.url)
            run.latencies.append(latency)
        for label, user, sample in (
            ("zaakpagina (gemeente)", coordinator.username, coordinator_sample),
            ("zaakpagina (gegenereerde gemeente)", generated.username, generated_sample),
        ):
            progress(label)
            latency = Latency(
                label, user, baseline="ruwe SELECT van de zaak (primaire sleutel) en haar events"
            )
            for number, (case_id, reference) in enumerate(sample):
                elapsed = get(user, f"/werk/zaken/{reference}", reference)
                if number >= warmup:
                    latency.samples_ms.append(elapsed)
                    latency.baseline_ms.append(_raw_case_ms(case_id))
            record_plans(latency, f"/werk/zaken/{sample[-1][1]}")
            run.latencies.append(latency)
        transaction.set_rollback(True)
    return run


def _raw_case_ms(case_id: int) -> float:
    """The floor under the case page: the case and its timeline by primary key, raw SQL."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM cases_case WHERE id = %s", [case_id])
        cursor.fetchall()
        cursor.execute("SELECT * FROM cases_event WHERE case_id = %s ORDER BY at, id", [case_id])
        cursor.fetchall()
    return (time.perf_counter() - started) * 1000


def _usernames() -> tuple[str, str, str]:
    # The demo's handler (team klachten of GM9901) and coordinator (all of GM9901), and the
    # first fictional handler of the first generated municipality (team klachten of GM9800).
    return ("behandelaar", "coordinator", f"behandelaar-{GENERATED.lower()}-1")


# --- the run ------------------------------------------------------------------------------


def prepare(options: argparse.Namespace, server: Server) -> dict[str, Any]:
    """Reuse or fill the database; Django is set up against it on return."""
    estimate = estimated_cases(server, options.database)
    reuse = estimate is not None and estimate >= options.cases * 0.95
    # A protected register is never dropped once it holds cases (an hour of filling at ten
    # million), but a missing or empty one (a fresh machine) is created and filled.
    if not reuse and options.database in PROTECTED and estimate:
        raise SystemExit(
            f"{options.database} heeft {estimate:,} zaken, minder dan --cases "
            f"{options.cases:,}; deze database wordt nooit opnieuw aangemaakt "
            f"(verwijder hem zelf met dropdb als dat de bedoeling is)."
        )
    if not reuse:
        progress(f"database {options.database} opnieuw aanmaken")
        recreate_database(server, options.database)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "regie.settings",
            "DATABASE_URL": server.django_url(options.database),
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(REPO / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    if reuse and options.no_migrate:
        progress("migrate overgeslagen (--no-migrate)")
    else:
        progress("migrate")
        call_command("migrate", interactive=False, verbosity=0)
    facts: dict[str, Any] = {"reused": reuse, "estimated_cases_before": estimate}
    if not reuse:
        from regie.generate import generate

        started = time.perf_counter()
        result = generate(
            cases=options.cases,
            municipalities=options.municipalities,
            years=5,
            on_progress=lambda _p, done, total: progress(f"{done} van {total} zaken"),
        )
        facts["fill_seconds"] = round(time.perf_counter() - started, 1)
        facts["rows"] = {"cases": result.cases, **result.rows}
        with psycopg.connect(server.conninfo(options.database), autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
    else:
        with psycopg.connect(server.conninfo(options.database), autocommit=True) as conn:
            conn.execute("ANALYZE")
    facts["estimated_cases"] = estimated_cases(server, options.database)
    facts["marker"] = generation_marker(server, options.database)
    return facts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.scale", description=__doc__)
    parser.add_argument("--cases", type=int, default=10_000_000, help="default 10000000")
    parser.add_argument("--database", default=DATABASE, help=f"default {DATABASE}")
    parser.add_argument("--municipalities", type=int, default=40, help="when filling; default 40")
    parser.add_argument("--repeats", type=int, default=200, help="requests per page; default 200")
    parser.add_argument("--year", default="2025", help="the annual report's year; default 2025")
    parser.add_argument("--quick", action="store_true", help="fewer pages and requests")
    parser.add_argument(
        "--no-migrate",
        action="store_true",
        help="reuse the database as it is (while another process still fills it)",
    )
    parser.add_argument("--json-out", help="write the result object here")
    parser.add_argument(
        "--postgres", default=DEFAULT_URL, help=f"PostgreSQL server (default {DEFAULT_URL})"
    )
    options = parser.parse_args(argv)
    if not 1_000 <= options.cases <= 20_000_000 or not 1 <= options.repeats <= 10_000:
        parser.error("--cases must be in [1000, 20000000] and --repeats in [1, 10000]")
    if not options.database.startswith("regie_bench_"):
        parser.error("--database must start with regie_bench_")
    if options.quick:
        options.repeats = min(options.repeats, 20)
    server = Server.from_url(options.postgres)
    machine = describe()  # the load before the run
    facts = prepare(options, server)

    from bench import reports

    rng = random.Random(SEED)
    warmup = max(1, min(10, options.repeats // 10))
    run = measure_pages(repeats=options.repeats, warmup=warmup, quick=options.quick, rng=rng)
    progress("dashboard en jaarverslag")
    as_of = dt.date.today()
    report_repeats = 1 if options.quick else 3
    timings, baseline_ms, report_facts = reports.measure(
        report_repeats, home=HOME, year=options.year, as_of=as_of
    )
    rows = _rows(run, timings, baseline_ms, options)
    flagged = [f for f in run.findings if f.seq_scans]
    result = protocol(
        benchmark="scale",
        date=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        machine=machine,
        revision=regie_revision(REPO),
        rows=rows,
        ok=not run.problems,
        details={
            "database": options.database,
            "cases": options.cases,
            "repeats": options.repeats,
            "warmup": warmup,
            "quick": options.quick,
            "method": "in-process Django test Client, one transaction rolled back at the end",
            "database_facts": facts,
            "pages": [latency.as_json() for latency in run.latencies],
            "plans_flagged": [f.as_json() for f in flagged],
            "plans": [
                {"page": f.page, "sql": f.sql[:300], "node_types": f.node_types}
                for f in run.findings
            ],
            "reports": {
                "home": HOME,
                "year": options.year,
                "as_of": as_of.isoformat(),
                "repeats": report_repeats,
                "baseline_ms": round(baseline_ms, 2),
                "population": report_facts["population"],
            },
            "problems": run.problems,
        },
    )
    _print(result)
    write_json(options.json_out, result)
    return 0 if result["ok"] else 1


def _rows(
    run: Run, timings: list[Any], baseline_ms: float, options: argparse.Namespace
) -> list[dict[str, Any]]:
    rows = []
    for latency in run.latencies:
        p95 = latency.quantile(0.95)
        ratio = None
        baseline = None
        if latency.baseline_ms:
            base = latency.quantile(0.95, latency.baseline_ms)
            ratio = p95 / base if base else None
            baseline = f"{latency.baseline}: p95 {base:.2f} ms"
        elif latency.sql_ms > 0:
            # A worklist has no one raw query to compare with; its own statements, timed in
            # the same run, say how much of the page is the database and how much Python.
            ratio = p95 / latency.sql_ms
            baseline = (
                f"de eigen SQL van de pagina ({latency.statements} statements): "
                f"{latency.sql_ms:.1f} ms"
            )
        rows.append(
            row(
                f"{latency.name}, p95 ({latency.user})",
                p95,
                "ms",
                baseline=baseline,
                ratio=ratio,
                target=f"p95 < {PAGE_TARGET_MS:.0f} ms bij {options.cases:,} zaken",
                met=p95 < PAGE_TARGET_MS,
            )
        )
    flagged = [f for f in run.findings if f.seq_scans]
    rows.append(
        row(
            "queries met een Seq Scan op een grote tabel",
            len(flagged),
            f"van {len(run.findings)}",
            target="0 (plannen gebruiken indexen)",
            met=not flagged,
        )
    )
    for timing in timings:
        rows.append(
            row(
                timing.name,
                timing.ms,
                "ms",
                baseline=f"één SQL-aggregaat (GROUPING SETS): {baseline_ms:.1f} ms",
                ratio=timing.ratio(baseline_ms),
                target=f"< {timing.target_ms:.0f} ms",
                met=timing.met,
            )
        )
    return rows


def _print(result: dict[str, Any]) -> None:
    details = result["details"]
    print()
    print(f"Schaal: {details['database']}, ~{details['database_facts']['estimated_cases']:,} zaken")
    print(f"{'pagina':<70} {'p50':>8} {'p95':>8} {'max':>8} {'SQL':>4} {'SQL ms':>7}")
    for page in details["pages"]:
        print(
            f"{page['page'] + ' (' + page['user'] + ')':<70} {page['p50_ms']:>8.1f} "
            f"{page['p95_ms']:>8.1f} {page['max_ms']:>8.1f} {page['statements']:>4} "
            f"{page['sql_ms_one_request']:>7.1f}"
        )
    for line in result["rows"]:
        if line["unit"] != "ms" or "p95" not in line["measure"]:
            print(f"{line['measure']:<70} {line['value']} {line['unit']} {line['met']}")
    for flagged in details["plans_flagged"]:
        print(f"SEQ SCAN {flagged['seq_scans']} — {flagged['page']}: {flagged['sql'][:160]}")
    for problem in details["problems"]:
        print(f"FOUT: {problem}")


if __name__ == "__main__":
    raise SystemExit(main())
