"""The staff case page: scope, assigning, notes, and the timeline they leave behind."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from regie.accounts.scope import scope_for_user
from regie.accounts.selectors import user_by_username
from regie.cases import services
from regie.cases.models import Case, EventType
from regie.cases.services import Person
from regie.directory.models import Team


def test_a_user_of_another_municipality_gets_404_not_403(login: Any, new_case: Any) -> None:
    case = new_case(municipality="GM9901", subject="Geheim onderwerp")

    response = login("hooglanden").get(f"/werk/zaken/{case.reference}")

    assert response.status_code == 404
    assert "Geheim onderwerp" not in response.content.decode()


def test_an_unknown_reference_is_also_404(login: Any) -> None:
    assert login("behandelaar").get("/werk/zaken/KL-2026-999999").status_code == 404


def test_the_case_page_requires_login(client: Client, new_case: Any) -> None:
    case = new_case()

    response = client.get(f"/werk/zaken/{case.reference}")

    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen?next=")


def test_the_case_page_shows_contact_details_and_the_timeline(login: Any, new_case: Any) -> None:
    case = new_case(
        kind="klacht",
        submitter=Person(name="Anna de Boer", email="anna@example.org", phone="0612"),
    )

    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()

    assert "Anna de Boer" in page
    assert "anna@example.org" in page
    assert case.description in page
    assert "Ontvangen via website" in page


def test_a_provider_user_cannot_open_a_case_about_another_provider(
    login: Any, new_case: Any
) -> None:
    case = new_case(about="de-linde")

    client = login("anker")
    assert client.get(f"/werk/zaken/{case.reference}", follow=True).status_code == 404
    assert client.get(f"/aanbieder/zaken/{case.reference}").status_code == 404


def test_assigning_to_a_team_and_handler_appends_an_event(login: Any, new_case: Any) -> None:
    case = new_case()
    team = Team.objects.get(municipality__code="GM9901", slug="klachten")
    client = login("behandelaar")
    handler_id = client.session["_auth_user_id"]

    response = client.post(
        f"/werk/zaken/{case.reference}/toewijzen", {"team": team.pk, "handler": handler_id}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/werk/zaken/{case.reference}"
    case.refresh_from_db()
    assert case.handling_team == team
    assert str(case.handler_id) == handler_id
    assert case.status == "in-behandeling"
    assert case.events.filter(type=EventType.ASSIGNED).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "is toegewezen aan Sanne Jansen" in page
    assert "Behandelaar: Sanne Jansen" in page


def test_a_team_of_another_municipality_is_a_form_error(login: Any, new_case: Any) -> None:
    case = new_case()
    foreign = Team.objects.get(municipality__code="GM9902", slug="klachten")

    response = login("behandelaar").post(
        f"/werk/zaken/{case.reference}/toewijzen", {"team": foreign.pk}
    )

    assert response.status_code == 200
    assert "Kies een team uit de lijst." in response.content.decode()
    assert not case.events.filter(type=EventType.ASSIGNED).exists()


def test_the_handler_list_offers_only_staff_of_the_case_municipality(
    login: Any, new_case: Any
) -> None:
    case = new_case()

    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()

    assert "Sanne Jansen" in page
    assert "Fatima Yilmaz" not in page  # works for Hooglanden
    assert "Peter Smit" not in page  # works for a provider
    assert "Tom Peters" not in page  # council member


def test_a_provider_user_cannot_assign_and_gets_404(login: Any, new_case: Any) -> None:
    case = new_case(about="het-anker")
    client = login("anker")

    page = client.get(f"/werk/zaken/{case.reference}").content.decode()
    response = client.post(f"/werk/zaken/{case.reference}/toewijzen", {"handler": "1"})

    assert "Toewijzen" not in page
    assert response.status_code == 404
    assert not case.events.filter(type=EventType.ASSIGNED).exists()


def test_an_internal_note_is_added_to_the_timeline(login: Any, new_case: Any) -> None:
    case = new_case()
    client = login("behandelaar")

    response = client.post(f"/werk/zaken/{case.reference}/notitie", {"text": "Teruggebeld."})

    assert response.status_code == 302
    note = case.events.get(type=EventType.NOTE_ADDED)
    assert note.payload == {"text": "Teruggebeld."}
    assert note.actor_label == "Sanne Jansen"
    page = client.get(f"/werk/zaken/{case.reference}").content.decode()
    assert "Teruggebeld." in page
    assert "Uw notitie staat in de tijdlijn." in page


def test_an_empty_note_is_a_form_error(login: Any, new_case: Any) -> None:
    case = new_case()

    response = login("behandelaar").post(f"/werk/zaken/{case.reference}/notitie", {"text": " "})

    assert response.status_code == 200
    assert "Schrijf eerst een notitie." in response.content.decode()
    assert not case.events.filter(type=EventType.NOTE_ADDED).exists()


def test_a_note_on_a_case_outside_scope_is_404_and_changes_nothing(
    login: Any, new_case: Any
) -> None:
    case = new_case(municipality="GM9901")

    response = login("hooglanden").post(f"/werk/zaken/{case.reference}/notitie", {"text": "x"})

    assert response.status_code == 404
    assert not case.events.filter(type=EventType.NOTE_ADDED).exists()


@pytest.mark.parametrize("path", ["toewijzen", "notitie"])
def test_the_actions_accept_post_only(login: Any, new_case: Any, path: str) -> None:
    case: Case = new_case()

    assert login("behandelaar").get(f"/werk/zaken/{case.reference}/{path}").status_code == 405


def test_the_timeline_explains_deadlines_contact_and_postponement_in_dutch(
    login: Any, new_case: Any
) -> None:
    case = new_case(kind="klacht", submitter=Person(name="Anna", phone="0612345678"))
    handler = user_by_username("behandelaar")
    scope = scope_for_user(handler)
    services.case_record_contact(case=case, scope=scope, at=timezone.now(), summary="Gebeld.")
    services.case_postpone(
        case=case, scope=scope, notice_sent_on=timezone.localdate(), reason="Dossier opvragen."
    )

    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()

    assert "Termijn berekend: Afhandeling van de klacht" in page
    assert "Klacht over de gemeente (Awb)" in page
    assert "Contact met de indiener" in page
    assert "Behandeling verdaagd" in page
    assert "Reden: Dossier opvragen." in page
    assert "Hoe is deze datum berekend?" in page


def test_every_showing_of_the_case_page_is_in_the_access_log(login: Any, new_case: Any) -> None:
    from regie.privacy.models import AccessLog

    case = new_case(municipality="GM9901")
    login("behandelaar").get(f"/werk/zaken/{case.reference}")
    login("hooglanden").get(f"/werk/zaken/{case.reference}")  # 404: nothing was shown

    [entry] = AccessLog.objects.filter(action=AccessLog.Action.VIEWED)
    assert entry.case_id == case.pk
    assert entry.user is not None
    assert entry.user.username == "behandelaar"
    assert entry.action == "bekeken"
    assert entry.purpose == f"/werk/zaken/{case.reference}"
