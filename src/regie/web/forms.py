"""Staff forms: worklist filters, assigning, notes, the deadline facts, concluding a case and
the login form."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.utils import timezone

from regie.cases.models import Case
from regie.cases.selectors import WorklistFilter
from regie.directory.models import Team
from regie.vocabulary import Domain, Kind, Outcome, Status
from regie.web import formkit
from regie.web.choices import display_name, outcomes_for

QUEUES = [
    ("mine", "Mijn zaken"),
    ("team", "Teamwachtrij"),
    ("unassigned", "Niet toegewezen"),
    ("all", "Alles"),
]
STATUS_FILTERS = [
    ("open", "Open (nog niet afgehandeld)"),
    *((s.value, s.label) for s in Status),
    ("alle", "Alle statussen"),
]


class WorklistFilterForm(forms.Form):
    """GET parameters of /werk. A value that does not fit is ignored, never an error page."""

    wachtrij = forms.ChoiceField(choices=QUEUES, required=False)
    soort = forms.ChoiceField(
        label="Soort",
        choices=[("", "Alle soorten"), *Kind.choices],
        required=False,
        widget=formkit.select(),
    )
    domein = forms.ChoiceField(
        label="Domein",
        choices=[("", "Alle domeinen"), *Domain.choices],
        required=False,
        widget=formkit.select(),
    )
    status = forms.ChoiceField(
        label="Status", choices=STATUS_FILTERS, required=False, widget=formkit.select()
    )
    zoek = forms.CharField(
        label="Zoek op kenmerk of onderwerp",
        max_length=100,
        required=False,
        widget=formkit.text_input(type="search"),
    )

    @classmethod
    def showing(cls, flt: WorklistFilter) -> WorklistFilterForm:
        """An unbound form showing the filter in force: values that were ignored do not come
        back as error messages."""
        return cls(
            initial={
                "wachtrij": flt.queue,
                "soort": flt.kind,
                "domein": flt.domain,
                "status": flt.status or "alle",
                "zoek": flt.query,
            }
        )

    def value(self, name: str, default: str = "") -> str:
        if not self.is_valid() and name in self.errors:
            return default
        return str(self.cleaned_data.get(name) or default)

    def worklist_filter(self, default_queue: str) -> WorklistFilter:
        status = self.value("status", "open")
        return WorklistFilter(
            queue=self.value("wachtrij", default_queue),
            kind=self.value("soort"),
            domain=self.value("domein"),
            status="" if status == "alle" else status,
            query=self.value("zoek").strip(),
        )


class AssignForm(formkit.RegieForm):
    team = forms.ChoiceField(label="Team", required=False, widget=formkit.select())
    handler = forms.ChoiceField(label="Behandelaar", required=False, widget=formkit.select())

    def __init__(
        self,
        *args: Any,
        case: Case,
        teams: list[Team],
        handlers: list[User],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault(
            "initial",
            {"team": case.handling_team_id or "", "handler": case.handler_id or ""},
        )
        super().__init__(*args, **kwargs)
        self.case = case
        self._teams = {str(t.pk): t for t in teams}
        self._handlers = {str(u.pk): u for u in handlers}
        team_field = self.fields["team"]
        handler_field = self.fields["handler"]
        assert isinstance(team_field, forms.ChoiceField)
        assert isinstance(handler_field, forms.ChoiceField)
        # The service keeps what is not chosen, so the empty option means "leave as it is".
        team_field.choices = [
            ("", "Niet wijzigen" if case.handling_team_id else "Kies een team"),
            *((str(t.pk), t.name) for t in teams),
        ]
        handler_field.choices = [
            ("", "Niet wijzigen" if case.handler_id else "Kies een behandelaar"),
            *((str(u.pk), display_name(u)) for u in handlers),
        ]
        team_field.error_messages["invalid_choice"] = "Kies een team uit de lijst."
        handler_field.error_messages["invalid_choice"] = "Kies een behandelaar uit de lijst."

    def offers_handler(self, user_id: int) -> bool:
        return str(user_id) in self._handlers

    def clean_team(self) -> Team | None:
        value = self.cleaned_data.get("team") or ""
        return self._teams[value] if value else None

    def clean_handler(self) -> User | None:
        value = self.cleaned_data.get("handler") or ""
        return self._handlers[value] if value else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        team, handler = data.get("team"), data.get("handler")
        if self.errors:
            return data
        if team is None and handler is None:
            self.add_error("team", "Kies een team of een behandelaar.")
        elif (team is None or team.pk == self.case.handling_team_id) and (
            handler is None or handler.pk == self.case.handler_id
        ):
            # Recording an assignment that changes nothing would only clutter the timeline.
            self.add_error(
                "team", "Dit is al zo toegewezen. Kies een ander team of een andere behandelaar."
            )
        return data


class NoteForm(formkit.RegieForm):
    text = formkit.staff_text(
        label="Interne notitie",
        help_text="Alleen zichtbaar voor medewerkers. De inwoner ziet dit nooit.",
        required="Schrijf eerst een notitie.",
        too_long="Een notitie mag hooguit 10.000 tekens hebben.",
        rows=4,
    )


class CaseFactForm(formkit.RegieForm):
    """A form on the case page for one fact of the case (contact, postponement, ...).

    `section_id` is the id of its section on the page: the error summary links a message
    that belongs to no single field (e.g. "already postponed") to the form as a whole.
    """

    section_id: ClassVar[str] = ""

    def error_summary(self) -> list[formkit.SummaryItem]:
        return [
            item if item.anchor else formkit.SummaryItem(self.section_id, item.message)
            for item in super().error_summary()
        ]

    def _moment(self, data: dict[str, Any], day_field: str, time_field: str) -> dt.datetime | None:
        """The aware moment of a date and a time field, in Dutch time."""
        day, time = data.get(day_field), data.get(time_field)
        if day is None or time is None:
            return None
        moment = formkit.dutch_moment(day, time)
        if moment is None:
            self.add_error(time_field, formkit.TIME_SKIPPED)
        return moment


# A letter has a date, not a time: it is recorded as sent at noon, Dutch time.
LETTER_TIME = dt.time(12, 0)


class AcknowledgementLetterForm(CaseFactForm):
    """The acknowledgement of receipt went out as a letter (Awb 9:6 asks for writing; for
    someone without an e-mail address that is a letter). Only the date is asked: the
    moment recorded is noon Dutch time that day, or the nearest moment that is possible."""

    section_id = "ontvangstbevestiging"
    service_fields = {"sent_at": "letter_sent_on", "to": "letter_address"}

    letter_sent_on = formkit.DateField(
        label="Datum waarop de brief is verstuurd",
        initial=formkit.today,
        required_message="Vul de datum in waarop de brief is verstuurd.",
    )
    letter_address = forms.CharField(
        label="Naar welk adres is de brief gestuurd?",
        help_text="Bijvoorbeeld: Dorpsstraat 12, 1234 AB Hoofddorp. Alleen medewerkers zien dit.",
        max_length=300,
        required=False,
        widget=formkit.text_input(autocomplete="off"),
        error_messages={"max_length": "Schrijf hooguit 300 tekens."},
    )

    def __init__(self, *args: Any, received_at: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.received_at = received_at

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day = data.get("letter_sent_on")
        if day is None:
            return data
        now = timezone.now()
        received_on = timezone.localdate(self.received_at)
        if day > timezone.localdate(now):
            self.add_error("letter_sent_on", "Deze datum ligt in de toekomst.")
        elif day < received_on:
            self.add_error(
                "letter_sent_on",
                "Deze datum ligt vóór de ontvangst van de zaak. De zaak is ontvangen op "
                f"{received_on:%d-%m-%Y}.",
            )
        else:
            data["sent_at"] = letter_moment(day, received_at=self.received_at, now=now)
        return data


def letter_moment(day: dt.date, *, received_at: dt.datetime, now: dt.datetime) -> dt.datetime:
    """Noon Dutch time on the day the letter went out, but never before the case came in
    (a letter on the day of receipt) and never after now (a letter this morning)."""
    noon = formkit.dutch_moment(day, LETTER_TIME)
    assert noon is not None  # the clock never skips noon
    return max(min(noon, now), received_at)


class ContactForm(CaseFactForm):
    """Contact with the submitter: a call or a visit (meets the first-contact norm)."""

    section_id = "contact"
    service_fields = {"at": "contact_date"}

    contact_date = formkit.DateField(
        label="Datum van het contact",
        initial=formkit.today,
        required_message="Vul de datum van het contact in.",
    )
    contact_time = formkit.TimeField(
        label="Tijd van het contact",
        initial=formkit.now_to_the_minute,
        required_message="Vul de tijd van het contact in.",
    )
    summary = formkit.staff_text(
        label="Wat heeft u besproken?",
        help_text="Kort, in een paar zinnen. Alleen medewerkers zien dit.",
        required="Schrijf kort op wat u besproken heeft.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["at"] = self._moment(data, "contact_date", "contact_time")
        return data


class PostponeForm(CaseFactForm):
    """Postponing the handling of a complaint once, by four weeks (Awb 9:11, Wkkgz)."""

    section_id = "verdagen"

    notice_sent_on = formkit.DateField(
        label="Datum van de brief aan de indiener",
        help_text="De brief waarin staat dat de behandeling langer duurt.",
        initial=formkit.today,
        required_message="Vul de datum van de brief in.",
    )
    reason = formkit.staff_text(
        label="Waarom duurt de behandeling langer?",
        help_text="Deze reden komt in de tijdlijn.",
        required="Schrijf op waarom de behandeling langer duurt.",
    )


class CommitteeForm(CaseFactForm):
    """The complaint goes to the advisory committee (Awb 9:14). Only a confirm button."""

    section_id = "adviescommissie"


class FirstConversationForm(CaseFactForm):
    """The first debt-help conversation (Wgs art. 4); it starts the decision term."""

    section_id = "eerste-gesprek"
    service_fields = {"held_at": "held_on"}

    held_on = formkit.DateField(
        label="Datum van het gesprek",
        initial=formkit.today,
        required_message="Vul de datum van het gesprek in.",
    )
    held_time = formkit.TimeField(
        label="Tijd van het gesprek",
        initial=formkit.now_to_the_minute,
        required_message="Vul de tijd van het gesprek in.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["held_at"] = self._moment(data, "held_on", "held_time")
        return data


# What each outcome means, next to its radio button. Plain words first, the article after.
OUTCOME_HELP = {
    Outcome.GEGROND: "De klacht klopt: er is niet goed gehandeld.",
    Outcome.DEELS_GEGROND: "De klacht klopt voor een deel.",
    Outcome.ONGEGROND: "De klacht klopt niet: er is goed gehandeld.",
    Outcome.NIET_BEHANDELD: (
        "Bijvoorbeeld omdat bezwaar mogelijk is of omdat het langer dan een jaar geleden is "
        "(Awb artikel 9:8). Laat dit de indiener binnen 4 weken na ontvangst schriftelijk weten."
    ),
    Outcome.DOORVERWEZEN: (
        "Een andere organisatie of procedure neemt het over, zoals bezwaar of de "
        "klachtenregeling van de aanbieder."
    ),
    Outcome.AFGEROND: "De vraag, melding of het signaal is behandeld.",
}
RESOLVED_HELP = {
    True: (
        "De indiener is tevreden met de oplossing. Een formele afhandeling is dan niet nodig "
        "(Awb artikel 9:5)."
    ),
    False: "Samen met de indiener opgelost.",
}


class ConcludeForm(CaseFactForm):
    """Closing a case with its outcome. Only the outcomes that fit the kind are offered,
    informal resolution first; for a complaint that is the normal first route (Awb 9:5)."""

    section_id = "afhandelen"
    # "summary" is already the contact form's field on the same page: ids must be unique.
    service_fields = {"summary": "conclusion"}

    outcome = forms.ChoiceField(
        label="Uitkomst",
        error_messages={
            "required": "Kies een uitkomst.",
            "invalid_choice": "Kies een uitkomst die bij deze zaak past.",
        },
    )
    conclusion = formkit.staff_text(
        label="Hoe is de zaak afgehandeld?",
        help_text=(
            "Kort, in een paar zinnen. Alleen medewerkers zien dit. De indiener ziet alleen "
            "de uitkomst."
        ),
        required="Schrijf kort op hoe de zaak is afgehandeld.",
        rows=4,
    )

    def __init__(self, *args: Any, kind: str, closed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A refusal because the case is closed already (a second click, a colleague was first)
        # is about the form as a whole, not about the outcome that was chosen.
        self.closed = closed
        complaint = kind == Kind.KLACHT
        outcomes = outcomes_for(kind)
        descriptions: Mapping[str, str] = {
            **{str(k): v for k, v in OUTCOME_HELP.items()},
            Outcome.OPGELOST.value: RESOLVED_HELP[complaint],
        }
        field = self.fields["outcome"]
        assert isinstance(field, forms.ChoiceField)
        field.widget = formkit.DescribedRadioSelect(descriptions)
        field.choices = [(o.value, o.label) for o in outcomes]  # also sets the widget's

    def add_service_errors(self, errors: Mapping[str, str]) -> None:
        if self.closed:
            for message in errors.values():
                self.add_error(None, message)
            return
        super().add_service_errors(errors)


class StaffLoginForm(AuthenticationForm):
    use_required_attribute = False  # see formkit.RegieForm

    error_messages = {
        "invalid_login": (
            "Deze gebruikersnaam en dit wachtwoord horen niet bij elkaar. Let op hoofdletters "
            "en kleine letters."
        ),
        "inactive": "Dit account is uitgezet. Neem contact op met uw beheerder.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"class": formkit.TEXTBOX, "autofocus": True})
        self.fields["password"].widget.attrs.update({"class": formkit.TEXTBOX})

    def error_summary(self) -> list[formkit.SummaryItem]:
        items = [formkit.SummaryItem("", str(m)) for m in self.non_field_errors()]
        for bound in self:
            items += [
                formkit.SummaryItem(formkit.field_anchor(bound), str(m)) for m in bound.errors
            ]
        return items
