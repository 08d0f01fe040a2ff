"""`python -m bench.spikes`: does the spike detector (regie.learning.spikes) find a planted system
failure fast, and how often does it cry wolf?

1. Detection, on the demo generator's plan (pure Python, no database): two years of cases for
   both demo municipalities, once as they are and once with a planted failure (Thuiszorg Het
   Anker stops for three weeks from 2 March 2026). Weekly series per municipality: theme
   (domain), the provider a case is about, channel and the team it was assigned to. The
   detector is run week by week over the last year (after a 12-week baseline), and day by day
   over the running week of the failure. Printed: the detection delay in days after the
   start, and the false alarms per municipality per quarter on the data without the plant.
   Alarms during the generator's own two events (a new taxi carrier in September, a faulty
   batch of recovery letters in January) that contain their cases are real rises, counted
   apart.
2. Query time, on a throw-away database filled with one year of the demo through the write
   path, with the plant: the weekly counts per dimension through
   `regie.learning.trends.weekly_counts` (the ORM, Django's TruncWeek) against the same
   GROUP BY in raw SQL on the same connection; median of runs, and the ratio. SQLite
   (var/bench-spikes.sqlite3, recreated each run) by default; with --postgres, PostgreSQL
   (the database regie_bench_spikes, recreated each run), production's database.

    python -m bench.spikes [--skip-db] [--postgres [URL]] [--repeats 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2026, 6, 1, 12, 0)
PLANT = "het-anker:2026-03-02:21"
# The generator's own events: (scenario keys, how long they last in days).
OWN_EVENTS = {
    "taxi": ({"wmo-taxi-te-laat", "leerlingenvervoer", "taxi-signaal"}, 42),
    "letters": ({"terugvordering-brief", "brief-onduidelijk"}, 21),
}


@dataclass
class PlanSeries:
    """Weekly counts from a plan, keyed like the database's (municipality as an index)."""

    counts: dict  # SeriesKey -> {monday: n}
    days: dict  # SeriesKey -> {day: n}
    scenarios: dict  # (SeriesKey, monday) -> set of scenario keys
    municipalities: dict[str, int]


def _now() -> dt.datetime:
    from regie.demo.generator import AMSTERDAM

    return NOW.replace(tzinfo=AMSTERDAM)


def plan_series(plan: Sequence) -> PlanSeries:
    """The weekly series of a demo plan: theme, provider, channel and team per municipality."""
    from regie.demo.generator import AMSTERDAM
    from regie.learning.spikes import SeriesKey

    codes = {code: i for i, code in enumerate(sorted({c.municipality for c in plan}), 1)}
    counts: dict = defaultdict(lambda: defaultdict(int))
    days: dict = defaultdict(lambda: defaultdict(int))
    scenarios: dict = defaultdict(set)
    for case in plan:
        day = case.received_at.astimezone(AMSTERDAM).date()
        monday = day - dt.timedelta(days=day.weekday())
        team = next((s.team for s in case.steps if s.action == "assign" and s.team), "")
        values = {"thema": case.domain, "aanbieder": case.about, "kanaal": case.channel}
        values["team"] = team
        for dimension, value in values.items():
            if not value:
                continue
            key = SeriesKey(codes[case.municipality], dimension, value)
            counts[key][monday] += 1
            days[key][day] += 1
            scenarios[(key, monday)].add(case.scenario)
    return PlanSeries(counts, days, scenarios, codes)


def _own_event(series: PlanSeries, spike, starts: dict[str, dt.date]) -> bool:
    for name, (keys, length) in OWN_EVENTS.items():
        start = starts[name]
        inside = start - dt.timedelta(days=6) <= spike.week <= start + dt.timedelta(days=length)
        if inside and keys & series.scenarios[(spike.key, spike.week)]:
            return True
    return False


