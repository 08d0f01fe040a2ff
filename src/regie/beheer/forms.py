"""The Beheer forms. They turn what was typed into the write path's arguments (field names are
the argument names of `regie.directory.services`, so a service error lands at its field) and
answer early only for what a service cannot receive: a word where a number goes, an unknown
option. Ranges, formats and the rules between fields are the services' own."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django import forms

from regie import limits
from regie.directory.models import (
    ContactChannel,
    Municipality,
    Organisation,
    Responsibility,
    Team,
    Topic,
)
from regie.directory.services import ResponsibilityValues
from regie.ui import formkit
from regie.vocabulary import ComplaintRoute, ContactKind, Domain, Oversight

NUMBER_INVALID = "Vul een heel getal in, zoals 5."
NUL = "Deze tekst bevat een onzichtbaar teken dat niet kan worden opgeslagen. Typ hem opnieuw."
# Where a service rule has a fixed upper bound, the number never needs more digits than this.
DIGITS = 9


def text(
    *,
    label: str,
    limit: int,
    required: str = "",
    help_text: str = "",
    widget: forms.Widget | None = None,
) -> forms.CharField:
    """A text field with Dutch messages. `required` is the message when it is left empty;
    without one the field is optional."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=limit,
        required=bool(required),
        widget=widget or formkit.text_input(),
        error_messages={
            "required": required,
            "max_length": limits.too_long(limit),
            "null_characters_not_allowed": NUL,
        },
    )


def number(*, label: str, required: str = "", help_text: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        required=bool(required),
        widget=formkit.text_input(inputmode="numeric", maxlength=DIGITS),
        error_messages={
            "required": required,
            "invalid": NUMBER_INVALID,
            "max_value": NUMBER_INVALID,
            "min_value": NUMBER_INVALID,
        },
        # Guards the database column only; the service says what is sensible.
        min_value=-(10**DIGITS),
        max_value=10**DIGITS,
    )


def choice(
    *, label: str, choices: Sequence[tuple[str, str]], required: str = "", help_text: str = ""
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        required=bool(required),
        widget=formkit.select(),
        error_messages={"required": required, "invalid_choice": "Kies uit de lijst."},
    )


def checkboxes(
    *, label: str, choices: Sequence[tuple[str, str]], help_text: str = ""
) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": formkit.CHECKBOX}),
        error_messages={"invalid_choice": "Kies uit de lijst."},
    )


class BeheerForm(formkit.RegieForm):
    """A Beheer form: the write path's argument names are its field names."""


class NormsForm(BeheerForm):
    acknowledgement_working_days = number(
        label="Ontvangstbevestiging binnen (werkdagen)",
        help_text="Zo snel krijgt iemand die een klacht indient een bevestiging. 1 tot 60.",
        required="Vul het aantal werkdagen in.",
    )
    first_contact_working_days = number(
        label="Eerste contact binnen (werkdagen)",
        help_text="Zo snel neemt de gemeente contact op na een klacht of hulpvraag. 1 tot 60.",
        required="Vul het aantal werkdagen in.",
    )
    wgs_decision_weeks = number(
        label="Besluit over schuldhulp binnen (weken)",
        help_text="De wet (Wgs) geeft hooguit 8 weken. Uw gemeente mag een kortere termijn kiezen.",
        required="Vul het aantal weken in.",
    )
    ombudsman_name = text(
        label="Naam van de ombudsman",
        help_text="Waar inwoners heen kunnen als zij niet tevreden zijn over een klacht.",
        limit=200,
        required="Vul de naam van de ombudsman in.",
    )
    ombudsman_url = text(
        label="Internetadres van de ombudsman",
        help_text="Begint met https://",
        limit=200,
        required="Vul het internetadres van de ombudsman in.",
        widget=formkit.text_input(type="url", inputmode="url"),
    )

    @staticmethod
    def initial_for(municipality: Municipality) -> dict[str, Any]:
        return {
            "acknowledgement_working_days": municipality.norm_acknowledgement_working_days,
            "first_contact_working_days": municipality.norm_first_contact_working_days,
            "wgs_decision_weeks": municipality.wgs_decision_weeks,
            "ombudsman_name": municipality.ombudsman_name,
            "ombudsman_url": municipality.ombudsman_url,
        }


class TeamForm(BeheerForm):
    name = text(label="Naam van het team", limit=200, required="Vul de naam van het team in.")
    email = text(
        label="Mailbox van het team",
        help_text=(
            "Het gedeelde e-mailadres. Hier komt elke werkdag het overzicht van wat bijna af "
            "moet. Leeg laten kan: dan krijgt het team geen overzicht."
        ),
        limit=limits.EMAIL,
        widget=formkit.email_input(autocomplete="off"),
    )
    domains = checkboxes(
        label="Domeinen",
        help_text="Teamleden zien alleen zaken in deze domeinen.",
        choices=Domain.choices,
    )

    @staticmethod
    def initial_for(team: Team) -> dict[str, Any]:
        return {"name": team.name, "email": team.email, "domains": list(team.domains)}


