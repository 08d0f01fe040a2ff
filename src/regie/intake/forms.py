"""The public form (/melden): what a resident brings in, in their own words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.urls import reverse

from regie import limits
from regie.cases.services import Address, IntakeRequest, Person, Upload
from regie.cases.services.resident import TOO_LARGE
from regie.directory.models import Municipality, Organisation
from regie.ui import formkit
from regie.vocabulary import Channel, Domain, Kind

# What a resident wants, in their words; the code values are the register's kinds.
KIND_CHOICES = [
    (Kind.KLACHT.value, "Ik wil een klacht indienen"),
    (Kind.HULPVRAAG.value, "Ik heb hulp nodig"),
    (Kind.MELDING.value, "Ik maak me zorgen over iemand"),
    (Kind.SIGNAAL.value, "Ik wil een probleem melden"),
]
KIND_DESCRIPTIONS = {
    Kind.KLACHT.value: (
        "U bent niet tevreden over hoe de gemeente, of een organisatie die voor de gemeente "
        "werkt, u heeft behandeld. Zonder naam behandelen wij het als signaal."
    ),
    Kind.HULPVRAAG.value: (
        "U zoekt hulp of ondersteuning. Bijvoorbeeld thuis, bij het opvoeden, bij werk, "
        "geld of schulden."
    ),
    Kind.MELDING.value: (
        "U denkt dat iemand hulp nodig heeft, bijvoorbeeld een buurman of familielid. "
        "Dit mag ook anoniem."
    ),
    Kind.SIGNAAL.value: (
        "U ziet dat iets niet goed gaat, misschien ook voor andere mensen. Dit mag ook anoniem."
    ),
}
DOMAIN_CHOICES = [
    (Domain.WMO.value, "Hulp en ondersteuning thuis (Wmo)"),
    (Domain.JEUGD.value, "Kinderen, jongeren en gezin (jeugdhulp)"),
    (Domain.WERK_EN_INKOMEN.value, "Werk en inkomen (bijstand)"),
    (Domain.SCHULDHULP.value, "Geldzaken en schulden"),
    (Domain.OVERIG.value, "Weet ik niet, of iets anders"),
]
HONEYPOT_LABEL = "Laat dit veld leeg"
HONEYPOT_FILLED = (
    'Het veld "Laat dit veld leeg" is ingevuld. Het is een controle tegen computerprogramma\'s '
    "die formulieren vullen. Maak het veld leeg en verstuur het formulier opnieuw."
)
# A complaint or help request needs someone to answer (see services._validate_intake).
NAMED_KINDS = {Kind.KLACHT.value, Kind.HULPVRAAG.value}


class PublicIntakeForm(formkit.RegieForm):
    service_fields = {
        "description": "description",
        "submitter.name": "name",
        "submitter.email": "email",
        "submitter.phone": "phone",
        "submitter.anonymous": "anonymous",
        "submitter.address.street": "street",
        "submitter.address.houseNumber": "house_number",
        "submitter.address.postcode": "postcode",
        "submitter.address.city": "city",
        "about": "about",
        "municipality": "municipality",
        "kind": "kind",
        "domain": "domain",
        "subject": "subject",
        "onBehalfOf.name": "on_behalf_of_name",
        "onBehalfOf.relation": "on_behalf_of_relation",
    }

    kind = forms.ChoiceField(
        label="Wat wilt u doen?",
        choices=KIND_CHOICES,
        widget=formkit.DescribedRadioSelect(KIND_DESCRIPTIONS),
        error_messages={
            "required": "Kies wat u wilt doen.",
            "invalid_choice": 'Kies een van de mogelijkheden bij "Wat wilt u doen?".',
        },
    )
    municipality = forms.ChoiceField(
        label="Gemeente",
        help_text="De gemeente waar u woont, of waar het over gaat.",
        widget=formkit.select(),
        error_messages={
            "required": "Kies uw gemeente.",
            "invalid_choice": "Kies een gemeente uit de lijst.",
        },
    )
    domain = forms.ChoiceField(
        label="Waar gaat het over?",
        choices=DOMAIN_CHOICES,
        required=False,
        widget=formkit.radios(),
        error_messages={
            "invalid_choice": 'Kies een van de mogelijkheden bij "Waar gaat het over?".'
        },
    )
    subject = forms.CharField(
        label="Onderwerp",
        help_text="In een paar woorden. Bijvoorbeeld: de taxi kwam te laat.",
        max_length=limits.SUBJECT,
        required=False,
        widget=formkit.text_input(),
        error_messages={"max_length": f"Het onderwerp mag hooguit {limits.SUBJECT} tekens hebben."},
    )
    description = forms.CharField(
        label="Wat is er aan de hand?",
        help_text=(
            "Vertel wat er is gebeurd, wanneer, en wie erbij waren. Schrijf ook op wat u "
            "graag wilt."
        ),
        max_length=limits.DESCRIPTION,
        widget=formkit.textarea(rows=8),
        error_messages={
            "required": "Beschrijf wat er aan de hand is.",
            "max_length": (
                "Uw tekst is te lang. Gebruik hooguit "
                f"{limits.dutch_number(limits.DESCRIPTION)} tekens (u gebruikt er nu "
                "%(show_value)d)."
            ),
            "null_characters_not_allowed": (
                "Uw tekst bevat een onzichtbaar teken dat wij niet kunnen opslaan. Typ de tekst "
                "opnieuw in plaats van hem te plakken."
            ),
        },
    )
    about = forms.ChoiceField(
        label="Gaat het over een organisatie die voor de gemeente werkt?",
        help_text=(
            'Bijvoorbeeld een thuiszorgorganisatie. Weet u het niet? Kies dan "De gemeente zelf".'
        ),
        required=False,
        widget=formkit.select(),
        error_messages={"invalid_choice": "Kies een organisatie uit de lijst."},
    )
    anonymous = forms.BooleanField(
        label="Ik wil anoniem blijven",
        help_text=(
            "Dit kan niet bij een hulpvraag. Een klacht zonder naam behandelen wij als signaal. "
            "Wij kunnen u dan niet laten weten wat wij ermee doen."
        ),
        required=False,
        widget=formkit.checkbox(),
    )
    name = forms.CharField(
        label="Uw naam",
        max_length=limits.PERSON_NAME,
        required=False,
        widget=formkit.text_input(autocomplete="name"),
        error_messages={"max_length": f"Uw naam mag hooguit {limits.PERSON_NAME} tekens hebben."},
    )
    email = forms.EmailField(
        label="Uw e-mailadres",
        help_text="Dan sturen wij u een bevestiging met een link om uw melding te volgen.",
        max_length=limits.EMAIL,
        required=False,
        widget=formkit.email_input(),
        error_messages={
            "invalid": "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.",
            "max_length": "Dit e-mailadres is te lang.",
        },
    )
    phone = forms.CharField(
        label="Uw telefoonnummer",
        max_length=limits.PHONE,
        required=False,
        widget=formkit.tel_input(),
        error_messages={"max_length": "Dit telefoonnummer is te lang."},
    )
    street = forms.CharField(
        label="Straat",
        max_length=limits.STREET,
        required=False,
        widget=formkit.text_input(autocomplete="address-line1"),
        error_messages={"max_length": limits.too_long(limits.STREET)},
    )
    house_number = forms.CharField(
        label="Huisnummer",
        help_text="Met toevoeging, bijvoorbeeld 12a.",
        max_length=limits.HOUSE_NUMBER,
        required=False,
        widget=formkit.text_input(autocomplete="off"),
        error_messages={"max_length": limits.too_long(limits.HOUSE_NUMBER)},
    )
    postcode = forms.CharField(
        label="Postcode",
        help_text="Bijvoorbeeld 1234 AB.",
        max_length=limits.POSTCODE + 2,
        required=False,
        widget=formkit.text_input(autocomplete="postal-code"),
        error_messages={"max_length": "Vul een postcode in zoals 1234 AB."},
    )
    city = forms.CharField(
        label="Woonplaats",
        max_length=limits.CITY,
        required=False,
        widget=formkit.text_input(autocomplete="address-level2"),
        error_messages={"max_length": limits.too_long(limits.CITY)},
    )
    for_someone_else = forms.BooleanField(
        label="Ik meld dit voor iemand anders",
        required=False,
        widget=formkit.checkbox(),
    )
    on_behalf_of_name = forms.CharField(
        label="Naam van die persoon",
        max_length=limits.PERSON_NAME,
        required=False,
        widget=formkit.text_input(),
        error_messages={"max_length": f"De naam mag hooguit {limits.PERSON_NAME} tekens hebben."},
    )
    on_behalf_of_relation = forms.CharField(
        label="Wat bent u van die persoon?",
        help_text="Bijvoorbeeld: mantelzorger, buurvrouw of cliëntondersteuner.",
        max_length=limits.RELATION,
        required=False,
        widget=formkit.text_input(),
        error_messages={"max_length": limits.too_long(limits.RELATION)},
    )
    # The honeypot (issue 11): hidden from people (see submit.html), so only a program that
    # fills in every field it finds puts something here. No third party, no JavaScript.
    website = forms.CharField(
        label=HONEYPOT_LABEL,
        required=False,
        widget=formkit.text_input(autocomplete="off", tabindex="-1"),
    )

    def __init__(
        self,
        *args: Any,
        municipalities: list[Municipality],
        organisations: list[Organisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._municipalities = {m.code: m for m in municipalities}
        self._organisations = {o.slug: o for o in organisations}
        municipality_field = self.fields["municipality"]
        assert isinstance(municipality_field, forms.ChoiceField)
        options = [(m.code, m.name) for m in municipalities]
        if len(options) == 1:
            # One municipality: nothing to choose, so choose it.
            municipality_field.choices = options
            municipality_field.initial = options[0][0]
        else:
            municipality_field.choices = [("", "Kies uw gemeente"), *options]
            # With JavaScript, htmx narrows the organisation list to the chosen municipality;
            # without it the full list stays and the intake service checks the pair.
            municipality_field.widget.attrs.update(
                {
                    "hx-get": reverse("intake:about_options"),
                    "hx-trigger": "change",
                    "hx-target": "#about-field",
                    "hx-swap": "outerHTML",
                    "hx-include": "[name='about']",
                }
            )
        about_field = self.fields["about"]
        assert isinstance(about_field, forms.ChoiceField)
        about_field.choices = [("", "De gemeente zelf"), *((o.slug, o.name) for o in organisations)]

    def clean_municipality(self) -> Municipality:
        return self._municipalities[self.cleaned_data["municipality"]]

    def clean_about(self) -> Organisation | None:
        slug = self.cleaned_data.get("about") or ""
        return self._organisations[slug] if slug else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            # A clear refusal rather than a fake success: a person whose browser filled it
            # by itself sees why and can empty it (the page then shows the field).
            self.add_error("website", HONEYPOT_FILLED)
        if self.errors:
            self._mirror_contact_rules(data)
        self._ask_complainant(data)
        wants_other = data.get("for_someone_else")
        if wants_other and not (data.get("on_behalf_of_name") or data.get("on_behalf_of_relation")):
            self.add_error(
                "on_behalf_of_name",
                "Vul de naam in van de persoon voor wie u dit meldt, of zet het vinkje uit.",
            )
        return data

    def _mirror_contact_rules(self, data: dict[str, Any]) -> None:
        """The intake service decides who may stay anonymous, but it is only asked once the
        rest of the form is valid. So that a resident sees every problem in one go, its rule
        is repeated here while other errors keep the service from speaking; when the form is
        otherwise valid, the service's answer is the one shown. (A complaint is never refused
        for want of a name: see `_ask_complainant`.)"""
        if data.get("kind") != Kind.HULPVRAAG.value:
            return
        problems = {}
        if data.get("anonymous"):
            problems["anonymous"] = (
                "Een hulpvraag kan niet anoniem. Vul uw naam en een manier om u te bereiken in."
            )
        else:
            if not data.get("name"):
                problems["name"] = "Vul uw naam in."
            if not _reachable(data):
                problems["email"] = "Vul een e-mailadres, telefoonnummer of adres in."
        for field, message in problems.items():
            if field not in self.errors:
                self.add_error(field, message)

    def _ask_complainant(self, data: dict[str, Any]) -> None:
        """A complaint without a name is registered as a signal (Awb 9:4, 9:2), never refused.
        On this form the resident chooses that by staying anonymous; without that choice we
        ask for the name and a way to answer, so nobody ends up anonymous by a slip."""
        if data.get("kind") != Kind.KLACHT.value or data.get("anonymous"):
            return
        if not data.get("name") and "name" not in self.errors:
            self.add_error(
                "name",
                'Vul uw naam in. Of kies "Ik wil anoniem blijven" (dan wordt het een signaal).',
            )
        if not _reachable(data) and "email" not in self.errors:
            self.add_error(
                "email",
                "Vul een e-mailadres, telefoonnummer of adres in, zodat wij u kunnen antwoorden.",
            )

    def intake_request(self) -> IntakeRequest:
        data = self.cleaned_data
        # The details of the other person count when given, also if the box was not ticked:
        # what a resident wrote down is never silently dropped.
        return IntakeRequest(
            municipality=data["municipality"],
            kind=data["kind"],
            channel=Channel.WEB,
            description=data["description"],
            domain=data.get("domain") or Domain.OVERIG,
            subject=data.get("subject", ""),
            submitter=Person(
                name=data.get("name", ""),
                email=data.get("email", ""),
                phone=data.get("phone", ""),
                anonymous=bool(data.get("anonymous")),
                address=Address(
                    street=data.get("street", ""),
                    house_number=data.get("house_number", ""),
                    postcode=data.get("postcode", ""),
                    city=data.get("city", ""),
                ),
            ),
            on_behalf_of_name=data.get("on_behalf_of_name", ""),
            on_behalf_of_relation=data.get("on_behalf_of_relation", ""),
            about=data.get("about"),
        )


def prefill_from_query(
    query: Mapping[str, str],
    *,
    municipalities: list[Municipality],
    organisations: list[Organisation],
) -> dict[str, str]:
    """Initial values from the address, e.g. from the wegwijzer's "Meld het hier":
    ?soort=klacht&gemeente=GM9901&domein=wmo&over=het-anker&tekst=…

    Only values the form would accept are kept; anything else is ignored, never an error:
    the resident did not type the address and still gets the form.
    """
    allowed = {
        "kind": ("soort", {value for value, _ in KIND_CHOICES}),
        "municipality": ("gemeente", {m.code for m in municipalities}),
        "domain": ("domein", {value for value, _ in DOMAIN_CHOICES}),
        "about": ("over", {o.slug for o in organisations}),
    }
    initial = {
        field: query.get(name, "")
        for field, (name, values) in allowed.items()
        if query.get(name, "") in values
    }
    text = query.get("tekst", "").strip()
    if text and len(text) <= limits.DESCRIPTION and "\x00" not in text:
        initial["description"] = text
    return initial


def _reachable(data: dict[str, Any]) -> bool:
    address = any(data.get(part) for part in ("street", "house_number", "postcode", "city"))
    return bool(data.get("email") or data.get("phone") or address)


# --- The status page (/status/<token>): what the submitter can do there ---------------------


def _resident_text(*, label: str, help_text: str, required: str = "", rows: int = 5) -> Any:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=bool(required),
        max_length=limits.RESIDENT_TEXT,
        widget=formkit.textarea(rows=rows),
        error_messages={
            "required": required or "Vul dit in.",
            "max_length": limits.too_long(limits.RESIDENT_TEXT),
        },
    )


class AddInformationForm(formkit.RegieForm):
    """More information from the submitter: a text and at most one file. The file's type and
    size are decided by the write path (`services.resident`), from its bytes; the size is
    checked here first, before the file is read."""

    service_fields = {"text": "text", "attachment": "attachment"}

    text = _resident_text(
        label="Wat wilt u ons nog laten weten?",
        help_text="Bijvoorbeeld iets wat er sinds uw melding is gebeurd. De medewerker leest het.",
        required="Schrijf wat u wilt toevoegen.",
    )
    attachment = forms.FileField(
        label="Bestand meesturen",
        required=False,
        help_text=(
            f"Eén bestand: een PDF, een foto (JPG of PNG) of een tekstbestand, van hooguit "
            f"{limits.ATTACHMENT_BYTES // (1024 * 1024)} MB."
        ),
        widget=forms.FileInput(
            attrs={
                "class": formkit.TEXTBOX,
                "accept": ".pdf,.jpg,.jpeg,.png,.txt,application/pdf,image/jpeg,image/png,"
                "text/plain",
            }
        ),
        error_messages={
            "empty": "Het bestand is leeg.",
            "invalid": "Kies een bestand.",
            "missing": "Kies een bestand.",
        },
    )

    def __init__(self, *args: Any, too_large: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The upload handler stopped reading a file past the limit (see intake.views).
        self.too_large = too_large

    def clean_attachment(self) -> Upload | None:
        upload = self.cleaned_data.get("attachment")
        if self.too_large or (upload is not None and upload.size > limits.ATTACHMENT_BYTES):
            raise forms.ValidationError(TOO_LARGE)
        if upload is None:
            return None
        return Upload(name=upload.name or "", content=upload.read())


class WithdrawForm(formkit.RegieForm):
    service_fields = {"reason": "reason"}

    reason = _resident_text(
        label="Waarom trekt u het in?",
        help_text="Dit helpt ons om beter te worden. U hoeft het niet in te vullen.",
        rows=4,
    )


SCORE_CHOICES = [
    ("1", "1 (slecht)"),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", "5 (heel goed)"),
]


class FollowUpForm(formkit.RegieForm):
    """Hoe gaat het nu? Solved or not, a score and a few words."""

    service_fields = {"solved": "solved", "score": "score", "comment": "comment"}

    solved = forms.TypedChoiceField(
        label="Is het probleem nu opgelost?",
        choices=[("ja", "Ja, het is opgelost"), ("nee", "Nee, het is nog niet opgelost")],
        coerce=lambda value: value == "ja",
        widget=formkit.radios(),
        error_messages={"required": "Kies ja of nee.", "invalid_choice": "Kies ja of nee."},
    )
    score = forms.TypedChoiceField(
        label="Welk cijfer geeft u ons voor de hulp bij uw vraag of klacht?",
        choices=SCORE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=formkit.radios(),
        error_messages={"invalid_choice": "Kies een cijfer van 1 tot en met 5."},
    )
    comment = _resident_text(
        label="Wilt u nog iets zeggen?",
        help_text="Bijvoorbeeld wat er nog niet goed gaat, of wat goed ging.",
        rows=4,
    )
