"""POST /api/v1/cases and GET /api/v1/cases/{reference}: the contract partner systems use."""

from __future__ import annotations

import json
from typing import Any

import pytest

from regie.cases.models import Case, Event
from regie.directory.models import Municipality, Organisation
from tests.api.openapi import assert_matches_openapi

pytestmark = pytest.mark.django_db

VALID = {
    "municipality": "GM9901",
    "kind": "klacht",
    "channel": "api",
    "description": "De taxi voor mijn moeder kwam drie keer niet opdagen.",
    "domain": "wmo",
    "subject": "Wmo-vervoer komt niet",
    "submitter": {"name": "Ayşe Demir", "email": "ayse@example.nl", "phone": "0612345678"},
    "onBehalfOf": {"name": "Fatma Demir", "relation": "dochter"},
}


def post(api: Any, body: Any, **headers: str) -> Any:
    return api.post("/api/v1/cases", body, format="json", **headers)


def assert_problem(response: Any, status: int, field: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    if field is not None:
        names = [p["name"] for p in body.get("invalidParams", [])]
        assert field in names, names
    return body


def test_it_registers_a_case_and_returns_the_contract_shape(api_for: Any) -> None:
    response = post(api_for("GM9901"), VALID)

    assert response.status_code == 201
    body = response.json()
    assert body["reference"].startswith("KL-")
    assert body["kind"] == "klacht"
    assert body["domain"] == "wmo"
    assert body["status"] == "ontvangen"
    assert isinstance(body["deadlines"], list)
    assert "/status/" in body["statusUrl"]
    assert body["receivedAt"]
    assert response["API-Version"] == "1.0.0"
    assert response["Location"].endswith(f"/api/v1/cases/{body['reference']}")
    assert_matches_openapi(response)

    case = Case.objects.get(reference=body["reference"])
    assert case.submitter_name == "Ayşe Demir"
    assert case.on_behalf_of_relation == "dochter"
    types = list(case.events.values_list("type", flat=True))
    assert types[0] == "ontvangen"
    # Its deadlines, where the directory routed it, and what triage suggested (issue 9).
    assert set(types[1:]) == {"termijn-berekend", "gerouteerd", "triage-voorstel"}
    assert len(types) == 3 + len(body["deadlines"])


def test_get_returns_the_same_shape(api_for: Any) -> None:
    api = api_for("GM9901")
    created = post(api, VALID).json()

    response = api.get(f"/api/v1/cases/{created['reference']}")

    assert response.status_code == 200
    assert response.json() == created
    assert_matches_openapi(response)


def test_references_count_up_per_kind(api_for: Any) -> None:
    api = api_for("GM9901")
    refs = [
        post(api, {**VALID, "kind": kind}).json()["reference"]
        for kind in ["klacht", "klacht", "signaal"]
    ]
    year = refs[0].split("-")[2]
    # KL-9901-2026-000001: the municipality's own numbers (GM9901), per kind and year.
    assert refs == [
        f"KL-9901-{year}-000001",
        f"KL-9901-{year}-000002",
        f"SG-9901-{year}-000001",
    ]


def test_optional_fields_may_be_left_out(api_for: Any) -> None:
    body = {
        "municipality": "GM9901",
        "kind": "signaal",
        "channel": "api",
        "description": "Losliggende stoeptegels bij het wijkcentrum.",
    }
    response = post(api_for("GM9901"), body)
    assert response.status_code == 201
    assert response.json()["domain"] == "overig"
    assert Case.objects.get().submitter_anonymous is True


def test_on_behalf_of_may_be_just_a_name(api_for: Any) -> None:
    response = post(api_for("GM9901"), {**VALID, "onBehalfOf": "Fatma Demir"})
    assert response.status_code == 201
    assert Case.objects.get().on_behalf_of_name == "Fatma Demir"


def test_received_at_is_kept_with_its_moment(api_for: Any) -> None:
    response = post(api_for("GM9901"), {**VALID, "receivedAt": "2026-03-23T23:30:00Z"})
    assert response.status_code == 201
    assert response.json()["receivedAt"] == "2026-03-24T00:30:00+01:00"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"description": None}, "description"),
        ({"description": ""}, "description"),
        ({"description": "   "}, "description"),
        ({"municipality": "GM0000"}, "municipality"),
        ({"municipality": 9901}, "municipality"),
        ({"kind": "compliment"}, "kind"),
        ({"kind": 1}, "kind"),
        ({"channel": "fax"}, "channel"),
        ({"domain": "zorg"}, "domain"),
        ({"description": 12345}, "description"),
        ({"description": ["a", "b"]}, "description"),
        ({"description": "x" * 20_001}, "description"),
        ({"subject": "x" * 201}, "subject"),
        ({"submitter": "Jan"}, "submitter"),
        ({"submitter": {"name": "Jan", "email": "geen-adres"}}, "submitter.email"),
        (
            {"submitter": {"name": "Jan", "email": "jan@example.nl", "anonymous": "ja"}},
            "submitter.anonymous",
        ),
        ({"receivedAt": "gisteren"}, "receivedAt"),
        ({"receivedAt": "2026-03-23T23:30:00"}, "receivedAt"),
        ({"receivedAt": "2999-01-01T00:00:00Z"}, "receivedAt"),
        ({"about": "onbekend-bureau"}, "about"),
        ({"onBehalfOf": 7}, "onBehalfOf"),
        ({"urgency": "heel-erg"}, "urgency"),
        ({"description": "nul\u0000teken"}, "description"),
        ({"subject": "half \ud800 teken"}, "subject"),
        ({"onBehalfOf": {"name": "x\u0000"}}, "onBehalfOf.name"),
        ({"submitter": {"name": "\udfff", "email": "a@example.nl"}}, "submitter.name"),
        ({"municipality": "0"}, "municipality"),
        ({"about": "Het Anker!"}, "about"),
    ],
)
def test_invalid_input_is_a_problem_naming_the_field(
    api_for: Any, change: dict[str, Any], field: str
) -> None:
    body = {**VALID, **change}
    body = {k: v for k, v in body.items() if v is not None}

    # Sent as ASCII JSON, so that lone surrogates travel as \ud800 escapes as real clients do.
    response = api_for("GM9901").post(
        "/api/v1/cases", json.dumps(body), content_type="application/json"
    )

    assert_problem(response, 400, field)
    assert_matches_openapi(response)
    assert Case.objects.count() == 0
    assert Event.objects.count() == 0


