"""`regie generate --cases N`: a large, realistic register for benchmarks and load tests
(issue 12), and the fill of `bench/reports.py` (one generator for both).

What it writes: the demo world if it is missing (GM9901, GM9902, their organisations, teams
and staff, so `regie token create --organisation GM9901` works), fictional municipalities
GM9800… in one region with their own teams, and then N cases spread over the last Y years
with the mix of a real register: kind, domain, channel, status and outcome, a handler among
the municipality's handlers, the handling team, an organisation the case is about for a
fifth, a fictional submitter with e-mail on most, a triage suggestion, the timeline (received,
assigned, concluded), the terms (acknowledgement and handling, met on time, late or open),
some ombudsman referrals, and audit records (who looked at the case).

This bypasses the write path on purpose: the only place that may. `INSERT … SELECT FROM
generate_series` in batches of `batch` cases, each batch committed on its own, so memory
stays flat and progress shows. Reference numbers have the intake's format, per municipality
(KL-9901-2026-000123), and are taken from the intake's counters of that municipality in the
same statement, so a later intake continues after them. PostgreSQL only.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from regie.accounts.models import Membership
from regie.accounts.scope import HANDLING_ROLES
from regie.demo.world import MUNICIPALITIES as DEMO_MUNICIPALITIES
from regie.demo.world import TEAMS, build_world
from regie.directory.models import Municipality, Organisation, Team
from regie.vocabulary import REFERENCE_PREFIX, OrganisationKind, Role

HOME = DEMO_MUNICIPALITIES[0][0]
BATCH = 100_000
MAX_MUNICIPALITIES = 100  # GM9800 to GM9897 besides the two demo municipalities

Progress = Callable[[str, int, int], None]


class GenerateError(Exception):
    """A Dutch sentence for the person who ran the command."""


def _weighted(weights: dict[str, int]) -> list[str]:
    """A list of 100 values in which each occurs its weight's share: picking a random index
    in SQL then draws with these weights."""
    total = sum(weights.values())
    values: list[str] = []
    for value, weight in weights.items():
        values += [value] * round(100 * weight / total)
    return (values + [values[-1]] * 100)[:100]


KINDS = _weighted({"klacht": 35, "hulpvraag": 30, "melding": 20, "signaal": 15})
DOMAINS = _weighted({"wmo": 35, "jeugd": 20, "werk-en-inkomen": 20, "schuldhulp": 10, "overig": 15})
CHANNELS = _weighted(
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
CONCLUDED = _weighted(
    {
        "afgehandeld": 70,
        "gesloten": 15,
        "nazorg": 6,
        "ingetrokken": 4,
        "uitgevallen": 2,
        "bij-ombudsman": 3,
    }
)
RUNNING = _weighted(
    {"ontvangen": 25, "in-behandeling": 45, "in-gesprek": 15, "formeel": 10, "hoorzitting": 5}
)
COMPLAINT_OUTCOMES = _weighted(
    {
        "opgelost": 40,
        "gegrond": 15,
        "deels-gegrond": 12,
        "ongegrond": 18,
        "niet-behandeld": 6,
        "doorverwezen": 9,
    }
)
OTHER_OUTCOMES = _weighted({"afgerond": 70, "doorverwezen": 20, "opgelost": 10})
GROUNDS = _weighted(
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
JUDGEMENTS = _weighted(
    {"gegrond": 20, "deels-gegrond": 20, "ongegrond": 30, "geen-oordeel": 10, "": 20}
)
FIRST_NAMES = [
    "Anna",
    "Mohamed",
    "Sanne",
    "Jan",
    "Fatima",
    "Pieter",
    "Noor",
    "Kees",
    "Ayse",
    "Lotte",
]
LAST_NAMES = ["de Vries", "Jansen", "Bakker", "Yilmaz", "Visser", "Smit", "el Amrani", "Mulder"]
PREFIXES = {kind.value: prefix for kind, prefix in REFERENCE_PREFIX.items()}

# The municipalities a batch draws from: one row each, with the cumulative share of cases it
# gets (GM9901 weighs 3, every other 2: with two municipalities 60% and 40%), and its teams,
# organisations and handlers as arrays to draw from; `digits` are the four of its CBS code,
# as in its references.
CREATE_PLACES = """
CREATE TEMPORARY TABLE generate_place (
    municipality_id bigint, digits text, lo float8, hi float8,
    teams bigint[], organisations bigint[], handlers bigint[]
)
"""

# The cases of one batch: series numbers `first` to `last` of `total`, received evenly over
# the period in series order (as a register grows) with up to an hour of jitter. A case older
# than two months is concluded with 92% chance, a younger one with 35%. The references are
# numbered per municipality, prefix and year of receipt after the intake's counter, which is
# raised by the batch's count in the same statement (its row lock holds until the commit).
INSERT_CASES = """
WITH drawn AS (
    SELECT g, p.municipality_id, p.digits, p.teams, p.organisations, p.handlers, kind, domain,
        channel,
        received_at, extract(year FROM received_at AT TIME ZONE 'Europe/Amsterdam')::int AS year,
        random() < CASE WHEN received_at < %(now)s::timestamptz - interval '60 days'
            THEN 0.92 ELSE 0.35 END AS concluded
    FROM (
        SELECT g, random() AS place,
            (%(kinds)s::text[])[1 + floor(random() * 100)::int] AS kind,
            (%(domains)s::text[])[1 + floor(random() * 100)::int] AS domain,
            (%(channels)s::text[])[1 + floor(random() * 100)::int] AS channel,
            least(%(start)s::timestamptz
                + (g - 1)::float8 / %(total)s * (%(now)s::timestamptz - %(start)s::timestamptz)
                + random() * interval '1 hour', %(now)s::timestamptz) AS received_at
        FROM generate_series(%(first)s::bigint, %(last)s::bigint) AS g
    ) AS series
    JOIN generate_place p ON series.place >= p.lo AND series.place < p.hi
),
numbered AS (
    SELECT drawn.*, (%(prefixes)s::jsonb ->> kind) AS prefix,
        row_number() OVER (PARTITION BY municipality_id, kind, year ORDER BY g) AS n,
        count(*) OVER (PARTITION BY municipality_id, kind, year) AS of
    FROM drawn
),
counters AS (
    INSERT INTO cases_referencecounter (municipality_id, prefix, year, last)
    SELECT municipality_id, prefix, year, count(*) FROM numbered
    GROUP BY municipality_id, prefix, year
    ON CONFLICT (municipality_id, prefix, year)
        DO UPDATE SET last = cases_referencecounter.last + EXCLUDED.last
    RETURNING municipality_id, prefix, year, last
),
cases AS (
    SELECT numbered.*, counters.last - numbered.of + numbered.n AS number,
        CASE WHEN concluded
            THEN (%(concluded)s::text[])[1 + floor(random() * 100)::int]
            ELSE (%(running)s::text[])[1 + floor(random() * 100)::int]
        END AS status,
        random() < 0.8 AS named,
        1 + floor(random() * %(first_names)s)::int AS first_name,
        1 + floor(random() * %(last_names)s)::int AS last_name
    FROM numbered JOIN counters USING (municipality_id, prefix, year)
)
INSERT INTO cases_case (
    reference, municipality_id, kind, domain, channel, urgency, status, procedure,
    received_at, subject, description, submitter_name, submitter_email, submitter_phone,
    submitter_anonymous, submitter_street, submitter_house_number, submitter_postcode,
    submitter_city, submitter_bsn_encrypted, submitter_bsn_hash, person_key,
    on_behalf_of_name, on_behalf_of_relation, about_id, handling_team_id, handler_id,
    handovers, summary_only, outcome, concluded_at, status_token, created_at, updated_at,
    legal_hold, legal_hold_reason
)
SELECT
    prefix || '-' || digits || '-' || year || '-'
        || lpad(number::text, greatest(6, length(number::text)), '0'),
    municipality_id, kind, domain, channel,
    CASE WHEN random() < 0.05 THEN 'spoed' ELSE 'normaal' END,
    status,
    CASE WHEN kind = 'klacht' THEN 'schriftelijk' ELSE '' END,
    received_at, 'Gegenereerde zaak', 'Een gegenereerde zaak voor metingen aan het register.',
    CASE WHEN named
        THEN (%(first_name_list)s::text[])[first_name] || ' '
            || (%(last_name_list)s::text[])[last_name]
        ELSE '' END,
    CASE WHEN named THEN 'inwoner' || g || '@example.nl' ELSE '' END,
    '', NOT named, '', '', '', '', '', '', '', '', '',
    CASE WHEN random() < 0.2 AND cardinality(organisations) > 0
        THEN organisations[1 + floor(random() * cardinality(organisations))::int] END,
    CASE WHEN cardinality(teams) > 0
        THEN teams[1 + floor(random() * cardinality(teams))::int] END,
    CASE WHEN status <> 'ontvangen' AND cardinality(handlers) > 0
        THEN handlers[1 + floor(random() * cardinality(handlers))::int] END,
    CASE WHEN random() < 0.05 THEN 2 ELSE 0 END, false,
    CASE
        WHEN NOT concluded OR status IN ('ingetrokken', 'uitgevallen') THEN ''
        WHEN kind = 'klacht' THEN (%(complaint_outcomes)s::text[])[1 + floor(random() * 100)::int]
        ELSE (%(other_outcomes)s::text[])[1 + floor(random() * 100)::int]
    END,
    CASE WHEN concluded
        THEN least(received_at + random() * interval '60 days', %(now)s::timestamptz)
    END,
    -- Random, not derived from the number: the token is the resident's key to the status page.
    replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''),
    received_at, received_at, false, ''
