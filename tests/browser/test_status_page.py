"""The resident's status page in a real Chromium, on a desktop and a phone: adding information
with a file (and a refused file), the follow-up question, the withdrawal confirmation; and the
handler's side: the Nazorg section of the worklist and the check-in on the case page. axe-core
checks every page (WCAG 2.1 A and AA)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.cases import services
from regie.cases.models import Attachment, Case
from regie.demo.world import DEMO_PASSWORD
from regie.directory.models import Municipality
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]

PHONE = {"width": 375, "height": 667}
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def complaint(email: str = "anna@example.org") -> Case:
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind="klacht",
        channel="web",
        description="De taxi naar de dagbesteding kwam drie keer te laat.",
        submitter=services.Person(name="Anna de Boer", email=email),
    )
    return services.case_intake(scope=scope_for_public_web(), request=request).case


def staff() -> services.Scope:
    return scope_for_user(User.objects.get(username="behandelaar"))


def sideways_scroll(page: Any) -> int:
    return int(
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


def check(page: Any, phone: bool) -> None:
    assert_accessible(page)
    if phone:
        assert sideways_scroll(page) <= 0, f"{page.url} scrolls sideways on a phone"


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_add_information_and_withdraw_on_the_status_page(
    page: Any, viewport: Any, tmp_path: Path
) -> None:
    if viewport:
        page.set_viewport_size(viewport)
    case = complaint()
    page.goto(f"/status/{case.status_token}")
    assert page.get_by_role("heading", name="Iets toevoegen").is_visible()
    assert page.get_by_role("heading", name="Niet tevreden?").is_visible()
    check(page, bool(viewport))

    # A refused file: a clear message, the text kept, nothing stored.
    bad = tmp_path / "factuur.pdf"
    bad.write_bytes(b"MZ\x90\x00" + b"\x00" * 64)
    page.get_by_label("Wat wilt u ons nog laten weten?").fill("De taxi was weer te laat.")
    page.get_by_label("Bestand meesturen").set_input_files(str(bad))
    page.get_by_role("button", name="Versturen").click()
    assert "Dit soort bestand kunnen wij niet aannemen" in page.get_by_role("alert").inner_text()
    assert page.title().startswith("Fout:")
    assert not Attachment.objects.filter(case=case).exists()
    check(page, bool(viewport))

    good = tmp_path / "brief.pdf"
    good.write_bytes(PDF)
    page.get_by_label("Bestand meesturen").set_input_files(str(good))
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_url(f"**/status/{case.status_token}")
    assert page.get_by_text("Wij hebben uw informatie ontvangen").is_visible()
    assert Attachment.objects.get(case=case).name == "brief.pdf"
    check(page, bool(viewport))

    # Withdraw: the confirmation page first.
    page.get_by_role("link", name="Mijn klacht intrekken").click()
    page.wait_for_url(re.compile(r"/intrekken$"))
    assert page.get_by_role("heading", name="Wilt u uw klacht intrekken?").is_visible()
    check(page, bool(viewport))
    page.get_by_label("Waarom trekt u het in?").fill("Het is opgelost.")
    page.get_by_role("button", name="Ja, trek mijn klacht in").click()
    page.wait_for_url(f"**/status/{case.status_token}")
    assert page.get_by_text("Uw klacht is ingetrokken. Wij doen er niets meer mee.").is_visible()
    case.refresh_from_db()
    assert case.status == "ingetrokken"
    check(page, bool(viewport))


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_the_follow_up_question_and_the_handlers_check_in(page: Any, viewport: Any) -> None:
    if viewport:
        page.set_viewport_size(viewport)
    behandelaar = User.objects.get(username="behandelaar")
    answered = complaint()
    called = complaint(email="")
    for case in (answered, called):
        services.case_assign(case=case, scope=staff(), handler=behandelaar)
        services.case_conclude(case=case, scope=staff(), outcome="opgelost", summary="Geregeld.")
        services.case_plan_follow_up(case=case, scope=staff(), due=timezone.localdate())

    # The resident answers on the status page, first forgetting the yes/no.
    page.goto(f"/status/{answered.status_token}")
    assert page.get_by_role("heading", name="Hoe gaat het nu?").is_visible()
    check(page, bool(viewport))
    page.get_by_role("button", name="Antwoord versturen").click()
    assert "Kies ja of nee." in page.get_by_role("alert").inner_text()
    check(page, bool(viewport))
    page.get_by_label("Ja, het is opgelost").check()
    page.get_by_label("5 (heel goed)").check()
    page.get_by_role("button", name="Antwoord versturen").click()
    page.wait_for_url(f"**/status/{answered.status_token}")
    assert page.get_by_text("Fijn dat het is opgelost.").is_visible()
    answered.refresh_from_db()
    assert answered.status == "gesloten"
    check(page, bool(viewport))

    # The handler: the Nazorg section lists the one without e-mail; the check-in reopens it.
    page.goto("/inloggen")
    page.get_by_label("Gebruikersnaam").fill("behandelaar")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/werk"))
    nazorg = page.get_by_role("region", name=re.compile("Nazorg"))
    assert called.reference in nazorg.inner_text()
    assert answered.reference not in nazorg.inner_text()
    check(page, bool(viewport))

    page.get_by_role("link", name=called.reference).first.click()
    page.wait_for_url(re.compile(called.reference))
    assert page.get_by_role("heading", name="Nazorg: hoe gaat het nu?").is_visible()
    check(page, bool(viewport))
    page.get_by_label("Nee, niet opgelost: de zaak wordt heropend").check()
    page.get_by_label("Wat vertelde de indiener?").fill("Gebeld: de taxi is weer te laat.")
    page.get_by_role("button", name="Check-in vastleggen").click()
    assert page.get_by_text("De zaak is heropend").is_visible()
    called.refresh_from_db()
    assert called.status == "in-behandeling"
    check(page, bool(viewport))
