"""No input, however strange, makes the API answer 500 or half-write a case."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regie.cases.models import Case

# Fuzzing: hundreds of requests per test.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = [
    "municipality",
    "kind",
    "channel",
    "description",
    "domain",
    "subject",
    "receivedAt",
    "urgency",
    "submitter",
    "onBehalfOf",
    "about",
]
field_values = {
    "municipality": st.sampled_from(["GM9901", "GM9902", "gm9901", "", "GM"]) | json_values,
    "kind": st.sampled_from(["klacht", "signaal", "melding", "hulpvraag", "KLACHT"]) | json_values,
    "channel": st.sampled_from(["web", "api", "telefoon"]) | json_values,
    "description": st.text(max_size=300) | json_values,
    "receivedAt": st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()) | json_values,
    "submitter": st.fixed_dictionaries(
        {},
        optional={
            "name": json_values,
            "email": st.emails() | json_values,
            "anonymous": json_values,
            "address": st.fixed_dictionaries(
                {},
                optional={
                    "street": json_values,
                    "houseNumber": json_values,
                    "postcode": st.sampled_from(["1234 AB", "1234ab", "0123 AB", "1234 SS"])
                    | json_values,
                    "city": json_values,
                },
            )
            | json_values,
        },
    )
    | json_values,
}
bodies = (
    st.fixed_dictionaries({}, optional={f: field_values.get(f, json_values) for f in FIELDS})
    | json_values
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=bodies)
def test_any_json_body_gets_201_or_a_problem(api_for: Any, body: Any) -> None:
    api = api_for("GM9901")
    before = Case.objects.count()
    response = api.post("/api/v1/cases", json.dumps(body), content_type="application/json")
    assert response.status_code in (201, 400), response.content
    if response.status_code == 400:
        assert response["Content-Type"] == "application/problem+json"
        assert Case.objects.count() == before


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(raw=st.binary(max_size=200), reference=st.text(max_size=40))
def test_any_bytes_and_any_reference_get_no_500(api_for: Any, raw: bytes, reference: str) -> None:
    api = api_for("GM9901")
    assert api.post("/api/v1/cases", raw, content_type="application/json").status_code < 500
    path = "/api/v1/cases/" + "".join(c for c in reference if c.isprintable() and c not in "/?#%")
    assert api.get(path).status_code < 500


def _forwarded_case() -> Case:
    from django.contrib.auth.models import User

    from regie.accounts.scope import scope_for_public_web, scope_for_user
    from regie.cases import services
    from regie.directory.models import Municipality, Organisation

    case = services.case_intake(
        scope=scope_for_public_web(),
        request=services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind="melding",
            channel="web",
            domain="wmo",
            description="Mijn buurvrouw redt het niet meer.",
        ),
    ).case
    return services.case_hand_over(
        case=case,
        scope=scope_for_user(User.objects.get(username="coordinator")),
        organisation=Organisation.objects.get(slug="het-anker"),
        reason="Voor Het Anker.",
    )


CASE_WORK_PATHS = [
    "acceptance",
    "updates",
    "conclusion",
    "transitions",
    "escalations",
    "hearing-invitations",
    "hearings",
    "hearing-waivers",
]
# The names these endpoints read, so the fuzzer reaches past "unknown field" too.
CASE_WORK_FIELDS = [
    "text",
    "outcome",
    "summary",
    "judgements",
    "refusalGround",
    "to",
    "reason",
    "level",
    "plannedAt",
    "place",
    "byPhone",
    "heldOn",
    "report",
    "ground",
    "explanation",
]
case_work_bodies = json_values | st.dictionaries(
    st.sampled_from(CASE_WORK_FIELDS), json_values, max_size=5
)


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(path=st.sampled_from(CASE_WORK_PATHS), body=case_work_bodies)
def test_the_provider_endpoints_answer_any_body_with_a_status_below_500(
    api_for: Any, path: str, body: Any
) -> None:
    case = Case.objects.filter(handling_organisation__slug="het-anker").first() or _forwarded_case()
    api = api_for("het-anker")
    response = api.post(
        f"/api/v1/cases/{case.reference}/{path}", json.dumps(body), content_type="application/json"
    )
    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        assert response["Content-Type"] == "application/problem+json"


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    params=st.dictionaries(
        st.sampled_from(["municipality", "q", "domain", "topic", "x"]),
        st.text(max_size=600) | st.sampled_from(["GM9901", "wmo", "huishoudelijke-hulp"]),
        max_size=4,
    )
)
def test_the_wegwijzer_answers_any_question_with_a_status_below_500(
    world: None, client: Any, params: dict[str, str]
) -> None:
    clean = {k: "".join(c for c in v if c.isprintable()) for k, v in params.items()}
    response = client.get("/api/v1/wegwijzer", clean)
    assert response.status_code in (200, 400), response.content
    page = client.get("/wegwijzer", clean)
    assert page.status_code in (200, 400), page.content[:300]
