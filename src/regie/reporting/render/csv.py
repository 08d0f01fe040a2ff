"""The report's figures as CSV: one row per figure, the value as shown ("< 5" when hidden),
so that a spreadsheet user cannot read more than the printed report shows."""

from __future__ import annotations

import csv
import io

from regie.reporting.annual import Report
from regie.reporting.render import figures

HEADER = ("onderdeel", "tabel", "rij", "kolom", "waarde")


def render(report: Report) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for figure in figures(report):
        writer.writerow((figure.section, figure.table, figure.row, figure.column, figure.shown))
    # With a byte order mark, so that Excel reads the accents right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")
