"""The acknowledgement e-mail at intake speaks the municipality's own words once it edited its
acknowledgement letter in Beheer; until then it is Regie's own e-mail, with every date."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from regie.accounts.administration import administration_for_command_line
from regie.cases.models import Case
from regie.directory.models import Municipality
from regie.documents import services as letters
from regie.vocabulary import LetterKind


def edit_acknowledgement(code: str) -> None:
    letters.template_save(
        municipality=Municipality.objects.get(code=code),
        kind=LetterKind.ONTVANGSTBEVESTIGING,
        subject="Bedankt voor uw {soort}",
        body="Beste {naam},\n\nFijn dat u ons schreef. Kijk op {statuspagina}.\n\n{gemeente}",
        by=administration_for_command_line(),
    )


@pytest.mark.django_db(transaction=True)
def test_an_edited_acknowledgement_is_what_the_resident_receives(
    world: None, smtp_server: Any, client: Client, form_data: Any
) -> None:
    edit_acknowledgement("GM9901")

    client.post("/melden", form_data(email="bewoner@example.org"))

    case = Case.objects.get()
    [message] = smtp_server.to("bewoner@example.org")
    assert message["Subject"] == f"Bedankt voor uw klacht ({case.reference})"
    body = message.get_payload(decode=True).decode()
    assert body.startswith("Beste Anna de Boer,")
    assert "Fijn dat u ons schreef." in body
    assert f"/status/{case.status_token}" in body
    case.refresh_from_db()
    assert case.events.filter(type="ontvangst-bevestigd").count() == 1


@pytest.mark.django_db(transaction=True)
def test_another_municipality_keeps_regies_own_words(
    world: None, smtp_server: Any, client: Client, form_data: Any
) -> None:
    edit_acknowledgement("GM9902")  # not the municipality of this case

    client.post("/melden", form_data(email="bewoner@example.org"))

    case = Case.objects.get()
    [message] = smtp_server.to("bewoner@example.org")
    assert message["Subject"] == f"Wij hebben uw klacht ontvangen ({case.reference})"
    assert "Fijn dat u ons schreef." not in message.get_payload(decode=True).decode()
