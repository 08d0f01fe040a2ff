"""Facts that start, change or end a deadline: contact, postponement, the advisory
committee and the first debt-help conversation. Each locks the case first, so a double
click cannot record a fact twice."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from regie.accounts.scope import Scope
from regie.cases import deadlines as case_deadlines
from regie.cases.models import Case, CaseDeadline, Event, EventType
from regie.cases.services.common import (
    MAX_TEXT,
    CaseError,
    append_event,
    check_moment,
    deadline_payload,
    lock_case,
    require_open,
    require_staff,
    require_visible,
)


def case_postpone(
    *, case: Case, scope: Scope, notice_sent_on: dt.date, reason: str
) -> CaseDeadline:
    """Postpone the handling of a complaint once, by four weeks (Awb 9:11 lid 2).

    The written notice to the complainant (and the person complained about) must go out
    within the term; a later notice cannot postpone a term that already ran out.
    """
    require_visible(scope, case)
    require_staff(scope)
    with transaction.atomic():
        # The lock serialises two postponements of one case (a double click): the second
        # sees the first one's result and is refused.
        require_open(lock_case(case))
        return _postpone_locked(case, scope, notice_sent_on, reason.strip())


def _postpone_locked(
    case: Case, scope: Scope, notice_sent_on: dt.date, reason: str
) -> CaseDeadline:
    deadline = case_deadlines.current(case, case_deadlines.COMPLAINT_HANDLING)
    errors: dict[str, str] = {}
    if deadline is None or deadline.regime not in case_deadlines.POSTPONABLE:
        errors["deadline"] = "Deze zaak heeft geen klachttermijn die verdaagd kan worden."
    elif deadline.met_at is not None:
        errors["deadline"] = "De klacht is al afgehandeld."
    elif "extended" in deadline.options:
        errors["deadline"] = (
            "De behandeling is al eens verdaagd. Dat mag maar één keer (Awb artikel 9:11). "
            "Langer uitstel kan alleen met schriftelijke instemming van de indiener."
        )
    elif notice_sent_on > timezone.localdate():
        errors["notice_sent_on"] = "De datum van de brief ligt in de toekomst."
    elif notice_sent_on > deadline.due:
        errors["notice_sent_on"] = (
            "De verdaging moet binnen de termijn aan de indiener worden meegedeeld. "
            f"De termijn liep af op {deadline.due:%d-%m-%Y}."
        )
    elif notice_sent_on < deadline.start:
        errors["notice_sent_on"] = "De datum van de brief ligt vóór de ontvangst van de klacht."
    if not reason:
        errors["reason"] = "Schrijf op waarom de behandeling langer duurt."
    elif len(reason) > MAX_TEXT:
        errors["reason"] = "Gebruik hooguit 10.000 tekens."
    if errors:
        raise CaseError(errors)
    assert deadline is not None
    old, new = case_deadlines.recompute(deadline, extended=True)
    append_event(
        case,
        scope,
        EventType.POSTPONED,
        {
            "noticeSentOn": notice_sent_on.isoformat(),
            "reason": reason,
            "before": deadline_payload(old),
            "after": deadline_payload(new),
        },
    )
    return new


def case_choose_committee(*, case: Case, scope: Scope) -> CaseDeadline:
    """The complaint goes to the advisory committee (Awb 9:14): ten weeks instead of six."""
    require_visible(scope, case)
    require_staff(scope)
    with transaction.atomic():
        require_open(lock_case(case))
        deadline = case_deadlines.current(case, case_deadlines.COMPLAINT_HANDLING)
        if deadline is None or deadline.regime != "awb-klacht":
            raise CaseError(
                {
                    "deadline": "Alleen een klacht over de gemeente gaat naar de "
                    "klachtadviescommissie."
                }
            )
        if deadline.met_at is not None:
            raise CaseError({"deadline": "De klacht is al afgehandeld."})
        if "committee" in deadline.options:
            raise CaseError({"deadline": "De klachtadviescommissie is al ingeschakeld."})
        if deadline.due < timezone.localdate():
            # The committee must be chosen within the six weeks; choosing it afterwards would
            # turn a missed term into one that was met.
            raise CaseError(
                {
                    "deadline": "De termijn van zes weken is al verstreken. De commissie kan nu "
                    "niet meer worden ingeschakeld om de termijn te verlengen."
                }
            )
        old, new = case_deadlines.recompute(deadline, committee=True)
        append_event(
            case,
            scope,
            EventType.COMMITTEE,
            {"before": deadline_payload(old), "after": deadline_payload(new)},
        )
    return new


def case_record_contact(*, case: Case, scope: Scope, at: dt.datetime, summary: str) -> Event:
    """Contact with the submitter (a call, a visit): meets the first-contact norm."""
    require_visible(scope, case)
    require_staff(scope)
    summary = summary.strip()
    if not summary:
        raise CaseError({"summary": "Schrijf kort op wat u besproken heeft."})
    if len(summary) > MAX_TEXT:
        raise CaseError({"summary": "Gebruik hooguit 10.000 tekens."})
    check_moment(at, case, "at")
    with transaction.atomic():
        lock_case(case)
        case_deadlines.mark_met(case, case_deadlines.FIRST_CONTACT, at)
        return append_event(case, scope, EventType.CONTACT, {"summary": summary}, at=at)


def case_record_first_conversation(
    *, case: Case, scope: Scope, held_at: dt.datetime
) -> CaseDeadline:
    """The first debt-help conversation (Wgs art. 4) starts the decision term (art. 4a)."""
    require_visible(scope, case)
    require_staff(scope)
    check_moment(held_at, case, "held_at")
    with transaction.atomic():
        require_open(lock_case(case), "held_at")
        if not case.deadlines.filter(type=case_deadlines.FIRST_CONVERSATION).exists():
            raise CaseError({"held_at": "Deze zaak is geen hulpvraag om schuldhulp."})
        if case.deadlines.filter(type=case_deadlines.DEBT_DECISION).exists():
            raise CaseError({"held_at": "Het eerste gesprek is al vastgelegd."})
        case_deadlines.mark_met(case, case_deadlines.FIRST_CONVERSATION, held_at)
        decision = case_deadlines.start_debt_decision(case, held_at)
        append_event(
            case,
            scope,
            EventType.FIRST_CONVERSATION,
            {"heldAt": held_at.isoformat(), "decision": deadline_payload(decision)},
            at=held_at,
        )
    return decision
