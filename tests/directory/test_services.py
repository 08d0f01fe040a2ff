"""The directory's write path: permission through the editor handed in, validation into Dutch
field errors, and one append-only history row per change, in the same transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from regie.accounts.administration import (
    Administration,
    administration_for_command_line,
    administration_for_user,
)
from regie.accounts.selectors import user_by_username
from regie.cli import main
from regie.directory import services
from regie.directory.models import (
    ContactChannel,
    DirectoryChange,
    EquatedDay,
    HistoryIsAppendOnly,
    Municipality,
    Organisation,
    Responsibility,
    Team,
    Topic,
)
from regie.vocabulary import OrganisationKind

pytestmark = pytest.mark.usefixtures("world")

AT = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)


def admin_of(username: str) -> Administration:
    user = user_by_username(username)
    assert user is not None
    return administration_for_user(user)


def gm(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


def norms(municipality: Municipality, **changes: Any) -> dict[str, Any]:
    return {
        "municipality": municipality,
        "acknowledgement_working_days": municipality.norm_acknowledgement_working_days,
        "first_contact_working_days": municipality.norm_first_contact_working_days,
        "wgs_decision_weeks": municipality.wgs_decision_weeks,
        "ombudsman_name": municipality.ombudsman_name,
        "ombudsman_url": municipality.ombudsman_url,
        **changes,
    }


def test_a_change_is_recorded_at_the_moment_given_with_who_and_what() -> None:
    saved = services.municipality_update_norms(
        by=admin_of("coordinator"), at=AT, **norms(gm("GM9901"), wgs_decision_weeks=6)
    )

    change = saved.change
    assert change is not None
    assert change.at == AT
    assert change.actor_label == "Mohammed El Amrani"
    assert change.actor_user_id == admin_of("coordinator").user_id
    assert (change.action, change.object_model, change.object_label) == (
        "gewijzigd",
        "municipality",
        "Gemeente Aa en Zee",
    )
    assert change.object_id == gm("GM9901").pk
    assert change.municipality_id == gm("GM9901").pk
    assert change.changes == [
        {
            "field": "wgs_decision_weeks",
            "label": "Besluit schuldhulp binnen (weken)",
            "old": "8",
            "new": "6",
        }
    ]
    assert gm("GM9901").wgs_decision_weeks == 6


def test_a_save_that_changes_nothing_writes_and_records_nothing() -> None:
    saved = services.municipality_update_norms(by=admin_of("beheer"), at=AT, **norms(gm("GM9902")))

    assert saved.change is None
    assert not DirectoryChange.objects.exists()


def test_a_moment_without_time_zone_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        services.municipality_update_norms(
            by=admin_of("beheer"), at=dt.datetime(2026, 11, 2, 9, 30), **norms(gm("GM9901"))
        )


def test_bad_norms_come_back_as_dutch_messages_per_argument_and_change_nothing() -> None:
    with pytest.raises(services.DirectoryError) as refused:
        services.municipality_update_norms(
            by=admin_of("beheer"),
            **norms(
                gm("GM9901"),
                acknowledgement_working_days=0,
                first_contact_working_days=61,
                wgs_decision_weeks=9,
                ombudsman_name="x" * 201,
                ombudsman_url="mailto:ombudsman@example.org",
            ),
        )

    assert set(refused.value.errors) == {
        "acknowledgement_working_days",
        "first_contact_working_days",
        "wgs_decision_weeks",
        "ombudsman_name",
        "ombudsman_url",
    }
    assert refused.value.errors["ombudsman_name"] == "Gebruik hooguit 200 tekens."
    assert gm("GM9901").norm_acknowledgement_working_days == 5
    assert not DirectoryChange.objects.exists()


def regional_changes() -> list[Any]:
    organisation = Organisation.objects.get(slug="het-anker")
    return [
        lambda by: services.organisation_update(
            organisation=organisation,
            by=by,
            description="",
            complaint_route="",
            complaint_scheme="",
            complaint_term_weeks=None,
            complaint_scheme_basis="",
            complaint_scheme_url="",
            client_count=None,
        ),
        lambda by: services.channel_add(owner=organisation, by=by, kind="telefoon", value="14 0"),
        lambda by: services.topic_add(by=by, slug="wonen", name="Wonen", domain="wmo"),
        lambda by: services.equated_day_add(day=dt.date(2031, 5, 30), decree="Stb.", by=by),
    ]


def municipal_changes(code: str) -> list[Any]:
    municipality = gm(code)
    team = Team.objects.get(municipality=municipality, slug="wmo")
    channel = ContactChannel.objects.filter(municipality=municipality).first()
    assert channel is not None
    responsibility = Responsibility.objects.filter(municipality=municipality).first()
    assert responsibility is not None
    values = services.ResponsibilityValues(domain="overig", help_team=team)
    return [
        lambda by: services.municipality_update_norms(
            by=by, **norms(municipality, wgs_decision_weeks=1)
        ),
        lambda by: services.team_update(team=team, by=by, name="X", email="", domains=["wmo"]),
        lambda by: services.channel_add(owner=team, by=by, kind="telefoon", value="14 0"),
        lambda by: services.channel_delete(channel=channel, by=by),
        lambda by: services.responsibility_add(municipality=municipality, by=by, values=values),
        lambda by: services.responsibility_update(
            responsibility=responsibility, by=by, values=values
        ),
    ]


def test_a_coordinator_is_refused_the_region_and_other_municipalities() -> None:
    coordinator = admin_of("coordinator-hooglanden")

    for change in regional_changes() + municipal_changes("GM9901"):
        with pytest.raises(services.PermissionRefused):
            change(coordinator)

    assert not DirectoryChange.objects.exists()
    assert not EquatedDay.objects.exists()
    assert not Topic.objects.filter(slug="wonen").exists()


@pytest.mark.parametrize("username", ["behandelaar", "raadslid", "anker"])
def test_people_who_administer_nothing_are_refused_everything(username: str) -> None:
    nobody = admin_of(username)
    assert nobody.is_empty

    for change in regional_changes() + municipal_changes("GM9901"):
        with pytest.raises(services.PermissionRefused):
            change(nobody)


def test_the_rule_per_kind_of_thing_for_a_coordinator() -> None:
    coordinator = admin_of("coordinator")
    own, other = gm("GM9901"), gm("GM9902")
    own_team = Team.objects.get(municipality=own, slug="wmo")
    anker = Organisation.objects.get(slug="het-anker")

    assert coordinator.may_administer(own)
    assert not coordinator.may_administer(other)
    assert coordinator.may_administer(own_team)
    assert not coordinator.may_administer(Team.objects.get(municipality=other, slug="wmo"))
    assert coordinator.may_administer(Responsibility(municipality=own))
    assert coordinator.may_administer(ContactChannel(team=own_team))
    assert coordinator.may_administer(ContactChannel(municipality=own))
    assert not coordinator.may_administer(ContactChannel(organisation=anker))
    assert not coordinator.may_administer(anker)
    assert not coordinator.may_administer(Topic())
    assert not coordinator.may_administer(EquatedDay(day=dt.date(2031, 5, 30)))
    assert not coordinator.may_administer_region()
    assert admin_of("beheer").may_administer(anker)


def test_the_history_is_append_only() -> None:
    saved = services.equated_day_add(
        day=dt.date(2031, 5, 30), decree="Stb. 2031, 1", by=admin_of("beheer"), at=AT
    )
    change = saved.change
    assert change is not None

    change.actor_label = "Iemand anders"
    with pytest.raises(HistoryIsAppendOnly):
        change.save()
    with pytest.raises(HistoryIsAppendOnly):
        change.delete()
    assert DirectoryChange.objects.get().actor_label == "Bo Beheerder"


def test_the_command_line_adds_a_decree_day_through_the_write_path(capsys: Any) -> None:
    assert main(["decree-day", "add", "2031-05-30", "--decree", "Stb. 2031, 1"]) == 0

    change = DirectoryChange.objects.get()
    assert change.actor_label == "Opdrachtregel (regie decree-day)"
    assert change.actor_user_id is None
    assert (change.action, change.object_model) == ("toegevoegd", "equatedday")
    assert change.changes == [
        {"field": "day", "label": "Dag", "old": "", "new": "30-05-2031"},
        {"field": "decree", "label": "Besluit", "old": "", "new": "Stb. 2031, 1"},
    ]
    assert timezone.now() - change.at < dt.timedelta(minutes=1)

    # Again: nothing new, and no second history row.
    assert main(["decree-day", "add", "2031-05-30", "--decree", "Stb. 2031, 1"]) == 0
    assert DirectoryChange.objects.count() == 1


def test_the_command_line_refuses_what_beheer_refuses(capsys: Any) -> None:
    assert main(["decree-day", "add", "2031-05-31", "--decree", "Stb. 2031, 1"]) == 2
    assert main(["decree-day", "add", "2031-05-30", "--decree", " "]) == 2

    err = capsys.readouterr().err
    assert "2031-05-31: Deze dag valt in het weekend; dat is al geen werkdag." in err
    assert "2031-05-30: Vul het besluit in" in err
    assert not DirectoryChange.objects.exists()


def test_a_responsibility_names_only_teams_and_organisations_of_its_municipality() -> None:
    elsewhere = Organisation.objects.create(
        slug="alleen-hooglanden", name="Alleen Hooglanden", kind=OrganisationKind.AANBIEDER
    )
    elsewhere.domains = ["wmo"]
    elsewhere.save()
    elsewhere.municipalities.set([gm("GM9902")])
    values = services.ResponsibilityValues(
        domain="wmo",
        topic=Topic.objects.get(slug="vervoer"),
        help_team=Team.objects.get(municipality__code="GM9902", slug="wmo"),
        complaint_organisation=elsewhere,
        support=(elsewhere,),
        oversight="volledig",
        decision_reference="Besluit 1",
        decision_date=dt.date(2026, 1, 1),
    )

    with pytest.raises(services.DirectoryError) as refused:
        services.responsibility_add(municipality=gm("GM9901"), by=admin_of("beheer"), values=values)

    assert refused.value.errors == {
        "help_team": "Kies een team van Gemeente Aa en Zee.",
        "complaint_organisation": "Alleen Hooglanden werkt niet voor Gemeente Aa en Zee.",
        "support": "Alleen Hooglanden werkt niet voor Gemeente Aa en Zee.",
    }


def test_a_channel_delete_keeps_what_it_said_in_the_history() -> None:
    channel = ContactChannel.objects.filter(organisation__slug="het-anker", kind="email").get()

    services.channel_delete(channel=channel, by=admin_of("beheer"), at=AT)

    change = DirectoryChange.objects.get()
    assert change.action == "verwijderd"
    assert change.object_label == "E-mail: klachten@het-anker.example"
    assert {
        "field": "value",
        "label": "Gegevens",
        "old": "klachten@het-anker.example",
        "new": "",
    } in (change.changes)
    assert change.municipality is None


def test_a_beheerder_from_the_command_line_administers_the_region() -> None:
    cli = administration_for_command_line()
    assert cli.may_administer_region()
    assert cli.user_id is None
    assert cli.label == "Opdrachtregel (regie decree-day)"
