"""Writing the audit log: who was shown, changed, exported or downloaded which personal data,
when, from where and why."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from regie.accounts.models import ApiClient
from regie.accounts.scope import Scope
from regie.cases.models import Case, Event
from regie.privacy.context import client_address, current_request
from regie.privacy.models import AccessLog

# A change with nobody behind it: the command line, the daily job, an import, the demo.
SYSTEM = "Systeem"
# A case that comes in through the public form has no account behind it.
RESIDENT = "Inwoner (website)"


def access_record(
    *,
    case: Case,
    scope: Scope,
    action: str,
    purpose: str,
    at: dt.datetime | None = None,
    reason: str = "",
    outside_own_work: bool = False,
) -> AccessLog:
    """Record that `scope` was shown (or changed) this case's personal data at `at` (default
    now). One call, one record: callers call it once per showing."""
    return AccessLog.objects.create(
        at=at or timezone.now(),
        case=case,
        case_reference=case.reference,
        municipality_id=case.municipality_id,
        action=action,
        user_id=scope.user_id,
        api_client_id=scope.api_client_id,
        actor_label=scope.actor_label or "onbekend",
        ip_address=client_address(),
        purpose=purpose[:200],
        reason=reason,
        outside_own_work=outside_own_work,
    )


def download_record(
    *,
    subject: str,
    scope: Scope,
    purpose: str,
    municipality_id: int | None = None,
    case: Case | None = None,
    at: dt.datetime | None = None,
    action: str = AccessLog.Action.DOWNLOADED,
) -> AccessLog:
    """Record one export or download: a report, a dossier, a letter, a list, the audit log
    itself. One export, one record; `case` when the file is about one case. A partner
    system's list is `action=EXPORTED`."""
    return AccessLog.objects.create(
        at=at or timezone.now(),
        case=case,
        case_reference=case.reference if case is not None else "",
        subject=subject[:200],
        municipality_id=case.municipality_id if case is not None else municipality_id,
        action=action,
        user_id=scope.user_id,
        api_client_id=scope.api_client_id,
        actor_label=scope.actor_label or "onbekend",
        ip_address=client_address(),
        purpose=purpose[:200],
    )


def _api_client_of_request() -> ApiClient | None:
    # DRF puts the authenticated client on the underlying request as its `user`.
    request = current_request()
    user = getattr(request, "user", None) if request is not None else None
    return user if isinstance(user, ApiClient) else None


def change_record(*, event: Event) -> AccessLog:
    """One CHANGED record for one entry on a case's timeline: who and when are the event's,
    from where is the request's (none for the command line and background work)."""
    case = event.case
    client = _api_client_of_request() if event.actor_user_id is None else None
    return AccessLog.objects.create(
        at=event.at,
        case=case,
        case_reference=case.reference,
        municipality_id=case.municipality_id,
        action=AccessLog.Action.CHANGED,
        user_id=event.actor_user_id,
        api_client_id=client.pk if client is not None else None,
        actor_label=(event.actor_label or SYSTEM)[:200],
        ip_address=client_address(),
        purpose=f"Wijziging: {event.get_type_display()}"[:200],
    )


def registration_record(*, case: Case) -> AccessLog:
    """One CHANGED record for a new case: its personal data came in. The intake writes its
    first timeline entries in one INSERT, which sends no signals, so the case itself is the
    hook; who registered it comes from the request (staff, a provider's person, a partner
    system, or a resident through the form), or is the system (import, demo, command line)."""
    request = current_request()
    user = getattr(request, "user", None) if request is not None else None
    client = _api_client_of_request()
    user_id = None
    if client is not None:
        label = f"Koppeling {client.name}"
    elif user is not None and getattr(user, "is_authenticated", False):
        user_id = user.pk
        label = user.get_full_name() or user.get_username()
    elif request is not None:
        label = RESIDENT
    else:
        label = SYSTEM
    return AccessLog.objects.create(
        at=case.created_at or timezone.now(),
        case=case,
        case_reference=case.reference,
        municipality_id=case.municipality_id,
        action=AccessLog.Action.CHANGED,
        user_id=user_id,
        api_client_id=client.pk if client is not None else None,
        actor_label=label[:200],
        ip_address=client_address(),
        purpose="Zaak geregistreerd",
    )
