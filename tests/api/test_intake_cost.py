"""What one API intake costs in SQL statements, and that it answers without reading back what
it just wrote (issue 12); with Celery delivery no mail is sent in the request, and a broker
that is down loses nothing.

Counts, never timings: speed lives in `bench/`.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regie.cases.models import Case
from regie.notifications.models import OutboundEmail

BODY = {
    "municipality": "GM9901",
    "kind": "klacht",
    "channel": "api",
    "domain": "wmo",
    "subject": "Hulp bij het huishouden",
    "description": "De hulp komt al drie weken niet en niemand belt terug.",
    "about": "het-anker",
    "submitter": {"name": "Ayşe Demir", "email": "ayse@example.nl"},
}
# What one intake with an e-mail address sends today: the directory's generation (which also
# says who the API client is), the reference number, case, audit record, deadlines,
# timeline, triage, idempotency record and the outbox row; besides BEGIN and COMMIT and the
# rate limits' cache. The directory's own rows come from the process while its generation is
# unchanged, and a retried key is found by its unique index, not looked up first.
# A ceiling, so a change that adds a statement is a decision, not an accident.
MOST_STATEMENTS = 9

pytestmark = pytest.mark.django_db


def post(api: Any, body: dict[str, Any], key: str = "") -> Any:
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return api.post("/api/v1/cases", body, format="json", **headers)


def counted(queries: list[dict[str, Any]]) -> list[str]:
    """The intake's own statements: not the rate limits' counters (a cache, in the database
    only in tests) nor the transaction's edges (savepoints in a test, BEGIN/COMMIT live)."""
    edges = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT", "BEGIN", "COMMIT")
    return [
        q["sql"]
        for q in queries
        if "regie_cache" not in q["sql"] and not q["sql"].lstrip().upper().startswith(edges)
    ]


def selected_tables(queries: list[dict[str, Any]]) -> set[str]:
    found = set()
    for query in queries:
        sql = query["sql"]
        if sql.lstrip().upper().startswith("SELECT"):
            found.update(re.findall(r'FROM "(\w+)"', sql))
    return found


def test_the_answer_reads_nothing_back_of_what_the_intake_wrote(api_for: Any) -> None:
    api = api_for("GM9901")
    post(api, BODY)  # the first of a kind and year creates the counter; not counted

    with CaptureQueriesContext(connection) as queries:
        response = post(api, BODY, key="kost-1")

    assert response.status_code == 201
    body = response.json()
    read = selected_tables(queries.captured_queries)
    # The case, its deadlines and its triage suggestion are in memory: no SELECT of them.
    assert not read & {"cases_case", "cases_casedeadline", "cases_triagesuggestion"}, read
    statements = counted(queries.captured_queries)
    assert len(statements) <= MOST_STATEMENTS, [sql[:100] for sql in statements]
    # The directory's generation once for the whole request, and none of its tables.
    assert sum("directory_generation" in sql for sql in statements) == 1
    assert not {t for t in read if t.startswith(("directory_", "documents_"))}, read
    # And the answer is the one a later GET gives, deadlines and triage included.
    assert body["deadlines"]
    assert body["triage"] is not None
    assert api.get(f"/api/v1/cases/{body['reference']}").json() == body


def test_a_replayed_request_answers_from_the_database(api_for: Any) -> None:
    api = api_for("GM9901")
    first = post(api, BODY, key="kost-2").json()
    replay = post(api, BODY, key="kost-2")
    assert replay.status_code == 201
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json() == first


def test_with_celery_and_the_broker_down_the_intake_is_accepted_and_the_mail_waits(
    api_for: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Production delivery (REGIE_DELIVERY=celery): no SMTP in the request; the outbox row is
    written with the case, so a broker that is down loses nothing: the next tick sends it."""
    settings.REGIE_DELIVERY = "celery"
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"  # the discard port: nobody listens
    api = api_for("GM9901")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post(api, BODY, key="kost-3")

    assert response.status_code == 201
    assert callbacks, "the hand-over to Celery runs after the commit"
    case = Case.objects.get(reference=response.json()["reference"])
    email = OutboundEmail.objects.get(case=case, purpose="ontvangstbevestiging")
    assert email.state == OutboundEmail.State.PENDING
    assert email.to == "ayse@example.nl"
    assert mail.outbox == []  # nothing was sent from the request


def test_the_api_client_comes_from_the_process_and_a_revoked_one_is_refused(
    api_for: Any,
) -> None:
    from regie.accounts.tokens import api_client_create, api_client_revoke
    from regie.directory import generation

    _client, raw = api_client_create(organisation="GM9901", name="Kosten")
    api = api_for("GM9901")
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert post(api, BODY).status_code == 201
    with CaptureQueriesContext(connection) as queries:
        assert post(api, BODY).status_code == 201
    assert "accounts_apiclient" not in selected_tables(queries.captured_queries)

    # Made-up tokens are refused and leave nothing behind in the process.
    kept = len(generation._kept)
    for n in range(50):
        api.credentials(HTTP_AUTHORIZATION=f"Token verzonnen-{n}")
        assert post(api, BODY).status_code == 401
    assert len(generation._kept) == kept

    api_client_revoke(raw)
    api.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    refused = post(api, BODY)
    assert refused.status_code == 401
    assert refused["Content-Type"].startswith("application/problem+json")


def test_a_queued_intake_reads_the_generation_and_writes_one_row(
    api_for: Any, settings: Any
) -> None:
    """`Prefer: respond-async`: the check needs nothing the process does not hold, and the
    answer is one INSERT (in autocommit, live: no BEGIN and COMMIT round trips). Production
    delivery: the worker registers it (inline, the process would after the commit)."""
    settings.REGIE_DELIVERY = "celery"
    api = api_for("GM9901")
    post(api, BODY)  # the process learns the directory; not counted

    with CaptureQueriesContext(connection) as queries:
        response = api.post("/api/v1/cases", BODY, format="json", HTTP_PREFER="respond-async")

    assert response.status_code == 202
    statements = counted(queries.captured_queries)
    assert len(statements) == 2, [sql[:100] for sql in statements]
    assert "directory_generation" in statements[0]
    assert statements[1].startswith('INSERT INTO "cases_queuedintake"')
