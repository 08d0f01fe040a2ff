"""Routing at intake from the directory, hand-overs and the bounced flag, and who sees a case
that is with a provider or GR."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from regie.accounts.scope import scope_for_api_client, scope_for_public_web, scope_for_user
from regie.accounts.tokens import api_client_create
from regie.cases import selectors, services
from regie.cases.models import Case, EventType
from regie.directory.models import Municipality, Organisation, Region, Team

pytestmark = pytest.mark.django_db


def user(name: str) -> services.Scope:
    return scope_for_user(User.objects.get(username=name))


def team(slug: str, code: str = "GM9901") -> Team:
    return Team.objects.get(municipality__code=code, slug=slug)


def organisation(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


def intake(scope: Any = None, code: str = "GM9901", **fields: Any) -> Case:
    values: dict[str, Any] = {
        "municipality": Municipality.objects.get(code=code),
        "kind": "hulpvraag",
        "channel": "web",
        "domain": "wmo",
        "description": "Mijn moeder redt het niet meer alleen thuis.",
        "submitter": services.Person(name="Anna de Boer", email="anna@example.org"),
        **fields,
    }
    request = services.IntakeRequest(**values)
    return services.case_intake(scope=scope or scope_for_public_web(), request=request).case


@pytest.mark.parametrize(
    ("code", "kind", "domain", "about", "team_slug", "organisation_slug"),
    [
        ("GM9901", "hulpvraag", "wmo", "", "wmo", None),
        ("GM9901", "hulpvraag", "schuldhulp", "", "schuldhulp", None),
        ("GM9902", "hulpvraag", "schuldhulp", "", None, "sociale-dienst"),
        ("GM9902", "signaal", "werk-en-inkomen", "", None, "sociale-dienst"),
        ("GM9901", "melding", "overig", "", "klachten", None),
        # A complaint goes to the municipality's own complaint handling, also when it is
        # about a provider: never straight to the party it is about.
        ("GM9901", "klacht", "wmo", "het-anker", "klachten", None),
        ("GM9902", "klacht", "schuldhulp", "sociale-dienst", "klachten", None),
        ("GM9901", "klacht", "jeugd", "", "klachten", None),
    ],
)
def test_a_new_case_goes_to_whoever_the_directory_names(
    world: None,
    code: str,
    kind: str,
    domain: str,
    about: str,
    team_slug: str | None,
    organisation_slug: str | None,
) -> None:
    case = intake(code=code, kind=kind, domain=domain, about=organisation(about) if about else None)

    assert case.handling_team == (team(team_slug, code) if team_slug else None)
    assert case.handling_organisation == (
        organisation(organisation_slug) if organisation_slug else None
    )
    assert case.handovers == 0
    routed = case.events.get(type=EventType.ROUTED)
    assert routed.payload["reason"]


def test_a_provider_registering_a_complaint_about_itself_handles_it(world: None) -> None:
    case = intake(
        scope=user("anker"), kind="klacht", channel="aanbieder", about=organisation("het-anker")
    )

    assert case.handling_organisation == organisation("het-anker")
    assert case.accepted_at is not None
    assert case.status == "in-behandeling"


def test_a_provider_reporting_a_worry_about_a_client_goes_to_the_municipality(
    world: None,
) -> None:
    case = intake(scope=user("anker"), kind="melding", channel="aanbieder")

    assert case.handling_team == team("wmo")
    assert case.handling_organisation is None


def test_two_hand_overs_make_a_case_bounced(world: None) -> None:
    case = intake(kind="melding", domain="overig")
    coordinator = user("coordinator")

    case = services.case_hand_over(
        case=case, scope=coordinator, team=team("wmo"), reason="Gaat over thuiszorg."
    )
    assert (case.handovers, case.bounced) == (1, False)
    case = services.case_hand_over(
        case=case, scope=coordinator, team=team("jeugd"), reason="Toch een gezinsvraag."
    )

    assert (case.handovers, case.bounced) == (2, True)
    reasons = [e.payload["reason"] for e in case.events.filter(type=EventType.HANDED_OVER)]
    assert reasons == ["Gaat over thuiszorg.", "Toch een gezinsvraag."]


def test_forwarding_to_a_provider_keeps_the_case_in_the_register_and_in_view(
    world: None,
) -> None:
    case = intake()
    case = services.case_hand_over(
        case=case,
        scope=user("coordinator"),
        organisation=organisation("het-anker"),
        reason="Huishoudelijke hulp doet Het Anker.",
    )

    assert selectors.case_by_reference(user("anker"), case.reference) is not None
    assert selectors.case_by_reference(user("coordinator"), case.reference) is not None
    assert selectors.case_by_reference(user("linde"), case.reference) is None

    services.case_accept(case=case, scope=user("anker"))
    services.case_add_update(case=case, scope=user("anker"), text="Vaste hulp komt dinsdag.")
    closed = services.case_conclude(
        case=case, scope=user("anker"), outcome="afgerond", summary="Hulp loopt weer."
    )

    assert closed.status == "afgehandeld"
    seen = selectors.case_by_reference(user("coordinator"), case.reference)
    assert seen is not None
    assert seen.outcome == "afgerond"
    types = list(seen.events.values_list("type", flat=True))
    assert types.count(EventType.ACCEPTED) == types.count(EventType.PROGRESS) == 1


def test_a_provider_cannot_move_a_case_to_a_municipal_team(world: None) -> None:
    case = services.case_hand_over(
        case=intake(),
        scope=user("coordinator"),
        organisation=organisation("het-anker"),
        reason="Voor Het Anker.",
    )
    with pytest.raises(services.PermissionRefused):
        services.case_hand_over(
            case=case, scope=user("anker"), team=team("klachten"), reason="Niet van ons."
        )
    # It can give the case back to the municipality, which counts as a hand-over.
    back = services.case_give_back(case=case, scope=user("anker"), reason="Geen thuiszorg.")
    assert back.handling_organisation is None
    assert back.handovers == 2


def test_a_provider_acts_only_after_accepting(world: None) -> None:
    case = services.case_hand_over(
        case=intake(),
        scope=user("coordinator"),
        organisation=organisation("het-anker"),
        reason="Voor Het Anker.",
    )
    with pytest.raises(services.CaseError):
        services.case_add_update(case=case, scope=user("anker"), text="Gebeld.")
    with pytest.raises(services.PermissionRefused):
        services.case_accept(case=case, scope=user("linde"))


def test_a_gr_token_works_for_the_municipalities_it_serves_and_no_other(world: None) -> None:
    elsewhere = Municipality.objects.create(
        code="GM9903", name="Gemeente Elders", region=Region.objects.get()
    )
    client, _ = api_client_create(organisation="sociale-dienst")
    gr = scope_for_api_client(client)

    for code in ("GM9901", "GM9902"):
        case = intake(
            scope=gr,
            code=code,
            kind="klacht",
            channel="api",
            domain="schuldhulp",
            about=organisation("sociale-dienst"),
        )
        assert selectors.case_by_reference(gr, case.reference) is not None
    with pytest.raises(services.CaseError) as refused:
        intake(scope=gr, code=elsewhere.code, kind="melding", channel="api", domain="schuldhulp")
    assert "municipality" in refused.value.errors
    other = intake(code=elsewhere.code, kind="melding", domain="schuldhulp")
    assert selectors.case_by_reference(gr, other.reference) is None


def test_under_a_summary_agreement_the_municipality_does_not_see_the_person(
    world: None,
) -> None:
    # Hooglanden agreed to see youth care in counts and themes only (catalogue.py).
    own = intake(
        scope=user("linde"),
        code="GM9902",
        kind="klacht",
        channel="aanbieder",
        domain="jeugd",
        about=organisation("de-linde"),
    )
    assert own.summary_only
    assert selectors.case_by_reference(user("linde"), own.reference) is not None
    assert selectors.case_by_reference(user("hooglanden"), own.reference) is None
    assert selectors.case_by_reference(user("coordinator-hooglanden"), own.reference) is None
    # In Aa en Zee, with full oversight, the municipality sees it.
    full = intake(
        scope=user("linde"),
        kind="klacht",
        channel="aanbieder",
        domain="jeugd",
        about=organisation("de-linde"),
    )
    assert not full.summary_only
    assert selectors.case_by_reference(user("coordinator"), full.reference) is not None
