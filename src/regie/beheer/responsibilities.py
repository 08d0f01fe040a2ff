"""Who does what in a municipality (/beheer/gemeenten/<code>/verantwoordelijkheden): per
domain, or per topic in it, who helps, who handles complaints, where a complaint escalates,
and how far the municipality keeps outsourced work in view."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from regie.beheer.access import administration, municipality_or_404
from regie.beheer.forms import ResponsibilityForm
from regie.beheer.saving import attempt, tell
from regie.directory import services
from regie.directory.models import Municipality, Organisation, Responsibility, Team, Topic


@login_required
@require_GET
def responsibility_list(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(administration(request), code)
    rows = municipality.responsibilities.select_related(
        "topic",
        "help_team",
        "help_organisation",
        "complaint_team",
        "complaint_organisation",
    ).order_by("domain", "topic__name")
    context = {"nav": "beheer", "municipality": municipality, "responsibilities": rows}
    return render(request, "beheer/responsibilities.html", context)


def _form(
    request: HttpRequest, municipality: Municipality, responsibility: Responsibility | None
) -> ResponsibilityForm:
    """The form with the choices of this municipality: its teams, the organisations that
    work for it, and all topics."""
    return ResponsibilityForm(
        request.POST if request.method == "POST" else None,
        initial=ResponsibilityForm.initial_for(responsibility) if responsibility else None,
        teams=list(Team.objects.filter(municipality=municipality).order_by("name")),
        organisations=list(
            Organisation.objects.filter(municipalities=municipality).order_by("name")
        ),
        topics=list(Topic.objects.order_by("name")),
    )


def _render(
    request: HttpRequest,
    municipality: Municipality,
    form: ResponsibilityForm,
    responsibility: Responsibility | None,
) -> HttpResponse:
    context = {
        "nav": "beheer",
        "municipality": municipality,
        "form": form,
        "responsibility": responsibility,
    }
    return render(request, "beheer/responsibility.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def responsibility_add(request: HttpRequest, code: str) -> HttpResponse:
    admin = administration(request)
    municipality = municipality_or_404(admin, code)
    form = _form(request, municipality, None)
    if request.method == "POST":
        saved = attempt(
            form,
            lambda: services.responsibility_add(
                municipality=municipality, by=admin, values=form.values(), at=timezone.now()
            ),
        )
        if saved is not None:
            tell(request, saved, f"Toegevoegd: {saved.obj}.")
            return redirect("beheer:responsibilities", code=municipality.code)
    return _render(request, municipality, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def responsibility_page(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    admin = administration(request)
    municipality = municipality_or_404(admin, code)
    responsibility = Responsibility.objects.filter(municipality=municipality, pk=pk).first()
    if responsibility is None:
        raise Http404("Niet gevonden")
    form = _form(request, municipality, responsibility)
    if request.method == "POST":
        saved = attempt(
            form,
            lambda: services.responsibility_update(
                responsibility=responsibility, by=admin, values=form.values(), at=timezone.now()
            ),
        )
        if saved is not None:
            tell(request, saved, f"Opgeslagen: {saved.obj}.")
            return redirect("beheer:responsibilities", code=municipality.code)
    return _render(request, municipality, form, responsibility)
