"""The report's figures as open data: the same figures as the CSV, for machines. A hidden
figure has an empty count and `verborgen` = "ja", never a number; the threshold is in every
row so a reader knows what "hidden" means."""

from __future__ import annotations

import csv
import io

from regie.reporting.annual import Report
from regie.reporting.render import figures

HEADER = (
    "gemeente",
    "periode",
    "onderdeel",
    "tabel",
    "rij",
    "kolom",
    "aantal",
    "verborgen",
    "drempel",
)


def render(report: Report) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for figure in figures(report):
        value = figure.cell.value
        writer.writerow(
            (
                report.municipality_code,
                report.period.label,
                figure.section,
                figure.table,
                figure.row,
                figure.column,
                "" if value is None else value,
                "ja" if value is None else "nee",
                report.k,
            )
        )
    return out.getvalue().encode("utf-8")
