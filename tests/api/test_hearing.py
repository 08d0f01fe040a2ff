"""The hearing through the API (Awb 9:10): the organisation that handles a formal written
complaint under the Awb invites, hears or records why not, then judges it via /conclusion.
Bad input names the field and changes nothing; a step that does not fit is 409."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from regie.cases.models import Case, EventType
from tests.api.openapi import assert_matches_openapi
from tests.api.test_awb_conclusion import JUDGEMENT, conclude, formal_complaint, names

pytestmark = pytest.mark.django_db

__all__ = ["formal_complaint"]  # the fixture, used by name


def post(client: Any, case: Case, what: str, body: dict[str, Any]) -> Any:
    return client.post(f"/api/v1/cases/{case.reference}/{what}", body, format="json")


def test_invite_hear_and_judge_through_the_api(formal_complaint: Any) -> None:
    anker, case = formal_complaint

    planned = (timezone.now() + dt.timedelta(days=7)).isoformat()
    invited = post(anker, case, "hearing-invitations", {"plannedAt": planned, "byPhone": True})
    assert invited.status_code == 201, invited.content
    assert_matches_openapi(invited)
    assert invited.json()["status"] == "hoorzitting"

    today = timezone.localdate().isoformat()
    heard = post(anker, case, "hearings", {"heldOn": today, "report": "Gebeld."})
    assert heard.status_code == 201, heard.content
    assert case.events.filter(type=EventType.HEARING_HELD).count() == 1

    judged = conclude(anker, case, judgements=[JUDGEMENT])
    assert judged.status_code == 200, judged.content
    assert judged.json()["outcome"] == "gegrond"


def test_a_ground_outside_9_10_or_bad_dates_are_named(formal_complaint: Any) -> None:
    anker, case = formal_complaint
    events = case.events.count()

    wrong_ground = post(anker, case, "hearing-waivers", {"ground": "geen-zin", "explanation": "x"})
    assert wrong_ground.status_code == 400
    assert wrong_ground["Content-Type"] == "application/problem+json"
    assert names(wrong_ground) == ["ground"]
    naive = post(anker, case, "hearing-invitations", {"plannedAt": "2026-12-07T10:00:00"})
    assert names(naive) == ["plannedAt"]
    number = post(anker, case, "hearings", {"heldOn": 20261207, "report": "Gebeld."})
    assert names(number) == ["heldOn"]
    nothing = post(anker, case, "hearings", {})
    assert sorted(names(nothing)) == ["heldOn", "report"]
    assert case.events.count() == events

    waived = post(
        anker, case, "hearing-waivers", {"ground": "afgezien", "explanation": "Wil niet."}
    )
    assert waived.status_code == 201, waived.content
    again = post(anker, case, "hearing-waivers", {"ground": "afgezien", "explanation": "Nog eens."})
    assert again.status_code == 409
    assert "niet wordt gehoord" in again.json()["detail"]


def test_a_case_outside_the_scope_is_not_found(formal_complaint: Any, api_for: Any) -> None:
    _, case = formal_complaint
    other = api_for("de-linde")
    response = post(other, case, "hearings", {"heldOn": "2026-12-07", "report": "Gebeld."})
    assert response.status_code == 404
