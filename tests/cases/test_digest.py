"""The daily digest per handler and per team: what is overdue and what falls due soon."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from regie.accounts.scope import scope_for_user
from regie.cases import services
from regie.cases.digest import digest_send
from regie.directory.models import Municipality, Team
from regie.notifications.models import OutboundEmail
from regie.notifications.outbox import outbox_deliver_due

pytestmark = pytest.mark.django_db(transaction=True)

NL = ZoneInfo("Europe/Amsterdam")


def complaint(received: dt.datetime, subject: str) -> Any:
    kcc = scope_for_user(User.objects.get(username="kcc"))
    case = services.case_intake(
        scope=kcc,
        request=services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind="klacht",
            channel="telefoon",
            description="Klacht over de bejegening aan de balie.",
            subject=subject,
            received_at=received,
            submitter=services.Person(name="Joke Smit", phone="0612345678"),
        ),
    ).case
    behandelaar = User.objects.get(username="behandelaar")
    team = Team.objects.get(municipality__code="GM9901", slug="klachten")
    services.case_assign(
        case=case,
        scope=scope_for_user(User.objects.get(username="coordinator")),
        team=team,
        handler=behandelaar,
    )
    return case


def test_handlers_and_team_mailboxes_get_one_digest_per_working_day(
    world: None, smtp_server: Any
) -> None:
    Team.objects.filter(slug="klachten", municipality__code="GM9901").update(
        email="klachten@aaenzee.example"
    )
    now = dt.datetime(2026, 5, 5, 7, 30, tzinfo=NL)  # Tuesday 5 May 2026 is Liberation Day
    assert digest_send(now=now) == 0

    late = complaint(
        dt.datetime(2026, 3, 10, 9, tzinfo=NL), "Te laat"
    )  # first contact long overdue
    now = dt.datetime(2026, 5, 6, 7, 30, tzinfo=NL)
    assert digest_send(now=now) == 2
    assert digest_send(now=now) == 0  # a second scheduler run writes nothing new
    outbox_deliver_due()

    [mail] = smtp_server.to("behandelaar@regie.example")
    text = mail.get_payload(decode=True).decode()
    assert "TE LAAT" in text
    assert late.reference in text
    assert f"/werk/zaken/{late.reference}" in text
    assert len(smtp_server.to("klachten@aaenzee.example")) == 1


def test_no_digest_before_the_digest_hour_or_at_the_weekend(world: None) -> None:
    complaint(dt.datetime(2026, 3, 10, 9, tzinfo=NL), "x")
    assert digest_send(now=dt.datetime(2026, 5, 6, 6, 59, tzinfo=NL)) == 0
    assert digest_send(now=dt.datetime(2026, 5, 9, 9, 0, tzinfo=NL)) == 0  # Saturday
    assert OutboundEmail.objects.filter(purpose="digest").count() == 0


def test_met_deadlines_are_left_out(world: None) -> None:
    case = complaint(dt.datetime(2026, 4, 27, 9, tzinfo=NL), "Gebeld")
    services.case_record_contact(
        case=case,
        scope=scope_for_user(User.objects.get(username="behandelaar")),
        at=dt.datetime(2026, 4, 28, 9, tzinfo=NL),
        summary="Gebeld, opgelost.",
    )
    # Friday 1 May: the acknowledgement (due Monday 4 May) is near; first contact was met.
    digest_send(now=dt.datetime(2026, 5, 1, 8, tzinfo=NL))
    body = OutboundEmail.objects.get(purpose="digest", to="behandelaar@regie.example").body
    assert "Ontvangstbevestiging" in body
    assert "Eerste contact" not in body
