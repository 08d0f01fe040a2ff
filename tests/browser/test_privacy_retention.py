"""In a real Chromium: the privacy officer opens Bewaartermijnen, makes a mistake in the form,
blocks a case and sees it listed; axe-core finds nothing on any of those pages."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import assert_accessible, log_in
from tests.privacy.worlds import concluded, intake

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]


def test_the_privacy_officer_blocks_a_case(page: Any) -> None:
    case = concluded(intake())
    log_in(page, "privacy")
    page.goto("/privacy/bewaartermijnen")
    assert page.get_by_role("heading", level=1).inner_text() == "Bewaartermijnen"
    assert_accessible(page)

    page.get_by_label("Kenmerk van de zaak").fill(case.reference)
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Schrijf op waarom.").first.wait_for()
    assert_accessible(page)

    page.get_by_label("Reden").fill("Er loopt een rechtszaak.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text(f"Zaak {case.reference} is geblokkeerd.").wait_for()
    held = page.get_by_role(
        "table", name="Zaken die niet worden vernietigd zolang de blokkade geldt"
    )
    assert "Er loopt een rechtszaak." in held.inner_text()
    assert_accessible(page)
