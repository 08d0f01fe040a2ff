"""A municipality's teams (/beheer/gemeenten/<code>/teams): name, mailbox, domains, and how
to reach each team."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from regie.beheer.access import administration, municipality_or_404
from regie.beheer.forms import TeamForm
from regie.beheer.saving import attempt, tell
from regie.directory import services
from regie.directory.models import Team
from regie.vocabulary import Domain


@login_required
@require_GET
def team_list(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(administration(request), code)
    labels = dict(Domain.choices)
    rows = [
        (team, ", ".join(str(labels.get(d, d)) for d in team.domains))
        for team in municipality.teams.order_by("name")
    ]
    context = {"nav": "beheer", "municipality": municipality, "rows": rows}
    return render(request, "beheer/teams.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def team_page(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    admin = administration(request)
    municipality = municipality_or_404(admin, code)
    team = Team.objects.filter(municipality=municipality, slug=slug).first()
    if team is None:
        raise Http404("Niet gevonden")
    form = TeamForm(
        request.POST if request.method == "POST" else None, initial=TeamForm.initial_for(team)
    )
    if request.method == "POST":
        saved = attempt(
            form,
            lambda: services.team_update(
                team=team, by=admin, at=timezone.now(), **form.cleaned_data
            ),
        )
        if saved is not None:
            tell(request, saved, f"{saved.obj.name} is opgeslagen.")
            return redirect("beheer:team", code=municipality.code, slug=team.slug)
    context = {
        "nav": "beheer",
        "municipality": municipality,
        "team": team,
        "form": form,
        "channels": team.channels.all(),
    }
    return render(request, "beheer/team.html", context)
