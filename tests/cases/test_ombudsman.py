"""The ombudsman: the step to "bij de ombudsman" after the municipality handled the complaint,
and the ombudsman's outcome with how the municipality follows it up."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.cases import services
from regie.cases.models import Case, Event, EventType, OmbudsmanReferral
from regie.directory.models import Municipality
from regie.vocabulary import Status

pytestmark = pytest.mark.django_db


def staff(username: str = "behandelaar") -> services.Scope:
    return scope_for_user(User.objects.get(username=username))


def intake(kind: str = "klacht", domain: str = "overig") -> Case:
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind=kind,
        channel="web",
        domain=domain,
        received_at=timezone.now() - dt.timedelta(days=20),
        description="Niemand belde mij terug over mijn aanvraag.",
        submitter=services.Person(name="Anna de Boer", email="anna@example.org"),
    )
    return services.case_intake(scope=scope_for_public_web(), request=request).case


def concluded(kind: str = "klacht") -> Case:
    return services.case_conclude(
        case=intake(kind), scope=staff(), outcome="opgelost", summary="Teruggebeld."
    )


def referred(**kwargs: Any) -> tuple[Case, OmbudsmanReferral]:
    case = concluded()
    referral = services.case_refer_to_ombudsman(case=case, scope=staff(), **kwargs)
    return Case.objects.get(pk=case.pk), referral


OUTCOME = {
    "judgement": "deels-gegrond",
    "findings": "De gemeente belde te laat terug, maar legde het besluit goed uit.",
    "recommendations": "Bel binnen twee werkdagen terug.",
    "response": "Het KCC belt voortaan binnen twee werkdagen terug; wij meten het per kwartaal.",
}


def test_referring_moves_the_case_with_one_event_and_the_municipalitys_ombudsman(
    world: None,
) -> None:
    case = concluded()
    events = Event.objects.filter(case=case).count()

    referral = services.case_refer_to_ombudsman(
        case=case, scope=staff(), their_reference="2026.01234"
    )

    case.refresh_from_db()
    assert case.status == Status.BIJ_OMBUDSMAN
    assert referral.ombudsman == "de Nationale ombudsman"
    assert referral.their_reference == "2026.01234"
    assert Event.objects.filter(case=case).count() == events + 1
    event = Event.objects.filter(case=case).latest("pk")
    assert event.type == EventType.OMBUDSMAN_REFERRED
    assert event.payload == {
        "referral": referral.pk,
        "ombudsman": "de Nationale ombudsman",
        "theirReference": "2026.01234",
        "from": "afgehandeld",
        "to": "bij-ombudsman",
    }


def test_a_closed_complaint_can_go_to_a_named_ombudsman(world: None) -> None:
    case = concluded()
    services.case_move(case=case, scope=staff(), to="gesloten")
    referral = services.case_refer_to_ombudsman(
        case=case, scope=staff(), ombudsman="  De Ombudsman Metropool Amsterdam "
    )
    assert referral.ombudsman == "De Ombudsman Metropool Amsterdam"
    assert Case.objects.get(pk=case.pk).status == Status.BIJ_OMBUDSMAN


def test_an_open_complaint_or_a_help_request_cannot_go_to_the_ombudsman(world: None) -> None:
    with pytest.raises(services.CaseError) as still_open:
        services.case_refer_to_ombudsman(case=intake(), scope=staff())
    assert still_open.value.errors == {
        "status": "Een klacht die ontvangen is, kan niet naar bij de ombudsman."
    }
    with pytest.raises(services.CaseError) as help_request:
        services.case_refer_to_ombudsman(case=concluded("hulpvraag"), scope=staff())
    assert "kan niet naar bij de ombudsman" in help_request.value.errors["status"]
    assert not OmbudsmanReferral.objects.exists()


def test_too_long_names_are_refused_and_nothing_is_written(world: None) -> None:
    case = concluded()
    with pytest.raises(services.CaseError) as refused:
        services.case_refer_to_ombudsman(
            case=case, scope=staff(), ombudsman="x" * 201, their_reference="y" * 101
        )
    assert set(refused.value.errors) == {"ombudsman", "their_reference"}
    assert Case.objects.get(pk=case.pk).status == Status.AFGEHANDELD


def test_the_ombudsman_goes_through_its_own_action_not_a_plain_step(world: None) -> None:
    case = concluded()
    assert "bij-ombudsman" not in services.offered_moves(case)
    with pytest.raises(services.CaseError) as refused:
        services.case_move(case=case, scope=staff(), to="bij-ombudsman", reason="Ombudsman.")
    assert "Naar de ombudsman" in refused.value.errors["to"]


def test_only_municipal_staff_record_the_ombudsman(world: None) -> None:
    case = concluded()
    with pytest.raises(services.PermissionRefused):
        services.case_refer_to_ombudsman(case=case, scope=scope_for_public_web())
    with pytest.raises(services.PermissionRefused):
        services.case_refer_to_ombudsman(case=case, scope=staff("hooglanden"))


def test_the_outcome_is_recorded_once_with_one_event(world: None) -> None:
    case, referral = referred()
    events = Event.objects.filter(case=case).count()

    recorded = services.case_record_ombudsman_outcome(case=case, scope=staff(), **OUTCOME)

    recorded.refresh_from_db()
    assert (recorded.pk, recorded.judgement) == (referral.pk, "deels-gegrond")
    assert recorded.response.startswith("Het KCC belt voortaan")
    assert recorded.outcome_at is not None
    assert Event.objects.filter(case=case).count() == events + 1
    event = Event.objects.filter(case=case).latest("pk")
    assert event.type == EventType.OMBUDSMAN_OUTCOME
    assert event.payload["recommendations"] == "Bel binnen twee werkdagen terug."
    # The status stays: the handler closes the case, or reopens it to follow up.
    assert Case.objects.get(pk=case.pk).status == Status.BIJ_OMBUDSMAN

    with pytest.raises(services.CaseError) as twice:
        services.case_record_ombudsman_outcome(case=case, scope=staff(), **OUTCOME)
    assert twice.value.errors == {"status": "Het oordeel van de ombudsman is al vastgelegd."}


def test_the_outcome_can_be_recorded_after_the_case_was_closed(world: None) -> None:
    case, _ = referred()
    services.case_move(case=case, scope=staff(), to="gesloten")
    recorded = services.case_record_ombudsman_outcome(
        case=case, scope=staff(), judgement="ongegrond", findings="Zorgvuldig gehandeld."
    )
    assert recorded.judgement == "ongegrond"


def test_no_outcome_without_a_referral(world: None) -> None:
    with pytest.raises(services.CaseError) as refused:
        services.case_record_ombudsman_outcome(case=concluded(), scope=staff(), **OUTCOME)
    assert refused.value.errors == {"status": "Deze zaak ligt niet bij de ombudsman."}


def test_an_incomplete_outcome_is_refused_and_nothing_is_written(world: None) -> None:
    case, referral = referred()
    events = Event.objects.count()
    with pytest.raises(services.CaseError) as refused:
        services.case_record_ombudsman_outcome(
            case=case,
            scope=staff(),
            judgement="goed",
            findings=" ",
            recommendations="Bel sneller terug.",
            response="",
        )
    assert set(refused.value.errors) == {"judgement", "findings", "response"}
    assert Event.objects.count() == events
    referral.refresh_from_db()
    assert referral.outcome_at is None


def test_the_status_page_says_the_ombudsman_looks_into_it(world: None) -> None:
    case, _ = referred(their_reference="2026.01234")
    services.case_record_ombudsman_outcome(case=case, scope=staff(), **OUTCOME)

    page = Client().get(f"/status/{case.status_token}").content.decode()

    assert "De ombudsman onderzoekt hoe de gemeente met uw klacht is omgegaan." in page
    assert "De ombudsman heeft een oordeel gegeven." in page
    for internal in ("2026.01234", "Het KCC belt voortaan", "De gemeente belde te laat"):
        assert internal not in page


def test_the_case_page_records_the_referral_and_the_outcome(login: Any) -> None:
    case = concluded()
    client = login("behandelaar")
    page = client.get(f"/werk/zaken/{case.reference}").content.decode()
    assert 'id="ombudsman"' in page
    assert 'id="oordeel-ombudsman"' not in page

    done = client.post(f"/werk/zaken/{case.reference}/ombudsman", {"ombudsman_reference": "2026.7"})
    assert done.status_code == 302
    page = client.get(done["Location"]).content.decode()
    assert "Vastgelegd: de klacht ligt bij de Nationale ombudsman." in page
    assert 'id="oordeel-ombudsman"' in page

    bad = client.post(
        f"/werk/zaken/{case.reference}/oordeel-ombudsman",
        {"ombudsman_judgement": "gegrond", "ombudsman_recommendations": "Bel sneller."},
    )
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "Schrijf kort op wat de ombudsman vond." in text
    recorded = client.post(
        f"/werk/zaken/{case.reference}/oordeel-ombudsman",
        {
            "ombudsman_judgement": "gegrond",
            "ombudsman_findings": "Te laat teruggebeld.",
            "ombudsman_recommendations": "Bel sneller.",
            "ombudsman_response": "Wij bellen binnen twee dagen.",
        },
    )
    assert recorded.status_code == 302
    page = client.get(recorded["Location"]).content.decode()
    assert "Oordeel van de Nationale ombudsman" in page  # the staff timeline
    assert "Wat de gemeente ermee doet: Wij bellen binnen twee dagen." in page
    assert 'id="oordeel-ombudsman"' not in page
