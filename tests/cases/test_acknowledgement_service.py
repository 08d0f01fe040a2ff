"""Recording the written acknowledgement (Awb 9:6) through the write path."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.cases import services
from regie.cases.deadlines import current
from regie.cases.models import Case, EventType
from regie.directory.models import Municipality, Organisation

pytestmark = pytest.mark.django_db


def phone_only_case() -> Case:
    return services.case_intake(
        scope=scope_for_public_web(),
        request=services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind="klacht",
            channel="web",
            description="Mijn aanvraag is kwijtgeraakt.",
            submitter=services.Person(name="Kees", phone="0612345678"),
            about=Organisation.objects.get(slug="het-anker"),
            received_at=timezone.now() - dt.timedelta(days=2),
        ),
    ).case


def staff(username: str = "behandelaar") -> services.Scope:
    return scope_for_user(User.objects.get(username=username))


def test_a_letter_meets_the_acknowledgement_deadline(world: None) -> None:
    case = phone_only_case()
    services.case_record_acknowledgement(
        case=case, scope=staff(), to="Dorpsstraat 1, Aa en Zee", sent_at=timezone.now()
    )
    deadline = current(case, "ontvangstbevestiging")
    assert deadline is not None
    assert deadline.met_at is not None
    assert case.events.get(type=EventType.ACKNOWLEDGED).payload["by"] == "post"


def test_it_is_recorded_once(world: None) -> None:
    case = phone_only_case()
    services.case_record_acknowledgement(case=case, scope=staff(), to="x", sent_at=timezone.now())
    with pytest.raises(services.CaseError):
        services.case_record_acknowledgement(
            case=case, scope=staff(), to="x", sent_at=timezone.now()
        )
    assert case.events.filter(type=EventType.ACKNOWLEDGED).count() == 1


def test_a_provider_cannot_record_the_municipalitys_acknowledgement(world: None) -> None:
    case = phone_only_case()  # about het-anker, so visible to its staff
    with pytest.raises(services.PermissionRefused):
        services.case_record_acknowledgement(
            case=case, scope=staff("anker"), to="x", sent_at=timezone.now()
        )


def test_a_date_before_receipt_is_refused(world: None) -> None:
    case = phone_only_case()
    with pytest.raises(services.CaseError) as refused:
        services.case_record_acknowledgement(
            case=case, scope=staff(), to="x", sent_at=case.received_at - dt.timedelta(days=1)
        )
    assert "sent_at" in refused.value.errors


@pytest.mark.skipif(
    "postgres" not in __import__("os").environ.get("DATABASE_URL", ""),
    reason="the plan is PostgreSQL's",
)
def test_the_acknowledgement_window_reads_an_index_not_the_whole_outbox(settings: Any) -> None:
    """Asked at every intake with an e-mail address: a sequential scan of the outbox made
    each intake slower with every mail ever sent (bench intake, issue 12)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from regie.cases.services.acknowledgement import PURPOSE, _recently_acknowledged
    from regie.notifications.models import OutboundEmail

    settings.REGIE_ACK_WINDOW_MINUTES = 10
    now = timezone.now()
    OutboundEmail.objects.bulk_create(
        OutboundEmail(
            purpose=PURPOSE,
            to=f"inwoner{n}@example.nl",
            subject="Ontvangstbevestiging",
            body="Wij hebben uw melding ontvangen. " * 20,
            next_attempt_at=now,
        )
        for n in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE notifications_outboundemail")
    with CaptureQueriesContext(connection) as queries:
        assert _recently_acknowledged("Inwoner7@Example.nl", timezone.now())
    (asked,) = [q["sql"] for q in queries.captured_queries if "outboundemail" in q["sql"]]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + asked)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "outbox_ack_window" in plan, plan
    assert "Seq Scan" not in plan, plan
