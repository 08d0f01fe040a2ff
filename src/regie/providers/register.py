"""A provider or GR registers a complaint about its own services (/aanbieder/klacht): the
municipality keeps them in view at the agreed oversight level. The same intake service as
every other way in; it refuses another organisation's domain or another party."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from regie import limits
from regie.accounts.scope import scope_for_user
from regie.cases import services
from regie.directory.models import Municipality, Organisation
from regie.providers.views import organisations_of, portal_user
from regie.ui import formkit
from regie.vocabulary import Channel, Domain, Kind


class OwnComplaintForm(formkit.RegieForm):
    service_fields = {
        "submitter.name": "name",
        "submitter.email": "email",
        "submitter.phone": "phone",
        "receivedAt": "received_on",
    }
    service_messages = {
        "submitter.name": "Vul de naam in van wie de klacht indient.",
        "submitter.email": "Vul een telefoonnummer of e-mailadres in van wie de klacht indient.",
    }

    municipality = forms.ChoiceField(
        label="Gemeente",
        widget=formkit.select(),
        error_messages={
            "required": "Kies de gemeente.",
            "invalid_choice": "Kies een gemeente uit de lijst.",
        },
    )
    domain = forms.ChoiceField(
        label="Domein",
        widget=formkit.select(),
        error_messages={
            "required": "Kies het domein.",
            "invalid_choice": "Kies een domein uit de lijst.",
        },
    )
    received_on = formkit.DateField(
        label="Ontvangen op",
        initial=formkit.today,
        required_message="Vul de datum in waarop u de klacht ontving.",
    )
    subject = forms.CharField(
        label="Onderwerp",
        max_length=limits.SUBJECT,
        required=False,
        widget=formkit.text_input(),
        error_messages={"max_length": limits.too_long(limits.SUBJECT)},
    )
    description = forms.CharField(
        label="Wat is de klacht?",
        max_length=limits.DESCRIPTION,
        widget=formkit.textarea(rows=6),
        error_messages={
            "required": "Beschrijf de klacht.",
            "max_length": limits.too_long(limits.DESCRIPTION),
        },
    )
    name = forms.CharField(
        label="Naam van wie de klacht indient",
        max_length=limits.PERSON_NAME,
        required=False,
        widget=formkit.text_input(autocomplete="off"),
    )
    phone = forms.CharField(
        label="Telefoon", max_length=limits.PHONE, required=False, widget=formkit.tel_input()
    )
    email = forms.EmailField(
        label="E-mail",
        max_length=limits.EMAIL,
        required=False,
        widget=formkit.email_input(autocomplete="off"),
        error_messages={
            "invalid": "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
        },
    )

    def __init__(
        self,
        *args: Any,
        organisation: Organisation,
        municipalities: list[Municipality],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self._municipalities = {m.code: m for m in municipalities}
        municipality = self.fields["municipality"]
        domain = self.fields["domain"]
        assert isinstance(municipality, forms.ChoiceField)
        assert isinstance(domain, forms.ChoiceField)
        municipality.choices = [
            ("", "Kies de gemeente"),
            *((m.code, m.name) for m in municipalities),
        ]
        labels = dict(Domain.choices)
        domain.choices = [(d, labels.get(d, d)) for d in organisation.domains]

    def clean_municipality(self) -> Municipality:
        return self._municipalities[self.cleaned_data["municipality"]]

    def clean_received_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("Deze datum ligt in de toekomst.")
        return day

    def received_at(self) -> dt.datetime:
        """The receipt at noon Dutch time on its day; today, never later than now."""
        noon = formkit.dutch_moment(self.cleaned_data["received_on"], dt.time(12, 0))
        assert noon is not None
        return min(noon, timezone.now())

    def intake_request(self) -> services.IntakeRequest:
        data = self.cleaned_data
        return services.IntakeRequest(
            municipality=data["municipality"],
            kind=Kind.KLACHT,
            channel=Channel.AANBIEDER,
            domain=data["domain"],
            subject=data.get("subject", ""),
            description=data["description"],
            received_at=self.received_at(),
            submitter=services.Person(
                name=data.get("name", ""), email=data.get("email", ""), phone=data.get("phone", "")
            ),
            about=self.organisation,
        )


@login_required
@require_http_methods(["GET", "POST"])
def own_complaint(request: HttpRequest) -> HttpResponse:
    user, scope = portal_user(request)
    organisation = organisations_of(scope)[0]
    municipalities = list(organisation.municipalities.order_by("name"))
    data = request.POST if request.method == "POST" else None
    form = OwnComplaintForm(data, organisation=organisation, municipalities=municipalities)
    if form.is_valid():
        try:
            result = services.case_intake(scope=scope_for_user(user), request=form.intake_request())
        except services.CaseError as exc:
            form.add_service_errors(exc.errors)
        else:
            messages.success(request, f"De klacht is vastgelegd als {result.case.reference}.")
            return redirect("providers:case", reference=result.case.reference)
    context = {"nav": "aanbieder", "form": form, "organisation": organisation}
    return render(request, "providers/own_complaint.html", context)
