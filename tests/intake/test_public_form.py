"""The public form at /melden, driven like a browser would: GET, POST, follow the redirect."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from regie.cases.models import Case, Event, EventType
from regie.directory.models import Municipality, Organisation

pytestmark = pytest.mark.usefixtures("world")


def test_the_form_offers_the_four_choices_in_resident_words(client: Client) -> None:
    page = client.get("/melden").content.decode()
    for words in (
        "Ik wil een klacht indienen",
        "Ik heb hulp nodig",
        "Ik maak me zorgen over iemand",
        "Ik wil een probleem melden",
    ):
        assert words in page
    assert "Gemeente Aa en Zee" in page
    assert "Gemeente Hooglanden" in page


@pytest.mark.parametrize(
    ("kind", "prefix"),
    [("klacht", "KL"), ("hulpvraag", "HV"), ("melding", "ML"), ("signaal", "SG")],
)
def test_a_valid_submission_creates_a_case_and_redirects_to_the_receipt(
    client: Client, form_data: Any, kind: str, prefix: str
) -> None:
    response = client.post("/melden", form_data(kind=kind))

    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/melden/ontvangen/{case.status_token}"
    assert case.kind == kind
    assert case.channel == "web"
    assert case.reference.startswith(f"{prefix}-")
    assert case.municipality.code == "GM9901"
    assert case.submitter_name == "Anna de Boer"
    receipt = client.get(response["Location"])
    assert case.reference in receipt.content.decode()
    assert f"/status/{case.status_token}" in receipt.content.decode()


def test_the_receipt_says_no_email_was_sent_when_none_was_given(
    client: Client, form_data: Any
) -> None:
    response = client.post("/melden", form_data(email="", phone="06 12345678"), follow=True)

    assert "U krijgt geen bevestiging per e-mail" in response.content.decode()


def test_an_anonymous_klacht_is_registered_as_a_signal_never_refused(
    client: Client, form_data: Any
) -> None:
    # Awb 9:4 asks a name of a complaint; without one it is still acted on (9:2, LEGAL.md §1).
    response = client.post("/melden", form_data(kind="klacht", anonymous="on"))

    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.kind, case.submitter_anonymous) == ("signaal", True)
    assert case.submitter_email == ""
    receipt = client.get(response["Location"]).content.decode()
    assert "Een klacht zonder naam kunnen wij niet als klacht behandelen" in receipt


def test_a_klacht_without_name_asks_for_it_or_the_anonymous_choice(
    client: Client, form_data: Any
) -> None:
    response = client.post("/melden", form_data(kind="klacht", name="", email=""))

    page = response.content.decode()
    assert "Of kies &quot;Ik wil anoniem blijven&quot;" in page
    assert "Vul een e-mailadres, telefoonnummer of adres in" in page
    assert not Case.objects.exists()


def test_a_letter_style_complaint_with_only_a_postal_address_is_accepted(
    client: Client, form_data: Any
) -> None:
    response = client.post(
        "/melden",
        form_data(
            email="",
            street="Kerkstraat",
            house_number="12a",
            postcode="1991ab",
            city="Aa en Zee",
        ),
    )

    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.kind, case.procedure) == ("klacht", "schriftelijk")
    assert case.postal_address == "Kerkstraat 12a, 1991 AB Aa en Zee"


def test_an_incomplete_or_wrong_address_is_a_form_error(client: Client, form_data: Any) -> None:
    response = client.post(
        "/melden", form_data(street="Kerkstraat", house_number="", postcode="1234 SS", city="X")
    )

    page = response.content.decode()
    assert "Vul het huisnummer in." in page
    assert "Vul een postcode in zoals 1234 AB." in page
    assert not Case.objects.exists()


def test_an_anonymous_signaal_is_accepted_without_contact_details(
    client: Client, form_data: Any
) -> None:
    response = client.post(
        "/melden",
        form_data(kind="signaal", anonymous="on", name="Wordt weggelaten", email="x@example.org"),
    )

    assert response.status_code == 302
    case = Case.objects.get()
    assert case.submitter_anonymous
    assert case.submitter_name == ""
    assert case.submitter_email == ""


def test_a_missing_description_is_a_form_error_linked_from_the_summary(
    client: Client, form_data: Any
) -> None:
    response = client.post("/melden", form_data(description="   "))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Beschrijf wat er aan de hand is." in page
    assert 'href="#id_description"' in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_description_helptext id_description_error"' in page
    assert "<title>Fout: " in page
    assert not Case.objects.exists()


def test_a_klacht_without_a_name_asks_for_the_name(client: Client, form_data: Any) -> None:
    response = client.post("/melden", form_data(name=""))

    assert "Vul uw naam in." in response.content.decode()
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("municipality", "GM0000", "Kies een gemeente uit de lijst."),
        ("municipality", "", "Kies uw gemeente."),
        ("kind", "bezwaar", "Kies een van de mogelijkheden"),
        ("kind", "", "Kies wat u wilt doen."),
        ("domain", "belastingen", "Kies een van de mogelijkheden bij"),
        ("about", "bestaat-niet", "Kies een organisatie uit de lijst."),
        ("email", "geen-adres", "Vul een geldig e-mailadres in"),
        ("description", "x" * 20_001, "Uw tekst is te lang"),
        ("description", "nul\x00byte", "onzichtbaar teken"),
    ],
)
def test_bogus_values_are_form_errors_and_change_nothing(
    client: Client, form_data: Any, field: str, value: str, message: str
) -> None:
    response = client.post("/melden", form_data(**{field: value}))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Case.objects.exists()
    assert not Event.objects.exists()


def test_an_organisation_is_recorded_as_what_the_case_is_about(
    client: Client, form_data: Any
) -> None:
    client.post("/melden", form_data(about="het-anker"))

    assert Case.objects.get().about.slug == "het-anker"


def test_someone_reporting_for_another_person_is_recorded(client: Client, form_data: Any) -> None:
    client.post(
        "/melden",
        form_data(
            kind="hulpvraag",
            for_someone_else="on",
            on_behalf_of_name="Jan de Boer",
            on_behalf_of_relation="mantelzorger",
        ),
    )

    case = Case.objects.get()
    assert case.on_behalf_of_name == "Jan de Boer"
    assert case.on_behalf_of_relation == "mantelzorger"


def test_ticking_for_someone_else_without_details_asks_for_them(
    client: Client, form_data: Any
) -> None:
    response = client.post("/melden", form_data(for_someone_else="on"))

    assert "Vul de naam in van de persoon voor wie u dit meldt" in response.content.decode()
    assert not Case.objects.exists()


def test_the_received_event_records_the_public_website_as_actor(
    client: Client, form_data: Any
) -> None:
    client.post("/melden", form_data())

    event = Event.objects.get(type=EventType.RECEIVED)
    assert event.actor_label == "Inwoner (website)"
    assert event.actor_user is None


def test_the_organisation_list_narrows_to_the_chosen_municipality(client: Client) -> None:
    response = client.get("/melden/organisaties", {"municipality": "GM9902"})

    page = response.content.decode()
    assert 'id="about-field"' in page
    assert "Thuiszorg Het Anker" in page
    assert "De gemeente zelf" in page


def test_all_problems_show_at_once_also_the_anonymity_rule(client: Client, form_data: Any) -> None:
    response = client.post(
        "/melden", form_data(kind="hulpvraag", anonymous="on", description="", municipality="")
    )

    page = response.content.decode()
    assert "Er zijn 3 problemen" in page
    assert "Kies uw gemeente." in page
    assert "Beschrijf wat er aan de hand is." in page
    assert "Een hulpvraag kan niet anoniem" in page
    assert not Case.objects.exists()


def test_the_start_page_links_preselect_what_the_resident_wants(client: Client) -> None:
    home = client.get("/").content.decode()
    assert 'href="/melden?soort=hulpvraag"' in home

    page = client.get("/melden?soort=hulpvraag").content.decode()

    assert 'value="hulpvraag" class="utrecht-radio-button' in page
    assert re.search(r'<input[^>]*value="hulpvraag"[^>]*checked', page)
    assert not re.search(r'<input[^>]*value="klacht"[^>]*checked', page)


def test_an_organisation_that_does_not_serve_the_municipality_is_explained(
    client: Client, form_data: Any
) -> None:
    only_hooglanden = Organisation.objects.create(
        slug="alleen-hooglanden", name="Zorg Hooglanden", kind="aanbieder", domains=["wmo"]
    )
    only_hooglanden.municipalities.set([Municipality.objects.get(code="GM9902")])

    response = client.post("/melden", form_data(municipality="GM9901", about="alleen-hooglanden"))

    assert "Deze organisatie werkt niet voor deze gemeente." in response.content.decode()
    assert not Case.objects.exists()