ROUTE_CHOICES = [("", "Zoals gebruikelijk voor deze soort organisatie"), *ComplaintRoute.choices]


class OrganisationForm(BeheerForm):
    description = text(
        label="Wat doen zij?",
        help_text="In één of twee eenvoudige zinnen. Inwoners lezen dit in de wegwijzer.",
        limit=limits.STAFF_TEXT,
        widget=formkit.textarea(rows=3),
    )
    complaint_route = choice(
        label="Klachtroute",
        help_text="Welke regels gelden voor een klacht over deze organisatie.",
        choices=ROUTE_CHOICES,
    )
    complaint_scheme = text(
        label="Naam van de klachtenregeling",
        help_text="Nodig bij een eigen klachtenregeling.",
        limit=200,
    )
    complaint_term_weeks = number(
        label="Termijn van de klachtenregeling (weken)",
        help_text="Binnen zoveel weken moet een klacht zijn afgehandeld. Nodig bij een eigen "
        "klachtenregeling.",
    )
    complaint_scheme_basis = text(
        label="Grondslag", help_text="Bijvoorbeeld: Wmo 2015 artikel 3.2.", limit=100
    )
    complaint_scheme_url = text(
        label="Klachtenregeling op internet",
        help_text="Begint met https://",
        limit=200,
        widget=formkit.text_input(type="url", inputmode="url"),
    )
    client_count = number(
        label="Aantal cliënten",
        help_text="Om klachten per 1.000 cliënten te kunnen vergelijken.",
    )

    @staticmethod
    def initial_for(organisation: Organisation) -> dict[str, Any]:
        return {name: getattr(organisation, name) for name in OrganisationForm.base_fields}


class ChannelForm(BeheerForm):
    kind = choice(
        label="Soort", choices=ContactKind.choices, required="Kies wat voor contactgegeven het is."
    )
    value = text(
        label="Gegevens",
        help_text="Bijvoorbeeld 14 0000, klachten@gemeente.nl, een adres of https://…",
        limit=limits.POSTAL_ADDRESS,
        required="Vul de gegevens in.",
    )
    note = text(
        label="Toelichting",
        help_text="Bijvoorbeeld: op werkdagen van 9.00 tot 17.00 uur.",
        limit=200,
    )
    position = number(label="Volgorde", help_text="Een lager getal staat hoger in de lijst.")

    @staticmethod
    def initial_for(channel: ContactChannel) -> dict[str, Any]:
        return {name: getattr(channel, name) for name in ChannelForm.base_fields}

    def arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {**data, "position": data.get("position") or 0}


def keyword_list(raw: str) -> list[str]:
    """One keyword or phrase per line; commas separate too."""
    return [word for word in re.split(r"[\n,]", raw) if word.strip()]


