"""Days equated with a holiday (/beheer/feestdagen): the days Regie knows, and a form to add a
new one when a royal decree is published (the same write path as `regie decree-day add`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import dateformat, timezone
from django.views.decorators.http import require_http_methods

from regie.beheer.access import administration, regional
from regie.beheer.forms import DecreeDayForm
from regie.beheer.saving import attempt, tell
from regie.deadlines import KNOWN_DECREE_DAYS
from regie.directory import services
from regie.directory.models import EquatedDay

BUILT_IN = "Ingebouwd in Regie"


@login_required
@require_http_methods(["GET", "POST"])
def decree_days(request: HttpRequest) -> HttpResponse:
    admin = administration(request)
    regional(admin)
    form = DecreeDayForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        saved = attempt(
            form, lambda: services.equated_day_add(by=admin, at=timezone.now(), **form.cleaned_data)
        )
        if saved is not None:
            day = dateformat.format(saved.obj.day, "l j F Y")
            tell(request, saved, f"{day} is toegevoegd. Nieuwe termijnen tellen die dag niet mee.")
            return redirect("beheer:decree_days")
    added = {row.day: row.decree for row in EquatedDay.objects.all()}
    days = [(day, added.get(day, BUILT_IN)) for day in sorted(set(KNOWN_DECREE_DAYS) | set(added))]
    return render(request, "beheer/decree_days.html", {"nav": "beheer", "form": form, "days": days})
