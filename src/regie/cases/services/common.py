"""What every write-path function shares: errors, the timeline append, checks."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from regie.accounts.scope import Scope
from regie.cases.models import Case, CaseDeadline, Event
from regie.cases.selectors import cases_visible_to
from regie.vocabulary import Status

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Free text written by staff (notes, reasons, summaries).
MAX_TEXT = 10_000
# A partner system's clock may run a little ahead; more than this in the future is an error.
CLOCK_SKEW = dt.timedelta(minutes=5)


class CaseError(Exception):
    """A change was refused. `errors` maps field names to Dutch messages for forms and API."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class PermissionRefused(Exception):
    pass


def append_event(
    case: Case, scope: Scope, type_: str, payload: dict[str, Any], at: dt.datetime | None = None
) -> Event:
    return Event.objects.create(
        case=case,
        type=type_,
        at=at or timezone.now(),
        actor_user_id=scope.user_id,
        actor_label=scope.actor_label or "Systeem",
        payload=payload,
    )


def require_visible(scope: Scope, case: Case) -> None:
    if not cases_visible_to(scope).filter(pk=case.pk).exists():
        raise PermissionRefused("Case outside scope.")


def deadline_payload(deadline: CaseDeadline) -> dict[str, Any]:
    return {
        "type": deadline.type,
        "regime": deadline.regime,
        "due": deadline.due.isoformat(),
        "options": list(deadline.options),
        "explanation": list(deadline.explanation),
    }


def check_moment(at: dt.datetime, case: Case, field_name: str) -> None:
    if timezone.is_naive(at):
        raise CaseError({field_name: "Geef een tijdstip met tijdzone."})
    if at > timezone.now() + CLOCK_SKEW:
        raise CaseError({field_name: "Dit tijdstip ligt in de toekomst."})
    # Staff enter whole minutes: a call in the same minute as the receipt is not "before" it.
    if at < case.received_at.replace(second=0, microsecond=0):
        raise CaseError({field_name: "Dit tijdstip ligt vóór de ontvangst van de zaak."})


def require_staff(scope: Scope) -> None:
    if scope.api_client_id is not None or scope.organisation_ids() or scope.public:
        raise PermissionRefused("Only municipal staff record this.")


def lock_case(case: Case) -> Case:
    """Serialise changes to one case: every check after this sees the latest state."""
    return Case.objects.select_for_update().get(pk=case.pk)


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


def require_open(case: Case, field_name: str = "deadline") -> None:
    """A closed case takes notes and contact (follow-up), but no new deadline facts."""
    if case.status == Status.AFGEHANDELD:
        raise CaseError({field_name: "Deze zaak is afgehandeld."})
