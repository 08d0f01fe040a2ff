"""End to end in a real Chromium: a resident submits, a staff member picks it up.

axe-core checks every page on the way (WCAG 2.1 A and AA), including the form with errors.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from regie.cases.models import Case
from regie.demo.world import DEMO_PASSWORD
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]


def test_a_resident_submits_a_klacht_and_a_handler_assigns_it(page: Any, smtp_server: Any) -> None:
    # The resident: start page, the form with errors, then a valid complaint.
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Start met melden").click()

    page.get_by_role("button", name="Versturen").click()
    summary = page.get_by_role("alert")
    assert "Kies wat u wilt doen." in summary.inner_text()
    assert page.title().startswith("Fout:")
    assert_accessible(page)

    page.get_by_label("Ik wil een klacht indienen").check()
    page.get_by_label("Gemeente", exact=True).select_option(label="Gemeente Aa en Zee")
    page.get_by_label("Hulp en ondersteuning thuis (Wmo)").check()
    page.get_by_label("Onderwerp").fill("Taxi te laat")
    page.get_by_label("Wat is er aan de hand?").fill("De taxi kwam drie keer te laat.")
    page.get_by_label("Uw naam").fill("Anna de Boer")
    page.get_by_label("Uw e-mailadres").fill("anna@example.org")
    page.get_by_role("button", name="Versturen").click()

    page.wait_for_url(re.compile(r"/melden/ontvangen/"))
    case = Case.objects.get()
    assert page.get_by_text(case.reference, exact=True).is_visible()
    assert page.get_by_text("Wij hebben een bevestiging gestuurd").is_visible()
    assert smtp_server.to("anna@example.org")
    assert_accessible(page)

    page.get_by_role("link", name="Bekijk de status").click()
    page.wait_for_url(f"**/status/{case.status_token}")
    assert page.get_by_role("heading", name="Hoe staat het met uw klacht?").is_visible()
    assert_accessible(page)

    # The handler: log in, find the case, assign it to themselves.
    page.goto("/werk")
    page.wait_for_url(re.compile(r"/inloggen"))
    assert_accessible(page)
    page.get_by_label("Gebruikersnaam").fill("behandelaar")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    page.wait_for_url(re.compile(r"/werk"))
    assert_accessible(page)
    page.get_by_role("link", name=case.reference).click()

    page.wait_for_url(f"**/werk/zaken/{case.reference}")
    assert page.get_by_text("Anna de Boer").is_visible()
    assert_accessible(page)
    page.get_by_label("Team", exact=True).select_option(label="Klachtenteam")
    page.get_by_label("Behandelaar").select_option(label="Sanne Jansen")
    page.get_by_role("button", name="Toewijzen", exact=True).click()

    page.wait_for_url(f"**/werk/zaken/{case.reference}")
    assert page.get_by_role("status").filter(has_text="is toegewezen aan Sanne Jansen").is_visible()
    timeline = page.get_by_role("list").filter(has_text="Behandelaar: Sanne Jansen")
    assert timeline.is_visible()
    assert_accessible(page)

    page.get_by_label("Interne notitie").fill("Mevrouw teruggebeld.")
    page.get_by_role("button", name="Notitie opslaan").click()
    assert page.get_by_text("Mevrouw teruggebeld.").is_visible()

    # Mijn termijnen (issue 10): her case counted by its nearest term, and per kind of term.
    page.goto("/werk")
    assert page.get_by_role("heading", name="Mijn termijnen").is_visible()
    page.get_by_role("link", name="Bekijk uw open termijnen per soort termijn").click()
    page.wait_for_url("**/werk/termijnen")
    assert page.get_by_role("table").filter(has_text="Afhandeling van de klacht").is_visible()
    assert_accessible(page)
    page.goto("/werk")

    page.get_by_role("link", name="Nieuwe melding vastleggen").first.click()
    page.wait_for_url("**/werk/nieuw")
    assert page.evaluate("() => document.activeElement.name") == "description"
    assert_accessible(page)

    # The resident's status page now says it is being handled, without internal details.
    page.goto(f"/status/{case.status_token}")
    text = page.locator("main").inner_text()
    assert "In behandeling" in text
    assert "Mevrouw teruggebeld." not in text
    assert "Sanne" not in text


def test_the_public_form_fits_a_phone_screen(page: Any) -> None:
    page.set_viewport_size({"width": 375, "height": 667})

    for path in ("/", "/melden"):
        page.goto(path)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"
    page.get_by_role("button", name="Versturen").click()
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert_accessible(page)


def test_the_accessibility_statement_and_404_page_pass_axe(page: Any) -> None:
    page.goto("/toegankelijkheid")
    assert page.get_by_role("heading", name="Toegankelijkheid", exact=True).is_visible()
    assert_accessible(page)

    response = page.goto("/status/bestaat-niet")
    assert response.status == 404
    assert_accessible(page)
