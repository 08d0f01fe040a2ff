"""CSV files for the import tests, written the way a spreadsheet writes them."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from django.utils import timezone

HEADER = [
    "gemeente",
    "ontvangen_op",
    "domein",
    "onderwerp",
    "omschrijving",
    "naam",
    "email",
    "telefoon",
    "namens_naam",
    "namens_relatie",
    "urgentie",
]


def row(number: int = 1, **overrides: Any) -> dict[str, str]:
    """A complaint that Het Anker may register about itself."""
    received = timezone.localdate() - dt.timedelta(days=3)
    values = {
        "gemeente": "GM9901",
        "ontvangen_op": received.isoformat(),
        "domein": "wmo",
        "onderwerp": f"Hulp kwam niet ({number})",
        "omschrijving": f"De huishoudelijke hulp kwam twee weken niet. Klacht {number}.",
        "naam": f"Inwoner {number}",
        "email": f"inwoner{number}@example.org",
        "telefoon": "0612345678",
        "namens_naam": "",
        "namens_relatie": "",
        "urgentie": "",
    }
    values.update({k: str(v) for k, v in overrides.items()})
    return values


def rows(count: int, **overrides: Any) -> list[dict[str, str]]:
    return [row(n, **overrides) for n in range(1, count + 1)]


def csv_bytes(
    records: list[dict[str, str]],
    *,
    header: list[str] | None = None,
    delimiter: str = ";",
    bom: bool = False,
) -> bytes:
    columns = header or HEADER
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([record.get(c, "") for c in columns])
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")
