"""A municipality in Beheer (/beheer/gemeenten/<code>): its service norms and ombudsman, its
own contact channels, and the way to its teams and responsibilities."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from regie.beheer.access import administration, municipality_or_404
from regie.beheer.forms import NormsForm
from regie.beheer.saving import attempt, tell
from regie.directory import services


@login_required
@require_http_methods(["GET", "POST"])
def municipality_page(request: HttpRequest, code: str) -> HttpResponse:
    admin = administration(request)
    municipality = municipality_or_404(admin, code)
    form = NormsForm(
        request.POST if request.method == "POST" else None,
        initial=NormsForm.initial_for(municipality),
    )
    if request.method == "POST":
        saved = attempt(
            form,
            lambda: services.municipality_update_norms(
                municipality=municipality, by=admin, at=timezone.now(), **form.cleaned_data
            ),
        )
        if saved is not None:
            tell(request, saved, f"De servicenormen van {municipality.name} zijn opgeslagen.")
            return redirect("beheer:municipality", code=municipality.code)
    context = {
        "nav": "beheer",
        "municipality": municipality,
        "form": form,
        "channels": municipality.channels.all(),
        "add_channel": "beheer:municipality_channel_add",
    }
    return render(request, "beheer/municipality.html", context)
