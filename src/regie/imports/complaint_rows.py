"""From a CSV row to the intake service's request, and from the service's answer back to the
row's columns.

This module reads values (a code, a date, a word) and knows which column each service field
came from. Whether a complaint may be registered (the municipality, the organisation's own
domains, a name and a way to reach the person, the text limits, a receipt neither in the
future nor ten years back) is asked of `case_intake_check`, the check `case_intake` itself
runs first, so a row that passes here is registered exactly as a complaint typed in one by
one would be.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from regie.accounts.scope import Scope
from regie.cases.services import CaseError, IntakeRequest, Person
from regie.cases.services.intake import case_intake_check
from regie.directory.models import Municipality, Organisation
from regie.imports.csv_format import COLUMNS, Row
from regie.imports.report import Problem
from regie.vocabulary import Channel, Kind, Urgency

# The service's field names, as the API uses them, and the column each value came from.
SERVICE_COLUMNS = {
    "municipality": "gemeente",
    "about": "gemeente",  # the organisation is the uploader; what can differ is the gemeente
    "receivedAt": "ontvangen_op",
    "domain": "domein",
    "subject": "onderwerp",
    "description": "omschrijving",
    "submitter.name": "naam",
    "submitter.email": "email",
    "submitter.phone": "telefoon",
    "onBehalfOf.name": "namens_naam",
    "onBehalfOf.relation": "namens_relatie",
    "urgency": "urgentie",
}
ORDER = {column.name: position for position, column in enumerate(COLUMNS)}
# The service speaks to the resident; the report is read by the provider's staff.
FOR_STAFF = {"Vul uw naam in.": "Vul de naam in van wie de klacht indient."}

DATE_INVALID = "Vul een bestaande datum in, zoals 2026-03-24 of 24-03-2026."
DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y")
# Outside these years a date is a typing error, and the time-zone arithmetic of a moment in
# year 1 or 9999 overflows.
YEARS = range(1900, 3000)


@dataclass(frozen=True)
class Upload:
    """What every row of one file shares."""

    organisation: Organisation
    scope: Scope
    municipalities: dict[str, Municipality]  # every municipality, by CBS code
    now: dt.datetime
    # A municipality the organisation works for, to check the rest of a row whose own
    # gemeente could not be read: that row's other problems are reported too.
    stand_in: Municipality | None

    @classmethod
    def for_organisation(cls, organisation: Organisation, scope: Scope, now: dt.datetime) -> Upload:
        return cls(
            organisation=organisation,
            scope=scope,
            municipalities={m.code: m for m in Municipality.objects.all()},
            now=now,
            stand_in=organisation.municipalities.order_by("code").first(),
        )


@dataclass(frozen=True)
class CheckedRow:
    number: int
    request: IntakeRequest | None  # None when the row has problems
    problems: list[Problem]


def check_row(row: Row, upload: Upload) -> CheckedRow:
    """Every problem of one row, by column; the request to register when there are none."""
    problems: dict[str, str] = {}  # column → message; the first message per column counts
    values = row.values

    code = values.get("gemeente", "").strip().upper()
    municipality = upload.municipalities.get(code)
    if municipality is None:
        problems["gemeente"] = (
            f"Onbekende gemeentecode: {code}. Gebruik een code zoals GM9901."
            if code
            else "Vul de gemeentecode in, zoals GM9901."
        )
    received_at, date_problem = received_moment(values.get("ontvangen_op", ""), upload.now)
    if date_problem:
        problems["ontvangen_op"] = date_problem

    checked_for = municipality or upload.stand_in
    if checked_for is None:
        return CheckedRow(row.number, None, _as_problems(row.number, problems))
    request = IntakeRequest(
        municipality=checked_for,
        kind=Kind.KLACHT,
        channel=Channel.AANBIEDER,
        domain=values.get("domein", "").strip().lower().replace(" ", "-"),
        subject=values.get("onderwerp", ""),
        description=values.get("omschrijving", ""),
        received_at=received_at,
        urgency=values.get("urgentie", "").strip().lower() or Urgency.NORMAAL,
        submitter=Person(
            name=values.get("naam", ""),
            email=values.get("email", ""),
            phone=values.get("telefoon", ""),
        ),
        on_behalf_of_name=values.get("namens_naam", ""),
        on_behalf_of_relation=values.get("namens_relatie", ""),
        about=upload.organisation,
    )
    # The provider's own register of complaints: each row names who complained and how to
    # answer them. (A resident's complaint without a name is registered as a signal, never
    # refused; a provider's file is expected to be complete.)
    if not values.get("naam", "").strip():
        problems.setdefault("naam", "Vul de naam in van wie de klacht indient.")
    if not (values.get("email", "").strip() or values.get("telefoon", "").strip()):
        problems.setdefault("email", "Vul een e-mailadres of telefoonnummer in.")
    try:
        case_intake_check(scope=upload.scope, request=request, at=upload.now)
    except CaseError as refused:
        for column, message in _by_column(refused.errors).items():
            if municipality is None and column == "gemeente":
                continue  # said above; the stand-in's answer is not about this row
            problems.setdefault(column, message)
    if problems:
        return CheckedRow(row.number, None, _as_problems(row.number, problems))
    return CheckedRow(row.number, request, [])


def received_moment(text: str, now: dt.datetime) -> tuple[dt.datetime | None, str]:
    """The moment of receipt, or a problem. A date alone counts as noon Dutch time on that
    day, as the one-by-one form on the portal takes it; today's date at most now, so that it
    is not "in the future" this morning. A later date stays in the future, and the service
    says so, as it does to a moment without a time zone."""
    text = text.strip()
    if not text:
        return None, "Vul de datum in waarop u de klacht kreeg, zoals 2026-03-24."
    for format_ in DATE_FORMATS:
        try:
            day = dt.datetime.strptime(text, format_).date()  # noqa: DTZ007 - a date only
        except ValueError:
            continue
        if day.year not in YEARS:
            return None, DATE_INVALID
        noon = dt.datetime.combine(day, dt.time(12), tzinfo=timezone.get_default_timezone())
        return (min(noon, now) if day == timezone.localdate(now) else noon), ""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None, DATE_INVALID
    if moment.year not in YEARS:
        return None, DATE_INVALID
    return moment, ""


def service_problems(row: int, errors: dict[str, str]) -> list[Problem]:
    """The intake service's errors for one row, by column."""
    return _as_problems(row, _by_column(errors))


def _by_column(errors: dict[str, str]) -> dict[str, str]:
    """Service field → column, in the service's order; one message per column (the service's
    permission message and its field message for the same gemeente say the same thing)."""
    columns: dict[str, str] = {}
    for field, message in errors.items():
        columns.setdefault(SERVICE_COLUMNS.get(field, ""), FOR_STAFF.get(message, message))
    return columns


def _as_problems(row: int, problems: dict[str, str]) -> list[Problem]:
    """In the order of the columns in the format, so a row's report reads left to right."""
    ordered = sorted(problems.items(), key=lambda item: ORDER.get(item[0], len(ORDER)))
    return [Problem(message, row=row, column=column) for column, message in ordered]
