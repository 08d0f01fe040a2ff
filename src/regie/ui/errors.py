"""The site's answer to a request Django refuses while reading it (`handler400`).

A body over DATA_UPLOAD_MAX_MEMORY_SIZE is the one refusal a person can cause by just typing
(or pasting) too much, so it gets its own page and status, 413, instead of the generic 400.
The CSRF check reads the form before any view runs, so a view or view middleware cannot catch
it; the error handler sees every case.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults


def body_limit_words() -> str:
    """The limit as a reader says it: "2,5 MB"."""
    megabytes = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024
    return f"{megabytes:.1f}".replace(".", ",") + " MB"


def too_large_detail() -> str:
    return f"De inhoud is groter dan {body_limit_words()}. Stuur minder tekst mee."


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if not isinstance(exception, RequestDataTooBig):
        return defaults.bad_request(request, exception)
    detail = too_large_detail()
    if request.path.startswith("/api/"):
        # Normally the API's own handler answers (regie.api.problems); this is for a body
        # read before the API view runs. Same shape, as the API promises problem+json.
        return JsonResponse(
            {
                "type": "https://regie.example/problemen/too_large",
                "title": "Het verzoek is te groot.",
                "status": 413,
                "detail": detail,
                "code": "too_large",
                "invalidParams": [{"name": "body", "code": "too_large", "reason": detail}],
            },
            status=413,
            content_type="application/problem+json",
        )
    # Rendered without the request, as Django's own error pages: the body that made the
    # request fail must not be read again by a context processor.
    template = loader.get_template("regie/413.html")
    return HttpResponse(template.render({"limit": body_limit_words()}), status=413)
