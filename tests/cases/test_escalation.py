"""The internal ladder (teamleider → manager → doorbraak): each level its own term on the
worklist, up but never down, the exception the doorbraak function makes, and the term met
when the case leaves the escalation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.cases import deadlines as case_deadlines
from regie.cases import services
from regie.cases.models import Case, CaseDeadline, Escalation, Event, EventType
from regie.directory.models import Municipality, Organisation
from regie.vocabulary import Status

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def staff(username: str = "behandelaar") -> services.Scope:
    return scope_for_user(User.objects.get(username=username))


def user(username: str) -> User:
    return User.objects.get(username=username)


def intake(
    kind: str = "klacht",
    *,
    received_at: dt.datetime | None = None,
    contact: bool = True,
    domain: str = "overig",
) -> Case:
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind=kind,
        channel="web",
        domain=domain,
        received_at=received_at or timezone.now() - dt.timedelta(days=3),
        description="Mijn huishoudelijke hulp is al drie weken niet gekomen.",
        submitter=services.Person(name="Anna de Boer", email="anna@example.org")
        if contact
        else services.Person(),
    )
    return services.case_intake(scope=scope_for_public_web(), request=request).case


def escalate(case: Case, level: str = "teamleider", **kwargs: Any) -> Escalation:
    kwargs.setdefault("reason", "De hulp komt al drie weken niet; het team komt er niet uit.")
    return services.case_escalate(case=case, scope=staff(), level=level, **kwargs)


def fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def test_escalating_moves_the_case_stores_its_term_and_appends_one_event(world: None) -> None:
    # A signal without contact details has no other deadline: the escalation is the next one.
    received = dt.datetime(2026, 4, 20, 9, 0, tzinfo=AMSTERDAM)
    case = intake("signaal", received_at=received, contact=False)
    services.case_move(case=case, scope=staff(), to="in-behandeling", at=received)
    events = Event.objects.filter(case=case).count()
    friday = dt.datetime(2026, 4, 24, 10, 0, tzinfo=AMSTERDAM)

    escalation = escalate(case, "teamleider", assigned_to=user("coordinator"), at=friday)

    case = fresh(case)
    assert case.status == Status.GEESCALEERD
    # Five working days after Friday 24 April 2026: King's Day (Monday 27 April) does not
    # count, so the fifth working day is Monday 4 May.
    assert escalation.due == dt.date(2026, 5, 4)
    assert case.next_due == dt.date(2026, 5, 4)
    deadline = CaseDeadline.objects.get(case=case, type=case_deadlines.ESCALATION)
    assert (deadline.due, deadline.met_at, deadline.regime) == (
        dt.date(2026, 5, 4),
        None,
        "servicenorm-escalatie-teamleider",
    )
    assert Event.objects.filter(case=case).count() == events + 1
    event = Event.objects.filter(case=case).latest("pk")
    assert event.type == EventType.ESCALATED
    assert event.payload == {
        "escalation": escalation.pk,
        "level": "teamleider",
        "previousLevel": "",
        "reason": "De hulp komt al drie weken niet; het team komt er niet uit.",
        "due": "2026-05-04",
        "from": "in-behandeling",
        "to": "geescaleerd",
        "assignedTo": user("coordinator").pk,
        "assignedToName": "Mohammed El Amrani",
    }


def test_the_terms_per_level_are_five_five_and_ten_working_days(world: None) -> None:
    from regie.cases.services.escalation import escalation_due

    monday = dt.date(2026, 11, 2)
    assert escalation_due("teamleider", monday).due == dt.date(2026, 11, 9)
    assert escalation_due("manager", monday).due == dt.date(2026, 11, 9)
    assert escalation_due("doorbraak", monday).due == dt.date(2026, 11, 16)


def test_climbing_may_skip_a_level_and_meets_the_lower_term(world: None) -> None:
    case = intake()
    first = escalate(case, "teamleider")

    second = escalate(case, "doorbraak", reason="Dreigende huisuitzetting: direct naar doorbraak.")

    terms = CaseDeadline.objects.filter(case=case, type=case_deadlines.ESCALATION).order_by("pk")
    assert [t.met_at is not None for t in terms] == [True, False]
    assert terms[1].due == second.due
    event = Event.objects.filter(case=case, type=EventType.ESCALATED).latest("pk")
    assert (event.payload["from"], event.payload["to"]) == ("geescaleerd", "geescaleerd")
    assert event.payload["previousLevel"] == "teamleider"
    assert first.level == "teamleider"
    assert fresh(case).status == Status.GEESCALEERD


@pytest.mark.parametrize("level", ["teamleider", "manager"])
def test_going_down_or_staying_is_refused_and_nothing_is_written(world: None, level: str) -> None:
    case = intake()
    escalate(case, "manager")
    events = Event.objects.count()

    with pytest.raises(services.CaseError) as refused:
        escalate(case, level)

    assert set(refused.value.errors) == {"level"}
    assert "alleen naar een hoger niveau" in refused.value.errors["level"]
    assert Event.objects.count() == events
    assert Escalation.objects.filter(case=case).count() == 1


def test_at_the_doorbraak_level_there_is_no_higher_step(world: None) -> None:
    case = intake()
    escalate(case, "doorbraak")
    with pytest.raises(services.CaseError) as refused:
        services.case_escalate_check(case=fresh(case), scope=staff())
    assert "doorbraakfunctie" in refused.value.errors["status"]


def test_escalation_needs_a_reason_and_a_known_level(world: None) -> None:
    case = intake()
    with pytest.raises(services.CaseError) as refused:
        escalate(case, "wethouder", reason="  ")
    assert set(refused.value.errors) == {"level", "reason"}
    assert fresh(case).status == Status.ONTVANGEN
    assert not Escalation.objects.filter(case=case).exists()


def test_a_step_the_workflow_does_not_allow_is_refused_with_its_reason(world: None) -> None:
    case = intake()
    services.case_conclude(case=case, scope=staff(), outcome="opgelost", summary="Gebeld.")
    with pytest.raises(services.CaseError) as refused:
        escalate(case)
    assert refused.value.errors == {
        "status": "Een klacht die afgehandeld is, kan niet naar geëscaleerd."
    }


def test_the_person_who_takes_it_up_is_of_the_municipality_and_not_the_one_complained_about(
    world: None,
) -> None:
    case = intake()
    services.case_name_employee(case=case, scope=staff(), employee=user("coordinator"))
    with pytest.raises(services.CaseError) as concerned:
        escalate(case, assigned_to=user("coordinator"))
    assert "Awb 9:7" in concerned.value.errors["assigned_to"]
    with pytest.raises(services.CaseError) as elsewhere:
        escalate(case, assigned_to=user("hooglanden"))
    assert elsewhere.value.errors == {"assigned_to": "Kies iemand van deze gemeente."}


def test_escalating_goes_through_its_own_action_not_a_plain_step(world: None) -> None:
    case = intake()
    assert "geescaleerd" not in services.offered_moves(case)
    with pytest.raises(services.CaseError) as refused:
        services.case_move(case=case, scope=staff(), to="geescaleerd", reason="Vast.")
    assert refused.value.errors == {
        "to": "Escaleer de zaak met het niveau en de reden (Escaleren)."
    }


def test_back_to_handling_meets_the_escalation_term(world: None) -> None:
    case = intake("signaal", contact=False)
    services.case_move(case=case, scope=staff(), to="in-behandeling")
    escalate(case)
    assert fresh(case).next_due is not None

    services.case_move(case=case, scope=staff(), to="in-behandeling")

    term = CaseDeadline.objects.get(case=case, type=case_deadlines.ESCALATION)
    assert term.met_at is not None
    assert fresh(case).next_due is None


def test_concluding_while_escalated_meets_the_escalation_term(world: None) -> None:
    case = intake()
    escalate(case, "manager")
    services.case_conclude(case=case, scope=staff(), outcome="opgelost", summary="Opgelost.")
    term = CaseDeadline.objects.get(case=case, type=case_deadlines.ESCALATION)
    assert term.met_at is not None


def test_a_new_escalation_after_going_back_starts_again_at_any_level(world: None) -> None:
    case = intake()
    escalate(case, "manager")
    services.case_move(case=case, scope=staff(), to="in-behandeling")
    again = escalate(case, "teamleider", reason="Het loopt weer vast.")
    assert again.level == "teamleider"


def test_the_doorbraak_records_the_exception_who_decided_and_the_cost(world: None) -> None:
    case = intake()
    escalation = escalate(case, "doorbraak")
    events = Event.objects.count()
    moment = timezone.now()

    recorded = services.case_record_exception(
        case=case,
        scope=staff(),
        exception="Eenmalig de eigen bijdrage kwijtgescholden, zodat de hulp direct start.",
        cost_euros="250.50",
        decided_by=user("coordinator"),
        at=moment,
    )

    assert recorded.pk == escalation.pk
    recorded.refresh_from_db()
    assert recorded.cost_euros == Decimal("250.50")
    assert recorded.decided_by == user("coordinator")
    assert recorded.decided_at == moment
    assert Event.objects.count() == events + 1
    event = Event.objects.filter(case=case).latest("pk")
    assert event.type == EventType.EXCEPTION_MADE
    assert event.payload["costEuros"] == "250.50"
    assert event.payload["decidedByName"] == "Mohammed El Amrani"

    with pytest.raises(services.CaseError) as twice:
        services.case_record_exception(
            case=case,
            scope=staff(),
            exception="Nog een.",
            cost_euros=0,
            decided_by=user("coordinator"),
        )
    assert "al vastgelegd" in twice.value.errors["status"]


def test_an_exception_is_only_for_the_doorbraak_level(world: None) -> None:
    case = intake()
    escalate(case, "manager")
    with pytest.raises(services.CaseError) as refused:
        services.case_record_exception(
            case=case, scope=staff(), exception="X", cost_euros=1, decided_by=user("coordinator")
        )
    assert "Alleen de doorbraakfunctie" in refused.value.errors["status"]
    not_escalated = intake()
    with pytest.raises(services.CaseError) as never:
        services.case_record_exception_check(case=not_escalated, scope=staff())
    assert never.value.errors == {"status": "Deze zaak is niet geëscaleerd."}


@pytest.mark.parametrize(
    ("cost", "fragment"),
    [
        ("", "Vul in wat de uitzondering kost"),
        ("veel", "Vul een bedrag in euro's in"),
        ("-5", "0 euro of meer"),
        ("10.555", "hele centen"),
        ("NaN", "0 euro of meer"),
        ("1e12", "hele centen"),
    ],
)
def test_a_cost_that_is_no_amount_is_refused_and_nothing_is_written(
    world: None, cost: str, fragment: str
) -> None:
    case = intake()
    escalate(case, "doorbraak")
    events = Event.objects.count()
    with pytest.raises(services.CaseError) as refused:
        services.case_record_exception(
            case=case,
            scope=staff(),
            exception="Maatwerk.",
            cost_euros=cost,
            decided_by=user("coordinator"),
        )
    assert fragment in refused.value.errors["cost_euros"]
    assert Event.objects.count() == events
    assert Escalation.objects.get(case=case).decided_at is None


def test_who_may_escalate_and_record_an_exception(world: None) -> None:
    case = intake()
    with pytest.raises(services.PermissionRefused):
        services.case_escalate(
            case=case, scope=scope_for_public_web(), level="teamleider", reason="Ik wil hoger."
        )
    # A provider that accepted a case it handles may put it higher up at the municipality…
    help_request = intake("hulpvraag", domain="wmo")
    forwarded = services.case_hand_over(
        case=help_request,
        scope=staff("wmo-consulent"),
        organisation=Organisation.objects.get(slug="het-anker"),
        reason="Huishoudelijke hulp doet Het Anker.",
    )
    anker = staff("anker")
    accepted = services.case_accept(case=forwarded, scope=anker)
    services.case_escalate(
        case=accepted, scope=anker, level="doorbraak", reason="Wij komen er niet uit."
    )
    # …but the exception to the municipality's rules is the municipality's to record.
    with pytest.raises(services.PermissionRefused):
        services.case_record_exception_check(case=fresh(accepted), scope=anker)


def test_the_status_page_says_it_went_up_never_who_or_why(world: None) -> None:
    case = intake()
    escalate(case, "teamleider", assigned_to=user("coordinator"))
    escalate(case, "doorbraak", reason="Geheime reden voor de doorbraak.")

    page = Client().get(f"/status/{case.status_token}").content.decode()

    assert "binnen de gemeente hoger gelegd" in page
    assert "nog een stap hoger gelegd" in page
    for secret in ("El Amrani", "Geheime reden", "doorbraak", "teamleider", "drie weken niet"):
        assert secret not in page


def test_the_api_escalates_and_refuses_a_lower_level(api_for: Any) -> None:
    from tests.api.openapi import assert_matches_openapi

    # A partner system escalates what it handles: here the provider the case was forwarded to.
    forwarded = services.case_hand_over(
        case=intake("hulpvraag", domain="wmo"),
        scope=staff("wmo-consulent"),
        organisation=Organisation.objects.get(slug="het-anker"),
        reason="Huishoudelijke hulp doet Het Anker.",
    )
    case = services.case_accept(case=forwarded, scope=staff("anker"))
    anker = api_for("het-anker")
    url = f"/api/v1/cases/{case.reference}/escalations"

    created = anker.post(url, {"level": "manager", "reason": "Vast."}, format="json")
    assert created.status_code == 201, created.content
    assert_matches_openapi(created)
    assert created.json()["status"] == "geescaleerd"

    lower = anker.post(url, {"level": "teamleider", "reason": "Terug."}, format="json")
    assert lower.status_code == 400
    assert [p["name"] for p in lower.json()["invalidParams"]] == ["level"]
    unknown = anker.post(url, {"level": "wethouder", "reason": "X"}, format="json")
    assert unknown.status_code == 400
    elsewhere = api_for("de-linde").post(url, {"level": "doorbraak", "reason": "X"}, format="json")
    assert elsewhere.status_code == 404


def test_the_case_page_escalates_and_records_the_exception(login: Any) -> None:
    case = intake()
    client = login("behandelaar")
    page = client.get(f"/werk/zaken/{case.reference}").content.decode()
    assert 'id="escaleren"' in page
    assert 'id="uitzondering"' not in page

    empty = client.post(f"/werk/zaken/{case.reference}/escaleren", {"escalate_level": ""})
    assert empty.status_code == 200
    assert "Kies naar wie de zaak gaat." in empty.content.decode()
    assert fresh(case).status == Status.ONTVANGEN

    done = client.post(
        f"/werk/zaken/{case.reference}/escaleren",
        {
            "escalate_level": "doorbraak",
            "escalate_reason": "Dreigende huisuitzetting.",
            "escalate_to": str(user("coordinator").pk),
        },
    )
    assert done.status_code == 302
    page = client.get(done["Location"]).content.decode()
    assert "De zaak ligt nu bij: doorbraakfunctie." in page
    assert "Geëscaleerd naar doorbraakfunctie" in page  # the staff timeline
    assert 'id="uitzondering"' in page

    bad = client.post(
        f"/werk/zaken/{case.reference}/uitzondering",
        {"exception_text": "Maatwerk.", "exception_cost": "veel", "exception_by": ""},
    )
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "Kies wie de uitzondering heeft besloten." in text
    assert not Event.objects.filter(case=case, type=EventType.EXCEPTION_MADE).exists()

    recorded = client.post(
        f"/werk/zaken/{case.reference}/uitzondering",
        {
            "exception_text": "Eigen bijdrage kwijtgescholden.",
            "exception_cost": "1.250,50",
            "exception_by": str(user("coordinator").pk),
        },
    )
    assert recorded.status_code == 302
    assert Escalation.objects.get(case=case).cost_euros == Decimal("1250.50")
    page = client.get(recorded["Location"]).content.decode()
    assert "Kosten: € 1250,50" in page
