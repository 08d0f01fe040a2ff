"""The workflow of each kind (`regie.cases.workflow`) through the one write path: every step
in the tables appends exactly one event, every step outside them is refused with a Dutch
message and changes nothing."""

from __future__ import annotations

import datetime as dt
from collections import deque

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.cases import services, workflow
from regie.cases.models import Case, Event, EventType
from regie.cases.selectors import WorklistFilter, worklist
from regie.directory.models import Municipality
from regie.vocabulary import CONCLUDED_STATUSES, Status

pytestmark = pytest.mark.django_db

# (kind, domain) → the table it must follow.
KINDS = {
    ("klacht", "overig"): workflow.COMPLAINT,
    ("hulpvraag", "wmo"): workflow.HELP,
    ("hulpvraag", "schuldhulp"): workflow.DEBT_HELP,
    ("signaal", "overig"): workflow.SIGNAL,
    ("melding", "jeugd"): workflow.SIGNAL,
}


def staff() -> services.Scope:
    # The coordinator sees every case of the municipality; a handler only their team's
    # queue (least privilege), and these cases go to several teams.
    return scope_for_user(User.objects.get(username="coordinator"))


def new_case(kind: str, domain: str) -> Case:
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind=kind,
        domain=domain,
        channel="telefoon",
        received_at=timezone.now() - dt.timedelta(days=5),
        description="Ik wacht al weken op een antwoord.",
        submitter=services.Person(name="Anna de Boer", phone="0612345678"),
    )
    return services.case_intake(scope=scope_for_public_web(), request=request).case


def route_to(path: workflow.Path, target: str) -> list[str]:
    """The shortest walk from ontvangen to `target` through the table."""
    came_from: dict[str, str] = {}
    queue = deque([Status.ONTVANGEN.value])
    seen = {Status.ONTVANGEN.value}
    while queue:
        status = queue.popleft()
        if status == target:
            steps = []
            while status != Status.ONTVANGEN:
                steps.append(status)
                status = came_from[status]
            return steps[::-1]
        for following in sorted(path.get(status, ())):
            if following not in seen:
                seen.add(following)
                came_from[following] = status
                queue.append(following)
    raise AssertionError(f"{target} cannot be reached")


def step(case: Case, to: str) -> Case:
    if to == Status.AFGEHANDELD:
        outcome = "opgelost" if case.kind == "klacht" else "afgerond"
        return services.case_conclude(case=case, scope=staff(), outcome=outcome, summary="Klaar.")
    # Escalation and the ombudsman record more than a status: their own actions take the step.
    if to == Status.GEESCALEERD:
        services.case_escalate(case=case, scope=staff(), level="teamleider", reason="Vast.")
        return Case.objects.get(pk=case.pk)
    if to == Status.BIJ_OMBUDSMAN:
        services.case_refer_to_ombudsman(case=case, scope=staff())
        return Case.objects.get(pk=case.pk)
    if to == Status.HOORZITTING:
        services.case_offer_hearing(
            case=case,
            scope=staff(),
            planned_at=timezone.now() + dt.timedelta(days=7),
            by_phone=True,
        )
        return Case.objects.get(pk=case.pk)
    if to == Status.NAZORG:
        services.case_plan_follow_up(
            case=case, scope=staff(), due=timezone.localdate() + dt.timedelta(days=14)
        )
        return Case.objects.get(pk=case.pk)
    return services.case_move(case=case, scope=staff(), to=to, reason="Zo besproken.")


def case_in(kind: str, domain: str, status: str) -> Case:
    case = new_case(kind, domain)
    for to in route_to(KINDS[(kind, domain)], status):
        case = step(case, to)
    assert case.status == status
    return case


# Steps with an action of their own, and the one event each appends.
OWN_EVENT = {
    Status.GEESCALEERD: EventType.ESCALATED,
    Status.BIJ_OMBUDSMAN: EventType.OMBUDSMAN_REFERRED,
    Status.HOORZITTING: EventType.HEARING_OFFERED,
    Status.NAZORG: EventType.FOLLOW_UP_PLANNED,
}


def edges() -> list[tuple[str, str, str, str]]:
    return [
        (kind, domain, before, after)
        for (kind, domain), path in KINDS.items()
        for before, following in path.items()
        for after in sorted(following)
    ]


def test_every_table_is_closed_and_reachable() -> None:
    """Each step leads to a status the table knows, and every status in it can be reached:
    no dead ends, no islands."""
    for (kind, _), path in KINDS.items():
        for before, following in path.items():
            assert following, (kind, before)
            assert following <= set(path), (kind, before, following - set(path))
            route_to(path, before)


@pytest.mark.parametrize(("kind", "domain", "before", "after"), edges())
def test_every_step_in_the_table_appends_exactly_one_event(
    world: None, kind: str, domain: str, before: str, after: str
) -> None:
    case = case_in(kind, domain, before)
    events = Event.objects.filter(case=case).count()

    moved = step(case, after)

    assert moved.status == after
    assert Event.objects.filter(case=case).count() == events + 1
    last = Event.objects.filter(case=case).order_by("-at", "-pk").first()
    assert last is not None
    if after == Status.AFGEHANDELD:
        assert last.type == EventType.CONCLUDED
    elif after in OWN_EVENT:
        assert last.type == OWN_EVENT[after]
        assert (last.payload["from"], last.payload["to"]) == (before, after)
    else:
        assert last.type == EventType.STATUS_CHANGED
        assert last.payload == {"from": before, "to": after, "reason": "Zo besproken."}
    stored = Case.objects.get(pk=case.pk)
    assert stored.status == after
    assert (stored.concluded_at is not None) == (after in CONCLUDED_STATUSES)
    if after in CONCLUDED_STATUSES:
        assert stored.next_due is None


