"""Whom a case may be assigned to: one rule (`cases.assignees`) for the service and the form.

The person who ends up with a case must be able to see it, and must hold a role that handles
cases; a team of the case's municipality may always take it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from regie.accounts.scope import HANDLING_ROLES, scope_for_public_web, scope_for_user
from regie.cases import selectors, services
from regie.cases.assignees import assignable_handlers
from regie.cases.models import Case, EventType
from regie.directory.models import Municipality, Team
from regie.vocabulary import Domain

pytestmark = pytest.mark.django_db


def user(name: str) -> User:
    return User.objects.get(username=name)


def team(slug: str, municipality: str = "GM9901") -> Team:
    return Team.objects.get(municipality__code=municipality, slug=slug)


def coordinator() -> services.Scope:
    return scope_for_user(user("coordinator"))


def new_case(domain: str = "overig", kind: str = "klacht") -> Case:
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind=kind,
        channel="web",
        domain=domain,
        description="De parkeervergunning voor mijn mantelzorger is geweigerd.",
        submitter=services.Person(name="Anna de Boer", email="anna@example.org"),
    )
    return services.case_intake(scope=scope_for_public_web(), request=request).case


def refusal(case: Case, **change: Any) -> dict[str, str]:
    with pytest.raises(services.CaseError) as refused:
        services.case_assign(case=case, scope=coordinator(), **change)
    return refused.value.errors


def test_a_youth_consultant_cannot_get_a_parking_complaint(world: None) -> None:
    case = new_case(domain=Domain.OVERIG)

    errors = refusal(case, handler=user("jeugdconsulent"))

    assert errors["handler"].startswith("Daan Koster kan deze zaak niet behandelen")
    case.refresh_from_db()
    assert case.handler is None
    assert not case.events.filter(type=EventType.ASSIGNED).exists()


def test_with_the_youth_team_the_youth_consultant_may_take_it_and_then_sees_it(
    world: None,
) -> None:
    case = new_case(domain=Domain.OVERIG)

    services.case_assign(
        case=case, scope=coordinator(), team=team("jeugd"), handler=user("jeugdconsulent")
    )

    assert selectors.case_by_reference(scope_for_user(user("jeugdconsulent")), case.reference)


@pytest.mark.parametrize(
    "name",
    [
        "raadslid",  # a council member handles no cases
        "wethouder",  # nor does the college
        "privacy",  # nor the privacy officer
        "beheer",  # an administrator (superuser) is no handler
        "anker",  # a provider's staff work on the provider's side
        "hooglanden",  # another municipality
    ],
)
def test_people_who_handle_no_cases_here_are_refused(world: None, name: str) -> None:
    case = new_case()

    assert "handler" in refusal(case, handler=user(name))
    assert not case.events.filter(type=EventType.ASSIGNED).exists()


def test_moving_the_team_away_from_its_handler_is_refused(world: None) -> None:
    case = new_case(domain=Domain.OVERIG)
    services.case_assign(
        case=case, scope=coordinator(), team=team("wmo"), handler=user("wmo-consulent")
    )

    errors = refusal(case, team=team("klachten"))

    assert "Joost Visser" in errors["team"]
    case.refresh_from_db()
    assert case.handling_team == team("wmo")


def test_a_team_of_another_municipality_is_refused(world: None) -> None:
    assert "team" in refusal(new_case(), team=team("klachten", "GM9902"))


def test_assigning_what_is_already_so_is_refused(world: None) -> None:
    case = new_case()
    services.case_assign(case=case, scope=coordinator(), handler=user("behandelaar"))

    errors = refusal(case, handler=user("behandelaar"))

    assert errors == {
        "team": "Dit is al zo toegewezen. Kies een ander team of een andere behandelaar."
    }
    assert case.events.filter(type=EventType.ASSIGNED).count() == 1


def test_a_provider_or_partner_system_may_not_assign(world: None) -> None:
    case = new_case()
    with pytest.raises(services.PermissionRefused):
        services.case_assign_check(case=case, scope=scope_for_user(user("anker")))


@pytest.mark.parametrize("domain", [d.value for d in Domain])
@pytest.mark.parametrize("team_slug", ["", "klachten", "wmo", "jeugd", "schuldhulp"])
def test_the_assignable_people_are_exactly_those_who_would_see_the_case(
    world: None, domain: str, team_slug: str
) -> None:
    """The Python reading of the visibility rule (for the list) agrees with the SQL one."""
    case = new_case(domain=domain)
    chosen = team(team_slug) if team_slug else None
    if chosen is not None and chosen.pk != case.handling_team_id:  # the intake routed it
        services.case_assign(case=case, scope=coordinator(), team=chosen)
        case.refresh_from_db()

    offered = {u.username for u in assignable_handlers(case)}

    handlers = User.objects.filter(is_active=True, memberships__role__in=HANDLING_ROLES).distinct()
    seeing = {
        u.username
        for u in handlers
        if selectors.cases_visible_to(scope_for_user(u)).filter(pk=case.pk).exists()
    }
    assert offered == seeing
    assert not offered & {"raadslid", "wethouder", "privacy", "beheer", "anker"}
