"""The wegwijzer's question: a GET form, so a result can be bookmarked, shared and reloaded,
and the page works without JavaScript."""

from __future__ import annotations

from typing import Any

from django import forms

from regie.directory.models import Municipality, Topic
from regie.directory.wegwijzer import QUESTION_MAX, Question
from regie.ui import formkit
from regie.vocabulary import Domain, Kind

# The same four choices, in the same words, as the first question of /melden.
KIND_CHOICES = [
    (Kind.KLACHT.value, "Ik wil een klacht indienen"),
    (Kind.HULPVRAAG.value, "Ik heb hulp nodig"),
    (Kind.MELDING.value, "Ik maak me zorgen over iemand"),
    (Kind.SIGNAAL.value, "Ik wil een probleem melden"),
]
# The selector's field names → this form's.
QUESTION_FIELDS = {"q": "vraag", "topic": "onderwerp", "domain": "domein"}
NOTHING_ASKED = "Schrijf in een paar woorden waar het over gaat, of kies een onderwerp."


class WegwijzerForm(formkit.RegieForm):
    service_fields = QUESTION_FIELDS

    gemeente = forms.ChoiceField(
        label="Uw gemeente",
        widget=formkit.select(),
        error_messages={
            "required": "Kies uw gemeente.",
            "invalid_choice": "Kies een gemeente uit de lijst.",
        },
    )
    vraag = forms.CharField(
        label="Waar gaat het over?",
        help_text=(
            "Schrijf in uw eigen woorden wat er aan de hand is. Bijvoorbeeld: mijn "
            "huishoudelijke hulp komt steeds niet. Schrijf hier geen namen."
        ),
        max_length=QUESTION_MAX,
        required=False,
        widget=formkit.textarea(rows=3),
        error_messages={
            "max_length": (
                f"Uw tekst is te lang. Gebruik hooguit {QUESTION_MAX} tekens (u gebruikt er nu "
                "%(show_value)d)."
            ),
            "null_characters_not_allowed": (
                "Uw tekst bevat een onzichtbaar teken. Typ de tekst opnieuw in plaats van hem "
                "te plakken."
            ),
        },
    )
    onderwerp = forms.ChoiceField(
        label="Of kies een onderwerp",
        required=False,
        widget=formkit.select(),
        error_messages={"invalid_choice": "Kies een onderwerp uit de lijst."},
    )
    soort = forms.ChoiceField(
        label="Wat wilt u doen?",
        help_text="Dan vullen wij dat alvast voor u in als u het hier meldt.",
        choices=KIND_CHOICES,
        required=False,
        widget=formkit.radios(),
        error_messages={"invalid_choice": 'Kies een van de mogelijkheden bij "Wat wilt u doen?".'},
    )
    # Links may ask for a whole domain (?domein=jeugd); it is not a question on the page.
    domein = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        municipalities: list[Municipality],
        topics: list[tuple[str, str, list[Topic]]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._municipalities = {m.code: m for m in municipalities}
        municipality_field = self.fields["gemeente"]
        assert isinstance(municipality_field, forms.ChoiceField)
        options = [(m.code, m.name) for m in municipalities]
        if len(options) == 1:
            # One municipality: nothing to choose, so choose it.
            municipality_field.choices = options
            municipality_field.initial = options[0][0]
        else:
            municipality_field.choices = [("", "Kies uw gemeente"), *options]
        topic_field = self.fields["onderwerp"]
        assert isinstance(topic_field, forms.ChoiceField)
        # One group per domain, so a resident who does not know the word can browse.
        topic_field.choices = [
            ("", "Kies een onderwerp"),
            *((words, [(t.slug, t.name) for t in group]) for _, words, group in topics),
        ]

    def clean_gemeente(self) -> Municipality:
        return self._municipalities[self.cleaned_data["gemeente"]]

    def clean_domein(self) -> str:
        # An unknown domain in a link is ignored rather than shown as an error about a field
        # the resident cannot see.
        value = str(self.cleaned_data.get("domein") or "")
        return value if value in Domain.values else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        asked = (data.get("vraag") or "").strip() or data.get("onderwerp") or data.get("domein")
        if not asked and "vraag" not in self.errors:
            self.add_error("vraag", NOTHING_ASKED)
        return data

    def question(self) -> Question:
        data = self.cleaned_data
        return Question(
            q=data.get("vraag") or "",
            domain=data.get("domein") or "",
            topic=data.get("onderwerp") or "",
        )
