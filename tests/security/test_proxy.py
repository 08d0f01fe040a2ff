"""Behind a TLS-terminating proxy the status link still comes out as https — but only when
the proxy header is configured, because anyone can send that header to a bare server."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from regie.cases.models import Case

# What a proxy passes on: the browser's Host header, and that the browser spoke https.
FORWARDED_HTTPS = {"HTTP_HOST": "testserver", "HTTP_X_FORWARDED_PROTO": "https"}


def receipt_page(client: Client, form_data: Any) -> str:
    client.post("/melden", form_data(), **FORWARDED_HTTPS)
    case = Case.objects.get()
    response = client.get(f"/melden/ontvangen/{case.status_token}", **FORWARDED_HTTPS)
    assert response.status_code == 200
    return response.content.decode()


def test_behind_a_proxy_the_status_link_on_the_receipt_is_https(
    world: None, client: Client, form_data: Any, settings: Any
) -> None:
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    page = receipt_page(client, form_data)

    assert "https://testserver/status/" in page
    assert "http://testserver/status/" not in page


def test_behind_a_proxy_the_api_gives_an_https_status_link(api_for: Any, settings: Any) -> None:
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    body = {"municipality": "GM9901", "kind": "signaal", "channel": "api", "description": "Lift."}

    response = api_for("GM9901").post(
        "/api/v1/cases", json.dumps(body), content_type="application/json", **FORWARDED_HTTPS
    )

    assert response.status_code == 201, response.content
    assert response.json()["statusUrl"].startswith("https://testserver/status/")


def test_the_forwarded_host_is_used_only_when_configured(
    world: None, client: Client, form_data: Any, settings: Any
) -> None:
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.USE_X_FORWARDED_HOST = True
    settings.ALLOWED_HOSTS = ["regie.gemeente.example", "testserver"]
    headers = {**FORWARDED_HTTPS, "HTTP_X_FORWARDED_HOST": "regie.gemeente.example"}

    client.post("/melden", form_data(), **headers)
    case = Case.objects.get()
    page = client.get(f"/melden/ontvangen/{case.status_token}", **headers).content.decode()

    assert f"https://regie.gemeente.example/status/{case.status_token}" in page


def test_without_the_setting_the_header_is_not_trusted(
    world: None, client: Client, form_data: Any
) -> None:
    # The default (no REGIE_PROXY_SSL_HEADER): a client cannot make itself "secure".
    page = receipt_page(client, form_data)

    assert "http://testserver/status/" in page
    assert "https://testserver/status/" not in page
