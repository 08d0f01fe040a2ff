"""Scorecards per provider for the coordinator; a provider never reads one, its own or
another's, in the staff pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from regie.accounts.scope import scope_for_user
from regie.cases import services
from regie.directory.models import Organisation


def test_the_coordinator_sees_the_work_and_the_give_backs_of_a_provider(
    login: Any, new_case: Any
) -> None:
    coordinator = scope_for_user(User.objects.get(username="coordinator"))
    anker = scope_for_user(User.objects.get(username="anker"))
    for _ in range(2):
        case = new_case(kind="melding", domain="wmo")
        case = services.case_hand_over(
            case=case,
            scope=coordinator,
            organisation=Organisation.objects.get(slug="het-anker"),
            reason="Voor Het Anker.",
        )
    services.case_give_back(case=case, scope=anker, reason="Geen thuiszorg.")
    new_case(kind="klacht", about="het-anker", submitter=services.Person(name="A", phone="06"))

    client = login("coordinator")
    overview = client.get("/werk/aanbieders").content.decode()
    detail = client.get("/werk/aanbieders/het-anker").content.decode()

    assert "Thuiszorg Het Anker" in overview
    assert "Jeugdhulp De Linde" in overview
    assert "Scorekaart" in detail
    assert "Door de gemeente doorgestuurd</dt><dd>2" in detail
    assert "Teruggegeven aan de gemeente</dt><dd>1" in detail
    assert "Klachten over hen</dt><dd>1" in detail
    assert "(1250 cliënten)" in detail


def test_providers_and_handlers_get_404(login: Any) -> None:
    assert login("anker").get("/werk/aanbieders/de-linde").status_code == 404
    assert login("anker").get("/werk/aanbieders/het-anker").status_code == 404
    assert login("behandelaar").get("/werk/aanbieders").status_code == 404
    assert login("coordinator").get("/werk/aanbieders/akj").status_code == 404
