"""The change history (/beheer/wijzigingen): who changed what in the directory, when, from
which value to which, newest first. Coordinators see their own municipality's changes."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from regie.accounts.administration import changes_visible_to, municipalities_administered
from regie.beheer.access import administration
from regie.beheer.forms import HistoryFilterForm

PAGE_SIZE = 50
# What was changed, in the words of the Beheer pages (DirectoryChange.object_model).
SUBJECTS = {
    "municipality": "Gemeente",
    "team": "Team",
    "organisation": "Organisatie",
    "contactchannel": "Contactgegeven",
    "topic": "Onderwerp",
    "responsibility": "Verantwoordelijkheid",
    "equatedday": "Gelijkgestelde dag",
    "lettertemplate": "Brief",
}


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    admin = administration(request)
    municipalities = list(municipalities_administered(admin))
    form = HistoryFilterForm(request.GET, municipalities=municipalities)
    municipality = form.municipality()
    changes = changes_visible_to(admin, municipality=municipality)
    page = Paginator(changes, PAGE_SIZE).get_page(request.GET.get("pagina"))
    context = {
        "nav": "beheer",
        "form": form,
        "municipality": municipality,
        "page": page,
        "entries": [(c, SUBJECTS.get(c.object_model, c.object_model)) for c in page],
        "filters": f"gemeente={municipality.code}&" if municipality else "",
    }
    return render(request, "beheer/history.html", context)
