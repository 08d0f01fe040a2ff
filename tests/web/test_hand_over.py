"""Handing a case over on the case page: to another team, to a provider, and the warning
when a case goes from hand to hand."""

from __future__ import annotations

from typing import Any

from regie.cases.models import Case, EventType
from regie.cases.services import Person
from regie.directory.models import Team
from tests.pages import field_error


def test_a_coordinator_forwards_a_case_to_a_provider(login: Any, new_case: Any) -> None:
    case: Case = new_case(
        kind="hulpvraag", domain="wmo", submitter=Person(name="Anna", phone="0612345678")
    )
    client = login("coordinator")

    response = client.post(
        f"/werk/zaken/{case.reference}/overdragen",
        {"to": "organisatie-het-anker", "hand_over_reason": "Huishoudelijke hulp doet Het Anker."},
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.handling_organisation is not None
    assert case.handling_organisation.slug == "het-anker"
    page = client.get(f"/werk/zaken/{case.reference}").content.decode()
    assert "doorgestuurd naar Thuiszorg Het Anker" in page
    assert "nog niet geaccepteerd" in page
    assert "Overgedragen aan Thuiszorg Het Anker" in page


def test_twice_handed_over_shows_the_bounced_flag_on_the_page_and_the_worklist(
    login: Any, new_case: Any
) -> None:
    case: Case = new_case(kind="melding", domain="overig")
    client = login("coordinator")
    for slug in ("wmo", "jeugd"):
        team = Team.objects.get(municipality__code="GM9901", slug=slug)
        client.post(
            f"/werk/zaken/{case.reference}/overdragen",
            {"to": f"team-{team.pk}", "hand_over_reason": "Hoort daar."},
        )

    page = client.get(f"/werk/zaken/{case.reference}").content.decode()
    worklist = client.get("/werk?wachtrij=all").content.decode()

    assert case.events.filter(type=EventType.HANDED_OVER).count() == 2
    assert "van hand tot hand" in page
    assert "van hand tot hand (2 keer)" in worklist


def test_a_hand_over_needs_a_reason_and_a_destination(login: Any, new_case: Any) -> None:
    case: Case = new_case()

    response = login("coordinator").post(f"/werk/zaken/{case.reference}/overdragen", {})

    page = response.content.decode()
    assert response.status_code == 200
    assert field_error(page, "to") == "Kies een team of een organisatie."
    assert field_error(page, "hand_over_reason") == "Schrijf op waarom."
    assert not case.events.filter(type=EventType.HANDED_OVER).exists()


def test_a_provider_user_gets_404_for_the_hand_over(login: Any, new_case: Any) -> None:
    case: Case = new_case(about="het-anker")
    response = login("anker").post(
        f"/werk/zaken/{case.reference}/overdragen",
        {"to": "organisatie-de-linde", "hand_over_reason": "x"},
    )
    assert response.status_code in (302, 404)
    assert not case.events.filter(type=EventType.HANDED_OVER).exists()
