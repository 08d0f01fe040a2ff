"""Renderers of a `reporting.annual.Report`: one module per format, all reading the same
figures (`figures`), so that the CSV, the ODS and the printed report cannot disagree."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from regie.cases.aggregates import Cell, CrossTable, Table
from regie.reporting.annual import Report

TOTAL = "Totaal"
COUNT = "Aantal"
FORMATS = {
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv; charset=utf-8",
    # Open data: the same figures for machines (counts as numbers, hidden ones empty).
    "opendata": "text/csv; charset=utf-8",
}
EXTENSIONS = {"opendata": "csv"}


@dataclass(frozen=True)
class Figure:
    """One published number: where it stands, and how it is shown ("< 5" when hidden)."""

    section: str
    table: str
    row: str
    column: str
    cell: Cell

    @property
    def shown(self) -> str:
        return str(self.cell)


def table_figures(section: str, table: Table | CrossTable) -> Iterator[Figure]:
    if isinstance(table, Table):
        for row in table.rows:
            yield Figure(section, table.title, row.label, COUNT, row.cell)
        yield Figure(section, table.title, TOTAL, COUNT, table.total)
        return
    for key, label in table.row_labels:
        for column, column_label in table.column_labels:
            yield Figure(section, table.title, label, column_label, table.cells[key][column])
        yield Figure(section, table.title, label, TOTAL, table.row_totals[key])
    for column, column_label in table.column_labels:
        yield Figure(section, table.title, TOTAL, column_label, table.column_totals[column])
    yield Figure(section, table.title, TOTAL, TOTAL, table.total)


def figures(report: Report) -> Iterator[Figure]:
    """Every figure of the report, in reading order."""
    for section in report.sections:
        for table in section.tables:
            yield from table_figures(section.heading, table)


def render(report: Report, fmt: str) -> bytes:
    """The report as a file of `fmt` (one of FORMATS); KeyError for another format."""
    # Imported here: the renderers import this module's `figures`.
    from regie.reporting.render.csv import render as render_csv
    from regie.reporting.render.html import render_bytes as render_html
    from regie.reporting.render.ods import render as render_ods
    from regie.reporting.render.opendata import render as render_opendata
    from regie.reporting.render.pdf import render as render_pdf

    renderers = {
        "csv": render_csv,
        "html": render_html,
        "ods": render_ods,
        "pdf": render_pdf,
        "opendata": render_opendata,
    }
    return renderers[fmt](report)
