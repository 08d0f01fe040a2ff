"""Data-subject requests (GDPR/AVG art. 12-21, LEGAL.md §6): the privacy officer records a
resident's request, finds the resident's cases, exports what Regie holds on them (art. 15),
corrects their details (art. 16), records an objection or erasure decision (art. 17, 21), and
answers within a month of receipt, or three after an extension with a reason (art. 12(3)).

Writes, one function per change, each for the privacy officer of the request's municipality
or a superuser, each leaving one record in the audit log (`AccessLog`):
  request_create            request_extend            request_confirm_cases
  request_rectify           request_close             access_export (one DOWNLOADED record)

The officer has no case scope (accounts.scope: their memberships open no case files); like
retention, these functions read the cases of the officer's municipality themselves, and show
the officer only what the request needs.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Replace, Upper
from django.utils import timezone

from regie import limits
from regie.accounts.scope import scope_for_user
from regie.cases import services as case_services
from regie.cases.bsn import (
    bsn_normalise,
    bsn_problem,
    bsn_search_hash,
)
from regie.cases.deadlines import atw_calendar
from regie.cases.models import Case
from regie.cases.services import CaseError, PermissionRefused
from regie.deadlines import AtwCalendar
from regie.directory.models import Municipality
from regie.privacy.models import AccessLog, DataSubjectRequest
from regie.privacy.retention import officer_municipality_ids
from regie.privacy.services import download_record
from regie.privacy.subject_export import export_data

Kind = DataSubjectRequest.Kind
Decision = DataSubjectRequest.Decision
# Art. 12(3): one month, "extended by two further months where necessary".
MONTHS = 1
EXTENSION_MONTHS = 2
# A request found in a pile is registered late; more than a year back is a typo.
MAX_BACKDATING = dt.timedelta(days=366)
# Kinds that end in a decision (granted or not), not only in an answer.
DECIDED_KINDS = frozenset({Kind.BEZWAAR, Kind.VERWIJDERING})


# ── The legal month ─────────────────────────────────────────────────────────────────────


def add_months(day: dt.date, months: int) -> dt.date:
    """The same date `months` calendar months later; when that month is too short, its last
    day (EU Regulation 1182/71 art. 3(2)(c), which the EDPB applies to art. 12(3): received
    on 31 January, due on 28 or 29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = month_calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def due_on(
    received_on: dt.date, *, extended: bool = False, calendar: AtwCalendar | None = None
) -> dt.date:
    """The last day to answer: a calendar month after receipt (three when extended, counted
    from receipt as well), run on to the next working day when it falls on a Saturday, Sunday
    or public holiday (Atw art. 1; Regulation 1182/71 art. 3(4) says the same)."""
    months = MONTHS + (EXTENSION_MONTHS if extended else 0)
    calendar = calendar or atw_calendar()
    return calendar.next_working_day_on_or_after(add_months(received_on, months))


# ── Who may ──────────────────────────────────────────────────────────────────────────────


def officer_check(user: User, municipality_id: int) -> None:
    """The privacy officer of this municipality, or a superuser; anyone else is refused (the
    pages answer 404)."""
    ids = officer_municipality_ids(user)
    if ids is not None and municipality_id not in ids:
        raise PermissionRefused()


def requests_for(user: User) -> QuerySet[DataSubjectRequest]:
    """The requests `user` looks after: open ones first, the nearest due date first."""
    ids = officer_municipality_ids(user)
    found = DataSubjectRequest.objects.select_related("municipality", "handled_by")
    if ids is not None:
        found = found.filter(municipality_id__in=ids)
    return found.order_by(F("status").desc(), "due_on", "pk")


def request_for(user: User, pk: int) -> DataSubjectRequest | None:
    """The request if `user` looks after it; None for one elsewhere and for none alike."""
    return requests_for(user).filter(pk=pk).first()


def municipalities_for(user: User) -> QuerySet[Municipality]:
    ids = officer_municipality_ids(user)
    found = Municipality.objects.order_by("name")
    return found if ids is None else found.filter(pk__in=ids)


def _audit(user: User, request: DataSubjectRequest, purpose: str, at: dt.datetime) -> AccessLog:
    """One record of a change to a request (the request itself holds personal data)."""
    return download_record(
        subject=f"Privacyverzoek {request.pk}",
        scope=scope_for_user(user),
        purpose=purpose,
        municipality_id=request.municipality_id,
        at=at,
        action=AccessLog.Action.CHANGED,
    )


def _text(errors: dict[str, str], field: str, value: str, required: str = "") -> str:
    value = (value or "").strip()
    if required and not value:
        errors[field] = required
    elif len(value) > limits.STAFF_TEXT:
        errors[field] = limits.too_long(limits.STAFF_TEXT)
    elif "\x00" in value:
        errors[field] = (
            "Deze tekst bevat een onzichtbaar teken (NUL) dat niet kan worden opgeslagen."
        )
    return value


def _require_open(request: DataSubjectRequest, field: str = "status") -> None:
    if request.status != DataSubjectRequest.Status.OPEN:
        raise CaseError({field: "Dit verzoek is al afgehandeld."})


# ── Writes ───────────────────────────────────────────────────────────────────────────────


def request_create(
    *,
    user: User,
    municipality: Municipality | None,
    kind: str,
    requester_name: str,
    requester_contact: str,
    identity_check: str,
    received_on: dt.date | None,
    request_text: str = "",
    at: dt.datetime | None = None,
) -> DataSubjectRequest:
    """Record a request as it came in; the due date follows from the day of receipt."""
    at = at or timezone.now()
    errors: dict[str, str] = {}
    if municipality is None:
        errors["municipality"] = "Kies de gemeente."
    else:
        officer_check(user, municipality.pk)
    if kind not in Kind.values:
        errors["kind"] = "Kies wat de inwoner vraagt."
    name = " ".join((requester_name or "").split())
    if not name:
        errors["requester_name"] = "Vul de naam van de inwoner in."
    elif len(name) > limits.PERSON_NAME:
        errors["requester_name"] = limits.too_long(limits.PERSON_NAME)
    contact = _text(
        errors,
        "requester_contact",
        requester_contact,
        "Vul in hoe u de inwoner bereikt: e-mailadres, telefoonnummer of adres.",
    )
    identity = _text(
        errors,
        "identity_check",
        identity_check,
        "Schrijf op hoe u heeft gecontroleerd dat het verzoek van deze persoon komt.",
    )
    text = _text(errors, "request_text", request_text)
    today = timezone.localdate(at)
    if received_on is None:
        errors["received_on"] = "Vul de datum van ontvangst in."
    elif received_on > today:
        errors["received_on"] = "De datum van ontvangst ligt in de toekomst."
    elif received_on < today - MAX_BACKDATING:
        errors["received_on"] = (
            "De datum van ontvangst ligt meer dan een jaar terug. Controleer de datum."
        )
    if errors:
        raise CaseError(errors)
    assert municipality is not None
    assert received_on is not None
    with transaction.atomic():
        request = DataSubjectRequest.objects.create(
            municipality=municipality,
            kind=kind,
            requester_name=name,
            requester_contact=contact,
            identity_check=identity,
            request_text=text,
            received_on=received_on,
            due_on=due_on(received_on),
            created_by=user,
            created_at=at,
        )
        _audit(user, request, "Privacyverzoek vastgelegd", at)
    return request


def request_extend(
    *, user: User, request: DataSubjectRequest, reason: str, at: dt.datetime | None = None
) -> DataSubjectRequest:
    """Two more months (art. 12(3)), once, with a reason, and only within the first month:
    the resident must hear of the extension and why before that month ends."""
    officer_check(user, request.municipality_id)
    at = at or timezone.now()
    errors: dict[str, str] = {}
    reason = _text(errors, "extension_reason", reason, "Schrijf op waarom u meer tijd nodig heeft.")
    if errors:
        raise CaseError(errors)
    with transaction.atomic():
        locked = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
        _require_open(locked, "extension_reason")
        if locked.extended_at is not None:
            raise CaseError(
                {"extension_reason": "Dit verzoek is al verlengd. Dat kan maar één keer."}
            )
        if timezone.localdate(at) > locked.due_on:
            raise CaseError(
                {
                    "extension_reason": "Verlengen kan alleen binnen de eerste termijn, tot en met "
                    f"{locked.due_on:%d-%m-%Y}. Die is voorbij."
                }
            )
        locked.due_on = due_on(locked.received_on, extended=True)
        locked.extension_reason = reason
        locked.extended_at = at
        locked.save(update_fields=["due_on", "extension_reason", "extended_at"])
        _audit(user, locked, "Privacyverzoek verlengd", at)
    return locked


def request_confirm_cases(
    *,
    user: User,
    request: DataSubjectRequest,
    references: Iterable[str],
    at: dt.datetime | None = None,
) -> DataSubjectRequest:
    """The cases the officer confirmed are this person's: the export, the correction and the
    decision are about these. Replaces the earlier choice."""
    officer_check(user, request.municipality_id)
    at = at or timezone.now()
    wanted = sorted({r.strip().upper() for r in references if r.strip()})
    known = set(
        Case.objects.filter(
            municipality_id=request.municipality_id, reference__in=wanted
        ).values_list("reference", flat=True)
    )
    if not wanted:
        raise CaseError({"references": "Kies de zaken die van deze inwoner zijn."})
    if set(wanted) - known:
        raise CaseError({"references": "Kies alleen zaken van uw gemeente."})
    with transaction.atomic():
        locked = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
        _require_open(locked, "references")
        locked.case_references = wanted
        locked.save(update_fields=["case_references"])
        _audit(user, locked, "Privacyverzoek: zaken van de inwoner bevestigd", at)
    return locked


def request_rectify(
    *,
    user: User,
    request: DataSubjectRequest,
    reference: str,
    name: str,
    email: str,
    phone: str,
    address: case_services.Address,
    at: dt.datetime | None = None,
) -> list[str]:
    """Correct the submitter's details on one confirmed case, through the register's write
    path: one note on its timeline saying which details changed, and so one audit record."""
    officer_check(user, request.municipality_id)
    _require_open(request, "reference")
    if reference not in request.case_references:
        raise CaseError({"reference": "Kies een van de bevestigde zaken."})
    case = Case.objects.get(municipality_id=request.municipality_id, reference=reference)
    # The register appends one note to the case's timeline; the audit log's hook on every
    # appended event (privacy.apps) records the change, so no second record is written here.
    return case_services.case_rectify_submitter(
        case=case,
        scope=scope_for_user(user),
        name=name,
        email=email,
        phone=phone,
        address=address,
        at=at or timezone.now(),
    )


def request_close(
    *,
    user: User,
    request: DataSubjectRequest,
    answer: str,
    decision: str = "",
    at: dt.datetime | None = None,
) -> DataSubjectRequest:
    """The answer to the resident, and for an objection or erasure the decision: granted,
    partly or refused, with the reasons in the answer (art. 12(4) asks them when refused)."""
    officer_check(user, request.municipality_id)
    at = at or timezone.now()
    errors: dict[str, str] = {}
    answer = _text(errors, "answer", answer, "Schrijf het antwoord of het besluit met de reden op.")
    if request.kind in DECIDED_KINDS:
        if decision not in Decision.values:
            errors["decision"] = "Kies of het verzoek is toegekend of afgewezen."
    else:
        decision = ""
    if errors:
        raise CaseError(errors)
    with transaction.atomic():
        locked = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
        _require_open(locked, "answer")
        locked.answer = answer
        locked.decision = decision
        locked.status = DataSubjectRequest.Status.AFGEHANDELD
        locked.handled_by = user
        locked.handled_at = at
        locked.save(update_fields=["answer", "decision", "status", "handled_by", "handled_at"])
        _audit(user, locked, "Privacyverzoek afgehandeld", at)
    return locked


# ── Finding the person ───────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Identifier:
    """One way to recognise the person: kind "email", "phone", "bsn" or "name-postcode"
    (value is the name, `postcode` the postcode). One more kind is one more branch of
    `_condition`."""

    kind: str
    value: str
    postcode: str = ""


@dataclass(frozen=True)
class Match:
    case: Case
    # Which of the identifiers matched: "e-mailadres", "telefoonnummer", "naam en postcode".
    by: tuple[str, ...]


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _phone_forms(phone: str) -> set[str]:
    """The number in the forms people write it, without spaces or dashes."""
    digits = _digits(phone)
    if digits.startswith("0031"):
        digits = "0" + digits[4:]
    elif phone.strip().startswith("+31"):
        digits = "0" + digits[2:]
    if len(digits) < 6:
        return set()
    national = digits[1:] if digits.startswith("0") else digits
    return {digits, "+31" + national, "0031" + national}


def _compact(column: str) -> Replace:
    expression: Replace | Upper = Upper(column)
    for sign in (" ", "-", "(", ")", "."):
        expression = Replace(expression, Value(sign), Value(""))
    assert isinstance(expression, Replace)
    return expression


def _condition(identifier: Identifier) -> tuple[str, Q] | None:
    value = identifier.value.strip()
    if identifier.kind == "email" and "@" in value:
        return "e-mailadres", Q(submitter_email__iexact=value)
    if identifier.kind == "phone":
        forms = _phone_forms(value)
        return ("telefoonnummer", Q(phone_compact__in=forms)) if forms else None
    if identifier.kind == "bsn" and bsn_normalise(value) and not bsn_problem(value):
        # Found by its keyed hash: the stored BSN is never decrypted to search.
        return "BSN", Q(submitter_bsn_hash=bsn_search_hash(value))
    if identifier.kind == "name-postcode":
        name = " ".join(value.split())
        postcode = identifier.postcode.replace(" ", "").upper()
        if not name or len(postcode) != 6:
            return None
        named = Q(submitter_name__icontains=name) | Q(on_behalf_of_name__icontains=name)
        return "naam en postcode", named & Q(postcode_compact=postcode)
    return None


def person_find(
    *, user: User, municipality_id: int, identifiers: Sequence[Identifier]
) -> list[Match]:
    """The cases of the municipality whose submitter (or the person it is about) matches any
    of the identifiers, newest first, with what matched. The officer confirms which are the
    person's: a shared e-mail address or a namesake at the same postcode is possible."""
    officer_check(user, municipality_id)
    conditions = [c for c in (_condition(i) for i in identifiers) if c is not None]
    if not conditions:
        return []
    cases = Case.objects.filter(municipality_id=municipality_id).annotate(
        phone_compact=_compact("submitter_phone"), postcode_compact=_compact("submitter_postcode")
    )
    found: dict[int, tuple[Case, list[str]]] = {}
    for label, condition in conditions:
        for case in cases.filter(condition).order_by("-received_at")[:200]:
            found.setdefault(case.pk, (case, []))[1].append(label)
    ordered = sorted(found.values(), key=lambda pair: pair[0].received_at, reverse=True)
    # A search by someone's identifiers is a look at their data: one record, which cases.
    download_record(
        subject=f"Zaken van een inwoner gezocht: {len(ordered)} gevonden",
        scope=scope_for_user(user),
        purpose="Privacyverzoek: zaken van een inwoner zoeken",
        municipality_id=municipality_id,
        action=AccessLog.Action.VIEWED,
    )
    return [Match(case, tuple(labels)) for case, labels in ordered]


def identifiers_valid(identifiers: Sequence[Identifier]) -> bool:
    return any(_condition(i) is not None for i in identifiers)


def confirmed_cases(request: DataSubjectRequest) -> list[Case]:
    return list(
        Case.objects.filter(
            municipality_id=request.municipality_id, reference__in=request.case_references
        ).order_by("received_at", "pk")
    )


# ── The export (what goes in: subject_export.py) ────────────────────────────────────────


def access_export(
    *, user: User, request: DataSubjectRequest, fmt: str, at: dt.datetime | None = None
) -> dict[str, object]:
    """Everything Regie holds on the person in the confirmed cases (art. 15), JSON-ready;
    one DOWNLOADED record in the audit log for this export."""
    officer_check(user, request.municipality_id)
    if not request.case_references:
        raise CaseError({"references": "Bevestig eerst welke zaken van deze inwoner zijn."})
    at = at or timezone.now()
    data = export_data(request, confirmed_cases(request), at=at)
    download_record(
        subject=f"Inzage privacyverzoek {request.pk}: {len(request.case_references)} zaken ({fmt})",
        scope=scope_for_user(user),
        purpose="Privacyverzoek: inzage (AVG artikel 15)",
        municipality_id=request.municipality_id,
        at=at,
    )
    return data
