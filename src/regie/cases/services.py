"""The one write path for every change to a case.

Each function checks permission, writes the change and appends an Event in one transaction.
The public form, staff screens, the API, the CLI and the demo generator all call these.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from regie.accounts.models import ApiClient, Membership
from regie.accounts.scope import Scope
from regie.cases import deadlines as case_deadlines
from regie.cases.models import (
    Case,
    CaseDeadline,
    Event,
    EventType,
    IdempotencyRecord,
    ReferenceCounter,
)
from regie.cases.selectors import cases_visible_to
from regie.directory.models import Municipality, Organisation, Team
from regie.vocabulary import (
    COMPLAINT_OUTCOMES,
    OTHER_OUTCOMES,
    REFERENCE_PREFIX,
    Kind,
    Status,
    Urgency,
)

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


class IdempotencyConflict(Exception):
    """The Idempotency-Key was used before with a different request body."""


@dataclass(frozen=True)
class Person:
    name: str = ""
    email: str = ""
    phone: str = ""
    anonymous: bool = False


@dataclass(frozen=True)
class IntakeRequest:
    municipality: Municipality
    kind: str
    channel: str
    description: str
    domain: str = "overig"
    subject: str = ""
    received_at: dt.datetime | None = None
    urgency: str = Urgency.NORMAAL
    submitter: Person = field(default_factory=Person)
    on_behalf_of_name: str = ""
    on_behalf_of_relation: str = ""
    about: Organisation | None = None


@dataclass(frozen=True)
class IntakeResult:
    case: Case
    created: bool


def _append_event(
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


def _next_reference(kind: str, received_at: dt.datetime) -> str:
    prefix = REFERENCE_PREFIX[Kind(kind)]
    year = received_at.astimezone(AMSTERDAM).year
    # The UPDATE takes a row lock held to the end of the intake transaction, so two intakes
    # never get the same number; the unique constraint on Case.reference is the backstop.
    updated = ReferenceCounter.objects.filter(prefix=prefix, year=year).update(last=F("last") + 1)
    if not updated:
        try:
            with transaction.atomic():
                ReferenceCounter.objects.create(prefix=prefix, year=year, last=1)
        except IntegrityError:
            ReferenceCounter.objects.filter(prefix=prefix, year=year).update(last=F("last") + 1)
    number = ReferenceCounter.objects.values_list("last", flat=True).get(prefix=prefix, year=year)
    return f"{prefix}-{year}-{number:06d}"


def _check_may_submit(scope: Scope, municipality: Municipality, about: Organisation | None) -> None:
    if scope.public or scope.everything:
        return
    for grant in scope.grants:
        if grant.municipality_id == municipality.pk:
            return
        if grant.team_municipality_id == municipality.pk:
            return
        if (
            grant.organisation_id is not None
            and municipality.organisations.filter(pk=grant.organisation_id).exists()
        ):
            return
    raise CaseError({"municipality": "U mag geen zaken registreren voor deze gemeente."})


def _validate_intake(req: IntakeRequest) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not req.description.strip():
        errors["description"] = "Beschrijf wat er aan de hand is."
    person = req.submitter
    if req.kind in (Kind.KLACHT, Kind.HULPVRAAG):
        # A formal complaint (Awb 9:4) needs a name, and help needs someone to help:
        # anonymity is allowed only for signals and reports.
        if person.anonymous:
            errors["submitter.anonymous"] = (
                "Een klacht of hulpvraag kan niet anoniem. Vul uw naam en een manier om u te "
                "bereiken in."
            )
        else:
            if not person.name.strip():
                errors["submitter.name"] = "Vul uw naam in."
            if not (person.email.strip() or person.phone.strip()):
                errors["submitter.email"] = "Vul een e-mailadres of telefoonnummer in."
    if req.received_at is not None:
        if timezone.is_naive(req.received_at):
            errors["receivedAt"] = (
                "Geef een tijdstip met tijdzone, bijvoorbeeld 2026-03-24T09:30:00+01:00."
            )
        elif req.received_at > timezone.now() + CLOCK_SKEW:
            errors["receivedAt"] = "Het tijdstip van ontvangst ligt in de toekomst."
    if (
        req.about is not None
        and not req.about.municipalities.filter(pk=req.municipality.pk).exists()
    ):
        errors["about"] = "Deze organisatie werkt niet voor deze gemeente."
    return errors


def request_fingerprint(payload: Any) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def case_intake(
    *,
    scope: Scope,
    request: IntakeRequest,
    idempotency_key: str = "",
    fingerprint: str = "",
) -> IntakeResult:
    """Register a new case. The acknowledgement goes out only after the transaction commits."""
    if idempotency_key and scope.api_client_id is None:
        raise PermissionRefused("Idempotency keys are for API clients.")
    if idempotency_key:
        existing = _idempotent_replay(scope, idempotency_key, fingerprint)
        if existing is not None:
            return IntakeResult(case=existing, created=False)

    _check_may_submit(scope, request.municipality, request.about)
    errors = _validate_intake(request)
    if errors:
        raise CaseError(errors)

    received_at = request.received_at or timezone.now()
    person = request.submitter
    anonymous = person.anonymous or not (person.name or person.email or person.phone)
    try:
        with transaction.atomic():
            case = Case.objects.create(
                reference=_next_reference(request.kind, received_at),
                municipality=request.municipality,
                kind=request.kind,
                domain=request.domain,
                channel=request.channel,
                urgency=request.urgency,
                status=Status.ONTVANGEN,
                received_at=received_at,
                subject=request.subject.strip(),
                description=request.description.strip(),
                submitter_name="" if person.anonymous else person.name.strip(),
                submitter_email="" if person.anonymous else person.email.strip(),
                submitter_phone="" if person.anonymous else person.phone.strip(),
                submitter_anonymous=anonymous,
                on_behalf_of_name=request.on_behalf_of_name.strip(),
                on_behalf_of_relation=request.on_behalf_of_relation.strip(),
                about=request.about,
                source_organisation=_source_organisation(scope),
                status_token=secrets.token_urlsafe(24),
            )
            _append_event(
                case,
                scope,
                EventType.RECEIVED,
                {"kind": case.kind, "channel": case.channel, "domain": case.domain},
                at=received_at,
            )
            for deadline in case_deadlines.set_initial_deadlines(case):
                _append_event(
                    case, scope, EventType.DEADLINE_SET, _deadline_payload(deadline), at=received_at
                )
            if idempotency_key:
                assert scope.api_client_id is not None
                IdempotencyRecord.objects.create(
                    api_client_id=scope.api_client_id,
                    key=idempotency_key,
                    fingerprint=fingerprint,
                    case=case,
                )
            if case.submitter_email:
                from regie.notifications.services import acknowledgement_queue

                acknowledgement_queue(case=case)
    except IntegrityError:
        # A concurrent retry with the same key won the race: return its case.
        if idempotency_key:
            existing = _idempotent_replay(scope, idempotency_key, fingerprint)
            if existing is not None:
                return IntakeResult(case=existing, created=False)
        raise
    return IntakeResult(case=case, created=True)


def _source_organisation(scope: Scope) -> Organisation | None:
    """The provider or GR whose system or portal user registers the case, so that it keeps
    seeing what it registered."""
    ids = scope.organisation_ids()
    if len(ids) == 1 and not scope.everything:
        return Organisation.objects.get(pk=next(iter(ids)))
    return None


def _idempotent_replay(scope: Scope, key: str, fingerprint: str) -> Case | None:
    record = (
        IdempotencyRecord.objects.select_related("case")
        .filter(api_client_id=scope.api_client_id, key=key)
        .first()
    )
    if record is None:
        return None
    if record.fingerprint != fingerprint:
        raise IdempotencyConflict(key)
    return record.case


def _require_visible(scope: Scope, case: Case) -> None:
    if not cases_visible_to(scope).filter(pk=case.pk).exists():
        raise PermissionRefused("Case outside scope.")


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
    _require_visible(scope, case)
    if at is not None:
        _check_moment(at, case, "at")
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
        _append_event(
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
    _require_visible(scope, case)
    text = text.strip()
    if not text:
        raise CaseError({"text": "Schrijf eerst een notitie."})
    if len(text) > MAX_TEXT:
        raise CaseError({"text": "Een notitie mag hooguit 10.000 tekens hebben."})
    if at is not None:
        _check_moment(at, case, "at")
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
        return _append_event(case, scope, EventType.NOTE_ADDED, {"text": text}, at=at)


def case_conclude(
    *, case: Case, scope: Scope, outcome: str, summary: str, at: dt.datetime | None = None
) -> Case:
    """Close a case with its outcome. For a complaint this meets the handling term; the
    written, reasoned answer with the ombudsman route (Awb 9:12) is summarised here."""
    _require_visible(scope, case)
    _require_staff(scope)
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
    _check_moment(at, case, "at")
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.status == Status.AFGEHANDELD:
            raise CaseError({"outcome": "Deze zaak is al afgehandeld."})
        case_deadlines.mark_met(locked, case_deadlines.COMPLAINT_HANDLING, at)
        locked.status = Status.AFGEHANDELD
        locked.outcome = outcome
        locked.concluded_at = at
        locked.save(update_fields=["status", "outcome", "concluded_at", "updated_at"])
        _append_event(
            locked, scope, EventType.CONCLUDED, {"outcome": outcome, "summary": summary}, at=at
        )
    return locked


def case_record_acknowledgement(
    *, case: Case, scope: Scope, to: str, sent_at: dt.datetime
) -> Event:
    """The acknowledgement (Awb 9:6) left the building; it meets the acknowledgement deadline."""
    with transaction.atomic():
        case_deadlines.mark_met(case, "ontvangstbevestiging", sent_at)
        return _append_event(case, scope, EventType.ACKNOWLEDGED, {"to": to}, at=sent_at)


def _deadline_payload(deadline: CaseDeadline) -> dict[str, Any]:
    return {
        "type": deadline.type,
        "regime": deadline.regime,
        "due": deadline.due.isoformat(),
        "options": list(deadline.options),
        "explanation": list(deadline.explanation),
    }


def _check_moment(at: dt.datetime, case: Case, field_name: str) -> None:
    if timezone.is_naive(at):
        raise CaseError({field_name: "Geef een tijdstip met tijdzone."})
    if at > timezone.now() + CLOCK_SKEW:
        raise CaseError({field_name: "Dit tijdstip ligt in de toekomst."})
    # Staff enter whole minutes: a call in the same minute as the receipt is not "before" it.
    if at < case.received_at.replace(second=0, microsecond=0):
        raise CaseError({field_name: "Dit tijdstip ligt vóór de ontvangst van de zaak."})


def _require_staff(scope: Scope) -> None:
    if scope.api_client_id is not None or scope.organisation_ids() or scope.public:
        raise PermissionRefused("Only municipal staff record this.")


def case_postpone(
    *, case: Case, scope: Scope, notice_sent_on: dt.date, reason: str
) -> CaseDeadline:
    """Postpone the handling of a complaint once, by four weeks (Awb 9:11 lid 2).

    The written notice to the complainant (and the person complained about) must go out
    within the term; a later notice cannot postpone a term that already ran out.
    """
    _require_visible(scope, case)
    _require_staff(scope)
    with transaction.atomic():
        # The lock serialises two postponements of one case (a double click): the second
        # sees the first one's result and is refused.
        _lock(case)
        return _postpone_locked(case, scope, notice_sent_on, reason.strip())


def _postpone_locked(
    case: Case, scope: Scope, notice_sent_on: dt.date, reason: str
) -> CaseDeadline:
    deadline = case_deadlines.current(case, case_deadlines.COMPLAINT_HANDLING)
    errors: dict[str, str] = {}
    if deadline is None or deadline.regime not in case_deadlines.POSTPONABLE:
        errors["deadline"] = "Deze zaak heeft geen klachttermijn die verdaagd kan worden."
    elif deadline.met_at is not None:
        errors["deadline"] = "De klacht is al afgehandeld."
    elif "extended" in deadline.options:
        errors["deadline"] = (
            "De behandeling is al eens verdaagd. Dat mag maar één keer (Awb artikel 9:11). "
            "Langer uitstel kan alleen met schriftelijke instemming van de indiener."
        )
    elif notice_sent_on > timezone.localdate():
        errors["notice_sent_on"] = "De datum van de brief ligt in de toekomst."
    elif notice_sent_on > deadline.due:
        errors["notice_sent_on"] = (
            "De verdaging moet binnen de termijn aan de indiener worden meegedeeld. "
            f"De termijn liep af op {deadline.due:%d-%m-%Y}."
        )
    elif notice_sent_on < deadline.start:
        errors["notice_sent_on"] = "De datum van de brief ligt vóór de ontvangst van de klacht."
    if not reason:
        errors["reason"] = "Schrijf op waarom de behandeling langer duurt."
    elif len(reason) > MAX_TEXT:
        errors["reason"] = "Gebruik hooguit 10.000 tekens."
    if errors:
        raise CaseError(errors)
    assert deadline is not None
    old, new = case_deadlines.recompute(deadline, extended=True)
    _append_event(
        case,
        scope,
        EventType.POSTPONED,
        {
            "noticeSentOn": notice_sent_on.isoformat(),
            "reason": reason,
            "before": _deadline_payload(old),
            "after": _deadline_payload(new),
        },
    )
    return new


def case_choose_committee(*, case: Case, scope: Scope) -> CaseDeadline:
    """The complaint goes to the advisory committee (Awb 9:14): ten weeks instead of six."""
    _require_visible(scope, case)
    _require_staff(scope)
    with transaction.atomic():
        _lock(case)
        deadline = case_deadlines.current(case, case_deadlines.COMPLAINT_HANDLING)
        if deadline is None or deadline.regime != "awb-klacht":
            raise CaseError(
                {
                    "deadline": "Alleen een klacht over de gemeente gaat naar de "
                    "klachtadviescommissie."
                }
            )
        if deadline.met_at is not None:
            raise CaseError({"deadline": "De klacht is al afgehandeld."})
        if "committee" in deadline.options:
            raise CaseError({"deadline": "De klachtadviescommissie is al ingeschakeld."})
        if deadline.due < timezone.localdate():
            # The committee must be chosen within the six weeks; choosing it afterwards would
            # turn a missed term into one that was met.
            raise CaseError(
                {
                    "deadline": "De termijn van zes weken is al verstreken. De commissie kan nu "
                    "niet meer worden ingeschakeld om de termijn te verlengen."
                }
            )
        old, new = case_deadlines.recompute(deadline, committee=True)
        _append_event(
            case,
            scope,
            EventType.COMMITTEE,
            {"before": _deadline_payload(old), "after": _deadline_payload(new)},
        )
    return new


def case_record_contact(*, case: Case, scope: Scope, at: dt.datetime, summary: str) -> Event:
    """Contact with the submitter (a call, a visit): meets the first-contact norm."""
    _require_visible(scope, case)
    _require_staff(scope)
    summary = summary.strip()
    if not summary:
        raise CaseError({"summary": "Schrijf kort op wat u besproken heeft."})
    if len(summary) > MAX_TEXT:
        raise CaseError({"summary": "Gebruik hooguit 10.000 tekens."})
    _check_moment(at, case, "at")
    with transaction.atomic():
        _lock(case)
        case_deadlines.mark_met(case, case_deadlines.FIRST_CONTACT, at)
        return _append_event(case, scope, EventType.CONTACT, {"summary": summary}, at=at)


def case_record_first_conversation(
    *, case: Case, scope: Scope, held_at: dt.datetime
) -> CaseDeadline:
    """The first debt-help conversation (Wgs art. 4) starts the decision term (art. 4a)."""
    _require_visible(scope, case)
    _require_staff(scope)
    _check_moment(held_at, case, "held_at")
    with transaction.atomic():
        _lock(case)
        if not case.deadlines.filter(type=case_deadlines.FIRST_CONVERSATION).exists():
            raise CaseError({"held_at": "Deze zaak is geen hulpvraag om schuldhulp."})
        if case.deadlines.filter(type=case_deadlines.DEBT_DECISION).exists():
            raise CaseError({"held_at": "Het eerste gesprek is al vastgelegd."})
        case_deadlines.mark_met(case, case_deadlines.FIRST_CONVERSATION, held_at)
        decision = case_deadlines.start_debt_decision(case, held_at)
        _append_event(
            case,
            scope,
            EventType.FIRST_CONVERSATION,
            {"heldAt": held_at.isoformat(), "decision": _deadline_payload(decision)},
            at=held_at,
        )
    return decision


def _lock(case: Case) -> None:
    """Serialise changes to one case: every check after this sees the latest state."""
    Case.objects.select_for_update().filter(pk=case.pk).first()


def staff_user(username: str) -> User | None:
    user_model = get_user_model()
    found = user_model.objects.filter(username=username).first()
    return found if isinstance(found, User) else None


__all__ = [
    "ApiClient",
    "CaseError",
    "IdempotencyConflict",
    "IntakeRequest",
    "IntakeResult",
    "PermissionRefused",
    "Person",
    "case_add_note",
    "case_assign",
    "case_choose_committee",
    "case_conclude",
    "case_intake",
    "case_postpone",
    "case_record_acknowledgement",
    "case_record_contact",
    "case_record_first_conversation",
    "request_fingerprint",
]
