"""Concluding a case on the staff case page: the outcome that fits the kind, informal
resolution first, a summary, and a case that leaves the open worklist. Through the public
surface only: GET the page, POST the form.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import dateformat, timezone

from regie.accounts.scope import scope_for_user
from regie.accounts.selectors import user_by_username
from regie.cases import deadlines as case_deadlines
from regie.cases import services
from regie.cases.models import Case, CaseDeadline, Event, EventType
from regie.cases.services import Person
from tests.pages import field_error

ANNA = Person(name="Anna de Boer", email="anna@example.org", phone="0612345678")
RESOLVED = {"outcome": "opgelost", "conclusion": "Met mevrouw gebeld; nieuwe afspraak gemaakt."}


def snapshot(case: Case) -> tuple[list[Any], list[Any], tuple[Any, ...]]:
    """Everything concluding could change: events, deadline rows and the case's own state."""
    events = list(Event.objects.filter(case=case).order_by("pk").values_list("type", "at"))
    rows = list(
        CaseDeadline.objects.filter(case=case)
        .order_by("pk")
        .values_list("type", "due", "superseded", "met_at")
    )
    state = Case.objects.values_list("status", "outcome", "concluded_at", "next_due").get(
        pk=case.pk
    )
    return events, rows, state


def listed(client: Client, url: str) -> list[str]:
    """The references in the worklist table (not in a message above it)."""
    page = client.get(url).content.decode()
    return re.findall(r'<a class="utrecht-link[^"]*" href="/werk/zaken/([^"]+)"', page)


def offered_outcomes(page: str) -> list[str]:
    return re.findall(r'<input type="radio" name="outcome" value="([^"]+)"', page)


@pytest.fixture
def complaint(new_case: Any) -> Any:
    def make(weeks: int = 2, about: str = "", municipality: str = "GM9901") -> Case:
        return new_case(
            kind="klacht",
            about=about,
            municipality=municipality,
            submitter=ANNA,
            received_at=timezone.now() - dt.timedelta(weeks=weeks),
            description="De thuishulp komt steeds te laat.",
        )

    return make


def test_a_handler_resolves_a_complaint_informally(login: Any, complaint: Any) -> None:
    case = complaint()
    client = login("behandelaar")

    response = client.post(f"/werk/zaken/{case.reference}/afhandelen", RESOLVED)

    assert response.status_code == 302
    assert response["Location"] == f"/werk/zaken/{case.reference}"
    case.refresh_from_db()
    assert case.status == "afgehandeld"
    assert case.outcome == "opgelost"
    event = case.events.get(type=EventType.CONCLUDED)
    assert event.payload["outcome"] == "opgelost"
    assert event.payload["summary"] == "Met mevrouw gebeld; nieuwe afspraak gemaakt."
    # Where the complainant can go next, and until when (Awb 9:12, 9:24).
    assert event.payload["ombudsman"]["name"] == "de Nationale ombudsman"
    assert event.actor_label == "Sanne Jansen"
    assert event.at == case.concluded_at
    handling = case_deadlines.current(case, case_deadlines.COMPLAINT_HANDLING)
    assert handling is not None
    assert handling.met_at == case.concluded_at

    page = client.get(response["Location"]).content.decode()
    assert f"{case.reference} is afgehandeld. Uitkomst: Opgelost in overleg." in page
    concluded = dateformat.format(timezone.localtime(case.concluded_at), "l j F Y, H:i")
    assert "<dt>Uitkomst</dt><dd>Opgelost in overleg</dd>" in page
    assert f"<dt>Afgehandeld op</dt><dd>{concluded} uur</dd>" in page
    # The timeline: the outcome and what the handler wrote.
    assert "Uitkomst: Opgelost in overleg" in page
    assert "Met mevrouw gebeld; nieuwe afspraak gemaakt." in page
    # Closed: nothing left to conclude, postpone or send to the committee.
    assert 'id="afhandelen"' not in page
    assert 'id="verdagen"' not in page
    assert 'id="adviescommissie"' not in page


