"""Opening a case outside one's own work (/werk/zaken/<kenmerk>/inzien): the reason first.

The rule and the record are `privacy.glass`; this page asks the question in plain words.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from regie.accounts.scope import Scope, scope_for_user
from regie.cases.models import Case
from regie.privacy import glass
from regie.ui import formkit
from regie.web.staff import staff_user


class GlassForm(formkit.RegieForm):
    reden = forms.CharField(
        label="Waarom opent u deze zaak?",
        help_text="Bijvoorbeeld: de inwoner belt over de stand van zaken, of: ik neem het werk "
        "van een zieke collega over. De privacy officer kan dit later nalezen.",
        max_length=glass.REASON_MAX,
        widget=formkit.textarea(rows=3),
        error_messages={
            "required": "Schrijf op waarom u deze zaak opent.",
            "max_length": f"Gebruik hooguit {glass.REASON_MAX} tekens.",
        },
    )


def glass_page(
    http: HttpRequest, case: Case, form: GlassForm | None = None, status: int = 200
) -> HttpResponse:
    """The question before a case outside one's own work is shown (GET on the case page)."""
    form = form or GlassForm()
    context = {"nav": "werk", "case": case, "form": form}
    return render(http, "web/case_glass.html", context, status=status)


@login_required
@require_POST
def case_open_outside_own_work(http: HttpRequest, reference: str) -> HttpResponse:
    scope: Scope = scope_for_user(staff_user(http))
    case = glass.case_behind_glass(scope, reference)
    if case is None:
        # Already one's own work (then the case page simply opens), or not reachable at all.
        if glass.own_work(scope).grants or scope.everything:
            return redirect("web:case", reference=reference)
        raise Http404("Zaak niet gevonden")
    form = GlassForm(http.POST)
    if form.is_valid():
        try:
            glass.glass_break(scope=scope, case=case, reason=form.cleaned_data["reden"])
        except glass.GlassRefused as refused:
            form.add_service_errors(refused.errors)
        else:
            return redirect("web:case", reference=case.reference)
    return glass_page(http, case, form, status=400)
