"""A municipality's service norms (LEGAL.md §3) and the ombudsman it points residents to."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from regie.directory.models import Municipality
from regie.directory.services import history
from regie.directory.services.common import NAME, Check, Editor, Saved, locked, moment, require

# A promise of more than twelve weeks of working days is no promise.
WORKING_DAYS = (1, 60)
# The Wgs (art. 4a) allows eight weeks at most for the debt-help decision; a by-law may set less.
WGS_WEEKS = (1, 8)
DAYS = "Vul een aantal werkdagen in van 1 tot en met 60."
WEEKS = "De Wgs geeft hooguit 8 weken voor het besluit. Vul 1 tot en met 8 weken in."


def municipality_update_norms(
    *,
    municipality: Municipality,
    by: Editor,
    acknowledgement_working_days: int,
    first_contact_working_days: int,
    wgs_decision_weeks: int,
    ombudsman_name: str,
    ombudsman_url: str,
    at: dt.datetime | None = None,
) -> Saved[Municipality]:
    """New terms count from cases that come in after the change; deadlines already stored
    keep their date."""
    require(by, municipality)
    when = moment(at)
    check = Check()
    for field, value, bounds, message in (
        ("acknowledgement_working_days", acknowledgement_working_days, WORKING_DAYS, DAYS),
        ("first_contact_working_days", first_contact_working_days, WORKING_DAYS, DAYS),
        ("wgs_decision_weeks", wgs_decision_weeks, WGS_WEEKS, WEEKS),
    ):
        check.number(field, value, bounds, message, required=True)
    name = check.text(
        "ombudsman_name", ombudsman_name, limit=NAME, required="Vul de naam van de ombudsman in."
    )
    url = check.url(
        "ombudsman_url", ombudsman_url, required="Vul het internetadres van de ombudsman in."
    )
    check.done()
    with transaction.atomic():
        current = locked(municipality)
        require(by, current)
        values = {
            "norm_acknowledgement_working_days": acknowledgement_working_days,
            "norm_first_contact_working_days": first_contact_working_days,
            "wgs_decision_weeks": wgs_decision_weeks,
            "ombudsman_name": name,
            "ombudsman_url": url,
        }
        return history.update(current, values, by=by, at=when)
