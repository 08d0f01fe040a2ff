"""The report as one standalone, printable HTML page (inline CSS, nothing fetched), for
publication on the municipality's site and as the source of the PDF/A."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from regie.cases.aggregates import CrossTable, Table
from regie.reporting.annual import Report, dutch_date
from regie.reporting.render import COUNT, TOTAL


@dataclass(frozen=True)
class ShownRow:
    label: str
    cells: tuple[str, ...]
    total: bool = False


@dataclass(frozen=True)
class ShownTable:
    """A table as the template draws it: a caption, column headings, rows of shown values."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[ShownRow, ...]
    any_hidden: bool


def shown(table: Table | CrossTable) -> ShownTable:
    if isinstance(table, Table):
        rows = [ShownRow(r.label, (str(r.cell),)) for r in table.rows]
        rows.append(ShownRow(TOTAL, (str(table.total),), total=True))
        hidden = table.total.hidden or any(r.cell.hidden for r in table.rows)
        return ShownTable(table.title, (COUNT,), tuple(rows), hidden)
    columns = (*[label for _, label in table.column_labels], TOTAL)
    rows = []
    cells = []
    for key, label in table.row_labels:
        line = [table.cells[key][c] for c, _ in table.column_labels] + [table.row_totals[key]]
        cells += line
        rows.append(ShownRow(label, tuple(str(c) for c in line)))
    totals = [table.column_totals[c] for c, _ in table.column_labels] + [table.total]
    cells += totals
    rows.append(ShownRow(TOTAL, tuple(str(c) for c in totals), total=True))
    return ShownTable(table.title, columns, tuple(rows), any(c.hidden for c in cells))


def render_html(report: Report) -> str:
    sections = [
        {"section": section, "tables": [shown(t) for t in section.tables]}
        for section in report.sections
    ]
    return render_to_string(
        "reporting/report.html",
        {
            "report": report,
            "sections": sections,
            "made_on": dutch_date(timezone.localdate()),
            "as_of": dutch_date(report.as_of),
        },
    )


def render_bytes(report: Report) -> bytes:
    return render_html(report).encode("utf-8")