FROM cases
"""

# Triage at intake for 85% of the cases; a topic of the case's domain for four in five.
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
WHERE c.id > %(after)s AND random() < 0.85
"""

# The terms: a complaint's handling term (Awb 9:11, or the provider's own scheme when it is
# about one) and an acknowledgement norm; a first contact norm for the other cases. Met on a
# day drawn so that about four in five are on time; a running case's handling term open. 5%
# of complaint terms were recomputed: a superseded row besides the current one.
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
        WHERE c.kind = 'klacht'
        UNION ALL
        SELECT 'eerste-contact', 'servicenorm-eerste-contact', 5, false
        WHERE c.kind <> 'klacht'
    ) AS t
    WHERE c.id > %(after)s
) AS terms
"""

INSERT_EVENTS = """
INSERT INTO cases_event (case_id, type, at, actor_label, payload)
SELECT id, 'ontvangen', received_at, 'Generator', '{}'::jsonb
FROM cases_case WHERE id > %(after)s
UNION ALL
SELECT c.id, 'toegewezen', least(c.received_at + interval '1 day', coalesce(c.concluded_at,
    c.received_at + interval '1 day')), 'Generator',
    -- The payload the write path's assignment writes, so the timeline shows it alike.
    jsonb_build_object('before', NULL, 'team', c.handling_team_id,
        'teamName', coalesce(t.name, ''), 'handler', c.handler_id,
        'handlerName', coalesce(nullif(concat_ws(' ', u.first_name, u.last_name), ''),
            u.username))
