"""The public wegwijzer (/wegwijzer): a resident says what is wrong and sees who helps, what
happens next, which terms apply and where to go when it does not work out.

The view parses the question and asks the directory's selector; it writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from regie.directory import wegwijzer as selector
from regie.directory.pages.forms import WegwijzerForm
from regie.vocabulary import Kind

# Any of these in the address means the form was sent (an empty form sends them empty).
QUESTION_PARAMETERS = ("vraag", "onderwerp", "domein")


@dataclass(frozen=True)
class Shown:
    result: selector.Result
    melden_url: str


def melden_url(*, result: selector.Result, municipality: str, kind: str, text: str) -> str:
    """/melden with what the resident already told us filled in (the form validates it)."""
    params = {"soort": kind, "gemeente": municipality, "domein": result.domain}
    if kind == Kind.KLACHT and result.outsourced_to:
        # A complaint about outsourced work is about that provider (its own scheme applies).
        params["over"] = result.outsourced_to
    params["tekst"] = text
    return f"{reverse('intake:submit')}?{urlencode({k: v for k, v in params.items() if v})}"


@require_GET
def wegwijzer(request: HttpRequest) -> HttpResponse:
    municipalities = selector.municipalities()
    asked = any(name in request.GET for name in QUESTION_PARAMETERS)
    preselect = request.GET.get("gemeente", "")
    form = WegwijzerForm(
        request.GET if asked else None,
        initial={"gemeente": preselect} if preselect else None,
        municipalities=municipalities,
        topics=selector.topics_by_domain(),
    )
    answer = None
    shown: list[Shown] = []
    if asked and form.is_valid():
        try:
            answer = selector.wegwijzer_answer(
                municipality=form.cleaned_data["gemeente"], question=form.question()
            )
        except selector.WegwijzerError as exc:
            form.add_service_errors({exc.field: exc.message})
        else:
            shown = [
                Shown(
                    result,
                    melden_url(
                        result=result,
                        municipality=answer.municipality.code,
                        kind=form.cleaned_data.get("soort") or "",
                        text=form.cleaned_data.get("vraag") or "",
                    ),
                )
                for result in answer.results
            ]
    context = {"form": form, "answer": answer, "shown": shown, "nav": "wegwijzer"}
    response = render(request, "wegwijzer/wegwijzer.html", context)
    if asked:
        # The address holds the resident's own words: keep them out of caches and search
        # engines, as the private status page does.
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
    return response
