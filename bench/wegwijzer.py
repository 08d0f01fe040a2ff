"""`python -m bench wegwijzer`: how long the wegwijzer takes to answer one question.

On the demo world in a throw-away PostgreSQL database, a few hundred varied questions (a
resident's own words, with and without a match, inflected, chosen topics and domains, both
municipalities) are asked four ways, each one at a time, and timed per question:

1. *selector*: `wegwijzer_answer` in-process (matching, four queries, the Dutch words);
2. *raw SQL*: the same four reads in plain SQL through psycopg, no matching, no words: what
   the database alone costs (the baseline for 1);
3. *HTTP API*: GET /api/v1/wegwijzer on the real WSGI server (waitress, as `regie demo`),
   one keep-alive client, JSON parsed;
4. *trivial view*: GET of the API's own 404 (a Django view under the same middleware that
   reads no database): what the HTTP stack alone costs (the baseline for 3).

The target (issue 7) is under 50 ms per question; p50 and p95 are reported next to the
baselines, as ratios.
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import psycopg

from bench.machine import describe, regie_revision
from bench.pg import Server, recreate_database
from bench.processes import REPO, Gunicorn
from bench.report import protocol, row, write_json
from bench.smtp import free_port

TARGET_MS = 50.0


@dataclass(frozen=True)
class WegwijzerOptions:
    questions: int
    pg_url: str
    database: str
    json_out: str | None = None


@dataclass(frozen=True)
class Timing:
    key: str
    label: str
    samples: list[float]
    baseline: str | None = None

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.samples, n=20)[-1]


def progress(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


# What residents write, around the words the topics know (and words they do not).
OPENINGS = ["", "ik heb een probleem: ", "Hallo, ", "mijn moeder zegt dat ", "help, "]
PHRASES = [
    "mijn huishoudelijke hulp komt steeds niet",
    "de thuiszorg komt niet schoonmaken",
    "de thuiszorgmedewerker was onbeleefd",
    "ik heb schulden",
    "de deurwaarder staat voor de deur",
    "wij worden afgesloten van gas en licht",
    "mijn zoon heeft jeugdzorg nodig",
    "de jeugdhulpverlener van mijn dochter belt niet terug",
    "mijn rolstoel is al weken kapot",
    "de regiotaxi kwam weer te laat",
    "ik krijg mijn pgb niet uitbetaald",
    "ik ben mantelzorger en overbelast",
    "mijn bijstandsuitkering is gestopt",
    "ik moet boetes terugbetalen",
    "de ambtenaar aan de balie was onvriendelijk",
    "ik zoek werk",
    "de traplift is nog steeds niet geplaatst",
    "wij hebben geen woonplek meer",
    "de buurman heeft hulp nodig",
    "waar kan ik terecht",
    "qwerty asdf",
]
CLOSINGS = ["", ".", "!", " en niemand doet iets.", " Wat moet ik doen?"]


def questions(count: int, topics: list[str], seed: int = 2026) -> list[dict[str, str]]:
    rng = random.Random(seed)
    asked: list[dict[str, str]] = []
    domains = ["wmo", "jeugd", "werk-en-inkomen", "schuldhulp", "overig"]
    for n in range(count):
        municipality = rng.choice(["GM9901", "GM9902"])
        shape = n % 10
        if shape == 8:
            asked.append({"municipality": municipality, "topic": rng.choice(topics)})
        elif shape == 9:
            asked.append({"municipality": municipality, "domain": rng.choice(domains)})
        else:
            text = rng.choice(OPENINGS) + rng.choice(PHRASES) + rng.choice(CLOSINGS)
            if rng.random() < 0.3:
                text += " Ook " + rng.choice(PHRASES)
            asked.append({"municipality": municipality, "q": text[:500]})
    return asked


def run_wegwijzer(options: WegwijzerOptions) -> int:
    server = Server.from_url(options.pg_url)
    started_at = dt.datetime.now().astimezone()
    machine = describe()
    progress(f"recreating database {options.database}")
    recreate_database(server, options.database)
    port = free_port()
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "regie.settings",
            "DATABASE_URL": server.django_url(options.database),
            "DATABASE_CONN_MAX_AGE": "60",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "LOG_LEVEL": "WARNING",
            # One client asks hundreds of questions a minute: the per-address limit would
            # answer 429 and we would time the refusal.
            "REGIE_CACHE_URL": "locmem://",
            "REGIE_RATE_API": "1000000/m",
            "REGIE_RATE_API_TOKEN": "1000000/m",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from regie.demo.world import build_world
    from regie.directory.models import Topic

    progress("migrating and building the demo world")
    call_command("migrate", interactive=False, verbosity=0)
    build_world()
    with psycopg.connect(server.conninfo(options.database), autocommit=True) as conn:
        conn.execute("ANALYZE")
    asked = questions(options.questions, list(Topic.objects.values_list("slug", flat=True)))

    progress(f"{len(asked)} questions through the selector and as raw SQL")
    timings = [_time_selector(asked), _time_raw_sql(server, options.database, asked)]
    connections.close_all()

    progress("the same questions over HTTP")
    with Gunicorn(dict(os.environ), port=port, workers=1, threads=1) as web:
        web.start()
        timings += _time_http(port, asked)

    result = {
        "benchmark": "wegwijzer",
        "date": started_at.isoformat(timespec="seconds"),
        "machine": machine,
        "revision": regie_revision(REPO),
        "questions": len(asked),
        "target_ms": TARGET_MS,
        "timings": [
            {
                "key": t.key,
                "label": t.label,
                "p50_ms": round(t.p50, 3),
                "p95_ms": round(t.p95, 3),
                "baseline": t.baseline,
                "ratio_p50": _ratio(t, timings),
            }
            for t in timings
        ],
    }
    _print_table(result)
    print(json.dumps(result, ensure_ascii=False))
    # A missed target is a row saying so, not a failed run (the benchmark protocol).
    write_json(
        options.json_out,
        protocol(
            benchmark="wegwijzer",
            date=result["date"],
            machine=machine,
            revision=result["revision"],
            rows=_rows(timings),
            ok=True,
            details=result,
        ),
    )
    return 0


def _rows(timings: list[Timing]) -> list[dict[str, Any]]:
    rows = []
    for t in timings:
        base = next((b for b in timings if b.key == t.baseline), None)
        targeted = t.key in ("selector", "http")
        rows.append(
            row(
                f"{t.label}, p50 per question",
                t.p50,
                "ms",
                baseline=None if base is None else f"{base.label}: {base.p50:.2f} ms",
                ratio=_ratio(t, timings),
            )
        )
        rows.append(
            row(
                f"{t.label}, p95 per question",
                t.p95,
                "ms",
                target=f"< {TARGET_MS:g} ms" if targeted else None,
                met=t.p95 < TARGET_MS if targeted else None,
            )
        )
    return rows


def _ratio(timing: Timing, timings: list[Timing]) -> float | None:
    base = next((t for t in timings if t.key == timing.baseline), None)
    return round(timing.p50 / base.p50, 2) if base and base.p50 else None


def _per_question(
    asked: list[dict[str, str]], ask: Callable[[dict[str, str]], object]
) -> list[float]:
    for question in asked[:20]:
        ask(question)  # warm caches, connections and the stemmer, unmeasured
    samples = []
    for question in asked:
        start = time.perf_counter()
        ask(question)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _time_selector(asked: list[dict[str, str]]) -> Timing:
    from regie.directory.selectors import municipality_by_code
    from regie.directory.wegwijzer import Question, wegwijzer_answer

    def ask(question: dict[str, str]) -> object:
        # The API looks the municipality up too, so it is part of the measured path.
        municipality = municipality_by_code(question["municipality"])
        assert municipality is not None
        fields = {k: v for k, v in question.items() if k != "municipality"}
        return wegwijzer_answer(municipality=municipality, question=Question(**fields))

    samples = _per_question(asked, ask)
    return Timing("selector", "selector (wegwijzer_answer, in-process)", samples, "raw_sql")


RAW_MUNICIPALITY = "SELECT id FROM directory_municipality WHERE code = %s"
RAW_TOPICS = "SELECT id, slug, name, domain, keywords FROM directory_topic"
RAW_RESPONSIBILITIES = """
SELECT r.id, r.domain, r.topic_id, r.help_team_id, r.help_organisation_id,
       r.complaint_team_id, r.complaint_organisation_id, r.escalation_team_id, r.what_happens,
       r.oversight, r.decision_reference, r.decision_date, t.slug, t.name, ht.slug, ht.name,
       ho.slug, ho.name, ho.kind, ho.description, ct.slug, ct.name, co.slug, co.name,
       co.complaint_route, co.complaint_term_weeks, co.complaint_scheme, et.slug, et.name
