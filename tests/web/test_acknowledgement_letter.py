"""Recording on the staff case page that the acknowledgement of receipt went out by post, for
someone who left no e-mail address (Awb 9:6 asks for writing). Through the public surface
only: GET the page, POST the form, read the status page.
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
from regie.cases import services
from regie.cases.models import Case, CaseDeadline, Event, EventType
from regie.cases.services import Person
from tests.pages import field_error

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PIET = Person(name="Piet Bakker", phone="0612345678")
ANNA = Person(name="Anna de Boer", email="anna@example.org", phone="0612345678")
ADDRESS = "Kerkpad 7, 9999 ZZ Bovenwijk"
URL = "/werk/zaken/{}/ontvangstbevestiging"
SECTION = 'id="ontvangstbevestiging"'


def days_ago(days: int, at: dt.time = dt.time(9, 0)) -> dt.datetime:
    """A moment some days ago, at a wall-clock time in Dutch time."""
    day = timezone.localdate() - dt.timedelta(days=days)
    return dt.datetime.combine(day, at, tzinfo=AMSTERDAM)


def long_date(day: dt.date) -> str:
    """The way the case page writes a date: "dinsdag 5 mei 2026"."""
    return dateformat.format(day, "l j F Y")


def snapshot(case: Case) -> tuple[list[Any], list[Any], Any]:
    """Everything recording the letter could change: events, deadline rows and next_due."""
    events = list(Event.objects.filter(case=case).order_by("pk").values_list("type", "at"))
    rows = list(
        CaseDeadline.objects.filter(case=case)
        .order_by("pk")
        .values_list("type", "due", "superseded", "met_at")
    )
    return events, rows, Case.objects.values_list("next_due", flat=True).get(pk=case.pk)


def letter(day: dt.date, address: str = ADDRESS) -> dict[str, str]:
    return {"letter_sent_on": f"{day:%Y-%m-%d}", "letter_address": address}


def yesterday() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=1)


def acknowledgement(case: Case) -> CaseDeadline:
    deadline = case_deadlines.current(case, case_deadlines.ACKNOWLEDGEMENT)
    assert deadline is not None
    return deadline


@pytest.fixture
def by_phone(new_case: Any) -> Any:
    """by_phone(kind="klacht", about="", received_at=...) → a case with only a phone number."""

    def make(kind: str = "klacht", about: str = "", received_at: dt.datetime | None = None) -> Case:
        return new_case(
            kind=kind,
            about=about,
            submitter=PIET,
            received_at=received_at or days_ago(2),
            description="Ik ben drie keer niet teruggebeld.",
        )

    return make


# When the form is offered


def test_an_open_acknowledgement_offers_the_letter_form(login: Any, by_phone: Any) -> None:
    case = by_phone()
    due = acknowledgement(case).due

    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()

    assert SECTION in page
    assert "Ontvangstbevestiging per post verstuurd" in page
    assert f"Stuur de ontvangstbevestiging uiterlijk {long_date(due)}." in page
    assert "(Awb artikel 9:6)" in page
    assert "De indiener heeft geen e-mailadres gegeven." in page
    today = f"{timezone.localdate():%Y-%m-%d}"
    assert f'type="date" name="letter_sent_on" value="{today}"' in page
    assert re.search(r"Naar welk adres is de brief gestuurd\? <span[^>]*>\(niet verplicht\)", page)
    assert 'maxlength="300"' in page
    assert f'action="/werk/zaken/{case.reference}/ontvangstbevestiging"' in page


def test_a_case_without_contact_details_has_no_acknowledgement_form(
    login: Any, new_case: Any
) -> None:
    case = new_case(kind="signaal", submitter=Person(anonymous=True))
    assert case_deadlines.current(case, case_deadlines.ACKNOWLEDGEMENT) is None

    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()

    assert SECTION not in page
    assert 'id="contact"' in page


def test_a_closed_case_has_no_acknowledgement_form(login: Any, by_phone: Any) -> None:
    case = by_phone(kind="signaal")
    client = login("behandelaar")
    client.post(
        f"/werk/zaken/{case.reference}/afhandelen",
        {"outcome": "afgerond", "conclusion": "Besproken in het teamoverleg."},
    )
    assert acknowledgement(case).met_at is None

    page = client.get(f"/werk/zaken/{case.reference}").content.decode()

    assert "niet meer nodig" in page
    assert SECTION not in page


def test_a_submitter_with_e_mail_is_told_the_e_mail_records_itself(
    login: Any, new_case: Any
) -> None:
    # The e-mail is still in the outbox (it is sent after commit): a letter is possible too.
    case = new_case(kind="melding", submitter=ANNA)

    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()

    assert SECTION in page
    assert "Een bevestiging per e-mail legt Regie zelf vast." in page
    assert "(Awb artikel 9:6)" not in page  # a report (melding) is no complaint


# Recording the letter


def test_recording_the_letter_meets_the_deadline_and_moves_next_due(
    login: Any, by_phone: Any
) -> None:
    case = by_phone()
    client = login("behandelaar")
    # First contact came first, so the acknowledgement is the nearest date.
    client.post(
        f"/werk/zaken/{case.reference}/contact",
        {"contact_date": f"{yesterday():%Y-%m-%d}", "contact_time": "10:00", "summary": "Gebeld."},
    )
    case.refresh_from_db()
    assert case.next_due == acknowledgement(case).due

    response = client.post(URL.format(case.reference), letter(yesterday()))

    assert response.status_code == 302
    assert response["Location"] == f"/werk/zaken/{case.reference}"
    event = case.events.get(type=EventType.ACKNOWLEDGED)
    assert event.payload == {"to": ADDRESS, "by": "post"}
    assert event.at == dt.datetime.combine(yesterday(), dt.time(12, 0), tzinfo=AMSTERDAM)
    assert event.actor_label == "Sanne Jansen"
    assert acknowledgement(case).met_at == event.at
    handling = case_deadlines.current(case, case_deadlines.COMPLAINT_HANDLING)
    assert handling is not None
    case.refresh_from_db()
    assert case.next_due == handling.due

    page = client.get(response["Location"]).content.decode()
    assert f"De ontvangstbevestiging per post van {long_date(yesterday())} staat" in page
    assert "Ontvangstbevestiging verstuurd per post" in page
    assert f"Naar: {ADDRESS}" in page
    # A letter has a date, no time of day.
    shown = dateformat.format(yesterday(), "j F Y")
    assert f'<time datetime="{yesterday():%Y-%m-%d}">{shown}</time> · Sanne Jansen' in page
    # Sent: the form is gone and the deadline is met.
    assert SECTION not in page
    assert re.search(r"Ontvangstbevestiging</strong>.*?regie-due--met", page, re.S)


def test_without_an_address_the_letter_goes_per_post(login: Any, by_phone: Any) -> None:
    case = by_phone(kind="melding")
    client = login("kcc")

    response = client.post(URL.format(case.reference), letter(yesterday(), address="  "))

    assert response.status_code == 302
    event = case.events.get(type=EventType.ACKNOWLEDGED)
    assert event.payload == {"to": "per post", "by": "post"}
    page = client.get(response["Location"]).content.decode()
    assert "Ontvangstbevestiging verstuurd per post" in page
    assert "Naar: " not in page
    case.refresh_from_db()
    assert case.next_due is None  # a report has no other deadline


def test_a_letter_today_is_never_recorded_in_the_future(login: Any, by_phone: Any) -> None:
    case = by_phone()

    response = login("behandelaar").post(URL.format(case.reference), letter(timezone.localdate()))

    assert response.status_code == 302
    event = case.events.get(type=EventType.ACKNOWLEDGED)
    assert timezone.localdate(event.at) == timezone.localdate()
    assert event.at <= timezone.now()
    assert acknowledgement(case).met_at == event.at


def test_a_letter_on_the_afternoon_of_receipt_is_not_before_receipt(
    login: Any, by_phone: Any
) -> None:
    # Received at 15:30; the letter went out the same day. Noon would be before receipt.
    case = by_phone(received_at=days_ago(2, at=dt.time(15, 30)))
    received_on = timezone.localdate(case.received_at)

    response = login("behandelaar").post(URL.format(case.reference), letter(received_on))

    assert response.status_code == 302
    assert case.events.get(type=EventType.ACKNOWLEDGED).at == case.received_at


def test_a_dutch_written_date_is_understood(login: Any, by_phone: Any) -> None:
    case = by_phone()

    response = login("behandelaar").post(
        URL.format(case.reference), {"letter_sent_on": f"{yesterday():%d-%m-%Y}"}
    )

    assert response.status_code == 302
    event = case.events.get(type=EventType.ACKNOWLEDGED)
    assert timezone.localdate(event.at) == yesterday()


# Dates that cannot be right


def test_a_date_before_receipt_is_an_error_and_changes_nothing(login: Any, by_phone: Any) -> None:
    case = by_phone()
    received_on = timezone.localdate(case.received_at)
    before = snapshot(case)

    response = login("behandelaar").post(
        URL.format(case.reference), letter(received_on - dt.timedelta(days=1))
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert field_error(page, "letter_sent_on") == (
        "Deze datum ligt vóór de ontvangst van de zaak. "
        f"De zaak is ontvangen op {received_on:%d-%m-%Y}."
    )
    assert '<a class="utrecht-link utrecht-link--html-a" href="#id_letter_sent_on">' in page
    assert re.search(r'name="letter_sent_on"[^>]*aria-invalid="true"', page)
    assert page.count("<title>Fout: ") == 1
    assert snapshot(case) == before


def test_a_date_in_the_future_is_an_error_and_changes_nothing(login: Any, by_phone: Any) -> None:
    case = by_phone()
    before = snapshot(case)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    response = login("behandelaar").post(URL.format(case.reference), letter(tomorrow))

    assert response.status_code == 200
    assert field_error(response.content.decode(), "letter_sent_on") == (
        "Deze datum ligt in de toekomst."
    )
    assert snapshot(case) == before


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Vul de datum in waarop de brief is verstuurd."),
        ("gisteren", "Vul een bestaande datum in, zoals 24-03-2026."),
        ("2026-02-30", "Vul een bestaande datum in, zoals 24-03-2026."),
        ("31-02-2026", "Vul een bestaande datum in, zoals 24-03-2026."),
        ("0001-01-01", "Vul een bestaande datum in, zoals 24-03-2026."),
        ("x" * 5000, "Vul een bestaande datum in, zoals 24-03-2026."),
    ],
)
def test_a_bad_date_is_a_form_error_not_a_500(
    login: Any, by_phone: Any, value: str, message: str
) -> None:
    case = by_phone()
    before = snapshot(case)

    response = login("behandelaar").post(
        URL.format(case.reference), {"letter_sent_on": value, "letter_address": ADDRESS}
    )

    assert response.status_code == 200
    assert field_error(response.content.decode(), "letter_sent_on") == message
    assert snapshot(case) == before


def test_an_address_longer_than_300_characters_is_an_error(login: Any, by_phone: Any) -> None:
    case = by_phone()
    before = snapshot(case)

    response = login("behandelaar").post(
        URL.format(case.reference), letter(yesterday(), address="a" * 301)
    )

    page = response.content.decode()
    assert field_error(page, "letter_address") == "Schrijf hooguit 300 tekens."
    assert 'aria-describedby="id_letter_address_helptext id_letter_address_error"' in page
    assert snapshot(case) == before


# Recorded once, on an open case only


def test_a_second_letter_is_refused_and_changes_nothing(login: Any, by_phone: Any) -> None:
    case = by_phone()
    client = login("behandelaar")
    client.post(URL.format(case.reference), letter(yesterday()))
    before = snapshot(case)

    response = client.post(URL.format(case.reference), letter(timezone.localdate()))

    page = response.content.decode()
    assert response.status_code == 200
    assert f"De ontvangstbevestiging is al verstuurd, op {long_date(yesterday())}." in page
    assert '<a class="utrecht-link utrecht-link--html-a" href="#ontvangstbevestiging">' in page
    assert 'name="letter_sent_on"' not in page
    assert snapshot(case) == before


def test_a_forced_letter_on_a_closed_case_is_refused(login: Any, by_phone: Any) -> None:
    case = by_phone(kind="signaal")
    client = login("behandelaar")
    client.post(
        f"/werk/zaken/{case.reference}/afhandelen",
        {"outcome": "afgerond", "conclusion": "Besproken in het teamoverleg."},
    )
    before = snapshot(case)

    response = client.post(URL.format(case.reference), letter(yesterday()))

    assert response.status_code == 200
    assert "Deze zaak is afgehandeld." in response.content.decode()
    assert snapshot(case) == before


def test_a_forced_letter_without_an_acknowledgement_deadline_is_refused(
    login: Any, new_case: Any
) -> None:
    case = new_case(kind="signaal", submitter=Person(anonymous=True))
    before = snapshot(case)

    response = login("behandelaar").post(URL.format(case.reference), letter(timezone.localdate()))

    assert response.status_code == 200
    assert "Voor deze zaak hoeft geen ontvangstbevestiging te worden verstuurd." in (
        response.content.decode()
    )
    assert snapshot(case) == before


# Scope


def test_a_user_of_the_other_municipality_gets_404(login: Any, by_phone: Any) -> None:
    case = by_phone()
    before = snapshot(case)
    client = login("hooglanden")

    assert client.get(f"/werk/zaken/{case.reference}").status_code == 404
    response = client.post(URL.format(case.reference), letter(yesterday()))

    assert response.status_code == 404
    assert snapshot(case) == before


def test_a_provider_is_not_offered_the_form_and_gets_404(login: Any, by_phone: Any) -> None:
    case = by_phone(about="het-anker")  # the provider can read this case
    client = login("anker")
    page = client.get(f"/werk/zaken/{case.reference}", follow=True).content.decode()
    before = snapshot(case)

    response = client.post(URL.format(case.reference), letter(yesterday()))

    assert case.reference in page  # in the provider portal
    assert SECTION not in page
    assert response.status_code == 404
    assert snapshot(case) == before


def test_the_action_accepts_post_only(login: Any, by_phone: Any) -> None:
    case = by_phone()

    assert login("behandelaar").get(URL.format(case.reference)).status_code == 405


def test_the_action_requires_login(client: Client, by_phone: Any) -> None:
    case = by_phone()

    response = client.post(URL.format(case.reference), letter(yesterday()))

    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen?next=")
    assert not case.events.filter(type=EventType.ACKNOWLEDGED).exists()


# What the submitter sees


def test_the_status_page_says_per_post_without_the_address(
    login: Any, client: Client, by_phone: Any
) -> None:
    case = by_phone()
    login("behandelaar").post(URL.format(case.reference), letter(yesterday()))
    client.logout()

    page = client.get(f"/status/{case.status_token}").content.decode()

    assert "Wij hebben u een bevestiging gestuurd per post." in page
    assert "per e-mail" not in page
    assert "Kerkpad" not in page
    assert "9999 ZZ" not in page
    assert "Sanne" not in page


# Older events, from before the payload said how it went


@pytest.mark.parametrize(
    ("payload", "title"),
    [
        ({"to": "anna@example.org"}, "Ontvangstbevestiging verstuurd per e-mail"),
        ({"to": ADDRESS}, "Ontvangstbevestiging verstuurd per post"),
        ({"to": "anna@example.org", "by": "email"}, "Ontvangstbevestiging verstuurd per e-mail"),
        ({"to": "per post", "by": "post"}, "Ontvangstbevestiging verstuurd per post"),
    ],
)
def test_the_timeline_says_how_the_acknowledgement_went(
    login: Any, new_case: Any, payload: dict[str, str], title: str
) -> None:
    case = new_case(kind="melding", submitter=ANNA)
    Event.objects.create(
        case=case,
        type=EventType.ACKNOWLEDGED,
        at=timezone.now(),
        actor_label="Systeem",
        payload=payload,
    )

    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()

    assert title in page
    assert "Naar: per post" not in page


def test_an_e_mailed_acknowledgement_still_reads_per_e_mail(login: Any, new_case: Any) -> None:
    case = new_case(kind="melding", submitter=ANNA)
    services.case_record_acknowledgement_emailed(
        case=case, to="anna@example.org", sent_at=timezone.now()
    )

    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()

    assert "Ontvangstbevestiging verstuurd per e-mail" in page
    assert "Naar: anna@example.org" in page
    assert SECTION not in page
