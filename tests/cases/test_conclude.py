"""Closing a case with its outcome, through the one write path."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.accounts.selectors import user_by_username
from regie.cases import services
from regie.cases.deadlines import current
from regie.cases.models import Case, EventType
from regie.cases.selectors import WorklistFilter, worklist
from regie.directory.models import Municipality

pytestmark = pytest.mark.django_db


def new_case(kind: str = "klacht") -> Case:
    return services.case_intake(
        scope=scope_for_public_web(),
        request=services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind=kind,
            channel="web",
            description="De thuishulp komt steeds te laat.",
            submitter=services.Person(name="Els", email="els@example.nl"),
            received_at=timezone.now() - dt.timedelta(days=10),
        ),
    ).case


def handler() -> services.Scope:
    return scope_for_user(user_by_username("behandelaar"))


def test_an_informally_resolved_complaint_is_closed_and_its_term_met(world: None) -> None:
    case = new_case()

    closed = services.case_conclude(
        case=case, scope=handler(), outcome="opgelost", summary="Gebeld; nieuwe afspraak gemaakt."
    )

    assert closed.status == "afgehandeld"
    assert closed.outcome == "opgelost"
    handling = current(case, "afhandeling")
    assert handling is not None
    assert handling.met_at == closed.concluded_at
    event = case.events.get(type=EventType.CONCLUDED)
    assert event.payload["outcome"] == "opgelost"
    assert event.payload["summary"] == "Gebeld; nieuwe afspraak gemaakt."
    assert "judgements" not in event.payload  # informal resolution needs none (Awb 9:5)


def test_a_closed_case_leaves_the_open_worklist(world: None) -> None:
    case = new_case()
    services.case_conclude(case=case, scope=handler(), outcome="ongegrond", summary="Uitgelegd.")
    open_refs = worklist(handler(), WorklistFilter(queue="all"), user_id=None, team_ids=set())
    assert case.reference not in {c.reference for c in open_refs}


def test_a_case_is_concluded_only_once(world: None) -> None:
    case = new_case()
    services.case_conclude(case=case, scope=handler(), outcome="gegrond", summary="Excuses.")
    with pytest.raises(services.CaseError):
        services.case_conclude(case=case, scope=handler(), outcome="gegrond", summary="Nog eens.")
    assert case.events.filter(type=EventType.CONCLUDED).count() == 1


@pytest.mark.parametrize(
    ("kind", "outcome"), [("klacht", "afgerond"), ("signaal", "gegrond"), ("klacht", "weet-niet")]
)
def test_the_outcome_must_fit_the_kind(world: None, kind: str, outcome: str) -> None:
    case = new_case(kind)
    with pytest.raises(services.CaseError) as refused:
        services.case_conclude(case=case, scope=handler(), outcome=outcome, summary="x")
    assert "outcome" in refused.value.errors
    case.refresh_from_db()
    assert case.status != "afgehandeld"


def test_a_summary_is_required(world: None) -> None:
    with pytest.raises(services.CaseError) as refused:
        services.case_conclude(case=new_case(), scope=handler(), outcome="opgelost", summary=" ")
    assert "summary" in refused.value.errors


def test_history_can_be_imported_with_its_own_moments(world: None) -> None:
    case = new_case()
    moment = case.received_at + dt.timedelta(days=1)
    services.case_add_note(case=case, scope=handler(), text="Oud.", at=moment)
    assert case.events.get(type=EventType.NOTE_ADDED).at == moment
    with pytest.raises(services.CaseError):
        services.case_add_note(
            case=case, scope=handler(), text="x", at=case.received_at - dt.timedelta(days=1)
        )


def test_a_closed_case_has_no_next_due_and_takes_no_new_deadline_facts(world: None) -> None:
    case = new_case()
    closed = services.case_conclude(case=case, scope=handler(), outcome="opgelost", summary="Ok.")
    assert closed.next_due is None
    with pytest.raises(services.CaseError):
        services.case_postpone(
            case=case, scope=handler(), notice_sent_on=timezone.localdate(), reason="x"
        )
    with pytest.raises(services.CaseError):
        services.case_choose_committee(case=case, scope=handler())
    # Follow-up after closing is still possible.
    services.case_add_note(case=case, scope=handler(), text="Na afhandeling nog gebeld.")
    case.refresh_from_db()
    assert case.next_due is None


def test_a_conclusion_cannot_predate_the_timeline(world: None) -> None:
    case = new_case()
    services.case_add_note(case=case, scope=handler(), text="Gisteren gebeld.")
    with pytest.raises(services.CaseError) as refused:
        services.case_conclude(
            case=case,
            scope=handler(),
            outcome="opgelost",
            summary="Ok.",
            at=timezone.now() - dt.timedelta(days=5),
        )
    assert "at" in refused.value.errors


def test_the_public_cannot_record_an_acknowledgement(world: None) -> None:
    case = new_case()
    with pytest.raises(services.PermissionRefused):
        services.case_record_acknowledgement(
            case=case, scope=scope_for_public_web(), to="x@example.nl", sent_at=timezone.now()
        )
