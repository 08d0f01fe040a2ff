"""Public pages: start page, the form, the receipt and the private status page.

Views parse input and call the intake service or a selector; nothing here filters cases.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from regie.accounts.scope import scope_for_public_web
from regie.cases import presentation, selectors, services
from regie.cases.models import Case, EventType
from regie.cases.urls_public import status_url
from regie.directory.models import Municipality
from regie.intake import choices, history
from regie.intake.forms import PublicIntakeForm, prefill_from_query
from regie.vocabulary import Kind


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/home.html", {"municipalities": choices.municipalities()})


def _chosen_municipality(
    municipalities: list[Municipality], code: str | None
) -> Municipality | None:
    if len(municipalities) == 1:
        return municipalities[0]
    return next((m for m in municipalities if m.code == code), None)


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    municipalities = choices.municipalities()
    data = request.POST if request.method == "POST" else None
    # Every organisation: without JavaScript the list cannot follow the chosen
    # municipality, and the intake service explains a mismatch better than "not in list".
    organisations = choices.organisations_serving(None)
    # The start page links to /melden?soort=klacht etc., so the first question is answered;
    # the wegwijzer's "Meld het hier" also fills in municipality, domain, about and text.
    form = PublicIntakeForm(
        data,
        initial=prefill_from_query(
            request.GET, municipalities=municipalities, organisations=organisations
        ),
        municipalities=municipalities,
        organisations=organisations,
    )
    if form.is_valid():
        try:
            result = services.case_intake(
                scope=scope_for_public_web(), request=form.intake_request()
            )
        except services.CaseError as exc:
            form.add_service_errors(exc.errors)
        else:
            # POST-redirect-GET: a reload of the receipt never submits twice.
            return redirect("intake:receipt", token=result.case.status_token)
    return render(request, "intake/submit.html", {"form": form, "nav": "melden"})


@require_GET
def about_options(request: HttpRequest) -> HttpResponse:
    """htmx enhancement: the 'about an organisation' field for the chosen municipality."""
    municipalities = choices.municipalities()
    chosen = _chosen_municipality(municipalities, request.GET.get("municipality"))
    form = PublicIntakeForm(
        initial={"about": request.GET.get("about", "")},
        municipalities=municipalities,
        organisations=choices.organisations_serving(chosen),
    )
    return render(request, "intake/_about_field.html", {"form": form})


def _case_for_token(token: str) -> Case:
    case = selectors.case_by_status_token(token)
    if case is None:
        raise Http404("Onbekende statuslink")
    return case


def _private(response: HttpResponse) -> HttpResponse:
    # The token in the address is the only key: keep it out of caches and search engines.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_GET
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    case = _case_for_token(token)
    events = list(selectors.case_timeline(case))
    context = {
        "case": case,
        "kind_word": history.kind_word(case),
        "status_url": status_url(case, request),
        "acknowledgement": history.acknowledgement_state(case, events),
        "filed_as_complaint": any(
            e.type == EventType.RECEIVED and (e.payload or {}).get("filedAs") == Kind.KLACHT
            for e in events
        ),
        "deadlines": presentation.deadline_rows(case, public=True),
    }
    return _private(render(request, "intake/receipt.html", context))


@never_cache
@require_GET
def status(request: HttpRequest, token: str) -> HttpResponse:
    case = _case_for_token(token)
    events = list(selectors.case_timeline(case))
    context = {
        "case": case,
        "kind_label": Kind(case.kind).label,
        "kind_word": history.kind_word(case),
        "status_text": history.status_text(case),
        "deadlines": presentation.deadline_rows(case, public=True),
        "steps": history.public_history(case, events),
    }
    return _private(render(request, "intake/status.html", context))
