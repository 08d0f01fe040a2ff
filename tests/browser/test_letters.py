"""In a real Chromium: an administrator rewrites the conclusion letter in Beheer, looks at the
preview of an example case, and saves it. axe-core checks the list, the edit page, a form
error and the preview."""

from __future__ import annotations

import re
from typing import Any

import pytest

from regie.demo.world import DEMO_PASSWORD
from regie.documents.models import LetterTemplate
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]

BODY = """Beste {naam},

Wij hebben uw klacht met kenmerk {kenmerk} onderzocht.

Ons oordeel
{uitkomst}

{oordelen}

Niet eens met ons oordeel?
{ombudsman_route}

{contact}

Met vriendelijke groet,
{gemeente}"""


def log_in(page: Any, username: str) -> None:
    page.goto("/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/werk"))


def test_an_administrator_edits_previews_and_saves_the_conclusion_letter(page: Any) -> None:
    log_in(page, "beheer")
    page.goto("/beheer")
    aa_en_zee = page.get_by_role("region", name="Gemeente Aa en Zee")
    aa_en_zee.get_by_role("link", name="Brieven aan inwoners").click()
    page.wait_for_url("**/beheer/gemeenten/GM9901/brieven")
    assert_accessible(page)

    page.get_by_role("link", name="Afhandeling van de klacht (Awb 9:12)").click()
    page.wait_for_url("**/beheer/gemeenten/GM9901/brieven/conclusie")
    assert page.get_by_label("Onderwerp").input_value() == "Ons oordeel over uw klacht"
    assert_accessible(page)

    # A placeholder that does not exist: the summary, the field, and no violations.
    page.get_by_label("Tekst van de brief").fill("Beste {naam}, uw {wachtwoord}.")
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    message = "De invulplek {wachtwoord} bestaat niet bij deze brief."
    assert message in page.get_by_role("alert").inner_text()
    assert page.title().startswith("Fout:")
    assert_accessible(page)

    page.get_by_label("Onderwerp").fill("Ons oordeel over uw klacht {kenmerk}")
    page.get_by_label("Tekst van de brief").fill(BODY)
    page.get_by_role("button", name="Voorbeeld bekijken").click()
    preview = page.get_by_role("region", name="Voorbeeld")
    assert preview.is_visible()
    text = preview.inner_text()
    assert "Ons oordeel over uw klacht KL-" in text
    assert "Beste J. de Vries," in text
    assert "de Nationale ombudsman" in text
    assert page.title().startswith("Voorbeeld:")
    assert not LetterTemplate.objects.exists()  # a preview saves nothing
    assert_accessible(page)

    page.get_by_role("button", name="Brief opslaan").click()
    page.wait_for_url("**/beheer/gemeenten/GM9901/brieven")
    saved = "De brief 'Afhandeling van de klacht (Awb 9:12)' is opgeslagen."
    assert page.get_by_role("status").filter(has_text=saved).is_visible()
    assert "Eigen tekst" in page.get_by_role("row").filter(has_text="Afhandeling").inner_text()
    template = LetterTemplate.objects.get(municipality__code="GM9901", kind="conclusie")
    assert template.body == BODY
    assert_accessible(page)

    page.get_by_role("link", name="Afhandeling van de klacht (Awb 9:12)").click()
    page.get_by_role("button", name="Terug naar de standaardtekst").click()
    page.wait_for_url("**/beheer/gemeenten/GM9901/brieven/conclusie")
    assert page.get_by_label("Onderwerp").input_value() == "Ons oordeel over uw klacht"
    assert not LetterTemplate.objects.exists()
    assert_accessible(page)


def test_a_handler_makes_the_conclusion_letter_for_a_letter_complaint(page: Any) -> None:
    from tests.documents.support import concluded, letter_complaint

    case = concluded(letter_complaint())
    log_in(page, "behandelaar")
    page.goto(f"/werk/zaken/{case.reference}")
    section = page.get_by_role("region", name="Brief maken")
    assert "Kerkstraat 7a, 1234 AB Aadorp" in section.inner_text()
    assert_accessible(page)

    section.get_by_label("Afhandeling van de klacht (Awb 9:12)").check()
    section.get_by_role("button", name="Brief maken").click()
    page.wait_for_url(f"**/werk/zaken/{case.reference}")
    assert page.get_by_role("status").filter(has_text="print hem").is_visible()
    letters = page.get_by_role("region", name="Brieven")
    with page.expect_download() as download:
        letters.get_by_role("link", name=re.compile("PDF downloaden")).click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert_accessible(page)
