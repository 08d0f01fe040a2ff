"""Staff quick capture at /werk/nieuw: one screen, only kind and description required."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from regie.cases.models import Case


def test_quick_capture_with_only_kind_and_description_works(login: Any) -> None:
    client = login("kcc")

    response = client.post(
        "/werk/nieuw", {"kind": "signaal", "description": "Buurvrouw belt: trap onveilig."}
    )

    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/werk/zaken/{case.reference}"
    assert case.channel == "telefoon"
    assert case.municipality.code == "GM9901"
    assert case.domain == "overig"
    assert case.urgency == "normaal"
    assert case.submitter_anonymous
    assert case.events.get(type="ontvangen").actor_label == "Kim de Vries"
    assert f"Vastgelegd als {case.reference}." in client.get(response["Location"]).content.decode()


def test_the_form_starts_on_the_description_with_sensible_defaults(login: Any) -> None:
    page = login("behandelaar").get("/werk/nieuw").content.decode()

    description = re.search(r'<textarea[^>]*name="description"[^>]*>', page)
    assert description is not None
    assert "autofocus" in description.group(0)
    assert '<option value="telefoon" selected>' in page
    assert '<option value="GM9901" selected>' in page


def test_a_team_member_defaults_to_the_team_municipality(login: Any) -> None:
    page = login("hooglanden").get("/werk/nieuw").content.decode()

    assert '<option value="GM9902" selected>' in page
    assert 'value="GM9901"' not in page


def test_a_klacht_by_phone_without_a_name_is_registered_as_a_signal(login: Any) -> None:
    # Never refused (Awb 9:2), but without a name it is no Awb complaint (9:4).
    client = login("kcc")
    response = client.post("/werk/nieuw", {"kind": "klacht", "description": "Boos."})

    case = Case.objects.get()
    assert response.status_code == 302
    assert case.kind == "signaal"
    page = client.get(response["Location"]).content.decode()
    assert "Een klacht zonder naam is vastgelegd als signaal" in page


def test_a_help_request_still_needs_the_residents_name(login: Any) -> None:
    response = login("kcc").post("/werk/nieuw", {"kind": "hulpvraag", "description": "Hulp."})

    assert response.status_code == 200
    assert "Vul de naam van de inwoner in." in response.content.decode()
    assert not Case.objects.exists()


def test_an_oral_complaint_with_a_name_and_address_is_flagged_as_oral(login: Any) -> None:
    response = login("kcc").post(
        "/werk/nieuw",
        {
            "kind": "klacht",
            "description": "De balie was onvriendelijk.",
            "channel": "balie",
            "name": "Gerda Smit",
            "street": "Dorpsweg",
            "house_number": "3",
            "postcode": "1992 CD",
            "city": "Aa en Zee",
        },
    )

    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.kind, case.procedure) == ("klacht", "mondeling")
    assert case.postal_address == "Dorpsweg 3, 1992 CD Aa en Zee"


def test_a_full_capture_records_channel_contact_domain_and_urgency(login: Any) -> None:
    login("kcc").post(
        "/werk/nieuw",
        {
            "kind": "hulpvraag",
            "description": "Meneer redt het niet meer thuis.",
            "channel": "balie",
            "municipality": "GM9901",
            "name": "Piet Klaassen",
            "phone": "0201234567",
            "domain": "wmo",
            "urgency": "spoed",
        },
    )

    case = Case.objects.get()
    assert (case.kind, case.channel, case.domain, case.urgency) == (
        "hulpvraag",
        "balie",
        "wmo",
        "spoed",
    )
    assert case.submitter_name == "Piet Klaassen"
    assert case.submitter_phone == "0201234567"


def test_a_municipality_outside_the_users_scope_is_a_form_error(login: Any) -> None:
    response = login("kcc").post(
        "/werk/nieuw", {"kind": "signaal", "description": "x", "municipality": "GM9902"}
    )

    assert response.status_code == 200
    assert "Kies een gemeente uit de lijst." in response.content.decode()
    assert not Case.objects.exists()


def test_quick_capture_requires_login(world: None, client: Client) -> None:
    response = client.get("/werk/nieuw")

    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen")