def test_a_complaint_offers_informal_resolution_first_then_the_awb_judgements(
    login: Any, complaint: Any
) -> None:
    case = complaint()

    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()

    assert 'id="afhandelen"' in page
    assert offered_outcomes(page) == [
        "opgelost",
        "gegrond",
        "deels-gegrond",
        "ongegrond",
        "doorverwezen",
    ]  # not handling (Awb 9:8) is its own action, with its ground: Niet behandelen
    assert "Een formele afhandeling is dan niet nodig (Awb artikel 9:5)." in page
    assert "de Nationale ombudsman" in page


@pytest.mark.parametrize("kind", ["signaal", "melding", "hulpvraag"])
def test_other_kinds_offer_no_awb_judgements(login: Any, new_case: Any, kind: str) -> None:
    case = new_case(kind=kind, submitter=ANNA)

    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()

    assert offered_outcomes(page) == ["opgelost", "afgerond", "doorverwezen"]
    assert "Klacht gegrond" not in page


def test_a_signal_is_concluded_as_done(login: Any, new_case: Any) -> None:
    case = new_case(kind="signaal")

    response = login("behandelaar").post(
        f"/werk/zaken/{case.reference}/afhandelen",
        {"outcome": "afgerond", "conclusion": "Besproken in het teamoverleg."},
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("afgehandeld", "afgerond")


def test_concluding_twice_is_refused_and_changes_nothing(login: Any, complaint: Any) -> None:
    case = complaint()
    client = login("behandelaar")
    client.post(f"/werk/zaken/{case.reference}/afhandelen", RESOLVED)
    before = snapshot(case)

    response = client.post(
        f"/werk/zaken/{case.reference}/afhandelen",
        {"outcome": "gegrond", "conclusion": "Nog een keer."},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<title>Fout: ") == 1
    # The refusal is about the form as a whole: the summary links to its section.
    assert '<a class="utrecht-link utrecht-link--html-a" href="#afhandelen">' in page
    assert "Deze zaak is al afgehandeld." in page
    # The page shows the case as it is: closed, with the first outcome, and no form to send.
    assert "<dt>Uitkomst</dt><dd>Opgelost in overleg</dd>" in page
    assert offered_outcomes(page) == []
    assert snapshot(case) == before
    assert case.events.filter(type=EventType.CONCLUDED).count() == 1


@pytest.mark.parametrize(("kind", "outcome"), [("klacht", "afgerond"), ("signaal", "gegrond")])
def test_an_outcome_that_does_not_fit_the_kind_is_an_error_at_the_outcome(
    login: Any, new_case: Any, kind: str, outcome: str
) -> None:
    case = new_case(kind=kind, submitter=ANNA)
    before = snapshot(case)

    response = login("behandelaar").post(
        f"/werk/zaken/{case.reference}/afhandelen", {"outcome": outcome, "conclusion": "Klaar."}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert field_error(page, "outcome") == "Kies een uitkomst die bij deze zaak past."
    # The summary links to the first radio button of the group.
    assert '<a class="utrecht-link utrecht-link--html-a" href="#id_outcome_0">' in page
    assert snapshot(case) == before


def test_an_outcome_and_a_summary_are_required(login: Any, complaint: Any) -> None:
    case = complaint()
    before = snapshot(case)

    response = login("behandelaar").post(
        f"/werk/zaken/{case.reference}/afhandelen", {"conclusion": "   "}
    )

    page = response.content.decode()
    assert field_error(page, "outcome") == "Kies een uitkomst."
    assert field_error(page, "conclusion") == "Schrijf kort op hoe de zaak is afgehandeld."
    assert re.search(r'name="conclusion"[^>]*aria-invalid="true"', page)
    assert snapshot(case) == before


def test_a_user_of_the_other_municipality_gets_404(login: Any, complaint: Any) -> None:
    case = complaint()
    before = snapshot(case)

    response = login("hooglanden").post(f"/werk/zaken/{case.reference}/afhandelen", RESOLVED)

    assert response.status_code == 404
    assert snapshot(case) == before


def test_a_provider_user_is_not_offered_the_form_and_gets_404(login: Any, complaint: Any) -> None:
    case = complaint(about="het-anker")  # the provider can read this case
    client = login("anker")
    page = client.get(f"/werk/zaken/{case.reference}").content.decode()
    before = snapshot(case)

    response = client.post(f"/werk/zaken/{case.reference}/afhandelen", RESOLVED)

    assert 'id="afhandelen"' not in page
    assert response.status_code == 404
    assert snapshot(case) == before


def test_concluding_accepts_post_only_and_requires_login(
    login: Any, complaint: Any, client: Client
) -> None:
    case = complaint()
    anonymous = client.post(f"/werk/zaken/{case.reference}/afhandelen", RESOLVED)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/inloggen?next=")

    assert login("behandelaar").get(f"/werk/zaken/{case.reference}/afhandelen").status_code == 405


def test_a_closed_case_leaves_the_open_worklist_and_shows_under_its_status(
    login: Any, complaint: Any
) -> None:
    closed, still_open = complaint(weeks=8), complaint(weeks=8)
    client = login("behandelaar")
    client.post(f"/werk/zaken/{closed.reference}/afhandelen", RESOLVED)

    default = listed(client, "/werk?wachtrij=all")
    done = listed(client, "/werk?wachtrij=all&status=afgehandeld")
    everything = listed(client, "/werk?wachtrij=all&status=alle")

    assert default == [still_open.reference]
    assert done == [closed.reference]
    assert set(everything) == {closed.reference, still_open.reference}
    # A closed case is no one's task: no traffic light, whatever it never met.
    page = client.get("/werk?wachtrij=all&status=afgehandeld").content.decode()
    row = re.search(rf"{closed.reference}</a>.*?</tr>", page, re.S)
    assert row is not None
    assert 'regie-due--closed">afgehandeld<' in row.group(0)
    assert "regie-due--overdue" not in row.group(0)


def test_deadlines_a_closed_case_never_met_are_history_not_tasks(login: Any, new_case: Any) -> None:
    # A debt-help request: first contact and the Wgs first conversation never recorded.
    case = new_case(
        kind="hulpvraag",
        domain="schuldhulp",
        submitter=Person(name="Anna de Boer", phone="0612345678"),
        received_at=timezone.now() - dt.timedelta(days=10),
    )
    # The debt team's own work (a complaints handler would have to break the glass).
    client = login("schuldhulpverlener")
    client.post(
        f"/werk/zaken/{case.reference}/afhandelen",
        {"outcome": "doorverwezen", "conclusion": "Doorverwezen naar budgetbeheer."},
    )

    page = client.get(f"/werk/zaken/{case.reference}").content.decode()

    assert "eerstvolgende termijn" not in page
    assert re.search(r"Afgehandeld op \d+ \w+ \d{4} · uitkomst: Doorverwezen", page)
    # First contact was due after three working days: missed. The first conversation was due
    # in four weeks: no longer needed.
    assert 'regie-due--missed">niet gehaald<' in page
    assert 'regie-due--lapsed">niet meer nodig<' in page
    assert "regie-due--overdue" not in page
    assert 'id="eerste-gesprek"' not in page
    # A resident may still call about the answer.
    assert 'id="contact"' in page


def test_the_timeline_keeps_a_summary_of_several_lines_as_paragraphs(
    login: Any, complaint: Any
) -> None:
    case = complaint()
    services.case_conclude(
        case=case,
        scope=scope_for_user(user_by_username("behandelaar")),
        outcome="deels-gegrond",
        summary="Hoorgesprek gehouden.\n\nBrief met oordeel verstuurd.",
    )

    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()

    assert '<p class="regie-timeline__body">Uitkomst: Klacht deels gegrond</p>' in page
    assert '<p class="regie-timeline__body">Hoorgesprek gehouden.</p>' in page
    assert '<p class="regie-timeline__body">Brief met oordeel verstuurd.</p>' in page