FROM cases_case c
JOIN auth_user u ON u.id = c.handler_id
LEFT JOIN directory_team t ON t.id = c.handling_team_id
WHERE c.id > %(after)s
UNION ALL
SELECT id, 'afgehandeld', concluded_at, 'Generator',
    CASE WHEN outcome = 'niet-behandeld'
        THEN jsonb_build_object('outcome', outcome, 'refusal', jsonb_build_object(
            'ground', (%(grounds)s::text[])[1 + floor(random() * 100)::int]))
        ELSE jsonb_build_object('outcome', outcome)
    END
FROM cases_case WHERE id > %(after)s AND concluded_at IS NOT NULL
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
WHERE id > %(after)s AND kind = 'klacht' AND concluded_at IS NOT NULL AND random() < 0.03
"""

# The audit log: one CHANGED record per new case (as the intake's signal writes) and one to
# three showings of the case page, by its handler when it has one.
INSERT_AUDIT = """
INSERT INTO privacy_accesslog (
    at, case_id, case_reference, subject, municipality_id, action, user_id, actor_label,
    purpose, outside_own_work, reason
)
SELECT received_at, id, reference, '', municipality_id, 'gewijzigd', NULL, 'Generator',
    'Zaak geregistreerd', false, ''
FROM cases_case WHERE id > %(after)s
UNION ALL
SELECT least(c.received_at + random() * interval '30 days', %(now)s::timestamptz), c.id,
    c.reference, '', c.municipality_id, 'bekeken', c.handler_id,
    CASE WHEN c.handler_id IS NULL THEN 'Generator' ELSE 'Behandelaar' END,
    'Zaakpagina', false, ''
