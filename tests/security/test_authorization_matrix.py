"""The authorization matrix (issue 11): every principal against every address of the URL
configuration, with an item inside its scope and items outside it.

The addresses come from the resolver (`urlwalk.py`), the expectations from `access_rules.py`.
A pattern without a rule fails `test_every_address_has_exactly_one_rule`, so a new endpoint
cannot ship unguarded by forgetting it; `test_a_new_endpoint_without_a_rule_is_reported`
shows that with an endpoint added to a copy of the URL configuration.

Each principal is one test that makes every request and fails once, with a table of every
answer that differs from its rule. A refused request must also write nothing: every table of
Regie's own is counted before and after it; where a GET is refused, an empty POST is tried
too. Differences already reported and not yet fixed are `KNOWN_HOLES`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import reverse

from regie.accounts.tokens import api_client_create
from regie.demo.world import build_world
from tests.security.access_rules import ALL, KNOWN_HOLES, NONE, REASON_ASKED, RULES, Rule
from tests.security.matrix_world import MatrixWorld, build_matrix_world
from tests.security.principals import NO_ROLE_USER, PRINCIPALS, Principal
from tests.security.urlwalk import Endpoint, endpoints

pytestmark = pytest.mark.django_db

# A case and what hangs on it: the council, the college, the privacy officer and people
# without a role never get a rule that opens one (nor any case API).
CASE_KEYS = (
    "web:case",
    "web:case_show_bsn",
    "web:case_action",
    "web:case_open_outside_own_work",
    "web:attachment",
    "web:letter_pdf",
    "web:dossier_pdf",
    "web:dossier_json",
    "providers:case",
    "providers:case_action",
)
GLASS_TEMPLATE = "web/case_glass.html"
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
NEVER_A_CASE = ("management", "raad", "privacy", "anoniem", "ingelogd")


# --- Coverage: every pattern one rule, every rule a pattern ------------------------------


@dataclass(frozen=True)
class Coverage:
    missing: list[Endpoint]
    stale: list[str]
    ambiguous: list[str]


def coverage(found: list[Endpoint], rules: dict[str, Rule]) -> Coverage:
    keys = [e.key for e in found]
    return Coverage(
        missing=[e for e in found if e.key not in rules],
        stale=sorted(set(rules) - set(keys)),
        ambiguous=sorted({k for k in keys if keys.count(k) > 1}),
    )


def describe(missing: list[Endpoint]) -> str:
    return "\n".join(f"  {e.key:45} /{e.route}" for e in missing)


def test_every_address_has_exactly_one_rule() -> None:
    found = coverage(endpoints(), RULES)
    if found.missing:
        pytest.fail(
            "These addresses have no rule in tests/security/access_rules.py; say who may open "
            f"them:\n{describe(found.missing)}"
        )
    assert not found.stale, f"Rules for addresses that no longer exist: {found.stale}"
    assert not found.ambiguous, f"Two patterns share one key (give them names): {found.ambiguous}"


def test_a_new_endpoint_without_a_rule_is_reported() -> None:
    before = {e.key for e in coverage(endpoints(), RULES).missing}
    with override_settings(ROOT_URLCONF="tests.security.urls_with_a_new_endpoint"):
        found = coverage(endpoints(), RULES)
    # Compared with the real configuration, so a page someone else is adding right now
    # (reported by the test above) does not hide what this test shows.
    added = [(e.key, e.route) for e in found.missing if e.key not in before]
    assert added == [("route:werk/export/<int:pk>", "werk/export/<int:pk>")]
    assert found.stale == []


def test_a_rule_for_a_removed_endpoint_is_reported() -> None:
    rules = {**RULES, "web:oud_overzicht": RULES["web:worklist"]}
    assert coverage(endpoints(), rules).stale == ["web:oud_overzicht"]


def test_the_council_and_the_college_never_get_a_rule_to_a_case() -> None:
    for key, rule in RULES.items():
        if key in CASE_KEYS or key.startswith("api:case"):
            granted = [p for p in NEVER_A_CASE if rule.access(p) is not NONE]
            assert not granted, f"{key} is open to {granted}"


def test_the_rules_name_only_principals_and_addresses_that_exist() -> None:
    names = {p.name for p in PRINCIPALS}
    typos = {(key, p) for key, rule in RULES.items() for p in rule.may if p not in names}
    assert not typos
    assert {key for _, key, _ in KNOWN_HOLES} <= set(RULES)
    assert {p for p, _, _ in KNOWN_HOLES} <= names


# --- The matrix ------------------------------------------------------------------------


def _regie_tables() -> list[str]:
    # Tables that exist: a model whose migration is still being written is not counted.
    existing = set(connection.introspection.table_names())
    return sorted(
        m._meta.db_table
        for m in apps.get_models()
        if m.__module__.startswith("regie.")
        and m._meta.managed
        and not m._meta.proxy
        and m._meta.db_table in existing
    )


def row_counts(tables: list[str]) -> tuple[int, ...]:
    """Every table of Regie's own counted in one query."""
    quote = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return tuple(row)


@dataclass(frozen=True)
class Answer:
    verdict: str  # "toegestaan", "geweigerd", "reden gevraagd" or "fout …"
    detail: str


