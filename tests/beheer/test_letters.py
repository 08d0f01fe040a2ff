"""The letters in Beheer: list, edit with the placeholders explained, a preview of an example
case before saving, back to the default text; every change in the change history, and a
template with an unknown or broken placeholder is a form error, never a 500."""

from __future__ import annotations

from typing import Any

import pytest

from regie.directory.models import DirectoryChange
from regie.documents.defaults import DEFAULTS
from regie.documents.models import LetterTemplate
from regie.vocabulary import LetterKind

pytestmark = pytest.mark.django_db

LIST = "/beheer/gemeenten/GM9901/brieven"
EDIT = "/beheer/gemeenten/GM9901/brieven/conclusie"
RESET = "/beheer/gemeenten/GM9901/brieven/conclusie/standaardtekst"


def form(subject: str, body: str, action: str) -> dict[str, str]:
    return {"subject": subject, "body": body, "actie": action}


def test_the_list_shows_every_letter_with_default_or_own_text(login: Any) -> None:
    page = login("coordinator").get(LIST).content.decode()
    for label in LetterKind.labels:
        assert str(label) in page
    assert page.count("Standaardtekst van Regie") == len(LetterKind.values)
    overview = login("coordinator").get("/beheer").content.decode()
    assert LIST in overview


def test_the_edit_page_shows_the_text_and_explains_the_placeholders(login: Any) -> None:
    page = login("coordinator").get(EDIT).content.decode()
    assert "Ons oordeel over uw klacht" in page
    assert "{ombudsman_termijn}" in page
    assert "Tot wanneer de inwoner naar de ombudsman kan" in page
    assert "Voorbeeld bekijken" in page


def test_the_preview_renders_an_example_case_and_saves_nothing(login: Any) -> None:
    body = "Beste {naam},\n\nUw klacht {kenmerk} is bekeken.\n\n{oordelen}"
    response = login("coordinator").post(EDIT, form("Oordeel {kenmerk}", body, "voorbeeld"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="voorbeeld"' in page
    assert "Beste J. de Vries," in page
    assert "U kreeg geen antwoord op uw telefoontjes." in page
    # The ombudsman is appended, because this text forgot it.
    assert "de Nationale ombudsman" in page
    assert not LetterTemplate.objects.exists()
    assert not DirectoryChange.objects.filter(object_model="lettertemplate").exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Beste {naam}, {wachtwoord}", "De invulplek {wachtwoord} bestaat niet bij deze brief."),
        ("Beste {naam.__class__}", "accolade"),
        ("Beste {naam", "accolade"),
        ("Beste {0}", "accolade"),
        ("Uw nieuwe datum: {nieuwe_datum}", "De invulplek {nieuwe_datum} bestaat niet"),
    ],
)
def test_a_bad_placeholder_is_a_form_error_for_preview_and_save(
    login: Any, body: str, message: str
) -> None:
    client = login("coordinator")
    for action in ("voorbeeld", "opslaan"):
        response = client.post(EDIT, form("Oordeel", body, action))
        assert response.status_code == 200
        page = response.content.decode()
        assert message in page
        assert "<title>Fout:" in page
    assert not LetterTemplate.objects.exists()


def test_saving_records_the_change_and_reset_goes_back_to_the_default(login: Any) -> None:
    client = login("coordinator")
    body = "Beste {naam},\n\n{uitkomst}\n\n{oordelen}\n\n{ombudsman_route}"
    response = client.post(EDIT, form("Oordeel over klacht {kenmerk}", body, "opslaan"))
    assert response.status_code == 302
    template = LetterTemplate.objects.get(municipality__code="GM9901", kind="conclusie")
    assert template.body == body
    change = DirectoryChange.objects.get(object_model="lettertemplate")
    assert change.actor_label == "Mohammed El Amrani"
    assert {c["field"] for c in change.changes} == {"subject", "body"}
    assert "Eigen tekst" in client.get(LIST).content.decode()
    history = client.get("/beheer/wijzigingen").content.decode()
    assert "Brief: Afhandeling van de klacht" in history

    # Saving the same text again changes nothing and records nothing.
    client.post(EDIT, form("Oordeel over klacht {kenmerk}", body, "opslaan"))
    assert DirectoryChange.objects.filter(object_model="lettertemplate").count() == 1

    assert client.post(RESET).status_code == 302
    assert not LetterTemplate.objects.exists()
    assert DirectoryChange.objects.filter(object_model="lettertemplate").count() == 2
    page = client.get(EDIT).content.decode()
    assert DEFAULTS[LetterKind.CONCLUSIE].subject in page


@pytest.mark.parametrize("username", ["behandelaar", "coordinator-hooglanden", "anker"])
def test_who_may_not_administer_the_municipality_gets_404(login: Any, username: str) -> None:
    client = login(username)
    assert client.get(LIST).status_code == 404
    assert client.get(EDIT).status_code == 404
    assert client.post(EDIT, form("X {naam}", "Y {naam}", "opslaan")).status_code == 404
    assert client.post(RESET).status_code == 404
    assert not LetterTemplate.objects.exists()


def test_an_unknown_letter_is_404(login: Any) -> None:
    assert login("coordinator").get(f"{LIST}/onbekend").status_code == 404
