"""`python -m bench deadlines`: the open deadlines of a worklist of 100,000 cases.

What a handler's worklist costs when the register is large, measured four ways, each next to
the same question asked of PostgreSQL in plain SQL in the same run:

1. *compute*: the initial deadlines of every case, computed from scratch with the Atw
   calculator (what a full recomputation after a rule change costs; no database);
2. *first page*: the worklist's first 50 open cases, sorted by the nearest open deadline,
   with their deadline rows and traffic lights, through `selectors.worklist`;
3. *traffic lights*: how many open cases are overdue, due soon and on time, over the whole
   worklist (the counts on top of the worklist);
4. *all open deadlines*: every open deadline of the 100,000 cases (what a digest or an export
   reads).

The cases are written with bulk inserts, not through `case_intake`: this benchmark measures
reading and computing deadlines, and 100,000 intakes would take most of its time. Their
deadlines are computed by the same `cases.deadlines.initial_deadlines` the intake uses.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from bench.machine import describe, regie_revision
from bench.pg import Server, recreate_database
from bench.report import protocol, row, write_json

REPO = Path(__file__).resolve().parent.parent
SOON_DAYS = 3


@dataclass(frozen=True)
class DeadlineOptions:
    cases: int
    repeats: int
    pg_url: str
    database: str
    json_out: str | None = None


@dataclass(frozen=True)
class Timing:
    name: str
    regie_ms: float
    raw_ms: float | None
    detail: str

    @property
    def ratio(self) -> float | None:
        return None if not self.raw_ms else self.regie_ms / self.raw_ms


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


def run_deadlines(options: DeadlineOptions) -> int:
    server = Server.from_url(options.pg_url)
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
    import django

    django.setup()
    from django.core.management import call_command

    from regie.demo.world import build_world

    call_command("migrate", interactive=False, verbosity=0)
    build_world()

    progress(f"{options.cases} zaken met termijnen schrijven")
    started = time.perf_counter()
    cases = _write_cases(options.cases)
    written_s = time.perf_counter() - started
    progress(f"geschreven in {written_s:.1f} s; ANALYZE")
    with psycopg.connect(server.conninfo(options.database), autocommit=True) as conn:
        conn.execute("ANALYZE")

    timings = [
        _time_compute(cases, options.repeats),
        *_time_queries(server, options.database, options.repeats),
    ]
    result = {
        "benchmark": "deadlines",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": describe(),
        "revision": regie_revision(REPO),
        "cases": options.cases,
        "write_seconds": round(written_s, 1),
        "timings": [
            {
                "name": t.name,
                "regie_ms": round(t.regie_ms, 2),
                "raw_ms": None if t.raw_ms is None else round(t.raw_ms, 2),
                "ratio": None if t.ratio is None else round(t.ratio, 2),
                "detail": t.detail,
            }
            for t in timings
        ],
    }
    _print_table(result, timings)
    print(json.dumps(result, ensure_ascii=False))
    write_json(
        options.json_out,
        protocol(
            benchmark="deadlines",
            date=result["date"],
            machine=result["machine"],
            revision=result["revision"],
            rows=_rows(options.cases, written_s, timings),
            ok=True,
            details=result,
        ),
    )
    return 0


def _rows(cases: int, written_s: float, timings: list[Timing]) -> list[dict[str, Any]]:
    """The protocol rows: each timing next to the same question in plain SQL. The ratio is
    Regie's time over the SQL's (1 is as fast as the database alone)."""
    rows = [row(f"write {cases:,} cases with deadlines in bulk", written_s, "s")]
    for t in timings:
        rows.append(
            row(
                f"{t.name} ({cases:,} cases)",
                t.regie_ms,
                "ms",
                baseline=None if t.raw_ms is None else f"plain SQL: {t.raw_ms:.1f} ms",
                ratio=t.ratio,
            )
        )
    return rows


def _write_cases(count: int) -> list[Any]:
    """Cases received over the past 16 weeks, the mix of a real register, in bulk."""
    import secrets
    from zoneinfo import ZoneInfo

    from django.db import transaction
    from django.utils import timezone

    from regie.cases.deadlines import atw_calendar, initial_deadlines
    from regie.cases.models import Case, CaseDeadline
    from regie.directory.models import Municipality, Organisation

    rng = random.Random(2026)
    nl = ZoneInfo("Europe/Amsterdam")
    municipalities = list(Municipality.objects.all())
    organisations = list(Organisation.objects.all())
    calendar = atw_calendar()
    now = timezone.now()
    kinds = ["klacht"] * 35 + ["hulpvraag"] * 30 + ["melding"] * 20 + ["signaal"] * 15
    domains = ["wmo", "jeugd", "werk-en-inkomen", "schuldhulp", "overig"]
    built: list[Case] = []
    year = now.astimezone(nl).year
    for n in range(count):
        kind = rng.choice(kinds)
        anonymous = kind in ("signaal", "melding") and rng.random() < 0.4
        received = now - dt.timedelta(minutes=rng.randrange(0, 16 * 7 * 24 * 60))
        built.append(
            Case(
                reference=f"BN-{year}-{n:07d}",
                municipality=rng.choice(municipalities),
                kind=kind,
                domain=rng.choice(domains),
                channel=rng.choice(["web", "telefoon", "email", "api"]),
                urgency="spoed" if rng.random() < 0.05 else "normaal",
                status="ontvangen" if rng.random() < 0.3 else "in-behandeling",
                received_at=received,
                subject="Benchmarkzaak",
                description="Een zaak voor de benchmark.",
                submitter_name="" if anonymous else "Inwoner",
                submitter_email="" if anonymous else f"inwoner{n}@example.nl",
                submitter_anonymous=anonymous,
                about=rng.choice(organisations) if rng.random() < 0.25 else None,
                status_token=secrets.token_urlsafe(24),
            )
        )
    with transaction.atomic():
        Case.objects.bulk_create(built, batch_size=2000)
        deadlines: list[CaseDeadline] = []
        updates: list[Case] = []
        for case in built:
            open_dues = []
            for type_, due in initial_deadlines(case, calendar):
                # Roughly half of the acknowledgements went out already.
                met = now if type_ == "ontvangstbevestiging" and rng.random() < 0.5 else None
                deadlines.append(
                    CaseDeadline(
                        case=case,
                        type=type_,
                        regime=due.regime,
                        start=due.start,
                        due=due.due,
                        explanation=list(due.explanation),
                        options=list(due.options),
                        legal_basis=due.legal_basis,
                        met_at=met,
                    )
                )
                if met is None:
                    open_dues.append(due.due)
            case.next_due = min(open_dues) if open_dues else None
            updates.append(case)
        CaseDeadline.objects.bulk_create(deadlines, batch_size=5000)
        Case.objects.bulk_update(updates, ["next_due"], batch_size=5000)
    return built


def _time_compute(cases: list[Any], repeats: int) -> Timing:
    from regie.cases.deadlines import atw_calendar, initial_deadlines

    calendar = atw_calendar()

    def compute_all() -> int:
        return sum(len(initial_deadlines(case, calendar)) for case in cases)

    total = compute_all()
    ms = median_ms(compute_all, max(1, repeats // 3))
    per_s = len(cases) / (ms / 1000)
    return Timing(
        "compute: alle termijnen opnieuw berekenen",
        ms,
        None,
        f"{total} termijnen voor {len(cases)} zaken, {per_s:,.0f} zaken/s (zuiver Python)",
    )


RAW_FIRST_PAGE = """
SELECT c.id, c.reference, c.kind, c.subject, c.received_at, c.next_due, c.status
FROM cases_case c
WHERE c.status <> 'afgehandeld'
ORDER BY c.next_due ASC NULLS LAST, c.received_at ASC, c.id ASC
LIMIT 50
"""
RAW_PAGE_DEADLINES = """
SELECT case_id, type, regime, due, met_at, explanation FROM cases_casedeadline
WHERE superseded = false AND case_id = ANY(%s) ORDER BY due, id
"""
RAW_LIGHTS = """
SELECT
  count(*) FILTER (WHERE next_due < %(today)s),
  count(*) FILTER (WHERE next_due >= %(today)s AND next_due <= %(soon)s),
  count(*) FILTER (WHERE next_due > %(soon)s),
  count(*) FILTER (WHERE next_due IS NULL)
