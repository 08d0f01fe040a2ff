"""Each action's rule exists once: the action calls its check first, and the case page asks
the same check what to offer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.cases import services
from regie.cases.models import Case, Event, TriageSuggestion
from regie.cases.services import (
    acknowledgement,
    complaint_procedure,
    deadline_facts,
    escalation,
    follow_up,
    handling,
    ombudsman,
    provider_work,
    resident,
    routing,
    transitions,
    triage,
)
from regie.directory.models import Municipality, Organisation, Team
from regie.documents import services as letter_services
from regie.web.case_actions import ACTIONS

pytestmark = pytest.mark.django_db


def new_case(kind: str = "klacht", domain: str = "overig") -> Case:
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind=kind,
        channel="telefoon",
        domain=domain,
        received_at=timezone.now() - dt.timedelta(days=3),
        description="Ik wacht al weken op een antwoord.",
        submitter=services.Person(name="Anna de Boer", phone="0612345678"),
    )
    return services.case_intake(scope=scope_for_public_web(), request=request).case


def staff() -> services.Scope:
    # The coordinator sees every case of the municipality; a handler only their team's
    # queue (least privilege), and these cases go to several teams.
    return scope_for_user(User.objects.get(username="coordinator"))


an_hour_ago = timezone.now() - dt.timedelta(hours=1)


def anker() -> services.Scope:
    return scope_for_user(User.objects.get(username="anker"))


def complaint() -> Case:
    return new_case()


def debt_request() -> Case:
    return new_case(kind="hulpvraag", domain="schuldhulp")


def forwarded() -> Case:
    case = new_case(kind="hulpvraag", domain="wmo")
    return services.case_hand_over(
        case=case,
        scope=staff(),
        organisation=Organisation.objects.get(slug="het-anker"),
        reason="Huishoudelijke hulp doet Het Anker.",
    )


def accepted() -> Case:
    return services.case_accept(case=forwarded(), scope=anker())


def formal_complaint() -> Case:
    return services.case_move(case=new_case(), scope=staff(), to="formeel")


def solved() -> Case:
    return services.case_conclude(
        case=new_case(), scope=staff(), outcome="opgelost", summary="Opgelost."
    )


def in_follow_up() -> Case:
    case = solved()
    services.case_plan_follow_up(case=case, scope=staff(), due=timezone.localdate())
    return Case.objects.get(pk=case.pk)


def letter_complaint() -> Case:
    """A complaint by letter: a name and a postal address, no e-mail."""
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind="klacht",
        channel="brief",
        received_at=timezone.now() - dt.timedelta(days=3),
        description="Ik wacht al weken op een antwoord.",
        submitter=services.Person(
            name="Henk Brouwer",
            address=services.Address(
                street="Kerkstraat", house_number="7", postcode="1234 AB", city="Aadorp"
            ),
        ),
    )
    return services.case_intake(scope=scope_for_public_web(), request=request).case


def at_doorbraak() -> Case:
    case = new_case()
    services.case_escalate(case=case, scope=staff(), level="doorbraak", reason="Zit vast.")
    return Case.objects.get(pk=case.pk)


def triaged() -> Case:
    """A new help request with an open triage suggestion (the engine's, or a fixed one)."""
    case = new_case(kind="hulpvraag")
    TriageSuggestion.objects.get_or_create(
        case=case,
        defaults={"domain": "schuldhulp", "kind": "hulpvraag", "urgent": True, "confidence": 0.9},
    )
    return case


def with_the_ombudsman() -> Case:
    case = solved()
    services.case_refer_to_ombudsman(case=case, scope=staff())
    return Case.objects.get(pk=case.pk)


# (module, check name, the action called with valid input, a case it fits)
ACTIONS_WITH_CHECKS: list[tuple[Any, str, Callable[[Case], Any], Callable[[], Case]]] = [
    (
        handling,
        "case_assign_check",
        lambda c: services.case_assign(
            case=c, scope=staff(), handler=User.objects.get(username="behandelaar")
        ),
        complaint,
    ),
    (
        handling,
        "case_add_note_check",
        lambda c: services.case_add_note(case=c, scope=staff(), text="Teruggebeld."),
        complaint,
    ),
    (
        handling,
        "case_conclude_check",
        lambda c: services.case_conclude(
            case=c, scope=staff(), outcome="opgelost", summary="Opgelost."
        ),
        complaint,
    ),
    (
        acknowledgement,
        "case_record_acknowledgement_check",
        lambda c: services.case_record_acknowledgement(
            case=c, scope=staff(), to="Dorpsstraat 1", sent_at=an_hour_ago
        ),
        complaint,
    ),
    (
        deadline_facts,
        "case_record_contact_check",
        lambda c: services.case_record_contact(
            case=c, scope=staff(), at=an_hour_ago, summary="Gebeld."
        ),
        complaint,
    ),
    (
        deadline_facts,
        "case_postpone_check",
        lambda c: services.case_postpone(
            case=c, scope=staff(), notice_sent_on=timezone.localdate(), reason="Drukte."
        ),
        complaint,
    ),
    (
        deadline_facts,
        "case_choose_committee_check",
        lambda c: services.case_choose_committee(case=c, scope=staff()),
        complaint,
    ),
    (
        deadline_facts,
        "case_record_first_conversation_check",
        lambda c: services.case_record_first_conversation(
            case=c, scope=staff(), held_at=an_hour_ago
        ),
        debt_request,
    ),
    (
        routing,
        "case_hand_over_check",
        lambda c: services.case_hand_over(
            case=c,
            scope=staff(),
            team=Team.objects.get(municipality__code="GM9901", slug="wmo"),
            reason="Hoort bij Wmo.",
        ),
        complaint,
    ),
    (
        provider_work,
        "case_accept_check",
        lambda c: services.case_accept(case=c, scope=anker()),
        forwarded,
    ),
    (
        provider_work,
        "case_add_update_check",
        lambda c: services.case_add_update(
            case=c, scope=anker(), text="Vaste hulp komt weer op dinsdag."
        ),
        accepted,
    ),
    (
        provider_work,
        "case_give_back_check",
        lambda c: services.case_give_back(
            case=c, scope=anker(), reason="Dit is geen huishoudelijke hulp."
        ),
        accepted,
    ),
    (
        complaint_procedure,
        "case_name_employee_check",
        lambda c: services.case_name_employee(
            case=c, scope=staff(), employee=User.objects.get(username="kcc")
        ),
        complaint,
    ),
    (
        complaint_procedure,
        "case_offer_hearing_check",
        lambda c: services.case_offer_hearing(
            case=c,
            scope=staff(),
            planned_at=timezone.now() + dt.timedelta(days=7),
            by_phone=True,
        ),
        formal_complaint,
    ),
    (
        complaint_procedure,
        "case_record_hearing_check",
        lambda c: services.case_record_hearing(
            case=c, scope=staff(), held_on=timezone.localdate(), report="Gehoord."
        ),
        formal_complaint,
    ),
    (
        complaint_procedure,
        "case_skip_hearing_check",
        lambda c: services.case_skip_hearing(
            case=c, scope=staff(), ground="afgezien", explanation="Wil niet gehoord worden."
        ),
        formal_complaint,
    ),
    (
        complaint_procedure,
        "case_refuse_complaint_check",
        lambda c: services.case_refuse_complaint(
            case=c, scope=staff(), ground="bezwaar", explanation="Bezwaar is mogelijk."
        ),
        complaint,
    ),
    (
        transitions,
        "case_move_check",
        lambda c: services.case_move(case=c, scope=staff(), to="in-gesprek"),
        complaint,
    ),
    (
        follow_up,
        "case_plan_follow_up_check",
        lambda c: services.case_plan_follow_up(case=c, scope=staff(), due=timezone.localdate()),
        solved,
    ),
    (
        follow_up,
        "case_record_check_in_check",
        lambda c: services.case_record_check_in(
            case=c, scope=staff(), solved=True, summary="Gebeld: het gaat goed."
        ),
        in_follow_up,
    ),
    (
        resident,
        "case_add_information_check",
        lambda c: services.case_add_information(case=c, text="Nog een brief gekregen."),
        complaint,
    ),
    (
        resident,
        "case_withdraw_check",
        lambda c: services.case_withdraw(case=c, reason="Het is al opgelost."),
        complaint,
    ),
    (
        resident,
        "case_answer_follow_up_check",
        lambda c: services.case_answer_follow_up(case=c, solved=True, score=4, comment=""),
        in_follow_up,
    ),
    (
        escalation,
        "case_escalate_check",
        lambda c: services.case_escalate(
            case=c, scope=staff(), level="teamleider", reason="Het team komt er niet uit."
        ),
        complaint,
    ),
    (
        escalation,
        "case_record_exception_check",
        lambda c: services.case_record_exception(
            case=c,
            scope=staff(),
            exception="Eigen bijdrage kwijtgescholden.",
            cost_euros="120",
            decided_by=User.objects.get(username="coordinator"),
        ),
        at_doorbraak,
    ),
    (
        ombudsman,
        "case_refer_to_ombudsman_check",
        lambda c: services.case_refer_to_ombudsman(case=c, scope=staff()),
        solved,
    ),
    (
        ombudsman,
        "case_record_ombudsman_outcome_check",
        lambda c: services.case_record_ombudsman_outcome(
            case=c, scope=staff(), judgement="ongegrond", findings="Zorgvuldig gehandeld."
        ),
        with_the_ombudsman,
    ),
    (
        triage,
        "case_confirm_triage_check",
        lambda c: services.case_confirm_triage(case=c, scope=staff()),
        triaged,
    ),
    (
        triage,
        "case_correct_triage_check",
        lambda c: services.case_correct_triage(
            case=c, scope=staff(), domain="wmo", kind="hulpvraag", urgent=False
        ),
        triaged,
    ),
    # Letters live in regie.documents; the same rule: the service asks its check first.
    (
        letter_services,
        "letter_send_check",
        lambda c: letter_services.letter_send(case=c, scope=staff(), kind="ontvangstbevestiging"),
        letter_complaint,
    ),
]


@pytest.mark.parametrize(
    ("module", "check", "act", "make"),
    ACTIONS_WITH_CHECKS,
    ids=[entry[1] for entry in ACTIONS_WITH_CHECKS],
)
def test_every_action_asks_its_check_first_and_writes_nothing_when_it_refuses(
    world: None,
    monkeypatch: pytest.MonkeyPatch,
    module: Any,
    check: str,
    act: Callable[[Case], Any],
    make: Callable[[], Case],
) -> None:
    case = make()
    events = Event.objects.count()

    def refuse(**kwargs: Any) -> None:
        raise services.CaseError({"check": "refused by the check"})

    monkeypatch.setattr(module, check, refuse)
    with pytest.raises(services.CaseError) as refused:
        act(case)

    assert refused.value.errors == {"check": "refused by the check"}
    assert Event.objects.count() == events

    monkeypatch.undo()
    act(case)  # and with the real check, the same call goes through
    assert Event.objects.count() > events


def test_the_case_page_offers_what_the_services_checks_allow() -> None:
    """Every action of the case page uses the service's own check, not a copy of it."""
    checks = {name for _, name, *_ in ACTIONS_WITH_CHECKS}
    # The services of other rooms (letters: regie.documents.services) are found in their own
    # module; those of the register are exported from regie.cases.services.
    elsewhere = {name: module for module, name, *_ in ACTIONS_WITH_CHECKS}
    for action in ACTIONS:
        name = action.check.__name__
        assert name in checks, action.slug
        home = services if hasattr(services, name) else elsewhere[name]
        assert action.check is getattr(home, name), action.slug
