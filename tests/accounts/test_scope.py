"""Who sees which cases: the scope rules, through the selectors every read uses."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User

from regie.accounts.scope import scope_for_api_client, scope_for_user
from regie.accounts.tokens import api_client_create
from regie.cases import services
from regie.cases.models import Case
from regie.cases.selectors import case_by_reference, cases_visible_to
from regie.directory.models import Municipality, Organisation

pytestmark = pytest.mark.django_db


def make_case(code: str, *, domain: str = "wmo", about: str | None = None) -> Case:
    kcc = scope_for_user(User.objects.get(username="beheer"))
    return services.case_intake(
        scope=kcc,
        request=services.IntakeRequest(
            municipality=Municipality.objects.get(code=code),
            kind="signaal",
            channel="telefoon",
            domain=domain,
            description="Buurvrouw krijgt al weken geen hulp bij het douchen.",
            about=Organisation.objects.get(slug=about) if about else None,
        ),
    ).case


def visible(username: str) -> set[str]:
    scope = scope_for_user(User.objects.get(username=username))
    return set(cases_visible_to(scope).values_list("reference", flat=True))


def test_staff_see_their_own_municipality_only(world: None) -> None:
    ours = make_case("GM9901")
    theirs = make_case("GM9902")
    assert visible("kcc") == {ours.reference}
    assert visible("coordinator-hooglanden") == {theirs.reference}


def test_a_team_sees_its_domains_in_its_municipality(world: None) -> None:
    wmo = make_case("GM9901", domain="wmo")
    make_case("GM9901", domain="jeugd")
    make_case("GM9902", domain="wmo")
    assert visible("wmo-consulent") == {wmo.reference}


def test_a_provider_sees_only_what_is_about_it(world: None) -> None:
    anker = make_case("GM9901", about="het-anker")
    make_case("GM9901", about="de-linde")
    make_case("GM9902")
    assert visible("anker") == {anker.reference}


@pytest.mark.parametrize("username", ["raadslid", "wethouder", "privacy"])
def test_council_college_and_privacy_officer_do_not_open_case_files(
    world: None, username: str
) -> None:
    case = make_case("GM9901")
    assert visible(username) == set()
    scope = scope_for_user(User.objects.get(username=username))
    assert case_by_reference(scope, case.reference) is None


def test_anonymous_and_inactive_users_see_nothing(world: None) -> None:
    make_case("GM9901")
    assert not cases_visible_to(scope_for_user(AnonymousUser())).exists()
    User.objects.filter(username="kcc").update(is_active=False)
    assert visible("kcc") == set()


def test_a_revoked_api_client_sees_nothing(world: None) -> None:
    from django.utils import timezone

    case = make_case("GM9901")
    client, _ = api_client_create(organisation="GM9901")
    assert case_by_reference(scope_for_api_client(client), case.reference) is not None
    client.revoked_at = timezone.now()
    assert case_by_reference(scope_for_api_client(client), case.reference) is None


def test_the_administrator_sees_everything(world: None) -> None:
    refs = {make_case("GM9901").reference, make_case("GM9902").reference}
    assert visible("beheer") == refs


def test_event_history_cannot_be_edited(world: None) -> None:
    from regie.cases.models import AppendOnlyError

    event = make_case("GM9901").events.first()
    assert event is not None
    event.payload = {"changed": True}
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_a_provider_keeps_seeing_what_its_portal_user_registered(world: None) -> None:
    anker = scope_for_user(User.objects.get(username="anker"))
    case = services.case_intake(
        scope=anker,
        request=services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind="signaal",
            channel="aanbieder",
            domain="wmo",
            description="Cliënt vertelt dat de huurbaas de verwarming niet repareert.",
        ),
    ).case
    assert case.source_organisation is not None
    assert case.source_organisation.slug == "het-anker"
    assert visible("anker") == {case.reference}
    assert visible("linde") == set()
