# ruff: noqa: E501 - the template below is kept as it stood, one row a line
"""The worklist's rows written in Python (display.worklist_rows_html) are the markup the
template wrote before, to the character but for the whitespace between tags, for every kind of
row, and every value escaped."""

from __future__ import annotations

import itertools
import re

from django.template import Context, Template

from regie.web.display import WorklistRow, worklist_rows_html

# The loop as it stood in web/worklist.html before the rows moved to Python.
TEMPLATE = Template(
    """{% for row in rows %}
<tr class="utrecht-table__row" role="row">
<td class="utrecht-table__cell regie-nowrap" data-label="Kenmerk" role="cell"><a class="utrecht-link utrecht-link--html-a" href="{{ row.href }}">{{ row.reference }}</a>{% if row.bounced %}<br><strong class="regie-flag">van hand tot hand ({{ row.handovers }} keer)</strong>{% endif %}</td>
<td class="utrecht-table__cell" data-label="Soort" role="cell">{{ row.kind }}{% if row.urgent %} <strong>(spoed)</strong>{% endif %}</td>
<td class="utrecht-table__cell" data-label="Onderwerp" role="cell">{{ row.summary }}</td>
<td class="utrecht-table__cell" data-label="Gemeente" role="cell">{{ row.municipality }}</td>
<td class="utrecht-table__cell regie-nowrap" data-label="Ontvangen" role="cell">{{ row.received }}</td>
<td class="utrecht-table__cell" data-label="Eerstvolgende termijn" role="cell">{% if row.due_date %}{{ row.due_date }}<br>{% endif %}<span class="regie-due regie-due--{{ row.due_state }}">{{ row.due_word }}</span></td>
<td class="utrecht-table__cell" data-label="Status" role="cell">{{ row.status }}</td>
<td class="utrecht-table__cell" data-label="Behandelaar" role="cell">{% if row.organisation %}{{ row.organisation }}{% if not row.organisation_accepted %} <em>(nog niet geaccepteerd)</em>{% endif %}{% if row.due_state == "overdue" %}<br><strong class="regie-flag">te laat bij de aanbieder</strong>{% endif %}{% elif row.handler %}{{ row.handler }}{% else %}<em>niemand</em>{% endif %}</td>
</tr>
{% endfor %}"""
)


def rows() -> list[WorklistRow]:
    made = []
    for n, (bounced, urgent, due_date, organisation, accepted, state, handler) in enumerate(
        itertools.product(
            (False, True),
            (False, True),
            ("", "3 dec 2026"),
            ("", "Zorg & Co <b>"),
            (False, True),
            ("overdue", "today", "closed"),
            ("", 'Jan "de" Vries'),
        )
    ):
        made.append(
            WorklistRow(
                href=f"/werk/zaken/KL-2026-{n:06d}?x=1&y=<2>",
                reference=f"KL-2026-{n:06d}",
                bounced=bounced,
                handovers=n,
                kind="Klacht <script>",
                urgent=urgent,
                summary="Onderwerp met 'quotes' & <tags>",
                municipality="Gemeente 's-Hertogenbosch",
                received="1 dec 2026",
                due_date=due_date,
                due_state=state,
                due_word="Te laat" if state == "overdue" else "Vandaag",
                status="Ontvangen",
                organisation=organisation,
                organisation_accepted=accepted,
                handler=handler,
            )
        )
    return made


def squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def test_the_rows_are_the_templates_markup() -> None:
    made = rows()
    expected = TEMPLATE.render(Context({"rows": made}))
    assert squeezed(worklist_rows_html(made)) == squeezed(expected)


def test_every_value_is_escaped() -> None:
    html = worklist_rows_html(rows()[:1])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp;y=&lt;2&gt;" in html


def test_no_rows_no_markup() -> None:
    assert worklist_rows_html([]) == ""
