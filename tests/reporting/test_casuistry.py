"""Casuistry for a closed council session (issue 10): personal data planted in a case never
reaches the council's page or the PDF, nothing is released without approval, a person cannot
edit a planted value back in, and only the right people see anything."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.test import Client

from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.cases import services
from regie.cases.models import Case
from regie.directory.models import Municipality
from regie.learning.common import PermissionRefused
from regie.reporting import casuistry
from regie.reporting.casuistry import CasuistryError
from regie.reporting.models import CaseStory, StoryState

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
RECEIVED = dt.datetime(2025, 3, 3, 10, tzinfo=AMSTERDAM)
CONCLUDED = dt.datetime(2025, 4, 14, 12, tzinfo=AMSTERDAM)

SUBJECT = "Karin Bosman: geen hulp meer"
DESCRIPTION = (
    "Mijn naam is Karin Bosman, geboren op 12 maart 1961 (12-03-1961). Ik woon aan de "
    "Lindenlaan 14, 3521 AB Amersfoort. Mijn BSN is 123456782. Bel mij op 06-12345678 of mail "
    "naar k.bosman@example.nl. Sinds februari komt de huishoudelijke hulp niet meer, en mijn "
    "buurman Gerrit Hoekstra doet nu de boodschappen voor mijn moeder Henk Bosman."
)
# What must never reach the council: every planted value, in the forms it was planted in.
PLANTED = (
    "Karin",
    "Bosman",
    "Gerrit",
    "Hoekstra",
    "Henk",
    "Lindenlaan",
    "3521",
    "Amersfoort",
    "123456782",
    "12345678",
    "k.bosman",
    "example.nl",
    "1961",
    "12 maart",
)


def user(username: str) -> User:
    return User.objects.get(username=username)


@pytest.fixture
def case(world: None) -> Case:
    """A Wmo complaint full of personal data, concluded after six weeks."""
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind="klacht",
        domain="wmo",
        channel="web",
        received_at=RECEIVED,
        subject=SUBJECT,
        description=DESCRIPTION,
        submitter=services.Person(
            name="Karin Bosman",
            email="k.bosman@example.nl",
            phone="06-12345678",
            address=services.Address(
                street="Lindenlaan", house_number="14", postcode="3521 AB", city="Amersfoort"
            ),
        ),
        on_behalf_of_name="Henk Bosman",
        on_behalf_of_relation="zoon",
    )
    made = services.case_intake(scope=scope_for_public_web(), request=request, at=RECEIVED).case
    return services.case_conclude(
        case=made,
        scope=scope_for_user(user("coordinator")),
        outcome="opgelost",
        summary="In overleg opgelost.",
        at=CONCLUDED,
    )


def pdftotext(pdf: bytes, tmp_path: Path) -> str:
    source = tmp_path / "casuistiek.pdf"
    source.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"], capture_output=True, check=True, text=True
    )
    return result.stdout


def as_user(username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


def assert_nothing_planted(text: str, case: Case) -> None:
    for planted in (*PLANTED, case.reference):
        assert planted.lower() not in text.lower(), (planted, text)


# The story and the gate ----------------------------------------------------------------------


def test_the_draft_tells_the_case_without_the_person(case: Case) -> None:
    story = casuistry.story_draft(by=user("coordinator"), case=case, period="2025")
    assert story.state == StoryState.CONCEPT
    assert story.period == "2025"
    assert_nothing_planted(story.text, case)
    assert "Een klacht over Wmo (ondersteuning), ontvangen in maart 2025." in story.text
    assert "huishoudelijke hulp" in story.text
    assert "Opgelost in overleg" in story.text
    assert "na 6 weken afgehandeld" in story.text
    # What Regie drafted passes its own gate unchanged.
    assert casuistry.story_edit(by=user("coordinator"), story=story, text=story.text)


@pytest.mark.parametrize(
    "planted",
    [
        "Mevrouw Bosman belde opnieuw.",
        "Zij woont aan de Lindenlaan.",
        "Haar BSN is 123 456 782.",
        "Bel 06 1234 5678 voor meer.",
        "Haar adres: bosman@voorbeeld.nl",
        "Zij woont in 3521AB.",
        "Geboren op 12-03-1961.",
        f"Het kenmerk is {'{reference}'}.",
    ],
)
def test_editing_in_a_personal_value_is_refused(case: Case, planted: str) -> None:
    story = casuistry.story_draft(by=user("coordinator"), case=case, period="2025")
    before = story.text
    with pytest.raises(CasuistryError) as refused:
        casuistry.story_edit(
            by=user("coordinator"),
            story=story,
            text="De hulp kwam niet. " + planted.format(reference=case.reference),
        )
    assert "herkenbaar" in refused.value.errors["text"]
    story.refresh_from_db()
    assert story.text == before


def test_nothing_is_released_without_approval(case: Case, tmp_path: Path) -> None:
    coordinator = user("coordinator")
    story = casuistry.story_draft(by=coordinator, case=case, period="2025")
    municipality = case.municipality
    assert not casuistry.released_stories(municipality, "2025").exists()

    council = as_user("raadslid")
    assert "huishoudelijke hulp" not in council.get("/bestuur/GM9901/casuistiek").content.decode()
    pdf = council.get("/bestuur/GM9901/casuistiek-2025.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert "huishoudelijke hulp" not in pdftotext(pdf.content, tmp_path)
    assert "nog geen goedgekeurde verhalen" in pdftotext(pdf.content, tmp_path)

    casuistry.story_approve(by=coordinator, story=story)
    story.refresh_from_db()
    assert (story.state, story.approved_by) == (StoryState.GOEDGEKEURD, coordinator)
    assert list(casuistry.released_stories(municipality, "2025")) == [story]
    with pytest.raises(CasuistryError):
        casuistry.story_approve(by=coordinator, story=story)
    with pytest.raises(CasuistryError):
        casuistry.story_edit(by=coordinator, story=story, text="Een ander verhaal.")

    casuistry.story_withdraw(by=coordinator, story=story)
    assert not casuistry.released_stories(municipality, "2025").exists()
    assert "huishoudelijke hulp" not in council.get("/bestuur/GM9901/casuistiek").content.decode()
    # A withdrawn story can be drafted anew, as a concept that needs approval again.
    again = casuistry.story_draft(by=coordinator, case=case, period="2025")
    assert again.pk == story.pk
    assert (again.state, again.approved_at) == (StoryState.CONCEPT, None)
    with pytest.raises(CasuistryError) as twice:
        casuistry.story_draft(by=coordinator, case=case, period="2025")
    assert "al een verhaal" in twice.value.errors["case"]


def test_the_approved_story_reaches_the_council_without_the_person(
    case: Case, tmp_path: Path
) -> None:
    coordinator = as_user("coordinator")
    drafted = coordinator.post(
        "/bestuur/GM9901/casuistiek", {"reference": case.reference.lower(), "period": "2025"}
    )
    assert drafted.status_code == 302
    story = CaseStory.objects.get()
    assert drafted["Location"] == f"/bestuur/GM9901/casuistiek/{story.pk}"
    page = coordinator.get(drafted["Location"]).content.decode()
    assert "Tekst nalezen" in page
    edited = story.text.replace("huishoudelijke hulp", "huishoudelijke hulp (schoonmaak)")
    saved = coordinator.post(drafted["Location"], {"actie": "opslaan", "text": edited})
    assert saved.status_code == 302
    assert coordinator.post(drafted["Location"], {"actie": "goedkeuren"}).status_code == 302
    assert CaseStory.objects.get().state == StoryState.GOEDGEKEURD

    for reader in ("raadslid", "wethouder"):
        client = as_user(reader)
        page = client.get("/bestuur/GM9901/casuistiek").content.decode()
        assert "huishoudelijke hulp (schoonmaak)" in page
        assert_nothing_planted(page, case)
        pdf = client.get("/bestuur/GM9901/casuistiek-2025.pdf")
        assert pdf.status_code == 200
        assert pdf.content.startswith(b"%PDF")
        text = pdftotext(pdf.content, tmp_path)
        assert "huishoudelijke hulp" in text
        assert_nothing_planted(text, case)


# The pages: bad input ------------------------------------------------------------------------


def test_bad_input_gives_dutch_errors_and_changes_nothing(case: Case) -> None:
    coordinator = as_user("coordinator")
    unknown = coordinator.post(
        "/bestuur/GM9901/casuistiek", {"reference": "KL-1999-000001", "period": "2025"}
    ).content.decode()
    assert "Deze zaak vinden we niet bij deze gemeente" in unknown
    bad_period = coordinator.post(
        "/bestuur/GM9901/casuistiek", {"reference": case.reference, "period": "vorig jaar"}
    ).content.decode()
    assert "Deze periode kennen we niet" in bad_period
    empty = coordinator.post("/bestuur/GM9901/casuistiek", {}).content.decode()
    assert "Vul het kenmerk van de zaak in." in empty
    assert "Vul de periode in." in empty
    assert not CaseStory.objects.exists()

    story = casuistry.story_draft(by=user("coordinator"), case=case, period="2025-Q1")
    url = f"/bestuur/GM9901/casuistiek/{story.pk}"
    refused = coordinator.post(url, {"actie": "opslaan", "text": "Mevrouw Bosman belde."})
    assert refused.status_code == 200
    assert "maakt iemand herkenbaar" in refused.content.decode()
    assert coordinator.post(url, {"actie": "opslaan", "text": "  "}).status_code == 200
    assert coordinator.post(url, {"actie": "iets-anders"}).status_code == 404
    story.refresh_from_db()
    assert "Bosman" not in story.text
    assert story.state == StoryState.CONCEPT

    casuistry.story_withdraw(by=user("coordinator"), story=story)
    again = coordinator.post(url, {"actie": "goedkeuren"})
    assert again.status_code == 200
    assert "Alleen een concept kunt u goedkeuren." in again.content.decode()
    assert coordinator.get("/bestuur/GM9901/casuistiek-2025-Q5.pdf").status_code == 404


# Who -----------------------------------------------------------------------------------------


def test_only_learners_draft_and_only_the_right_people_read(case: Case) -> None:
    story = casuistry.story_draft(by=user("ombudsfunctionaris"), case=case, period="2025")
    casuistry.story_approve(by=user("coordinator"), story=story)
    urls = (
        "/bestuur/GM9901/casuistiek",
        f"/bestuur/GM9901/casuistiek/{story.pk}",
        "/bestuur/GM9901/casuistiek-2025.pdf",
    )
    # A handler, a provider's person, another municipality's coordinator, the privacy officer.
    for outsider in ("behandelaar", "anker", "coordinator-hooglanden", "privacy"):
        client = as_user(outsider)
        for url in urls:
            assert client.get(url).status_code == 404, (outsider, url)
        drafted = client.post(urls[0], {"reference": case.reference, "period": "2025"})
        assert drafted.status_code == 404
    assert as_user("coordinator-hooglanden").get("/bestuur/GM9902/casuistiek").status_code == 200
    assert Client().get(urls[0]).status_code == 302  # to the login page

    # The council reads the released story, never the case reference, and changes nothing.
    council = as_user("raadslid")
    page = council.get(urls[0]).content.decode()
    assert "Verhaal 1" in page
    assert case.reference not in page
    assert "Concept maken" not in page
    assert council.get(urls[1]).status_code == 404
    assert council.post(urls[0], {"reference": case.reference, "period": "2024"}).status_code == 404
    assert council.post(urls[1], {"actie": "intrekken"}).status_code == 404
    assert CaseStory.objects.get().state == StoryState.GOEDGEKEURD

    for outsider in ("raadslid", "behandelaar", "coordinator-hooglanden"):
        with pytest.raises(PermissionRefused):
            casuistry.story_draft(by=user(outsider), case=case, period="2024")
        with pytest.raises(PermissionRefused):
            casuistry.story_withdraw(by=user(outsider), story=story)
    assert CaseStory.objects.count() == 1


def test_known_values_cover_what_the_case_holds(case: Case) -> None:
    known = casuistry.known_values(case)
    for value in ("Karin Bosman", "Bosman", "Henk", "Lindenlaan 14", "3521AB", "0612345678"):
        assert value in known
    assert "van" not in [v.lower() for v in known]  # a particle alone would eat every "van"
