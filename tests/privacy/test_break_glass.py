"""Least privilege with a way out: a handler sees their own cases and their team's queue; any
other case of their municipality opens only after they say why, and every showing of it is in
the audit log with that reason (issue 11)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from regie.accounts.models import CaseGrant
from regie.accounts.scope import scope_for_user
from regie.cases import selectors, services
from regie.cases.models import Case
from regie.directory.models import Municipality
from regie.privacy.models import AccessLog

pytestmark = pytest.mark.django_db

REASON = "Inwoner belt over de stand van zaken."


def youth_signal(code: str = "GM9901") -> Case:
    """A youth-care signal: routed to the youth team, not the complaints team."""
    beheer = scope_for_user(User.objects.get(username="beheer"))
    case = services.case_intake(
        scope=beheer,
        request=services.IntakeRequest(
            municipality=Municipality.objects.get(code=code),
            kind="signaal",
            channel="telefoon",
            domain="jeugd",
            description="Zorgen over een gezin in de wijk: Jan Jansen, Dorpsstraat 4.",
            submitter=services.Person(name="Mieke Mulder", phone="0612345678"),
        ),
    ).case
    assert case.handling_team is not None
    assert case.handling_team.slug == "jeugd"
    return case


def scope_of(username: str) -> Any:
    return scope_for_user(User.objects.get(username=username))


def test_a_team_for_every_domain_does_not_open_every_youth_file(world: None) -> None:
    case = youth_signal()
    # The complaints team covers every domain; its handler still does not see a youth file…
    assert not selectors.case_visible_to(scope_of("behandelaar"), case)
    assert case not in selectors.cases_visible_to(scope_of("behandelaar"))
    # …the youth team does, and so does the coordinator who keeps the overview.
    assert selectors.case_visible_to(scope_of("jeugdconsulent"), case)
    assert selectors.case_visible_to(scope_of("coordinator"), case)


def test_the_cases_one_handles_are_ones_own_whatever_the_team(world: None) -> None:
    case = youth_signal()
    consulent = User.objects.get(username="jeugdconsulent")
    services.case_assign(case=case, scope=scope_of("coordinator"), handler=consulent)
    case.refresh_from_db()
    # The youth consultant moves to the Wmo team: the cases they handle stay theirs to see,
    # the youth team's queue does not.
    other = youth_signal()
    consulent.memberships.update(team=case.municipality.teams.get(slug="wmo"))
    assert selectors.case_visible_to(scope_of("jeugdconsulent"), case)
    assert not selectors.case_visible_to(scope_of("jeugdconsulent"), other)


def test_the_case_page_asks_why_before_showing_a_case_outside_ones_work(
    world: None, login: Any
) -> None:
    case = youth_signal()
    client = login("behandelaar")

    page = client.get(f"/werk/zaken/{case.reference}")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Deze zaak hoort niet bij uw werk" in text
    # The question shows no personal data, and nothing was shown, so nothing is logged.
    for secret in ("Mieke Mulder", "0612345678", "Jan Jansen", "Zorgen over een gezin"):
        assert secret not in text
    assert not AccessLog.objects.filter(case=case, action=AccessLog.Action.VIEWED).exists()

    # Without a real reason: a Dutch form error, no grant, no record.
    refused = client.post(f"/werk/zaken/{case.reference}/inzien", {"reden": "even"})
    assert refused.status_code == 400
    assert "minstens 10 tekens" in refused.content.decode()
    assert not CaseGrant.objects.exists()

    opened = client.post(f"/werk/zaken/{case.reference}/inzien", {"reden": REASON})
    assert opened.status_code == 302
    assert opened["Location"] == f"/werk/zaken/{case.reference}"
    page = client.get(opened["Location"])
    text = page.content.decode()
    assert "Mieke Mulder" in text
    assert "Deze zaak hoort niet bij uw eigen werk" in text
    assert REASON in text

    # Exactly one record per showing, with who, from where and why.
    record = AccessLog.objects.get(case=case, action=AccessLog.Action.VIEWED)
    assert record.user == User.objects.get(username="behandelaar")
    assert record.outside_own_work is True
    assert record.reason == REASON
    assert record.case_reference == case.reference
    assert record.municipality_id == case.municipality_id
    assert record.ip_address == "127.0.0.1"
    client.get(f"/werk/zaken/{case.reference}")
    assert AccessLog.objects.filter(case=case, action=AccessLog.Action.VIEWED).count() == 2


def test_ones_own_work_is_logged_without_a_reason(world: None, login: Any) -> None:
    case = youth_signal()
    login("jeugdconsulent").get(f"/werk/zaken/{case.reference}")
    record = AccessLog.objects.get(case=case, action=AccessLog.Action.VIEWED)
    assert (record.outside_own_work, record.reason) == (False, "")


def test_the_glass_closes_again_after_the_working_day(world: None, login: Any) -> None:
    case = youth_signal()
    client = login("behandelaar")
    client.post(f"/werk/zaken/{case.reference}/inzien", {"reden": REASON})
    grant = CaseGrant.objects.get()
    CaseGrant.objects.filter(pk=grant.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    assert (
        "Deze zaak hoort niet bij uw werk"
        in client.get(f"/werk/zaken/{case.reference}").content.decode()
    )


@pytest.mark.parametrize("username", ["hooglanden", "raadslid", "wethouder", "privacy", "anker"])
def test_no_glass_outside_the_municipalities_one_handles_cases_for(
    world: None, login: Any, username: str
) -> None:
    case = youth_signal()
    client = login(username)
    page = client.get(f"/werk/zaken/{case.reference}")
    # A provider is sent to its portal, which answers 404 in turn; everyone else 404 here.
    if page.status_code == 302:
        page = client.get(page["Location"])
    assert page.status_code == 404
    assert client.post(f"/werk/zaken/{case.reference}/inzien", {"reden": REASON}).status_code in (
        302,
        404,
    )
    assert not CaseGrant.objects.exists()


def test_an_action_that_moves_the_case_away_returns_to_the_worklist(
    world: None, login: Any
) -> None:
    case = youth_signal()
    client = login("jeugdconsulent")
    klachten = case.municipality.teams.get(slug="klachten")
    response = client.post(
        f"/werk/zaken/{case.reference}/overdragen",
        {"to": f"team-{klachten.pk}", "hand_over_reason": "Dit is een klacht over de gemeente."},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == "/werk"
