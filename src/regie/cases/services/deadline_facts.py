"""Facts that start, change or end a deadline: contact, postponement, the advisory committee
and the first debt-help conversation.

Each action locks the case first, so a double click cannot record a fact twice, and then
calls its check (`case_<action>_check`), which pages also call to decide what to offer.
A check answers "may this happen to this case now?" and returns the deadline concerned;
what the person typed (a date, a reason) is checked after it.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from regie.accounts.scope import Scope
from regie.cases import deadlines as case_deadlines
from regie.cases.models import Case, CaseDeadline, Event, EventType
from regie.cases.services.common import (
    CaseError,
    append_event,
    check_moment,
    deadline_payload,
    lock_case,
    moments,
    raise_if,
    require_handles,
    require_open,
    require_visible,
    staff_text,
)


def case_postpone_check(*, case: Case, scope: Scope, at: dt.datetime | None = None) -> CaseDeadline:
    """The complaint-handling term that may be postponed once (Awb 9:11 lid 2, Wkkgz), by
    whoever handles the complaint (a joint arrangement handles complaints about itself under
    the Awb, too)."""
    require_handles(scope, case)
    require_open(case)
    deadline = case_deadlines.current(case, case_deadlines.COMPLAINT_HANDLING)
    if deadline is None or deadline.regime not in case_deadlines.POSTPONABLE:
        raise CaseError({"deadline": "Deze zaak heeft geen klachttermijn die verdaagd kan worden."})
    if deadline.met_at is not None:
        raise CaseError({"deadline": "De klacht is al afgehandeld."})
    if "extended" in deadline.options:
        raise CaseError(
            {
                "deadline": "De behandeling is al eens verdaagd. Dat mag maar één keer (Awb "
                "artikel 9:11). Langer uitstel kan alleen met schriftelijke instemming van de "
                "indiener."
            }
        )
    return deadline


def case_postpone(
    *,
    case: Case,
    scope: Scope,
    notice_sent_on: dt.date,
    reason: str,
    at: dt.datetime | None = None,
) -> CaseDeadline:
    """Postpone the handling of a complaint once, by four weeks (Awb 9:11 lid 2).

    The written notice to the complainant (and the person complained about) must go out
    within the term; a later notice cannot postpone a term that already ran out. `at` is the
    moment the postponement is recorded (default now).
    """
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        # The lock serialises two postponements of one case (a double click): the second
        # sees the first one's result and is refused.
        locked = lock_case(case, scope)
        deadline = case_postpone_check(case=locked, scope=scope, at=at)
        errors: dict[str, str] = {}
        if notice_sent_on > timezone.localdate(at):
            errors["notice_sent_on"] = "De datum van de brief ligt in de toekomst."
        elif notice_sent_on > deadline.due:
            errors["notice_sent_on"] = (
                "De verdaging moet binnen de termijn aan de indiener worden meegedeeld. "
                f"De termijn liep af op {deadline.due:%d-%m-%Y}."
            )
        elif notice_sent_on < deadline.start:
            errors["notice_sent_on"] = "De datum van de brief ligt vóór de ontvangst van de klacht."
        reason = staff_text(
            errors, "reason", reason, required="Schrijf op waarom de behandeling langer duurt."
        )
        raise_if(errors)
        check_moment(at, locked, "at", now)
        old, new = case_deadlines.recompute(deadline, extended=True, now=now)
        append_event(
            locked,
            scope,
            EventType.POSTPONED,
            {
                "noticeSentOn": notice_sent_on.isoformat(),
                "reason": reason,
                "before": deadline_payload(old),
                "after": deadline_payload(new),
            },
            at=at,
        )
    return new


def case_choose_committee_check(
    *, case: Case, scope: Scope, at: dt.datetime | None = None
) -> CaseDeadline:
    """An open complaint about the municipality, not yet with the committee, whose six
    weeks have not run out on the day of `at` (default today)."""
    require_handles(scope, case)
    require_open(case)
    deadline = case_deadlines.current(case, case_deadlines.COMPLAINT_HANDLING)
    if deadline is None or deadline.regime != "awb-klacht":
        raise CaseError(
            {"deadline": "Alleen een klacht over de gemeente gaat naar de klachtadviescommissie."}
        )
    if deadline.met_at is not None:
        raise CaseError({"deadline": "De klacht is al afgehandeld."})
    if "committee" in deadline.options:
        raise CaseError({"deadline": "De klachtadviescommissie is al ingeschakeld."})
    if deadline.due < timezone.localdate(at or timezone.now()):
        # The committee must be chosen within the six weeks; choosing it afterwards would turn
        # a missed term into one that was met.
        raise CaseError(
            {
                "deadline": "De termijn van zes weken is al verstreken. De commissie kan nu niet "
                "meer worden ingeschakeld om de termijn te verlengen."
            }
        )
    return deadline


def case_choose_committee(
    *, case: Case, scope: Scope, at: dt.datetime | None = None
) -> CaseDeadline:
    """The complaint goes to the advisory committee (Awb 9:14): ten weeks instead of six.
    `at` is the moment of that choice (default now)."""
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        deadline = case_choose_committee_check(case=locked, scope=scope, at=at)
        check_moment(at, locked, "at", now)
        old, new = case_deadlines.recompute(deadline, committee=True, now=now)
        append_event(
            locked,
            scope,
            EventType.COMMITTEE,
            {"before": deadline_payload(old), "after": deadline_payload(new)},
            at=at,
        )
    return new


def case_record_contact_check(*, case: Case, scope: Scope, at: dt.datetime | None = None) -> None:
    """Whoever handles the case records contact (municipal staff, or the provider it is with),
    also after closing: a resident may call about the answer they got."""
    require_handles(scope, case)


def case_record_contact(*, case: Case, scope: Scope, at: dt.datetime, summary: str) -> Event:
    """Contact with the submitter (a call, a visit) at moment `at`: meets the first-contact
    norm."""
    require_visible(scope, case)
    case_record_contact_check(case=case, scope=scope, at=at)
    now = timezone.now()
    errors: dict[str, str] = {}
    summary = staff_text(
        errors, "summary", summary, required="Schrijf kort op wat u besproken heeft."
    )
    raise_if(errors)
    check_moment(at, case, "at", now)
    with transaction.atomic():
        locked = lock_case(case, scope)
        case_deadlines.mark_met(locked, case_deadlines.FIRST_CONTACT, at, now=now)
        return append_event(locked, scope, EventType.CONTACT, {"summary": summary}, at=at)


def case_record_first_conversation_check(
    *, case: Case, scope: Scope, at: dt.datetime | None = None
) -> CaseDeadline:
    """A debt-help request whose first conversation (Wgs art. 4) is not recorded yet; the
    municipality or the GR that does debt help for it records it."""
    require_handles(scope, case, "held_at")
    require_open(case, "held_at")
    deadline = case_deadlines.current(case, case_deadlines.FIRST_CONVERSATION)
    if deadline is None:
        raise CaseError({"held_at": "Deze zaak is geen hulpvraag om schuldhulp."})
    if case_deadlines.current(case, case_deadlines.DEBT_DECISION) is not None:
        raise CaseError({"held_at": "Het eerste gesprek is al vastgelegd."})
    return deadline


def case_record_first_conversation(
    *, case: Case, scope: Scope, held_at: dt.datetime
) -> CaseDeadline:
    """The first debt-help conversation (Wgs art. 4), held at `held_at`, starts the decision
    term (art. 4a)."""
    require_visible(scope, case)
    now = timezone.now()
    with transaction.atomic():
        locked = lock_case(case, scope)
        case_record_first_conversation_check(case=locked, scope=scope, at=held_at)
        check_moment(held_at, locked, "held_at", now)
        case_deadlines.mark_met(locked, case_deadlines.FIRST_CONVERSATION, held_at, now=now)
        decision = case_deadlines.start_debt_decision(locked, held_at, now=now)
        append_event(
            locked,
            scope,
            EventType.FIRST_CONVERSATION,
            {"heldAt": held_at.isoformat(), "decision": deadline_payload(decision)},
            at=held_at,
        )
    return decision
