"""Scorecards per provider or GR (/werk/aanbieders): for the coordinator who keeps outsourced
work in view. Counts only; a provider's people never reach these pages."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from regie.accounts.models import Membership
from regie.accounts.permissions import May, roles_that
from regie.accounts.scope import may_handle_cases, scope_for_user
from regie.cases.scorecards import scorecard
from regie.directory.models import Organisation
from regie.vocabulary import OUTSOURCED_KINDS
from regie.web import display
from regie.web.staff import staff_user

# Who keeps outsourced work in view: coordinators, the ombudsfunctionaris, administrators.
OVERSIGHT_ROLES = tuple(sorted(roles_that(May.OVERSEE_PROVIDERS)))
PERIOD = dt.timedelta(days=365)


def _municipalities(request: HttpRequest) -> set[int]:
    """The municipalities whose outsourced work this person oversees; 404 for anyone else."""
    user = staff_user(request)
    scope = scope_for_user(user)
    if not may_handle_cases(scope):
        raise Http404("Niet gevonden")
    if user.is_superuser:
        return set(
            Organisation.municipalities.through.objects.values_list("municipality_id", flat=True)
        )
    memberships = Membership.objects.filter(user=user, role__in=OVERSIGHT_ROLES)
    found = {m.municipality_id for m in memberships if m.municipality_id}
    found |= {m.team.municipality_id for m in memberships.select_related("team") if m.team}
    if not found:
        raise Http404("Niet gevonden")
    return found


def _organisations(municipalities: set[int]) -> list[Organisation]:
    return list(
        Organisation.objects.filter(kind__in=OUTSOURCED_KINDS, municipalities__in=municipalities)
        .distinct()
        .order_by("name")
    )


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    municipalities = _municipalities(request)
    since = timezone.localdate() - PERIOD
    cards = [scorecard(o, municipalities, since=since) for o in _organisations(municipalities)]
    return render(request, "web/scorecards.html", {"nav": "werk", "cards": cards, "since": since})


@login_required
@require_GET
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    municipalities = _municipalities(request)
    organisation = next((o for o in _organisations(municipalities) if o.slug == slug), None)
    if organisation is None:
        raise Http404("Niet gevonden")
    since = timezone.localdate() - PERIOD
    card = scorecard(organisation, municipalities, since=since)
    rows = [(display.regime_label(t.regime), t) for t in card.timeliness]
    return render(
        request,
        "web/scorecard.html",
        {"nav": "werk", "card": card, "since": since, "timeliness": rows},
    )
