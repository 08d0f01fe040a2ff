"""GET /api/v1/cases/{reference} carries the triage suggestion and whether a person
confirmed it (issue 9): for the municipality itself, never for a provider."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

import regie.triage
from regie.accounts.scope import scope_for_user
from regie.cases import services
from regie.cases.models import Case
from regie.triage.suggestion import Suggestion
from tests.api.openapi import assert_matches_openapi
from tests.cases.test_triage_register import intake, suggestion


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Any:
    def use(answer: Suggestion) -> None:
        monkeypatch.setattr(regie.triage, "suggest", lambda text, **_: answer, raising=False)

    return use


def test_the_municipality_reads_the_suggestion_and_its_verdict(api_for: Any, answers: Any) -> None:
    answers(suggestion())
    case: Case = intake()
    municipality = api_for("GM9901")

    response = municipality.get(f"/api/v1/cases/{case.reference}")
    assert response.status_code == 200
    assert_matches_openapi(response)
    body = response.json()
    assert body["domain"] == "overig"  # shown, never applied
    assert body["urgency"] == "normaal"
    triage = body["triage"]
    assert triage["state"] == "open"
    assert triage["confirmedAt"] is None
    suggested = triage["suggested"]
    assert suggested["domain"] == "schuldhulp"
    assert suggested["urgent"] is True
    assert suggested["domainRunnerUp"] == "werk-en-inkomen"
    assert suggested["confidence"] == pytest.approx(0.9)
    assert suggested["reasons"][0] == "'afgesloten' wijst op schulden"
    assert suggested["topic"] == "schulden"  # the directory's topic, matched on "gas en licht"

    services.case_confirm_triage(
        case=case, scope=scope_for_user(User.objects.get(username="behandelaar"))
    )
    confirmed = municipality.get(f"/api/v1/cases/{case.reference}")
    assert_matches_openapi(confirmed)
    assert confirmed.json()["triage"]["state"] == "confirmed"
    assert confirmed.json()["triage"]["confirmedAt"]
    assert confirmed.json()["domain"] == "schuldhulp"
    assert confirmed.json()["urgency"] == "spoed"


def test_no_suggestion_is_null(api_for: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(regie.triage, "suggest", None, raising=False)
    case = intake()
    response = api_for("GM9901").get(f"/api/v1/cases/{case.reference}")
    assert_matches_openapi(response)
    assert response.json()["triage"] is None


def test_the_list_validates_too(api_for: Any, answers: Any) -> None:
    answers(suggestion())
    intake()
    response = api_for("GM9901").get("/api/v1/cases?queue=bij-ons")
    assert response.status_code == 200
    assert_matches_openapi(response)
