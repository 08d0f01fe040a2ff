"""The acknowledgement (Awb 9:6) goes out only after commit, and a failing mail server never
loses an accepted case: the outbox keeps the message until it can be delivered."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web
from regie.cases import services
from regie.cases.models import Case, EventType
from regie.directory.models import Municipality
from regie.notifications import outbox
from regie.notifications.models import OutboundEmail
from regie.tick import run_due_work

pytestmark = pytest.mark.django_db(transaction=True)

BODY = {
    "municipality": "GM9901",
    "kind": "klacht",
    "channel": "api",
    "description": "Mijn vader wacht al maanden op een traplift.",
    "submitter": {"name": "Henk de Boer", "email": "henk@example.nl"},
}


def intake_request(email: str = "henk@example.nl") -> services.IntakeRequest:
    return services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind="klacht",
        channel="web",
        description="Mijn vader wacht al maanden op een traplift.",
        submitter=services.Person(name="Henk de Boer", email=email, phone="0612345678"),
    )


def test_it_mails_the_acknowledgement_with_reference_and_status_link(
    api_for: Any, smtp_server: Any
) -> None:
    body = api_for("GM9901").post("/api/v1/cases", BODY, format="json").json()

    [message] = smtp_server.to("henk@example.nl")
    text = message.get_payload(decode=True).decode()
    assert body["reference"] in message["Subject"]
    assert body["reference"] in text
    case = Case.objects.get(reference=body["reference"])
    assert f"/status/{case.status_token}" in text
    assert case.events.filter(type=EventType.ACKNOWLEDGED).count() == 1


def test_nothing_is_sent_before_the_transaction_commits(world: None, smtp_server: Any) -> None:
    with transaction.atomic():
        services.case_intake(scope=scope_for_public_web(), request=intake_request())
        assert smtp_server.messages == []
    assert len(smtp_server.to("henk@example.nl")) == 1


def test_a_rolled_back_intake_sends_nothing(world: None, smtp_server: Any) -> None:
    class Crash(Exception):
        pass

    def intake_then_crash() -> None:
        with transaction.atomic():
            services.case_intake(scope=scope_for_public_web(), request=intake_request())
            raise Crash

    with pytest.raises(Crash):
        intake_then_crash()
    assert Case.objects.count() == 0
    assert OutboundEmail.objects.count() == 0
    assert smtp_server.messages == []


def test_a_failing_mail_server_never_loses_the_case(
    api_for: Any, no_smtp_server: int, settings: Any
) -> None:
    response = api_for("GM9901").post("/api/v1/cases", BODY, format="json")

    assert response.status_code == 201
    case = Case.objects.get(reference=response.json()["reference"])
    email = OutboundEmail.objects.get(case=case)
    assert email.state == OutboundEmail.State.PENDING
    assert email.attempts == 1
    assert "Connection" in email.last_error or "refused" in email.last_error.lower()
    assert not case.events.filter(type=EventType.ACKNOWLEDGED).exists()

    # The mail server comes back; the next tick delivers what waited.
    from aiosmtpd.controller import Controller

    from tests.conftest import Mailbox

    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=no_smtp_server)
    controller.start()
    try:
        OutboundEmail.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
        report = run_due_work()
    finally:
        controller.stop()
    assert report.emails_sent == 1
    assert len(mailbox.to("henk@example.nl")) == 1
    email.refresh_from_db()
    assert email.state == OutboundEmail.State.SENT
    assert case.events.filter(type=EventType.ACKNOWLEDGED).count() == 1


def test_a_process_that_dies_after_commit_leaves_the_mail_in_the_outbox(
    world: None, smtp_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if the process was killed between commit and sending: the after-commit send never runs.
    monkeypatch.setattr(outbox.transaction, "on_commit", lambda *args, **kwargs: None)
    result = services.case_intake(scope=scope_for_public_web(), request=intake_request())
    assert smtp_server.messages == []
    assert OutboundEmail.objects.get().state == OutboundEmail.State.PENDING

    run_due_work()

    assert len(smtp_server.to("henk@example.nl")) == 1
    assert result.case.events.filter(type=EventType.ACKNOWLEDGED).exists()


def test_a_retry_later_waits_its_turn(world: None, no_smtp_server: int) -> None:
    services.case_intake(scope=scope_for_public_web(), request=intake_request())
    email = OutboundEmail.objects.get()
    assert email.next_attempt_at > timezone.now()
    assert run_due_work().emails_sent == 0
    email.refresh_from_db()
    assert email.attempts == 1


def test_no_acknowledgement_without_an_email_address(world: None, smtp_server: Any) -> None:
    services.case_intake(scope=scope_for_public_web(), request=intake_request(email=""))
    assert OutboundEmail.objects.count() == 0
