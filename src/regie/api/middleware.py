from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse

log = logging.getLogger(__name__)


class ApiVersionMiddleware:
    """Every API response carries the full version (NL API Design Rules, API-57), and an
    unexpected error under /api/ still answers in problem+json."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.version = str(settings.SPECTACULAR_SETTINGS["VERSION"])

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response["API-Version"] = self.version
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path.startswith("/api/"):
            return None
        if isinstance(exception, RequestDataTooBig):
            # The client's doing, not ours: Django's handler400 (regie.ui.errors) answers 413.
            return None
        log.exception("Unhandled error in %s %s", request.method, request.path)
        response = JsonResponse(
            {
                "type": "https://regie.example/problemen/500",
                "title": "Er ging iets mis aan onze kant.",
                "status": 500,
                "detail": "Probeer het later opnieuw. Het verzoek is niet verwerkt.",
            },
            status=500,
            content_type="application/problem+json",
        )
        response["API-Version"] = self.version
        return response
