"""The private status page /status/<token>: milestones only, never internal details."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from regie.accounts.scope import scope_for_user
from regie.cases import services
from regie.cases.models import Case

pytestmark = pytest.mark.usefixtures("world")


@pytest.fixture
def submitted(client: Client, form_data: Any) -> Case:
    client.post("/melden", form_data())
    return Case.objects.get()


def staff(username: str) -> Any:
    user = services.staff_user(username)
    assert user is not None
    return user


def test_the_status_page_shows_reference_kind_and_date_in_dutch(
    client: Client, submitted: Case
) -> None:
    response = client.get(f"/status/{submitted.status_token}")

    page = response.content.decode()
    assert response.status_code == 200
    assert submitted.reference in page
    assert "Klacht" in page
    assert "Ontvangen" in page
    months = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december")  # fmt: skip
    assert any(month in page for month in months)
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"]


def test_the_status_page_never_shows_notes_handlers_or_personal_data(
    client: Client, submitted: Case
) -> None:
    handler = staff("behandelaar")
    scope = scope_for_user(handler)
    services.case_assign(case=submitted, scope=scope, handler=handler)
    services.case_add_note(case=submitted, scope=scope, text="Geheime interne afweging XYZ")

    page = client.get(f"/status/{submitted.status_token}").content.decode()

    assert "Geheime interne afweging XYZ" not in page
    assert "Sanne" not in page
    assert "Jansen" not in page
    assert "Anna de Boer" not in page
    assert "anna@example.org" not in page
    assert submitted.description not in page
    assert "In behandeling" in page
    assert "Een medewerker is ermee aan de slag gegaan." in page


def test_an_unknown_status_token_is_a_friendly_404(client: Client) -> None:
    response = client.get("/status/dit-bestaat-niet")

    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_an_unknown_receipt_token_is_a_404(client: Client) -> None:
    assert client.get("/melden/ontvangen/dit-bestaat-niet").status_code == 404


def test_an_overlong_token_is_a_404_not_an_error(client: Client) -> None:
    assert client.get("/status/" + "a" * 500).status_code == 404


def test_contact_and_postponement_show_as_milestones_without_what_was_said(
    client: Client, submitted: Case
) -> None:
    handler = staff("behandelaar")
    scope = scope_for_user(handler)
    services.case_record_contact(
        case=submitted, scope=scope, at=timezone.now(), summary="Besproken: intern verslag QQQ"
    )
    services.case_postpone(
        case=submitted,
        scope=scope,
        notice_sent_on=timezone.localdate(),
        reason="Interne reden RRR",
    )

    page = client.get(f"/status/{submitted.status_token}").content.decode()

    assert "Wij hebben contact met u gehad." in page
    assert "Wij hebben meer tijd nodig om uw klacht te behandelen." in page
    assert "QQQ" not in page
    assert "RRR" not in page
