"""Break the glass: opening a case outside one's own work, with a reason.

Least privilege means a handler sees their own cases and their team's queue. A resident who
calls about a case in another team's queue must still be helped, so municipal staff may open
any case of a municipality they work for, but only after saying why; for a few hours that case
is theirs to see (an `accounts.CaseGrant`), and every showing of it is in the audit log with
that reason, marked as outside their own work, for the privacy officer to review.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from django.conf import settings
from django.utils import timezone

from regie.accounts.models import CaseGrant
from regie.accounts.request_memo import forget
from regie.accounts.scope import Scope
from regie.cases import selectors
from regie.cases.models import Case

REASON_MIN = 10
REASON_MAX = 1000


class GlassRefused(Exception):
    """The reason is missing or too short or long; `errors` maps the field to a Dutch text."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


def own_work(scope: Scope) -> Scope:
    """The scope without the cases opened through the glass: what is this person's own work."""
    return dataclasses.replace(scope, grants=tuple(g for g in scope.grants if g.case_id is None))


def case_behind_glass(scope: Scope, reference: str) -> Case | None:
    """The case with this reference that `scope` may open after giving a reason: a case of a
    municipality they handle cases for, that they do not see already. A summary-only case of
    a provider stays closed: the council agreed to see no more of that work than a summary."""
    if not scope.glass_municipality_ids or scope.user_id is None:
        return None
    case = (
        Case.objects.filter(
            reference=reference,
            municipality_id__in=scope.glass_municipality_ids,
            summary_only=False,
        )
        .select_related("municipality")
        .first()
    )
    if case is None or selectors.case_visible_to(scope, case):
        return None
    return case


def glass_break_check(*, scope: Scope, case: Case, reason: str) -> str:
    """The reason as it will be stored; raises GlassRefused with a field error otherwise."""
    reason = " ".join(reason.split())
    if len(reason) < REASON_MIN:
        raise GlassRefused(
            {
                "reden": "Schrijf op waarom u deze zaak opent, in minstens "
                f"{REASON_MIN} tekens. Bijvoorbeeld: inwoner belt over de stand van zaken."
            }
        )
    if len(reason) > REASON_MAX:
        raise GlassRefused({"reden": f"Gebruik hooguit {REASON_MAX} tekens."})
    if case.municipality_id not in scope.glass_municipality_ids or scope.user_id is None:
        raise GlassRefused({"reden": "U kunt deze zaak niet openen."})
    return reason


def glass_break(
    *, scope: Scope, case: Case, reason: str, now: dt.datetime | None = None
) -> CaseGrant:
    """Let this person see `case` for REGIE_BREAK_GLASS_HOURS, for the reason they gave."""
    checked = glass_break_check(scope=scope, case=case, reason=reason)
    assert scope.user_id is not None  # the check refuses a scope without a person
    now = now or timezone.now()
    grant = CaseGrant.objects.create(
        user_id=scope.user_id,
        case=case,
        reason=checked,
        granted_at=now,
        expires_at=now + dt.timedelta(hours=settings.REGIE_BREAK_GLASS_HOURS),
    )
    forget()  # the rest of this request sees the case too
    return grant


def glass_reason(scope: Scope, case: Case, *, now: dt.datetime | None = None) -> str | None:
    """Why `scope` sees `case` when it is not their own work (the reason they gave); None when
    it is their own work."""
    if scope.everything or scope.user_id is None:
        return None
    if selectors.case_visible_to(own_work(scope), case):
        return None
    grant = (
        CaseGrant.objects.filter(
            user_id=scope.user_id, case=case, expires_at__gt=now or timezone.now()
        )
        .order_by("-granted_at")
        .first()
    )
    return grant.reason if grant is not None else None
