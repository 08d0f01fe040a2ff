"""The report download: the college and the council of the municipality get it as an
attachment; a handler without a figures role, another municipality's coordinator and every
unknown kind, period or format get 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.reporting.support import demo_register

pytestmark = pytest.mark.django_db


def url(kind: str = "annual", period: str = "2025", fmt: str = "csv", code: str = "GM9901") -> str:
    return reverse(
        "reporting:report_download",
        kwargs={"municipality": code, "kind": kind, "period": period, "fmt": fmt},
    )


def test_the_address() -> None:
    assert url() == "/bestuur/GM9901/verslag/annual-2025.csv"
    assert url("quarterly", "2025-Q3", "pdf") == "/bestuur/GM9901/verslag/quarterly-2025-Q3.pdf"


@pytest.mark.parametrize("username", ["wethouder", "raadslid"])
def test_the_college_and_the_council_download_the_report(login: Any, username: str) -> None:
    demo_register()
    client = login(username)
    response = client.get(url())
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="klachtenjaarverslag-GM9901-2025.csv"'
    )
    body = response.content.decode("utf-8-sig")
    assert "Ontvangen per soort" in body
    assert "Gemeente Hooglanden" not in body  # only the figures they may see

    quarterly = client.get(url("quarterly", "2025-Q3", "ods"))
    assert quarterly.status_code == 200
    assert quarterly["Content-Disposition"] == (
        'attachment; filename="kwartaalrapportage-GM9901-2025-Q3.ods"'
    )
    assert quarterly.content.startswith(b"PK")


def test_a_coordinator_gets_the_pdf(login: Any) -> None:
    response = login("coordinator").get(url(fmt="pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("username", ["behandelaar", "coordinator-hooglanden", "anker"])
def test_who_may_not_see_the_figures_gets_404(login: Any, username: str) -> None:
    assert login(username).get(url()).status_code == 404


@pytest.mark.parametrize(
    "address",
    [
        url(kind="monthly"),
        url(period="2025-Q5"),
        url(period="vorig-jaar"),
        url(fmt="docx"),
        url(code="GM0000"),
        "/bestuur/GM9901/verslag/annual.csv",
    ],
)
def test_unknown_kinds_periods_formats_and_municipalities_are_404(login: Any, address: str) -> None:
    assert login("wethouder").get(address).status_code == 404


def test_without_login_to_the_login_page(world: None) -> None:
    response = Client().get(url())
    assert response.status_code == 302
    assert "next=" in response["Location"]