FROM directory_responsibility r
LEFT JOIN directory_topic t ON t.id = r.topic_id
LEFT JOIN directory_team ht ON ht.id = r.help_team_id
LEFT JOIN directory_organisation ho ON ho.id = r.help_organisation_id
LEFT JOIN directory_team ct ON ct.id = r.complaint_team_id
LEFT JOIN directory_organisation co ON co.id = r.complaint_organisation_id
LEFT JOIN directory_team et ON et.id = r.escalation_team_id
WHERE r.municipality_id = %s
"""
RAW_SUPPORT = """
SELECT s.responsibility_id, o.id, o.slug, o.name, o.description
FROM directory_responsibility_support s JOIN directory_organisation o ON o.id = s.organisation_id
WHERE s.responsibility_id = ANY(%s) ORDER BY o.name
"""
RAW_CHANNELS = """
SELECT kind, value, note, municipality_id, team_id, organisation_id FROM directory_contactchannel
WHERE municipality_id = %s OR team_id = ANY(%s) OR organisation_id = ANY(%s)
ORDER BY position, id
"""


def _time_raw_sql(server: Server, database: str, asked: list[dict[str, str]]) -> Timing:
    conn = psycopg.connect(server.conninfo(database), autocommit=True)

    def ask(question: dict[str, str]) -> object:
        row = conn.execute(RAW_MUNICIPALITY, (question["municipality"],)).fetchone()
        assert row is not None
        conn.execute(RAW_TOPICS).fetchall()
        rows = conn.execute(RAW_RESPONSIBILITIES, (row[0],)).fetchall()
        ids = [r[0] for r in rows]
        support = conn.execute(RAW_SUPPORT, (ids,)).fetchall()
        teams = [r[i] for r in rows for i in (3, 5, 7) if r[i] is not None]
        organisations = [r[i] for r in rows for i in (4, 6) if r[i] is not None]
        organisations += [o[1] for o in support]
        return conn.execute(RAW_CHANNELS, (row[0], teams, organisations)).fetchall()

    try:
        samples = _per_question(asked, ask)
    finally:
        conn.close()
    return Timing("raw_sql", "raw SQL, the same five reads (psycopg)", samples)


def _time_http(port: int, asked: list[dict[str, str]]) -> list[Timing]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    failures: list[str] = []

    def get(path: str, expected: int) -> object:
        conn.request("GET", path, headers={"Accept": "application/json"})
        response = conn.getresponse()
        body = json.loads(response.read())
        if response.status != expected:
            failures.append(f"{path}: {response.status} {str(body)[:200]}")
        return body

    try:
        api = _per_question(asked, lambda q: get(f"/api/v1/wegwijzer?{urlencode(q)}", 200))
        trivial = _per_question(asked, lambda q: get("/api/v1/bestaat-niet", 404))
    finally:
        conn.close()
    if failures:
        raise RuntimeError(f"{len(failures)} unexpected answers, e.g. {failures[0]}")
    return [
        Timing("http", "HTTP API (GET /api/v1/wegwijzer)", api, baseline="http_trivial"),
        Timing("http_trivial", "HTTP, trivial view (the API's own 404)", trivial),
    ]


def _print_table(result: dict[str, Any]) -> None:
    machine = result["machine"]
    print()
    print(f"Wegwijzer, {result['questions']} vragen — {result['date']}")
    print(f"machine: {machine['nproc']} cpu, {machine['cpu_model']}; revisie {result['revision']}")
    print()
    print(f"{'meting':<44} {'p50 ms':>8} {'p95 ms':>8} {'ratio p50':>10}")
    for t in result["timings"]:
        ratio = "—" if t["ratio_p50"] is None else f"{t['ratio_p50']:.2f}"
        print(f"{t['label']:<44} {t['p50_ms']:>8.2f} {t['p95_ms']:>8.2f} {ratio:>10}")
    print(f"\ndoel: onder {result['target_ms']:.0f} ms per vraag")
    print()
