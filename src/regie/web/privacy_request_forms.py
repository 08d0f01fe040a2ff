"""The forms of the privacy officer's request page (web/privacy_requests.py): recording a
request, searching a resident's cases, confirming them, correcting details, extending the
term and answering. Field names are the Dutch words of the page; `service_fields` maps the
write path's keys (`privacy.subject_rights`) onto them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User

from regie import limits
from regie.cases.bsn import TYPED_MAX, bsn_problem
from regie.directory.models import Municipality
from regie.privacy import subject_rights as rights
from regie.privacy.models import DataSubjectRequest
from regie.ui import formkit


class RequestForm(formkit.RegieForm):
    service_fields = {
        "municipality": "gemeente",
        "kind": "soort",
        "requester_name": "naam",
        "requester_contact": "contact",
        "identity_check": "identiteit",
        "received_on": "ontvangen",
        "request_text": "verzoek",
    }

    gemeente: forms.ModelChoiceField[Municipality] = forms.ModelChoiceField(
        label="Gemeente",
        queryset=Municipality.objects.none(),
        empty_label=None,
        widget=formkit.select(),
        error_messages={"required": "Kies de gemeente.", "invalid_choice": "Kies de gemeente."},
    )
    soort = forms.ChoiceField(
        label="Wat vraagt de inwoner?",
        choices=DataSubjectRequest.Kind.choices,
        widget=formkit.radios(),
        error_messages={
            "required": "Kies wat de inwoner vraagt.",
            "invalid_choice": "Kies wat de inwoner vraagt.",
        },
    )
    naam = forms.CharField(
        label="Naam van de inwoner",
        max_length=limits.PERSON_NAME,
        widget=formkit.text_input(autocomplete="off"),
        error_messages={
            "required": "Vul de naam van de inwoner in.",
            "max_length": limits.too_long(limits.PERSON_NAME),
        },
    )
    contact = forms.CharField(
        label="Hoe bereikt u de inwoner?",
        help_text="E-mailadres, telefoonnummer of adres, zoals de inwoner het gaf.",
        max_length=limits.STAFF_TEXT,
        widget=formkit.textarea(rows=2),
        error_messages={
            "required": "Vul in hoe u de inwoner bereikt: e-mailadres, telefoonnummer of adres.",
            "max_length": limits.too_long(limits.STAFF_TEXT),
        },
    )
    identiteit = forms.CharField(
        label="Hoe heeft u gecontroleerd wie het is?",
        help_text="Bijvoorbeeld: identiteitsbewijs gezien aan de balie, of ingelogd met DigiD.",
        max_length=limits.STAFF_TEXT,
        widget=formkit.textarea(rows=2),
        error_messages={
            "required": "Schrijf op hoe u heeft gecontroleerd dat het verzoek van deze "
            "persoon komt.",
            "max_length": limits.too_long(limits.STAFF_TEXT),
        },
    )
    ontvangen = formkit.DateField(
        label="Ontvangen op",
        help_text="De termijn van een maand begint op deze dag.",
        widget=formkit.date_input(),
        required_message="Vul de datum van ontvangst in.",
    )
    verzoek = forms.CharField(
        label="Het verzoek in de woorden van de inwoner",
        help_text="Wat wil de inwoner zien of laten verbeteren? Of waartegen maakt de "
        "inwoner bezwaar?",
        required=False,
        max_length=limits.STAFF_TEXT,
        widget=formkit.textarea(rows=4),
        error_messages={"max_length": limits.too_long(limits.STAFF_TEXT)},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["gemeente"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = rights.municipalities_for(user)


class SearchForm(formkit.RegieForm):
    email = forms.CharField(
        label="E-mailadres",
        required=False,
        max_length=limits.EMAIL,
        widget=formkit.text_input(autocomplete="off", spellcheck="false"),
    )
    telefoon = forms.CharField(
        label="Telefoonnummer",
        required=False,
        max_length=limits.PHONE,
        widget=formkit.tel_input(autocomplete="off"),
    )
    bsn = forms.CharField(
        label="BSN",
        help_text="Alleen als de gemeente het BSN bij de zaak heeft vastgelegd.",
        required=False,
        max_length=TYPED_MAX,
        widget=formkit.text_input(autocomplete="off", inputmode="numeric"),
    )
    naam = forms.CharField(
        label="Naam",
        help_text="Alleen samen met de postcode.",
        required=False,
        max_length=limits.PERSON_NAME,
        widget=formkit.text_input(autocomplete="off"),
    )
    postcode = forms.CharField(
        label="Postcode",
        help_text="Bijvoorbeeld 1234 AB.",
        required=False,
        max_length=limits.POSTCODE + 2,
        widget=formkit.text_input(autocomplete="off"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The correction form on the same page has fields of the same names.
        kwargs.setdefault("auto_id", "zoek_%s")
        super().__init__(*args, **kwargs)

    def identifiers(self) -> list[rights.Identifier]:
        data = self.cleaned_data
        return [
            rights.Identifier("email", data.get("email", "")),
            rights.Identifier("phone", data.get("telefoon", "")),
            rights.Identifier("bsn", data.get("bsn", "")),
            rights.Identifier("name-postcode", data.get("naam", ""), data.get("postcode", "")),
        ]

    def clean_bsn(self) -> str:
        value = str(self.cleaned_data.get("bsn") or "")
        problem = bsn_problem(value)
        if problem:
            raise forms.ValidationError(problem)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not rights.identifiers_valid(self.identifiers()):
            raise forms.ValidationError(
                "Vul een e-mailadres, een telefoonnummer, een BSN, of een naam met een postcode in."
            )
        return data


class ConfirmForm(formkit.RegieForm):
    service_fields = {"references": "zaken"}

    zaken = forms.MultipleChoiceField(
        label="Welke zaken zijn van deze inwoner?",
        widget=forms.CheckboxSelectMultiple(attrs={"class": formkit.CHECKBOX}),
        error_messages={
            "required": "Kies de zaken die van deze inwoner zijn.",
            "invalid_choice": "Kies alleen zaken uit de lijst.",
        },
    )

    def __init__(self, *args: Any, references: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["zaken"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(r, r) for r in references]


class RectifyForm(formkit.RegieForm):
    service_fields = {
        "reference": "kenmerk",
        "name": "naam",
        "email": "email",
        "phone": "telefoon",
        "street": "straat",
        "house_number": "huisnummer",
        "postcode": "postcode",
        "city": "woonplaats",
        "submitter": "naam",
    }

    kenmerk = forms.ChoiceField(
        label="Zaak",
        widget=formkit.select(),
        error_messages={
            "required": "Kies de zaak.",
            "invalid_choice": "Kies een van de bevestigde zaken.",
        },
    )
    naam = forms.CharField(
        label="Naam", required=False, max_length=limits.PERSON_NAME, widget=formkit.text_input()
    )
    email = forms.CharField(
        label="E-mailadres", required=False, max_length=limits.EMAIL, widget=formkit.text_input()
    )
    telefoon = forms.CharField(
        label="Telefoonnummer", required=False, max_length=limits.PHONE, widget=formkit.tel_input()
    )
    straat = forms.CharField(
        label="Straat", required=False, max_length=limits.STREET, widget=formkit.text_input()
    )
    huisnummer = forms.CharField(
        label="Huisnummer",
        required=False,
        max_length=limits.HOUSE_NUMBER,
        widget=formkit.text_input(),
    )
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=limits.POSTCODE + 2,
        widget=formkit.text_input(),
    )
    woonplaats = forms.CharField(
        label="Woonplaats", required=False, max_length=limits.CITY, widget=formkit.text_input()
    )

    def __init__(self, *args: Any, references: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "correctie_%s")
        super().__init__(*args, **kwargs)
        field = self.fields["kenmerk"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(r, r) for r in references]


class ExtendForm(formkit.RegieForm):
    service_fields = {"extension_reason": "reden"}

    reden = formkit.staff_text(
        label="Waarom heeft u meer tijd nodig?",
        help_text="Bijvoorbeeld: het verzoek gaat over veel zaken. De inwoner moet dit binnen "
        "de eerste maand horen, met de reden.",
        required="Schrijf op waarom u meer tijd nodig heeft.",
    )


class CloseForm(formkit.RegieForm):
    service_fields = {"answer": "antwoord", "decision": "besluit"}

    besluit = forms.ChoiceField(
        label="Besluit",
        required=False,
        choices=DataSubjectRequest.Decision.choices,
        widget=formkit.radios(),
        error_messages={"invalid_choice": "Kies of het verzoek is toegekend of afgewezen."},
    )
    antwoord = formkit.staff_text(
        label="Antwoord aan de inwoner",
        help_text="Wat u heeft gedaan of besloten, en waarom. Bij een afwijzing: de reden en "
        "dat de inwoner een klacht kan indienen bij de Autoriteit Persoonsgegevens.",
        required="Schrijf het antwoord of het besluit met de reden op.",
        rows=5,
    )