def judge(response: Any, method: str, probe: bool = False) -> Answer:
    code = response.status_code
    location = response.get("Location", "") if 300 <= code < 400 else ""
    templates = [t.name for t in response.templates or [] if t.name]
    detail = " ".join(str(x) for x in (code, location, templates[0] if templates else "") if x)
    if GLASS_TEMPLATE in templates:
        return Answer(REASON_ASKED, detail)
    # A POST tried on a page that only shows (405) is refused as well.
    refusals = (401, 403, 404, 405) if probe else (401, 403, 404)
    if code in refusals or location.startswith(settings.LOGIN_URL):
        return Answer("geweigerd", detail)
    # An empty POST that reached the view's own validation was let in.
    if 200 <= code < 400 or (method == "POST" and code in (400, 409, 422)):
        return Answer("toegestaan", detail)
    return Answer(f"fout {code}", location)


def _client(principal: Principal) -> Client:
    # Each principal its own address, so the public rate limits never count one principal's
    # requests against the next one's.
    address = f"10.0.8.{PRINCIPALS.index(principal) + 1}"
    if principal.api_client:
        _, raw = api_client_create(organisation=principal.api_client)
        return Client(REMOTE_ADDR=address, HTTP_AUTHORIZATION=f"Token {raw}")
    return Client(REMOTE_ADDR=address)


def _log_in(client: Client, principal: Principal) -> None:
    if principal.logged_in:
        client.force_login(User.objects.get(username=principal.username))


def _url(key: str, kwargs: dict[str, Any]) -> str:
    kwargs = dict(kwargs)
    query = kwargs.pop("__query__", "")
    url = kwargs.pop("__path__", "") or reverse(key, kwargs=kwargs)
    return f"{url}?{query}" if query else url


def _requests(
    principal: Principal, endpoint: Endpoint, rule: Rule, world: MatrixWorld
) -> Iterator[tuple[str, str, str, str]]:
    """(item, method, expected verdict, url) for the inside item and every other one. Where a
    GET is refused, an empty POST must be refused too (a form page must not take a post from
    someone it would not show the form to)."""
    filled = rule.fill(principal, world)
    access = rule.access(principal.name)
    yes, no = "toegestaan", "geweigerd"
    tries = [("binnen", yes if access is not NONE else no, filled.inside)]
    tries += [("buiten", yes if access is ALL else no, kwargs) for kwargs in filled.outside]
    tries += [("geknoeid", no, kwargs) for kwargs in filled.nobody]
    tries += [("glas", rule.glass if access is not NONE else no, k) for k in filled.glass]
    for item, expected, kwargs in tries:
        url = _url(endpoint.key, kwargs)
        yield item, rule.method, expected, url
        if rule.method == "GET" and expected == no:
            yield f"{item}+POST", "POST", no, url


def _send(client: Client, method: str, url: str) -> Any:
    if method == "POST" and url.startswith("/api/"):
        return client.post(url, data="", content_type="application/json")
    if method == "POST":
        return client.post(url)
    return client.get(url)


@pytest.fixture(scope="module")
def matrix_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[MatrixWorld]:
    """The demo world and the matrix's items, built once for every principal: each test runs
    in a savepoint inside this transaction, which is rolled back when the module is done."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHER):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            build_world()
            User.objects.create_user(NO_ROLE_USER, email="zonder-rol@regie.example")
            yield build_matrix_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def open_limits(settings: Any) -> None:
    for name in ("REGIE_RATE_FORM", "REGIE_RATE_STATUS", "REGIE_RATE_API", "REGIE_RATE_API_TOKEN"):
        setattr(settings, name, "100000/m")


@pytest.mark.usefixtures("open_limits")
@pytest.mark.parametrize("principal", PRINCIPALS, ids=[p.name for p in PRINCIPALS])
def test_the_matrix(principal: Principal, matrix_world: MatrixWorld) -> None:
    client = _client(principal)
    _log_in(client, principal)
    tables = _regie_tables()
    mismatches: list[tuple[str, ...]] = []
    for endpoint in endpoints():
        rule = RULES.get(endpoint.key)
        if rule is None:
            continue  # test_every_address_has_exactly_one_rule names it
        for item, method, expected, url in _requests(principal, endpoint, rule, matrix_world):
            before = row_counts(tables)
            probe = method != rule.method
            try:
                with transaction.atomic():
                    answer = judge(_send(client, method, url), method, probe)
            except Exception as exc:
                answer = Answer("fout", f"{type(exc).__name__}: {exc}"[:80])
            if method == "POST":
                _log_in(client, principal)  # an empty POST to /uitloggen ends the session
            if answer.verdict != expected:
                mismatches.append(
                    (endpoint.key, item, url, expected, answer.verdict, answer.detail)
                )
            elif expected != "toegestaan" and row_counts(tables) != before:
                after = row_counts(tables)
                changed = [t for t, a, b in zip(tables, before, after, strict=True) if a != b]
                mismatches.append(
                    (endpoint.key, item, url, "niets geschreven", "geschreven", ", ".join(changed))
                )
    holes = {k for k in KNOWN_HOLES if k[0] == principal.name}
    found = {(principal.name, row[0], row[1]) for row in mismatches}
    fixed = holes - found
    assert not fixed, f"Fixed, remove from KNOWN_HOLES in access_rules.py: {sorted(fixed)}"
    unknown = [row for row in mismatches if (principal.name, row[0], row[1]) not in holes]
    assert not unknown, _table(principal, unknown)


def _table(principal: Principal, rows: list[tuple[str, ...]]) -> str:
    header = ("adres", "item", "url", "verwacht", "kreeg", "")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [
        " | ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in [header, *rows]
    ]
    return f"{principal.name}: {len(rows)} afwijking(en) van de regels\n" + "\n".join(lines)