class TopicForm(BeheerForm):
    slug = text(
        label="Adres (slug)",
        help_text=(
            "Kleine letters, cijfers en streepjes, zoals huishoudelijke-hulp. Dit kan later "
            "niet meer veranderen."
        ),
        limit=50,
        required="Vul een adres in, zoals pgb.",
    )
    name = text(label="Onderwerp", limit=200, required="Vul de naam van het onderwerp in.")
    domain = choice(label="Domein", choices=Domain.choices, required="Kies een domein.")
    keywords = text(
        label="Zoekwoorden",
        help_text="De woorden die inwoners gebruiken. Eén per regel.",
        limit=limits.STAFF_TEXT,
        widget=formkit.textarea(rows=6),
    )
    description = text(
        label="Uitleg",
        help_text="Eén zin in eenvoudige woorden.",
        limit=limits.STAFF_TEXT,
        widget=formkit.textarea(rows=3),
    )

    def __init__(self, *args: Any, adding: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not adding:
            # The wegwijzer and the API link to a topic by its slug.
            del self.fields["slug"]

    def clean_slug(self) -> str:
        slug = str(self.cleaned_data["slug"])
        # /beheer/onderwerpen/nieuw is the page to add one.
        if slug == "nieuw":
            raise forms.ValidationError("Dit adres is al in gebruik. Kies een ander.")
        return slug

    @staticmethod
    def initial_for(topic: Topic) -> dict[str, Any]:
        return {
            "name": topic.name,
            "domain": topic.domain,
            "keywords": "\n".join(topic.keywords),
            "description": topic.description,
        }

    def arguments(self) -> dict[str, Any]:
        return {**self.cleaned_data, "keywords": keyword_list(self.cleaned_data["keywords"])}


class DecreeDayForm(BeheerForm):
    day = formkit.DateField(label="Dag", required_message="Vul de dag in.")
    decree = text(
        label="Besluit",
        help_text="Waar het besluit is gepubliceerd, zoals Stb. 2029, 123.",
        limit=200,
        required="Vul het besluit in, zoals Stb. 2029, 123.",
    )


class HistoryFilterForm(forms.Form):
    """GET parameters of the history. A value that does not fit shows everything."""

    gemeente = forms.ChoiceField(label="Gemeente", required=False, widget=formkit.select())

    def __init__(self, *args: Any, municipalities: Sequence[Municipality], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["gemeente"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Alle gemeenten"), *((m.code, m.name) for m in municipalities)]
        self._by_code = {m.code: m for m in municipalities}

    def municipality(self) -> Municipality | None:
        if not self.is_valid():
            return None
        return self._by_code.get(self.cleaned_data.get("gemeente") or "")


OVERSIGHT_CHOICES = [("", "Niet van toepassing: geen uitbesteed werk"), *Oversight.choices]


class ResponsibilityForm(BeheerForm):
    """Teams and organisations are chosen by slug; the choices are those of the municipality
    (the service checks again that they fit)."""

    domain = choice(label="Domein", choices=Domain.choices, required="Kies een domein.")
    topic = choice(
        label="Onderwerp",
        help_text="Leeg: voor het hele domein. Een onderwerp gaat voor het domein.",
        choices=[],
    )
    help_team = choice(label="Team dat helpt", choices=[])
    help_organisation = choice(label="Of: organisatie die helpt", choices=[])
    complaint_team = choice(label="Team dat klachten behandelt", choices=[])
    complaint_organisation = choice(label="Of: organisatie die klachten behandelt", choices=[])
    escalation_team = choice(
        label="Escalatie naar",
        help_text="Het team van de gemeente waar een klacht heen kan als het daar niet lukt.",
        choices=[],
    )
    support = checkboxes(label="Onafhankelijke hulp onderweg", choices=[])
    what_happens = text(
        label="Wat gebeurt er na het melden?",
        help_text="In eenvoudige woorden. Inwoners lezen dit in de wegwijzer.",
        limit=limits.STAFF_TEXT,
        widget=formkit.textarea(rows=4),
    )
    oversight = choice(
        label="Toezicht van de gemeente",
        help_text="Hoe ver de gemeente uitbesteed werk volgt, zoals raad of college besloot.",
        choices=OVERSIGHT_CHOICES,
    )
    decision_reference = text(label="Besluit (kenmerk)", limit=200)
    decision_date = formkit.DateField(label="Datum van het besluit", required=False)

    def __init__(
        self,
        *args: Any,
        teams: Sequence[Team],
        organisations: Sequence[Organisation],
        topics: Sequence[Topic],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._teams = {t.slug: t for t in teams}
        self._organisations = {o.slug: o for o in organisations}
        self._topics = {t.slug: t for t in topics}
        nobody = [("", "Niemand")]
        team_choices = [(t.slug, t.name) for t in teams]
        organisation_choices = [(o.slug, o.name) for o in organisations]
        self._choices("topic", [("", "Het hele domein"), *((t.slug, t.name) for t in topics)])
        for name in ("help_team", "complaint_team", "escalation_team"):
            self._choices(name, nobody + team_choices)
        for name in ("help_organisation", "complaint_organisation"):
            self._choices(name, nobody + organisation_choices)
        self._choices("support", organisation_choices)

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    @staticmethod
    def initial_for(responsibility: Responsibility) -> dict[str, Any]:
        def slug(row: Team | Organisation | Topic | None) -> str:
            return row.slug if row is not None else ""

        return {
            "domain": responsibility.domain,
            "topic": slug(responsibility.topic),
            "help_team": slug(responsibility.help_team),
            "help_organisation": slug(responsibility.help_organisation),
            "complaint_team": slug(responsibility.complaint_team),
            "complaint_organisation": slug(responsibility.complaint_organisation),
            "escalation_team": slug(responsibility.escalation_team),
            "support": [o.slug for o in responsibility.support.all()],
            "what_happens": responsibility.what_happens,
            "oversight": responsibility.oversight,
            "decision_reference": responsibility.decision_reference,
            "decision_date": responsibility.decision_date,
        }

    def values(self) -> ResponsibilityValues:
        data = self.cleaned_data
        decision_date: dt.date | None = data.get("decision_date")
        return ResponsibilityValues(
            domain=data["domain"],
            topic=self._topics.get(data.get("topic") or ""),
            help_team=self._teams.get(data.get("help_team") or ""),
            help_organisation=self._organisations.get(data.get("help_organisation") or ""),
            complaint_team=self._teams.get(data.get("complaint_team") or ""),
            complaint_organisation=self._organisations.get(
                data.get("complaint_organisation") or ""
            ),
            escalation_team=self._teams.get(data.get("escalation_team") or ""),
            support=tuple(self._organisations[s] for s in data.get("support") or []),
            what_happens=data.get("what_happens") or "",
            oversight=data.get("oversight") or "",
            decision_reference=data.get("decision_reference") or "",
            decision_date=decision_date,
        )
