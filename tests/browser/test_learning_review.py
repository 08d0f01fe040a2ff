"""In a real Chromium: a coordinator draws a random sample of concluded cases, first with a
mistake in the form, records a verdict on one case (first without the required note) and
sees it in the findings. axe-core checks every page and every error state, also on a phone."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.cases import services
from regie.directory.models import Municipality
from regie.learning.models import ReviewSample
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PHONE = {"width": 375, "height": 667}


def concluded_signals(count: int) -> None:
    """Signals taken in by phone and concluded in the last days."""
    today = timezone.localdate()
    coordinator = scope_for_user(User.objects.get(username="coordinator"))
    for n in range(count):
        on = today - dt.timedelta(days=n + 1)
        received = dt.datetime.combine(on - dt.timedelta(days=7), dt.time(10), tzinfo=AMSTERDAM)
        request = services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind="signaal",
            channel="telefoon",
            received_at=received,
            description=f"De stoep is kapot bij nummer {n + 1}.",
            submitter=services.Person(name=f"Inwoner {n + 1}", phone="0612345678"),
        )
        case = services.case_intake(scope=scope_for_public_web(), request=request).case
        services.case_conclude(
            case=case,
            scope=coordinator,
            outcome="afgerond",
            summary="Gemaakt.",
            at=dt.datetime.combine(on, dt.time(12), tzinfo=AMSTERDAM),
        )


def sideways_scroll(page: Any) -> int:
    return int(page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_coordinator_draws_a_sample_and_records_a_verdict(
    page: Any, viewport: dict[str, int] | None
) -> None:
    concluded_signals(5)
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, "coordinator")

    page.goto("/werk/leren/GM9901/steekproeven")
    assert page.get_by_role("heading", level=1).inner_text() == "Steekproeven"
    assert_accessible(page)
    assert sideways_scroll(page) <= 0

    # A mistake first: no purpose, too many cases.
    page.get_by_label("Aantal zaken").fill("500")
    page.get_by_role("button", name="Steekproef trekken").click()
    summary = page.get_by_role("alert")
    assert "Schrijf op waarvoor deze steekproef is." in summary.inner_text()
    assert "Kies een aantal van 1 tot en met 200." in summary.inner_text()
    assert page.title().startswith("Fout: ")
    assert not ReviewSample.objects.exists()
    assert_accessible(page)

    page.get_by_label("Doel").fill("Klachtenpanel, proef")
    page.get_by_label("Aantal zaken").fill("3")
    page.get_by_role("button", name="Steekproef trekken").click()
    page.wait_for_url(re.compile(r"/werk/leren/GM9901/steekproeven/\d+$"))
    assert "Dezelfde zaken: ja." in page.content()
    cases = page.get_by_role("table", name="De zaken in deze steekproef")
    assert cases.get_by_role("row").count() == 4  # the header and three cases
    assert_accessible(page)
    assert sideways_scroll(page) <= 0

    sample = ReviewSample.objects.get()
    reference = sample.items.order_by("pk").select_related("case").first().case.reference  # type: ignore[union-attr]
    # "Kan beter" needs a note: first without one.
    page.get_by_label(f"Oordeel over {reference}").select_option("kan-beter")
    page.get_by_role("button", name=f"Opslaan (oordeel over {reference})").click()
    assert "Schrijf op wat beter kan" in page.get_by_role("alert").inner_text()
    assert_accessible(page)

    page.get_by_label(f"Oordeel over {reference}").select_option("kan-beter")
    page.get_by_label(f"Toelichting bij {reference}").fill("De melder hoorde niets terug.")
    page.get_by_role("button", name=f"Opslaan (oordeel over {reference})").click()
    page.wait_for_url(re.compile(r"#item-\d+$"))
    findings = page.locator("section", has=page.get_by_role("heading", name="Bevindingen"))
    assert "Kan beter: 1" in findings.inner_text()
    assert "De melder hoorde niets terug." in findings.inner_text()
    assert f"Uw oordeel over {reference} is opgeslagen." in page.content()
    assert_accessible(page)

    page.get_by_role("link", name="Terug naar de steekproeven").click()
    listing = page.get_by_role("table", name="Steekproeven van Gemeente Aa en Zee")
    assert listing.get_by_role("row").filter(has_text="Klachtenpanel, proef").count() == 1
