"""Bewaartermijnen (/privacy/bewaartermijnen), for the privacy officer: which closed cases of
their municipality have passed their retention term (a dry run: the daily job anonymises them),
which are on legal hold, and a form to set or lift a hold by reference.

The rules and the writes are `privacy.retention`; everyone else gets 404.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from regie import limits
from regie.cases.services import CaseError, PermissionRefused
from regie.directory.models import Municipality
from regie.privacy import retention
from regie.ui import formkit
from regie.web.staff import staff_user

# The page shows the first ones; the daily job takes them in batches anyway.
SHOWN = 200


class HoldForm(formkit.RegieForm):
    service_fields = {"reason": "reden", "legal_hold": "kenmerk"}

    kenmerk = forms.CharField(
        label="Kenmerk van de zaak",
        help_text="Bijvoorbeeld KL-9901-2026-000123.",
        max_length=20,
        widget=formkit.text_input(autocomplete="off", spellcheck="false"),
        error_messages={"required": "Vul het kenmerk van de zaak in."},
    )
    actie = forms.ChoiceField(
        label="Wat wilt u doen?",
        choices=[
            ("blokkeren", "Blokkeren: de zaak niet vernietigen"),
            ("opheffen", "Blokkade opheffen: de zaak volgt weer de bewaartermijn"),
        ],
        initial="blokkeren",
        widget=formkit.radios(),
        error_messages={"required": "Kies of u wilt blokkeren of opheffen."},
    )
    reden = forms.CharField(
        label="Reden",
        help_text="Bijvoorbeeld: er loopt een rechtszaak. De reden komt in het logboek.",
        max_length=limits.STAFF_TEXT,
        widget=formkit.textarea(rows=3),
        error_messages={
            "required": "Schrijf op waarom.",
            "max_length": f"Gebruik hoogstens {limits.STAFF_TEXT} tekens.",
        },
    )


@login_required
def retention_page(http: HttpRequest) -> HttpResponse:
    user = staff_user(http)
    ids = retention.officer_municipality_ids(user)
    if ids is not None and not ids:
        raise Http404("Niet gevonden")
    form = HoldForm(http.POST if http.method == "POST" else None)
    status = 200
    if http.method == "POST":
        if form.is_valid():
            case = retention.case_for_hold(user, form.cleaned_data["kenmerk"])
            if case is None:
                form.add_error("kenmerk", "Er is geen zaak met dit kenmerk in uw gemeente.")
            else:
                hold = form.cleaned_data["actie"] == "blokkeren"
                change = retention.legal_hold_set if hold else retention.legal_hold_lift
                try:
                    change(user=user, case=case, reason=form.cleaned_data["reden"])
                except PermissionRefused:
                    form.add_error("kenmerk", "Er is geen zaak met dit kenmerk in uw gemeente.")
                except CaseError as error:
                    form.add_service_errors(error.errors)
                else:
                    done = "geblokkeerd" if hold else "niet meer geblokkeerd"
                    messages.success(http, f"Zaak {case.reference} is {done}.")
                    return redirect("web:privacy_retention")
        status = 400
    municipalities = Municipality.objects.order_by("name")
    if ids is not None:
        municipalities = municipalities.filter(pk__in=ids)
    now = timezone.now()
    expired = []
    for municipality in municipalities:
        report = retention.retention_run(
            now=now, dry_run=True, limit=SHOWN, municipality_id=municipality.pk
        )
        expired.append((municipality, report))
    context = {
        "nav": "privacy",
        "form": form,
        "expired": expired,
        "held": retention.held_cases(ids),
        "shown": SHOWN,
    }
    return render(http, "web/privacy_retention.html", context, status=status)
