"""The college and the council work with figures, never with cases: the worklist sends them to
"Cijfers", capturing a case is not for them, and the menu does not offer either."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", ["raadslid", "wethouder"])
def test_the_worklist_sends_college_and_council_to_the_figures(login: Any, username: str) -> None:
    client = login(username)
    answer = client.get("/werk")
    assert answer.status_code == 302
    assert answer["Location"] == "/bestuur"
    assert client.get("/werk/nieuw").status_code == 404
    menu = client.get("/bestuur").content.decode()
    assert "Cijfers" in menu
    assert "Werkvoorraad" not in menu
    assert "Nieuwe melding vastleggen" not in menu


def test_staff_keep_their_worklist_and_menu(login: Any) -> None:
    client = login("behandelaar")
    page = client.get("/werk")
    assert page.status_code == 200
    assert "Werkvoorraad" in page.content.decode()
    assert client.get("/werk/nieuw").status_code == 200
