"""What the wegwijzer says about a provider, a joint arrangement or an independent body, and
the complaint scheme that sets the term of a complaint about it (LEGAL.md §5)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from regie import limits
from regie.directory.models import Organisation
from regie.directory.services import history
from regie.directory.services.common import NAME, Check, Editor, Saved, locked, moment, require
from regie.vocabulary import ComplaintRoute

# A scheme sets its own term; half a year is already far beyond any real one.
SCHEME_WEEKS = (1, 52)
SCHEME_BASIS = 100
MOST_CLIENTS = 10_000_000


def organisation_update(
    *,
    organisation: Organisation,
    by: Editor,
    description: str,
    complaint_route: str,
    complaint_scheme: str,
    complaint_term_weeks: int | None,
    complaint_scheme_basis: str,
    complaint_scheme_url: str,
    client_count: int | None,
    at: dt.datetime | None = None,
) -> Saved[Organisation]:
    require(by, organisation)
    when = moment(at)
    check = Check()
    description = check.text("description", description, limit=limits.STAFF_TEXT)
    if complaint_route:
        check.choice(
            "complaint_route", complaint_route, ComplaintRoute, "Kies een klachtroute uit de lijst."
        )
    # The deadline of a complaint about this party and what the wegwijzer tells a resident
    # come from its own scheme: without a name and a term there is nothing to tell.
    own_scheme = complaint_route == ComplaintRoute.KLACHTENREGELING
    scheme = check.text(
        "complaint_scheme",
        complaint_scheme,
        limit=NAME,
        required="Vul de naam van de klachtenregeling in." if own_scheme else "",
    )
    if own_scheme and complaint_term_weeks is None:
        check.fail("complaint_term_weeks", "Vul de termijn van de klachtenregeling in.")
    check.number(
        "complaint_term_weeks",
        complaint_term_weeks,
        SCHEME_WEEKS,
        "Vul een termijn in van 1 tot en met 52 weken.",
    )
    basis = check.text("complaint_scheme_basis", complaint_scheme_basis, limit=SCHEME_BASIS)
    url = check.url("complaint_scheme_url", complaint_scheme_url)
    check.number(
        "client_count",
        client_count,
        (0, MOST_CLIENTS),
        "Vul een aantal cliënten in van 0 of meer, of laat het veld leeg.",
    )
    check.done()
    with transaction.atomic():
        current = locked(organisation)
        require(by, current)
        values = {
            "description": description,
            "complaint_route": complaint_route,
            "complaint_scheme": scheme,
            "complaint_term_weeks": complaint_term_weeks,
            "complaint_scheme_basis": basis,
            "complaint_scheme_url": url,
            "client_count": client_count,
        }
        return history.update(current, values, by=by, at=when)
