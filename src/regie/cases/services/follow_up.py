"""Follow-up ("hoe gaat het nu?"): after a case was solved, someone asks again how it is going.

The handler plans it with a date (`case_plan_follow_up`: afgehandeld → nazorg). When the date
comes, `follow_up_ask_due` (run by `regie tick`) mails a resident who left an e-mail address a
short question with the link to their status page, once (a dedupe key); the status page asks
the same question to anyone who comes by. The resident answers there
(`services.resident.case_answer_follow_up`), or the handler calls and records what they heard
(`case_record_check_in`). Either way one FOLLOW_UP_ANSWERED event: "solved" closes the case
(nazorg → gesloten), "not solved" reopens it (nazorg → in behandeling, through the
workflow's reopening), so it is back on the handler's worklist.

Which outcomes get a follow-up: those where something was solved or promised, so that asking
"is it solved now?" makes sense — opgelost (Awb 9:5, solved in conversation), gegrond and
deels gegrond (the municipality admitted a fault and said what it will do: did it?) and
afgerond (a help request that was completed). Not ongegrond, niet behandeld (Awb 9:8) or
doorverwezen: there nothing was promised, and the resident's next step is the ombudsman or
the other party, which the status page names.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import dateformat, timezone

from regie import limits
from regie.accounts.scope import Scope
from regie.cases import deadlines as case_deadlines
from regie.cases.models import Case, Event, EventType, FollowUp
from regie.cases.services.common import (
    CaseError,
    append_event,
    check_moment,
    lock_case,
    moments,
    raise_if,
    require_may_handle,
    require_move,
    require_visible,
    staff_text,
    text_problem,
)
from regie.cases.urls_public import status_url
from regie.notifications.outbox import outbox_send_after_commit, outbox_write
from regie.vocabulary import Kind, Outcome, Status

SOLVED_OUTCOMES = frozenset(
    {Outcome.OPGELOST, Outcome.GEGROND, Outcome.DEELS_GEGROND, Outcome.AFGEROND}
)
# A follow-up is planned within a year; later than that nobody remembers the case.
FOLLOW_UP_MAX_DAYS = 365
SCORES = range(1, 6)
PURPOSE = "nazorg"


def long_date(day: dt.date) -> str:
    return dateformat.format(day, "l j F Y")


def open_follow_up(case: Case) -> FollowUp | None:
    """The follow-up that waits for an answer or a check-in, while the case is in nazorg."""
    if case.status != Status.NAZORG:
        return None
    return (
        case.follow_ups.filter(answered_at__isnull=True, checked_at__isnull=True)
        .order_by("-planned_at", "-pk")
        .first()
    )


def follow_up_question_open(case: Case, today: dt.date) -> FollowUp | None:
    """The follow-up the resident may answer now: its day has come, or they were asked."""
    follow_up = open_follow_up(case)
    if follow_up is None or (follow_up.due > today and follow_up.asked_at is None):
        return None
    return follow_up


def _not_before_last_event(case: Case, at: dt.datetime) -> None:
    latest = case.events.order_by("-at").values_list("at", flat=True).first()
    if latest is not None and at < latest:
        raise CaseError({"at": "Deze stap ligt vóór de laatste gebeurtenis op de tijdlijn."})


def case_plan_follow_up_check(*, case: Case, scope: Scope, at: dt.datetime | None = None) -> None:
    """Municipal staff plan a follow-up for a case that was concluded as solved."""
    require_may_handle(scope)
    if case.status != Status.AFGEHANDELD:
        raise CaseError({"status": "Nazorg plant u als de zaak is afgehandeld."})
    if case.outcome not in SOLVED_OUTCOMES:
        outcome = Outcome(case.outcome).label.lower() if case.outcome in Outcome.values else "-"
        raise CaseError(
            {
                "status": "Nazorg past bij een zaak die is opgelost of waarin de gemeente iets "
                f"gaat doen. Deze zaak is afgehandeld met: {outcome}."
            }
        )
    require_move(case, Status.NAZORG)


def case_plan_follow_up(
    *, case: Case, scope: Scope, due: dt.date, at: dt.datetime | None = None
) -> FollowUp:
    """Plan the question "hoe gaat het nu?" for `due`: a FollowUp row, the case to nazorg,
    one FOLLOW_UP_PLANNED event."""
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        case_plan_follow_up_check(case=locked, scope=scope, at=at)
        check_moment(at, locked, "at", now)
        today = timezone.localdate(at)
        if not isinstance(due, dt.date) or isinstance(due, dt.datetime):
            raise CaseError({"due": "Kies een datum."})
        if due < today:
            raise CaseError({"due": "Kies een datum vanaf vandaag."})
        if due > today + dt.timedelta(days=FOLLOW_UP_MAX_DAYS):
            raise CaseError({"due": "Kies een datum binnen een jaar."})
        _not_before_last_event(locked, at)
        follow_up = FollowUp.objects.create(case=locked, due=due, planned_at=at)
        before = locked.status
        locked.status = Status.NAZORG
        locked.save(update_fields=["status", "updated_at"])
        case_deadlines.refresh_next_due(locked, now=now)
        append_event(
            locked,
            scope,
            EventType.FOLLOW_UP_PLANNED,
            {"due": due.isoformat(), "from": before, "to": Status.NAZORG.value},
            at=at,
        )
    return follow_up


def finish_follow_up(
    locked: Case,
    follow_up: FollowUp,
    scope: Scope,
    *,
    solved: bool,
    score: int | None,
    comment: str,
    by: str,
    at: dt.datetime,
    now: dt.datetime,
) -> Event:
    """What the answer does, whoever gave it (the resident, or the handler who called): the
    follow-up is done, "solved" closes the case, "not solved" reopens it. One event.

    Called inside the caller's transaction, on a locked case."""
    to = Status.GESLOTEN if solved else Status.IN_BEHANDELING
    require_move(locked, to)
    before = locked.status
    fields = ["status", "updated_at"]
    if not solved:
        # Reopening, as `case_move` does it: the outcome and conclusion before stay on the
        # timeline; the case is open again and back on the handler's worklist.
        locked.outcome = ""
        locked.concluded_at = None
        fields += ["outcome", "concluded_at"]
    locked.status = to
    locked.save(update_fields=fields)
    case_deadlines.refresh_next_due(locked, now=now)
    follow_up.solved = solved
    follow_up.score = score
    follow_up.comment = comment
    if by == "indiener":
        follow_up.answered_at = at
    else:
        follow_up.checked_at = at
    follow_up.save(update_fields=["solved", "score", "comment", "answered_at", "checked_at"])
    return append_event(
        locked,
        scope,
        EventType.FOLLOW_UP_ANSWERED,
        {
            "solved": solved,
            "score": score,
            "comment": comment,
            "by": by,
            "from": before,
            "to": to.value,
            "reopened": not solved,
        },
        at=at,
    )


