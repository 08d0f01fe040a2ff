"""In a real Chromium (issue 11): a colleague captures a BSN, the case page shows it masked,
"Toon BSN" shows it in full, and axe-core finds nothing on either page."""

from __future__ import annotations

from typing import Any

import pytest

from regie.privacy.models import AccessLog
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]


def test_a_captured_bsn_is_masked_until_shown(page: Any) -> None:
    log_in(page, "kcc")
    page.goto("/werk/nieuw")
    page.get_by_label("Wat vertelt de inwoner?").fill("Mijn bijstand is zonder bericht gestopt.")
    page.get_by_label("Klacht").check()
    page.get_by_label("Naam inwoner").fill("Jan de Vries")
    page.get_by_label("BSN").fill("123456789")
    page.get_by_role("button", name="Vastleggen").click()
    assert page.get_by_text("Dit is geen geldig BSN").first.is_visible()
    assert_accessible(page)

    page.get_by_label("BSN").fill("1234 56 782")
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_url("**/werk/zaken/*")
    facts = page.locator("#indiener").locator("..")
    assert "*****6782" in facts.inner_text()
    assert "123456782" not in page.content()
    assert_accessible(page)

    page.get_by_role("button", name="Toon BSN").click()
    page.wait_for_load_state()
    assert "123456782" in page.locator("#indiener").locator("..").inner_text()
    assert AccessLog.objects.filter(reason="BSN getoond").count() == 1
    assert_accessible(page)