def detection_delay(series: PlanSeries, start: dt.date, days: int, provider: str) -> dict:
    """Per municipality: the first day (after `start`) on which the running week's count of
    complaints about `provider` reaches the threshold; None when never."""
    from regie.learning.spikes import SeriesKey, per_test_alpha, threshold

    found: dict[int, int | None] = {}
    for index in series.municipalities.values():
        key = SeriesKey(index, "aanbieder", provider)
        alpha = per_test_alpha(sum(1 for k in series.counts if k.municipality_id == index))
        found[index] = None
        for offset in range(days):
            day = start + dt.timedelta(days=offset)
            monday = day - dt.timedelta(days=day.weekday())
            baseline = sum(
                series.counts[key].get(monday - dt.timedelta(weeks=w), 0) for w in range(1, 13)
            )
            running = sum(
                series.days[key].get(monday + dt.timedelta(days=d), 0)
                for d in range((day - monday).days + 1)
            )
            if running >= threshold(baseline, alpha):
                found[index] = offset
                break
    return found


def detection_part() -> dict:
    from regie.demo.generator import PlantedFailure, _Planner, plan_demo_cases
    from regie.learning.spikes import find_spikes, weeks_between

    now = _now()
    failure = PlantedFailure.parse(PLANT)
    started = time.perf_counter()
    plain = plan_series(plan_demo_cases(now=now, years=2))
    planted = plan_series(plan_demo_cases(now=now, years=2, plant_failure=failure))
    plan_s = time.perf_counter() - started
    planner = _Planner(seed=2026, years=2, now=now)
    starts = {"taxi": planner.taxi_spike, "letters": planner.letter_spike}

    last = now.date()
    weeks = weeks_between(last - dt.timedelta(days=365 + 7 * 13), last)
    tested = [w for w in weeks[12:] if w + dt.timedelta(days=6) <= last]
    started = time.perf_counter()
    spikes = find_spikes(plain.counts, weeks=weeks, tested=tested)
    detect_s = time.perf_counter() - started
    quarters = len(tested) / 13
    per_municipality = {}
    for code, index in plain.municipalities.items():
        mine = [s for s in spikes if s.key.municipality_id == index]
        own = [s for s in mine if _own_event(plain, s, starts)]
        per_municipality[code] = {
            "series": sum(1 for k in plain.counts if k.municipality_id == index),
            "alarms": len(mine),
            "own_events": len(own),
            "false_per_quarter": (len(mine) - len(own)) / quarters,
            "false": [
                (s.key.dimension, s.key.value, str(s.week), s.count) for s in mine if s not in own
            ],
        }
    delays = detection_delay(planted, failure.start, failure.days, failure.provider)
    names = {index: code for code, index in planted.municipalities.items()}
    return {
        "weeks_tested": len(tested),
        "quarters": round(quarters, 2),
        "plan_seconds": round(plan_s, 2),
        "detect_ms": round(detect_s * 1000, 1),
        "municipalities": per_municipality,
        "delay_days": {names[i]: d for i, d in delays.items()},
    }


# -- the database part -----------------------------------------------------------------------
RAW = """
SELECT municipality_id, date(received_at, '{offset}', 'weekday 0', '-6 days') AS week,
       {field}, COUNT(*)
FROM cases_case
WHERE received_at >= %s AND received_at < %s AND {field} IS NOT NULL
GROUP BY 1, 2, 3
"""
# PostgreSQL's own week: the same conversion to Dutch time that Django writes, by hand.
RAW_POSTGRES = """
SELECT municipality_id,
       date_trunc('week', received_at AT TIME ZONE 'Europe/Amsterdam')::date AS week,
       {field}, COUNT(*)
FROM cases_case
WHERE received_at >= %s AND received_at < %s AND {field} IS NOT NULL
GROUP BY 1, 2, 3
"""
PG_DATABASE = "regie_bench_spikes"


