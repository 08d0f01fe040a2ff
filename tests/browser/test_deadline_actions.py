"""In a real Chromium: a handler postpones a complaint and sees the new due date and why;
for another complaint, from someone without an e-mail address, the acknowledgement letter is
recorded, then the complaint is resolved by phone and concluded.

axe-core checks the case page with the deadline forms and the conclusion form, also with a
form error shown, and the closed case afterwards.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import dateformat, timezone, translation

from regie.accounts.scope import scope_for_public_web
from regie.cases import services
from regie.cases.models import Case, EventType
from regie.deadlines import compute_due
from regie.demo.world import DEMO_PASSWORD
from regie.directory.models import Municipality
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]


def long_date(day: dt.date) -> str:
    """The way the case page writes a date: "dinsdag 5 mei 2026"."""
    with translation.override("nl"):
        return dateformat.format(day, "l j F Y")


def complaint_received(weeks_ago: int) -> Case:
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind="klacht",
        channel="telefoon",
        subject="Niet teruggebeld",
        description="Ik ben drie keer niet teruggebeld over mijn aanvraag.",
        submitter=services.Person(name="Anna de Boer", phone="0612345678"),
        received_at=timezone.now() - dt.timedelta(weeks=weeks_ago),
    )
    return services.case_intake(scope=scope_for_public_web(), request=request).case


def log_in(page: Any, username: str) -> None:
    page.goto("/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/werk"))


def test_a_handler_postpones_a_complaint_and_sees_the_new_date_and_why(page: Any) -> None:
    case = complaint_received(weeks_ago=3)
    today = timezone.localdate()
    old_due = compute_due("awb-klacht", case.received_at).due
    new_due = compute_due("awb-klacht", case.received_at, extended=True).due
    assert (new_due - old_due).days >= 28

    log_in(page, "behandelaar")
    page.goto(f"/werk/zaken/{case.reference}")
    form = page.get_by_role("region", name="Behandeling verdagen")
    assert form.get_by_text("één keer met hooguit 4 weken verdagen").is_visible()
    assert form.get_by_text(f"Na het verdagen wordt dat {long_date(new_due)}.").is_visible()
    assert page.get_by_role("region", name="Contact vastleggen").is_visible()
    assert page.get_by_role("region", name="Klachtadviescommissie inschakelen").is_visible()
    assert_accessible(page)

    # First without a reason: the error summary, the field error, and still no violations.
    form.get_by_label("Datum van de brief aan de indiener").fill(f"{today:%Y-%m-%d}")
    form.get_by_role("button", name="Behandeling verdagen").click()
    summary = page.get_by_role("alert")
    assert "Schrijf op waarom de behandeling langer duurt." in summary.inner_text()
    assert page.title().startswith("Fout:")
    reason = page.get_by_label("Waarom duurt de behandeling langer?")
    assert reason.get_attribute("aria-invalid") == "true"
    assert_accessible(page)

    # The summary links to the field.
    summary.get_by_role("link", name="Schrijf op waarom de behandeling langer duurt.").click()
    assert page.evaluate("() => document.activeElement.name") == "reason"
    reason.fill("Wij wachten op het dossier van de thuiszorg.")
    page.get_by_role("button", name="Behandeling verdagen").click()

    page.wait_for_url(f"**/werk/zaken/{case.reference}")
    status = page.get_by_role("status").filter(has_text="De behandeling is verdaagd.")
    assert status.is_visible()
    deadlines = page.get_by_role("region", name="Termijnen")
    row = deadlines.get_by_role("listitem").filter(has_text="Afhandeling van de klacht").first
    assert f"uiterlijk {long_date(new_due)}" in row.inner_text()
    assert row.get_by_text("De gemeente heeft de behandeling verdaagd.").is_visible()
    assert row.get_by_text(f"De uiterste datum is {long_date(new_due)}.").is_visible()
    timeline = page.get_by_role("region", name="Tijdlijn")
    assert timeline.get_by_text("Behandeling verdaagd").is_visible()
    assert timeline.get_by_text(f"Eerdere datum: uiterlijk {long_date(old_due)}").is_visible()
    assert timeline.get_by_text(f"Nieuwe datum: uiterlijk {long_date(new_due)}").is_visible()
    assert page.get_by_role("region", name="Behandeling verdagen").count() == 0
    assert_accessible(page)
    assert case.events.filter(type=EventType.POSTPONED).count() == 1


def test_a_contact_form_error_passes_axe_and_then_records_the_call(page: Any) -> None:
    case = complaint_received(weeks_ago=1)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    received_on = timezone.localdate(case.received_at)

    log_in(page, "behandelaar")
    page.goto(f"/werk/zaken/{case.reference}")

    # Anna gave no e-mail address: the acknowledgement went by post. First a date before
    # the complaint came in: the error summary, the field error, and still no violations.
    letter = page.get_by_role("region", name="Ontvangstbevestiging per post verstuurd")
    sent_on = letter.get_by_label("Datum waarop de brief is verstuurd")
    assert sent_on.input_value() == f"{timezone.localdate():%Y-%m-%d}"
    sent_on.fill(f"{received_on - dt.timedelta(days=1):%Y-%m-%d}")
    letter.get_by_label("Naar welk adres is de brief gestuurd?").fill("Kerkpad 7, Bovenwijk")
    letter.get_by_role("button", name="Brief vastleggen").click()
    alert = page.get_by_role("alert")
    assert "Deze datum ligt vóór de ontvangst van de zaak." in alert.inner_text()
    assert page.title().startswith("Fout:")
    assert_accessible(page)

    letter = page.get_by_role("region", name="Ontvangstbevestiging per post verstuurd")
    letter.get_by_label("Datum waarop de brief is verstuurd").fill(f"{received_on:%Y-%m-%d}")
    letter.get_by_role("button", name="Brief vastleggen").click()

    page.wait_for_url(f"**/werk/zaken/{case.reference}")
    assert page.get_by_role("status").filter(has_text="per post van").is_visible()
    timeline = page.get_by_role("region", name="Tijdlijn")
    assert timeline.get_by_text("Ontvangstbevestiging verstuurd per post").is_visible()
    assert timeline.get_by_text("Naar: Kerkpad 7, Bovenwijk").is_visible()
    assert page.get_by_role("region", name="Ontvangstbevestiging per post verstuurd").count() == 0
    deadlines = page.get_by_role("region", name="Termijnen")
    row = deadlines.get_by_role("listitem").filter(has_text="Ontvangstbevestiging").first
    assert "regie-due--met" in row.inner_html()
    assert_accessible(page)
    assert case.events.get(type=EventType.ACKNOWLEDGED).payload == {
        "to": "Kerkpad 7, Bovenwijk",
        "by": "post",
    }

    form = page.get_by_role("region", name="Contact vastleggen")
    # The date and time start at now, in Dutch time.
    assert form.get_by_label("Datum van het contact").input_value() == (
        f"{timezone.localdate():%Y-%m-%d}"
    )
    form.get_by_label("Datum van het contact").fill(f"{tomorrow:%Y-%m-%d}")
    form.get_by_label("Wat heeft u besproken?").fill("Mevrouw gebeld, zij wacht op een brief.")
    form.get_by_role("button", name="Contact vastleggen").click()

    assert "Dit tijdstip ligt in de toekomst." in page.get_by_role("alert").inner_text()
    assert_accessible(page)

    moment = timezone.localtime() - dt.timedelta(minutes=30)
    form = page.get_by_role("region", name="Contact vastleggen")
    form.get_by_label("Datum van het contact").fill(f"{moment:%Y-%m-%d}")
    form.get_by_label("Tijd van het contact").fill(f"{moment:%H:%M}")
    form.get_by_role("button", name="Contact vastleggen").click()

    page.wait_for_url(f"**/werk/zaken/{case.reference}")
    assert page.get_by_role("status").filter(has_text="staat in de tijdlijn").is_visible()
    timeline = page.get_by_role("region", name="Tijdlijn")
    assert timeline.get_by_text("Mevrouw gebeld, zij wacht op een brief.").is_visible()
    assert_accessible(page)

    # The call settled it: conclude the complaint as resolved informally. First without
    # choosing an outcome: the error summary links to the first radio button.
    form = page.get_by_role("region", name="Afhandelen")
    outcomes = form.get_by_role("radio")
    assert outcomes.first.get_attribute("value") == "opgelost"
    summary = "Met mevrouw gebeld; excuses aangeboden en de brief is alsnog verstuurd."
    form.get_by_label("Hoe is de zaak afgehandeld?").fill(summary)
    form.get_by_role("button", name="Zaak afhandelen").click()
    alert = page.get_by_role("alert")
    assert "Kies een uitkomst." in alert.inner_text()
    assert_accessible(page)
    alert.get_by_role("link", name="Kies een uitkomst.").click()
    assert page.evaluate("() => document.activeElement.value") == "opgelost"

    form = page.get_by_role("region", name="Afhandelen")
    form.get_by_label("Opgelost in overleg").check()
    form.get_by_role("button", name="Zaak afhandelen").click()

    page.wait_for_url(f"**/werk/zaken/{case.reference}")
    message = f"{case.reference} is afgehandeld. Uitkomst: Opgelost in overleg."
    assert page.get_by_role("status").filter(has_text=message).is_visible()
    facts = page.get_by_role("region", name="Gegevens")
    assert facts.get_by_text("Opgelost in overleg").is_visible()
    assert facts.get_by_text("Afgehandeld op", exact=True).is_visible()
    timeline = page.get_by_role("region", name="Tijdlijn")
    assert timeline.get_by_text("Uitkomst: Opgelost in overleg").is_visible()
    assert timeline.get_by_text(summary).is_visible()
    assert page.get_by_role("region", name="Afhandelen").count() == 0
    assert_accessible(page)
    assert case.events.filter(type=EventType.CONCLUDED).count() == 1