FROM cases_case WHERE status <> 'afgehandeld'
"""
RAW_ALL_OPEN = """
SELECT d.due, d.type, c.reference FROM cases_casedeadline d JOIN cases_case c ON c.id = d.case_id
WHERE d.superseded = false AND d.met_at IS NULL AND c.status <> 'afgehandeld'
ORDER BY d.due, c.reference
"""


def _time_queries(server: Server, database: str, repeats: int) -> list[Timing]:
    from django.db.models import Count, Prefetch, Q
    from django.utils import timezone

    from regie.accounts.scope import Scope
    from regie.cases.models import CaseDeadline
    from regie.cases.presentation import deadline_state, due_state
    from regie.cases.selectors import WorklistFilter, cases_visible_to, worklist

    # A coordinator of one municipality: the scope a real worklist carries.
    from regie.directory.models import Municipality

    everything = Scope(everything=True, actor_label="benchmark")
    municipality = Municipality.objects.get(code="GM9901")
    from regie.accounts.scope import Grant

    scope = Scope(grants=(Grant(municipality_id=municipality.pk),), actor_label="benchmark")
    today = timezone.localdate()
    soon = today + dt.timedelta(days=SOON_DAYS)
    flt = WorklistFilter(queue="all", status="open")

    current = Prefetch("deadlines", queryset=CaseDeadline.objects.filter(superseded=False))

    def regie_first_page() -> int:
        page = list(
            worklist(scope, flt, user_id=None, team_ids=set()).prefetch_related(current)[:50]
        )
        rows = [[deadline_state(d, today) for d in case.deadlines.all()] for case in page]
        lights = [due_state(case.next_due, today) for case in page]
        return sum(map(len, rows)) + len(lights)

    def regie_lights() -> dict[str, int]:
        return (
            cases_visible_to(scope)
            .exclude(status="afgehandeld")
            .aggregate(
                overdue=Count("pk", filter=Q(next_due__lt=today)),
                soon=Count("pk", filter=Q(next_due__gte=today, next_due__lte=soon)),
                later=Count("pk", filter=Q(next_due__gt=soon)),
                none=Count("pk", filter=Q(next_due__isnull=True)),
            )
        )

    def regie_all_open() -> int:
        visible = cases_visible_to(everything).exclude(status="afgehandeld")
        rows = (
            CaseDeadline.objects.filter(superseded=False, met_at__isnull=True, case__in=visible)
            .order_by("due", "case__reference")
            .values_list("due", "type", "case__reference")
        )
        return len(list(rows))

    conn = psycopg.connect(server.conninfo(database), autocommit=True)
    mid = municipality.pk

    def raw_first_page() -> int:
        page = conn.execute(
            RAW_FIRST_PAGE.replace("WHERE c.status", "WHERE c.municipality_id = %s AND c.status"),
            (mid,),
        ).fetchall()
        ids = [row[0] for row in page]
        return len(conn.execute(RAW_PAGE_DEADLINES, (ids,)).fetchall())

    def raw_lights() -> tuple[Any, ...] | None:
        query = RAW_LIGHTS.replace("WHERE status", "WHERE municipality_id = %(mid)s AND status")
        return conn.execute(query, {"today": today, "soon": soon, "mid": mid}).fetchone()

    def raw_all_open() -> int:
        return len(conn.execute(RAW_ALL_OPEN).fetchall())

    open_total = regie_all_open()
    try:
        return [
            Timing(
                "eerste pagina werkvoorraad (50 zaken + termijnen)",
                median_ms(regie_first_page, repeats),
                median_ms(raw_first_page, repeats),
                "gemeente GM9901, gesorteerd op eerstvolgende open termijn, met stoplicht per "
                "termijn; twee queries, net als de SQL",
            ),
            Timing(
                "stoplichten over de hele werkvoorraad",
                median_ms(regie_lights, repeats),
                median_ms(raw_lights, repeats),
                "aantallen te laat / bijna / op tijd / geen termijn voor GM9901",
            ),
            Timing(
                "alle open termijnen ophalen",
                median_ms(regie_all_open, max(1, repeats // 3)),
                median_ms(raw_all_open, max(1, repeats // 3)),
                f"{open_total} open termijnen van alle zaken",
            ),
        ]
    finally:
        conn.close()


def _print_table(result: dict[str, Any], timings: list[Timing]) -> None:
    machine = result["machine"]
    print()
    print(f"Termijnen van een werkvoorraad van {result['cases']:,} zaken — {result['date']}")
    print(f"machine: {machine['nproc']} cpu, {machine['cpu_model']}; revisie {result['revision']}")
    print(f"zaken schrijven (bulk): {result['write_seconds']} s")
    print()
    print(f"{'meting':<52} {'Regie ms':>10} {'SQL ms':>10} {'ratio':>7}")
    for t in timings:
        raw = "—" if t.raw_ms is None else f"{t.raw_ms:.1f}"
        ratio = "—" if t.ratio is None else f"{t.ratio:.2f}"
        print(f"{t.name:<52} {t.regie_ms:>10.1f} {raw:>10} {ratio:>7}")
        print(f"  {t.detail}")
    print()
