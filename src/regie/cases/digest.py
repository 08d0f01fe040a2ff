"""The daily digest: each handler and each team mailbox hears, once per working day, what
falls due in the coming days and what is already overdue. Written into the outbox, which
sends it like any other mail."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from regie.accounts.selectors import coordinators_of
from regie.cases.deadlines import atw_calendar
from regie.cases.presentation import DEADLINE_LABELS
from regie.cases.selectors import open_deadlines_due_by
from regie.notifications.outbox import outbox_send_after_commit, outbox_write


@dataclass(frozen=True)
class DigestRow:
    reference: str
    label: str
    due: dt.date
    subject: str
    url: str


def _base_url() -> str:
    return (settings.REGIE_BASE_URL or "http://127.0.0.1:8000").rstrip("/")


def _row(deadline_case_reference: str, type_: str, due: dt.date, subject: str) -> DigestRow:
    url = _base_url() + reverse("web:case", kwargs={"reference": deadline_case_reference})
    return DigestRow(deadline_case_reference, DEADLINE_LABELS.get(type_, type_), due, subject, url)


def digest_is_due(now: dt.datetime) -> bool:
    local = timezone.localtime(now)
    return local.hour >= settings.REGIE_DIGEST_HOUR and atw_calendar().is_working_day(local.date())


def digest_send(*, now: dt.datetime) -> int:
    """Write today's digests into the outbox; returns how many were new.

    Safe to call from every scheduler every minute: the dedupe key allows one digest per
    recipient per day.
    """
    if not digest_is_due(now):
        return 0
    today = timezone.localtime(now).date()
    horizon = today + dt.timedelta(days=settings.REGIE_DUE_SOON_DAYS)

    by_handler: dict[int, list[tuple[DigestRow, bool]]] = defaultdict(list)
    by_team: dict[int, list[tuple[DigestRow, bool]]] = defaultdict(list)
    handlers = {}
    teams = {}
    for deadline in open_deadlines_due_by(horizon):
        case = deadline.case
        row = _row(
            case.reference, deadline.type, deadline.due, case.subject or case.description[:60]
        )
        overdue = deadline.due < today
        if case.handler is not None and case.handler.email:
            by_handler[case.handler.pk].append((row, overdue))
            handlers[case.handler.pk] = case.handler
        if case.handling_team is not None and case.handling_team.email:
            by_team[case.handling_team.pk].append((row, overdue))
            teams[case.handling_team.pk] = case.handling_team

    written = _oversight_digests(today, now)
    for pk, rows in by_handler.items():
        user = handlers[pk]
        written += _write(
            key=f"digest:{today}:user:{pk}",
            to=user.email,
            greeting=user.first_name or user.get_username(),
            whose="uw zaken",
            rows=rows,
            now=now,
        )
    for pk, rows in by_team.items():
        team = teams[pk]
        written += _write(
            key=f"digest:{today}:team:{pk}",
            to=team.email,
            greeting=team.name,
            whose=f"de zaken van {team.name}",
            rows=rows,
            now=now,
        )
    return written


def _write(
    *,
    key: str,
    to: str,
    greeting: str,
    whose: str,
    rows: list[tuple[DigestRow, bool]],
    now: dt.datetime,
    subject: str = "",
) -> int:
    today = timezone.localtime(now).date()
    overdue = [r for r, late in rows if late]
    soon = [r for r, late in rows if not late]
    body = render_to_string(
        "cases/email/digest.txt",
        {
            "greeting": greeting,
            "whose": whose,
            "overdue": overdue,
            "soon": soon,
            "today": today,
            "worklist_url": _base_url() + reverse("web:worklist"),
        },
    )
    subject = subject or f"Termijnen: {len(overdue)} te laat, {len(soon)} binnenkort"
    try:
        with transaction.atomic():
            email = outbox_write(
                purpose="digest", to=to, subject=subject, body=body, now=now, dedupe_key=key
            )
            outbox_send_after_commit(email)
    except IntegrityError:
        return 0  # already written today by this or another scheduler
    return 1


def _oversight_digests(today: dt.date, now: dt.datetime) -> int:
    """The municipality keeps outsourced work in view: each coordinator hears which cases a
    provider or GR of their municipality let pass a term."""
    late: dict[int, list[tuple[DigestRow, bool]]] = defaultdict(list)
    for deadline in open_deadlines_due_by(today - dt.timedelta(days=1)):
        case = deadline.case
        if case.handling_organisation is None:
            continue
        subject = f"{case.handling_organisation.name}: {case.subject or case.description[:60]}"
        row = _row(case.reference, deadline.type, deadline.due, subject)
        late[case.municipality_id].append((row, True))
    written = 0
    for municipality_id, rows in late.items():
        for user in coordinators_of(municipality_id):
            written += _write(
                key=f"digest:{today}:oversight:{user.pk}",
                to=user.email,
                greeting=user.first_name or user.get_username(),
                whose="de zaken die bij een aanbieder of de gemeenschappelijke regeling liggen",
                rows=rows,
                now=now,
                subject=_oversight_subject(len({row.reference for row, _ in rows})),
            )
    return written


def _oversight_subject(cases: int) -> str:
    return f"Toezicht: {cases} {'zaak' if cases == 1 else 'zaken'} te laat bij een aanbieder"
