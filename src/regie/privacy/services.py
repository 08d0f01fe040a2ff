from __future__ import annotations

from regie.accounts.scope import Scope
from regie.cases.models import Case
from regie.privacy.models import AccessLog


def access_record(*, case: Case, scope: Scope, action: str, purpose: str) -> AccessLog:
    """Record that `scope` was shown this case's personal data."""
    return AccessLog.objects.create(
        case=case,
        action=action,
        user_id=scope.user_id,
        api_client_id=scope.api_client_id,
        actor_label=scope.actor_label or "onbekend",
        purpose=purpose[:200],
    )
