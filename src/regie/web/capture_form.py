"""The quick capture form (/werk/nieuw): what a resident said on the phone or at the counter,
in under a minute. Only the description and the kind are required; the rest has defaults."""

from __future__ import annotations

from typing import Any

from django import forms

from regie import limits
from regie.cases.bsn import TYPED_MAX as BSN_TYPED_MAX
from regie.cases.services import Address, IntakeRequest, Person
from regie.directory.models import Municipality
from regie.ui import formkit
from regie.vocabulary import Channel, Domain, Kind, Urgency

CAPTURE_CHANNELS = [
    Channel.TELEFOON,
    Channel.BALIE,
    Channel.EMAIL,
    Channel.BRIEF,
    Channel.WIJKTEAM,
]


class QuickCaptureForm(formkit.RegieForm):
    service_fields = {
        "description": "description",
        "submitter.name": "name",
        "submitter.email": "phone",
        "submitter.phone": "phone",
        "submitter.anonymous": "name",
        "submitter.bsn": "bsn",
        "submitter.address.street": "street",
        "submitter.address.houseNumber": "house_number",
        "submitter.address.postcode": "postcode",
        "submitter.address.city": "city",
        "municipality": "municipality",
        "kind": "kind",
        "domain": "domain",
    }
    # The services speak to the resident ("uw naam"); here a colleague reads the message.
    service_messages = {
        "submitter.name": "Vul de naam van de inwoner in. Een hulpvraag kan niet anoniem.",
        "submitter.email": "Vul een telefoonnummer, e-mailadres of adres van de inwoner in.",
        "submitter.anonymous": "Een hulpvraag kan niet anoniem. Vul de naam in.",
    }

    description = forms.CharField(
        label="Wat vertelt de inwoner?",
        max_length=limits.DESCRIPTION,
        widget=formkit.textarea(rows=6, autofocus=True),
        error_messages={
            "required": "Beschrijf kort wat de inwoner vertelt.",
            "max_length": (
                f"Gebruik hooguit {limits.dutch_number(limits.DESCRIPTION)} tekens "
                "(nu %(show_value)d)."
            ),
        },
    )
    kind = forms.ChoiceField(
        label="Soort",
        choices=Kind.choices,
        widget=formkit.radios(),
        error_messages={
            "required": "Kies de soort: klacht, signaal, melding of hulpvraag.",
            "invalid_choice": "Kies een soort uit de lijst.",
        },
    )
    channel = forms.ChoiceField(
        label="Hoe kwam het binnen?",
        choices=[(c.value, c.label) for c in CAPTURE_CHANNELS],
        initial=Channel.TELEFOON.value,
        required=False,
        widget=formkit.select(),
        error_messages={"invalid_choice": "Kies een kanaal uit de lijst."},
    )
    # Not required: left out, it is the user's own municipality.
    municipality = forms.ChoiceField(
        label="Gemeente",
        required=False,
        widget=formkit.select(),
        error_messages={"invalid_choice": "Kies een gemeente uit de lijst."},
    )
    name = forms.CharField(
        label="Naam inwoner",
        max_length=limits.PERSON_NAME,
        required=False,
        widget=formkit.text_input(),
    )
    phone = forms.CharField(
        label="Telefoon", max_length=limits.PHONE, required=False, widget=formkit.tel_input()
    )
    email = forms.EmailField(
        label="E-mail",
        max_length=limits.EMAIL,
        required=False,
        widget=formkit.email_input(),
        error_messages={
            "invalid": "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
        },
    )
    # Issue 11: only when the task needs it (e.g. to link to the municipality's own file); the
    # intake service does the eleven-test. The public form never asks for it.
    bsn = forms.CharField(
        label="BSN",
        help_text="Alleen invullen als het nodig is voor de afhandeling. 9 cijfers.",
        max_length=BSN_TYPED_MAX,
        required=False,
        widget=formkit.text_input(inputmode="numeric", autocomplete="off"),
        error_messages={"max_length": "Een BSN heeft 9 cijfers."},
    )
    street = forms.CharField(
        label="Straat", max_length=limits.STREET, required=False, widget=formkit.text_input()
    )
    house_number = forms.CharField(
        label="Huisnummer",
        max_length=limits.HOUSE_NUMBER,
        required=False,
        widget=formkit.text_input(),
    )
    postcode = forms.CharField(
        label="Postcode",
        help_text="Bijvoorbeeld 1234 AB.",
        max_length=limits.POSTCODE + 2,
        required=False,
        widget=formkit.text_input(),
        error_messages={"max_length": "Vul een postcode in zoals 1234 AB."},
    )
    city = forms.CharField(
        label="Woonplaats", max_length=limits.CITY, required=False, widget=formkit.text_input()
    )
    domain = forms.ChoiceField(
        label="Domein",
        choices=Domain.choices,
        initial=Domain.OVERIG.value,
        required=False,
        widget=formkit.select(),
        error_messages={"invalid_choice": "Kies een domein uit de lijst."},
    )
    urgency = forms.ChoiceField(
        label="Urgentie",
        choices=Urgency.choices,
        initial=Urgency.NORMAAL.value,
        required=False,
        widget=formkit.radios(),
        error_messages={"invalid_choice": "Kies normaal of spoed."},
    )

    def __init__(self, *args: Any, municipalities: list[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._municipalities = {m.code: m for m in municipalities}
        self._default = municipalities[0] if municipalities else None
        field = self.fields["municipality"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(m.code, m.name) for m in municipalities]
        if municipalities:
            # The user's own municipality comes first (see web.choices).
            field.initial = municipalities[0].code

    def clean_municipality(self) -> Municipality:
        code = self.cleaned_data.get("municipality") or ""
        municipality = self._municipalities.get(code, self._default)
        if municipality is None:
            raise forms.ValidationError("U mag voor geen enkele gemeente zaken vastleggen.")
        return municipality

    def intake_request(self) -> IntakeRequest:
        data = self.cleaned_data
        return IntakeRequest(
            municipality=data["municipality"],
            kind=data["kind"],
            channel=data.get("channel") or Channel.TELEFOON,
            description=data["description"],
            domain=data.get("domain") or Domain.OVERIG,
            urgency=data.get("urgency") or Urgency.NORMAAL,
            submitter=Person(
                name=data.get("name", ""),
                email=data.get("email", ""),
                phone=data.get("phone", ""),
                bsn=data.get("bsn", ""),
                address=Address(
                    street=data.get("street", ""),
                    house_number=data.get("house_number", ""),
                    postcode=data.get("postcode", ""),
                    city=data.get("city", ""),
                ),
            ),
        )
