"""Handling a case: assign, note, conclude, and the acknowledgement that went out."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import dateformat, timezone

from regie.accounts.models import Membership
from regie.accounts.scope import Scope
from regie.cases import deadlines as case_deadlines
from regie.cases.models import Case, Event, EventType
from regie.cases.services.common import (
    MAX_TEXT,
    CaseError,
    PermissionRefused,
    append_event,
    check_moment,
    lock_case,
    require_open,
    require_staff,
    require_visible,
)
from regie.directory.models import Team
from regie.vocabulary import COMPLAINT_OUTCOMES, OTHER_OUTCOMES, Kind, Status

# The actor of what Regie does by itself (sending mail), on the timeline.
SYSTEM = Scope(actor_label="Regie (automatisch)")


def _user_works_for(user: User, case: Case) -> bool:
    if user.is_superuser:
        return True
    return (
        Membership.objects.filter(user=user).filter(municipality_id=case.municipality_id).exists()
        or Membership.objects.filter(user=user, team__municipality_id=case.municipality_id).exists()
    )


def case_assign(
    *,
    case: Case,
    scope: Scope,
    team: Team | None = None,
    handler: User | None = None,
    at: dt.datetime | None = None,
) -> Case:
    """Give a case to a team and/or a person. Assigning a handler starts the handling.

    `at` is for importers that bring history along; it defaults to now.
    """
    require_visible(scope, case)
    if at is not None:
        check_moment(at, case, "at")
    if scope.api_client_id is not None or scope.organisation_ids():
        raise PermissionRefused("Only municipal staff assign cases.")
    errors: dict[str, str] = {}
    if team is None and handler is None:
        errors["team"] = "Kies een team of een behandelaar."
    if team is not None and team.municipality_id != case.municipality_id:
        errors["team"] = "Dit team hoort niet bij de gemeente van deze zaak."
    if handler is not None and not (handler.is_active and _user_works_for(handler, case)):
        errors["handler"] = "Deze persoon werkt niet voor de gemeente van deze zaak."
    if errors:
        raise CaseError(errors)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
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
                "handlerName": (locked.handler.get_full_name() or locked.handler.get_username())
                if locked.handler
                else "",
            },
            at=at,
        )
    return locked


def case_add_note(*, case: Case, scope: Scope, text: str, at: dt.datetime | None = None) -> Event:
    """An internal note on the timeline. Never shown to the submitter.

    `at` is for importers that bring history along; it defaults to now.
    """
    require_visible(scope, case)
    text = text.strip()
    if not text:
        raise CaseError({"text": "Schrijf eerst een notitie."})
    if len(text) > MAX_TEXT:
        raise CaseError({"text": "Een notitie mag hooguit 10.000 tekens hebben."})
    if at is not None:
        check_moment(at, case, "at")
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
        return append_event(case, scope, EventType.NOTE_ADDED, {"text": text}, at=at)


def case_conclude(
    *, case: Case, scope: Scope, outcome: str, summary: str, at: dt.datetime | None = None
) -> Case:
    """Close a case with its outcome. For a complaint this meets the handling term; the
    written, reasoned answer with the ombudsman route (Awb 9:12) is summarised here."""
    require_visible(scope, case)
    require_staff(scope)
    summary = summary.strip()
    at = at or timezone.now()
    errors: dict[str, str] = {}
    allowed = COMPLAINT_OUTCOMES if case.kind == Kind.KLACHT else OTHER_OUTCOMES
    if outcome not in allowed:
        errors["outcome"] = "Kies een uitkomst die bij deze zaak past."
    if not summary:
        errors["summary"] = "Schrijf kort op hoe de zaak is afgehandeld."
    elif len(summary) > MAX_TEXT:
        errors["summary"] = "Gebruik hooguit 10.000 tekens."
    if errors:
        raise CaseError(errors)
    check_moment(at, case, "at")
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.status == Status.AFGEHANDELD:
            raise CaseError({"outcome": "Deze zaak is al afgehandeld."})
        latest = locked.events.order_by("-at").values_list("at", flat=True).first()
        if latest is not None and at < latest:
            raise CaseError(
                {"at": "De afhandeling ligt vóór de laatste gebeurtenis op de tijdlijn."}
            )
        case_deadlines.mark_met(locked, case_deadlines.COMPLAINT_HANDLING, at)
        locked.status = Status.AFGEHANDELD
        locked.outcome = outcome
        locked.concluded_at = at
        locked.next_due = None
        locked.save(update_fields=["status", "outcome", "concluded_at", "next_due", "updated_at"])
        append_event(
            locked, scope, EventType.CONCLUDED, {"outcome": outcome, "summary": summary}, at=at
        )
    return locked


def case_record_acknowledgement(
    *, case: Case, scope: Scope, to: str, sent_at: dt.datetime, by: str = "post"
) -> Event:
    """Staff record that the acknowledgement (Awb 9:6: in writing) went out, usually a letter
    to someone who left no e-mail address. It meets the acknowledgement deadline."""
    require_visible(scope, case)
    require_staff(scope)
    if by not in ("email", "post"):
        raise CaseError({"by": "Kies e-mail of post."})
    if len(to) > 300:
        raise CaseError({"to": "Gebruik hooguit 300 tekens."})
    check_moment(sent_at, case, "sent_at")
    with transaction.atomic():
        # Locked and checked, so a second click or a colleague who was first gets a message
        # instead of a second letter on the timeline.
        locked = lock_case(case)
        require_open(locked)
        deadline = case_deadlines.current(locked, case_deadlines.ACKNOWLEDGEMENT)
        if deadline is None:
            raise CaseError(
                {"deadline": "Voor deze zaak hoeft geen ontvangstbevestiging te worden verstuurd."}
            )
        if deadline.met_at is not None:
            sent_on = dateformat.format(timezone.localdate(deadline.met_at), "l j F Y")
            raise CaseError({"deadline": f"De ontvangstbevestiging is al verstuurd, op {sent_on}."})
        case_deadlines.mark_met(locked, case_deadlines.ACKNOWLEDGEMENT, sent_at)
        return append_event(locked, scope, EventType.ACKNOWLEDGED, {"to": to, "by": by}, at=sent_at)


def case_record_acknowledgement_emailed(*, case: Case, to: str, sent_at: dt.datetime) -> Event:
    """The outbox delivered the acknowledgement e-mail: Regie itself records the fact.

    Not reachable from any screen or the API; only `notifications.services.deliver` calls it,
    after the mail server accepted the message.
    """
    with transaction.atomic():
        case_deadlines.mark_met(case, case_deadlines.ACKNOWLEDGEMENT, sent_at)
        return append_event(
            case, SYSTEM, EventType.ACKNOWLEDGED, {"to": to, "by": "email"}, at=sent_at
        )


def staff_user(username: str) -> User | None:
    user_model = get_user_model()
    found = user_model.objects.filter(username=username).first()
    return found if isinstance(found, User) else None
