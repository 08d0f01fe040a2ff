"""In a real Chromium: the wethouder (a college member) logs in, opens "Cijfers" from the
navigation, reads the thermometer and the figures (axe-core finds nothing, also on a phone,
and nothing scrolls sideways), and downloads the annual report."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse

from regie.accounts.scope import scope_for_public_web
from regie.cases import services
from regie.directory.models import Municipality
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]

PHONE = {"width": 375, "height": 667}


def complaints(count: int, domain: str) -> None:
    for n in range(count):
        request = services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind="klacht",
            channel="web",
            domain=domain,
            subject=f"Vervoer te laat {n + 1}",
            description="De taxi naar de dagbesteding kwam weer te laat.",
            submitter=services.Person(name=f"Inwoner {n + 1}", email=f"inwoner{n}@example.nl"),
        )
        services.case_intake(scope=scope_for_public_web(), request=request)


def sideways_scroll(page: Any) -> int:
    return int(page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))


def download_exists() -> bool:
    try:
        reverse(
            "reporting:report_download",
            kwargs={"municipality": "GM9901", "kind": "annual", "period": "2025", "fmt": "pdf"},
        )
    except NoReverseMatch:
        return False
    return True


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_the_wethouder_reads_the_dashboard(page: Any, viewport: dict[str, int] | None) -> None:
    complaints(7, "wmo")
    complaints(2, "jeugd")
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, "wethouder")
    page.wait_for_url(re.compile(r"/bestuur$"))  # the landing page of the college
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Cijfers").click()
    page.wait_for_url(re.compile(r"/bestuur$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Cijfers: ")
    assert page.get_by_text(re.compile(r"kwamen er tot nu toe 9 klachten binnen")).is_visible()
    domains = page.get_by_role("table", name="Binnengekomen per domein")
    assert domains.get_by_role("row").filter(has_text="Jeugd").inner_text().endswith("< 5")
    assert page.get_by_role("img", name=re.compile("Binnengekomen per domein")).is_visible()
    assert_accessible(page)
    assert sideways_scroll(page) <= 0

    # Filters work without JavaScript: a plain GET form.
    page.get_by_label("Domein", exact=True).select_option("wmo")
    page.get_by_role("button", name="Toon cijfers").click()
    page.wait_for_url(re.compile(r"domein=wmo"))
    row = page.get_by_role("table", name="Binnengekomen per domein").get_by_role("row")
    assert row.filter(has_text="Wmo").inner_text().endswith("7")

    page.get_by_label("Periode", exact=True).fill("2025-Q5")
    page.get_by_role("button", name="Toon cijfers").click()
    assert page.get_by_role("alert").get_by_text("Schrijf een jaar (2025)").is_visible()
    assert_accessible(page)
    assert sideways_scroll(page) <= 0


def test_the_wethouder_downloads_the_annual_report(page: Any) -> None:
    if not download_exists():
        pytest.skip("the download view (reporting:report_download) does not exist yet")
    complaints(6, "wmo")
    log_in(page, "wethouder")
    page.goto("/bestuur?periode=2025")
    with page.expect_download() as info:
        page.get_by_role("link", name="Jaarverslag 2025 downloaden als PDF").click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    path = download.path()
    assert path is not None
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
