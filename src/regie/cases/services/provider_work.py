"""The provider's or GR's side of a case that was routed or forwarded to it: accept it,
report progress, or give it back to the municipality. Contact and the outcome go through the
same services as the municipality's (`case_record_contact`, `case_conclude`), whose checks let
the organisation in once it has accepted. The municipality sees all of it on the timeline.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from regie.accounts.scope import Scope
from regie.cases.models import Case, Event, EventType
from regie.cases.services.common import (
    CaseError,
    PermissionRefused,
    append_event,
    check_moment,
    lock_case,
    moments,
    raise_if,
    require_open,
    require_visible,
    staff_text,
    works_for_handling_organisation,
)
from regie.vocabulary import Status


def _require_with_us(scope: Scope, case: Case) -> None:
    if not works_for_handling_organisation(scope, case):
        raise PermissionRefused("The case is not with the caller's organisation.")


def case_accept_check(*, case: Case, scope: Scope, at: dt.datetime | None = None) -> None:
    """The organisation the case is with accepts it, once."""
    _require_with_us(scope, case)
    require_open(case, "status")
    if case.accepted_at is not None:
        raise CaseError({"status": "Deze zaak is al geaccepteerd."})


def case_accept(*, case: Case, scope: Scope, at: dt.datetime | None = None) -> Case:
    """The provider or GR takes the work on: the handling has started."""
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        case_accept_check(case=locked, scope=scope, at=at)
        check_moment(at, locked, "at", now)
        locked.accepted_at = at
        fields = ["accepted_at", "updated_at"]
        if locked.status == Status.ONTVANGEN:
            locked.status = Status.IN_BEHANDELING
            fields.append("status")
        locked.save(update_fields=fields)
        organisation = locked.handling_organisation
        assert organisation is not None
        append_event(
            locked,
            scope,
            EventType.ACCEPTED,
            {"organisation": organisation.slug, "organisationName": organisation.name},
            at=at,
        )
    return locked


def case_add_update_check(*, case: Case, scope: Scope, at: dt.datetime | None = None) -> None:
    """The organisation reports progress on an open case it accepted."""
    _require_with_us(scope, case)
    require_open(case, "status")
    if case.accepted_at is None:
        raise CaseError({"status": "Accepteer de zaak eerst."})


def case_add_update(*, case: Case, scope: Scope, text: str, at: dt.datetime | None = None) -> Event:
    """Progress from the provider or GR for the municipality (what was agreed, what was done).
    Unlike an internal note, both sides read it."""
    require_visible(scope, case)
    at, now = moments(at)
    errors: dict[str, str] = {}
    text = staff_text(errors, "text", text, required="Schrijf op wat er is gebeurd.")
    raise_if(errors)
    with transaction.atomic():
        locked = lock_case(case, scope)
        case_add_update_check(case=locked, scope=scope, at=at)
        check_moment(at, locked, "at", now)
        Case.objects.filter(pk=locked.pk).update(updated_at=now)
        return append_event(locked, scope, EventType.PROGRESS, {"text": text}, at=at)


def case_give_back_check(*, case: Case, scope: Scope, at: dt.datetime | None = None) -> None:
    """The organisation gives an open case back to the municipality (not its work, or it
    cannot help); it never moves a case to a municipal team itself."""
    _require_with_us(scope, case)
    require_open(case, "status")


def case_give_back(*, case: Case, scope: Scope, reason: str, at: dt.datetime | None = None) -> Case:
    """Back to the municipality, with the reason: a hand-over like any other."""
    require_visible(scope, case)
    at, now = moments(at)
    errors: dict[str, str] = {}
    reason = staff_text(errors, "reason", reason, required="Schrijf op waarom.")
    raise_if(errors)
    with transaction.atomic():
        locked = lock_case(case, scope)
        case_give_back_check(case=locked, scope=scope, at=at)
        check_moment(at, locked, "at", now)
        organisation = locked.handling_organisation
        assert organisation is not None
        before = {"organisation": organisation.slug, "organisationName": organisation.name}
        locked.handling_organisation = None
        locked.accepted_at = None
        locked.handovers += 1
        locked.save(
            update_fields=["handling_organisation", "accepted_at", "handovers", "updated_at"]
        )
        after = {
            "team": locked.handling_team_id,
            "teamName": locked.handling_team.name if locked.handling_team else "",
            "organisation": None,
            "organisationName": "",
        }
        append_event(
            locked,
            scope,
            EventType.HANDED_OVER,
            {"before": before, "after": after, "reason": reason, "by": "organisatie"},
            at=at,
        )
    return locked
