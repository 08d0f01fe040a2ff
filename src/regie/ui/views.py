"""Pages that belong to every face: the accessibility statement (WCAG 2.1 AA, required by
the Besluit digitale toegankelijkheid overheid)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "ui/accessibility.html")
