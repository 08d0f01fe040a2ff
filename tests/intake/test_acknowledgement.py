"""The acknowledgement e-mail reaches a real SMTP server once the intake committed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from regie.cases.models import Case


@pytest.mark.django_db(transaction=True)
def test_the_acknowledgement_arrives_at_the_smtp_server(
    world: None, smtp_server: Any, client: Client, form_data: Any
) -> None:
    response = client.post("/melden", form_data(email="bewoner@example.org"))

    case = Case.objects.get()
    [message] = smtp_server.to("bewoner@example.org")
    assert case.reference in message["Subject"]
    body = message.get_payload(decode=True).decode()
    assert f"/status/{case.status_token}" in body
    receipt = client.get(response["Location"]).content.decode()
    assert "Wij hebben een bevestiging gestuurd" in receipt


@pytest.mark.django_db(transaction=True)
def test_the_receipt_says_the_confirmation_is_on_its_way_when_mail_is_down(
    world: None, no_smtp_server: int, client: Client, form_data: Any
) -> None:
    response = client.post("/melden", form_data(email="bewoner@example.org"))

    assert response.status_code == 302
    receipt = client.get(response["Location"]).content.decode()
    assert "Wij sturen een bevestiging" in receipt
