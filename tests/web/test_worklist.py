"""The staff worklist at /werk: login, scope, queues and filters."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.utils import timezone

from regie.accounts.scope import scope_for_user
from regie.accounts.selectors import user_by_username
from regie.cases import services
from regie.cases.models import Case
from tests.pages import statements


def test_the_worklist_requires_login(world: None, client: Client) -> None:
    response = client.get("/werk")

    assert response.status_code == 302
    assert response["Location"] == "/inloggen?next=/werk"


def test_a_handler_sees_the_cases_of_their_municipality_not_the_other(
    login: Any, new_case: Any
) -> None:
    ours = new_case(municipality="GM9901")
    theirs = new_case(municipality="GM9902")

    page = login("behandelaar").get("/werk").content.decode()

    assert ours.reference in page
    assert theirs.reference not in page


def test_a_provider_user_sees_only_cases_about_their_organisation(
    login: Any, new_case: Any
) -> None:
    about_anker = new_case(about="het-anker")
    about_linde = new_case(about="de-linde")
    about_municipality = new_case()

    # A provider's people work in their own portal.
    client = login("anker")
    assert client.get("/werk")["Location"] == "/aanbieder"
    page = client.get("/aanbieder?wachtrij=over-ons").content.decode()

    assert about_anker.reference in page
    assert about_linde.reference not in page
    assert about_municipality.reference not in page


def test_the_default_queue_is_mine_when_the_user_has_cases(login: Any, new_case: Any) -> None:
    mine, other = new_case(), new_case()
    handler = user_by_username("behandelaar")
    services.case_assign(case=mine, scope=scope_for_user(handler), handler=handler)

    page = login("behandelaar").get("/werk").content.decode()

    assert mine.reference in page
    assert other.reference not in page
    assert 'aria-current="page">Mijn zaken' in page


def test_without_own_cases_the_default_is_everything_open(login: Any, new_case: Any) -> None:
    case = new_case()

    page = login("behandelaar").get("/werk").content.decode()

    assert case.reference in page
    assert 'aria-current="page">Alles' in page


def test_the_unassigned_queue_leaves_out_assigned_cases(login: Any, new_case: Any) -> None:
    assigned, waiting = new_case(), new_case()
    coordinator = user_by_username("coordinator")
    services.case_assign(case=assigned, scope=scope_for_user(coordinator), handler=coordinator)

    page = login("behandelaar").get("/werk?wachtrij=unassigned").content.decode()

    assert waiting.reference in page
    assert assigned.reference not in page


def test_filters_on_kind_and_domain_work_without_javascript(login: Any, new_case: Any) -> None:
    klacht = new_case(kind="klacht", submitter=services.Person(name="A", email="a@example.org"))
    signaal = new_case(kind="signaal", domain="jeugd")

    # The coordinator sees every case of the municipality (a handler only their team's).
    page = login("coordinator").get("/werk?wachtrij=all&soort=klacht").content.decode()
    assert klacht.reference in page
    assert signaal.reference not in page

    page = login("coordinator").get("/werk?wachtrij=all&domein=jeugd").content.decode()
    assert signaal.reference in page
    assert klacht.reference not in page


def test_nonsense_filter_values_are_ignored_not_an_error(login: Any, new_case: Any) -> None:
    case = new_case()

    response = login("behandelaar").get("/werk?wachtrij=zzz&soort=<b>&status=x&pagina=-4")

    assert response.status_code == 200
    page = response.content.decode()
    assert case.reference in page
    assert 'aria-invalid="true"' not in page


def test_the_worklist_sorts_by_what_is_due_first_with_a_word_for_the_state(
    login: Any, new_case: Any
) -> None:
    later, overdue = new_case(), new_case()
    today = timezone.localdate()
    Case.objects.filter(pk=later.pk).update(next_due=today + dt.timedelta(days=20))
    Case.objects.filter(pk=overdue.pk).update(next_due=today - dt.timedelta(days=1))

    page = login("behandelaar").get("/werk?wachtrij=all").content.decode()

    assert page.index(overdue.reference) < page.index(later.reference)
    assert "te laat" in page
    assert "op tijd" in page


def test_the_worklist_pages_by_fifty(login: Any, new_case: Any) -> None:
    for _ in range(51):
        new_case()

    client = login("behandelaar")
    first = client.get("/werk?wachtrij=all").content.decode()
    second = client.get("/werk?wachtrij=all&pagina=2").content.decode()

    assert "Pagina 1 van 2" in first
    assert first.count('href="/werk/zaken/') == 50
    assert second.count('href="/werk/zaken/') == 1


def test_the_worklist_costs_the_same_queries_for_few_or_many_cases(
    login: Any, new_case: Any
) -> None:
    client = login("coordinator")
    for _ in range(3):
        new_case(about="het-anker")

    def queries() -> int:
        return statements(client, "/werk?wachtrij=alles")

    queries()  # the first request after login notes the session's start (one write)
    few = queries()
    for _ in range(12):
        new_case(about="de-linde")
    assert queries() == few


def test_every_kind_of_row_reads_no_column_the_list_did_not_ask_for(
    login: Any, new_case: Any
) -> None:
    # The list reads display.WORKLIST_COLUMNS as plain values, one statement for the page:
    # each kind of row must show right from those, and cost no statement of its own.
    from regie.directory.models import Organisation, Team

    client = login("coordinator")
    new_case()

    def queries() -> int:
        return statements(client, "/werk?wachtrij=all&status=alle")

    queries()  # the first request after login notes the session's start (one write)
    few = queries()
    handler = user_by_username("behandelaar")
    team = Team.objects.get(municipality__code="GM9901", slug="wmo")
    provider = Organisation.objects.get(slug="het-anker")
    mine, teams, outsourced, bounced = (new_case(subject=f"Onderwerp {n}") for n in range(4))
    Case.objects.filter(pk=mine.pk).update(handler=handler)
    Case.objects.filter(pk=teams.pk).update(handling_team=team)
    Case.objects.filter(pk=outsourced.pk).update(handling_organisation=provider)
    Case.objects.filter(pk=bounced.pk).update(handovers=5, urgency="spoed")

    assert queries() == few
    page = client.get("/werk?wachtrij=all&status=alle").content.decode()
    assert "Sanne Jansen" in page
    assert team.name in page
    assert f"{provider.name} <em>(nog niet geaccepteerd)</em>" in page
    assert "van hand tot hand (5 keer)" in page
    assert "<strong>(spoed)</strong>" in page
    assert "Onderwerp 3" in page
    assert f'href="/werk/zaken/{bounced.reference}"' in page
