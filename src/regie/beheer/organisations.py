"""The region's organisations (/beheer/organisaties): what the wegwijzer says about them, their
complaint scheme, the number of clients, and how to reach them."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from regie.beheer.access import administration, regional
from regie.beheer.forms import OrganisationForm
from regie.beheer.saving import attempt, tell
from regie.directory import services
from regie.directory.models import Organisation


@login_required
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    regional(administration(request))
    context = {"nav": "beheer", "organisations": Organisation.objects.order_by("name")}
    return render(request, "beheer/organisations.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_page(request: HttpRequest, slug: str) -> HttpResponse:
    admin = administration(request)
    regional(admin)
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404("Niet gevonden")
    form = OrganisationForm(
        request.POST if request.method == "POST" else None,
        initial=OrganisationForm.initial_for(organisation),
    )
    if request.method == "POST":
        saved = attempt(
            form,
            lambda: services.organisation_update(
                organisation=organisation, by=admin, at=timezone.now(), **form.cleaned_data
            ),
        )
        if saved is not None:
            tell(request, saved, f"{organisation.name} is opgeslagen.")
            return redirect("beheer:organisation", slug=organisation.slug)
    context = {
        "nav": "beheer",
        "organisation": organisation,
        "form": form,
        "channels": organisation.channels.all(),
    }
    return render(request, "beheer/organisation.html", context)
