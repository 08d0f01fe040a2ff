"""Registering a new case: the public form, staff capture, the API and importers."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from stdnum.nl import postcode

from regie import limits
from regie.accounts.scope import Scope
from regie.cases import deadlines as case_deadlines
from regie.cases.bsn import bsn_encrypt, bsn_problem, bsn_search_hash
from regie.cases.models import (
    Case,
    CaseDeadline,
    EventType,
    IdempotencyRecord,
    ReferenceCounter,
    TriageSuggestion,
)
from regie.cases.person_key import person_key
from regie.cases.services.acknowledgement import acknowledgement_queue
from regie.cases.services.common import (
    AMSTERDAM,
    CLOCK_SKEW,
    CaseError,
    PermissionRefused,
    append_events,
    deadline_payload,
    text_problem,
)
from regie.cases.services.routing import Route, route_at_intake, route_payload, summary_only_for
from regie.cases.services.triage import (
    triage_ask,
    triage_row,
    triage_store_at_intake,
    triaged_payload,
)
from regie.directory.generation import directory_pinned
from regie.directory.models import Municipality, Organisation
from regie.directory.selectors import organisation_serves
from regie.vocabulary import (
    ORAL_CHANNELS,
    OUTSOURCED_KINDS,
    REFERENCE_PREFIX,
    Channel,
    Domain,
    Kind,
    Procedure,
    Status,
    Urgency,
)


class IdempotencyConflict(Exception):
    """The Idempotency-Key was used before with a different request body."""


@dataclass(frozen=True)
class Address:
    """A Dutch postal address in parts; the postcode as "1234 AB"."""

    street: str = ""
    house_number: str = ""
    postcode: str = ""
    city: str = ""

    @property
    def given(self) -> bool:
        return any(
            part.strip() for part in (self.street, self.house_number, self.postcode, self.city)
        )


@dataclass(frozen=True)
class Person:
    name: str = ""
    email: str = ""
    phone: str = ""
    anonymous: bool = False
    address: Address = field(default_factory=Address)
    # Staff capture and the API only (cases.bsn says why not the public form).
    bsn: str = ""

    @property
    def reachable(self) -> bool:
        """A way to answer: an e-mail address, a phone number or a postal address."""
        return bool(self.email.strip() or self.phone.strip() or self.address.given)


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
    # What a new intake wrote besides the case, kept so its answer (the API's) need not read
    # it back; empty for a replayed idempotent request, whose case was read from the database.
    deadlines: tuple[CaseDeadline, ...] = ()
    triage: TriageSuggestion | None = None


# Registering after the fact is normal (a letter found in a pile, an import); a receipt more
# than ten years back is a typo, and would fall outside every retention period anyway.
MAX_BACKDATING = dt.timedelta(days=3653)


def _reference_year(received_at: dt.datetime) -> int:
    return received_at.astimezone(AMSTERDAM).year


def reference_format(prefix: str, municipality: Municipality, year: int, number: int) -> str:
    """KL-0363-2026-000123: kind, the four digits of the CBS code (GM0363), the year of
    receipt and the municipality's own number in that year (19 characters; more than a
    million cases of one kind in one year make it longer, still within Case.reference)."""
    return f"{prefix}-{municipality.code[2:]}-{year}-{number:06d}"


def _next_reference(municipality: Municipality, kind: str, received_at: dt.datetime) -> str:
    prefix = REFERENCE_PREFIX[Kind(kind)]
    year = _reference_year(received_at)
    number = _take_numbers(municipality, prefix, year, 1)
    return reference_format(prefix, municipality, year, number)


def _reference_fits(reference: str, kind: str, municipality: Municipality) -> bool:
    return reference.startswith(f"{REFERENCE_PREFIX[Kind(kind)]}-{municipality.code[2:]}-")


def references_reserve(
    *, kind: str, received: Sequence[tuple[Municipality, dt.datetime]]
) -> list[str]:
    """One reference per (municipality, moment of receipt), in order, for cases that an
    importer registers afterwards with `case_intake(reference=…)`.

    Call it outside the import's transaction: the counters' row locks are held for this short
    transaction only, so intakes from the form and the API go on while a long import writes.
    Numbers of an import that fails afterwards are never handed out again: references are
    unique and ascending per municipality, not gapless.
    """
    prefix = REFERENCE_PREFIX[Kind(kind)]
    places = {municipality.pk: municipality for municipality, _ in received}
    wanted = Counter(
        (municipality.pk, _reference_year(moment)) for municipality, moment in received
    )
    following: dict[tuple[int, int], int] = {}
    with transaction.atomic():
        # Counters in a fixed order, so two imports never wait for each other's counters.
        for (place, year), count in sorted(wanted.items()):
            following[place, year] = _take_numbers(places[place], prefix, year, count) - count + 1
    references = []
    for municipality, moment in received:
        key = (municipality.pk, _reference_year(moment))
        references.append(reference_format(prefix, municipality, key[1], following[key]))
        following[key] += 1
    return references


def _take_numbers(municipality: Municipality, prefix: str, year: int, count: int) -> int:
    """Raise the counter of `municipality`, `prefix` and `year` by `count`; the last number
    taken. Outside a transaction this is one short transaction of its own (autocommit)."""
    number = _bump_counter(municipality.pk, prefix, year, count)
    if number is None:
        try:
            with transaction.atomic():
                ReferenceCounter.objects.create(
                    municipality=municipality, prefix=prefix, year=year, last=count
                )
                number = count
        except IntegrityError:
            number = _bump_counter(municipality.pk, prefix, year, count)
    assert number is not None
    return number


def _bump_counter(municipality_id: int, prefix: str, year: int, count: int = 1) -> int | None:
    """One statement: UPDATE … RETURNING (PostgreSQL, and SQLite since 3.35)."""
    table = connection.ops.quote_name(ReferenceCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last = last + %s "  # noqa: S608 - table name from the model, values bound
            "WHERE municipality_id = %s AND prefix = %s AND year = %s RETURNING last",
            [count, municipality_id, prefix, year],
        )
        row = cursor.fetchone()
    return None if row is None else int(row[0])


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


def _check_organisation_registers_its_own(scope: Scope, req: IntakeRequest) -> None:
    """A provider or GR registers cases only in its own domains, and about itself or about
    no organisation at all (a worry about a client): never about another party."""
    ids = scope.organisation_ids()
    if not ids or scope.everything or scope.municipality_ids():
        return
    errors: dict[str, str] = {}
    if req.about is not None and req.about.pk not in ids:
        errors["about"] = "U kunt alleen zaken over uw eigen organisatie registreren."
    domains = {d for o in Organisation.objects.filter(pk__in=ids) for d in (o.domains or [])}
    if req.domain not in domains:
        errors["domain"] = "Kies een domein waarin uw organisatie werkt."
    if errors:
        raise CaseError(errors)


# The coded fields and what they may hold; an importer's typo is a field error, not a 500.
CHOICES = {
    "kind": (Kind, "Kies een soort: klacht, signaal, melding of hulpvraag."),
    "channel": (Channel, "Kies een bekend kanaal."),
    "domain": (Domain, "Kies een bekend domein."),
    "urgency": (Urgency, "Kies normaal of spoed."),
}


def case_intake_check(
    *, scope: Scope, request: IntakeRequest, at: dt.datetime | None = None
) -> None:
    """May `scope` register `request`, and is it complete and within the limits at `at`?
    Raises one `CaseError` with every problem found; writes nothing. `case_intake` asks it
    first; an importer asks it for every row of a file before it writes any (a dry run)."""
    now = at or timezone.now()
    errors: dict[str, str] = {}
    try:
        _check_may_submit(scope, request.municipality, request.about)
    except CaseError as refused:
        errors.update(refused.errors)
    try:
        _check_organisation_registers_its_own(scope, request)
    except CaseError as refused:
        errors.update(refused.errors)
    if scope.public and request.submitter.bsn.strip():
        # Issue 11: a complaint needs no BSN, so the public form never asks for one.
        errors["submitter.bsn"] = "Via dit formulier vragen wij geen BSN. Laat het leeg."
    for name, message in _validate_intake(request, now).items():
        # Who may register it is said first; a second message for the same field adds little.
        errors.setdefault(name, message)
    if errors:
        raise CaseError(errors)


def _validate_intake(req: IntakeRequest, now: dt.datetime) -> dict[str, str]:
    errors = _text_errors(req)
    for name, (choices, message) in CHOICES.items():
        if getattr(req, name) not in choices.values:
            errors[name] = message
    person = req.submitter
    errors.update(_address_errors(person.address))
    if problem := bsn_problem(person.bsn):
        errors["submitter.bsn"] = problem
    if req.kind == Kind.HULPVRAAG:
        # Help needs someone to help. A complaint is never refused for a missing name or
        # address (Awb 9:2, LEGAL.md §1): see `complaint_as_filed`.
        if person.anonymous:
            errors["submitter.anonymous"] = (
                "Een hulpvraag kan niet anoniem. Vul uw naam en een manier om u te bereiken in."
            )
        else:
            if not person.name.strip():
                errors.setdefault("submitter.name", "Vul uw naam in.")
            if not person.reachable:
                errors.setdefault(
                    "submitter.email", "Vul een e-mailadres, telefoonnummer of adres in."
                )
    if person.email.strip() and "submitter.email" not in errors:
        try:
            validate_email(person.email.strip())
        except ValidationError:
            errors["submitter.email"] = (
                "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
            )
    if req.received_at is not None:
        if timezone.is_naive(req.received_at):
            errors["receivedAt"] = (
                "Geef een tijdstip met tijdzone, bijvoorbeeld 2026-03-24T09:30:00+01:00."
            )
        elif req.received_at > now + CLOCK_SKEW:
            errors["receivedAt"] = "Het tijdstip van ontvangst ligt in de toekomst."
        elif req.received_at < now - MAX_BACKDATING:
            errors["receivedAt"] = (
                "Het tijdstip van ontvangst ligt meer dan tien jaar terug. Controleer de datum."
            )
    if req.about is not None and req.about.kind not in OUTSOURCED_KINDS:
        # An independent body (the ombudsman, a confidential adviser) helps residents; a case
        # is about the municipality or about a party that works for it.
        errors["about"] = "Kies de gemeente zelf of een organisatie die voor de gemeente werkt."
    elif req.about is not None and not organisation_serves(req.about, req.municipality.pk):
        errors["about"] = "Deze organisatie werkt niet voor deze gemeente."
    return errors


ADDRESS_PARTS = (
    ("street", "Vul de straat in.", limits.STREET),
    ("house_number", "Vul het huisnummer in.", limits.HOUSE_NUMBER),
    ("postcode", "Vul de postcode in.", limits.POSTCODE + 2),
    ("city", "Vul de woonplaats in.", limits.CITY),
)
ADDRESS_FIELDS = {
    "street": "street",
    "house_number": "houseNumber",
    "postcode": "postcode",
    "city": "city",
}


def _address_errors(address: Address) -> dict[str, str]:
    """A postal address is all four parts or none, with a postcode that exists in form."""
    if not address.given:
        return {}
    errors: dict[str, str] = {}
    for part, missing, limit in ADDRESS_PARTS:
        key = f"submitter.address.{ADDRESS_FIELDS[part]}"
        problem = text_problem(getattr(address, part).strip(), limit, required=missing)
        if problem:
            errors[key] = problem
    if "submitter.address.postcode" not in errors and not postcode.is_valid(address.postcode):
        errors["submitter.address.postcode"] = "Vul een postcode in zoals 1234 AB."
    return errors


def complaint_as_filed(req: IntakeRequest) -> tuple[str, str]:
    """(kind, procedure) for a complaint as it came in (Awb 9:2, 9:4; LEGAL.md §1).

    A complaint with no name at all is registered as a signal the municipality can act on,
    never refused. Otherwise it is a complaint, and the flag says which procedure applies: a
    written complaint with a name and an address (postal or e-mail) gets the whole of 9:5-9:12
    and counts in the 9:12a register; an oral or incomplete one is handled properly under
    9:2 all the same.
    """
    person = req.submitter
    if req.kind != Kind.KLACHT:
        return req.kind, ""
    if person.anonymous or not person.name.strip():
        return Kind.SIGNAAL, ""
    if req.channel in ORAL_CHANNELS:
        return Kind.KLACHT, Procedure.MONDELING
    if person.address.given or person.email.strip():
        return Kind.KLACHT, Procedure.SCHRIFTELIJK
    return Kind.KLACHT, Procedure.ONVOLLEDIG


def _text_errors(req: IntakeRequest) -> dict[str, str]:
    """Every free-text field against its limit (`regie.limits`), under the API's field names,
    so no caller can push an over-long value into a column."""
    person = req.submitter
    fields = [
        ("description", req.description, limits.DESCRIPTION, "Beschrijf wat er aan de hand is."),
        ("subject", req.subject, limits.SUBJECT, ""),
        ("submitter.name", person.name, limits.PERSON_NAME, ""),
        ("submitter.email", person.email, limits.EMAIL, ""),
        ("submitter.phone", person.phone, limits.PHONE, ""),
        ("onBehalfOf.name", req.on_behalf_of_name, limits.PERSON_NAME, ""),
        ("onBehalfOf.relation", req.on_behalf_of_relation, limits.RELATION, ""),
    ]
    errors = {}
    for name, value, limit, required in fields:
        problem = text_problem(value.strip(), limit, required=required)
        if problem:
            errors[name] = problem
    return errors


def request_fingerprint(payload: Any) -> str:
    return hashlib.sha256(
        json.dumps(_bsn_keyed(payload), sort_keys=True, default=str).encode()
    ).hexdigest()


def _bsn_keyed(payload: Any) -> Any:
    """The payload with `submitter.bsn` as its keyed hash. The database holds the rest of the
    request, so an unkeyed hash over the whole of it would give the nine digits away to
    anyone who tries them all (issue 11)."""
    submitter = payload.get("submitter") if isinstance(payload, dict) else None
    if not isinstance(submitter, dict) or not isinstance(submitter.get("bsn"), str):
        return payload
    keyed = {**submitter, "bsn": bsn_search_hash(submitter["bsn"])}
    return {**payload, "submitter": keyed}


@directory_pinned()
def case_intake(
    *,
    scope: Scope,
    request: IntakeRequest,
    idempotency_key: str = "",
    fingerprint: str = "",
    at: dt.datetime | None = None,
    reference: str = "",
    mail_at_once: bool = True,
) -> IntakeResult:
    """Register a new case. The acknowledgement goes out only after the transaction commits.

    `at` is the moment of registration (default now): the case's `created_at`, the outbox
    row's first attempt, and the "now" that a receipt may not lie after. Importers that bring
    history along pass it; `request.received_at` is when the case came in. A bulk import passes
    `mail_at_once=False`: its acknowledgements wait in the outbox for the regular delivery
    run, instead of thousands going out from one process right after the commit.

    `reference` is one taken beforehand with `references_reserve` for this municipality, kind
    and year of receipt: a bulk import registers thousands of cases in one transaction and
    must not hold the counter's row lock all that time. By default the next number is taken
    here, in a short transaction of its own before the intake's (see `_next_reference`).
    """
    if idempotency_key and scope.api_client_id is None:
        raise PermissionRefused("Idempotency keys are for API clients.")
    # A retry with a key seen before is not looked up first: the key's unique index stops it
    # at the end of the transaction, which then rolls back, and the first attempt's case is
    # the answer (see the IntegrityError below). One statement less for every intake; a
    # retry costs a reference number (unique and ascending, not gapless).
    now = at or timezone.now()
    try:
        case_intake_check(scope=scope, request=request, at=now)
    except CaseError:
        # A retry is answered with its case, also where the same request would no longer
        # pass (the directory changed, or a limit).
        existing = (
            _idempotent_replay(scope, idempotency_key, fingerprint) if idempotency_key else None
        )
        if existing is not None:
            return IntakeResult(case=existing, created=False)
        raise

    received_at = request.received_at or now
    person = request.submitter
    address = person.address if not person.anonymous else Address()
    anonymous = person.anonymous or not (person.name or person.reachable)
    kind, procedure = complaint_as_filed(request)
    if reference and not _reference_fits(reference, kind, request.municipality):
        reference = ""  # reserved as a complaint, registered as a signal: take a fitting one
    # Everything that can be worked out before the transaction is, so the transaction is short.
    case = Case(
        municipality=request.municipality,
        kind=kind,
        procedure=procedure,
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
        submitter_street=address.street.strip(),
        submitter_house_number=address.house_number.strip(),
        submitter_postcode=postcode.validate(address.postcode) if address.given else "",
        submitter_city=address.city.strip(),
        on_behalf_of_name=request.on_behalf_of_name.strip(),
        on_behalf_of_relation=request.on_behalf_of_relation.strip(),
        about=request.about,
        source_organisation=_source_organisation(scope, request.about),
        status_token=secrets.token_urlsafe(24),
        created_at=now,
    )
    _store_identifiers(case, person)
    route = _route(case, now)
    due_dates = case_deadlines.initial_deadlines(case, case_deadlines.atw_calendar())
    case.next_due = min((due.due for _, due in due_dates), default=None)
    # Triage suggests, it never routes: the case keeps what the submitter gave (issue 9).
    suggestion = triage_ask(f"{case.subject}\n{case.description}".strip())
    triage = triage_row(case, suggestion, now) if suggestion is not None else None
    if not reference and not connection.in_atomic_block:
        # The number in a statement of its own (autocommit), before the intake's transaction:
        # the counter's row lock lasts one UPDATE, not the whole intake, so intakes of one
        # municipality do not queue behind each other. An intake that fails afterwards
        # leaves its number unused: references are unique and ascending, not gapless.
        reference = _next_reference(request.municipality, kind, received_at)
    try:
        with transaction.atomic():
            # Inside a caller's transaction (an import, a test) the number is taken here and
            # its row lock held to that transaction's end, as only then is it certain.
            case.reference = reference or _next_reference(request.municipality, kind, received_at)
            case.save(force_insert=True)
            deadlines = case_deadlines.store_all(case, due_dates)
            append_events(
                case,
                scope,
                [
                    (EventType.RECEIVED, _received_payload(case, request)),
                    *((EventType.DEADLINE_SET, deadline_payload(d)) for d in deadlines),
                    *([(EventType.ROUTED, route_payload(route))] if route else []),
                    *([(EventType.TRIAGED, triaged_payload(case, triage))] if triage else []),
                ],
                at=received_at,
            )
            if triage is not None:
                triage_store_at_intake(case, triage, now=now, send_at_once=mail_at_once)
            if idempotency_key:
                assert scope.api_client_id is not None
                IdempotencyRecord.objects.create(
                    api_client_id=scope.api_client_id,
                    key=idempotency_key,
                    fingerprint=fingerprint,
                    case=case,
                )
            if case.submitter_email:
                acknowledgement_queue(
                    case=case,
                    now=now,
                    send_at_once=mail_at_once,
                    public=scope.public,
                    deadlines=deadlines,
                )
    except IntegrityError:
        # A concurrent retry with the same key won the race: return its case.
        if idempotency_key:
            existing = _idempotent_replay(scope, idempotency_key, fingerprint)
            if existing is not None:
                return IntakeResult(case=existing, created=False)
        raise
    return IntakeResult(case=case, created=True, deadlines=tuple(deadlines), triage=triage)


def _store_identifiers(case: Case, person: Person) -> None:
    """The BSN only encrypted and as a keyed hash, and the person key (issue 11): never the
    plain number, on the case or its timeline. An anonymous submitter leaves none."""
    bsn = "" if person.anonymous else person.bsn
    if bsn.strip():
        case.submitter_bsn_encrypted = bsn_encrypt(bsn)
        case.submitter_bsn_hash = bsn_search_hash(bsn)
    case.person_key = person_key(bsn=bsn, email=case.submitter_email, phone=case.submitter_phone)


def _received_payload(case: Case, request: IntakeRequest) -> dict[str, Any]:
    payload: dict[str, Any] = {"kind": case.kind, "channel": case.channel, "domain": case.domain}
    if case.kind != request.kind:
        # Say why on the timeline: a complaint without a name is no Awb complaint (9:4), but
        # it is registered and acted on (9:2), never refused.
        payload["filedAs"] = request.kind
    if case.procedure:
        payload["procedure"] = case.procedure
    return payload


def _route(case: Case, now: dt.datetime) -> Route | None:
    """Give the new case to whoever the directory says is responsible (see `routing`). A
    provider or GR that registers a complaint about itself handles it at once; where the
    council agreed to a summary only, the municipality sees it in counts, not in person."""
    route = route_at_intake(case)
    if route is None:
        return None
    case.handling_team = route.team
    case.handling_organisation = route.organisation
    own = case.source_organisation
    if own is not None and route.organisation == own:
        case.accepted_at = now
        case.status = Status.IN_BEHANDELING
        case.summary_only = summary_only_for(case.municipality_id, case.domain, own)
    return route


def _source_organisation(scope: Scope, about: Organisation | None) -> Organisation | None:
    """The provider or GR whose system or portal user registers the case, so that it keeps
    seeing what it registered."""
    ids = scope.organisation_ids()
    if len(ids) == 1 and not scope.everything:
        own = next(iter(ids))
        # Mostly a complaint about itself: that organisation is loaded already.
        return about if about is not None and about.pk == own else Organisation.objects.get(pk=own)
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
