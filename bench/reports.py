"""`python -m bench.reports`: the annual complaints report and the dashboard's queries over a
register of 1,000,000 cases, on PostgreSQL (issue 10: the report under 5 s, each dashboard
query under 200 ms, and the ratio to one hand-written SQL aggregate over the same data).

1. A fresh database `regie_bench_reports` (dropped and recreated every run), migrated, with the
   demo world (`build_world`: GM9901 and GM9902 in one region, organisations, teams, topics).
2. N cases written by bulk SQL (`INSERT … SELECT FROM generate_series`), not through the
   intake: this benchmark measures reading figures. About 60% for GM9901, received over
   2024 to 30 November 2026, the mix of kinds, domains and channels of a real register; most
   older cases concluded with an outcome, a fifth about a provider, triage suggestions with a
   topic for most, current and superseded terms per regime (met on time, late, or open), a
   RECEIVED event for every case and a CONCLUDED event for every concluded one (with a
   refusal ground for "niet behandeld"), and some ombudsman referrals. Then ANALYZE.
3. Timed, median of --repeats runs after one unmeasured warm-up, on the same connection:
   the annual report for GM9901 over 2025 end to end (`reporting.annual.annual_report`),
   each aggregate query the dashboard (/bestuur) makes for GM9901 and 2025, and, as the
   baseline, one hand-written SQL aggregate: the cases of GM9901 received in 2025 counted by
   kind, domain and channel in one GROUP BY GROUPING SETS.

    python -m bench.reports [--cases 1000000] [--repeats 5] [--postgres URL]
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


def weighted(weights: dict[str, int]) -> list[str]:
    """A list of 100 values in which each occurs its weight's share: picking a random index
    in SQL then draws with these weights."""
    total = sum(weights.values())
    values: list[str] = []
    for value, weight in weights.items():
        values += [value] * round(100 * weight / total)
    return (values + [values[-1]] * 100)[:100]


KINDS = weighted({"klacht": 35, "hulpvraag": 30, "melding": 20, "signaal": 15})
DOMAINS = weighted({"wmo": 35, "jeugd": 20, "werk-en-inkomen": 20, "schuldhulp": 10, "overig": 15})
CHANNELS = weighted(
    {
        "web": 30,
        "telefoon": 25,
        "email": 15,
        "balie": 8,
        "brief": 7,
        "wijkteam": 7,
        "aanbieder": 5,
        "api": 3,
    }
)
CONCLUDED = weighted(
    {
        "afgehandeld": 70,
        "gesloten": 15,
        "nazorg": 6,
        "ingetrokken": 4,
        "uitgevallen": 2,
        "bij-ombudsman": 3,
    }
)
RUNNING = weighted(
    {"ontvangen": 25, "in-behandeling": 45, "in-gesprek": 15, "formeel": 10, "hoorzitting": 5}
)
COMPLAINT_OUTCOMES = weighted(
    {
        "opgelost": 40,
        "gegrond": 15,
        "deels-gegrond": 12,
        "ongegrond": 18,
        "niet-behandeld": 6,
        "doorverwezen": 9,
    }
)
OTHER_OUTCOMES = weighted({"afgerond": 70, "doorverwezen": 20, "opgelost": 10})
GROUNDS = weighted(
    {
        "al-behandeld": 30,
        "ouder-dan-een-jaar": 20,
        "bezwaar": 20,
        "beroep": 10,
        "rechter": 5,
        "strafrecht": 2,
        "te-gering": 8,
        "": 5,
    }
)
JUDGEMENTS = weighted(
    {"gegrond": 20, "deels-gegrond": 20, "ongegrond": 30, "geen-oordeel": 10, "": 20}
)

# The cases, in the order they were received (as a register grows: the physical order of
# the table follows received_at), each for GM9901 with 60% chance and otherwise for GM9902.
# Received from 1 January 2024 to NOW; a case older than two months is concluded with 92%
# chance, a younger one with 35%; concluded within 0 to 60 days (never after NOW). Every NOT
# NULL column gets a value; reference and status_token are unique by the series number.
INSERT_CASES = """
INSERT INTO cases_case (
    reference, municipality_id, kind, domain, channel, urgency, status, procedure,
    received_at, subject, description, submitter_name, submitter_email, submitter_phone,
    submitter_anonymous, submitter_street, submitter_house_number, submitter_postcode,
    submitter_city, on_behalf_of_name, on_behalf_of_relation, about_id, handling_team_id,
    handovers, summary_only, outcome, concluded_at, status_token, created_at, updated_at
)
SELECT
    'BR-' || lpad(g::text, 8, '0'),
    CASE WHEN home THEN %(home)s::bigint ELSE %(other)s::bigint END,
    kind, domain, channel,
    CASE WHEN random() < 0.05 THEN 'spoed' ELSE 'normaal' END,
    status,
    CASE WHEN kind = 'klacht' THEN 'schriftelijk' ELSE '' END,
    received_at, 'Benchmarkzaak', 'Een zaak voor de benchmark van de rapportages.',
    'Inwoner', 'inwoner' || g || '@example.nl', '', false, '', '', '', '', '', '',
    CASE WHEN random() < 0.2 THEN
        CASE WHEN home
            THEN (%(home_organisations)s::bigint[])[1 + floor(random() * cardinality(
                %(home_organisations)s::bigint[]))::int]
            ELSE (%(other_organisations)s::bigint[])[1 + floor(random() * cardinality(
                %(other_organisations)s::bigint[]))::int]
        END
    END,
    CASE WHEN home
        THEN (%(home_teams)s::bigint[])[1 + floor(random() * cardinality(
            %(home_teams)s::bigint[]))::int]
        ELSE (%(other_teams)s::bigint[])[1 + floor(random() * cardinality(
            %(other_teams)s::bigint[]))::int]
    END,
    CASE WHEN random() < 0.05 THEN 2 ELSE 0 END, false,
    CASE
        WHEN NOT concluded OR status IN ('ingetrokken', 'uitgevallen') THEN ''
        WHEN kind = 'klacht' THEN (%(complaint_outcomes)s::text[])[1 + floor(random() * 100)::int]
        ELSE (%(other_outcomes)s::text[])[1 + floor(random() * 100)::int]
    END,
    CASE WHEN concluded
        THEN least(received_at + random() * interval '60 days', %(now)s::timestamptz)
    END,
    'rb-' || g || '-' || md5(g::text), received_at, received_at
