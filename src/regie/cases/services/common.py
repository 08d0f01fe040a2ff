"""What every write-path function shares: errors, the timeline append, the shared checks."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from regie import limits
from regie.accounts.scope import Scope, may_handle_cases
from regie.cases import workflow
from regie.cases.models import Case, CaseDeadline, Event
from regie.cases.selectors import case_visible_to
from regie.vocabulary import CONCLUDED_STATUSES, Status

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A partner system's clock may run a little ahead; more than this in the future is an error.
CLOCK_SKEW = dt.timedelta(minutes=5)


class CaseError(Exception):
    """A change was refused. `errors` maps field names to Dutch messages for forms and API."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class PermissionRefused(Exception):
    """The caller may not do this to this case; pages and the API answer 404, as for a case
    outside the scope, so that a refusal reveals nothing."""


def append_event(
    case: Case, scope: Scope, type_: str, payload: dict[str, Any], at: dt.datetime
) -> Event:
    return Event.objects.create(
        case=case,
        type=type_,
        at=at,
        actor_user_id=scope.user_id,
        actor_label=scope.actor_label or "Systeem",
        payload=payload,
    )


def append_events(
    case: Case, scope: Scope, entries: list[tuple[str, dict[str, Any]]], at: dt.datetime
) -> list[Event]:
    """Several timeline entries of one moment in one INSERT (used by intake)."""
    events = [
        Event(
            case=case,
            type=type_,
            at=at,
            actor_user_id=scope.user_id,
            actor_label=scope.actor_label or "Systeem",
            payload=payload,
        )
        for type_, payload in entries
    ]
    return Event.objects.bulk_create(events)


def require_visible(scope: Scope, case: Case) -> None:
    """The caller sees this case. Read from the case as loaded; the actions that depend on
    its current state lock it and read it again before they change anything."""
    if not case_visible_to(scope, case):
        raise PermissionRefused("Case outside scope.")


def require_may_handle(scope: Scope) -> None:
    if not may_handle_cases(scope):
        raise PermissionRefused("Only municipal staff handle cases.")


def works_for_handling_organisation(scope: Scope, case: Case) -> bool:
    """The caller is (a user or system of) the provider or GR the case is with."""
    return (
        case.handling_organisation_id is not None
        and case.handling_organisation_id in scope.organisation_ids()
    )


def require_handles(scope: Scope, case: Case, field_name: str = "status") -> None:
    """Municipal staff handle the case; so does the provider or GR it was routed or
    forwarded to, once it accepted it (contact, progress, the outcome: the same write path)."""
    if may_handle_cases(scope):
        return
    if works_for_handling_organisation(scope, case):
        if case.accepted_at is None:
            raise CaseError({field_name: "Accepteer de zaak eerst."})
        return
    raise PermissionRefused("Neither municipal staff nor the organisation the case is with.")


def require_open(case: Case, field_name: str = "deadline") -> None:
    """A concluded case takes notes and contact (follow-up), but no new deadline facts."""
    if case.status in CONCLUDED_STATUSES:
        raise CaseError({field_name: concluded_message(case)})


def concluded_message(case: Case) -> str:
    if case.status == Status.AFGEHANDELD:
        return "Deze zaak is afgehandeld."
    return f"Deze zaak is niet meer open (status: {Status(case.status).label.lower()})."


def require_move(case: Case, to: str, field_name: str = "status") -> None:
    """The step from the case's status to `to` is in its kind's workflow."""
    if not workflow.may_move(case, to):
        raise CaseError({field_name: workflow.refusal(case, to)})


def lock_case(case: Case, scope: Scope) -> Case:
    """Serialise changes to one case: every check after this sees the latest state, the
    caller's view of it included (a colleague may have moved it out of the caller's sight)."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    require_visible(scope, locked)
    return locked


def deadline_payload(deadline: CaseDeadline) -> dict[str, Any]:
    return {
        "type": deadline.type,
        "regime": deadline.regime,
        "due": deadline.due.isoformat(),
        "options": list(deadline.options),
        "explanation": list(deadline.explanation),
    }


def moment_problem(at: dt.datetime, case: Case, now: dt.datetime) -> str:
    """Why `at` cannot be the moment of a fact of `case`, or "" when it can."""
    if timezone.is_naive(at):
        return "Geef een tijdstip met tijdzone."
    if at > now + CLOCK_SKEW:
        return "Dit tijdstip ligt in de toekomst."
    # Staff enter whole minutes: a call in the same minute as the receipt is not "before" it.
    if at < case.received_at.replace(second=0, microsecond=0):
        return "Dit tijdstip ligt vóór de ontvangst van de zaak."
    return ""


def check_moment(at: dt.datetime, case: Case, field_name: str, now: dt.datetime) -> None:
    problem = moment_problem(at, case, now)
    if problem:
        raise CaseError({field_name: problem})


def text_problem(value: str, limit: int, *, required: str = "") -> str:
    """Why a piece of text cannot be stored, or "" when it can.

    NUL cannot be stored in a PostgreSQL text column; it never belongs in what a person wrote.
    """
    if required and not value.strip():
        return required
    if len(value) > limit:
        return limits.too_long(limit)
    if "\x00" in value:
        return "Deze tekst bevat een onzichtbaar teken (NUL) dat niet kan worden opgeslagen."
    return ""


def staff_text(errors: dict[str, str], field: str, value: str, *, required: str) -> str:
    """Check a staff member's free text (note, reason, summary) into `errors`; the stripped
    text."""
    value = value.strip()
    problem = text_problem(value, limits.STAFF_TEXT, required=required)
    if problem:
        errors[field] = problem
    return value


def raise_if(errors: dict[str, str]) -> None:
    if errors:
        raise CaseError(errors)


def moments(at: dt.datetime | None) -> tuple[dt.datetime, dt.datetime]:
    """(at, now): the moment of the fact, by default now; the clock is read once."""
    now = timezone.now()
    return (at or now), now
