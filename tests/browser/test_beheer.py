"""In a real Chromium: an administrator changes a service norm and a team mailbox in Beheer,
and the change history shows both, with the old and the new value.

axe-core checks every Beheer page, also with a form error shown and on a phone, where no page
may scroll sideways.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from regie.demo.world import DEMO_PASSWORD
from regie.directory.models import ContactChannel, Municipality, Responsibility, Team
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]

PHONE = {"width": 375, "height": 667}


def log_in(page: Any, username: str) -> None:
    page.goto("/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/werk"))


def sideways_scroll(page: Any) -> int:
    return int(
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


def words(locator: Any) -> str:
    """The text as it is read: the arrow is shown, "wordt" is for screen readers."""
    return " ".join(locator.inner_text().split())


def test_an_administrator_changes_a_norm_and_a_mailbox_and_the_history_shows_both(
    page: Any,
) -> None:
    log_in(page, "beheer")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beheer").click()
    page.wait_for_url("**/beheer")
    assert_accessible(page)

    aa_en_zee = page.get_by_role("region", name="Gemeente Aa en Zee")
    aa_en_zee.get_by_role("link", name="Servicenormen, ombudsman en contactgegevens").click()
    page.wait_for_url("**/beheer/gemeenten/GM9901")
    norm = page.get_by_label("Ontvangstbevestiging binnen (werkdagen)")
    assert norm.input_value() == "5"

    # First a norm no municipality can promise: the summary, the field, and no violations.
    norm.fill("0")
    page.get_by_role("button", name="Servicenormen opslaan").click()
    summary = page.get_by_role("alert")
    message = "Vul een aantal werkdagen in van 1 tot en met 60."
    assert message in summary.inner_text()
    assert page.title().startswith("Fout:")
    assert norm.get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    summary.get_by_role("link", name=message).click()
    assert page.evaluate("() => document.activeElement.name") == "acknowledgement_working_days"

    norm.fill("2")
    page.get_by_role("button", name="Servicenormen opslaan").click()
    page.wait_for_url("**/beheer/gemeenten/GM9901")
    saved = "De servicenormen van Gemeente Aa en Zee zijn opgeslagen."
    assert page.get_by_role("status").filter(has_text=saved).is_visible()
    assert page.get_by_label("Ontvangstbevestiging binnen (werkdagen)").input_value() == "2"

    page.get_by_role("link", name="Teams en hun mailbox").first.click()
    page.get_by_role("link", name="Team Wmo").click()
    page.wait_for_url("**/beheer/gemeenten/GM9901/teams/wmo")
    page.get_by_label("Mailbox van het team").fill("wmo-loket@aaenzee.example")
    page.get_by_role("button", name="Team opslaan").click()
    page.wait_for_url("**/beheer/gemeenten/GM9901/teams/wmo")
    assert page.get_by_role("status").filter(has_text="Team Wmo is opgeslagen.").is_visible()

    page.goto("/beheer")
    page.get_by_role("link", name="Alle wijzigingen bekijken").click()
    page.wait_for_url("**/beheer/wijzigingen")
    entries = page.get_by_role("listitem")
    mailbox = entries.filter(has_text="Team gewijzigd: Team Wmo (Gemeente Aa en Zee)")
    assert "Mailbox: (leeg) → wordt wmo-loket@aaenzee.example" in words(mailbox)
    assert "Bo Beheerder" in words(mailbox)
    norms = entries.filter(has_text="Gemeente gewijzigd: Gemeente Aa en Zee")
    assert "Ontvangstbevestiging binnen (werkdagen): 5 → wordt 2" in words(norms)
    # Newest first.
    text = page.locator("main").inner_text()
    assert text.index("Team gewijzigd") < text.index("Gemeente gewijzigd")
    assert_accessible(page)

    page.get_by_label("Gemeente").select_option(label="Gemeente Hooglanden")
    page.get_by_role("button", name="Filter").click()
    assert page.get_by_role("heading", name="0 wijzigingen").is_visible()


def every_page() -> list[str]:
    municipality = Municipality.objects.get(code="GM9901")
    team = Team.objects.get(municipality=municipality, slug="wmo")
    channel = ContactChannel.objects.filter(team=team).first()
    responsibility = Responsibility.objects.filter(
        municipality=municipality, topic__slug="huishoudelijke-hulp"
    ).get()
    assert channel is not None
    base = "/beheer/gemeenten/GM9901"
    return [
        "/beheer",
        base,
        f"{base}/contactgegevens/nieuw",
        f"{base}/teams",
        f"{base}/teams/wmo",
        f"{base}/teams/wmo/contactgegevens/nieuw",
        f"{base}/verantwoordelijkheden",
        f"{base}/verantwoordelijkheden/nieuw",
        f"{base}/verantwoordelijkheden/{responsibility.pk}",
        f"/beheer/contactgegevens/{channel.pk}",
        "/beheer/organisaties",
        "/beheer/organisaties/het-anker",
        "/beheer/onderwerpen",
        "/beheer/onderwerpen/nieuw",
        "/beheer/onderwerpen/pgb",
        "/beheer/feestdagen",
        "/beheer/wijzigingen",
    ]


FORM_ERRORS = [
    # (page, button, what to do first, the message the summary shows)
    (
        "/beheer/gemeenten/GM9901/teams/wmo",
        "Team opslaan",
        lambda page: page.get_by_label("Wmo (ondersteuning)").uncheck(),
        "Kies minstens één domein.",
    ),
    (
        "/beheer/gemeenten/GM9901/verantwoordelijkheden/nieuw",
        "Toevoegen",
        lambda page: page.get_by_label("Organisatie die helpt").select_option("het-anker"),
        "Kies wie klachten behandelt: een team of een organisatie.",
    ),
    (
        "/beheer/feestdagen",
        "Dag toevoegen",
        lambda page: (
            page.get_by_label("Dag", exact=True).fill("2031-05-31"),
            page.get_by_label("Besluit").fill("Stb. 2031, 1"),
        ),
        "Deze dag valt in het weekend; dat is al geen werkdag.",
    ),
]


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_every_beheer_page_passes_axe_also_with_a_form_error(page: Any, viewport: Any) -> None:
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, "beheer")

    for path in every_page():
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)
        if viewport:
            assert sideways_scroll(page) <= 0, f"{path} scrolls sideways on a phone"

    for path, button, act, message in FORM_ERRORS:
        page.goto(path)
        act(page)
        page.get_by_role("button", name=button).click()
        assert message in page.get_by_role("alert").inner_text(), path
        assert page.title().startswith("Fout:")
        assert_accessible(page)
        if viewport:
            assert sideways_scroll(page) <= 0, f"{path} with an error scrolls sideways"


def test_a_coordinator_finds_beheer_for_their_own_municipality_only(page: Any) -> None:
    log_in(page, "coordinator-hooglanden")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Beheer").click()

    assert page.get_by_role("heading", name="Gemeente Hooglanden").is_visible()
    assert page.get_by_role("heading", name="Gemeente Aa en Zee").count() == 0
    assert page.get_by_role("link", name="Organisaties en hun klachtenregeling").count() == 0
    assert page.goto("/beheer/gemeenten/GM9901").status == 404
    assert page.goto("/beheer/organisaties").status == 404
