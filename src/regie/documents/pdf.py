"""HTML to PDF/A with WeasyPrint: the archival variant, so a letter printed today can be
read and kept as long as the Archiefwet asks (PDF/A-2b embeds its fonts and metadata)."""

from __future__ import annotations

import weasyprint

PDF_VARIANT = "pdf/a-2b"


def render_pdf(html: str) -> bytes:
    """The PDF/A of a self-contained HTML document (inline CSS, no external resources:
    nothing is fetched while rendering)."""
    document = weasyprint.HTML(string=html, url_fetcher=_refuse_fetch)
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT)
    assert pdf is not None
    return bytes(pdf)


def _refuse_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    # A template edited in Beheer must not make the server fetch anything (SSRF, slow pages).
    raise ValueError(f"Externe bronnen worden niet geladen: {url}")
