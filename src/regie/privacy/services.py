"""Writing the access log (the audit of who was shown which case's personal data)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from regie.accounts.scope import Scope
from regie.cases.models import Case
from regie.privacy.models import AccessLog


def access_record(
    *, case: Case, scope: Scope, action: str, purpose: str, at: dt.datetime | None = None
) -> AccessLog:
    """Record that `scope` was shown this case's personal data at `at` (default now)."""
    return AccessLog.objects.create(
        at=at or timezone.now(),
        case=case,
        action=action,
        user_id=scope.user_id,
        api_client_id=scope.api_client_id,
        actor_label=scope.actor_label or "onbekend",
        purpose=purpose[:200],
    )