@pytest.mark.parametrize(("kind", "domain"), list(KINDS))
def test_every_step_outside_the_table_is_refused_and_changes_nothing(
    world: None, kind: str, domain: str
) -> None:
    path = KINDS[(kind, domain)]
    for before in path:
        case = case_in(kind, domain, before)
        state = Case.objects.values_list("status", "outcome", "concluded_at", "next_due").get(
            pk=case.pk
        )
        events = Event.objects.filter(case=case).count()
        for after in Status.values:
            if after in path[before] or after == Status.AFGEHANDELD:
                continue
            with pytest.raises(services.CaseError) as refused:
                services.case_move(case=case, scope=staff(), to=after, reason="Toch maar.")
            assert refused.value.errors.keys() == {"status"}, (before, after)
            message = refused.value.errors["status"]
            assert message.startswith(("Een ", "Deze ")), message
            assert Status(before).label.lower() in message
        assert Event.objects.filter(case=case).count() == events
        assert (
            Case.objects.values_list("status", "outcome", "concluded_at", "next_due").get(
                pk=case.pk
            )
            == state
        )


def test_a_withdrawn_complaint_cannot_be_concluded_and_says_why(world: None) -> None:
    case = case_in("klacht", "overig", Status.INGETROKKEN)
    with pytest.raises(services.CaseError) as refused:
        services.case_conclude(case=case, scope=staff(), outcome="gegrond", summary="Toch.")
    assert refused.value.errors == {
        "status": "Een klacht die ingetrokken is, kan niet naar afgehandeld."
    }


def test_a_conclusion_goes_through_its_own_action(world: None) -> None:
    case = new_case("klacht", "overig")
    with pytest.raises(services.CaseError) as refused:
        services.case_move(case=case, scope=staff(), to=Status.AFGEHANDELD)
    assert refused.value.errors == {"to": "Handel de zaak af met een uitkomst (Afhandelen)."}
    with pytest.raises(services.CaseError) as unknown:
        services.case_move(case=case, scope=staff(), to="weg")
    assert unknown.value.errors == {"to": "Kies een volgende stap."}


@pytest.mark.parametrize(
    ("status", "to"),
    [
        (Status.ONTVANGEN, Status.INGETROKKEN),
        (Status.FORMEEL, Status.INGETROKKEN),
        (Status.GESLOTEN, Status.IN_BEHANDELING),  # reopening
    ],
)
def test_steps_that_end_or_reverse_the_course_need_a_reason(
    world: None, status: str, to: str
) -> None:
    case = case_in("klacht", "overig", status)
    with pytest.raises(services.CaseError) as refused:
        services.case_move(case=case, scope=staff(), to=to, reason="  ")
    assert set(refused.value.errors) == {"reason"}
    assert refused.value.errors["reason"].startswith("Schrijf op")
    assert Case.objects.get(pk=case.pk).status == status


def test_reopening_clears_the_outcome_and_the_case_is_work_again(world: None) -> None:
    case = case_in("klacht", "overig", Status.AFGEHANDELD)
    assert case.outcome == "opgelost"

    reopened = services.case_move(
        case=case, scope=staff(), to=Status.IN_BEHANDELING, reason="Hulp kwam weer niet."
    )

    assert reopened.status == "in-behandeling"
    assert (reopened.outcome, reopened.concluded_at) == ("", None)
    # The earlier conclusion stays on the timeline.
    assert case.events.filter(type=EventType.CONCLUDED).count() == 1
    open_now = worklist(staff(), WorklistFilter(queue="all"), user_id=None, team_ids=set())
    assert case.reference in {c.reference for c in open_now}


def test_follow_up_stays_on_the_worklist_and_closed_cases_leave_it(world: None) -> None:
    follow_up = case_in("klacht", "overig", Status.NAZORG)
    withdrawn = case_in("klacht", "overig", Status.INGETROKKEN)
    dropped = case_in("hulpvraag", "schuldhulp", Status.UITGEVALLEN)

    open_now = {
        c.reference
        for c in worklist(staff(), WorklistFilter(queue="all"), user_id=None, team_ids=set())
    }
    assert follow_up.reference in open_now
    assert withdrawn.reference not in open_now
    assert dropped.reference not in open_now

    only_follow_up = worklist(
        staff(), WorklistFilter(queue="all", status="nazorg"), user_id=None, team_ids=set()
    )
    assert [c.reference for c in only_follow_up] == [follow_up.reference]


def test_a_concluded_case_takes_no_new_deadline_facts(world: None) -> None:
    case = case_in("klacht", "overig", Status.INGETROKKEN)
    with pytest.raises(services.CaseError) as refused:
        services.case_postpone(
            case=case, scope=staff(), notice_sent_on=timezone.localdate(), reason="Drukte."
        )
    assert refused.value.errors == {
        "deadline": "Deze zaak is niet meer open (status: ingetrokken)."
    }
