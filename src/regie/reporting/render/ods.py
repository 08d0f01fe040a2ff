"""The report as an OpenDocument spreadsheet (odfpy): one sheet per section, a readable
header on each, the figures as numbers where they are shown and as "< 5" where hidden."""

from __future__ import annotations

import io
import re

from odf.opendocument import OpenDocumentSpreadsheet  # type: ignore[import-untyped]
from odf.style import Style, TableColumnProperties, TextProperties  # type: ignore[import-untyped]
from odf.table import (  # type: ignore[import-untyped]
    Table as Sheet,
)
from odf.table import (
    TableCell,
    TableColumn,
    TableRow,
)
from odf.text import P  # type: ignore[import-untyped]

from regie.cases.aggregates import Cell, CrossTable, Table
from regie.reporting.annual import Report, Section
from regie.reporting.render import COUNT, TOTAL

# Sheet names: at most 31 characters and none of []*?:/\ (what spreadsheet programs accept).
_NOT_IN_NAME = re.compile(r"[\[\]*?:/\\']")


def render(report: Report) -> bytes:
    document = OpenDocumentSpreadsheet()
    bold = Style(name="kop", family="table-cell")
    bold.addElement(TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(bold)
    wide = Style(name="breed", family="table-column")
    wide.addElement(TableColumnProperties(columnwidth="9cm"))
    document.automaticstyles.addElement(wide)
    used: set[str] = set()
    for section in report.sections:
        document.spreadsheet.addElement(_sheet(report, section, _name(section, used), bold, wide))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def _name(section: Section, used: set[str]) -> str:
    base = _NOT_IN_NAME.sub("", section.heading)[:28].strip() or section.key
    name, n = base, 2
    while name in used:
        name, n = f"{base} {n}", n + 1
    used.add(name)
    return name


def _sheet(report: Report, section: Section, name: str, bold: Style, wide: Style) -> Sheet:
    sheet = Sheet(name=name)
    sheet.addElement(TableColumn(stylename=wide))
    sheet.addElement(TableColumn(numbercolumnsrepeated=8))
    sheet.addElement(_row([f"{report.title}, {report.municipality}"], bold))
    sheet.addElement(_row([section.heading], bold))
    sheet.addElement(_row([section.explanation]))
    sheet.addElement(_row([f"Aantallen onder de {report.k} staan er als '< {report.k}'."]))
    for table in section.tables:
        sheet.addElement(_row([]))
        sheet.addElement(_row([table.title], bold))
        header, *body = _rows(table)
        sheet.addElement(_row(header, bold))
        for values in body:
            sheet.addElement(_row(values))
    if section.lines:
        sheet.addElement(_row([]))
        for line in section.lines:
            sheet.addElement(_row([line]))
    return sheet


def _rows(table: Table | CrossTable) -> list[list[str | Cell]]:
    if isinstance(table, Table):
        found: list[list[str | Cell]] = [["", COUNT]]
        found += [[row.label, row.cell] for row in table.rows]
        return [*found, [TOTAL, table.total]]
    rows: list[list[str | Cell]] = [["", *[label for _, label in table.column_labels], TOTAL]]
    for key, label in table.row_labels:
        cells: list[str | Cell] = [label]
        cells += [table.cells[key][column] for column, _ in table.column_labels]
        rows.append([*cells, table.row_totals[key]])
    totals: list[str | Cell] = [TOTAL]
    totals += [table.column_totals[column] for column, _ in table.column_labels]
    rows.append([*totals, table.total])
    return rows


def _row(values: list[str | Cell], style: Style | None = None) -> TableRow:
    row = TableRow()
    for value in values:
        if isinstance(value, Cell) and value.value is not None:
            cell = TableCell(valuetype="float", value=value.value)
        else:
            cell = TableCell(valuetype="string")
        if style is not None:
            cell.setAttribute("stylename", style)
        cell.addElement(P(text=str(value)))
        row.addElement(cell)
    return row
