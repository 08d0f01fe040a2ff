"""Nothing a visitor types ends up in a mail header (issue 11). The acknowledgement's To is the
bare address, its subject Regie's (or the municipality's) words with the reference; a name or
subject with CR/LF, or a long subject-like text, adds no header and changes none."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from regie.accounts.administration import administration_for_command_line
from regie.cases.models import Case
from regie.directory.models import Municipality
from regie.documents import services as letters
from regie.vocabulary import LetterKind

pytestmark = pytest.mark.django_db(transaction=True)

HOSTILE_NAME = "Anna\r\nBcc: buit@aanvaller.example\r\nX-Extra: ja"
HOSTILE_SUBJECT = (
    "Taxi\r\nBcc: buit@aanvaller.example\nReply-To: aanvaller@example.org " + "x" * 150
)
EXPECTED_HEADERS = {
    "Content-Type",
    "MIME-Version",
    "Content-Transfer-Encoding",
    "Subject",
    "From",
    "To",
    "Date",
    "Message-ID",
}


def only_regies_headers(message: Any, to: str) -> None:
    assert set(message.keys()) == EXPECTED_HEADERS, message.keys()
    assert message["To"] == to
    for value in message.values():
        assert "aanvaller" not in value
        assert "Anna" not in value
        assert "Taxi" not in value


def test_a_hostile_name_and_subject_on_the_form_stay_out_of_the_headers(
    world: None, smtp_server: Any, client: Client, form_data: Any
) -> None:
    response = client.post(
        "/melden",
        form_data(name=HOSTILE_NAME, subject=HOSTILE_SUBJECT[:120], email="anna@example.org"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    case = Case.objects.get()
    [message] = smtp_server.messages
    only_regies_headers(message, "anna@example.org")
    assert message["Subject"] == f"Wij hebben uw klacht ontvangen ({case.reference})"
    # The recipient set is the one address: no Bcc slipped into the envelope either.
    assert len(smtp_server.to("buit@aanvaller.example")) == 0


def test_a_hostile_name_through_the_api_stays_out_of_the_headers(
    world: None, smtp_server: Any, api_for: Any
) -> None:
    body = {
        "municipality": "GM9901",
        "kind": "klacht",
        "channel": "api",
        "description": "De taxi kwam niet.",
        "subject": HOSTILE_SUBJECT[:120],
        "submitter": {"name": HOSTILE_NAME, "email": "anna@example.org"},
    }
    response = api_for("GM9901").post("/api/v1/cases", body, format="json")
    assert response.status_code == 201, response.content

    [message] = smtp_server.messages
    only_regies_headers(message, "anna@example.org")


def test_an_address_with_a_line_break_is_refused_before_any_mail(
    world: None, smtp_server: Any, client: Client, form_data: Any
) -> None:
    response = client.post(
        "/melden", form_data(email="anna@example.org\r\nBcc: buit@aanvaller.example")
    )

    assert response.status_code == 200
    assert "Vul een geldig e-mailadres in" in response.content.decode()
    assert Case.objects.count() == 0
    assert smtp_server.messages == []


def test_the_municipalitys_subject_never_carries_the_name_a_visitor_typed(
    world: None, smtp_server: Any, client: Client, form_data: Any
) -> None:
    # A municipality put the name in its subject line; the mail keeps Regie's own subject.
    letters.template_save(
        municipality=Municipality.objects.get(code="GM9901"),
        kind=LetterKind.ONTVANGSTBEVESTIGING,
        subject="Bedankt {naam} voor uw {soort}",
        body="Beste {naam},\n\nFijn dat u ons schreef. Kijk op {statuspagina}.\n\n{gemeente}",
        by=administration_for_command_line(),
    )

    client.post("/melden", form_data(name=HOSTILE_NAME, email="anna@example.org"))

    case = Case.objects.get()
    [message] = smtp_server.messages
    only_regies_headers(message, "anna@example.org")
    assert message["Subject"] == f"Wij hebben uw klacht ontvangen ({case.reference})"
    body = message.get_payload(decode=True).decode()
    assert "Fijn dat u ons schreef." in body  # the municipality's words stay in the body
