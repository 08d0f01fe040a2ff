"""The report's four formats hold the same figures: the CSV row by row, the ODS (read back
with odfpy) with the same shown values, the HTML with accessible tables, and the PDF as
PDF/A-2b that pdftotext can read."""

from __future__ import annotations

import csv
import io

import pypdf
import pytest
from odf import opendocument  # type: ignore[import-untyped]
from odf.table import Table as Sheet  # type: ignore[import-untyped]
from odf.table import TableCell, TableRow
from odf.text import P  # type: ignore[import-untyped]

from regie.cases.aggregates import AggregateScope, Period
from regie.directory.models import Municipality
from regie.reporting.annual import Report, annual_report, quarterly_report
from regie.reporting.render import figures, render
from tests.documents.support import pdf_text
from tests.reporting.support import AS_OF, YEAR, demo_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world: None) -> Report:
    demo_register()
    municipality = Municipality.objects.get(code="GM9901")
    return annual_report(
        AggregateScope(everything=True), municipality, Period.parse(YEAR), as_of=AS_OF
    )


def csv_rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def text_of(cell: object) -> str:
    return "".join(str(p) for p in cell.getElementsByType(P))  # type: ignore[attr-defined]


def ods_figures(content: bytes, report: Report) -> dict[tuple[str, str, str, str], str]:
    """(sheet, table, row, column) -> shown text, read back from the spreadsheet by its
    layout: a table's title, its header row, its rows until an empty row."""
    document = opendocument.load(io.BytesIO(content))
    titles = {t.title for s in report.sections for t in s.tables}
    found: dict[tuple[str, str, str, str], str] = {}
    for sheet in document.spreadsheet.getElementsByType(Sheet):
        rows = [
            [text_of(c) for c in r.getElementsByType(TableCell)]
            for r in sheet.getElementsByType(TableRow)
        ]
        n = 0
        while n < len(rows):
            if len(rows[n]) == 1 and rows[n][0] in titles:
                title, header = rows[n][0], rows[n + 1]
                n += 2
                while n < len(rows) and rows[n]:
                    for column, value in zip(header[1:], rows[n][1:], strict=True):
                        found[(sheet.getAttribute("name"), title, rows[n][0], column)] = value
                    n += 1
            n += 1
    return found


def test_csv_has_one_row_per_figure_as_shown(report: Report) -> None:
    rows = csv_rows(render(report, "csv"))
    assert rows[0] == ["onderdeel", "tabel", "rij", "kolom", "waarde"]
    expected = [[f.section, f.table, f.row, f.column, f.shown] for f in figures(report)]
    assert rows[1:] == expected
    assert any(row[4] == "< 5" for row in rows[1:])
    assert all(row[4] == "< 5" or int(row[4].replace(".", "")) >= 5 for row in rows[1:])


def test_the_ods_opens_and_holds_the_same_shown_values_as_the_csv(report: Report) -> None:
    content = render(report, "ods")
    found = ods_figures(content, report)
    rows = csv_rows(render(report, "csv"))[1:]
    # One sheet per section, named after the heading.
    sheets = {key[0] for key in found}
    assert len(sheets) == len([s for s in report.sections if s.tables])
    by_place = {(table, row, column): value for _, table, row, column, value in rows}
    from_ods = {(table, row, column): value for (_, table, row, column), value in found.items()}
    assert from_ods == by_place


def test_html_is_standalone_accessible_and_explains_small_numbers(report: Report) -> None:
    html = render(report, "html").decode("utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="nl">' in html
    assert "<caption>Ontvangen per soort" in html
    assert '<th scope="col">Aantal</th>' in html
    assert '<th scope="row">Klacht</th>' in html
    assert "betekent “minder dan 5”" in html
    assert "&lt; 5" in html
    assert "http://" not in html  # nothing fetched, ever
    assert "https://" not in html
    for section in report.sections:
        assert section.heading in html


def test_the_pdf_is_pdf_a_and_readable(report: Report) -> None:
    pdf = render(report, "pdf")
    assert pdf.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    xmp = reader.xmp_metadata
    assert xmp is not None
    identification = xmp.rdf_root.toxml()
    assert 'pdfaid:part="2"' in identification or "<pdfaid:part>2</pdfaid:part>" in identification
    assert reader.metadata is not None
    assert "Jaarverslag klachten 2025" in (reader.metadata.title or "")
    text = pdf_text(pdf)
    assert "Jaarverslag klachten 2025" in text
    assert "Gemeente Aa en Zee" in text
    assert "minder dan 5" in text
    kinds = report.sections[0].tables[0]
    assert f"Totaal {kinds.total}" in text  # a figure, as printed


def test_the_quarterly_report_renders_in_every_format(world: None) -> None:
    demo_register()
    report = quarterly_report(
        AggregateScope(everything=True),
        Municipality.objects.get(code="GM9901"),
        Period.parse("2025"),
        as_of=AS_OF,
    )
    for fmt in ("csv", "html", "ods", "pdf"):
        assert render(report, fmt)
    assert "kwartaal 4 van 2025" in render(report, "html").decode()
