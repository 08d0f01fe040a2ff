"""GET /api/v1/wegwijzer: public, no token, NL API Design Rules; every response is checked
against the committed OpenAPI document."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.api.openapi import assert_matches_openapi

pytestmark = pytest.mark.usefixtures("world")


def ask(**params: str) -> Any:
    response = APIClient().get("/api/v1/wegwijzer", params)
    assert_matches_openapi(response)
    assert response["API-Version"] == "1.0.0"
    return response


def first(**params: str) -> dict[str, Any]:
    response = ask(**params)
    assert response.status_code == 200, response.content
    return dict(response.json()["results"][0])


@pytest.mark.parametrize(
    "q", ["mijn huishoudelijke hulp komt steeds niet", "de thuiszorg komt niet schoonmaken"]
)
def test_home_care_in_aa_en_zee_is_het_anker(q: str) -> None:
    result = first(municipality="GM9901", q=q)

    assert result["responsible"]["slug"] == "het-anker"
    assert result["responsible"]["kind"] == "aanbieder"
    assert result["responsible"]["channels"][0] == {
        "kind": "telefoon",
        "label": "Telefoon",
        "value": "0000 123 450",
        "note": "op werkdagen van 8.30 tot 17.00 uur",
        "href": "tel:0000123450",
    }
    route = result["complaintRoute"]
    assert route["handler"]["slug"] == "het-anker"
    assert route["regime"] == "klachtenregeling-het-anker"
    assert route["term"] == "6 weken"
    assert route["scheme"] == "Klachtenregeling Thuiszorg Het Anker 2025"
    assert [s["party"]["slug"] for s in route["steps"]] == ["het-anker", "klachten", ""]
    assert result["oversight"]["level"] == "volledig"
    assert result["outsourcedTo"] == "het-anker"


def test_youth_care_in_aa_en_zee_is_de_linde_with_the_confidential_adviser() -> None:
    result = first(municipality="GM9901", q="mijn zoon heeft jeugdzorg nodig")

    assert result["responsible"]["slug"] == "de-linde"
    assert result["complaintRoute"]["term"] == "10 weken"
    assert [s["slug"] for s in result["support"]] == ["akj"]


@pytest.mark.parametrize("q", ["ik heb schulden", "de deurwaarder staat voor de deur"])
def test_debts_in_hooglanden_are_the_sociale_dienst_with_the_wgs_terms(q: str) -> None:
    result = first(municipality="GM9902", q=q)

    assert result["responsible"]["slug"] == "sociale-dienst"
    assert result["responsible"]["kind"] == "gr"
    assert result["complaintRoute"]["regime"] == "awb-klacht"
    regimes = [t["regime"] for t in result["terms"]]
    assert regimes == ["servicenorm-eerste-contact", "wgs-eerste-gesprek", "wgs-besluit"]
    wgs = result["terms"][1]["words"]
    assert "4 weken" in wgs
    assert "3 werkdagen" in wgs


def test_a_complaint_about_the_municipality_leads_to_the_ombudsman() -> None:
    result = first(municipality="GM9901", q="de ambtenaar was onbeleefd aan de balie")

    route = result["complaintRoute"]
    assert route["handler"]["slug"] == "klachten"
    assert route["handler"]["kind"] == "team"
    assert route["regime"] == "awb-klacht"
    assert route["legalBasis"] == "Awb artikel 9:11"
    steps = route["steps"]
    assert [s["position"] for s in steps] == [1, 2]
    ombudsman = steps[-1]
    assert ombudsman["party"]["kind"] == "ombudsman"
    assert ombudsman["party"]["name"] == "De Nationale ombudsman"
    assert ombudsman["party"]["channels"][0]["href"] == "https://www.nationaleombudsman.nl"
    assert ombudsman["term"] == "binnen een jaar na het antwoord van de gemeente"
    assert result["reasons"][0].startswith("U schreef 'ambtenaar'")


def test_a_topic_and_a_domain_can_be_asked_without_words() -> None:
    assert first(municipality="GM9901", topic="jeugdhulp")["responsible"]["slug"] == "de-linde"
    results = ask(municipality="GM9902", domain="schuldhulp").json()["results"]
    assert results[0]["responsible"]["slug"] == "sociale-dienst"


def test_words_that_match_nothing_say_so_and_suggest_calling() -> None:
    body = ask(municipality="GM9901", q="qwerty").json()

    assert body["matched"] is False
    assert "14 0000" in body["suggestion"]
    assert body["results"][0]["domain"] == "overig"
    assert body["municipality"]["code"] == "GM9901"


def test_it_needs_no_token_and_ignores_a_bad_one() -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token niet-geldig")
    response = client.get("/api/v1/wegwijzer", {"municipality": "GM9901", "q": "schulden"})
    assert response.status_code == 200


def invalid(response: Any) -> dict[str, str]:
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    return {p["name"]: p["code"] for p in response.json()["invalidParams"]}


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"municipality": "GM0000", "q": "schulden"}, {"municipality": "unknown"}),
        ({"municipality": "Aa en Zee", "q": "schulden"}, {"municipality": "invalid"}),
        ({"q": "schulden"}, {"municipality": "required"}),
        ({"municipality": "GM9901", "q": "x" * 501}, {"q": "max_length"}),
        ({"municipality": "GM9901", "domain": "belastingen"}, {"domain": "invalid_choice"}),
        ({"municipality": "GM9901", "topic": "bestaat-niet"}, {"topic": "unknown"}),
        ({"municipality": "GM9901", "topic": "Geen Slug"}, {"topic": "invalid"}),
        (
            {"municipality": "GM9901", "q": "  "},
            {"q": "required", "domain": "required", "topic": "required"},
        ),
        ({"municipality": "GM9901"}, {"q": "required", "domain": "required", "topic": "required"}),
    ],
)
def test_bad_parameters_are_named_in_problem_json(
    params: dict[str, str], named: dict[str, str]
) -> None:
    assert invalid(ask(**params)) == named


def test_other_methods_are_refused_in_problem_json() -> None:
    response = APIClient().post("/api/v1/wegwijzer", {}, format="json")
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