@pytest.mark.parametrize("missing", ["municipality", "kind", "channel", "description"])
def test_required_fields_are_named_when_missing(api_for: Any, missing: str) -> None:
    body = {k: v for k, v in VALID.items() if k != missing}
    assert_problem(post(api_for("GM9901"), body), 400, missing)


def test_a_complaint_without_a_name_is_registered_as_a_signal_never_refused(
    api_for: Any,
) -> None:
    # Awb 9:4 asks a name for a complaint; without one it is still acted on (9:2).
    for submitter in ({"anonymous": True}, {"email": "x@example.nl"}, None):
        body = (
            {**VALID, "submitter": submitter}
            if submitter
            else {k: v for k, v in VALID.items() if k != "submitter"}
        )
        response = post(api_for("GM9901"), body)
        assert response.status_code == 201, response.content
        assert_matches_openapi(response)
        assert response.json()["kind"] == "signaal"
        assert response.json()["reference"].startswith("SG-")
        case = Case.objects.get(reference=response.json()["reference"])
        assert case.events.get(type="ontvangen").payload["filedAs"] == "klacht"


def test_a_letter_with_only_a_name_and_a_postal_address_is_a_written_complaint(
    api_for: Any,
) -> None:
    body = {
        **VALID,
        "channel": "brief",
        "submitter": {
            "name": "Wim de Vries",
            "address": {
                "street": "Kerkstraat",
                "houseNumber": "12a",
                "postcode": "1991ab",
                "city": "Aa en Zee",
            },
        },
    }
    response = post(api_for("GM9901"), body)

    assert response.status_code == 201, response.content
    assert_matches_openapi(response)
    assert (response.json()["kind"], response.json()["procedure"]) == ("klacht", "schriftelijk")
    case = Case.objects.get(reference=response.json()["reference"])
    assert case.postal_address == "Kerkstraat 12a, 1991 AB Aa en Zee"
    assert case.deadlines.filter(type="afhandeling").exists()


