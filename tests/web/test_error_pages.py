"""Friendly Dutch error pages, also when Django renders them without a request."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.test import Client


def test_the_500_page_renders_without_any_context() -> None:
    page = render_to_string("500.html")

    assert "Er ging iets mis" in page
    assert '<html lang="nl">' in page


def test_a_form_posted_without_its_csrf_token_gets_a_dutch_explanation(db: None) -> None:
    client = Client(enforce_csrf_checks=True)

    response = client.post("/melden", {"kind": "signaal"})

    assert response.status_code == 403
    assert "Uw formulier is niet verstuurd" in response.content.decode()


def test_an_unknown_page_is_a_dutch_404(db: None, client: Client) -> None:
    response = client.get("/bestaat-niet")

    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()
