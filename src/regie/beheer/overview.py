"""The start of Beheer (/beheer): what this person may keep up to date."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from regie.accounts.administration import municipalities_administered
from regie.beheer.access import administration


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    admin = administration(request)
    context = {
        "nav": "beheer",
        "municipalities": municipalities_administered(admin),
        "region": admin.may_administer_region(),
    }
    return render(request, "beheer/overview.html", context)
