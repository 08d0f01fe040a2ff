"""Pages with personal data are never kept by a browser or proxy cache (issue 11)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone


def assert_no_store(response: Any) -> None:
    assert "no-store" in response["Cache-Control"], response["Cache-Control"]


@pytest.mark.parametrize(
    ("username", "path"),
    [
        ("behandelaar", "/werk"),
        ("beheer", "/beheer"),
        ("wethouder", "/bestuur"),
        ("anker", "/aanbieder"),
    ],
)
def test_staff_pages_carry_no_store(login: Any, username: str, path: str) -> None:
    response = login(username).get(path)

    assert response.status_code == 200
    assert_no_store(response)
    assert response["Pragma"] == "no-cache"


def test_the_case_page_carries_no_store(login: Any, new_case: Any) -> None:
    case = new_case()

    response = login("behandelaar").get(f"/werk/zaken/{case.reference}")

    assert response.status_code == 200
    assert_no_store(response)


def test_the_residents_status_page_carries_no_store(client: Client, new_case: Any) -> None:
    case = new_case()

    response = client.get(f"/status/{case.status_token}")

    assert response.status_code == 200
    assert_no_store(response)


def test_api_answers_carry_no_store(api_for: Any, new_case: Any) -> None:
    case = new_case()

    response = api_for("GM9901").get(f"/api/v1/cases/{case.reference}")

    assert response.status_code == 200
    assert_no_store(response)


def test_error_pages_carry_no_store(world: None, client: Client) -> None:
    assert_no_store(client.get("/bestaat-niet"))


def test_a_download_that_may_be_cached_keeps_its_own_cache_control(
    world: None, client: Client
) -> None:
    # Open data of a completed year is public and the same for everyone: it says so itself,
    # and that stands.
    year = timezone.localdate().year - 1

    response = client.get(f"/open-data/GM9901/klachten-{year}.csv")

    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=86400"
    assert not response.has_header("Pragma")


def test_static_files_are_left_to_whitenoise(world: None, client: Client) -> None:
    response = client.get("/static/regie/regie.css")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