FROM (
    SELECT g, home, kind, domain, channel, received_at, concluded,
        CASE WHEN concluded
            THEN (%(concluded)s::text[])[1 + floor(random() * 100)::int]
            ELSE (%(running)s::text[])[1 + floor(random() * 100)::int]
        END AS status
    FROM (
        SELECT g, random() < 0.6 AS home,
            (%(kinds)s::text[])[1 + floor(random() * 100)::int] AS kind,
            (%(domains)s::text[])[1 + floor(random() * 100)::int] AS domain,
            (%(channels)s::text[])[1 + floor(random() * 100)::int] AS channel,
            received_at,
            random() < CASE WHEN received_at < %(now)s::timestamptz - interval '60 days'
                THEN 0.92 ELSE 0.35 END AS concluded
        FROM (
            -- Evenly spread in series order, with up to an hour of jitter.
            SELECT g, timestamptz '2024-01-01 00:00+01'
                + (g - 1)::float8 / %(cases)s
                  * (%(now)s::timestamptz - timestamptz '2024-01-01 01:00+01')
                + random() * interval '1 hour' AS received_at
            FROM generate_series(1, %(cases)s::bigint) AS g
        ) AS drawn
    ) AS picked
) AS cases
"""

# Triage at intake for 85% of the cases; a topic of the case's domain for four in five of
# those, "" (no topic recognised) for the rest.
INSERT_TRIAGE = """
WITH topics AS (
    SELECT domain, array_agg(slug ORDER BY slug) AS slugs FROM directory_topic GROUP BY domain
)
INSERT INTO cases_triagesuggestion (
    case_id, domain, domain_runner_up, kind, topic, norm, urgent, confidence, reasons,
    urgent_reasons, source, created_at, state, chosen_domain, chosen_kind
)
SELECT c.id, c.domain, '', c.kind,
    CASE WHEN t.slugs IS NOT NULL AND random() < 0.8
        THEN t.slugs[1 + floor(random() * cardinality(t.slugs))::int] ELSE '' END,
    '', false, 0.7, '[]'::jsonb, '[]'::jsonb, 'regels', c.received_at,
    CASE WHEN random() < 0.5 THEN 'confirmed' ELSE 'open' END, '', ''
