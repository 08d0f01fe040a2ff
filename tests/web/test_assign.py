"""Assigning on the case page: the lists offer exactly whom the service accepts, and a crafted
post for anyone else is refused with a Dutch message and changes nothing."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from regie.cases.models import Case, EventType
from regie.cases.services import Person
from regie.directory.models import Team
from tests.pages import field_error, options


def parking_complaint(new_case: Any) -> Case:
    case: Case = new_case(
        kind="klacht",
        domain="overig",
        description="Mijn parkeervergunning voor mijn mantelzorger is geweigerd.",
        submitter=Person(name="Anna de Boer", email="anna@example.org"),
    )
    return case


def pk(username: str) -> int:
    return int(User.objects.get(username=username).pk)


def test_the_handler_list_offers_only_people_who_may_handle_this_case(
    login: Any, new_case: Any
) -> None:
    case = parking_complaint(new_case)

    page = login("coordinator").get(f"/werk/zaken/{case.reference}").content.decode()

    offered = options(page, "handler")
    assert {"Sanne Jansen", "Kim de Vries", "Mohammed El Amrani"} <= set(offered)
    assert "Daan Koster" not in offered  # youth consultant: not his domain, not his team
    assert "Tom Peters" not in offered  # council member


def test_a_crafted_post_for_someone_outside_the_case_is_refused(login: Any, new_case: Any) -> None:
    case = parking_complaint(new_case)
    client = login("coordinator")

    for name in ("jeugdconsulent", "raadslid", "hooglanden"):
        response = client.post(f"/werk/zaken/{case.reference}/toewijzen", {"handler": pk(name)})
        assert response.status_code == 200
        assert field_error(response.content.decode(), "handler") == (
            "Kies een behandelaar uit de lijst."
        )
    case.refresh_from_db()
    assert case.handler is None
    assert not case.events.filter(type=EventType.ASSIGNED).exists()


def test_with_the_team_chosen_in_the_same_post_its_member_may_take_it(
    login: Any, new_case: Any
) -> None:
    case = parking_complaint(new_case)
    youth = Team.objects.get(municipality__code="GM9901", slug="jeugd")

    response = login("coordinator").post(
        f"/werk/zaken/{case.reference}/toewijzen",
        {"team": youth.pk, "handler": pk("jeugdconsulent")},
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.handling_team, case.handler_id) == (youth, pk("jeugdconsulent"))
    assert login("jeugdconsulent").get(f"/werk/zaken/{case.reference}").status_code == 200


def test_moving_the_team_away_from_its_handler_shows_the_services_answer(
    login: Any, new_case: Any
) -> None:
    case = parking_complaint(new_case)
    client = login("coordinator")
    wmo = Team.objects.get(municipality__code="GM9901", slug="wmo")
    complaints = Team.objects.get(municipality__code="GM9901", slug="klachten")
    client.post(
        f"/werk/zaken/{case.reference}/toewijzen", {"team": wmo.pk, "handler": pk("wmo-consulent")}
    )

    response = client.post(f"/werk/zaken/{case.reference}/toewijzen", {"team": complaints.pk})

    assert response.status_code == 200
    assert field_error(response.content.decode(), "team") == (
        "Dan kan de behandelaar, Joost Visser, deze zaak niet meer zien. Kies ook een andere "
        "behandelaar."
    )
    case.refresh_from_db()
    assert case.handling_team == wmo


def test_an_unknown_action_is_404(login: Any, new_case: Any) -> None:
    case = parking_complaint(new_case)

    response = login("coordinator").post(f"/werk/zaken/{case.reference}/weggooien", {})

    assert response.status_code == 404