def answer_errors(solved: Any, score: Any) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not isinstance(solved, bool):
        errors["solved"] = "Kies ja of nee."
    if score is not None and (isinstance(score, bool) or score not in SCORES):
        errors["score"] = "Kies een cijfer van 1 tot en met 5."
    return errors


def case_record_check_in_check(
    *, case: Case, scope: Scope, at: dt.datetime | None = None
) -> FollowUp:
    """Municipal staff record the check-in of a case in follow-up; returns the follow-up."""
    require_may_handle(scope)
    follow_up = open_follow_up(case)
    if follow_up is None:
        raise CaseError({"status": "Voor deze zaak staat geen nazorg open."})
    return follow_up


def case_record_check_in(
    *,
    case: Case,
    scope: Scope,
    solved: bool,
    summary: str,
    score: int | None = None,
    at: dt.datetime | None = None,
) -> Event:
    """The handler asked the resident how it is going (by phone, at the door) and records
    the answer: one FOLLOW_UP_ANSWERED event, closing or reopening the case."""
    require_visible(scope, case)
    at, now = moments(at)
    errors = answer_errors(solved, score)
    summary = staff_text(
        errors, "summary", summary, required="Schrijf kort op wat de indiener vertelde."
    )
    raise_if(errors)
    with transaction.atomic():
        locked = lock_case(case, scope)
        follow_up = case_record_check_in_check(case=locked, scope=scope, at=at)
        check_moment(at, locked, "at", now)
        _not_before_last_event(locked, at)
        return finish_follow_up(
            locked,
            follow_up,
            scope,
            solved=solved,
            score=score,
            comment=summary,
            by="behandelaar",
            at=at,
            now=now,
        )


def resident_comment(errors: dict[str, str], comment: str) -> str:
    comment = comment.strip()
    if problem := text_problem(comment, limits.RESIDENT_TEXT):
        errors["comment"] = problem
    return comment


def follow_ups_to_ask(today: dt.date) -> QuerySet[FollowUp]:
    """Follow-ups whose day has come and whose resident can be mailed and was not yet."""
    return (
        FollowUp.objects.filter(
            due__lte=today,
            asked_at__isnull=True,
            answered_at__isnull=True,
            checked_at__isnull=True,
            case__status=Status.NAZORG,
        )
        .exclude(case__submitter_email="")
        .select_related("case", "case__municipality")
        .order_by("due", "pk")
    )


def follow_up_ask_due(*, now: dt.datetime) -> int:
    """Mail every resident whose follow-up is due the question, once; returns how many.

    Safe to call from every scheduler every minute: the dedupe key allows one question per
    follow-up, and `asked_at` is set in the same transaction.
    """
    today = timezone.localdate(now)
    written = 0
    for follow_up in follow_ups_to_ask(today):
        case = follow_up.case
        word = Kind(case.kind).label.lower()
        body = render_to_string(
            "cases/email/follow_up.txt",
            {
                "case": case,
                "name": case.submitter_name,
                "word": word,
                "status_url": status_url(case),
            },
        )
        try:
            with transaction.atomic():
                email = outbox_write(
                    case_id=case.pk,
                    purpose=PURPOSE,
                    to=case.submitter_email,
                    subject=f"Hoe gaat het nu? Uw {word} {case.reference}",
                    body=body,
                    now=now,
                    dedupe_key=f"nazorg:{follow_up.pk}",
                )
                FollowUp.objects.filter(pk=follow_up.pk).update(asked_at=now)
                outbox_send_after_commit(email)
        except IntegrityError:
            continue  # already written by this or another scheduler
        written += 1
    return written
