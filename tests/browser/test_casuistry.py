"""In a real Chromium: a coordinator drafts a story from a case, meets the gate when typing a
name back in, approves it; the council member reads it. axe-core checks every page, also
with a form error and on a phone."""

from __future__ import annotations

import re
from typing import Any

import pytest

from regie.accounts.scope import scope_for_public_web
from regie.cases import services
from regie.deidentify import deidentify
from regie.directory.models import Municipality
from tests.browser.conftest import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]

PHONE = {"width": 375, "height": 667}


def a_case() -> str:
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind="klacht",
        domain="wmo",
        channel="web",
        subject="Geen hulp meer",
        description="Mijn naam is Karin Bosman. De huishoudelijke hulp komt al weken niet.",
        submitter=services.Person(name="Karin Bosman", email="k.bosman@example.nl"),
    )
    return services.case_intake(scope=scope_for_public_web(), request=request).case.reference


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_story_from_draft_to_the_council(page: Any, viewport: dict[str, int] | None) -> None:
    reference = a_case()
    deidentify("")  # load deduce now (seconds), not inside the click's navigation timeout
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, "coordinator")
    page.goto("/bestuur/GM9901/casuistiek")
    assert_accessible(page)

    page.get_by_role("button", name="Concept maken").click()  # empty: errors
    assert page.get_by_text("Vul het kenmerk van de zaak in.").first.is_visible()
    assert_accessible(page)

    page.get_by_label("Kenmerk van de zaak").fill(reference)
    page.get_by_label("Periode").fill("2026")
    page.get_by_role("button", name="Concept maken").click()
    page.wait_for_url(re.compile(r"/bestuur/GM9901/casuistiek/\d+$"))
    assert "Bosman" not in page.get_by_label("Verhaal").input_value()
    assert_accessible(page)

    story = page.get_by_label("Verhaal")
    story.fill(story.input_value() + " Mevrouw Bosman was boos.")
    page.get_by_role("button", name="Tekst opslaan").click()
    assert page.get_by_text("maakt iemand herkenbaar").first.is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Verhaal goedkeuren").click()
    assert page.get_by_text("Het verhaal is goedgekeurd.").is_visible()
    assert_accessible(page)

    log_in(page, "raadslid")
    page.goto("/bestuur/GM9901/casuistiek")
    assert page.get_by_role("heading", name="Verhaal 1").is_visible()
    assert "Bosman" not in page.content()
    assert reference not in page.content()
    assert_accessible(page)
