"""/melden takes what the wegwijzer already knows from the address, validated: unknown values
are left out, never an error page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from regie.cases.models import Case
from tests.pages import options

pytestmark = pytest.mark.usefixtures("world")


def checked(page: str, name: str) -> str | None:
    """The value of the checked radio button of a group."""
    found = re.search(rf'<input type="radio" name="{name}" value="([^"]+)"[^>]* checked', page)
    return found.group(1) if found else None


FROM_WEGWIJZER = {
    "soort": "klacht",
    "gemeente": "GM9901",
    "domein": "wmo",
    "over": "het-anker",
    "tekst": "mijn huishoudelijke hulp komt steeds niet",
}


def test_the_form_is_filled_in_from_the_address(client: Client) -> None:
    page = client.get("/melden", FROM_WEGWIJZER).content.decode()

    assert checked(page, "kind") == "klacht"
    assert '<option value="GM9901" selected>Gemeente Aa en Zee</option>' in page
    assert checked(page, "domain") == "wmo"
    assert '<option value="het-anker" selected>Thuiszorg Het Anker</option>' in page
    assert ">\nmijn huishoudelijke hulp komt steeds niet</textarea>" in page
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("soort", "bezwaar"),
        ("gemeente", "GM0000"),
        ("domein", "belastingen"),
        ("over", "bestaat-niet"),
        ("tekst", "x" * 20_001),
        ("tekst", "nul\x00byte"),
    ],
)
def test_unknown_values_are_ignored(client: Client, name: str, value: str) -> None:
    response = client.get("/melden", {**FROM_WEGWIJZER, name: value})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Er is 1 probleem" not in page
    assert "aria-invalid" not in page
    assert value[:50] not in page.split("<main", 1)[1]


def test_the_start_pages_kind_still_preselects(client: Client) -> None:
    page = client.get("/melden?soort=hulpvraag").content.decode()
    assert checked(page, "kind") == "hulpvraag"
    assert options(page, "municipality")[0] == "Kies uw gemeente"


def test_a_prefilled_complaint_is_submitted_about_the_provider(
    client: Client, form_data: Any
) -> None:
    data = form_data(
        kind="klacht", domain="wmo", about="het-anker", description=FROM_WEGWIJZER["tekst"]
    )
    response = client.post("/melden?" + "&".join(f"{k}=x" for k in FROM_WEGWIJZER), data)

    assert response.status_code == 302
    case = Case.objects.get()
    assert case.about.slug == "het-anker"
    assert case.description == FROM_WEGWIJZER["tekst"]
