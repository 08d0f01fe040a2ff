"""Bodies an attacker sends to break the server: too large, or nested too deep. Each gets a
clear answer (413 / 400) and writes nothing; never a 500."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from regie.cases.models import Attachment, Case

THREE_MB = 3 * 1024 * 1024
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def problem(response: Any) -> dict[str, Any]:
    assert response["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = json.loads(response.content)
    assert body["status"] == response.status_code
    return body


def post_json(api: Any, raw: str) -> Any:
    return api.post("/api/v1/cases", raw, content_type="application/json")


def test_a_3_mb_api_body_is_a_413_problem_naming_the_body(api_for: Any) -> None:
    body = {
        "municipality": "GM9901",
        "kind": "signaal",
        "channel": "api",
        "description": "x" * THREE_MB,
    }

    response = post_json(api_for("GM9901"), json.dumps(body))

    assert response.status_code == 413
    found = problem(response)
    assert found["title"] == "Het verzoek is te groot."
    assert "2,5 MB" in found["detail"]
    assert found["invalidParams"][0]["name"] == "body"
    assert response["API-Version"]
    assert not Case.objects.exists()


@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_a_body_nested_5000_deep_is_a_400_problem_naming_the_body(
    api_for: Any, opening: str
) -> None:
    closing = "]" if opening == "[" else "}"
    raw = opening * 5000 + "1" + closing * 5000

    response = post_json(api_for("GM9901"), raw)

    assert response.status_code == 400
    found = problem(response)
    assert found["invalidParams"] == [
        {"name": "body", "code": "too_deep", "reason": "De inhoud is te diep genest."}
    ]
    assert not Case.objects.exists()


def test_nesting_that_python_could_parse_is_refused_too(api_for: Any) -> None:
    # 200 levels parse without a RecursionError, but no Regie resource nests like that, and
    # what fits the parser may not fit the stack of whatever reads it next.
    body = {
        "municipality": "GM9901",
        "kind": "signaal",
        "channel": "api",
        "description": "Lift kapot.",
    }
    deep: Any = "x"
    for _ in range(200):
        deep = {"x": deep}
    body["submitter"] = deep

    response = post_json(api_for("GM9901"), json.dumps(body))

    assert response.status_code == 400
    assert problem(response)["invalidParams"][0]["code"] == "too_deep"


def test_an_ordinary_body_still_gets_through(api_for: Any) -> None:
    body = {
        "municipality": "GM9901",
        "kind": "signaal",
        "channel": "api",
        "description": "Lift kapot.",
    }

    response = post_json(api_for("GM9901"), json.dumps(body))

    assert response.status_code == 201, response.content


@pytest.mark.parametrize("enforce_csrf", [False, True])
@pytest.mark.parametrize("urlencoded", [False, True])
def test_a_3_mb_public_form_post_gets_a_dutch_413_page(
    world: None, enforce_csrf: bool, urlencoded: bool
) -> None:
    # With the CSRF check on, the middleware reads the form before the view does; the answer
    # must be the same. Browsers send this form urlencoded; multipart counts its text too.
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.get("/melden")  # the CSRF cookie, as a browser has it
    fields = {"kind": "klacht", "description": "x" * THREE_MB}

    if urlencoded:
        response = client.post(
            "/melden", urlencode(fields), content_type="application/x-www-form-urlencoded"
        )
    else:
        response = client.post("/melden", fields)

    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Wat u stuurde is te groot" in page
    assert "2,5 MB" in page
    assert '<html lang="nl">' in page
    assert not Case.objects.exists()


def test_a_3_mb_staff_form_post_gets_the_413_page(login: Any) -> None:
    client = login("behandelaar")

    response = client.post("/werk/nieuw", {"description": "x" * THREE_MB})

    assert response.status_code == 413
    assert "Wat u stuurde is te groot" in response.content.decode()


def test_a_3_mb_form_post_to_the_api_path_outside_drf_is_still_problem_json(
    world: None,
) -> None:
    # A form body under /api/ that something reads before the API view (here: the CSRF
    # check on a path that is not a DRF view) gets the API's answer, not an HTML page.
    client = Client(enforce_csrf_checks=True)
    client.get("/melden")  # the CSRF cookie, as a browser has it

    response = client.post("/api/v1/bestaat-niet", {"x": "x" * THREE_MB})

    assert response.status_code in (404, 413)
    if response.status_code == 413:
        assert problem(response)["invalidParams"][0]["name"] == "body"


def test_an_attachment_larger_than_the_body_limit_is_still_accepted(
    world: None, client: Client, form_data: Any
) -> None:
    # Files have their own limit (10 MB, limits.ATTACHMENT_BYTES); the body limit counts only
    # the typed fields, so a 3 MB scan still goes through the status page.
    client.post("/melden", form_data())
    case = Case.objects.get()
    scan = PDF + b"0" * THREE_MB

    response = client.post(
        f"/status/{case.status_token}/aanvullen",
        {"text": "Mijn scan.", "attachment": SimpleUploadedFile("scan.pdf", scan)},
    )

    assert response.status_code == 302
    assert Attachment.objects.filter(case=case).count() == 1
