"""Writing the audit log: who was shown, changed, exported or downloaded which personal data,
when, from where and why."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from regie.accounts.scope import Scope
from regie.cases.models import Case
from regie.privacy.context import client_address
from regie.privacy.models import AccessLog


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
    at: dt.datetime | None = None,
) -> AccessLog:
    """Record one export or download that is not one case's page: a report, a dossier, a list,
    the audit log itself. One export, one record."""
    return AccessLog.objects.create(
        at=at or timezone.now(),
        subject=subject[:200],
        municipality_id=municipality_id,
        action=AccessLog.Action.DOWNLOADED,
        user_id=scope.user_id,
        api_client_id=scope.api_client_id,
        actor_label=scope.actor_label or "onbekend",
        ip_address=client_address(),
        purpose=purpose[:200],
    )
