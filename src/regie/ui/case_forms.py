"""Forms of case actions that more than one face offers: the municipality's staff pages and
the provider portal record contact and conclude a case through the same services, with the
same questions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from regie.ui import formkit
from regie.ui.case_actions import ActionForm
from regie.vocabulary import COMPLAINT_OUTCOMES, OTHER_OUTCOMES, Kind, Outcome

# The order the outcomes are offered in: informal resolution first, the route the ombudsman
# wants as the normal one (Awb 9:5); then the Awb judgements; what hands the case on last.
OUTCOME_ORDER = (
    Outcome.OPGELOST,
    Outcome.GEGROND,
    Outcome.DEELS_GEGROND,
    Outcome.ONGEGROND,
    Outcome.NIET_BEHANDELD,
    Outcome.AFGEROND,
    Outcome.DOORVERWEZEN,
)


def outcomes_for(kind: str) -> list[Outcome]:
    """The outcomes that fit a case of this kind, in the order the page offers them. The sets
    are the service's own, so the form never offers what `case_conclude` refuses."""
    allowed = COMPLAINT_OUTCOMES if kind == Kind.KLACHT else OTHER_OUTCOMES
    ordered = [o for o in OUTCOME_ORDER if o in allowed]
    return ordered + sorted(o for o in allowed if o not in ordered)


def outcome_label(outcome: str) -> str:
    try:
        return str(Outcome(outcome).label)
    except ValueError:
        return outcome


class ContactForm(ActionForm):
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
        data["at"] = self.moment(data, "contact_date", "contact_time")
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


class ConcludeForm(ActionForm):
    """Only the outcomes that fit the kind are offered, informal resolution first; for a
    complaint that is the normal first route (Awb 9:5)."""

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

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        complaint = kind == Kind.KLACHT
        descriptions: Mapping[str, str] = {
            **{str(k): v for k, v in OUTCOME_HELP.items()},
            Outcome.OPGELOST.value: RESOLVED_HELP[complaint],
        }
        field = self.fields["outcome"]
        assert isinstance(field, forms.ChoiceField)
        field.widget = formkit.DescribedRadioSelect(descriptions)
        field.choices = [(o.value, o.label) for o in outcomes_for(kind)]  # also the widget's
