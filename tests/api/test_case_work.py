"""The provider API: list the cases with you, accept one, report progress, conclude it. A case
outside the token's scope is a 404, also for a guessed reference."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from regie.accounts.scope import scope_for_user
from regie.cases import services
from regie.cases.models import Case, EventType
from regie.directory.models import Organisation
from tests.api.openapi import assert_matches_openapi


@pytest.fixture
def forwarded(new_case: Any) -> Case:
    coordinator = scope_for_user(User.objects.get(username="coordinator"))
    case: Case = new_case(
        kind="hulpvraag",
        domain="wmo",
        submitter=services.Person(name="Jan Jansen", phone="0612345678"),
    )
    return services.case_hand_over(
        case=case,
        scope=coordinator,
        organisation=Organisation.objects.get(slug="het-anker"),
        reason="Voor Het Anker.",
    )


def test_a_provider_lists_accepts_updates_and_concludes(api_for: Any, forwarded: Case) -> None:
    anker = api_for("het-anker")

    listed = anker.get("/api/v1/cases?queue=nieuw")
    assert listed.status_code == 200
    assert_matches_openapi(listed)
    assert [c["reference"] for c in listed.json()["results"]] == [forwarded.reference]
    assert listed.json()["results"][0]["handlingOrganisation"] == "het-anker"

    accepted = anker.post(f"/api/v1/cases/{forwarded.reference}/acceptance")
    assert accepted.status_code == 200, accepted.content
    assert_matches_openapi(accepted)
    assert accepted.json()["acceptedAt"]

    again = anker.post(f"/api/v1/cases/{forwarded.reference}/acceptance")
    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"

    update = anker.post(
        f"/api/v1/cases/{forwarded.reference}/updates", {"text": "Gebeld."}, format="json"
    )
    assert update.status_code == 201
    assert_matches_openapi(update)

    closed = anker.post(
        f"/api/v1/cases/{forwarded.reference}/conclusion",
        {"outcome": "afgerond", "summary": "Hulp loopt weer."},
        format="json",
    )
    assert closed.status_code == 200
    assert_matches_openapi(closed)
    assert (closed.json()["status"], closed.json()["outcome"]) == ("afgehandeld", "afgerond")
    assert forwarded.events.filter(type=EventType.PROGRESS).count() == 1


def test_another_provider_gets_404_also_for_a_guessed_reference(
    api_for: Any, forwarded: Case
) -> None:
    linde = api_for("de-linde")
    for path in ("", "/acceptance", "/updates", "/conclusion"):
        method = linde.get if not path else linde.post
        response = method(f"/api/v1/cases/{forwarded.reference}{path}")
        assert response.status_code == 404, path
    assert linde.post("/api/v1/cases/HV-2026-999999/acceptance").status_code == 404
    assert not forwarded.events.filter(type=EventType.ACCEPTED).exists()


def test_bad_input_is_a_problem_naming_the_field(api_for: Any, forwarded: Case) -> None:
    anker = api_for("het-anker")
    anker.post(f"/api/v1/cases/{forwarded.reference}/acceptance")

    empty = anker.post(f"/api/v1/cases/{forwarded.reference}/updates", {}, format="json")
    wrong = anker.post(
        f"/api/v1/cases/{forwarded.reference}/conclusion",
        {"outcome": "gegrond", "summary": "x"},
        format="json",
    )
    queue = anker.get("/api/v1/cases?queue=alles")

    assert [p["name"] for p in empty.json()["invalidParams"]] == ["text"]
    # "gegrond" is a complaint's outcome; this is a help request.
    assert [p["name"] for p in wrong.json()["invalidParams"]] == ["outcome"]
    assert [p["name"] for p in queue.json()["invalidParams"]] == ["queue"]
    forwarded.refresh_from_db()
    assert forwarded.status != "afgehandeld"


def test_a_municipality_token_lists_its_open_cases_and_cannot_accept(
    api_for: Any, forwarded: Case
) -> None:
    municipality = api_for("GM9901")
    listed = municipality.get("/api/v1/cases")
    assert forwarded.reference in [c["reference"] for c in listed.json()["results"]]
    refused = municipality.post(f"/api/v1/cases/{forwarded.reference}/acceptance")
    assert refused.status_code == 404
