"""Moving a case along its workflow on the case page and through the API: the steps the
table allows are offered, a step it does not allow is refused with a Dutch message (a form
error, or a 409 problem), and the resident's status page tells the step without the reason."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from regie.accounts.scope import scope_for_user
from regie.cases import services
from regie.cases.models import Case, Event, EventType
from regie.directory.models import Organisation
from tests.api.openapi import assert_matches_openapi
from tests.pages import field_error

pytestmark = pytest.mark.django_db

ANNA = services.Person(name="Anna de Boer", email="anna@example.org", phone="0612345678")


def offered_steps(page: str) -> list[str]:
    return re.findall(r'<input type="radio" name="to" value="([^"]+)"', page)


def test_a_new_complaint_offers_the_conversation_first(login: Any, new_case: Any) -> None:
    case = new_case(kind="klacht", submitter=ANNA)

    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()

    assert 'id="volgende-stap"' in page
    steps = offered_steps(page)
    assert steps[0] == "in-gesprek"
    assert set(steps) == {"in-gesprek", "in-behandeling", "formeel", "ingetrokken"}
    assert 'id="escaleren"' in page  # escalation has its own action, with level and term


def test_a_handler_moves_a_complaint_to_formal_handling(login: Any, new_case: Any) -> None:
    case = new_case(kind="klacht", submitter=ANNA)
    client = login("behandelaar")

    response = client.post(
        f"/werk/zaken/{case.reference}/volgende-stap",
        {"to": "formeel", "move_reason": "Mevrouw wil een formele behandeling."},
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "formeel"
    event = case.events.get(type=EventType.STATUS_CHANGED)
    assert event.payload == {
        "from": "ontvangen",
        "to": "formeel",
        "reason": "Mevrouw wil een formele behandeling.",
    }
    page = client.get(response["Location"]).content.decode()
    assert f"{case.reference} staat nu op: formele klachtbehandeling." in page
    assert "Mevrouw wil een formele behandeling." in page  # the staff timeline
    assert "hoorzitting" not in offered_steps(page)  # the hearing is offered with a date
    assert 'id="horen-aanbieden"' in page

    status_page = Client().get(f"/status/{case.status_token}").content.decode()
    assert "Wij behandelen uw klacht volgens de klachtregeling." in status_page
    assert "Mevrouw wil een formele behandeling." not in status_page


def test_a_step_the_workflow_does_not_allow_is_a_form_error(login: Any, new_case: Any) -> None:
    case = new_case(kind="klacht", submitter=ANNA)
    client = login("behandelaar")

    response = client.post(f"/werk/zaken/{case.reference}/volgende-stap", {"to": "gesloten"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Een klacht die ontvangen is, kan niet naar gesloten." in page
    assert 'href="#volgende-stap"' in page  # the error summary leads to the section
    unknown = client.post(f"/werk/zaken/{case.reference}/volgende-stap", {"to": "weg"})
    assert field_error(unknown.content.decode(), "to") == "Kies een van de stappen hieronder."
    assert not case.events.filter(type=EventType.STATUS_CHANGED).exists()


def test_withdrawing_without_a_reason_asks_for_one(login: Any, new_case: Any) -> None:
    case = new_case(kind="klacht", submitter=ANNA)

    response = login("behandelaar").post(
        f"/werk/zaken/{case.reference}/volgende-stap", {"to": "ingetrokken", "move_reason": ""}
    )

    assert response.status_code == 200
    assert field_error(response.content.decode(), "move_reason") == (
        "Schrijf op hoe en waarom de indiener de zaak heeft ingetrokken."
    )
    case.refresh_from_db()
    assert case.status == "ontvangen"


def test_a_concluded_complaint_offers_follow_up_the_ombudsman_and_reopening(
    login: Any, new_case: Any
) -> None:
    case = new_case(kind="klacht", submitter=ANNA)
    staff = scope_for_user(User.objects.get(username="behandelaar"))
    services.case_conclude(case=case, scope=staff, outcome="opgelost", summary="Gebeld.")

    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()

    assert offered_steps(page) == ["in-behandeling", "gesloten"]
    assert 'id="nazorg-plannen"' in page  # the follow-up is planned with a date
    assert 'id="ombudsman"' in page  # the ombudsman has its own action
    assert "Heropenen" in page


def test_a_colleague_who_was_first_gets_the_reason_not_an_error_page(
    login: Any, new_case: Any
) -> None:
    """The page offered 'formeel', but a colleague withdrew the complaint meanwhile."""
    case = new_case(kind="klacht", submitter=ANNA)
    staff = scope_for_user(User.objects.get(username="behandelaar"))
    client = login("behandelaar")
    client.get(f"/werk/zaken/{case.reference}")
    services.case_move(case=case, scope=staff, to="ingetrokken", reason="Telefonisch.")

    response = client.post(f"/werk/zaken/{case.reference}/volgende-stap", {"to": "formeel"})

    assert response.status_code == 200
    assert "Een klacht die ingetrokken is, kan niet naar formele klachtbehandeling." in (
        response.content.decode()
    )


@pytest.fixture
def accepted(new_case: Any) -> Case:
    coordinator = scope_for_user(User.objects.get(username="coordinator"))
    case: Case = new_case(kind="hulpvraag", domain="wmo", submitter=ANNA)
    forwarded = services.case_hand_over(
        case=case,
        scope=coordinator,
        organisation=Organisation.objects.get(slug="het-anker"),
        reason="Voor Het Anker.",
    )
    anker = scope_for_user(User.objects.get(username="anker"))
    return services.case_accept(case=forwarded, scope=anker)


def test_the_api_moves_a_case_and_answers_a_disallowed_step_with_409(
    api_for: Any, accepted: Case
) -> None:
    anker = api_for("het-anker")
    url = f"/api/v1/cases/{accepted.reference}/transitions"

    own_action = anker.post(url, {"to": "geescaleerd", "reason": "Loopt vast."}, format="json")
    assert own_action.status_code == 400  # escalating is /escalations, with a level
    assert [p["name"] for p in own_action.json()["invalidParams"]] == ["to"]

    moved = anker.post(url, {"to": "ingetrokken", "reason": "Loopt vast."}, format="json")
    assert moved.status_code == 200, moved.content
    assert_matches_openapi(moved)
    assert moved.json()["status"] == "ingetrokken"

    refused = anker.post(url, {"to": "nazorg"}, format="json")
    assert refused.status_code == 409
    assert refused["Content-Type"] == "application/problem+json"
    assert "kan niet naar nazorg" in refused.json()["detail"]

    unknown = anker.post(url, {"to": "weg"}, format="json")
    assert unknown.status_code == 400
    assert [p["name"] for p in unknown.json()["invalidParams"]] == ["to"]

    no_reason = anker.post(url, {"to": "in-behandeling"}, format="json")
    assert no_reason.status_code == 400
    assert [p["name"] for p in no_reason.json()["invalidParams"]] == ["reason"]

    events = Event.objects.filter(case=accepted, type=EventType.STATUS_CHANGED)
    assert list(events.values_list("payload", flat=True)) == [
        {"from": "in-behandeling", "to": "ingetrokken", "reason": "Loopt vast."}
    ]


def test_the_api_gives_404_for_a_case_of_another_provider(api_for: Any, accepted: Case) -> None:
    response = api_for("de-linde").post(
        f"/api/v1/cases/{accepted.reference}/transitions", {"to": "geescaleerd"}, format="json"
    )
    assert response.status_code == 404
