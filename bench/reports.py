"""`python -m bench.reports`: the annual complaints report and the dashboard's queries over a
register of 1,000,000 cases, on PostgreSQL (issue 10: the report under 5 s, each dashboard
query under 200 ms, and the ratio to one hand-written SQL aggregate over the same data).

1. A fresh database `regie_bench_reports` (dropped and recreated every run), migrated, with the
   demo world (`build_world`: GM9901 and GM9902 in one region, organisations, teams, topics).
2. N cases written by the bulk generator `regie.generate` (`INSERT … SELECT FROM
   generate_series`, the same as `regie generate`), not through the intake: this benchmark
   measures reading figures. About 60% for GM9901, received over the three years to
   30 November 2026, the mix of kinds, domains and channels of a real register; most
   older cases concluded with an outcome, a fifth about a provider, triage suggestions with a
   topic for most, current and superseded terms per regime (met on time, late, or open), a
   RECEIVED event for every case and a CONCLUDED event for every concluded one (with a
   refusal ground for "niet behandeld"), and some ombudsman referrals. Then ANALYZE.
3. Timed, median of --repeats runs after one unmeasured warm-up, on the same connection:
   the annual report for GM9901 over 2025 end to end (`reporting.annual.annual_report`),
   each aggregate query the dashboard (/bestuur) makes for GM9901 and 2025, and, as the
   baseline, one hand-written SQL aggregate: the cases of GM9901 received in 2025 counted by
   kind, domain and channel in one GROUP BY GROUPING SETS.

    python -m bench.reports [--cases 1000000] [--repeats 5] [--postgres URL] [--json-out PATH]

`bench.scale` calls `measure` against its own (10 million case) register.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from bench.machine import describe, regie_revision
from bench.pg import DEFAULT_URL, Server, recreate_database, server_facts
from bench.report import protocol, row, write_json

REPO = Path(__file__).resolve().parent.parent
DATABASE = "regie_bench_reports"
HOME = "GM9901"
YEAR = "2025"
# The register's "now": the cases run up to here, and "still open" is counted on this day.
NOW = "2026-11-30 12:00:00+01"
AS_OF = dt.date(2026, 11, 30)
REPORT_TARGET_MS = 5000.0
DASHBOARD_TARGET_MS = 200.0


def progress(text: str) -> None:
    print(f"· {text}", file=sys.stderr, flush=True)


def median_ms(fn: Callable[[], object], repeats: int) -> float:
    fn()  # warm caches and connections once, unmeasured
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def fill(cases: int) -> dict[str, Any]:
    """Write `cases` cases and everything the figures read with the one bulk generator
    (`regie.generate`, also `regie generate`): two municipalities, 60% for GM9901, received
    over the three years before NOW. Returns row counts."""
    from regie.generate import generate

    def show(_phase: str, done: int, total: int) -> None:
        progress(f"{done} van {total} zaken")

    result = generate(
        cases=cases,
        municipalities=2,
        years=3,
        now=dt.datetime.fromisoformat(NOW),
        on_progress=show,
    )
    progress(f"{result.cases} zaken en {result.rows} in {result.seconds:.1f} s")
    return {"cases": result.cases, **result.rows}


# The baseline: what PostgreSQL needs for one pass over the same population the report's
# received tables count (GM9901, received in 2025, Dutch time), three breakdowns at once.
BASELINE = """
SELECT kind, domain, channel, count(*)
FROM cases_case
WHERE municipality_id = %(municipality)s
  AND received_at >= %(start)s AND received_at < %(end)s
