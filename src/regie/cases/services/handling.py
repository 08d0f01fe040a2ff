"""Handling a case: assign it, add a note, conclude it.

Each action has a check beside it (`case_<action>_check`): the rule for who may do it to which
case, callable on its own so that a page offers only what will be accepted, and called first
by the action itself, so the rule exists once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from regie.accounts.scope import Scope
from regie.cases.assignees import assignable_teams, may_be_assigned
from regie.cases.models import Case, Event, EventType
from regie.cases.services import complaint_procedure as procedure
from regie.cases.services.common import (
    CaseError,
    PermissionRefused,
    append_event,
    check_moment,
    lock_case,
    moments,
    raise_if,
    require_handles,
    require_may_handle,
    require_move,
    require_visible,
    staff_text,
)
from regie.cases.services.complaint_procedure import employee_conflict
from regie.directory.models import Team
from regie.vocabulary import COMPLAINT_OUTCOMES, OTHER_OUTCOMES, Kind, Outcome, Status


def display_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def case_assign_check(*, case: Case, scope: Scope, at: dt.datetime | None = None) -> None:
    """Municipal staff assign cases; providers and partner systems do not."""
    require_may_handle(scope)


def case_assign(
    *,
    case: Case,
    scope: Scope,
    team: Team | None = None,
    handler: User | None = None,
    at: dt.datetime | None = None,
) -> Case:
    """Give a case to a team and/or a person. Assigning a handler starts the handling.

    `at` is for importers that bring history along; it defaults to now. Whatever is not
    chosen stays as it is; the person who ends up with the case must be able to see it.
    """
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        case_assign_check(case=locked, scope=scope, at=at)
        check_moment(at, locked, "at", now)
        _check_assignees(locked, team, handler)
        before = {"team": locked.handling_team_id, "handler": locked.handler_id}
        fields = ["updated_at"]
        if team is not None:
            locked.handling_team = team
            fields.append("handling_team")
        if handler is not None:
            locked.handler = handler
            fields.append("handler")
        if locked.status == Status.ONTVANGEN and handler is not None:
            locked.status = Status.IN_BEHANDELING
            fields.append("status")
        locked.save(update_fields=fields)
        append_event(
            locked,
            scope,
            EventType.ASSIGNED,
            {
                "before": before,
                "team": locked.handling_team_id,
                "teamName": locked.handling_team.name if locked.handling_team else "",
                "handler": locked.handler_id,
                "handlerName": display_name(locked.handler) if locked.handler else "",
            },
            at=at,
        )
    return locked


def _check_assignees(case: Case, team: Team | None, handler: User | None) -> None:
    """The team must belong to the case's municipality; the handler afterwards (the one
    chosen, or the one who keeps it when only the team changes) must be able to see it."""
    if team is None and handler is None:
        raise CaseError({"team": "Kies een team of een behandelaar."})
    if (team is None or team.pk == case.handling_team_id) and (
        handler is None or handler.pk == case.handler_id
    ):
        # Recording an assignment that changes nothing would only clutter the timeline.
        raise CaseError(
            {"team": "Dit is al zo toegewezen. Kies een ander team of een andere behandelaar."}
        )
    if team is not None and not assignable_teams(case).filter(pk=team.pk).exists():
        raise CaseError({"team": "Dit team hoort niet bij de gemeente van deze zaak."})
    if handler is not None:
        if conflict := employee_conflict(case, handler):
            raise CaseError({"handler": conflict})
        if not may_be_assigned(case, handler, team=team):
            raise CaseError(
                {
                    "handler": f"{display_name(handler)} kan deze zaak niet behandelen: de zaak "
                    "valt buiten het werk van deze persoon. Kies iemand anders, of wijs de zaak "
                    "eerst toe aan het team van deze persoon."
                }
            )
    elif case.handler is not None and not may_be_assigned(case, case.handler, team=team):
        raise CaseError(
            {
                "team": f"Dan kan de behandelaar, {display_name(case.handler)}, deze zaak niet "
                "meer zien. Kies ook een andere behandelaar."
            }
        )


def case_add_note_check(*, case: Case, scope: Scope, at: dt.datetime | None = None) -> None:
    """Everyone who works with the case may add a note: staff, providers, partner systems."""
    if scope.public or scope.is_empty:
        raise PermissionRefused("Notes are for people who work with the case.")


def case_add_note(
    *,
    case: Case,
    scope: Scope,
    text: str,
    shareable: bool = False,
    at: dt.datetime | None = None,
) -> Event:
    """An internal note on the timeline. Never shown to the submitter. A `shareable` note
    may go into the dossier for the ombudsman (`regie.documents.dossier`); the payload says
    so only when it is (`"shareable": true`), so every older note stays internal.

    `at` is for importers that bring history along; it defaults to now.
    """
    require_visible(scope, case)
    case_add_note_check(case=case, scope=scope, at=at)
    at, now = moments(at)
    errors: dict[str, str] = {}
    text = staff_text(errors, "text", text, required="Schrijf eerst een notitie.")
    raise_if(errors)
    check_moment(at, case, "at", now)
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(updated_at=now)
        payload: dict[str, object] = {"text": text}
        if shareable:
            payload["shareable"] = True
        return append_event(case, scope, EventType.NOTE_ADDED, payload, at=at)


def case_conclude_check(*, case: Case, scope: Scope, at: dt.datetime | None = None) -> None:
    """Whoever handles an open case concludes it: municipal staff, or the provider or GR it
    is with once accepted; the municipality sees the outcome."""
    require_handles(scope, case)
    if case.status == Status.AFGEHANDELD:
        # About the case, not about a field: a form shows it for the whole form.
        raise CaseError({"status": "Deze zaak is al afgehandeld."})
    require_move(case, Status.AFGEHANDELD)


def case_conclude(
    *,
    case: Case,
    scope: Scope,
    outcome: str,
    summary: str,
    judgements: Sequence[Mapping[str, Any]] = (),
    at: dt.datetime | None = None,
) -> Case:
    """Close a case with its outcome. For a complaint this meets the handling term.

    `judgements` judge the complaint per element (Awb 9:12): each a mapping with element,
    judgement (`Judgement`), norm (`Norm`, or ""), reasons and measures ("what will be done",
    or ""). A written complaint judged after formal handling needs at least one, and its
    hearing held or the reason not to hear recorded (9:10). When judgements are given they
    decide the outcome (`complaint_procedure.outcome_of`); `outcome` may then be "". The
    CONCLUDED event carries the judgements and, for a complaint under the Awb, the ombudsman
    and the last day to go there (9:12, 9:24).
    """
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        case_conclude_check(case=locked, scope=scope, at=at)
        errors: dict[str, str] = {}
        allowed = COMPLAINT_OUTCOMES if locked.kind == Kind.KLACHT else OTHER_OUTCOMES
        checked: list[dict[str, str]] = []
        if judgements and locked.kind != Kind.KLACHT:
            errors["judgements"] = "Alleen een klacht krijgt een oordeel per onderdeel."
        elif judgements:
            checked = procedure.check_judgements(errors, judgements)
        follows = procedure.outcome_of(checked) if checked and not errors else ""
        if not outcome and follows:
            outcome = follows
        if outcome not in allowed:
            errors["outcome"] = "Kies een uitkomst die bij deze zaak past."
        elif follows and outcome != follows:
            errors["outcome"] = (
                f"De oordelen per onderdeel komen uit op: {Outcome(follows).label.lower()}. "
                "Kies die uitkomst, of pas de oordelen aan."
            )
        elif checked and not errors and outcome not in procedure.JUDGING_OUTCOMES:
            errors["outcome"] = (
                "Een klacht met een oordeel per onderdeel is gegrond, deels gegrond of "
                "ongegrond. Kies een van die uitkomsten."
            )
        summary = staff_text(
            errors, "summary", summary, required="Schrijf kort op hoe de zaak is afgehandeld."
        )
        if "outcome" not in errors and procedure.refused_under_awb(locked, outcome):
            # Awb 9:8 has its own write path: the ground, and the four weeks.
            errors["outcome"] = procedure.USE_REFUSAL
        if "outcome" not in errors and procedure.needs_judgements(locked, outcome):
            if not judgements:
                errors["judgements"] = (
                    "Geef per onderdeel van de klacht uw oordeel, met de reden (Awb artikel 9:12)."
                )
            if not procedure.hearing_state(locked).settled:
                errors["hearing"] = (
                    "De indiener is nog niet gehoord. Leg eerst vast dat het horen is geweest, "
                    "of waarom de indiener niet wordt gehoord (Awb artikel 9:10)."
                )
        raise_if(errors)
        check_moment(at, locked, "at", now)
        latest = locked.events.order_by("-at").values_list("at", flat=True).first()
        if latest is not None and at < latest:
            raise CaseError(
                {"at": "De afhandeling ligt vóór de laatste gebeurtenis op de tijdlijn."}
            )
        procedure.record_conclusion(locked, outcome, at, now)
        payload: dict[str, Any] = {"outcome": outcome, "summary": summary}
        if checked:
            payload["judgements"] = procedure.store_judgements(locked, checked, at)
        if route := procedure.ombudsman_route(locked, at):
            payload["ombudsman"] = route
        append_event(locked, scope, EventType.CONCLUDED, payload, at=at)
    return locked
