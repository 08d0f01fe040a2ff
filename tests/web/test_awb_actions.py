"""The Awb procedure on the staff case page: the hearing (9:10), the judgement per element
(9:12) and not handling a complaint (9:8). Through the public surface only: GET the page,
POST the forms, read the status page."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from regie.accounts.scope import scope_for_user
from regie.cases import services
from regie.cases.models import Case, ComplaintJudgement, Event, EventType
from tests.pages import field_error

pytestmark = pytest.mark.django_db

ANNA = services.Person(name="Anna de Boer", email="anna@example.org")


def staff() -> services.Scope:
    return scope_for_user(User.objects.get(username="behandelaar"))


@pytest.fixture
def complaint(new_case: Any) -> Any:
    def make(weeks: float = 2, formal: bool = True) -> Case:
        case: Case = new_case(
            kind="klacht",
            submitter=ANNA,
            received_at=timezone.now() - dt.timedelta(weeks=weeks),
            description="Niemand belt mij terug en de medewerker was onbeleefd.",
        )
        if formal:
            case = services.case_move(case=case, scope=staff(), to="formeel")
        return case

    return make


def url(case: Case, slug: str = "") -> str:
    return f"/werk/zaken/{case.reference}" + (f"/{slug}" if slug else "")


def offered(page: str, field: str) -> list[str]:
    return re.findall(rf'<input type="radio" name="{field}" value="([^"]+)"', page)


def test_a_formal_complaint_offers_the_hearing_and_not_handling(login: Any, complaint: Any) -> None:
    case = complaint()
    page = login("behandelaar").get(url(case)).content.decode()

    for section in ("horen-aanbieden", "horen-vastleggen", "horen-overslaan", "niet-behandelen"):
        assert f'id="{section}"' in page, section
    assert offered(page, "skip_ground") == ["kennelijk-ongegrond", "afgezien", "geen-reactie"]
    assert len(offered(page, "refusal_ground")) == 7
    # Not handling has its own action, with its ground and its term.
    assert "niet-behandeld" not in offered(page, "outcome")
    # The judgement rows: a norm select grouped as the ombudsman groups them.
    assert page.count('name="element_') == 3
    assert '<optgroup label="Open en duidelijk">' in page
    assert '<optgroup label="Eerlijk en betrouwbaar">' in page


def test_an_informal_complaint_is_not_offered_the_hearing(login: Any, complaint: Any) -> None:
    page = login("behandelaar").get(url(complaint(formal=False))).content.decode()
    assert 'id="horen-aanbieden"' not in page
    assert 'id="horen-overslaan"' not in page


def test_a_handler_invites_the_complainant_to_be_heard(login: Any, complaint: Any) -> None:
    case = complaint()
    client = login("behandelaar")
    day = timezone.localdate() + dt.timedelta(days=7)

    response = client.post(
        url(case, "horen-aanbieden"),
        {"hearing_date": day.isoformat(), "hearing_time": "14:30", "hearing_place": "Stadhuis"},
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "hoorzitting"
    event = case.events.get(type=EventType.HEARING_OFFERED)
    assert event.payload["place"] == "Stadhuis"
    page = client.get(response["Location"]).content.decode()
    assert "om 14:30 uur staat in de tijdlijn" in page
    assert "Uitgenodigd voor het horen (Awb 9:10)" in page
    assert "Waar: Stadhuis" in page
    status_page = Client().get(f"/status/{case.status_token}").content.decode()
    assert "Wij hebben u uitgenodigd om uw klacht toe te lichten" in status_page


def test_an_invitation_without_a_place_is_an_error_and_changes_nothing(
    login: Any, complaint: Any
) -> None:
    case = complaint()
    events = Event.objects.filter(case=case).count()
    day = timezone.localdate() + dt.timedelta(days=7)

    response = login("behandelaar").post(
        url(case, "horen-aanbieden"), {"hearing_date": day.isoformat(), "hearing_time": "14:30"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert field_error(page, "hearing_place") == "Vul de plaats in, of kies telefonisch."
    assert 'href="#id_hearing_place"' in page
    assert Event.objects.filter(case=case).count() == events
    missing = login("behandelaar").post(url(case, "horen-aanbieden"), {})
    assert field_error(missing.content.decode(), "hearing_date") == (
        "Vul de datum van het gesprek in."
    )


def test_a_handler_records_the_hearing_and_its_report(login: Any, complaint: Any) -> None:
    case = complaint()
    client = login("behandelaar")

    response = client.post(
        url(case, "horen-vastleggen"),
        {"heard_on": timezone.localdate().isoformat(), "hearing_report": "Mevrouw lichtte toe."},
    )

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Indiener gehoord op" in page
    assert "Mevrouw lichtte toe." in page
    status_page = Client().get(f"/status/{case.status_token}").content.decode()
    assert "Wij hebben met u over uw klacht gesproken" in status_page
    assert "Mevrouw lichtte toe." not in status_page


def test_a_handler_records_why_the_complainant_is_not_heard(login: Any, complaint: Any) -> None:
    case = complaint()
    client = login("behandelaar")

    wrong = client.post(url(case, "horen-overslaan"), {"skip_ground": "geen-zin"})
    assert field_error(wrong.content.decode(), "skip_ground") == (
        "Kies een van de redenen uit de wet."
    )
    assert field_error(wrong.content.decode(), "skip_explanation") == (
        "Schrijf op waarom de indiener niet wordt gehoord."
    )

    response = client.post(
        url(case, "horen-overslaan"),
        {"skip_ground": "afgezien", "skip_explanation": "Mevrouw wil geen gesprek."},
    )

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Afgezien van horen" in page
    assert "De indiener wil niet gehoord worden (9:10 lid 2 b)" in page
    assert 'id="horen-overslaan"' not in page  # recorded once


def judged(**rows: str) -> dict[str, str]:
    return {"outcome": "gegrond", "conclusion": "De klacht klopt.", **rows}


ROW_1 = {
    "element_1": "Niet teruggebeld.",
    "judgement_1": "gegrond",
    "norm_1": "voortvarendheid",
    "reasons_1": "Drie weken niets gehoord.",
    "measures_1": "Wij bellen binnen twee dagen.",
}


def test_a_formal_conclusion_needs_judgements_and_the_hearing(login: Any, complaint: Any) -> None:
    case = complaint()

    response = login("behandelaar").post(url(case, "afhandelen"), judged())

    assert response.status_code == 200
    page = response.content.decode()
    assert field_error(page, "element_1") == (
        "Geef per onderdeel van de klacht uw oordeel, met de reden (Awb artikel 9:12)."
    )
    assert "De indiener is nog niet gehoord." in page
    case.refresh_from_db()
    assert case.status == "formeel"


def test_a_handler_concludes_with_a_judgement_per_element(login: Any, complaint: Any) -> None:
    case = complaint()
    services.case_record_hearing(
        case=case, scope=staff(), held_on=timezone.localdate(), report="Gehoord."
    )
    client = login("behandelaar")
    row_3 = {
        "element_3": "Onbeleefd.",
        "judgement_3": "ongegrond",
        "reasons_3": "Het gesprek was zakelijk.",
    }

    bad = client.post(url(case, "afhandelen"), judged(**ROW_1, element_3="Onbeleefd."))
    page = bad.content.decode()
    assert field_error(page, "judgement_3") == (
        "Kies een oordeel: gegrond, deels gegrond, ongegrond of geen oordeel."
    )
    assert field_error(page, "reasons_3") == "Schrijf op waarom u tot dit oordeel komt."
    contradicting = client.post(url(case, "afhandelen"), judged(**ROW_1, **row_3))
    assert field_error(contradicting.content.decode(), "outcome") == (
        "De oordelen per onderdeel komen uit op: klacht deels gegrond. Kies die uitkomst, of "
        "pas de oordelen aan."
    )
    assert not ComplaintJudgement.objects.filter(case=case).exists()

    response = client.post(
        url(case, "afhandelen"), {**judged(**ROW_1, **row_3), "outcome": "deels-gegrond"}
    )

    assert response.status_code == 302
    rows = list(ComplaintJudgement.objects.filter(case=case).order_by("position"))
    assert [(r.position, r.element, r.judgement) for r in rows] == [
        (1, "Niet teruggebeld.", "gegrond"),
        (2, "Onbeleefd.", "ongegrond"),  # the empty row in between is ignored
    ]
    page = client.get(response["Location"]).content.decode()
    assert "Onderdeel 1: Niet teruggebeld." in page
    assert "Oordeel: gegrond (norm: voortvarendheid). Drie weken niets gehoord." in page
    assert "Wat er gebeurt: Wij bellen binnen twee dagen." in page
    assert "Naar de Nationale ombudsman: uiterlijk" in page


def test_a_handler_decides_not_to_handle_a_complaint(login: Any, complaint: Any) -> None:
    case = complaint(formal=False)
    client = login("behandelaar")

    response = client.post(
        url(case, "niet-behandelen"),
        {"refusal_ground": "bezwaar", "refusal_explanation": "U kunt bezwaar maken."},
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.outcome == "niet-behandeld"
    page = client.get(response["Location"]).content.decode()
    assert "wordt niet behandeld (Awb artikel 9:8)" in page
    assert "Reden (Awb 9:8): Er was of is bezwaar mogelijk (9:8 lid 1 c)" in page


def test_after_four_weeks_not_handling_is_not_offered(login: Any, complaint: Any) -> None:
    case = complaint(weeks=5, formal=False)
    client = login("behandelaar")
    assert 'id="niet-behandelen"' not in client.get(url(case)).content.decode()

    response = client.post(
        url(case, "niet-behandelen"),
        {"refusal_ground": "bezwaar", "refusal_explanation": "U kunt bezwaar maken."},
    )

    assert response.status_code == 200
    assert "langer dan 4 weken geleden ontvangen" in response.content.decode()
    case.refresh_from_db()
    assert case.outcome == ""


def test_a_provider_user_gets_404_for_the_awb_actions(login: Any, complaint: Any) -> None:
    case = complaint()
    client = login("anker")
    for slug in ("horen-aanbieden", "horen-vastleggen", "horen-overslaan", "niet-behandelen"):
        assert client.post(url(case, slug), {}).status_code == 404, slug
