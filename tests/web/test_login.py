"""Staff login and logout with Dutch pages."""

from __future__ import annotations

from typing import Any

from django.test import Client

from regie.demo.world import DEMO_PASSWORD


def test_a_staff_member_logs_in_and_lands_on_the_worklist(world: None, client: Client) -> None:
    response = client.post("/inloggen", {"username": "behandelaar", "password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/werk"


def test_a_wrong_password_gives_a_dutch_error(world: None, client: Client) -> None:
    response = client.post("/inloggen", {"username": "behandelaar", "password": "fout"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Deze gebruikersnaam en dit wachtwoord horen niet bij elkaar" in page


def test_logout_is_a_post_that_ends_the_session(login: Any) -> None:
    client = login("behandelaar")

    assert client.get("/uitloggen").status_code == 405
    response = client.post("/uitloggen")

    assert response.status_code == 302
    assert client.get("/werk").status_code == 302


def test_public_pages_render_in_dutch_with_landmarks(world: None, client: Client) -> None:
    for path in ("/", "/melden", "/inloggen", "/toegankelijkheid"):
        page = client.get(path).content.decode()
        assert '<html lang="nl">' in page
        assert 'href="#inhoud"' in page
        for landmark in ("<main", "<header", "<footer", "<nav"):
            assert landmark in page
        assert "style=" not in page
        assert "<script>" not in page


def test_password_guessing_is_stopped_after_five_tries(world: None, client: Client) -> None:
    for _ in range(5):
        client.post("/inloggen", {"username": "behandelaar", "password": "raden"})

    response = client.post("/inloggen", {"username": "behandelaar", "password": DEMO_PASSWORD})

    assert response.status_code == 429
    assert "Inloggen is even geblokkeerd" in response.content.decode()
    assert client.get("/werk").status_code == 302  # still not logged in