@pytest.mark.parametrize(
    ("address", "field"),
    [
        (
            {"street": "Kerkstraat", "houseNumber": "1", "postcode": "0123 AB", "city": "X"},
            "postcode",
        ),
        (
            {"street": "Kerkstraat", "houseNumber": "1", "postcode": "1234 SS", "city": "X"},
            "postcode",
        ),
        ({"street": "Kerkstraat", "houseNumber": "1", "postcode": "1234 AB"}, "city"),
    ],
)
def test_a_bad_postal_address_is_a_problem_naming_the_part(
    api_for: Any, address: dict[str, str], field: str
) -> None:
    body = {**VALID, "submitter": {"name": "Wim", "address": address}}
    assert_problem(post(api_for("GM9901"), body), 400, f"submitter.address.{field}")
    assert Case.objects.count() == 0


def test_an_anonymous_signal_is_accepted_and_keeps_no_contact_details(api_for: Any) -> None:
    body = {
        **VALID,
        "kind": "signaal",
        "submitter": {"name": "X", "email": "x@example.nl", "anonymous": True},
    }
    response = post(api_for("GM9901"), body)
    assert response.status_code == 201
    case = Case.objects.get()
    assert (case.submitter_name, case.submitter_email, case.submitter_anonymous) == ("", "", True)


def test_a_body_that_is_not_an_object_is_a_problem(api_for: Any) -> None:
    api = api_for("GM9901")
    assert_problem(api.post("/api/v1/cases", "[1, 2]", content_type="application/json"), 400)
    assert_problem(api.post("/api/v1/cases", "{niet json", content_type="application/json"), 400)
    assert_problem(
        api.post("/api/v1/cases", "a=b", content_type="application/x-www-form-urlencoded"), 415
    )


def test_without_a_token_the_answer_is_401(world: None) -> None:
    from rest_framework.test import APIClient

    response = post(APIClient(), VALID)
    assert_problem(response, 401)
    assert response["WWW-Authenticate"] == "Token"
    assert response["API-Version"] == "1.0.0"

    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token niet-geldig")
    assert_problem(post(bad, VALID), 401)
    assert Case.objects.count() == 0


def test_a_case_outside_the_callers_scope_is_not_found(api_for: Any) -> None:
    reference = post(api_for("GM9901"), VALID).json()["reference"]

    for outsider in ("GM9902", "het-anker", "de-linde"):
        response = api_for(outsider).get(f"/api/v1/cases/{reference}")
        assert_problem(response, 404)
        assert reference not in response.content.decode()
    assert_problem(api_for("GM9901").get("/api/v1/cases/KL-2026-999999"), 404)


def test_a_provider_sees_what_is_about_it_but_not_the_residents_status_link(
    api_for: Any,
) -> None:
    reference = post(api_for("GM9901"), {**VALID, "about": "het-anker"}).json()["reference"]

    response = api_for("het-anker").get(f"/api/v1/cases/{reference}")
    assert response.status_code == 200
    assert response.json()["statusUrl"] is None
    assert_matches_openapi(response)
    assert api_for("de-linde").get(f"/api/v1/cases/{reference}").status_code == 404


def test_a_provider_may_submit_for_a_municipality_it_serves(api_for: Any) -> None:
    api = api_for("het-anker")
    response = post(api, {**VALID, "channel": "aanbieder", "about": "het-anker"})
    assert response.status_code == 201
    assert "/status/" in response.json()["statusUrl"]  # it registered the case itself
    again = api.get(f"/api/v1/cases/{response.json()['reference']}")
    assert again.status_code == 200
    assert again.json()["statusUrl"] == response.json()["statusUrl"]


