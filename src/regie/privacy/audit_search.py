"""The privacy officer's search through the audit log (/privacy/logboek) and its export.

Who sees which records is one rule: a privacy officer those of the municipalities where they
hold that role, a superuser all of them (`retention.officer_municipality_ids`, the same rule
as for retention). The search reads only the log; it never opens a case.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from regie.privacy.models import AccessLog


@dataclass(frozen=True)
class AuditFilter:
    """What the officer looks for; empty values filter nothing."""

    reference: str = ""
    person: str = ""
    action: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    outside_own_work: bool = False
    address: str = ""

    def describe(self) -> str:
        """The filter in words, for the record of an export of it."""
        parts = [
            f"kenmerk {self.reference}" if self.reference else "",
            f"persoon {self.person}" if self.person else "",
            f"actie {self.action}" if self.action else "",
            f"vanaf {self.since:%d-%m-%Y}" if self.since else "",
            f"tot en met {self.until:%d-%m-%Y}" if self.until else "",
            "alleen buiten eigen werk" if self.outside_own_work else "",
            f"adres {self.address}" if self.address else "",
        ]
        return ", ".join(p for p in parts if p) or "geen filter"


def _day_start(day: dt.date) -> dt.datetime:
    # A day is a Dutch calendar day: from midnight in Europe/Amsterdam.
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_records(municipality_ids: frozenset[int] | None, flt: AuditFilter) -> QuerySet[AccessLog]:
    """The records `municipality_ids` (None: every one) may see that fit `flt`, newest first."""
    records = AccessLog.objects.select_related("municipality", "user", "api_client")
    if municipality_ids is not None:
        records = records.filter(municipality_id__in=municipality_ids)
    if flt.reference:
        records = records.filter(case_reference__iexact=flt.reference.strip())
    if flt.person:
        person = flt.person.strip()
        records = records.filter(
            Q(actor_label__icontains=person) | Q(user__username__iexact=person)
        )
    if flt.action:
        records = records.filter(action=flt.action)
    if flt.since:
        records = records.filter(at__gte=_day_start(flt.since))
    if flt.until:
        records = records.filter(at__lt=_day_start(flt.until + dt.timedelta(days=1)))
    if flt.outside_own_work:
        records = records.filter(outside_own_work=True)
    if flt.address:
        try:
            address = str(ipaddress.ip_address(flt.address.strip()))
        except ValueError:
            address = ""  # not an address: the form ignores it as well
        if address:
            records = records.filter(ip_address=address)
    return records.order_by("-at", "-pk")


HEADER = (
    "wanneer",
    "wie",
    "gebruikersnaam",
    "koppeling",
    "kenmerk",
    "onderwerp",
    "gemeente",
    "actie",
    "vanaf adres",
    "doel",
    "buiten eigen werk",
    "reden",
)


def _cell(value: str) -> str:
    # A spreadsheet runs a cell that starts with = + - @ as a formula; a reason is typed by
    # a person, so it is shown as text (OWASP "CSV injection").
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def audit_row(record: AccessLog) -> tuple[str, ...]:
    return tuple(
        _cell(value)
        for value in (
            timezone.localtime(record.at).isoformat(timespec="seconds"),
            record.actor_label,
            record.user.get_username() if record.user else "",
            record.api_client.name if record.api_client else "",
            record.case_reference,
            record.subject,
            record.municipality.name if record.municipality else "",
            record.get_action_display(),
            record.ip_address or "",
            record.purpose,
            "ja" if record.outside_own_work else "nee",
            record.reason,
        )
    )


def audit_csv(records: Iterable[AccessLog]) -> tuple[bytes, int]:
    """The records as CSV (with a byte order mark, so that Excel reads the accents right),
    and how many rows it holds."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    count = 0
    for record in records:
        writer.writerow(audit_row(record))
        count += 1
    return ("\ufeff" + out.getvalue()).encode("utf-8"), count
