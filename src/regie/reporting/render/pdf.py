"""The report as PDF/A-2b: the same HTML through the documents room's WeasyPrint renderer,
so that the published report can be archived as the Archiefwet asks."""

from __future__ import annotations

from regie.documents.pdf import render_pdf
from regie.reporting.annual import Report
from regie.reporting.render.html import render_html


def render(report: Report) -> bytes:
    return render_pdf(render_html(report))
