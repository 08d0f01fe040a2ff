"""In a real Chromium: anyone finds the open data page, on a phone too; axe-core finds no
violations, and a year's file downloads."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]


@pytest.mark.parametrize(
    "viewport", [None, {"width": 375, "height": 667}], ids=["desktop", "phone"]
)
def test_anyone_reads_and_downloads_open_data(page: Any, viewport: dict[str, int] | None) -> None:
    if viewport:
        page.set_viewport_size(viewport)
    page.goto("/open-data")
    assert page.get_by_role("heading", level=1).inner_text() == "Open data: klachten en signalen"
    assert_accessible(page)
    assert int(page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")) <= 0
    year = timezone.localdate().year - 1
    with page.expect_download() as download:
        page.get_by_role("link", name=f"Klachten Gemeente Aa en Zee {year} (CSV)").click()
    assert download.value.suggested_filename == f"klachten-GM9901-{year}-open-data.csv"