FROM cases_case c
    -- c.id inside, so the number of showings is drawn per case, not once for the statement.
    CROSS JOIN LATERAL generate_series(1, 1 + floor(random() * 3 + c.id * 0)::int) AS v
WHERE c.id > %(after)s
"""

# The worklist's nearest open term, as the write path keeps it.
UPDATE_NEXT_DUE = """
UPDATE cases_case c SET next_due = d.due
FROM (SELECT case_id, min(due) AS due FROM cases_casedeadline
      WHERE case_id > %(after)s AND NOT superseded AND met_at IS NULL GROUP BY case_id) d
WHERE d.case_id = c.id AND c.concluded_at IS NULL
"""

STEPS: list[tuple[str, str]] = [
    ("triage", INSERT_TRIAGE),
    ("deadlines", INSERT_DEADLINES),
    ("events", INSERT_EVENTS),
    ("referrals", INSERT_REFERRALS),
    ("audit", INSERT_AUDIT),
]


@dataclass
class Generated:
    cases: int = 0
    seconds: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def rows_per_second(self) -> float:
        total = self.cases + sum(self.rows.values())
        return total / self.seconds if self.seconds else 0.0


def generate(
    *,
    cases: int,
    municipalities: int = 2,
    seed: float = 0.2026,
    years: int = 3,
    now: dt.datetime | None = None,
    batch: int = BATCH,
    on_progress: Progress | None = None,
) -> Generated:
    """Write `cases` cases over `municipalities` municipalities (the demo's two included),
    received over the `years` before `now`. The same seed and arguments give the same
    register, except for the status tokens (random on purpose) and the database ids."""
    _check_database()
    if cases < 0:
        raise GenerateError("--cases moet 0 of meer zijn.")
    if not 2 <= municipalities <= MAX_MUNICIPALITIES:
        raise GenerateError(f"--municipalities moet tussen 2 en {MAX_MUNICIPALITIES} liggen.")
    if not 1 <= years <= 10:
        raise GenerateError("--years moet tussen 1 en 10 liggen.")
    if not -1 <= seed <= 1:
        raise GenerateError("--seed moet tussen -1 en 1 liggen.")
    now = now or timezone.now()
    start = now - dt.timedelta(days=round(365.25 * years))
    if not Municipality.objects.filter(code=HOME).exists():
        build_world()
    places = _places(municipalities)
    result = Generated()
    started = time.perf_counter()
    params: dict[str, Any] = {
        "now": now,
        "start": start,
        "total": max(cases, 1),
        "kinds": KINDS,
        "domains": DOMAINS,
        "channels": CHANNELS,
        "concluded": CONCLUDED,
        "running": RUNNING,
        "complaint_outcomes": COMPLAINT_OUTCOMES,
        "other_outcomes": OTHER_OUTCOMES,
        "grounds": GROUNDS,
        "judgements": JUDGEMENTS,
        "prefixes": _json(PREFIXES),
        "first_name_list": FIRST_NAMES,
        "last_name_list": LAST_NAMES,
        "first_names": len(FIRST_NAMES),
        "last_names": len(LAST_NAMES),
    }
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS generate_place")
        cursor.execute(CREATE_PLACES)
        cursor.executemany("INSERT INTO generate_place VALUES (%s, %s, %s, %s, %s, %s, %s)", places)
        cursor.execute("SELECT setseed(%s)", [seed])
        if on_progress:
            on_progress("zaken", 0, cases)
        for first in range(1, cases + 1, batch):
            last = min(first + batch - 1, cases)
            with transaction.atomic():
                cursor.execute("SELECT coalesce(max(id), 0) FROM cases_case")
                after = cursor.fetchone()[0]
                cursor.execute(INSERT_CASES, {**params, "first": first, "last": last})
                result.cases += cursor.rowcount
                for name, statement in STEPS:
                    cursor.execute(statement, {**params, "after": after})
                    result.rows[name] = result.rows.get(name, 0) + cursor.rowcount
                cursor.execute(UPDATE_NEXT_DUE, {"after": after})
            if on_progress:
                on_progress("zaken", last, cases)
        cursor.execute("DROP TABLE IF EXISTS generate_place")
    result.seconds = time.perf_counter() - started
    return result


def analyze() -> None:
    """Fresh planner statistics after a large fill (outside a transaction)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _json(value: object) -> str:
    return json.dumps(value)


def _check_database() -> None:
    if connection.vendor != "postgresql":
        raise GenerateError(
            "regie generate werkt alleen met PostgreSQL (zet DATABASE_URL op een "
            "PostgreSQL-database)."
        )
    if "cases_case" not in connection.introspection.table_names():
        raise GenerateError(
            "De database is nog leeg: maak eerst de tabellen aan met regie migrate."
        )


def _places(count: int) -> list[tuple[int, str, float, float, list[int], list[int], list[int]]]:
    """The municipalities to fill, the demo's first, extra ones created as needed."""
    region = Municipality.objects.get(code=HOME).region
    codes = [code for code, _name in DEMO_MUNICIPALITIES]
    for number in range(count - len(codes)):
        code = f"GM98{number:02d}"
        municipality, _ = Municipality.objects.get_or_create(
            code=code, defaults={"name": f"Gemeente Proefdorp {number + 1}", "region": region}
        )
        for team_slug, team_name, team_domains in TEAMS:
            Team.objects.get_or_create(
                municipality=municipality,
                slug=team_slug,
                defaults={"name": team_name, "domains": [str(d) for d in team_domains]},
            )
        _fictional_handlers(municipality, number)
        codes.append(code)
    chosen = list(Municipality.objects.filter(code__in=codes).order_by("code"))
    chosen.sort(key=lambda m: (m.code != HOME, m.code))
    weights = [3 if m.code == HOME else 2 for m in chosen]
    total = sum(weights)
    rows = []
    lo = 0.0
    for municipality, weight in zip(chosen, weights, strict=True):
        hi = 1.0 if municipality is chosen[-1] else lo + weight / total
        rows.append(
            (
                municipality.pk,
                municipality.code[2:],
                lo,
                hi,
                list(Team.objects.filter(municipality=municipality).values_list("pk", flat=True)),
                list(
                    Organisation.objects.filter(
                        municipalities=municipality,
                        kind__in=[OrganisationKind.AANBIEDER, OrganisationKind.GR],
                    ).values_list("pk", flat=True)
                ),
                _handlers(municipality),
            )
        )
        lo = hi
    return rows


def _fictional_handlers(municipality: Municipality, number: int) -> None:
    """Three complaint handlers in the complaints team, without a password (nobody logs in
    as them): the cases need someone of the municipality to be handled by."""
    team = Team.objects.get(municipality=municipality, slug=TEAMS[0][0])
    user_model = get_user_model()
    for position in range(3):
        first = FIRST_NAMES[(number + position) % len(FIRST_NAMES)]
        last = LAST_NAMES[(number * 3 + position) % len(LAST_NAMES)]
        user, created = user_model.objects.get_or_create(
            username=f"behandelaar-{municipality.code.lower()}-{position + 1}",
            defaults={"first_name": first, "last_name": last},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            Membership.objects.create(user=user, role=Role.BEHANDELAAR, team=team)


def _handlers(municipality: Municipality) -> list[int]:
    memberships = Membership.objects.filter(role__in=sorted(HANDLING_ROLES)).filter(
        Q(municipality=municipality) | Q(team__municipality=municipality)
    )
    return sorted(set(memberships.values_list("user_id", flat=True)))
