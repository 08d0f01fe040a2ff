"""In a real Chromium: a coordinator forwards a case to Thuiszorg Het Anker; a user of Het
Anker accepts it and closes it in the provider portal; the coordinator sees the status and
the outcome. axe-core checks every page on the way, also with a form error and on a phone."""

from __future__ import annotations

import re
from typing import Any

import pytest

from regie.accounts.scope import scope_for_public_web
from regie.cases import services
from regie.cases.models import Case
from regie.demo.world import DEMO_PASSWORD
from regie.directory.models import Municipality
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]

PHONE = {"width": 375, "height": 667}


def help_request() -> Case:
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind="hulpvraag",
        channel="telefoon",
        domain="wmo",
        subject="Huishoudelijke hulp komt niet",
        description="Mijn huishoudelijke hulp komt steeds niet, al drie weken.",
        submitter=services.Person(name="Jan Jansen", phone="0612345678"),
    )
    return services.case_intake(scope=scope_for_public_web(), request=request).case


def log_in(page: Any, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/(werk|aanbieder)"))


def sideways_scroll(page: Any) -> int:
    return int(page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))


def test_forward_accept_close_and_the_coordinator_sees_it(page: Any) -> None:
    case = help_request()

    # The coordinator forwards it, first forgetting the reason.
    log_in(page, "coordinator")
    page.goto(f"/werk/zaken/{case.reference}")
    section = page.get_by_role("region", name="Overdragen of doorsturen")
    section.get_by_label("Naar wie?").select_option(label="Thuiszorg Het Anker")
    section.get_by_role("button", name="Overdragen").click()
    assert "Schrijf op waarom." in page.get_by_role("alert").inner_text()
    assert_accessible(page)
    page.get_by_label("Waarom?").fill("Huishoudelijke hulp doet Het Anker. Bel de inwoner.")
    page.get_by_label("Naar wie?").select_option(label="Thuiszorg Het Anker")
    page.get_by_role("button", name="Overdragen").click()
    page.wait_for_url(f"**/werk/zaken/{case.reference}")
    assert page.get_by_text("nog niet geaccepteerd").first.is_visible()
    assert_accessible(page)

    # Het Anker accepts it and closes it in its portal.
    log_in(page, "anker")
    assert page.url.endswith("/aanbieder")
    page.get_by_role("link", name="Nog accepteren").click()
    assert_accessible(page)
    page.get_by_role("link", name=case.reference).click()
    assert page.get_by_text("0612345678").is_visible()
    assert page.get_by_text("Bel de inwoner.").first.is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Accepteren").click()
    page.wait_for_url(f"**/aanbieder/zaken/{case.reference}")
    closing = page.get_by_role("region", name="Afhandelen")
    closing.get_by_role("button", name="Zaak afhandelen").click()
    assert "Kies een uitkomst." in page.get_by_role("alert").inner_text()
    assert_accessible(page)
    closing = page.get_by_role("region", name="Afhandelen")
    closing.get_by_label("Afgerond").check()
    closing.get_by_label("Hoe is de zaak afgehandeld?").fill("De vaste hulp komt weer.")
    closing.get_by_role("button", name="Zaak afhandelen").click()
    page.wait_for_url(f"**/aanbieder/zaken/{case.reference}")
    assert page.get_by_text("is afgehandeld").first.is_visible()
    page.set_viewport_size(PHONE)
    assert sideways_scroll(page) <= 0
    assert_accessible(page)

    # The coordinator sees status and outcome.
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, "coordinator")
    page.goto(f"/werk/zaken/{case.reference}")
    facts = page.get_by_role("region", name="Gegevens")
    assert "Afgehandeld" in facts.inner_text()
    assert "Afgerond" in facts.inner_text()
    timeline = page.get_by_role("region", name="Tijdlijn")
    assert timeline.get_by_text("Geaccepteerd door Thuiszorg Het Anker").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_scorecards_and_the_portal_pass_axe(page: Any, viewport: dict[str, int] | None) -> None:
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, "coordinator")
    for path in ("/werk/aanbieders", "/werk/aanbieders/het-anker", "/werk?wachtrij=organisations"):
        page.goto(path)
        assert_accessible(page)
        assert sideways_scroll(page) <= 0, path
    log_in(page, "anker")
    for path in ("/aanbieder", "/aanbieder/klacht"):
        page.goto(path)
        assert_accessible(page)
        assert sideways_scroll(page) <= 0, path
    page.get_by_role("button", name="Klacht vastleggen").click()
    assert_accessible(page)
