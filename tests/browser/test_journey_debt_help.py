"""Journey 3 of issue 8, in a real Chromium: a resident phones about a threatened eviction.
The front desk captures a debt help request marked urgent; the Wgs crisis term of three
working days applies at once; the debt counsellor records the first conversation, which
starts the eight-week term for the decision; the decision is recorded well within it.

axe-core checks the capture form, the case page at every step and the closed case.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import dateformat, timezone, translation

from regie.cases.models import Case, EventType
from regie.deadlines import compute_due
from regie.demo.world import DEMO_PASSWORD
from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]


def long_date(day: dt.date) -> str:
    with translation.override("nl"):
        return dateformat.format(day, "l j F Y")


def log_in(page: Any, username: str) -> None:
    page.goto("/inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/werk"))


def log_out(page: Any) -> None:
    page.context.clear_cookies()


def test_an_eviction_gets_the_crisis_term_a_first_conversation_and_a_decision(
    page: Any,
) -> None:
    log_in(page, "kcc")
    page.goto("/werk/nieuw")
    page.get_by_label("Wat vertelt de inwoner?").fill(
        "Mevrouw belt huilend: de deurwaarder komt volgende week, de huisbaas wil haar uit "
        "huis zetten. Zij heeft drie maanden huurachterstand en geen geld meer."
    )
    page.get_by_role("radio", name="Hulpvraag").check()
    page.get_by_label("Naam inwoner").fill("Ilse Bakker")
    page.get_by_label("Telefoon").fill("0612345678")
    page.get_by_label("Domein").select_option("schuldhulp")
    page.get_by_role("radio", name="Spoed").check()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Vastleggen")).click()
    page.wait_for_url(re.compile(r"/werk/zaken/HV-"))

    case = Case.objects.get()
    assert (case.kind, case.domain, case.urgency) == ("hulpvraag", "schuldhulp", "spoed")
    crisis_due = compute_due("wgs-eerste-gesprek", case.received_at, crisis=True).due
    # Three working days: never more than a working week away, also over a weekend.
    assert (crisis_due - timezone.localdate(case.received_at)).days <= 5
    log_out(page)

    log_in(page, "schuldhulpverlener")
    page.goto(f"/werk/zaken/{case.reference}")
    deadlines = page.get_by_role("region", name="Termijnen")
    row = deadlines.get_by_role("listitem").filter(has_text="Eerste gesprek schuldhulp").first
    assert f"uiterlijk {long_date(crisis_due)}" in row.inner_text()
    assert_accessible(page)

    form = page.get_by_role("region", name="Eerste gesprek vastleggen")
    form.get_by_role("button", name="Eerste gesprek vastleggen").click()
    page.wait_for_url(f"**/werk/zaken/{case.reference}")
    case.refresh_from_db()
    held = case.events.get(type=EventType.FIRST_CONVERSATION).at
    decision_due = compute_due("wgs-besluit", held).due
    message = page.get_by_role("status").filter(has_text="Het eerste gesprek is vastgelegd.")
    assert long_date(decision_due) in message.inner_text()
    deadlines = page.get_by_role("region", name="Termijnen")
    row = deadlines.get_by_role("listitem").filter(has_text="Besluit over schuldhulp").first
    assert f"uiterlijk {long_date(decision_due)}" in row.inner_text()
    assert_accessible(page)

    conclude = page.get_by_role("region", name="Afhandelen")
    conclude.get_by_label("Afgerond").check()
    conclude.get_by_label("Hoe is de zaak afgehandeld?").fill(
        "Besluit: mevrouw krijgt schuldhulp. Met de verhuurder is een betalingsregeling "
        "afgesproken; de ontruiming gaat niet door."
    )
    conclude.get_by_role("button", name="Zaak afhandelen").click()
    page.wait_for_url(f"**/werk/zaken/{case.reference}")
    assert page.get_by_role("status").filter(has_text="is afgehandeld").is_visible()
    assert_accessible(page)

    case.refresh_from_db()
    assert case.status == "afgehandeld"
    current = {d.type: d for d in case.deadlines.filter(superseded=False)}
    assert current["eerste-gesprek"].met_at is not None
    assert current["eerste-gesprek"].met_at.date() <= crisis_due
    # The decision is on time: the term is met by the conclusion, not left open.
    assert current["besluit-schuldhulp"].met_at is not None
    assert timezone.localdate(current["besluit-schuldhulp"].met_at) <= decision_due
