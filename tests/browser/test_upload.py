"""In a real Chromium: a user of Thuiszorg Het Anker uploads a file of complaints, sees the
page follow the background work by itself (htmx, within the CSP) and the report per row; then
a dry run written after a click. axe-core checks every page, also with a form error and on a
phone."""

from __future__ import annotations

import re
from typing import Any

import pytest

from regie.cases.models import Case
from regie.tick import run_due_work
from tests.browser.conftest import assert_accessible
from tests.browser.test_providers import PHONE, log_in, sideways_scroll
from tests.imports.files import csv_bytes, row, rows

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]


def choose_file(page: Any, content: bytes) -> None:
    page.get_by_label("CSV-bestand").set_input_files(
        {"name": "klachten.csv", "mimeType": "text/csv", "buffer": content}
    )


def test_upload_a_file_follow_it_and_read_the_report(page: Any) -> None:
    log_in(page, "anker")
    page.get_by_role("link", name="Klachten uploaden").click()
    assert_accessible(page)

    page.get_by_role("button", name="Bestand uploaden").click()
    assert "Kies een CSV-bestand." in page.get_by_role("alert").inner_text()
    assert_accessible(page)

    choose_file(page, csv_bytes([row(1), row(2, email="anna@"), row(3)]))
    page.get_by_label("Controleren en opslaan").check()
    page.get_by_role("button", name="Bestand uploaden").click()
    page.wait_for_url(re.compile(r"/aanbieder/uploaden/\d+$"))
    assert "Het bestand staat klaar" in page.locator("main").inner_text()
    assert_accessible(page)

    # The tick runs; the page, polling every two seconds, loads itself again with the result.
    run_due_work()
    page.get_by_text("Er is niets opgeslagen.").wait_for(timeout=10_000)
    report = page.get_by_role("region", name="Tabel met de problemen per rij en kolom")
    assert "Vul een geldig e-mailadres in" in report.inner_text()
    assert_accessible(page)

    page.set_viewport_size(PHONE)
    assert sideways_scroll(page) <= 0
    assert_accessible(page)
    page.goto("/aanbieder/uploaden")
    assert sideways_scroll(page) <= 0
    assert_accessible(page)
    assert not Case.objects.exists()


def test_a_dry_run_then_written_with_one_click(page: Any) -> None:
    log_in(page, "anker")
    page.goto("/aanbieder/uploaden")
    choose_file(page, csv_bytes(rows(3)))
    page.get_by_role("button", name="Bestand uploaden").click()  # "Alleen controleren" is chosen
    page.wait_for_url(re.compile(r"/aanbieder/uploaden/\d+$"))

    run_due_work()
    page.get_by_text("Alle 3 rijen zijn in orde.").wait_for(timeout=10_000)
    assert_accessible(page)
    assert not Case.objects.exists()

    page.get_by_role("button", name="3 klachten opslaan").click()
    page.get_by_text("Het bestand staat klaar").wait_for()
    run_due_work()
    page.get_by_text("Klaar: 3 klachten opgeslagen.").wait_for(timeout=10_000)
    assert_accessible(page)
    assert Case.objects.count() == 3
