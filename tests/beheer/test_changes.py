"""A change made in Beheer: saved, redirected with a message (POST-redirect-GET), and in the
change history with who, when, and the old and new value. A save that changes nothing records
nothing."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from regie.directory.models import (
    ContactChannel,
    DirectoryChange,
    EquatedDay,
    Municipality,
    Organisation,
    Responsibility,
    Team,
    Topic,
)
from tests.beheer.test_bad_input import NORMS, ORGANISATION, TEAM

pytestmark = pytest.mark.usefixtures("world")


def messages_on(client: Client, response: Any) -> str:
    assert response.status_code == 302
    return html.unescape(client.get(response["Location"]).content.decode())


def history_text(client: Client, query: str = "") -> str:
    page = client.get(f"/beheer/wijzigingen{query}").content.decode()
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_an_administrator_changes_a_service_norm_and_the_history_shows_old_and_new(
    login: Any,
) -> None:
    client = login("beheer")

    response = client.post(
        "/beheer/gemeenten/GM9901", {**NORMS, "acknowledgement_working_days": "2"}
    )

    assert response["Location"] == "/beheer/gemeenten/GM9901"
    assert "De servicenormen van Gemeente Aa en Zee zijn opgeslagen." in messages_on(
        client, response
    )
    assert Municipality.objects.get(code="GM9901").norm_acknowledgement_working_days == 2
    change = DirectoryChange.objects.get()
    assert change.actor_label == "Bo Beheerder"
    assert change.municipality is not None
    assert change.municipality.code == "GM9901"
    assert change.changes == [
        {
            "field": "norm_acknowledgement_working_days",
            "label": "Ontvangstbevestiging binnen (werkdagen)",
            "old": "5",
            "new": "2",
        }
    ]
    text = history_text(client)
    assert "Gemeente gewijzigd: Gemeente Aa en Zee" in text
    assert "Bo Beheerder" in text
    assert "Ontvangstbevestiging binnen (werkdagen) : 5 → wordt 2" in text


def test_saving_without_changes_records_nothing(login: Any) -> None:
    client = login("coordinator")

    response = client.post("/beheer/gemeenten/GM9901", NORMS)
    page = messages_on(client, response)

    assert "Er was niets veranderd. Er is niets opgeslagen." in page
    assert not DirectoryChange.objects.exists()


def test_a_coordinator_changes_a_team_mailbox(login: Any) -> None:
    client = login("coordinator")

    response = client.post(
        "/beheer/gemeenten/GM9901/teams/wmo", {**TEAM, "email": " Wmo-Loket@AaenZee.example "}
    )

    assert "Team Wmo is opgeslagen." in messages_on(client, response)
    team = Team.objects.get(municipality__code="GM9901", slug="wmo")
    assert team.email == "Wmo-Loket@AaenZee.example"
    change = DirectoryChange.objects.get()
    assert change.actor_label == "Mohammed El Amrani"
    assert change.object_label == "Team Wmo (Gemeente Aa en Zee)"
    assert change.changes == [
        {"field": "email", "label": "Mailbox", "old": "", "new": "Wmo-Loket@AaenZee.example"}
    ]
    assert "Mailbox : (leeg) → wordt Wmo-Loket@AaenZee.example" in history_text(client)


def test_team_domains_are_recorded_by_their_labels(login: Any) -> None:
    client = login("beheer")

    client.post(
        "/beheer/gemeenten/GM9902/teams/wmo", {**TEAM, "email": "", "domains": ["jeugd", "wmo"]}
    )

    assert DirectoryChange.objects.get().changes == [
        {
            "field": "domains",
            "label": "Domeinen",
            "old": "Wmo (ondersteuning)",
            "new": "Wmo (ondersteuning), Jeugd",
        }
    ]


def test_an_organisations_complaint_term_changes(login: Any) -> None:
    client = login("beheer")

    client.post("/beheer/organisaties/het-anker", {**ORGANISATION, "complaint_term_weeks": "8"})

    assert Organisation.objects.get(slug="het-anker").complaint_term_weeks == 8
    change = DirectoryChange.objects.get()
    assert change.municipality is None
    fields = {c["field"]: (c["old"], c["new"]) for c in change.changes}
    assert fields["complaint_term_weeks"] == ("6", "8")
    # The demo's description and scheme name differ from the form above: they changed too.
    assert "description" in fields


def test_a_channel_is_added_changed_and_deleted_and_each_step_is_in_the_history(
    login: Any,
) -> None:
    client = login("coordinator")
    team = Team.objects.get(municipality__code="GM9901", slug="jeugd")

    response = client.post(
        "/beheer/gemeenten/GM9901/teams/jeugd/contactgegevens/nieuw",
        {"kind": "email", "value": "jeugd@aaenzee.example", "note": "", "position": ""},
    )
    assert response["Location"] == "/beheer/gemeenten/GM9901/teams/jeugd"
    channel = team.channels.get(kind="email")
    assert channel.position == 0

    client.post(
        f"/beheer/contactgegevens/{channel.pk}",
        {"kind": "email", "value": "jeugdteam@aaenzee.example", "note": "", "position": "0"},
    )
    client.post(f"/beheer/contactgegevens/{channel.pk}/verwijderen")

    assert not ContactChannel.objects.filter(pk=channel.pk).exists()
    added, changed, deleted = DirectoryChange.objects.order_by("pk")
    assert (added.action, changed.action, deleted.action) == (
        "toegevoegd",
        "gewijzigd",
        "verwijderd",
    )
    assert {"field": "value", "label": "Gegevens", "old": "", "new": "jeugd@aaenzee.example"} in (
        added.changes
    )
    assert changed.changes == [
        {
            "field": "value",
            "label": "Gegevens",
            "old": "jeugd@aaenzee.example",
            "new": "jeugdteam@aaenzee.example",
        }
    ]
    assert {
        "field": "value",
        "label": "Gegevens",
        "old": "jeugdteam@aaenzee.example",
        "new": "",
    } in (deleted.changes)
    assert {c.municipality_id for c in (added, changed, deleted)} == {team.municipality_id}


def test_a_topic_is_added_with_lower_case_keywords_and_its_address_stays(login: Any) -> None:
    client = login("beheer")

    client.post(
        "/beheer/onderwerpen/nieuw",
        {
            "slug": "wonen",
            "name": "Wonen",
            "domain": "wmo",
            "keywords": "Huurhuis\nWoning,  urgentie  \nwoning",
            "description": "",
        },
    )
    topic = Topic.objects.get(slug="wonen")
    assert topic.keywords == ["huurhuis", "woning", "urgentie"]

    client.post(
        "/beheer/onderwerpen/wonen",
        {"slug": "ander-adres", "name": "Wonen en verhuizen", "domain": "wmo", "keywords": ""},
    )

    topic.refresh_from_db()
    assert (topic.slug, topic.name, topic.keywords) == ("wonen", "Wonen en verhuizen", [])
    assert DirectoryChange.objects.count() == 2


def test_a_responsibility_is_added_with_its_support_and_decision(login: Any) -> None:
    client = login("coordinator")

    response = client.post(
        "/beheer/gemeenten/GM9901/verantwoordelijkheden/nieuw",
        {
            "domain": "wmo",
            "topic": "vervoer",
            "help_organisation": "het-anker",
            "complaint_organisation": "het-anker",
            "escalation_team": "klachten",
            "support": ["clientondersteuning"],
            "oversight": "samenvatting",
            "decision_reference": "Collegebesluit 2026-7",
            "decision_date": "2026-01-15",
        },
    )

    assert "Toegevoegd: Gemeente Aa en Zee: Vervoer." in messages_on(client, response)
    row = Responsibility.objects.get(municipality__code="GM9901", topic__slug="vervoer")
    assert row.helper is not None
    assert row.helper.slug == "het-anker"
    assert [o.slug for o in row.support.all()] == ["clientondersteuning"]
    change = DirectoryChange.objects.get()
    fields = {c["field"]: c["new"] for c in change.changes}
    assert fields["decision_date"] == "15-01-2026"
    assert fields["oversight"] == "Samenvatting: aantallen en thema's, geen personen"
    assert fields["support"] == "Cliëntondersteuning Kust en Hooglanden"


def test_changing_only_the_support_of_a_responsibility_is_recorded(login: Any) -> None:
    client = login("beheer")
    row = Responsibility.objects.get(municipality__code="GM9901", domain="jeugd", topic=None)

    client.post(
        f"/beheer/gemeenten/GM9901/verantwoordelijkheden/{row.pk}",
        {
            "domain": "jeugd",
            "help_team": "jeugd",
            "complaint_team": "klachten",
            "support": ["akj", "clientondersteuning"],
            "what_happens": row.what_happens,
        },
    )

    assert {o.slug for o in row.support.all()} == {"akj", "clientondersteuning"}
    assert DirectoryChange.objects.get().changes == [
        {
            "field": "support",
            "label": "Onafhankelijke hulp",
            "old": "Vertrouwenspersoon jeugd (AKJ)",
            "new": "Cliëntondersteuning Kust en Hooglanden, Vertrouwenspersoon jeugd (AKJ)",
        }
    ]


def test_a_decree_day_added_in_beheer_is_listed_and_in_the_history(login: Any) -> None:
    client = login("beheer")

    response = client.post("/beheer/feestdagen", {"day": "2031-05-30", "decree": "Stb. 2031, 1"})

    page = messages_on(client, response)
    assert "vrijdag 30 mei 2031 is toegevoegd." in page
    assert "Stb. 2031, 1" in page
    assert EquatedDay.objects.get().decree == "Stb. 2031, 1"
    assert "Gelijkgestelde dag toegevoegd" in history_text(client)


def test_the_history_is_newest_first_and_filters_by_municipality(login: Any) -> None:
    client = login("beheer")
    client.post("/beheer/gemeenten/GM9901", {**NORMS, "wgs_decision_weeks": "6"})
    client.post("/beheer/gemeenten/GM9902", {**NORMS, "wgs_decision_weeks": "7"})

    text = history_text(client)
    assert text.index("Gemeente Hooglanden") < text.index("Gemeente gewijzigd: Gemeente Aa en Zee")
    filtered = history_text(client, "?gemeente=GM9901")
    assert "1 wijziging" in filtered
    assert "8 → wordt 6" in filtered
    assert "8 → wordt 7" not in filtered
    # An unknown filter value shows everything rather than an error.
    assert "2 wijzigingen" in history_text(client, "?gemeente=GM0000")


def test_what_was_typed_is_shown_as_text_in_the_history(login: Any) -> None:
    client = login("beheer")
    client.post(
        "/beheer/gemeenten/GM9901/contactgegevens/nieuw",
        {"kind": "adres", "value": "<script>alert(1)</script>", "note": "", "position": "3"},
    )

    page = client.get("/beheer/wijzigingen").content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