GROUP BY GROUPING SETS ((kind), (domain), (channel), ())
"""


@dataclass(frozen=True)
class Timing:
    name: str
    ms: float
    target_ms: float | None

    def ratio(self, baseline_ms: float) -> float | None:
        return self.ms / baseline_ms if baseline_ms else None

    @property
    def met(self) -> bool | None:
        return None if self.target_ms is None else self.ms < self.target_ms


def dashboard_queries(
    home: str = HOME, year: str = YEAR, as_of: dt.date = AS_OF
) -> list[tuple[str, Callable[[], object]]]:
    """The aggregate calls the dashboard (/bestuur) makes for a user who answers for the work,
    with the same arguments as `reporting.dashboards.thermometer` and `management`, for `home`
    (GM9901) over `year` (2025) and no domain filter. `bench.scale` calls this too, against
    its own database."""
    from regie.cases import aggregates
    from regie.cases.aggregates import AggregateScope, Period, breakdown, crosstab
    from regie.deadlines.regimes import COMPLAINT_SCHEME_PREFIX
    from regie.directory.models import Municipality, Organisation, Topic
    from regie.reporting.dashboards import (
        NO_OUTCOME,
        NO_TOPIC,
        NONE_KEY,
        THE_MUNICIPALITY,
        last_four_quarters,
        regime_labels,
        span,
    )
    from regie.vocabulary import Domain, Kind, OrganisationKind, Outcome

    scope = AggregateScope(everything=True)
    municipality = Municipality.objects.get(code=home)
    period = Period.parse(year)
    quarters = last_four_quarters(period, as_of)
    topic_labels = {t.slug: t.name for t in Topic.objects.order_by("domain", "name")}
    providers = Organisation.objects.filter(
        municipalities=municipality, kind__in=[OrganisationKind.AANBIEDER, OrganisationKind.GR]
    ).order_by("name")
    about_labels = {NONE_KEY: THE_MUNICIPALITY} | {str(o.pk): o.name for o in providers}
    return [
        (
            "thermometer: crosstab kwartaal x soort",
            lambda: crosstab(
                scope,
                municipalities=[municipality],
                period=span(quarters),
                rows=("received_at__quarter", {q.key: q.short for q in quarters}),
                columns=("kind", dict(Kind.choices)),
                title="Binnengekomen per kwartaal en soort",
            ),
        ),
        (
            "crosstab soort x uitkomst (afgehandeld)",
            lambda: crosstab(
                scope,
                municipalities=[municipality],
                period=period,
                rows=("kind", dict(Kind.choices)),
                columns=("outcome", {**dict(Outcome.choices), "": NO_OUTCOME}),
                title="Afgehandeld per soort en uitkomst",
                date_field="concluded_at",
            ),
        ),
        (
            "crosstab aanbieder x domein",
            lambda: crosstab(
                scope,
                municipalities=[municipality],
                period=period,
                rows=("about", about_labels),
                columns=("domain", dict(Domain.choices)),
                title="Binnengekomen per aanbieder en domein",
            ),
        ),
        (
            "breakdown onderwerp (triage__topic)",
            lambda: breakdown(
                scope,
                municipalities=[municipality],
                period=period,
                field="triage__topic",
                labels=topic_labels | {"": NO_TOPIC},
                title="Binnengekomen per onderwerp",
            ),
        ),
        (
            "timeliness termijnen per regeling",
            lambda: aggregates.timeliness(
                scope,
                municipalities=[municipality],
                period=period,
                as_of=as_of,
                regime_labels=regime_labels(),
                prefixes=(COMPLAINT_SCHEME_PREFIX,),
                title="Termijnen per regeling",
            ),
        ),
    ]


def measure(
    repeats: int, home: str = HOME, year: str = YEAR, as_of: dt.date = AS_OF
) -> tuple[list[Timing], float, dict[str, Any]]:
    """The annual report, each dashboard query and the baseline against the database Django
    is connected to (this benchmark's own, or `bench.scale`'s): medians in ms."""
    from django.db import connection

    from regie.cases.aggregates import AggregateScope, Period
    from regie.directory.models import Municipality
    from regie.reporting.annual import annual_report

    municipality = Municipality.objects.get(code=home)
    period = Period.parse(year)
    start, end = period.bounds()
    timings = [
        Timing(
            f"annual_report {home} {year} (alles)",
            median_ms(
                lambda: annual_report(
                    AggregateScope(everything=True), municipality, period, as_of=as_of
                ),
                repeats,
            ),
            REPORT_TARGET_MS,
        )
    ]
    for name, call in dashboard_queries(home, year, as_of):
        timings.append(Timing(name, median_ms(call, repeats), DASHBOARD_TARGET_MS))

    params: dict[str, Any] = {"municipality": municipality.pk, "start": start, "end": end}

    def baseline() -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(BASELINE, params)
            return cursor.fetchall()

    rows = baseline()
    population = next(n for kind, domain, channel, n in rows if kind is domain is channel is None)
    return timings, median_ms(baseline, repeats), {"population": population}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.reports", description=__doc__)
    parser.add_argument("--cases", type=int, default=1_000_000, help="default 1000000")
    parser.add_argument("--repeats", type=int, default=5, help="default 5")
    parser.add_argument(
        "--postgres",
        default=DEFAULT_URL,
        help=f"PostgreSQL server, without a database (default {DEFAULT_URL})",
    )
    parser.add_argument("--json-out", help="write the protocol object (bench.report) here")
    parser.add_argument(
        "--skip-fill",
        action="store_true",
        help="measure the database of the previous run again (after a code or index change)",
    )
    options = parser.parse_args(argv)
    if not 1_000 <= options.cases <= 10_000_000 or not 1 <= options.repeats <= 100:
        parser.error("--cases must be in [1000, 10000000] and --repeats in [1, 100]")
    sys.path.insert(0, str(REPO / "src"))
    server = Server.from_url(options.postgres)
    if not options.skip_fill:
        progress(f"database {DATABASE} opnieuw aanmaken")
        recreate_database(server, DATABASE)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "regie.settings",
            "DATABASE_URL": server.django_url(DATABASE),
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    from regie.demo.world import build_world

    machine = describe()  # the load before the run
    call_command("migrate", interactive=False, verbosity=0)
    fill_s = None
    counts: dict[str, Any] = {}
    if not options.skip_fill:
        build_world()
        progress(f"{options.cases} zaken vullen")
        started = time.perf_counter()
        counts = fill(options.cases)
        fill_s = time.perf_counter() - started
        with psycopg.connect(server.conninfo(DATABASE), autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
        print(f"Vullen: {options.cases:,} zaken in {fill_s:.1f} s {counts}", flush=True)
    else:
        with psycopg.connect(server.conninfo(DATABASE), autocommit=True) as conn:
            conn.execute("ANALYZE")
    timings, baseline_ms, facts = measure(options.repeats)
    pg = server_facts(server, DATABASE)
    result = {
        "benchmark": "reports",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine,
        "postgres": pg.version,
        "revision": regie_revision(REPO),
        "cases": options.cases,
        "repeats": options.repeats,
        "fill_seconds": None if fill_s is None else round(fill_s, 1),
        "rows": counts,
        "population": facts["population"],
        "baseline_ms": round(baseline_ms, 2),
        "timings": [
            {
                "name": t.name,
                "ms": round(t.ms, 2),
                "target_ms": t.target_ms,
                "met": t.met,
                "ratio": round(t.ratio(baseline_ms) or 0, 2),
            }
            for t in timings
        ],
    }
    print()
    print(f"Rapportages over {options.cases:,} zaken — {result['date']}")
    print(
        f"machine: {machine['nproc']} cpu, {machine['cpu_model']}, load {machine['loadavg_1m']}; "
        f"PostgreSQL {pg.version}; revisie {result['revision']}"
    )
    print(f"populatie: {facts['population']:,} zaken van {HOME} ontvangen in {YEAR}")
    print(f"{'meting':<44} {'ms':>10} {'ratio':>7} {'doel':>8}")
    for t in timings:
        verdict = "" if t.met is None else ("ok" if t.met else "TE TRAAG")
        print(
            f"{t.name:<44} {t.ms:>10.1f} {t.ratio(baseline_ms) or 0:>7.1f} "
            f"{t.target_ms or 0:>8.0f} {verdict}"
        )
    print(f"{'baseline: één SQL GROUPING SETS':<44} {baseline_ms:>10.1f} {1.0:>7.1f}")
    print(json.dumps(result, ensure_ascii=False))
    write_json(options.json_out, as_protocol(result, timings, baseline_ms))
    # The protocol (common to every benchmark): a missed target is a finding, not a failure.
    return 0


def as_protocol(
    result: dict[str, Any], timings: list[Timing], baseline_ms: float
) -> dict[str, Any]:
    rows = [
        row(
            t.name,
            t.ms,
            "ms",
            baseline=f"één SQL-aggregaat (GROUPING SETS): {baseline_ms:.1f} ms",
            ratio=t.ratio(baseline_ms),
            target=None if t.target_ms is None else f"< {t.target_ms:.0f} ms",
            met=t.met,
        )
        for t in timings
    ]
    details = {k: v for k, v in result.items() if k not in ("machine", "date", "revision")}
    return protocol(
        benchmark="reports",
        date=result["date"],
        machine=result["machine"],
        revision=result["revision"],
        rows=rows,
        ok=True,
        details=details,
    )


if __name__ == "__main__":
    raise SystemExit(main())
