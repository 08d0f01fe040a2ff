"""The municipality keeps outsourced work in view: when a provider lets a term pass, the
coordinator hears it (the daily mail) and sees it (the worklist)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.cases import services
from regie.cases.digest import digest_send
from regie.directory.models import Municipality, Organisation
from regie.notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db

NL = ZoneInfo("Europe/Amsterdam")


def forwarded_long_ago(received: dt.datetime) -> Any:
    case = services.case_intake(
        scope=scope_for_public_web(),
        request=services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind="hulpvraag",
            channel="web",
            domain="wmo",
            description="Mijn huishoudelijke hulp komt steeds niet.",
            received_at=received,
            submitter=services.Person(name="Jan Jansen", phone="0612345678"),
        ),
        at=received,
    ).case
    coordinator = scope_for_user(User.objects.get(username="coordinator"))
    return services.case_hand_over(
        case=case,
        scope=coordinator,
        organisation=Organisation.objects.get(slug="het-anker"),
        reason="Voor Het Anker.",
        at=received + dt.timedelta(hours=1),
    )


def test_a_provider_past_its_term_is_a_warning_to_the_coordinator(world: None) -> None:
    case = forwarded_long_ago(dt.datetime(2026, 11, 2, 10, tzinfo=NL))
    # First contact was due within 3 working days; on Wednesday 11 November it is late.
    now = dt.datetime(2026, 11, 11, 7, 30, tzinfo=NL)

    digest_send(now=now)

    warning = OutboundEmail.objects.get(to="coordinator@regie.example", subject__startswith="Toe")
    assert warning.subject == "Toezicht: 1 zaak te laat bij een aanbieder"
    assert case.reference in warning.body
    assert "Thuiszorg Het Anker" in warning.body
    assert digest_send(now=now) == 0  # once a day


def test_the_worklist_flags_it_and_lists_work_with_providers(login: Any) -> None:
    case = forwarded_long_ago(dt.datetime(2026, 11, 2, 10, tzinfo=NL))

    page = login("coordinator").get("/werk?wachtrij=organisations").content.decode()

    assert case.reference in page
    assert "te laat bij de aanbieder" in page
