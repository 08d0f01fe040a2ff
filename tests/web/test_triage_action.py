"""Triage on the staff pages (issue 9): the suggestion on the case page with its confidence
in words, "Klopt" in one click, "Aanpassen" with a small form, and "Mogelijk spoed" on top
of the worklist. Through the public surface only: GET the page, POST a form."""

from __future__ import annotations

from typing import Any

import pytest

import regie.triage
from regie.cases.models import Case, Event, EventType, TriageState, TriageSuggestion
from regie.cases.urls_public import status_path
from regie.triage.suggestion import Suggestion
from tests.cases.test_triage_register import intake, suggestion
from tests.pages import field_error


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Any:
    def use(answer: Suggestion) -> None:
        monkeypatch.setattr(regie.triage, "suggest", lambda text, **_: answer, raising=False)

    return use


def test_the_case_page_shows_the_suggestion_and_klopt_applies_it(login: Any, answers: Any) -> None:
    answers(suggestion())
    case = intake()
    # The coordinator: confirming moves the case to the debt team, out of a complaints
    # handler's own work (test_break_glass.py shows where that handler lands).
    client = login("coordinator")

    page = client.get(f"/werk/zaken/{case.reference}").content.decode()
    assert "Voorstel van Regie: mogelijk spoed" in page
    assert "zeker" in page
    assert "Tweede keus: Werk en inkomen" in page
    assert "Afsluiting van gas of licht dreigt" in page
    assert "crisistermijn" in page
    assert "Triage-voorstel" in page  # the timeline entry

    response = client.post(f"/werk/zaken/{case.reference}/triage", {})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.domain, case.urgency) == ("schuldhulp", "spoed")
    assert TriageSuggestion.objects.get(case=case).state == TriageState.CONFIRMED
    page = client.get(response["Location"]).content.decode()
    assert "Triage-voorstel bevestigd" in page
    assert "Voorstel van Regie" not in page  # judged: the buttons are gone


def test_low_confidence_preselects_nothing(login: Any, answers: Any) -> None:
    answers(suggestion(confidence=0.4, urgent=False, urgent_reasons=()))
    case = intake()
    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()
    assert "Regie twijfelt; kies zelf." in page
    assert 'value="schuldhulp" selected' not in page
    assert 'value="ja" checked' not in page
    assert 'value="nee" checked' not in page


def test_aanpassen_records_the_choice_and_bad_input_changes_nothing(
    login: Any, answers: Any
) -> None:
    answers(suggestion())
    case: Case = intake()
    client = login("behandelaar")
    events = Event.objects.filter(case=case).count()

    bad = client.post(
        f"/werk/zaken/{case.reference}/triage-aanpassen",
        {"triage_domain": "", "triage_kind": "melding"},
    )
    assert bad.status_code == 200
    page = bad.content.decode()
    assert field_error(page, "triage_domain") == "Kies een domein."
    assert field_error(page, "triage_urgent") == "Kies ja of nee."
    assert Event.objects.filter(case=case).count() == events

    good = client.post(
        f"/werk/zaken/{case.reference}/triage-aanpassen",
        {"triage_domain": "wmo", "triage_kind": "melding", "triage_urgent": "nee"},
    )
    assert good.status_code == 302
    case.refresh_from_db()
    assert (case.domain, case.kind, case.urgency) == ("wmo", "melding", "normaal")
    assert Event.objects.get(case=case, type=EventType.TRIAGE_CORRECTED).payload["domain"] == "wmo"


def test_urgent_suggestions_are_on_top_of_the_worklist_until_judged(
    login: Any, answers: Any
) -> None:
    answers(suggestion())
    case = intake()
    client = login("coordinator")
    page = client.get("/werk?wachtrij=all").content.decode()
    assert "Mogelijk spoed (1)" in page
    assert f"{case.reference}</a>" in page
    assert "Afsluiting van gas of licht dreigt" in page

    client.post(f"/werk/zaken/{case.reference}/triage", {})
    assert "Mogelijk spoed (" not in client.get("/werk?wachtrij=all").content.decode()


def test_the_resident_never_sees_triage(client: Any, login: Any, answers: Any) -> None:
    answers(suggestion())
    case = intake()
    response = client.get(status_path(case))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Triage" not in page
    assert "spoed" not in page.lower()