FROM cases_case c LEFT JOIN topics t ON t.domain = c.domain
WHERE random() < 0.85
"""

# The terms: a complaint's handling term (Awb 9:11, or the provider's own complaint scheme
# when it is about one), an acknowledgement service norm for 60% of complaints, a first
# contact norm for half of the other cases. Met on a day drawn so that about four in five
# are on time; a running case's main term mostly still open. 5% of complaint terms were
# recomputed: a superseded row besides the current one.
INSERT_DEADLINES = """
INSERT INTO cases_casedeadline (
    case_id, type, regime, start, due, explanation, options, legal_basis, met_at, superseded
)
SELECT id, type, regime, start, start + days, '[]'::jsonb, '[]'::jsonb, '', CASE
        WHEN superseded THEN NULL
        WHEN NOT concluded AND type = 'afhandeling' THEN NULL
        WHEN NOT concluded AND random() < 0.3 THEN NULL
        ELSE least(received_at + random() * (days + days / 4 + 1) * interval '1 day',
                   %(now)s::timestamptz)
    END,
    superseded
FROM (
    SELECT c.id, c.received_at, c.concluded_at IS NOT NULL AS concluded,
        (c.received_at AT TIME ZONE 'Europe/Amsterdam')::date AS start, t.type, t.regime,
        t.days, t.superseded
    FROM cases_case c
    CROSS JOIN LATERAL (
        SELECT 'afhandeling' AS type,
            CASE WHEN c.about_id IS NULL THEN 'awb-klacht'
                ELSE 'klachtenregeling-' || c.about_id END AS regime,
            42 AS days, false AS superseded
        WHERE c.kind = 'klacht'
        UNION ALL
        SELECT 'afhandeling', 'awb-klacht', 42, true WHERE c.kind = 'klacht' AND random() < 0.05
        UNION ALL
        SELECT 'ontvangstbevestiging', 'servicenorm-ontvangstbevestiging', 7, false
        WHERE c.kind = 'klacht' AND random() < 0.6
        UNION ALL
        SELECT 'eerste-contact', 'servicenorm-eerste-contact', 5, false
        WHERE c.kind <> 'klacht' AND random() < 0.5
    ) AS t
) AS terms
"""

INSERT_EVENTS = """
INSERT INTO cases_event (case_id, type, at, actor_label, payload)
SELECT id, 'ontvangen', received_at, 'Benchmark', '{}'::jsonb FROM cases_case
UNION ALL
SELECT id, 'afgehandeld', concluded_at, 'Benchmark',
    CASE WHEN outcome = 'niet-behandeld'
        THEN jsonb_build_object('outcome', outcome, 'refusal', jsonb_build_object(
            'ground', (%(grounds)s::text[])[1 + floor(random() * 100)::int]))
        ELSE jsonb_build_object('outcome', outcome)
    END
FROM cases_case WHERE concluded_at IS NOT NULL
"""

# 3% of concluded complaints went to the ombudsman, a month after the conclusion.
INSERT_REFERRALS = """
INSERT INTO cases_ombudsmanreferral (
    case_id, ombudsman, referred_at, their_reference, judgement, findings, recommendations,
    response
)
SELECT id, 'Nationale ombudsman', least(concluded_at + interval '30 days', %(now)s::timestamptz),
    '', (%(judgements)s::text[])[1 + floor(random() * 100)::int], '', '', ''
