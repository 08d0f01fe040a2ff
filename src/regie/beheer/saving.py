"""What every Beheer form does with a POST: validate, hand it to the write path, and either
say what was saved (the caller redirects: POST-redirect-GET) or keep the form with the
service's messages at their fields."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.http import Http404, HttpRequest

from regie.directory import services
from regie.ui import formkit

T = TypeVar("T")

NOTHING_CHANGED = "Er was niets veranderd. Er is niets opgeslagen."


def attempt(form: formkit.RegieForm, change: Callable[[], T]) -> T | None:
    """The write path's answer, or None when the form or the service found a problem."""
    if not form.is_valid():
        return None
    try:
        return change()
    except services.PermissionRefused as exc:
        raise Http404("Niet gevonden") from exc
    except services.DirectoryError as exc:
        form.add_service_errors(exc.errors)
        return None


def tell(request: HttpRequest, saved: services.Saved[Any], done: str) -> None:
    if saved.change is None:
        messages.info(request, NOTHING_CHANGED)
    else:
        messages.success(request, done)
