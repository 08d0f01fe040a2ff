"""Correcting the submitter's details (GDPR art. 16: rectification): name, e-mail, phone and
postal address, on request of the resident or because a handler saw a typo.

The timeline records *that* the details changed and which ones, never the old values: the
old value is the very personal data that was wrong, and an append-only timeline that kept it
would defeat the correction. The event is an internal note (`EventType.NOTE_ADDED`, with a
`rectified` list in its payload): a type of its own would need a migration of the event
choices, and a note is what the timeline, the dossier and retention already understand. The
resident's status page never shows notes.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from stdnum.nl import postcode as dutch_postcode

from regie import limits
from regie.accounts.permissions import May, roles_that
from regie.accounts.scope import Scope, may_handle_cases
from regie.accounts.selectors import municipality_ids_in_roles
from regie.cases.bsn import case_bsn
from regie.cases.models import Case, EventType
from regie.cases.person_key import person_key
from regie.cases.selectors import case_visible_to
from regie.cases.services.common import (
    CaseError,
    PermissionRefused,
    append_event,
    moments,
    raise_if,
    text_problem,
)
from regie.cases.services.intake import Address, _address_errors

# The Case field of each detail, and how the timeline names it.
FIELDS = {
    "name": ("submitter_name", "naam"),
    "email": ("submitter_email", "e-mailadres"),
    "phone": ("submitter_phone", "telefoonnummer"),
    "street": ("submitter_street", "adres"),
    "house_number": ("submitter_house_number", "adres"),
    "postcode": ("submitter_postcode", "adres"),
    "city": ("submitter_city", "adres"),
}
# The intake's error keys for an address, as this service names them.
ADDRESS_KEYS = {
    "submitter.address.street": "street",
    "submitter.address.houseNumber": "house_number",
    "submitter.address.postcode": "postcode",
    "submitter.address.city": "city",
}


def _guards_privacy(scope: Scope, case: Case) -> bool:
    """The privacy officer of the case's municipality, who answers the resident's request."""
    if scope.user_id is None or scope.public or scope.api_client_id is not None:
        return False
    user = User.objects.filter(pk=scope.user_id, is_active=True).first()
    if user is None:
        return False
    return case.municipality_id in municipality_ids_in_roles(user, roles_that(May.GUARD_PRIVACY))


def case_rectify_submitter_check(
    *, case: Case, scope: Scope, at: dt.datetime | None = None
) -> None:
    """The privacy officer of the case's municipality, municipal staff who see the case, or a
    superuser. A case whose personal data retention removed has nothing left to correct."""
    allowed = scope.everything or _guards_privacy(scope, case)
    if not allowed and not (may_handle_cases(scope) and case_visible_to(scope, case)):
        raise PermissionRefused("Neither the privacy officer nor staff in sight of the case.")
    if case.anonymised_at is not None:
        raise CaseError({"submitter": "De gegevens van deze zaak zijn al verwijderd."})


def _checked(case: Case, name: str, email: str, phone: str, address: Address) -> dict[str, str]:
    """The new values by detail; raises CaseError with Dutch messages per field."""
    errors: dict[str, str] = {}
    values = {
        "name": " ".join(name.split()),
        "email": email.strip(),
        "phone": phone.strip(),
        "street": address.street.strip(),
        "house_number": address.house_number.strip(),
        "postcode": address.postcode.strip(),
        "city": address.city.strip(),
    }
    for key, limit in (
        ("name", limits.PERSON_NAME),
        ("email", limits.EMAIL),
        ("phone", limits.PHONE),
    ):
        problem = text_problem(values[key], limit)
        if problem:
            errors[key] = problem
    if case.submitter_name and not values["name"] and "name" not in errors:
        # Correcting is not erasing: a complaint with a name is a complaint in the Awb sense.
        errors["name"] = (
            "Vul de naam in. Wil de inwoner dat gegevens weg gaan? "
            "Dat is een verzoek om verwijdering."
        )
    if values["email"] and "email" not in errors:
        try:
            validate_email(values["email"])
        except ValidationError:
            errors["email"] = "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
    for key, message in _address_errors(address).items():
        errors[ADDRESS_KEYS.get(key, key)] = message
    raise_if(errors)
    if any(values[k] for k in ("street", "house_number", "postcode", "city")):
        values["postcode"] = dutch_postcode.validate(values["postcode"])
    return values


def case_rectify_submitter(
    *,
    case: Case,
    scope: Scope,
    name: str,
    email: str,
    phone: str,
    address: Address,
    at: dt.datetime | None = None,
) -> list[str]:
    """Replace the submitter's details with the given ones (all of them: an empty value
    removes that detail, except the name). Returns the changed details in Dutch, in order;
    refuses when nothing changes, so every event is a real correction."""
    case_rectify_submitter_check(case=case, scope=scope, at=at)
    at, _now = moments(at)
    values = _checked(case, name, email, phone, address)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        case_rectify_submitter_check(case=locked, scope=scope, at=at)
        changed = {
            column: values[key]
            for key, (column, _label) in FIELDS.items()
            if getattr(locked, column) != values[key]
        }
        if not changed:
            raise CaseError({"submitter": "Er is niets veranderd: de gegevens zijn hetzelfde."})
        labels = list(
            dict.fromkeys(label for key, (column, label) in FIELDS.items() if column in changed)
        )
        # The person key follows the corrected e-mail or phone (the BSN, when there is one,
        # stays the key), so linking a person's cases keeps working after a correction.
        key = person_key(
            bsn=case_bsn(locked),
            email=changed.get("submitter_email", locked.submitter_email),
            phone=changed.get("submitter_phone", locked.submitter_phone),
        )
        Case.objects.filter(pk=locked.pk).update(**changed, person_key=key, updated_at=_now)
        append_event(
            locked,
            scope,
            EventType.NOTE_ADDED,
            {
                "text": "Gegevens van de indiener gecorrigeerd (AVG artikel 16): "
                + ", ".join(labels)
                + ".",
                "rectified": [key for key, (column, _l) in FIELDS.items() if column in changed],
            },
            at=at,
        )
    return labels