def median_ms(fn: Callable[[], object], repeats: int) -> float:
    fn()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def _database_url(postgres: str | None) -> str:
    """A fresh, empty database for this run."""
    if postgres is not None:
        from bench.pg import Server, recreate_database

        server = Server.from_url(postgres)
        recreate_database(server, PG_DATABASE)
        return server.django_url(PG_DATABASE)
    path = REPO / "var" / "bench-spikes.sqlite3"
    path.parent.mkdir(exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def database_part(repeats: int, postgres: str | None = None) -> dict:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "regie.settings",
            "DATABASE_URL": _database_url(postgres),
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from regie.cases.models import Case
    from regie.demo.generator import PlantedFailure
    from regie.demo.replay import generate_demo_cases
    from regie.demo.world import build_world
    from regie.learning.trends import DIMENSIONS, weekly_counts

    call_command("migrate", interactive=False, verbosity=0)
    build_world()
    started = time.perf_counter()
    made = generate_demo_cases(years=1, now=_now(), plant_failure=PlantedFailure.parse(PLANT))
    write_s = time.perf_counter() - started
    last = _now().date()
    first = last - dt.timedelta(days=7 * 20)
    monday = first - dt.timedelta(days=first.weekday())
    low = dt.datetime.combine(monday, dt.time.min, tzinfo=dt.UTC)
    high = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    cases = Case.objects.all()
    timings = {}
    for slug, dimension in DIMENSIONS.items():
        orm = median_ms(lambda s=slug: weekly_counts(cases, s, first=first, last=last), repeats)
        # Raw: the same grouping with a fixed UTC offset (+1 h, winter time) instead of the
        # time zone conversion Django does per row; the floor of what SQLite can do.
        if connection.vendor == "postgresql":
            sql = RAW_POSTGRES.format(field=dimension.field)
            bounds: list = [low, high]
        else:
            sql = RAW.format(offset="+1 hours", field=dimension.field)
            bounds = [low.isoformat(sep=" "), high.isoformat(sep=" ")]

        def raw(sql: str = sql, bounds: list = bounds) -> list:
            with connection.cursor() as cursor:
                cursor.execute(sql, bounds)
                return cursor.fetchall()

        raw_ms = median_ms(raw, repeats)
        timings[slug] = {"orm_ms": round(orm, 2), "raw_ms": round(raw_ms, 2)}
        timings[slug]["ratio"] = round(orm / raw_ms, 2) if raw_ms else None
    return {
        "database": connection.vendor,
        "cases": made,
        "write_seconds": round(write_s, 1),
        "weeks": 21,
        "timings": timings,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.spikes", description=__doc__)
    parser.add_argument("--skip-db", action="store_true", help="only the detection part")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument(
        "--postgres",
        nargs="?",
        const="postgresql://postgres@127.0.0.1:5432",
        help="time the queries on PostgreSQL (server URL without a database)",
    )
    options = parser.parse_args(argv)
    sys.path.insert(0, str(REPO / "src"))

    detection = detection_part()
    print(
        f"Geplande storing {PLANT}; detectie over {detection['weeks_tested']} weken "
        f"({detection['quarters']} kwartalen), plan in {detection['plan_seconds']} s, "
        f"detector in {detection['detect_ms']} ms"
    )
    for code, delay in detection["delay_days"].items():
        text = "niet gevonden" if delay is None else f"dag {delay} na de start"
        print(f"  {code}: storing gevonden op {text}")
    for code, row in detection["municipalities"].items():
        print(
            f"  {code}: {row['series']} reeksen, {row['alarms']} meldingen zonder storing, "
            f"waarvan {row['own_events']} bij de eigen gebeurtenissen van de generator; "
            f"vals alarm {row['false_per_quarter']:.2f} per kwartaal {row['false']}"
        )
    if not options.skip_db:
        db = database_part(options.repeats, options.postgres)
        print(
            f"Database ({db['database']}): {db['cases']} zaken via het schrijfpad "
            f"in {db['write_seconds']} s"
        )
        for slug, row in db["timings"].items():
            print(
                f"  {slug:12} ORM {row['orm_ms']:7.2f} ms  raw SQL {row['raw_ms']:7.2f} ms  "
                f"ratio {row['ratio']}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
