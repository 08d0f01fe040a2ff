"""The Awb complaint procedure where the law is strict.

Awb 9:7: a complaint about how an employee behaved is handled by someone who was not
involved. Naming the employee a complaint is about makes that a rule of the register: the
employee cannot handle it (`cases.assignees` leaves them out, `case_assign` refuses them),
and while they are its handler they cannot be named (assign a colleague first).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q, QuerySet

from regie.accounts.scope import Scope
from regie.cases.models import Case, EventType
from regie.cases.services.common import (
    CaseError,
    append_event,
    check_moment,
    lock_case,
    moments,
    require_may_handle,
    require_visible,
)
from regie.vocabulary import CLOSED_STATUSES, Kind, Role

# People whose conduct can be the subject of a complaint to the municipality: its own staff
# and management; not council members and not a provider's people (their complaints go to
# the provider's own scheme, LEGAL.md §5).
EMPLOYEE_ROLES = frozenset(set(Role) - {Role.RAAD, Role.AANBIEDER})


def display_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def employees_of(case: Case) -> QuerySet[User]:
    """The people of the case's municipality a complaint can be about, by name."""
    return (
        User.objects.filter(is_active=True, memberships__role__in=EMPLOYEE_ROLES)
        .filter(
            Q(memberships__municipality_id=case.municipality_id)
            | Q(memberships__team__municipality_id=case.municipality_id)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def employee_conflict(case: Case, handler: User) -> str:
    """Why `handler` may not handle `case` under Awb 9:7, or ""."""
    if case.employee_concerned_id is not None and handler.pk == case.employee_concerned_id:
        return (
            f"{display_name(handler)} kan deze klacht niet behandelen: de klacht gaat over "
            "deze persoon (Awb 9:7). Kies iemand die er niet bij betrokken was."
        )
    return ""


def case_name_employee_check(*, case: Case, scope: Scope, at: dt.datetime | None = None) -> None:
    """Municipal staff record which employee an open complaint is about."""
    require_may_handle(scope)
    if case.kind != Kind.KLACHT:
        raise CaseError({"status": "Alleen een klacht kan over een medewerker gaan."})
    if case.status in CLOSED_STATUSES:
        raise CaseError({"status": "Deze klacht is gesloten."})


def case_name_employee(
    *, case: Case, scope: Scope, employee: User, at: dt.datetime | None = None
) -> Case:
    """Record that the complaint is about `employee`'s conduct (Awb 9:7)."""
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        case_name_employee_check(case=locked, scope=scope, at=at)
        check_moment(at, locked, "at", now)
        if not employees_of(locked).filter(pk=employee.pk).exists():
            raise CaseError({"employee": "Kies een medewerker van deze gemeente."})
        if employee.pk == locked.employee_concerned_id:
            raise CaseError({"employee": "Dit staat al zo bij de klacht."})
        if employee.pk == locked.handler_id:
            raise CaseError(
                {
                    "employee": f"{display_name(employee)} behandelt deze klacht zelf. Wijs de "
                    "klacht eerst toe aan een collega die er niet bij betrokken was (Awb 9:7)."
                }
            )
        locked.employee_concerned = employee
        locked.save(update_fields=["employee_concerned", "updated_at"])
        append_event(
            locked,
            scope,
            EventType.EMPLOYEE_NAMED,
            {"employee": employee.pk, "employeeName": display_name(employee)},
            at=at,
        )
    return locked
