"""`submitter.bsn` in the API (issue 11): optional, checked with the eleven-test, stored only
encrypted; a bad one is a problem+json naming the field and writes nothing; the answer gives
the municipality the BSN masked and everyone else nothing."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from regie.cases import bsn
from regie.cases.models import Case, IdempotencyRecord
from tests.api.openapi import assert_matches_openapi
from tests.api.test_case_intake import VALID, assert_problem, post

pytestmark = pytest.mark.django_db

BSN = "123456782"


def with_bsn(value: Any, **changes: Any) -> dict[str, Any]:
    return {**VALID, **changes, "submitter": {**VALID["submitter"], "bsn": value}}


def test_a_valid_bsn_is_stored_encrypted_and_answered_masked(api_for: Any) -> None:
    response = post(api_for("GM9901"), with_bsn("1234 56 782"))

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["submitterBsn"] == "*****6782"
    assert BSN not in response.content.decode()
    assert_matches_openapi(response)
    case = Case.objects.get(reference=body["reference"])
    assert bsn.case_bsn(case) == BSN
    assert list(bsn.cases_with_bsn(Case.objects.all(), BSN)) == [case]
    read = api_for("GM9901").get(f"/api/v1/cases/{case.reference}")
    assert read.json()["submitterBsn"] == "*****6782"
    assert BSN not in read.content.decode()


def test_without_a_bsn_the_field_is_empty(api_for: Any) -> None:
    response = post(api_for("GM9901"), VALID)

    assert response.status_code == 201
    assert response.json()["submitterBsn"] is None


@pytest.mark.parametrize(
    "bad",
    ["123456789", "12345678", "12345678a", "000000000", "1" * 21, 123456782, None],
)
def test_a_bad_bsn_names_submitter_bsn_and_writes_nothing(api_for: Any, bad: Any) -> None:
    before = Case.objects.count()

    response = post(api_for("GM9901"), with_bsn(bad))

    body = assert_problem(response, 400, "submitter.bsn")
    assert Case.objects.count() == before
    assert all(p["reason"] for p in body["invalidParams"])


def test_a_provider_registering_a_case_gets_no_bsn_back(api_for: Any) -> None:
    # A provider's own complaint about itself, with a BSN its client gave: stored for the
    # municipality, never handed back to the provider, not even masked.
    response = post(api_for("het-anker"), with_bsn(BSN, about="het-anker"))

    assert response.status_code == 201, response.content
    assert response.json()["submitterBsn"] is None
    reference = response.json()["reference"]
    assert bsn.case_bsn(Case.objects.get(reference=reference)) == BSN
    read = api_for("het-anker").get(f"/api/v1/cases/{reference}")
    assert read.status_code == 200
    assert read.json()["submitterBsn"] is None
    assert "6782" not in read.content.decode()


def test_an_idempotent_retry_with_a_bsn_replays_without_an_unkeyed_hash_of_it(
    api_for: Any,
) -> None:
    api = api_for("GM9901")
    body = with_bsn(BSN)

    first = post(api, body, HTTP_IDEMPOTENCY_KEY="bsn-1")
    again = post(api, body, HTTP_IDEMPOTENCY_KEY="bsn-1")

    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["reference"] == first.json()["reference"]
    # The database holds the rest of the body: a plain hash over it would reveal the BSN.
    plain = hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()
    assert IdempotencyRecord.objects.get(key="bsn-1").fingerprint != plain
