"""The deadline facts on the staff case page: contact, postponement, the advisory committee and
the first debt-help conversation. Through the public surface only: GET the page, POST a form.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import dateformat, timezone

from regie.cases import deadlines as case_deadlines
from regie.cases.models import Case, CaseDeadline, Event, EventType
from regie.cases.services import Person
from regie.deadlines import compute_due
from regie.directory.models import Organisation
from tests.pages import field_error

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ANNA = Person(name="Anna de Boer", email="anna@example.org", phone="0612345678")
PATHS = ["contact", "verdagen", "adviescommissie", "eerste-gesprek"]


def weeks_ago(weeks: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(weeks=weeks)


def long_date(day: dt.date) -> str:
    """The way the case page writes a date: "dinsdag 5 mei 2026"."""
    return dateformat.format(day, "l j F Y")


def an_hour_ago() -> dict[str, str]:
    moment = timezone.localtime() - dt.timedelta(hours=1)
    return {"date": f"{moment:%Y-%m-%d}", "time": f"{moment:%H:%M}"}


def valid_post(path: str) -> dict[str, str]:
    moment = an_hour_ago()
    return {
        "contact": {
            "contact_date": moment["date"],
            "contact_time": moment["time"],
            "summary": "Gebeld.",
        },
        "verdagen": {"notice_sent_on": f"{timezone.localdate():%Y-%m-%d}", "reason": "Drukte."},
        "adviescommissie": {},
        "eerste-gesprek": {"held_on": moment["date"], "held_time": moment["time"]},
    }[path]


def snapshot(case: Case) -> tuple[list[Any], list[Any]]:
    """Everything a deadline action could change: events and deadline rows."""
    events = list(Event.objects.filter(case=case).order_by("pk").values_list("type", "at"))
    rows = list(
        CaseDeadline.objects.filter(case=case)
        .order_by("pk")
        .values_list("type", "due", "superseded", "met_at")
    )
    return events, rows


@pytest.fixture
def complaint(new_case: Any) -> Any:
    """complaint(weeks=3, about="") → a complaint received some weeks ago."""

    def make(weeks: int = 3, about: str = "") -> Case:
        return new_case(
            kind="klacht",
            about=about,
            submitter=ANNA,
            received_at=weeks_ago(weeks),
            description="Ik ben drie keer niet teruggebeld.",
        )

    return make


@pytest.fixture
def debt_request(new_case: Any) -> Case:
    case: Case = new_case(
        kind="hulpvraag",
        domain="schuldhulp",
        submitter=ANNA,
        received_at=weeks_ago(1),
        description="Ik kan mijn huur niet meer betalen.",
    )
    return case


# Contact


def test_contact_is_recorded_with_its_dutch_moment(login: Any, complaint: Any) -> None:
    case = complaint()
    client = login("behandelaar")
    day = timezone.localdate() - dt.timedelta(days=2)

    response = client.post(
        f"/werk/zaken/{case.reference}/contact",
        {"contact_date": f"{day:%Y-%m-%d}", "contact_time": "09:30", "summary": "Mevrouw gebeld."},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/werk/zaken/{case.reference}"
    event = case.events.get(type=EventType.CONTACT)
    assert event.payload == {"summary": "Mevrouw gebeld."}
    assert event.at == dt.datetime.combine(day, dt.time(9, 30), tzinfo=AMSTERDAM)
    assert event.actor_label == "Sanne Jansen"
    first_contact = case_deadlines.current(case, case_deadlines.FIRST_CONTACT)
    assert first_contact is not None
    assert first_contact.met_at == event.at
    page = client.get(response["Location"]).content.decode()
    assert "Het contact met de indiener staat in de tijdlijn." in page
    assert "Contact met de indiener" in page
    assert "Mevrouw gebeld." in page


def test_the_contact_form_defaults_to_now_in_dutch_time(login: Any, complaint: Any) -> None:
    case = complaint()

    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()

    today = f"{timezone.localdate():%Y-%m-%d}"
    assert f'type="date" name="contact_date" value="{today}"' in page
    assert re.search(r'type="time" name="contact_time" value="\d\d:\d\d"', page)


def test_contact_in_the_future_is_an_error_at_the_date(login: Any, complaint: Any) -> None:
    case = complaint()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = login("behandelaar").post(
        f"/werk/zaken/{case.reference}/contact",
        {"contact_date": f"{tomorrow:%Y-%m-%d}", "contact_time": "10:00", "summary": "Gebeld."},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert field_error(page, "contact_date") == "Dit tijdstip ligt in de toekomst."
    assert '<a class="utrecht-link utrecht-link--html-a" href="#id_contact_date">' in page
    assert not case.events.filter(type=EventType.CONTACT).exists()


def test_contact_needs_a_summary(login: Any, complaint: Any) -> None:
    case = complaint()

    response = login("behandelaar").post(
        f"/werk/zaken/{case.reference}/contact", {**valid_post("contact"), "summary": "  "}
    )

    page = response.content.decode()
    assert field_error(page, "summary") == "Schrijf kort op wat u besproken heeft."
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_summary_helptext id_summary_error"' in page
    assert page.count("<title>Fout: ") == 1
    assert not case.events.filter(type=EventType.CONTACT).exists()


def test_a_time_the_clock_skipped_is_an_error(login: Any, complaint: Any) -> None:
    case = complaint()

    response = login("behandelaar").post(
        f"/werk/zaken/{case.reference}/contact",
        {"contact_date": "2026-03-29", "contact_time": "02:30", "summary": "Gebeld."},
    )

    assert "ging de klok een uur vooruit" in field_error(response.content.decode(), "contact_time")
    assert not case.events.filter(type=EventType.CONTACT).exists()


# Postponement


def test_a_complaint_offers_postponement_and_the_committee(login: Any, complaint: Any) -> None:
    case = complaint()
    due = case_deadlines.current(case, case_deadlines.COMPLAINT_HANDLING)
    assert due is not None

    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()

    postponed = compute_due("awb-klacht", case.received_at, extended=True).due
    committee = compute_due("awb-klacht", case.received_at, committee=True).due
    assert "Behandeling verdagen" in page
    assert "één keer met hooguit 4 weken verdagen" in page
    assert f"Na het verdagen wordt dat {long_date(postponed)}." in page
    assert "Klachtadviescommissie inschakelen" in page
    assert f"De klacht moet dan uiterlijk {long_date(committee)} afgehandeld zijn." in page
    assert "Eerste gesprek vastleggen" not in page


def test_postponement_moves_the_due_date_and_explains_why(login: Any, complaint: Any) -> None:
    case = complaint()
    client = login("behandelaar")
    today = timezone.localdate()

    response = client.post(
        f"/werk/zaken/{case.reference}/verdagen",
        {"notice_sent_on": f"{today:%Y-%m-%d}", "reason": "Wij wachten op het dossier."},
    )

    assert response.status_code == 302
    old = compute_due("awb-klacht", case.received_at).due
    new = compute_due("awb-klacht", case.received_at, extended=True).due
    current = case_deadlines.current(case, case_deadlines.COMPLAINT_HANDLING)
    assert current is not None
    assert current.due == new
    assert "extended" in current.options
    event = case.events.get(type=EventType.POSTPONED)
    assert event.payload["noticeSentOn"] == today.isoformat()
    assert event.payload["reason"] == "Wij wachten op het dossier."
    assert event.payload["before"]["due"] == old.isoformat()
    assert event.payload["after"]["due"] == new.isoformat()

    page = client.get(response["Location"]).content.decode()
    assert f"De klacht moet nu uiterlijk {long_date(new)} afgehandeld zijn." in page
    # The deadlines section shows the new date with its explanation open.
    assert f"Afhandeling van de klacht</strong>: uiterlijk {long_date(new)}" in page
    assert '<details class="regie-details" open>' in page
    assert "De gemeente heeft de behandeling verdaagd." in page
    # The timeline: what was sent when, why, and the date before and after.
    assert f"Brief aan de indiener verstuurd op {long_date(today)}" in page
    assert "Reden: Wij wachten op het dossier." in page
    assert f"Eerdere datum: uiterlijk {long_date(old)}" in page
    assert f"Nieuwe datum: uiterlijk {long_date(new)}" in page
    # Once is all the law allows: the form is gone.
    assert 'id="verdagen"' not in page


def test_postponing_twice_is_refused_and_changes_nothing(login: Any, complaint: Any) -> None:
    case = complaint()
    client = login("behandelaar")
    client.post(f"/werk/zaken/{case.reference}/verdagen", valid_post("verdagen"))
    before = snapshot(case)

    response = client.post(f"/werk/zaken/{case.reference}/verdagen", valid_post("verdagen"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "De behandeling is al eens verdaagd. Dat mag maar één keer" in page
    assert '<a class="utrecht-link utrecht-link--html-a" href="#verdagen">' in page
    assert snapshot(case) == before
    assert case.events.filter(type=EventType.POSTPONED).count() == 1


def test_a_notice_after_the_due_date_is_an_error_at_that_field(login: Any, complaint: Any) -> None:
    case = complaint(weeks=8)  # the six weeks have run out
    before = snapshot(case)
    due = compute_due("awb-klacht", case.received_at).due

    response = login("behandelaar").post(
        f"/werk/zaken/{case.reference}/verdagen", valid_post("verdagen")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert field_error(page, "notice_sent_on") == (
        "De verdaging moet binnen de termijn aan de indiener worden meegedeeld. "
        f"De termijn liep af op {due:%d-%m-%Y}."
    )
    assert re.search(r'name="notice_sent_on"[^>]*aria-invalid="true"', page)
    assert snapshot(case) == before


def test_a_notice_date_before_receipt_is_an_error(login: Any, complaint: Any) -> None:
    case = complaint()
    early = timezone.localtime(case.received_at).date() - dt.timedelta(days=1)

    response = login("behandelaar").post(
        f"/werk/zaken/{case.reference}/verdagen",
        {"notice_sent_on": f"{early:%d-%m-%Y}", "reason": "Drukte."},
    )

    assert field_error(response.content.decode(), "notice_sent_on") == (
        "De datum van de brief ligt vóór de ontvangst van de klacht."
    )
    assert not case.events.filter(type=EventType.POSTPONED).exists()


def test_postponement_needs_a_reason(login: Any, complaint: Any) -> None:
    case = complaint()

    response = login("behandelaar").post(
        f"/werk/zaken/{case.reference}/verdagen", {**valid_post("verdagen"), "reason": ""}
    )

    assert field_error(response.content.decode(), "reason") == (
        "Schrijf op waarom de behandeling langer duurt."
    )
    assert not case.events.filter(type=EventType.POSTPONED).exists()


def test_a_signal_offers_neither_postponement_nor_committee(login: Any, new_case: Any) -> None:
    case = new_case(kind="signaal")

    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()

    assert 'id="verdagen"' not in page
    assert 'id="adviescommissie"' not in page
    assert 'id="contact"' in page


def test_a_forced_postponement_of_a_signal_is_refused(login: Any, new_case: Any) -> None:
    case = new_case(kind="signaal")
    before = snapshot(case)

    response = login("behandelaar").post(
        f"/werk/zaken/{case.reference}/verdagen", valid_post("verdagen")
    )

    assert "geen klachttermijn die verdaagd kan worden" in response.content.decode()
    assert snapshot(case) == before


# Advisory committee


def test_the_committee_gives_ten_weeks(login: Any, complaint: Any) -> None:
    case = complaint()
    client = login("behandelaar")

    response = client.post(f"/werk/zaken/{case.reference}/adviescommissie")

    assert response.status_code == 302
    new = compute_due("awb-klacht", case.received_at, committee=True).due
    current = case_deadlines.current(case, case_deadlines.COMPLAINT_HANDLING)
    assert current is not None
    assert current.due == new
    assert case.events.filter(type=EventType.COMMITTEE).count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "De klachtadviescommissie is ingeschakeld." in page
    assert "Klachtadviescommissie ingeschakeld" in page
    assert f"Nieuwe datum: uiterlijk {long_date(new)}" in page
    assert 'id="adviescommissie"' not in page
    # Postponement is still possible, on top of the ten weeks.
    fourteen = compute_due("awb-klacht", case.received_at, committee=True, extended=True).due
    assert f"Na het verdagen wordt dat {long_date(fourteen)}." in page


def test_the_committee_is_not_offered_for_a_provider_and_refused_when_forced(
    login: Any, complaint: Any
) -> None:
    case = complaint(about="het-anker")
    deadline = case_deadlines.current(case, case_deadlines.COMPLAINT_HANDLING)
    assert deadline is not None
    assert deadline.regime == "klachtenregeling-het-anker"
    client = login("behandelaar")

    page = client.get(f"/werk/zaken/{case.reference}").content.decode()
    before = snapshot(case)
    response = client.post(f"/werk/zaken/{case.reference}/adviescommissie")

    assert 'id="adviescommissie"' not in page
    # The provider's scheme sets the term; the municipality does not postpone it.
    assert 'id="verdagen"' not in page
    assert "Klachtenregeling van de aanbieder" in page
    assert "klachtenregeling van Thuiszorg Het Anker" in page
    assert response.status_code == 200
    assert (
        "Alleen een klacht over de gemeente gaat naar de klachtadviescommissie."
        in response.content.decode()
    )
    assert snapshot(case) == before


def test_a_wkkgz_term_can_be_postponed_once(login: Any, complaint: Any) -> None:
    # Care under the Zvw or Wlz follows the Wkkgz (LEGAL.md §5), which allows one extension.
    Organisation.objects.filter(slug="het-anker").update(complaint_route="wkkgz")
    case = complaint(about="het-anker")

    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()

    assert 'id="verdagen"' in page
    assert "Wkkgz artikel 17" in page
    assert 'id="adviescommissie"' not in page


def test_after_six_weeks_the_committee_is_no_longer_offered_nor_accepted(
    login: Any, complaint: Any
) -> None:
    # The page asks the service's own check, so it never offers what the service refuses.
    case = complaint(weeks=7)
    client = login("behandelaar")

    page = client.get(f"/werk/zaken/{case.reference}").content.decode()
    before = snapshot(case)
    response = client.post(f"/werk/zaken/{case.reference}/adviescommissie")

    assert 'id="adviescommissie"' not in page
    assert response.status_code == 200
    assert "De termijn van zes weken is al verstreken." in response.content.decode()
    assert snapshot(case) == before


# First debt-help conversation


def test_the_first_conversation_starts_the_decision_term(login: Any, debt_request: Case) -> None:
    case = debt_request
    client = login("schuldhulpverlener")
    page = client.get(f"/werk/zaken/{case.reference}").content.decode()
    assert "Eerste gesprek vastleggen" in page
    assert 'id="verdagen"' not in page

    response = client.post(
        f"/werk/zaken/{case.reference}/eerste-gesprek", valid_post("eerste-gesprek")
    )

    assert response.status_code == 302
    event = case.events.get(type=EventType.FIRST_CONVERSATION)
    decision = case_deadlines.current(case, case_deadlines.DEBT_DECISION)
    assert decision is not None
    assert event.payload["decision"]["due"] == decision.due.isoformat()
    conversation = case_deadlines.current(case, case_deadlines.FIRST_CONVERSATION)
    assert conversation is not None
    assert conversation.met_at == event.at
    page = client.get(response["Location"]).content.decode()
    assert f"moet er uiterlijk {long_date(decision.due)} zijn." in page
    assert "Eerste gesprek gevoerd" in page
    assert 'id="eerste-gesprek"' not in page


def test_a_first_conversation_on_another_case_is_refused(login: Any, complaint: Any) -> None:
    case = complaint()
    client = login("behandelaar")
    assert 'id="eerste-gesprek"' not in client.get(f"/werk/zaken/{case.reference}").content.decode()
    before = snapshot(case)

    response = client.post(
        f"/werk/zaken/{case.reference}/eerste-gesprek", valid_post("eerste-gesprek")
    )

    assert response.status_code == 200
    assert field_error(response.content.decode(), "held_on") == (
        "Deze zaak is geen hulpvraag om schuldhulp."
    )
    assert snapshot(case) == before


# Scope and bad input


@pytest.mark.parametrize("path", PATHS)
def test_a_user_of_the_other_municipality_gets_404(
    login: Any, complaint: Any, debt_request: Case, path: str
) -> None:
    case = debt_request if path == "eerste-gesprek" else complaint()
    before = snapshot(case)

    response = login("hooglanden").post(f"/werk/zaken/{case.reference}/{path}", valid_post(path))

    assert response.status_code == 404
    assert snapshot(case) == before


@pytest.mark.parametrize("path", PATHS)
def test_a_provider_gets_404_and_nothing_changes(login: Any, complaint: Any, path: str) -> None:
    case = complaint(about="het-anker")  # the provider can read this case
    client = login("anker")
    page = client.get(f"/werk/zaken/{case.reference}").content.decode()
    before = snapshot(case)

    response = client.post(f"/werk/zaken/{case.reference}/{path}", valid_post(path))

    assert response.status_code == 404
    assert snapshot(case) == before
    for section in ("contact", "verdagen", "adviescommissie", "eerste-gesprek"):
        assert f'id="{section}"' not in page


@pytest.mark.parametrize("path", PATHS)
def test_the_actions_accept_post_only(login: Any, complaint: Any, path: str) -> None:
    case = complaint()

    assert login("behandelaar").get(f"/werk/zaken/{case.reference}/{path}").status_code == 405


def test_the_actions_require_login(client: Client, complaint: Any) -> None:
    case = complaint()

    response = client.post(f"/werk/zaken/{case.reference}/verdagen", valid_post("verdagen"))

    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen?next=")


BAD_DATES = [
    "gisteren",
    "2026-02-30",
    "31-02-2026",
    "2026-13-01",
    "0001-01-01",
    "99999-01-01",
    "1-1-1",
    "2026-11-20T10:00",
    "\u0662\u0660\u0662\u0666-\u0661\u0661-\u0662\u0660",  # Arabic-Indic digits
    "x" * 5000,
]


@pytest.mark.parametrize("value", BAD_DATES)
@pytest.mark.parametrize(
    ("path", "field"),
    [("contact", "contact_date"), ("verdagen", "notice_sent_on"), ("eerste-gesprek", "held_on")],
)
def test_a_bad_date_is_a_form_error_not_a_500(
    login: Any, complaint: Any, debt_request: Case, path: str, field: str, value: str
) -> None:
    case = debt_request if path == "eerste-gesprek" else complaint()
    before = snapshot(case)

    # A debt request is the debt team's work; a complaint the complaints team's.
    handler = "schuldhulpverlener" if path == "eerste-gesprek" else "behandelaar"
    response = login(handler).post(
        f"/werk/zaken/{case.reference}/{path}", {**valid_post(path), field: value}
    )

    assert response.status_code == 200
    assert field_error(response.content.decode(), field) == (
        "Vul een bestaande datum in, zoals 24-03-2026."
    )
    assert snapshot(case) == before


@pytest.mark.parametrize("value", ["25:00", "12:60", "half tien", "9", ""])
@pytest.mark.parametrize(
    ("path", "field"), [("contact", "contact_time"), ("eerste-gesprek", "held_time")]
)
def test_a_bad_time_is_a_form_error_not_a_500(
    login: Any, complaint: Any, debt_request: Case, path: str, field: str, value: str
) -> None:
    case = debt_request if path == "eerste-gesprek" else complaint()
    before = snapshot(case)

    # A debt request is the debt team's work; a complaint the complaints team's.
    handler = "schuldhulpverlener" if path == "eerste-gesprek" else "behandelaar"
    response = login(handler).post(
        f"/werk/zaken/{case.reference}/{path}", {**valid_post(path), field: value}
    )

    assert response.status_code == 200
    assert field_error(response.content.decode(), field) in (
        "Vul een tijd in, zoals 14:30.",
        "Vul de tijd van het contact in.",
        "Vul de tijd van het gesprek in.",
    )
    assert snapshot(case) == before


def test_a_dutch_written_date_is_understood(login: Any, complaint: Any) -> None:
    case = complaint()
    today = timezone.localdate()

    response = login("behandelaar").post(
        f"/werk/zaken/{case.reference}/verdagen",
        {"notice_sent_on": f"{today:%d-%m-%Y}", "reason": "Drukte."},
    )

    assert response.status_code == 302
    assert case.events.get(type=EventType.POSTPONED).payload["noticeSentOn"] == today.isoformat()


def test_contact_in_the_minute_the_case_came_in_is_accepted(login: Any, new_case: Any) -> None:
    # A call registered with quick capture at 10:15:30 and recorded as contact at "10:15".
    case = new_case(kind="klacht", submitter=ANNA)
    received = timezone.localtime(case.received_at)

    response = login("kcc").post(
        f"/werk/zaken/{case.reference}/contact",
        {
            "contact_date": f"{received:%Y-%m-%d}",
            "contact_time": f"{received:%H:%M}",
            "summary": "Gebeld.",
        },
    )

    assert response.status_code == 302
    assert case.events.get(type=EventType.CONTACT).at == case.received_at


def test_contact_a_minute_before_receipt_is_still_refused(login: Any, new_case: Any) -> None:
    case = new_case(kind="klacht", submitter=ANNA)
    before = timezone.localtime(case.received_at) - dt.timedelta(minutes=1)

    response = login("kcc").post(
        f"/werk/zaken/{case.reference}/contact",
        {
            "contact_date": f"{before:%Y-%m-%d}",
            "contact_time": f"{before:%H:%M}",
            "summary": "Gebeld.",
        },
    )

    assert field_error(response.content.decode(), "contact_date") == (
        "Dit tijdstip ligt vóór de ontvangst van de zaak."
    )


def test_the_committee_after_a_postponement_keeps_the_four_weeks(
    login: Any, complaint: Any
) -> None:
    case = complaint()
    client = login("behandelaar")
    client.post(f"/werk/zaken/{case.reference}/verdagen", valid_post("verdagen"))

    page = client.get(f"/werk/zaken/{case.reference}").content.decode()

    fourteen = compute_due("awb-klacht", case.received_at, committee=True, extended=True).due
    assert "plus de 4 weken van de verdaging" in page
    assert f"De klacht moet dan uiterlijk {long_date(fourteen)} afgehandeld zijn." in page
