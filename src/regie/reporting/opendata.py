"""Open data (issue 10): the annual complaints report's figures of every municipality, for
anyone, as CSV (`render/opendata.py`: counts as numbers, hidden ones empty and marked).

Only completed years: a year still running changes every day, and two downloads a day apart
would tell, by their difference, about a single new case. Figures of a completed year change
only when a case is registered late; that is the same exposure the printed report has.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render as render_page
from django.utils import timezone
from django.views.decorators.http import require_GET

from regie.cases.aggregates import AggregateScope, Period
from regie.directory.models import Municipality
from regie.reporting.annual import ANNUAL, build_report
from regie.reporting.render import render

FIRST_YEAR = 2015  # the decentralisation: no figures before it
PUBLISHED = AggregateScope(everything=True)


def completed_years(today: dt.date) -> list[int]:
    return list(range(today.year - 1, FIRST_YEAR - 1, -1))


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    context = {
        "nav": "open-data",
        "municipalities": Municipality.objects.order_by("name"),
        "years": completed_years(timezone.localdate())[:5],
    }
    return render_page(request, "reporting/opendata.html", context)


@require_GET
def annual_csv(request: HttpRequest, municipality: str, year: str) -> HttpResponse:
    if not year.isdigit() or int(year) not in completed_years(timezone.localdate()):
        raise Http404("Niet gevonden")
    found = Municipality.objects.filter(code=municipality).first()
    if found is None:
        raise Http404("Niet gevonden")
    report = build_report(ANNUAL, PUBLISHED, found, Period.parse(year))
    response = HttpResponse(render(report, "opendata"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="klachten-{found.code}-{year}-open-data.csv"'
    )
    response["Cache-Control"] = "public, max-age=86400"
    return response
