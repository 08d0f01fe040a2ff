"""Leren (/werk/leren): trends, spikes and "between two stools" signals for the people who
learn from complaints: coordinators, the ombudsfunctionaris, administrators (as the scorecards).

Every count and every list goes through `cases_visible_to(scope)`. Management and the council
have no case access; per ADR 3 their figures come from the aggregate read of issue 10.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from regie.accounts.scope import scope_for_user
from regie.cases.selectors import cases_visible_to
from regie.directory.models import Municipality
from regie.learning import signals
from regie.learning.access import learning_municipalities, learns_anywhere
from regie.learning.overview import overview, series_label
from regie.learning.recommendations import (
    is_late,
    open_recommendations,
    running_investigations,
)
from regie.learning.spikes import SeriesKey
from regie.learning.trends import DIMENSIONS, cases_behind
from regie.learning.workload import team_load
from regie.web.staff import staff_user

DROP_OUT_PERIOD = dt.timedelta(days=365)


def _municipalities(request: HttpRequest) -> list[Municipality]:
    """The municipalities this person learns about; 404 for anyone else."""
    found = learning_municipalities(staff_user(request))
    if not found:
        raise Http404("Niet gevonden")
    return found


def municipality_or_404(request: HttpRequest, code: str) -> Municipality:
    """The municipality with this code, if this person learns about it: the rule of every
    page under /werk/leren/<gemeente>."""
    found = next((m for m in learning_municipalities(staff_user(request)) if m.code == code), None)
    if found is None:
        raise Http404("Niet gevonden")
    return found


def may_learn(request: HttpRequest) -> bool:
    """For the worklist's link."""
    return learns_anywhere(request.user)


@login_required
@require_GET
def overview_page(request: HttpRequest) -> HttpResponse:
    municipalities = _municipalities(request)
    code = request.GET.get("gemeente", "")
    chosen = next((m for m in municipalities if m.code == code), municipalities[0])
    error = "Kies een gemeente uit de lijst." if code and chosen.code != code else ""
    scope = scope_for_user(staff_user(request))
    today = timezone.localdate()
    visible = cases_visible_to(scope).filter(municipality=chosen)
    view = overview(visible, today)
    related = ("handling_team", "handling_organisation", "about")
    recommendations = open_recommendations(chosen, today)
    context = {
        "nav": "leren",
        "municipalities": municipalities,
        "recommendations": [(r, is_late(r, today)) for r in recommendations],
        "team_load": team_load(visible, today),
        "investigations": running_investigations(chosen),
        "municipality": chosen,
        "error": error,
        "view": view,
        "bounced": list(signals.bounced(scope).filter(municipality=chosen)[: signals.LIMIT]),
        "unowned": list(signals.unowned(scope, today).filter(municipality=chosen)[: signals.LIMIT]),
        "unowned_days": settings.REGIE_UNOWNED_WORKING_DAYS,
        "dropped_out": list(
            signals.dropped_out(scope, today - DROP_OUT_PERIOD)
            .filter(municipality=chosen)
            .select_related(*related)[: signals.LIMIT]
        ),
        "several_places": [
            p for p in signals.several_places(scope) if p.cases[0].municipality_id == chosen.pk
        ][: signals.LIMIT],
    }
    return render(request, "web/learning.html", context)


@login_required
@require_GET
def spike_cases(
    request: HttpRequest, municipality: str, dimension: str, value: str, week: str
) -> HttpResponse:
    """The cases behind one week of one series: "bekijk de zaken"."""
    chosen = next((m for m in _municipalities(request) if m.code == municipality), None)
    if chosen is None or dimension not in DIMENSIONS:
        raise Http404("Niet gevonden")
    try:
        monday = dt.date.fromisoformat(week)
    except ValueError:
        raise Http404("Niet gevonden") from None
    if monday.weekday() != 0:
        raise Http404("Niet gevonden")
    key = SeriesKey(chosen.pk, dimension, value)
    scope = scope_for_user(staff_user(request))
    cases = list(
        cases_behind(cases_visible_to(scope), key, monday)
        .select_related("handling_team", "handling_organisation", "about")
        .order_by("received_at")
    )
    if not cases:
        raise Http404("Niet gevonden")
    context = {
        "nav": "leren",
        "municipality": chosen,
        "label": series_label(key),
        "dimension": DIMENSIONS[dimension],
        "week": monday,
        "week_end": monday + dt.timedelta(days=6),
        "week_number": monday.isocalendar().week,
        "cases": cases,
        "spike_query": urlencode({"reeks": dimension, "waarde": value, "week": week}),
    }
    return render(request, "web/learning_spike.html", context)
