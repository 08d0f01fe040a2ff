"""In a real Chromium: complaints about Thuiszorg Het Anker rise sharply this week; a coordinator
opens "Leren van klachten" from the worklist, sees the flagged spike, clicks "Bekijk de zaken"
and sees the cases behind it. axe-core checks both pages, also on a phone."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from regie.accounts.scope import scope_for_public_web
from regie.cases import services
from regie.directory.models import Municipality, Organisation
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]

PHONE = {"width": 375, "height": 667}


def complaints_about_het_anker(count: int) -> None:
    for n in range(count):
        request = services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind="klacht",
            channel="web",
            subject=f"Thuiszorg komt niet, klacht {n + 1}",
            description="Al een week komt er niemand van Het Anker. Ik kan niet douchen.",
            submitter=services.Person(name=f"Inwoner {n + 1}", email=f"inwoner{n}@example.nl"),
            about=Organisation.objects.get(slug="het-anker"),
        )
        services.case_intake(scope=scope_for_public_web(), request=request)


def sideways_scroll(page: Any) -> int:
    return int(page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_coordinator_opens_a_flagged_spike_and_sees_the_cases(
    page: Any, viewport: dict[str, int] | None
) -> None:
    complaints_about_het_anker(5)
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, "coordinator")

    page.get_by_role("link", name="Leren van klachten").click()
    page.wait_for_url(re.compile(r"/werk/leren$"))
    spikes = page.get_by_role("table", name="Stijgingen in de laatste 8 weken")
    row = spikes.get_by_role("row").filter(has_text="Thuiszorg Het Anker")
    assert row.count() == 1
    assert_accessible(page)
    assert sideways_scroll(page) <= 0

    row.get_by_role("link", name=re.compile("Bekijk de zaken")).click()
    page.wait_for_url(re.compile(r"/werk/leren/GM9901/aanbieder/"))
    assert page.get_by_role("heading", level=1).inner_text().endswith("Thuiszorg Het Anker")
    cases = page.get_by_role("table", name="De zaken van deze week")
    assert cases.get_by_role("row").count() == 6  # the header and five cases
    assert cases.get_by_text("Thuiszorg komt niet, klacht 3").is_visible()
    assert_accessible(page)
    assert sideways_scroll(page) <= 0


def test_from_a_spike_to_a_recommendation_whose_status_shows_on_the_dashboard(page: Any) -> None:
    """Issue 9's acceptance: a coordinator opens a flagged spike, sees the cases behind it,
    creates a recommendation from it, and later sees its status on the dashboard."""
    complaints_about_het_anker(5)
    log_in(page, "coordinator")
    page.goto("/werk/leren")
    spikes = page.get_by_role("table", name="Stijgingen in de laatste 8 weken")
    spikes.get_by_role("row").filter(has_text="Thuiszorg Het Anker").get_by_role(
        "link", name=re.compile("Bekijk de zaken")
    ).click()
    cases = page.get_by_role("table", name="De zaken van deze week")
    assert cases.get_by_role("row").count() == 6

    page.get_by_role("link", name="Aanbeveling maken").click()
    page.wait_for_url(re.compile(r"/aanbevelingen/nieuw\?"))
    assert page.get_by_text("Naar aanleiding van de stijging bij Thuiszorg Het Anker").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Aanbeveling vastleggen").click()  # empty: errors first
    assert page.get_by_role("alert").get_by_text("Schrijf op wat er moet veranderen.").is_visible()
    assert_accessible(page)
    page.get_by_label("Wat moet er veranderen?").fill("Het Anker belt vooraf als hulp uitvalt")
    page.get_by_label("Eigenaar").fill("Contractmanager Wmo")
    due = dt.date.today() + dt.timedelta(days=90)
    page.get_by_label("Klaar op").fill(due.isoformat())
    selected = page.get_by_label("Waar moet het effect te zien zijn?").input_value()
    assert selected.startswith("aanbieder:")
    page.get_by_role("button", name="Aanbeveling vastleggen").click()
    page.wait_for_url(re.compile(r"/aanbevelingen/\d+$"))
    assert page.get_by_text("De aanbeveling is vastgelegd.").is_visible()
    assert page.get_by_role("heading", name="Heeft het geholpen?").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Terug naar Leren").click()
    table = page.get_by_role("table", name="Aanbevelingen en hun stand")
    row = table.get_by_role("row").filter(has_text="Het Anker belt vooraf")
    assert "Nog niet begonnen" in row.inner_text()
    assert "Contractmanager Wmo" in row.inner_text()

    # Later: the owner has started; the coordinator records it and the dashboard follows.
    row.get_by_role("link").click()
    page.get_by_label("Stand", exact=True).select_option("bezig")
    page.get_by_label("Toelichting").last.fill("Afspraak met Het Anker op 12 december.")
    page.get_by_role("button", name="Stand opslaan").click()
    assert page.get_by_text("Afspraak met Het Anker op 12 december.").is_visible()
    page.goto("/werk/leren")
    table = page.get_by_role("table", name="Aanbevelingen en hun stand")
    row = table.get_by_role("row").filter(has_text="Het Anker belt vooraf")
    assert "In uitvoering" in row.inner_text()
    assert_accessible(page)
