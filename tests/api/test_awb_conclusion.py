"""The conclusion endpoint judges a complaint per element (Awb 9:12): `judgements` with
element, judgement, norm, reasons and measures; bad input is problem+json naming the place
(`judgements[0].judgement`); the case shows its judgements afterwards."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from regie.accounts.models import ApiClient
from regie.accounts.scope import scope_for_api_client, scope_for_user
from regie.cases import services
from regie.cases.models import Case, ComplaintJudgement
from regie.directory.models import Organisation
from tests.api.openapi import assert_matches_openapi

pytestmark = pytest.mark.django_db

JUDGEMENT = {
    "element": "Niet teruggebeld.",
    "judgement": "gegrond",
    "norm": "voortvarendheid",
    "reasons": "Drie weken niets gehoord.",
    "measures": "Wij bellen binnen twee dagen.",
}


@pytest.fixture
def formal_complaint(new_case: Any, api_for: Any) -> tuple[Any, Case]:
    """A written complaint with Het Anker, accepted and in formal handling."""
    coordinator = scope_for_user(User.objects.get(username="coordinator"))
    case: Case = new_case(
        kind="klacht",
        submitter=services.Person(name="Jan Jansen", email="jan@example.org"),
        description="De taxi kwam drie keer niet.",
    )
    services.case_hand_over(
        case=case,
        scope=coordinator,
        organisation=Organisation.objects.get(slug="het-anker"),
        reason="Voor Het Anker.",
    )
    anker = api_for("het-anker")
    assert anker.post(f"/api/v1/cases/{case.reference}/acceptance").status_code == 200
    moved = anker.post(
        f"/api/v1/cases/{case.reference}/transitions", {"to": "formeel"}, format="json"
    )
    assert moved.status_code == 200, moved.content
    case.refresh_from_db()
    return anker, case


def conclude(client: Any, case: Case, **body: Any) -> Any:
    return client.post(
        f"/api/v1/cases/{case.reference}/conclusion",
        {"outcome": "gegrond", "summary": "Klopt.", **body},
        format="json",
    )


def names(response: Any) -> list[str]:
    return [p["name"] for p in response.json()["invalidParams"]]


def test_bad_judgements_are_a_problem_naming_their_place(formal_complaint: Any) -> None:
    anker, case = formal_complaint

    wrong = conclude(
        anker, case, judgements=[JUDGEMENT, {**JUDGEMENT, "judgement": "half", "norm": 3}]
    )
    assert wrong.status_code == 400
    assert wrong["Content-Type"] == "application/problem+json"
    assert names(wrong) == ["judgements[1].judgement", "judgements[1].norm"]
    not_a_list = conclude(anker, case, judgements="gegrond")
    assert names(not_a_list) == ["judgements"]

    missing = conclude(anker, case)
    assert missing.status_code == 400
    assert names(missing) == ["judgements", "hearing"]
    assert "Awb artikel 9:10" in missing.json()["detail"]
    case.refresh_from_db()
    assert case.status == "formeel"
    assert not ComplaintJudgement.objects.filter(case=case).exists()


def test_a_provider_concludes_a_heard_complaint_with_judgements(formal_complaint: Any) -> None:
    anker, case = formal_complaint
    scope = scope_for_api_client(ApiClient.objects.filter(organisation__slug="het-anker").get())
    services.case_record_hearing(
        case=case, scope=scope, held_on=timezone.localdate(), report="Gehoord."
    )
    contradicting = conclude(anker, case, outcome="ongegrond", judgements=[JUDGEMENT])
    assert contradicting.status_code == 400
    assert names(contradicting) == ["outcome"]

    closed = conclude(anker, case, judgements=[JUDGEMENT])

    assert closed.status_code == 200, closed.content
    assert_matches_openapi(closed)
    assert closed.json()["outcome"] == "gegrond"
    assert closed.json()["judgements"] == [{"position": 1, **JUDGEMENT}]
    shown = anker.get(f"/api/v1/cases/{case.reference}")
    assert shown.json()["judgements"] == closed.json()["judgements"]
    assert_matches_openapi(shown)


def test_not_handling_a_complaint_through_the_api_needs_the_ground_of_9_8(
    formal_complaint: Any,
) -> None:
    anker, case = formal_complaint

    groundless = conclude(anker, case, outcome="niet-behandeld", summary="Bezwaar kan.")
    assert groundless.status_code == 400
    assert groundless["Content-Type"] == "application/problem+json"
    assert names(groundless) == ["refusalGround"]
    unknown = conclude(
        anker, case, outcome="niet-behandeld", summary="Bezwaar kan.", refusalGround="zomaar"
    )
    assert names(unknown) == ["refusalGround"]
    case.refresh_from_db()
    assert case.status == "formeel"

    refused = conclude(
        anker, case, outcome="niet-behandeld", summary="Bezwaar kan.", refusalGround="bezwaar"
    )
    assert refused.status_code == 200, refused.content
    assert_matches_openapi(refused)
    assert refused.json()["outcome"] == "niet-behandeld"
    event = case.events.get(type="afgehandeld")
    assert event.payload["refusal"]["ground"] == "bezwaar"
    assert event.payload["ombudsman"]["name"]


def test_after_four_weeks_the_complaint_must_be_handled(new_case: Any, api_for: Any) -> None:
    coordinator = scope_for_user(User.objects.get(username="coordinator"))
    case: Case = new_case(
        kind="klacht",
        submitter=services.Person(name="Jan Jansen", email="jan@example.org"),
        received_at=timezone.now() - dt.timedelta(weeks=5),
    )
    services.case_hand_over(
        case=case,
        scope=coordinator,
        organisation=Organisation.objects.get(slug="het-anker"),
        reason="Voor Het Anker.",
    )
    anker = api_for("het-anker")
    assert anker.post(f"/api/v1/cases/{case.reference}/acceptance").status_code == 200

    late = conclude(
        anker, case, outcome="niet-behandeld", summary="Te oud.", refusalGround="bezwaar"
    )
    assert late.status_code == 409
    assert "Awb artikel 9:8" in late.json()["detail"]
    case.refresh_from_db()
    assert case.outcome == ""