FROM cases_case
WHERE kind = 'klacht' AND concluded_at IS NOT NULL AND random() < 0.03
"""


def fill(server: Server, database: str, cases: int) -> dict[str, Any]:
    """Write `cases` cases and everything the figures read, in bulk. Returns row counts."""
    from regie.directory.models import Municipality, Organisation, Team
    from regie.vocabulary import OrganisationKind

    home = Municipality.objects.get(code=HOME)
    others = list(Municipality.objects.exclude(pk=home.pk))
    if len(others) != 1:
        raise RuntimeError("the demo world has two municipalities; this fill assumes so")
    other = others[0]

    def providers(municipality: Municipality) -> list[int]:
        return list(
            Organisation.objects.filter(
                municipalities=municipality,
                kind__in=[OrganisationKind.AANBIEDER, OrganisationKind.GR],
            ).values_list("pk", flat=True)
        )

    def teams(municipality: Municipality) -> list[int]:
        return list(Team.objects.filter(municipality=municipality).values_list("pk", flat=True))

    params: dict[str, Any] = {
        "cases": cases,
        "now": NOW,
        "home": home.pk,
        "other": other.pk,
        "home_organisations": providers(home),
        "other_organisations": providers(other),
        "home_teams": teams(home),
        "other_teams": teams(other),
        "kinds": KINDS,
        "domains": DOMAINS,
        "channels": CHANNELS,
        "concluded": CONCLUDED,
        "running": RUNNING,
        "complaint_outcomes": COMPLAINT_OUTCOMES,
        "other_outcomes": OTHER_OUTCOMES,
    }
    counts: dict[str, Any] = {}
    with psycopg.connect(server.conninfo(database)) as conn:
        conn.execute("SELECT setseed(0.2026)")
        started = time.perf_counter()
        counts["cases"] = conn.execute(INSERT_CASES, params).rowcount
        progress(f"{counts['cases']} zaken in {time.perf_counter() - started:.1f} s")
        steps: list[tuple[str, str, dict[str, Any]]] = [
            ("triage", INSERT_TRIAGE, {}),
            ("deadlines", INSERT_DEADLINES, {"now": NOW}),
            ("events", INSERT_EVENTS, {"grounds": GROUNDS}),
            ("referrals", INSERT_REFERRALS, {"now": NOW, "judgements": JUDGEMENTS}),
        ]
        for name, statement, step_params in steps:
            started = time.perf_counter()
            cursor = conn.execute(statement, step_params)
            counts[name] = cursor.rowcount
            progress(f"{cursor.rowcount} rijen {name} in {time.perf_counter() - started:.1f} s")
        # The register's nearest open term, as the worklist keeps it.
        conn.execute(
            """
            UPDATE cases_case c SET next_due = d.due
            FROM (SELECT case_id, min(due) AS due FROM cases_casedeadline
                  WHERE NOT superseded AND met_at IS NULL GROUP BY case_id) d
            WHERE d.case_id = c.id AND c.concluded_at IS NULL
            """
        )
        conn.commit()
    with psycopg.connect(server.conninfo(database), autocommit=True) as conn:
        started = time.perf_counter()
        conn.execute("VACUUM ANALYZE")
        progress(f"VACUUM ANALYZE in {time.perf_counter() - started:.1f} s")
    return counts


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


def dashboard_queries() -> list[tuple[str, Callable[[], object]]]:
    """The aggregate calls the dashboard (/bestuur) makes for a user who answers for the work,
    with the same arguments as `reporting.dashboards.thermometer` and `management`, for GM9901
    over 2025 and no domain filter."""
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
    municipality = Municipality.objects.get(code=HOME)
    period = Period.parse(YEAR)
    quarters = last_four_quarters(period, AS_OF)
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
                as_of=AS_OF,
                regime_labels=regime_labels(),
                prefixes=(COMPLAINT_SCHEME_PREFIX,),
                title="Termijnen per regeling",
            ),
        ),
    ]


def measure(repeats: int) -> tuple[list[Timing], float, dict[str, Any]]:
    from django.db import connection

    from regie.cases.aggregates import AggregateScope, Period
    from regie.directory.models import Municipality
    from regie.reporting.annual import annual_report

    municipality = Municipality.objects.get(code=HOME)
    period = Period.parse(YEAR)
    start, end = period.bounds()
    timings = [
        Timing(
            f"annual_report {HOME} {YEAR} (alles)",
            median_ms(
                lambda: annual_report(
                    AggregateScope(everything=True), municipality, period, as_of=AS_OF
                ),
                repeats,
            ),
            REPORT_TARGET_MS,
        )
    ]
    for name, call in dashboard_queries():
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
        counts = fill(server, DATABASE, options.cases)
        fill_s = time.perf_counter() - started
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
    return 0 if all(t.met is not False for t in timings) else 1


if __name__ == "__main__":
    raise SystemExit(main())
