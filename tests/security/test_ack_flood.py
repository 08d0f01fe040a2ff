"""At most one acknowledgement e-mail per address per window from the public form (issue 11):
anyone may type anyone's address. The case is registered all the same, and the
acknowledgement (Awb 9:6) stays owed and visible to staff until someone sends it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from regie.accounts.scope import scope_for_user
from regie.cases import deadlines as case_deadlines
from regie.cases import services
from regie.cases.models import Case
from regie.notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db(transaction=True)

VICTIM = "slachtoffer@example.org"


@pytest.fixture(autouse=True)
def _window(settings: Any) -> None:
    settings.REGIE_ACK_WINDOW_MINUTES = 10


def owed(case: Case) -> bool:
    deadline = case_deadlines.current(case, case_deadlines.ACKNOWLEDGEMENT)
    assert deadline is not None
    return deadline.met_at is None


def test_a_second_form_post_to_one_address_registers_the_case_but_mails_once(
    world: None, smtp_server: Any, client: Client, form_data: Any
) -> None:
    client.post("/melden", form_data(email=VICTIM))
    response = client.post("/melden", form_data(email=VICTIM.upper()))

    first, second = Case.objects.order_by("pk")
    assert len(smtp_server.to(VICTIM)) == 1
    assert OutboundEmail.objects.count() == 1
    assert not owed(first)
    # Nothing accepted is lost: the second case is there, its acknowledgement still owed.
    assert owed(second)
    assert not second.events.filter(type="ontvangst-bevestigd").exists()
    [note] = second.events.filter(type="notitie")
    assert "geen ontvangstbevestiging gemaild" in note.payload["text"]
    assert note.actor_label == "Regie (automatisch)"
    # The resident is told honestly that no e-mail comes now.
    receipt = client.get(response["Location"]).content.decode()
    assert "Wij sturen nu geen bevestiging per e-mail" in receipt
    assert "Wij sturen een bevestiging" not in receipt


def test_staff_can_still_send_the_owed_acknowledgement(
    world: None, smtp_server: Any, client: Client, form_data: Any, login: Any
) -> None:
    client.post("/melden", form_data(email=VICTIM))
    client.post("/melden", form_data(email=VICTIM))
    second = Case.objects.order_by("pk").last()
    assert second is not None
    from regie.accounts.selectors import user_by_username

    staff = scope_for_user(user_by_username("coordinator"))

    # The check staff pages ask offers the action (it is not yet met) …
    services.case_record_acknowledgement_check(case=second, scope=staff)
    page = login("coordinator").get(f"/werk/zaken/{second.reference}").content.decode()
    assert "Interne notitie" in page
    assert "geen ontvangstbevestiging gemaild" in page
    # … and recording the letter meets it.
    services.case_record_acknowledgement(
        case=second, scope=staff, to="Dorpsstraat 1, Voorbeeld", sent_at=timezone.now()
    )
    assert not owed(second)


def test_another_address_and_an_address_after_the_window_get_their_mail(
    world: None, smtp_server: Any, client: Client, form_data: Any
) -> None:
    client.post("/melden", form_data(email=VICTIM))
    client.post("/melden", form_data(email="iemand-anders@example.org"))
    assert len(smtp_server.to("iemand-anders@example.org")) == 1

    # The first acknowledgement now lies 11 minutes back.
    OutboundEmail.objects.filter(to=VICTIM).update(
        created_at=timezone.now() - dt.timedelta(minutes=11)
    )
    client.post("/melden", form_data(email=VICTIM))

    assert len(smtp_server.to(VICTIM)) == 2
    assert not any(owed(case) for case in Case.objects.all())


def test_api_intakes_are_not_limited(world: None, smtp_server: Any, api_for: Any) -> None:
    api = api_for("GM9901")
    body = {
        "municipality": "GM9901",
        "kind": "klacht",
        "channel": "api",
        "description": "De taxi kwam niet.",
        "submitter": {"name": "Anna de Boer", "email": VICTIM},
    }
    for _ in range(2):
        assert api.post("/api/v1/cases", body, format="json").status_code == 201

    assert len(smtp_server.to(VICTIM)) == 2
    assert not any(owed(case) for case in Case.objects.all())


def test_window_zero_turns_it_off(
    world: None, smtp_server: Any, client: Client, form_data: Any, settings: Any
) -> None:
    settings.REGIE_ACK_WINDOW_MINUTES = 0
    for _ in range(2):
        client.post("/melden", form_data(email=VICTIM))

    assert len(smtp_server.to(VICTIM)) == 2
