"""The wegwijzer in a real Chromium: a resident finds who helps, clicks through to /melden,
finds the form filled in and submits. axe-core checks every page on the way (WCAG 2.1 A and
AA), with results, without, with an error, and on a phone screen."""

from __future__ import annotations

import re
from typing import Any

import pytest

from regie.cases.models import Case
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]


def sideways_scroll(page: Any) -> int:
    return int(
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


def test_a_resident_finds_het_anker_and_submits_a_complaint_from_the_wegwijzer(
    page: Any, smtp_server: Any
) -> None:
    page.goto("/")
    page.get_by_role("link", name="Wegwijzer").click()
    page.wait_for_url("**/wegwijzer")
    assert_accessible(page)

    page.get_by_label("Uw gemeente").select_option(label="Gemeente Aa en Zee")
    page.get_by_label("Waar gaat het over?").fill("mijn huishoudelijke hulp komt steeds niet")
    page.get_by_label("Ik wil een klacht indienen").check()
    page.get_by_role("button", name="Laat zien wie helpt").click()

    page.wait_for_url(re.compile(r"/wegwijzer\?.*#resultaten"))
    results = page.locator("#resultaten")
    assert results.get_by_role("heading", name="Thuiszorg Het Anker", exact=True).is_visible()
    steps = results.get_by_role("list").filter(has_text="Naar de Nationale ombudsman")
    assert "Klacht bij de gemeente" in steps.inner_text()
    assert "binnen een jaar na het antwoord van de gemeente" in steps.inner_text()
    assert_accessible(page)

    page.get_by_role("link", name="Meld het hier").click()
    page.wait_for_url(re.compile(r"/melden\?"))
    assert page.get_by_label("Ik wil een klacht indienen").is_checked()
    assert page.get_by_label("Gemeente", exact=True).input_value() == "GM9901"
    assert page.get_by_label("Hulp en ondersteuning thuis (Wmo)").is_checked()
    assert page.get_by_label("Gaat het over een organisatie").input_value() == "het-anker"
    description = page.get_by_label("Wat is er aan de hand?")
    assert description.input_value() == "mijn huishoudelijke hulp komt steeds niet"

    page.get_by_label("Uw naam").fill("Anna de Boer")
    page.get_by_label("Uw e-mailadres").fill("anna@example.org")
    page.get_by_role("button", name="Versturen").click()

    page.wait_for_url(re.compile(r"/melden/ontvangen/"))
    case = Case.objects.get()
    assert case.kind == "klacht"
    assert case.about is not None
    assert case.about.slug == "het-anker"
    assert case.description == "mijn huishoudelijke hulp komt steeds niet"


def test_the_wegwijzer_without_results_with_an_error_and_on_a_phone_passes_axe(
    page: Any,
) -> None:
    page.goto("/wegwijzer?gemeente=GM9901&vraag=qwerty&onderwerp=")
    assert page.get_by_text("Wij weten niet zeker waar uw vraag over gaat.").is_visible()
    assert_accessible(page)

    page.goto("/wegwijzer")
    page.get_by_role("button", name="Laat zien wie helpt").click()
    summary = page.get_by_role("alert")
    assert "Kies uw gemeente." in summary.inner_text()
    assert "Schrijf in een paar woorden" in summary.inner_text()
    assert page.title().startswith("Fout:")
    assert_accessible(page)

    page.set_viewport_size({"width": 375, "height": 667})
    for path in (
        "/wegwijzer",
        "/wegwijzer?gemeente=GM9902&vraag=de+deurwaarder+staat+voor+de+deur&onderwerp=",
        "/wegwijzer?gemeente=GM9901&vraag=&onderwerp=",
    ):
        page.goto(path)
        assert sideways_scroll(page) <= 0, f"{path} scrolls sideways on a phone"
        assert_accessible(page)
