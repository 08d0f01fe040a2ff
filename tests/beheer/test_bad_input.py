"""Every Beheer form answers bad input with a Dutch message at the field, shows the error
summary, and changes nothing (no row, no history)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from regie.directory.models import ContactChannel, Responsibility
from tests.beheer.support import directory_state
from tests.pages import field_error

pytestmark = pytest.mark.usefixtures("world")

NORMS = {
    "acknowledgement_working_days": "5",
    "first_contact_working_days": "3",
    "wgs_decision_weeks": "8",
    "ombudsman_name": "de Nationale ombudsman",
    "ombudsman_url": "https://www.nationaleombudsman.nl",
}
TEAM = {"name": "Team Wmo", "email": "wmo@aaenzee.example", "domains": ["wmo"]}
ORGANISATION = {
    "description": "Huishoudelijke hulp.",
    "complaint_route": "klachtenregeling",
    "complaint_scheme": "Klachtenregeling Het Anker",
    "complaint_term_weeks": "6",
    "complaint_scheme_basis": "Wmo 2015 artikel 3.2",
    "complaint_scheme_url": "https://het-anker.example/klachten",
    "client_count": "1250",
}
CHANNEL = {"kind": "telefoon", "value": "0000 123 456", "note": "", "position": "1"}
TOPIC = {"slug": "wonen", "name": "Wonen", "domain": "wmo", "keywords": "huis", "description": ""}
RESPONSIBILITY = {
    "domain": "wmo",
    "topic": "mantelzorg",
    "help_team": "wmo",
    "complaint_team": "klachten",
}
DECREE_DAY = {"day": "2031-05-30", "decree": "Stb. 2031, 1"}

DAYS = "Vul een aantal werkdagen in van 1 tot en met 60."
URL = "Vul een geldig internetadres in dat begint met https://, zoals https://www.voorbeeld.nl."
NUMBER = "Vul een heel getal in, zoals 5."
PICK = "Kies uit de lijst."


def municipal_channel() -> str:
    channel = ContactChannel.objects.filter(municipality__code="GM9901").first()
    assert channel is not None
    return f"/beheer/contactgegevens/{channel.pk}"


def responsibility(topic: str) -> Callable[[], str]:
    def path() -> str:
        row = Responsibility.objects.get(municipality__code="GM9901", topic__slug=topic)
        return f"/beheer/gemeenten/GM9901/verantwoordelijkheden/{row.pk}"

    return path


def at(path: str) -> Callable[[], str]:
    return lambda: path


N = "/beheer/gemeenten/GM9901"
CASES: list[tuple[Callable[[], str], dict[str, Any], dict[str, Any], str, str]] = [
    (at(N), NORMS, {"acknowledgement_working_days": "0"}, "acknowledgement_working_days", DAYS),
    (at(N), NORMS, {"acknowledgement_working_days": "61"}, "acknowledgement_working_days", DAYS),
    (at(N), NORMS, {"first_contact_working_days": "-1"}, "first_contact_working_days", DAYS),
    (at(N), NORMS, {"first_contact_working_days": "drie"}, "first_contact_working_days", NUMBER),
    (
        at(N),
        NORMS,
        {"acknowledgement_working_days": ""},
        "acknowledgement_working_days",
        "Vul het aantal werkdagen in.",
    ),
    (
        at(N),
        NORMS,
        {"wgs_decision_weeks": "9"},
        "wgs_decision_weeks",
        "De Wgs geeft hooguit 8 weken voor het besluit. Vul 1 tot en met 8 weken in.",
    ),
    (at(N), NORMS, {"ombudsman_name": " "}, "ombudsman_name", "Vul de naam van de ombudsman in."),
    (at(N), NORMS, {"ombudsman_url": "ombudsman.nl"}, "ombudsman_url", URL),
    (at(N), NORMS, {"ombudsman_url": "javascript:alert(1)"}, "ombudsman_url", URL),
    (
        at(f"{N}/teams/wmo"),
        TEAM,
        {"email": "wmo-at-aaenzee"},
        "email",
        "Vul een geldig e-mailadres in, zoals wmo@gemeente.nl, of laat het veld leeg.",
    ),
    (at(f"{N}/teams/wmo"), TEAM, {"domains": []}, "domains", "Kies minstens één domein."),
    (at(f"{N}/teams/wmo"), TEAM, {"domains": ["wonen"]}, "domains", PICK),
    (at(f"{N}/teams/wmo"), TEAM, {"name": ""}, "name", "Vul de naam van het team in."),
    (
        at(f"{N}/teams/wmo"),
        TEAM,
        {"domains": ["jeugd"]},
        "domains",
        "Bij Gemeente Aa en Zee: Wmo (ondersteuning) helpt dit team. Houd het domein Wmo "
        "(ondersteuning) aan, of kies daar eerst een ander team.",
    ),
    (
        at("/beheer/organisaties/het-anker"),
        ORGANISATION,
        {"complaint_term_weeks": "53"},
        "complaint_term_weeks",
        "Vul een termijn in van 1 tot en met 52 weken.",
    ),
    (
        at("/beheer/organisaties/het-anker"),
        ORGANISATION,
        {"complaint_term_weeks": ""},
        "complaint_term_weeks",
        "Vul de termijn van de klachtenregeling in.",
    ),
    (
        at("/beheer/organisaties/het-anker"),
        ORGANISATION,
        {"complaint_scheme": ""},
        "complaint_scheme",
        "Vul de naam van de klachtenregeling in.",
    ),
    (
        at("/beheer/organisaties/het-anker"),
        ORGANISATION,
        {"complaint_scheme_url": "ftp://het-anker.example"},
        "complaint_scheme_url",
        URL,
    ),
    (
        at("/beheer/organisaties/het-anker"),
        ORGANISATION,
        {"client_count": "-5"},
        "client_count",
        "Vul een aantal cliënten in van 0 of meer, of laat het veld leeg.",
    ),
    (
        at("/beheer/organisaties/het-anker"),
        ORGANISATION,
        {"complaint_route": "wkkgz-light"},
        "complaint_route",
        PICK,
    ),
    (
        municipal_channel,
        CHANNEL,
        {"kind": "email", "value": "klachten"},
        "value",
        "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
    ),
    (municipal_channel, CHANNEL, {"kind": "website", "value": "www.example"}, "value", URL),
    (
        municipal_channel,
        CHANNEL,
        {"value": "bel ons maar"},
        "value",
        "Vul een telefoonnummer in, zoals 14 0000 of 0000 123 450.",
    ),
    (municipal_channel, CHANNEL, {"value": ""}, "value", "Vul de gegevens in."),
    (
        municipal_channel,
        CHANNEL,
        {"position": "1000"},
        "position",
        "Vul een volgnummer in van 0 tot en met 999.",
    ),
    (
        at(f"{N}/contactgegevens/nieuw"),
        CHANNEL,
        {"kind": ""},
        "kind",
        "Kies wat voor contactgegeven het is.",
    ),
    (
        at("/beheer/onderwerpen/nieuw"),
        TOPIC,
        {"slug": "Wonen En Zo"},
        "slug",
        "Gebruik alleen kleine letters, cijfers en streepjes, zoals huishoudelijke-hulp.",
    ),
    (
        at("/beheer/onderwerpen/nieuw"),
        TOPIC,
        {"slug": "pgb"},
        "slug",
        "Er is al een onderwerp met dit adres. Kies een ander.",
    ),
    (
        at("/beheer/onderwerpen/nieuw"),
        TOPIC,
        {"slug": "nieuw"},
        "slug",
        "Dit adres is al in gebruik. Kies een ander.",
    ),
    (at("/beheer/onderwerpen/nieuw"), TOPIC, {"domain": ""}, "domain", "Kies een domein."),
    (
        at("/beheer/onderwerpen/nieuw"),
        TOPIC,
        {"keywords": "x" * 101},
        "keywords",
        "Een zoekwoord mag hooguit 100 tekens hebben.",
    ),
    (
        at("/beheer/onderwerpen/huishoudelijke-hulp"),
        {**TOPIC, "name": "Huishoudelijke hulp"},
        {"domain": "jeugd"},
        "domain",
        "Bij Gemeente Aa en Zee: Huishoudelijke hulp staat dit onderwerp in het domein Wmo "
        "(ondersteuning). Pas daar eerst de verantwoordelijkheid aan.",
    ),
    (
        at(f"{N}/verantwoordelijkheden/nieuw"),
        RESPONSIBILITY,
        {"help_team": ""},
        "help_team",
        "Kies wie helpt: een team of een organisatie.",
    ),
    (
        at(f"{N}/verantwoordelijkheden/nieuw"),
        RESPONSIBILITY,
        {"complaint_organisation": "het-anker", "oversight": "volledig"},
        "complaint_organisation",
        "Kies een team óf een organisatie, niet allebei.",
    ),
    (
        at(f"{N}/verantwoordelijkheden/nieuw"),
        RESPONSIBILITY,
        {"topic": "schulden"},
        "topic",
        "Dit onderwerp hoort bij het domein Schuldhulp.",
    ),
    (
        at(f"{N}/verantwoordelijkheden/nieuw"),
        RESPONSIBILITY,
        {"topic": "huishoudelijke-hulp"},
        "topic",
        "Voor dit onderwerp is al vastgelegd wie verantwoordelijk is.",
    ),
    (
        at(f"{N}/verantwoordelijkheden/nieuw"),
        RESPONSIBILITY,
        {"help_team": "jeugd"},
        "help_team",
        "Dit team werkt niet in het domein Wmo (ondersteuning). Kies een ander team, of voeg "
        "het domein toe bij het team.",
    ),
    (
        at(f"{N}/verantwoordelijkheden/nieuw"),
        RESPONSIBILITY,
        {"help_team": "", "help_organisation": "de-linde"},
        "help_organisation",
        "Jeugdhulp De Linde werkt niet in het domein Wmo (ondersteuning).",
    ),
    (
        at(f"{N}/verantwoordelijkheden/nieuw"),
        RESPONSIBILITY,
        {"help_team": "", "help_organisation": "het-anker"},
        "oversight",
        "Kies hoe ver de gemeente dit uitbestede werk in beeld houdt.",
    ),
    (
        responsibility("huishoudelijke-hulp"),
        {**RESPONSIBILITY, "topic": "huishoudelijke-hulp", "help_team": ""},
        {"help_organisation": "het-anker", "complaint_team": "", "oversight": "volledig"},
        "complaint_team",
        "Kies wie klachten behandelt: een team of een organisatie.",
    ),
    (
        responsibility("huishoudelijke-hulp"),
        {
            **RESPONSIBILITY,
            "topic": "huishoudelijke-hulp",
            "help_team": "",
            "help_organisation": "het-anker",
            "oversight": "samenvatting",
        },
        {"decision_reference": ""},
        "decision_reference",
        "Vul het kenmerk in van het besluit over het toezicht.",
    ),
    (
        responsibility("huishoudelijke-hulp"),
        {
            **RESPONSIBILITY,
            "topic": "huishoudelijke-hulp",
            "help_team": "",
            "help_organisation": "het-anker",
            "oversight": "samenvatting",
            "decision_reference": "Raadsbesluit 2030-1",
        },
        {"decision_date": "2999-01-01"},
        "decision_date",
        "Deze datum ligt in de toekomst.",
    ),
    (
        at("/beheer/feestdagen"),
        DECREE_DAY,
        {"day": "2031-05-31"},
        "day",
        "Deze dag valt in het weekend; dat is al geen werkdag.",
    ),
    (
        at("/beheer/feestdagen"),
        DECREE_DAY,
        {"day": "2026-05-15"},
        "day",
        "Deze dag staat er al in.",
    ),
    (
        at("/beheer/feestdagen"),
        DECREE_DAY,
        {"day": "31-02-2031"},
        "day",
        "Vul een bestaande datum in, zoals 24-03-2026.",
    ),
    (
        at("/beheer/feestdagen"),
        DECREE_DAY,
        {"decree": ""},
        "decree",
        "Vul het besluit in, zoals Stb. 2029, 123.",
    ),
]


@pytest.mark.parametrize(
    ("path", "valid", "bad", "field", "message"),
    CASES,
    ids=[f"{c[3]}={next(iter(c[2].values()))!s:.20}" for c in CASES],
)
def test_bad_input_gets_a_dutch_message_at_its_field_and_changes_nothing(
    login: Any,
    path: Callable[[], str],
    valid: dict[str, Any],
    bad: dict[str, Any],
    field: str,
    message: str,
) -> None:
    client = login("beheer")
    before = directory_state()

    response = client.post(path(), {**valid, **bad})

    assert response.status_code == 200
    page = response.content.decode()
    assert field_error(page, field) == message
    assert "regie-error-summary" in page
    assert f'href="#id_{field}' in page  # the summary links to the field
    assert "<title>Fout: " in page
    assert directory_state() == before


def test_the_valid_forms_above_are_really_valid(login: Any) -> None:
    """Without the bad value each form goes through: the table above tests one thing each."""
    client = login("beheer")
    for path, valid in [
        (N, NORMS),
        (f"{N}/teams/wmo", TEAM),
        ("/beheer/organisaties/het-anker", ORGANISATION),
        (f"{N}/contactgegevens/nieuw", CHANNEL),
        ("/beheer/onderwerpen/nieuw", TOPIC),
        (f"{N}/verantwoordelijkheden/nieuw", RESPONSIBILITY),
        ("/beheer/feestdagen", DECREE_DAY),
    ]:
        assert client.post(path, valid).status_code == 302, path
