"""Who may see and post to which Beheer page: the region's administrators everything, a
coordinator their own municipality, everyone else nothing (404, as outside any scope)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from regie.accounts.models import Membership
from regie.directory.models import DirectoryChange, Municipality, Team
from regie.vocabulary import Domain, Role
from tests.beheer.support import directory_state, municipality_pages, regional_pages

pytestmark = pytest.mark.usefixtures("world")

EVERYONE = ["/beheer", "/beheer/wijzigingen"]


def statuses(client: Client, paths: list[str]) -> dict[str, int]:
    return {path: client.get(path).status_code for path in paths}


def test_the_regions_administrator_opens_every_page(login: Any) -> None:
    client = login("beheer")
    paths = EVERYONE + municipality_pages("GM9901") + municipality_pages("GM9902")
    paths += regional_pages()

    assert statuses(client, paths) == dict.fromkeys(paths, 200)


@pytest.mark.parametrize(
    ("username", "own", "other"),
    [("coordinator", "GM9901", "GM9902"), ("coordinator-hooglanden", "GM9902", "GM9901")],
)
def test_a_coordinator_manages_their_own_municipality_only(
    login: Any, username: str, own: str, other: str
) -> None:
    client = login(username)
    mine = EVERYONE + municipality_pages(own)
    not_mine = municipality_pages(other) + regional_pages()

    assert statuses(client, mine) == dict.fromkeys(mine, 200)
    assert statuses(client, not_mine) == dict.fromkeys(not_mine, 404)


@pytest.mark.parametrize("username", ["behandelaar", "raadslid", "anker", "kcc"])
def test_people_who_administer_nothing_get_404_everywhere(login: Any, username: str) -> None:
    client = login(username)
    paths = EVERYONE + municipality_pages("GM9901") + regional_pages()

    assert statuses(client, paths) == dict.fromkeys(paths, 404)


def test_without_logging_in_beheer_asks_for_a_login(client: Client) -> None:
    response = client.get("/beheer/gemeenten/GM9901")

    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen?next=/beheer/gemeenten/GM9901")


def test_a_coordinator_cannot_post_to_another_municipality_or_the_region(login: Any) -> None:
    client = login("coordinator-hooglanden")
    before = directory_state()
    hooglanden_team = Team.objects.get(municipality__code="GM9902", slug="wmo")
    norms = {
        "acknowledgement_working_days": "2",
        "first_contact_working_days": "2",
        "wgs_decision_weeks": "4",
        "ombudsman_name": "Iemand",
        "ombudsman_url": "https://example.org",
    }
    posts = [
        ("/beheer/gemeenten/GM9901", norms),
        ("/beheer/gemeenten/GM9901/teams/wmo", {"name": "X", "email": "", "domains": ["wmo"]}),
        ("/beheer/gemeenten/GM9901/contactgegevens/nieuw", {"kind": "email", "value": "a@b.nl"}),
        ("/beheer/organisaties/het-anker", {"description": "Overgenomen"}),
        ("/beheer/onderwerpen/nieuw", {"slug": "x", "name": "X", "domain": "wmo"}),
        ("/beheer/feestdagen", {"day": "2031-05-30", "decree": "Stb. 2031, 1"}),
    ]
    for path, data in posts:
        assert client.post(path, data).status_code == 404, path
    own_channel = hooglanden_team.channels.first()
    assert own_channel is not None
    other_channel = Team.objects.get(municipality__code="GM9901", slug="wmo").channels.first()
    assert other_channel is not None
    assert client.post(f"/beheer/contactgegevens/{other_channel.pk}/verwijderen").status_code == 404

    assert directory_state() == before


def test_the_staff_navigation_shows_beheer_only_to_those_who_administer(login: Any) -> None:
    assert 'href="/beheer"' in login("coordinator").get("/werk").content.decode()
    assert 'href="/beheer"' in login("beheer").get("/werk").content.decode()
    assert 'href="/beheer"' not in login("behandelaar").get("/werk").content.decode()


def test_the_overview_lists_what_this_person_may_manage(login: Any) -> None:
    page = login("coordinator").get("/beheer").content.decode()
    assert "Gemeente Aa en Zee" in page
    assert "Gemeente Hooglanden" not in page
    assert "/beheer/organisaties" not in page

    page = login("beheer").get("/beheer").content.decode()
    assert "Gemeente Aa en Zee" in page
    assert "Gemeente Hooglanden" in page
    assert "/beheer/organisaties" in page
    assert "/beheer/feestdagen" in page


def member(username: str, **membership: Any) -> User:
    user = User.objects.create_user(username=username, password="x")
    Membership.objects.create(user=user, **membership)
    return user


def test_a_beheerder_membership_administers_the_region(client: Client) -> None:
    gm9901 = Municipality.objects.get(code="GM9901")
    client.force_login(member("regiobeheer", role=Role.BEHEERDER, municipality=gm9901))
    paths = regional_pages() + municipality_pages("GM9902")

    assert statuses(client, paths) == dict.fromkeys(paths, 200)


def test_a_coordinator_of_one_domain_or_one_team_does_not_set_municipal_norms(
    client: Client,
) -> None:
    gm9901 = Municipality.objects.get(code="GM9901")
    team = Team.objects.get(municipality=gm9901, slug="jeugd")
    for user in (
        member("jeugdcoordinator", role=Role.COORDINATOR, municipality=gm9901, domain=Domain.JEUGD),
        member("teamcoordinator", role=Role.COORDINATOR, team=team),
    ):
        client.force_login(user)
        assert client.get("/beheer").status_code == 404
        assert client.get("/beheer/gemeenten/GM9901").status_code == 404


def test_a_coordinator_sees_only_the_history_of_their_municipality(login: Any) -> None:
    client = login("beheer")
    client.post(
        "/beheer/gemeenten/GM9902/teams/wmo",
        {"name": "Team Wmo", "email": "wmo@hooglanden.example", "domains": ["wmo"]},
    )
    client.post("/beheer/organisaties/akj", {"description": "Nieuw verhaal."})
    assert DirectoryChange.objects.count() == 2

    page = login("coordinator").get("/beheer/wijzigingen").content.decode()
    assert "0 wijzigingen" in page
    page = login("coordinator-hooglanden").get("/beheer/wijzigingen").content.decode()
    assert "1 wijziging" in page
    assert "wmo@hooglanden.example" in page
    assert "Nieuw verhaal." not in page
    # Asking for another municipality's history shows nothing of it.
    page = login("coordinator-hooglanden").get("/beheer/wijzigingen?gemeente=GM9901")
    assert "wmo@hooglanden.example" in page.content.decode()
