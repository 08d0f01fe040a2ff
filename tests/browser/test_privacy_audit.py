"""In a real Chromium: the privacy officer searches the audit log for a case opened outside
someone's own work, on a desktop and on a phone; axe-core finds nothing, the table scrolls in
its own box, and the CSV link downloads the rows found."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from regie.accounts.scope import scope_for_user
from regie.cases import services
from regie.privacy.models import AccessLog
from tests.browser.conftest import assert_accessible, log_in
from tests.privacy.worlds import intake

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]

PHONE = {"width": 375, "height": 667}
REASON = "Inwoner belt over de stand van zaken."


def sideways_scroll(page: Any) -> int:
    return int(
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_the_privacy_officer_finds_a_case_opened_outside_own_work(page: Any, viewport: Any) -> None:
    case = intake()
    services.case_add_note(
        case=case,
        scope=scope_for_user(User.objects.get(username="behandelaar")),
        text="Teruggebeld.",
    )
    AccessLog.objects.create(
        case=case,
        case_reference=case.reference,
        municipality_id=case.municipality_id,
        action=AccessLog.Action.VIEWED,
        actor_label="Kim de Vries",
        ip_address="203.0.113.7",
        purpose=f"/werk/zaken/{case.reference}",
        outside_own_work=True,
        reason=REASON,
    )
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, "privacy")
    page.goto("/privacy/logboek")
    assert page.get_by_role("heading", level=1).inner_text() == "Logboek"
    assert_accessible(page)
    if viewport:
        assert sideways_scroll(page) <= 0

    page.get_by_label("Alleen buiten eigen werk").check()
    page.get_by_label("Kenmerk van de zaak").fill(case.reference)
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("heading", name="1 regel").wait_for()
    table = page.get_by_role("table")
    assert REASON in table.inner_text()
    assert "203.0.113.7" in table.inner_text()
    assert page.get_by_label("Alleen buiten eigen werk").is_checked()
    assert_accessible(page)
    if viewport:
        assert sideways_scroll(page) <= 0

    with page.expect_download() as info:
        page.get_by_role("link", name="Download deze regels als CSV-bestand").click()
    download = info.value
    assert download.suggested_filename.startswith("logboek-")
    body = Path(download.path()).read_text(encoding="utf-8-sig")
    assert REASON in body
    assert "Teruggebeld" not in body  # a note's text is the case's, never the log's
