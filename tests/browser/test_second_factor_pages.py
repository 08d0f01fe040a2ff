"""In a real Chromium: a staff member sets up the second factor (QR code, key as text, a
wrong code, then a right one, the recovery codes) and logs in with password and code; axe-core
and the CSP find nothing on any of these pages, on a phone either."""

from __future__ import annotations

from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.demo.world import DEMO_PASSWORD
from tests.accounts.test_second_factor import code_of, wrong_code_for
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]


@pytest.mark.parametrize(
    "viewport", [None, {"width": 375, "height": 667}], ids=["desktop", "phone"]
)
def test_setting_up_and_using_the_second_factor(page: Any, viewport: dict[str, int] | None) -> None:
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, "behandelaar")

    page.goto("/account/tweede-stap")
    assert page.get_by_role("img", name="QR-code om de app in te stellen").is_visible()
    assert_accessible(page)
    assert int(page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")) <= 0
    device = TOTPDevice.objects.get(user__username="behandelaar")

    page.get_by_role("textbox", name="Code").fill(wrong_code_for(device))
    page.get_by_role("button", name="Tweede stap aanzetten").click()
    assert page.title().startswith("Fout: ")
    assert_accessible(page)

    page.wait_for_timeout(1100)  # django-otp waits a second after a wrong code
    page.get_by_role("textbox", name="Code").fill(code_of(device))
    page.get_by_role("button", name="Tweede stap aanzetten").click()
    page.wait_for_url("**/account/tweede-stap/herstelcodes")
    assert page.get_by_role("listitem").filter(has_text="-").count() >= 10
    assert_accessible(page)

    page.get_by_role("button", name="Uitloggen").click()
    page.goto("/inloggen")
    page.get_by_label("Gebruikersnaam").fill("behandelaar")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/inloggen/code")
    assert_accessible(page)
    device.refresh_from_db()
    # The enrolment used this step's code, and a code works once: the next step's.
    page.get_by_role("textbox", name="Code").fill(code_of(device, later=1))
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/werk")
