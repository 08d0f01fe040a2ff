"""In a real Chromium: the wethouder (a college member) asks for a report on the figures page,
sees its page follow the background work by itself (htmx, within the CSP), and downloads the
file once the tick made it; axe-core finds nothing on the run page, waiting, running and done.
Without JavaScript the "Vernieuwen" link does what the polling does."""

from __future__ import annotations

import re
from typing import Any

import pytest

from regie.reporting import runs
from regie.reporting.models import ReportRun
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]


def ask_for_the_annual_report(page: Any, fmt: str = "PDF") -> ReportRun:
    page.goto("/bestuur?gemeente=GM9901")
    section = page.get_by_role("region", name="Verslag laten maken")
    section.get_by_label("Welk verslag?").select_option(label="Jaarverslag klachten")
    section.get_by_label("Over welke periode?").select_option("2025")
    section.get_by_label("Welk soort bestand?").select_option(label=fmt)
    section.get_by_role("button", name="Verslag laten maken").click()
    page.wait_for_url(re.compile(r"/bestuur/GM9901/verslagen/\d+$"))
    return ReportRun.objects.latest("pk")


def test_the_wethouder_asks_for_a_report_follows_it_and_downloads_it(page: Any) -> None:
    log_in(page, "wethouder")
    run = ask_for_the_annual_report(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Jaarverslag klachten 2025"
    assert "Regie begint er meestal binnen een minuut aan" in page.locator("main").inner_text()
    assert_accessible(page)

    # A worker claimed it and is part of the way: the page, polling, shows the bar.
    claimed = runs.report_run_claim_next()
    assert claimed is not None
    ReportRun.objects.filter(pk=run.pk).update(steps_done=3, steps_total=7)
    page.get_by_text("3 van 7 onderdelen klaar.").wait_for(timeout=10_000)
    bar = page.get_by_role("progressbar", name="Voortgang van het verslag")
    assert bar.get_attribute("value") == "3"
    assert_accessible(page)

    # The tick makes it; the page loads itself again with the download.
    runs.report_run_make(claimed)
    page.get_by_text("Het verslag is klaar.").wait_for(timeout=10_000)
    assert_accessible(page)
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile(r"^Jaarverslag klachten 2025 downloaden")).click()
    download = info.value
    assert download.suggested_filename == "klachtenjaarverslag-GM9901-2025.pdf"
    path = download.path()
    assert path is not None
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # The figures page lists it among the person's latest reports.
    page.goto("/bestuur?gemeente=GM9901")
    latest = page.get_by_role("table", name="Uw laatste verslagen")
    assert "Klaar" in latest.get_by_role("row").filter(has_text="Jaarverslag klachten").inner_text()
    assert_accessible(page)


def test_without_javascript_vernieuwen_shows_how_far_it_is(page: Any, live_server: Any) -> None:
    log_in(page, "wethouder")
    run = ask_for_the_annual_report(page, fmt="CSV")
    browser = page.context.browser
    assert browser is not None
    plain = browser.new_context(base_url=live_server.url, locale="nl-NL", java_script_enabled=False)
    try:
        plain.add_cookies(page.context.cookies())
        tab = plain.new_page()
        tab.goto(f"/bestuur/GM9901/verslagen/{run.pk}")
        assert "Regie begint er meestal binnen een minuut aan" in tab.locator("main").inner_text()
        runs.report_runs_due()
        tab.get_by_role("link", name="Vernieuwen").click()
        tab.get_by_text("Het verslag is klaar.").wait_for()
        assert tab.get_by_role("link", name=re.compile(r"downloaden \(CSV")).is_visible()
    finally:
        plain.close()


def test_a_fifth_report_at_once_is_refused_in_dutch(page: Any) -> None:
    log_in(page, "wethouder")
    for fmt in ("PDF", "HTML", "CSV", "ODS (rekenblad)"):
        ask_for_the_annual_report(page, fmt=fmt)
    page.goto("/bestuur/GM9901/verslagen")
    page.get_by_label("Over welke periode?").select_option("2024")
    page.get_by_role("button", name="Verslag laten maken").click()
    summary = page.get_by_role("alert")
    assert "U heeft al 4 verslagen die nog gemaakt worden." in summary.inner_text()
    assert page.title().startswith("Fout: ")
    assert_accessible(page)
    assert ReportRun.objects.count() == 4
