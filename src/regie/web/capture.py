"""Quick capture (/werk/nieuw): register what a resident said on the phone or at the counter
in under a minute, through the same intake service as the public form and the API."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from regie.accounts.scope import scope_for_user
from regie.cases import selectors, services
from regie.web import choices
from regie.web.capture_form import QuickCaptureForm
from regie.web.staff import staff_user


@login_required
@require_http_methods(["GET", "POST"])
def quick_capture(request: HttpRequest) -> HttpResponse:
    scope = scope_for_user(staff_user(request))
    if scope.is_empty:  # the college and the council register no cases
        raise Http404("Niet gevonden")
    municipalities = choices.municipalities_for_intake(scope)
    data = request.POST if request.method == "POST" else None
    form = QuickCaptureForm(data, municipalities=municipalities)
    if form.is_valid():
        try:
            result = services.case_intake(scope=scope, request=form.intake_request())
        except services.PermissionRefused as exc:
            raise Http404("Niet gevonden") from exc
        except services.CaseError as exc:
            form.add_service_errors(exc.errors)
        else:
            reference = result.case.reference
            if result.case.kind != form.cleaned_data["kind"]:
                # A complaint without a name is no Awb complaint (9:4), never refused (9:2).
                messages.info(
                    request,
                    "Een klacht zonder naam is vastgelegd als signaal: de gemeente pakt het wel "
                    "op, maar het is geen klacht in de zin van de Awb.",
                )
            if selectors.case_by_reference(scope, reference) is None:
                # Registered for a domain this user does not handle: say so, do not 404.
                messages.success(
                    request,
                    f"Vastgelegd als {reference}. Een collega pakt het op; u kunt deze zaak "
                    "zelf niet inzien.",
                )
                return redirect("web:quick_capture")
            messages.success(request, f"Vastgelegd als {reference}.")
            return redirect("web:case", reference=reference)
    context = {"nav": "nieuw", "form": form, "may_capture": bool(municipalities)}
    return render(request, "web/quick_capture.html", context)
