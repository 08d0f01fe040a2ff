"""Absolute links that leave the site (e-mails, API responses)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from regie.cases.models import Case


def status_path(case: Case) -> str:
    return reverse("intake:status", kwargs={"token": case.status_token})


def status_url(case: Case, request: HttpRequest | None = None) -> str:
    if request is not None:
        return request.build_absolute_uri(status_path(case))
    base = settings.REGIE_BASE_URL or "http://127.0.0.1:8000"
    return base.rstrip("/") + status_path(case)
