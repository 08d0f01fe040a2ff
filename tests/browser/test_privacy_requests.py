"""In a real Chromium: the privacy officer records a resident's request (first with a mistake),
finds and confirms the resident's case, corrects an e-mail address and answers an objection;
axe-core finds nothing on any of those pages, also on a phone."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import assert_accessible, log_in
from tests.privacy.worlds import EMAIL, NAME, intake

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]

PHONE = {"width": 375, "height": 740}


def sideways_scroll(page: Any) -> int:
    return int(page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))


def test_the_privacy_officer_handles_an_objection(page: Any) -> None:
    case = intake()
    log_in(page, "privacy")
    page.goto("/privacy/verzoeken")
    assert page.get_by_role("heading", level=1).inner_text() == "Privacyverzoeken"
    assert_accessible(page)

    page.get_by_role("link", name="Nieuw verzoek vastleggen").click()
    page.get_by_role("button", name="Verzoek vastleggen").click()
    page.get_by_text("Vul de naam van de inwoner in.").first.wait_for()
    assert_accessible(page)

    page.get_by_label("Bezwaar tegen gebruik (artikel 21)").check()
    page.get_by_label("Naam van de inwoner").fill(NAME)
    page.get_by_label("Hoe bereikt u de inwoner?").fill(EMAIL)
    page.get_by_label("Hoe heeft u gecontroleerd wie het is?").fill("Paspoort gezien.")
    page.get_by_label("Ontvangen op").fill(case.received_at.date().isoformat())
    page.get_by_role("button", name="Verzoek vastleggen").click()
    page.get_by_text("Het verzoek is vastgelegd.").wait_for()
    assert_accessible(page)

    page.get_by_label("E-mailadres").first.fill(EMAIL)
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_label(case.reference).check()
    page.get_by_role("button", name="Zaken bevestigen").click()
    page.get_by_text("De zaken van de inwoner zijn bevestigd.").wait_for()
    assert page.get_by_role("link", name="Downloaden als pdf (om te lezen)").is_visible()
    assert_accessible(page)

    correct = page.get_by_role("region", name="Gegevens corrigeren")
    correct.get_by_label("E-mailadres").fill("geen-adres")
    correct.get_by_role("button", name="Gegevens opslaan").click()
    page.get_by_text("Vul een geldig e-mailadres in").first.wait_for()
    assert_accessible(page)
    page.get_by_role("region", name="Gegevens corrigeren").get_by_label("E-mailadres").fill(
        "henk.nieuw@example.org"
    )
    page.get_by_role("region", name="Gegevens corrigeren").get_by_role(
        "button", name="Gegevens opslaan"
    ).click()
    page.get_by_text(f"Gecorrigeerd in zaak {case.reference}: e-mailadres.").wait_for()

    page.get_by_label("Afgewezen").check()
    page.get_by_label("Antwoord aan de inwoner").fill("Wij hebben de gegevens nodig.")
    page.get_by_role("button", name="Afhandelen").click()
    page.get_by_text("Het verzoek is afgehandeld.").wait_for()
    assert_accessible(page)

    page.set_viewport_size(PHONE)
    for path in ("/privacy/verzoeken", "/privacy/verzoeken/nieuw", page.url):
        page.goto(path)
        assert_accessible(page)
        assert sideways_scroll(page) <= 0, f"{path} scrolls sideways on a phone"
