"""Every page carries the Content-Security-Policy: each address of the URL configuration
that takes no arguments (read from the configuration, so a new page is in the test the day
it is added), a case page, a status page, the API, the error pages and the 413 page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

CSP = "Content-Security-Policy"


def _paths(patterns: list[Any], prefix: str) -> Iterator[str]:
    for pattern in patterns:
        if not isinstance(pattern.pattern, RoutePattern):
            continue
        route = prefix + str(pattern.pattern)
        if "<" in route:
            continue  # takes an argument: the case and status pages are tested below
        if isinstance(pattern, URLResolver):
            yield from _paths(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield "/" + route


def paths_without_arguments() -> list[str]:
    return sorted(set(_paths(get_resolver().url_patterns, "")))


def assert_csp(response: Any) -> None:
    policy = response.get(CSP, "")
    assert "default-src 'self'" in policy, (response.status_code, response.get(CSP))
    assert "frame-ancestors 'none'" in policy


def test_the_walk_finds_the_pages_it_should() -> None:
    found = paths_without_arguments()

    for expected in ("/", "/melden", "/inloggen", "/werk", "/beheer", "/bestuur", "/aanbieder"):
        assert expected in found
    assert "/api/v1/cases" in found


@pytest.mark.parametrize("username", ["", "behandelaar", "beheer"])
def test_every_page_without_arguments_carries_the_csp(
    world: None, client: Client, username: str
) -> None:
    if username:
        from regie.accounts.selectors import user_by_username

        client.force_login(user_by_username(username))
    for path in paths_without_arguments():
        response = client.get(path)
        assert response.status_code < 500, path
        assert_csp(response)


def test_a_case_page_and_a_status_page_carry_the_csp(login: Any, new_case: Any) -> None:
    case = new_case()

    assert_csp(login("behandelaar").get(f"/werk/zaken/{case.reference}"))
    assert_csp(Client().get(f"/status/{case.status_token}"))


def test_the_api_carries_the_csp(api_for: Any) -> None:
    api = api_for("GM9901")

    assert_csp(api.get("/api/v1/cases"))
    assert_csp(api.get("/api/v1/openapi.json"))
    assert_csp(Client().get("/api/v1/cases"))  # 401


def test_the_404_and_login_pages_carry_the_csp(world: None, client: Client) -> None:
    assert_csp(client.get("/bestaat-niet"))
    assert_csp(client.get("/inloggen"))


@pytest.mark.urls("tests.security.urls_that_fail")
def test_the_500_page_carries_the_csp(world: None) -> None:
    response = Client(raise_request_exception=False).get("/kapot")

    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    assert_csp(response)


def test_the_413_page_carries_the_csp(world: None, client: Client) -> None:
    response = client.post("/melden", {"description": "x" * 3 * 1024 * 1024})

    assert response.status_code == 413
    assert_csp(response)
