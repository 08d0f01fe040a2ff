"""The committed OpenAPI document and the API's own 404."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.http import HttpRequest, HttpResponse, JsonResponse

OPENAPI_PATH = Path(__file__).with_name("openapi.json")


@cache
def _document_bytes() -> bytes:
    return OPENAPI_PATH.read_bytes()


def openapi_document(request: HttpRequest) -> HttpResponse:
    """Serve the generated-and-committed document (`make openapi` regenerates it; a test
    fails when it is stale). CORS is open so that API portals can read it."""
    response = HttpResponse(_document_bytes(), content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def not_found(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {
            "type": "https://regie.example/problemen/not-found",
            "title": "Niet gevonden.",
            "status": 404,
            "detail": f"Geen API-bron op {request.path}.",
        },
        status=404,
        content_type="application/problem+json",
    )
