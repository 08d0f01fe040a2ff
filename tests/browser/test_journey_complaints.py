"""Journeys 1 and 2 of issue 8, in a real Chromium, with axe-core on every page on the way.

1. A complaint resolved informally by phone within a week: the handler calls, talks it
   through, concludes "opgelost in overleg" and plans the follow-up; the resident answers
   "solved" on the status page and the case is closed.
2. A letter complaint (name and postal address only) handled formally: a hearing offered and
   held, the handling postponed, a reasoned conclusion per complaint element, and the
   conclusion letter as a PDF/A that pdftotext reads, naming the ombudsman and the one-year
   term.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.utils import dateformat, timezone, translation
from pypdf import PdfReader

from regie.accounts.scope import scope_for_public_web
from regie.cases import services
from regie.cases.models import Case, EventType
from regie.demo.world import DEMO_PASSWORD
from regie.directory.models import Municipality
from regie.documents.models import Letter
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]


def long_date(day: dt.date) -> str:
    with translation.override("nl"):
        return dateformat.format(day, "j F Y")


def log_in(page: Any, username: str) -> None:
    page.goto("/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/werk"))


def complaint(*, days_ago: int, channel: str, **submitter: str) -> Case:
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind="klacht",
        channel=channel,
        subject="Traplift",
        description=(
            "Mijn traplift is al zes weken kapot. Ik heb drie keer gebeld en niemand belt "
            "terug. Ik kan niet meer naar boven."
        ),
        submitter=services.Person(**submitter),
        received_at=timezone.now() - dt.timedelta(days=days_ago),
    )
    return services.case_intake(scope=scope_for_public_web(), request=request).case


def act(page: Any, region: str, button: str) -> Any:
    """Submit the form in one region of the case page; back on the page, return it."""
    section = page.get_by_role("region", name=region)
    section.get_by_role("button", name=button).click()
    page.wait_for_url(re.compile(r"/werk/zaken/KL-"))
    return page


def test_resolved_by_phone_within_a_week_and_the_follow_up_says_solved(page: Any) -> None:
    case = complaint(days_ago=2, channel="web", name="Anna de Boer", email="anna@example.nl")

    log_in(page, "behandelaar")
    page.goto(f"/werk/zaken/{case.reference}")
    assert_accessible(page)

    contact = page.get_by_role("region", name="Contact vastleggen")
    contact.get_by_label("Wat heeft u besproken?").fill(
        "Mevrouw gebeld. De monteur komt morgen; zij krijgt het nummer van de storingsdienst."
    )
    act(page, "Contact vastleggen", "Contact vastleggen")

    move = page.get_by_role("region", name="Volgende stap")
    move.get_by_role("radio", name=re.compile("In gesprek")).check()
    move.get_by_label("Toelichting").fill("Samen met mevrouw naar een oplossing gezocht.")
    act(page, "Volgende stap", "Stap vastleggen")
    assert_accessible(page)

    conclude = page.get_by_role("region", name="Afhandelen")
    conclude.get_by_role("radio", name="Opgelost in overleg").check()
    conclude.get_by_label("Hoe is de zaak afgehandeld?").fill(
        "De traplift is gerepareerd. Mevrouw is tevreden."
    )
    act(page, "Afhandelen", "Zaak afhandelen")
    case.refresh_from_db()
    assert case.outcome == "opgelost"
    assert case.concluded_at is not None
    assert case.concluded_at - case.received_at < dt.timedelta(weeks=1)

    plan = page.get_by_role("region", name="Nazorg plannen")
    plan.get_by_label("Wanneer vragen we hoe het gaat?").fill(f"{timezone.localdate():%Y-%m-%d}")
    act(page, "Nazorg plannen", "Nazorg plannen")
    case.refresh_from_db()
    assert case.status == "nazorg"
    assert_accessible(page)
    page.context.clear_cookies()

    # The resident, on the status page from the acknowledgement.
    page.goto(f"/status/{case.status_token}")
    question = page.get_by_role("region", name="Hoe gaat het nu?")
    assert_accessible(page)
    question.get_by_role("radio", name="Ja, het is opgelost").check()
    question.get_by_role("radio", name="5 (heel goed)").check()
    question.get_by_label("Wilt u nog iets zeggen?").fill("Fijn dat er zo snel gebeld werd.")
    question.get_by_role("button", name="Antwoord versturen").click()
    page.wait_for_load_state()
    assert_accessible(page)
    assert "Sanne" not in page.content()
    assert "Jansen" not in page.content()

    case.refresh_from_db()
    assert case.status == "gesloten"
    answered = case.events.get(type=EventType.FOLLOW_UP_ANSWERED)
    assert answered.payload["solved"] is True
    follow_up = case.follow_ups.get()
    assert (follow_up.solved, follow_up.score) == (True, 5)


def pdftotext(pdf: bytes, tmp_path: Path) -> str:
    source = tmp_path / "brief.pdf"
    source.write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-layout", str(source), "-"], capture_output=True, check=True, text=True
    )
    return " ".join(done.stdout.split())


def test_formal_handling_with_hearing_postponement_and_a_reasoned_letter(
    page: Any, tmp_path: Path
) -> None:
    case = complaint(
        days_ago=14,
        channel="brief",
        name="Gerrit Mulder",
        address=services.Address(
            street="Dorpsstraat", house_number="12a", postcode="1234 AB", city="Bovenwijk"
        ),
    )
    today = timezone.localdate()

    log_in(page, "behandelaar")
    page.goto(f"/werk/zaken/{case.reference}")

    move = page.get_by_role("region", name="Volgende stap")
    move.get_by_role("radio", name=re.compile("Formele klachtbehandeling")).check()
    move.get_by_label("Toelichting").fill("Meneer wil een formele behandeling.")
    act(page, "Volgende stap", "Stap vastleggen")

    offer = page.get_by_role("region", name="Horen aanbieden")
    offer.get_by_label("Datum van het gesprek").fill(f"{today + dt.timedelta(days=7):%Y-%m-%d}")
    offer.get_by_label("Tijd van het gesprek").fill("10:00")
    offer.get_by_label("Plaats").fill("Gemeentehuis, Markt 1")
    act(page, "Horen aanbieden", "Uitnodiging vastleggen")
    assert Case.objects.get(pk=case.pk).status == "hoorzitting"
    assert_accessible(page)

    postpone = page.get_by_role("region", name="Behandeling verdagen")
    postpone.get_by_label("Waarom duurt de behandeling langer?").fill(
        "Wij wachten op het verslag van de leverancier van de traplift."
    )
    act(page, "Behandeling verdagen", "Behandeling verdagen")

    record = page.get_by_role("region", name="Horen vastleggen")
    record.get_by_label("Datum van het gesprek").fill(f"{today:%Y-%m-%d}")
    record.get_by_label("Verslag van het horen").fill(
        "Meneer vertelt dat hij drie keer belde. De consulent erkent dat hij niet terugbelde."
    )
    act(page, "Horen vastleggen", "Horen vastleggen")
    assert_accessible(page)

    conclude = page.get_by_role("region", name="Afhandelen")
    conclude.get_by_role("radio", name="Klacht deels gegrond").check()
    conclude.get_by_label("Hoe is de zaak afgehandeld?").fill("Deels gegrond; excuses gemaakt.")
    first = conclude.get_by_role("group", name="Onderdeel 1")
    first.get_by_label("Klachtonderdeel").fill("Niet teruggebeld")
    first.get_by_label("Oordeel", exact=True).select_option("gegrond")
    first.get_by_label("Behoorlijkheidsnorm").select_option("voortvarendheid")
    first.get_by_label("Waarom dit oordeel?").fill("Er is drie keer niet teruggebeld.")
    first.get_by_label("Wat gaat de gemeente doen?").fill("Wij bellen voortaan binnen twee dagen.")
    second = conclude.get_by_role("group", name="Onderdeel 2")
    second.get_by_label("Klachtonderdeel").fill("De reparatie duurde te lang")
    second.get_by_label("Oordeel", exact=True).select_option("ongegrond")
    second.get_by_label("Waarom dit oordeel?").fill("De onderdelen waren niet eerder leverbaar.")
    act(page, "Afhandelen", "Zaak afhandelen")
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("afgehandeld", "deels-gegrond")
    assert case.judgements.count() == 2
    nudge = page.get_by_role("status").filter(has_text="Stuur de indiener nu de brief")
    assert nudge.is_visible()
    assert_accessible(page)

    letter = page.get_by_role("region", name="Brief maken")
    letter.get_by_role("radio", name=re.compile("Afhandeling van de klacht")).check()
    act(page, "Brief maken", "Brief maken")
    assert_accessible(page)

    sent = Letter.objects.get(case=case, kind="conclusie")
    assert sent.channel == "post"  # no e-mail address: a letter to print
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("PDF downloaden")).first.click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf == bytes(sent.pdf)
    xmp = PdfReader(io.BytesIO(pdf)).xmp_metadata
    assert xmp is not None
    assert "pdfaid" in xmp.rdf_root.toxml()
    text = pdftotext(pdf, tmp_path)
    assert "Gerrit Mulder" in text
    assert "Dorpsstraat 12a" in text
    assert "1234 AB" in text
    assert "Niet teruggebeld" in text
    assert "Wij bellen voortaan binnen twee dagen." in text
    assert "Nationale ombudsman" in text
    one_year = timezone.localdate(case.concluded_at).replace(
        year=timezone.localdate(case.concluded_at).year + 1
    )
    assert long_date(one_year) in text

    # The resident reads the same letter again on the status page, without staff names.
    page.context.clear_cookies()
    page.goto(f"/status/{case.status_token}")
    letters = page.get_by_role("region", name="Uw brieven")
    assert letters.get_by_role("link", name=re.compile(re.escape(sent.subject))).is_visible()
    assert "Sanne" not in page.content()
    assert "De consulent erkent" not in page.content()  # the hearing report is staff text
    assert_accessible(page)
