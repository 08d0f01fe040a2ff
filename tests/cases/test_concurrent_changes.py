"""Two changes to one case at the same moment (a double click) never both go through."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.accounts.selectors import user_by_username
from regie.cases import deadlines as case_deadlines
from regie.cases import services
from regie.cases.models import Case, CaseDeadline, EventType
from regie.directory.models import Municipality

pytestmark = pytest.mark.django_db(transaction=True)


def complaint() -> Case:
    return services.case_intake(
        scope=scope_for_public_web(),
        request=services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind="klacht",
            channel="web",
            description="Niemand belt terug.",
            submitter=services.Person(name="Anna", phone="0612345678"),
            received_at=timezone.now() - dt.timedelta(weeks=3),
        ),
    ).case


def twice_at_once(action: Callable[[], Any]) -> list[Exception]:
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def run() -> None:
        try:
            barrier.wait(timeout=5)
            action()
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return errors


def test_a_double_postponement_postpones_once(world: None) -> None:
    case = complaint()
    scope = scope_for_user(user_by_username("behandelaar"))

    errors = twice_at_once(
        lambda: services.case_postpone(
            case=case, scope=scope, notice_sent_on=timezone.localdate(), reason="Hoorzitting."
        )
    )

    assert len(errors) == 1
    assert isinstance(errors[0], services.CaseError)
    assert case.events.filter(type=EventType.POSTPONED).count() == 1
    assert CaseDeadline.objects.filter(case=case, type="afhandeling", superseded=False).count() == 1


def test_a_double_committee_choice_counts_once(world: None) -> None:
    case = complaint()
    scope = scope_for_user(user_by_username("behandelaar"))
    errors = twice_at_once(lambda: services.case_choose_committee(case=case, scope=scope))
    assert len(errors) == 1
    assert case.events.filter(type=EventType.COMMITTEE).count() == 1


def test_recomputing_a_superseded_deadline_is_refused(world: None) -> None:
    case = complaint()
    deadline = case_deadlines.current(case, "afhandeling")
    assert deadline is not None
    case_deadlines.recompute(deadline, extended=True, now=timezone.now())
    with pytest.raises(case_deadlines.StaleDeadline):
        case_deadlines.recompute(deadline, committee=True, now=timezone.now())


def test_contact_in_the_minute_of_receipt_is_accepted(world: None) -> None:
    case = complaint()
    scope = scope_for_user(user_by_username("behandelaar"))
    same_minute = case.received_at.replace(second=0, microsecond=0)
    services.case_record_contact(case=case, scope=scope, at=same_minute, summary="Direct gebeld.")
    assert case.events.filter(type=EventType.CONTACT).exists()


def test_the_committee_cannot_rescue_a_term_that_already_ran_out(world: None) -> None:
    case = services.case_intake(
        scope=scope_for_public_web(),
        request=services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind="klacht",
            channel="web",
            description="Oude klacht.",
            submitter=services.Person(name="Anna", phone="0612345678"),
            received_at=timezone.now() - dt.timedelta(weeks=8),
        ),
    ).case
    scope = scope_for_user(user_by_username("behandelaar"))
    with pytest.raises(services.CaseError):
        services.case_choose_committee(case=case, scope=scope)