def test_a_municipality_token_cannot_submit_for_another_municipality(api_for: Any) -> None:
    assert_problem(post(api_for("GM9902"), VALID), 400, "municipality")
    assert Case.objects.count() == 0


def test_a_retry_with_the_same_idempotency_key_returns_the_same_case(api_for: Any) -> None:
    api = api_for("GM9901")
    first = post(api, VALID, HTTP_IDEMPOTENCY_KEY="abc-123")
    second = post(api, VALID, HTTP_IDEMPOTENCY_KEY="abc-123")

    assert first.status_code == second.status_code == 201
    assert first.json()["reference"] == second.json()["reference"]
    assert second["Idempotent-Replayed"] == "true"
    assert Case.objects.count() == 1


def test_a_retry_is_answered_with_its_case_also_when_it_would_no_longer_pass(
    api_for: Any,
) -> None:
    """The key is not looked up before the checks: a retry of a case registered before is
    its case, also after the directory changed so that the same request is refused now."""
    api = api_for("GM9901")
    body = {**VALID, "about": "het-anker"}
    first = post(api, body, HTTP_IDEMPOTENCY_KEY="voor-de-wijziging")
    assert first.status_code == 201
    Organisation.objects.get(slug="het-anker").municipalities.remove(
        Municipality.objects.get(code="GM9901")
    )
    assert_problem(post(api, body), 400, "about")
    second = post(api, body, HTTP_IDEMPOTENCY_KEY="voor-de-wijziging")
    assert second.status_code == 201
    assert second.json()["reference"] == first.json()["reference"]
    assert Case.objects.count() == 1


def test_the_same_key_with_another_body_is_refused(api_for: Any) -> None:
    api = api_for("GM9901")
    post(api, VALID, HTTP_IDEMPOTENCY_KEY="abc-123")
    response = post(api, {**VALID, "description": "Iets anders"}, HTTP_IDEMPOTENCY_KEY="abc-123")
    assert_problem(response, 422)
    assert Case.objects.count() == 1


def test_idempotency_keys_belong_to_one_client(api_for: Any) -> None:
    first = post(api_for("GM9901"), VALID, HTTP_IDEMPOTENCY_KEY="k")
    second = post(api_for("GM9901"), VALID, HTTP_IDEMPOTENCY_KEY="k")
    assert first.json()["reference"] != second.json()["reference"]


def test_an_oversized_idempotency_key_is_a_problem(api_for: Any) -> None:
    assert_problem(
        post(api_for("GM9901"), VALID, HTTP_IDEMPOTENCY_KEY="k" * 201), 400, "Idempotency-Key"
    )


def test_unknown_api_paths_answer_in_problem_json(api_for: Any) -> None:
    response = api_for("GM9901").get("/api/v1/bestaat-niet")
    assert_problem(response, 404)
    assert response["API-Version"] == "1.0.0"


def test_every_read_of_a_case_is_in_the_access_log(api_for: Any) -> None:
    from regie.privacy.models import AccessLog

    api = api_for("GM9901")
    reference = post(api, VALID).json()["reference"]
    api.get(f"/api/v1/cases/{reference}")
    api_for("GM9902").get(f"/api/v1/cases/{reference}")  # 404: nothing was shown

    [entry] = AccessLog.objects.filter(action=AccessLog.Action.EXPORTED)
    assert entry.case.reference == reference
    assert entry.api_client is not None
    assert entry.action == "opgehaald"


def test_a_receipt_more_than_ten_years_back_is_refused(api_for: Any) -> None:
    response = post(api_for("GM9901"), {**VALID, "receivedAt": "0416-05-26T18:49:45+00:19"})
    assert_problem(response, 400, "receivedAt")
    assert Case.objects.count() == 0
