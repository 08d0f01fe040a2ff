"""Follow-up ("hoe gaat het nu?"): planned after a solved case, asked by mail once when due,
answered by the resident or recorded by the handler; "not solved" reopens the case."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web, scope_for_resident, scope_for_user
from regie.cases import selectors, services
from regie.cases.models import Case, Event, EventType, FollowUp
from regie.directory.models import Municipality
from regie.notifications.models import OutboundEmail
from regie.tick import run_due_work

pytestmark = pytest.mark.usefixtures("world")


def handler() -> User:
    return User.objects.get(username="behandelaar")


def staff() -> services.Scope:
    return scope_for_user(handler())


def concluded(outcome: str = "opgelost", email: str = "anna@example.org") -> Case:
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind="klacht",
        channel="web",
        received_at=timezone.now() - dt.timedelta(days=10),
        description="De taxi kwam drie keer te laat.",
        submitter=services.Person(name="Anna de Boer", email=email, phone="0612345678"),
    )
    case = services.case_intake(scope=scope_for_public_web(), request=request).case
    services.case_assign(case=case, scope=staff(), handler=handler())
    if outcome == "niet-behandeld":  # Awb 9:8: its own write path, with the ground
        return services.case_refuse_complaint(
            case=case, scope=staff(), ground="bezwaar", explanation="Bezwaar was mogelijk."
        )
    return services.case_conclude(
        case=case, scope=staff(), outcome=outcome, summary="Met de vervoerder afgesproken."
    )


def planned(due: dt.date | None = None, **kwargs: Any) -> Case:
    case = concluded(**kwargs)
    services.case_plan_follow_up(case=case, scope=staff(), due=due or timezone.localdate())
    return Case.objects.get(pk=case.pk)


def events(case: Case, type_: str) -> list[Event]:
    return list(Event.objects.filter(case=case, type=type_))


def test_planning_moves_a_solved_case_to_nazorg_with_one_event() -> None:
    case = concluded()
    before = Event.objects.filter(case=case).count()
    due = timezone.localdate() + dt.timedelta(days=28)

    follow_up = services.case_plan_follow_up(case=case, scope=staff(), due=due)

    case.refresh_from_db()
    assert case.status == "nazorg"
    assert follow_up.due == due
    assert Event.objects.filter(case=case).count() == before + 1
    (event,) = events(case, EventType.FOLLOW_UP_PLANNED)
    assert event.payload == {"due": due.isoformat(), "from": "afgehandeld", "to": "nazorg"}


@pytest.mark.parametrize("outcome", ["ongegrond", "niet-behandeld", "doorverwezen"])
def test_no_follow_up_where_nothing_was_solved_or_promised(outcome: str) -> None:
    case = concluded(outcome=outcome)
    with pytest.raises(services.CaseError) as refused:
        services.case_plan_follow_up(case=case, scope=staff(), due=timezone.localdate())
    assert "Nazorg past bij" in refused.value.errors["status"]
    assert not FollowUp.objects.filter(case=case).exists()


@pytest.mark.parametrize("days", [-1, 366])
def test_the_day_must_be_from_today_and_within_a_year(days: int) -> None:
    case = concluded()
    with pytest.raises(services.CaseError) as refused:
        services.case_plan_follow_up(
            case=case, scope=staff(), due=timezone.localdate() + dt.timedelta(days=days)
        )
    assert "due" in refused.value.errors
    case.refresh_from_db()
    assert case.status == "afgehandeld"
    assert not events(case, EventType.FOLLOW_UP_PLANNED)


def test_a_provider_or_the_resident_cannot_plan_it() -> None:
    case = concluded()
    for scope in (scope_for_resident(), scope_for_user(User.objects.get(username="anker"))):
        with pytest.raises(services.PermissionRefused):
            services.case_plan_follow_up_check(case=case, scope=scope)


def test_tick_mails_the_question_once_when_it_is_due(smtp_server: Any) -> None:
    later = planned(due=timezone.localdate() + dt.timedelta(days=3))
    case = planned()
    no_email = planned(email="")

    report = run_due_work()
    again = run_due_work()

    assert report.follow_ups_asked == 1
    assert again.follow_ups_asked == 0
    # The acknowledgements of receipt went out too; one question, to the one that is due.
    (mail,) = [m for m in smtp_server.to("anna@example.org") if "Hoe gaat" in m["Subject"]]
    assert f"/status/{case.status_token}" in mail.get_payload()
    assert OutboundEmail.objects.filter(purpose="nazorg").count() == 1
    assert FollowUp.objects.get(case=case).asked_at is not None
    assert FollowUp.objects.get(case=later).asked_at is None
    assert FollowUp.objects.get(case=no_email).asked_at is None


def test_solved_closes_the_case_with_one_event() -> None:
    case = planned()
    before = Event.objects.filter(case=case).count()

    services.case_answer_follow_up(case=case, solved=True, score=5, comment="Top!")

    case.refresh_from_db()
    assert case.status == "gesloten"
    assert case.outcome == "opgelost"
    assert Event.objects.filter(case=case).count() == before + 1
    (event,) = events(case, EventType.FOLLOW_UP_ANSWERED)
    assert event.payload["solved"] is True
    assert event.payload["score"] == 5
    assert event.payload["by"] == "indiener"
    assert event.actor_label == "De indiener (via de statuspagina)"
    follow_up = FollowUp.objects.get(case=case)
    assert follow_up.answered_at is not None
    assert (follow_up.solved, follow_up.score, follow_up.comment) == (True, 5, "Top!")


def test_not_solved_reopens_the_case_onto_the_handlers_worklist() -> None:
    case = planned()
    before = Event.objects.filter(case=case).count()

    services.case_answer_follow_up(
        case=case, solved=False, score=2, comment="De taxi is weer te laat."
    )

    case.refresh_from_db()
    assert case.status == "in-behandeling"
    assert case.outcome == ""
    assert case.concluded_at is None
    assert Event.objects.filter(case=case).count() == before + 1
    (event,) = events(case, EventType.FOLLOW_UP_ANSWERED)
    assert event.payload["reopened"] is True
    assert event.payload["to"] == "in-behandeling"
    mine = selectors.worklist(
        staff(), selectors.WorklistFilter(queue="mine"), user_id=handler().pk, team_ids=set()
    )
    assert case in mine


def test_the_question_waits_for_its_day_and_is_answered_once() -> None:
    case = planned(due=timezone.localdate() + dt.timedelta(days=5))
    with pytest.raises(services.CaseError) as early:
        services.case_answer_follow_up(case=case, solved=True, score=None, comment="")
    assert "Wij vragen u vanaf" in early.value.errors["status"]

    FollowUp.objects.filter(case=case).update(due=timezone.localdate())
    services.case_answer_follow_up(case=case, solved=True, score=None, comment="")
    with pytest.raises(services.CaseError):
        services.case_answer_follow_up(case=case, solved=False, score=None, comment="")
    assert len(events(case, EventType.FOLLOW_UP_ANSWERED)) == 1


@pytest.mark.parametrize(
    ("solved", "score", "field"), [(None, 3, "solved"), (True, 6, "score"), (True, 0, "score")]
)
def test_a_bad_answer_changes_nothing(solved: Any, score: Any, field: str) -> None:
    case = planned()
    with pytest.raises(services.CaseError) as refused:
        services.case_answer_follow_up(case=case, solved=solved, score=score, comment="")
    assert field in refused.value.errors
    case.refresh_from_db()
    assert case.status == "nazorg"
    assert not events(case, EventType.FOLLOW_UP_ANSWERED)


def test_the_handler_records_a_check_in_and_it_leaves_the_nazorg_list() -> None:
    case = planned(email="")
    due = selectors.follow_ups_due(
        staff(), by=timezone.localdate(), queue="mine", user_id=handler().pk, team_ids=set()
    )
    assert [f.case for f in due] == [case]

    services.case_record_check_in(
        case=case, scope=staff(), solved=False, summary="Gebeld: de taxi komt nog steeds laat."
    )

    case.refresh_from_db()
    assert case.status == "in-behandeling"
    (event,) = events(case, EventType.FOLLOW_UP_ANSWERED)
    assert event.payload["by"] == "behandelaar"
    assert FollowUp.objects.get(case=case).checked_at is not None
    assert not selectors.follow_ups_due(
        staff(), by=timezone.localdate(), queue="mine", user_id=handler().pk, team_ids=set()
    ).exists()
    with pytest.raises(services.CaseError):
        services.case_record_check_in_check(case=case, scope=staff())


def test_a_colleague_outside_the_scope_sees_no_follow_ups() -> None:
    planned()
    other = scope_for_user(User.objects.get(username="hooglanden"))
    assert not selectors.follow_ups_due(
        other, by=timezone.localdate(), queue="all", user_id=None, team_ids=set()
    ).exists()
