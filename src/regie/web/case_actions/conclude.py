"""Afhandelen: close a case with its outcome, informal resolution first
(`services.case_conclude`). A complaint is judged per element (Awb 9:12): a fixed set of rows
(no JavaScript needed), each with the element, the judgement, the behoorlijkheidsnorm, the
reasons and what will be done; empty rows are ignored. Not handling a complaint (9:8) is its
own action, with its ground (`refuse.py`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from regie.cases import services
from regie.cases.models import Case
from regie.documents import services as letters
from regie.ui import formkit
from regie.ui.case_actions import ActionRequest, CaseAction
from regie.ui.case_forms import ConcludeForm, outcome_label, outcomes_for
from regie.vocabulary import NORM_GROUPS, Judgement, Kind, LetterKind, Outcome

# How many element rows the page offers. A complaint with more elements is rare; the handler
# can then group them.
ROWS = 3
ROW_FIELDS = ("element", "judgement", "norm", "reasons", "measures")


def norm_choices() -> list[tuple[str, Any]]:
    """The 22 norms of the behoorlijkheidswijzer, grouped as the ombudsman groups them (the
    select shows each group as an <optgroup>)."""
    return [
        ("", "Geen norm gekozen"),
        *((group, [(n.value, n.label) for n in norms]) for group, norms in NORM_GROUPS.items()),
    ]


def _text(label: str, help_text: str, rows: int) -> forms.CharField:
    field = formkit.staff_text(label=label, help_text=help_text, required="", rows=rows)
    field.required = False  # an empty row is ignored; the service says what a row needs
    return field


class JudgedConcludeForm(ConcludeForm):
    """The conclusion form of the staff page; for a complaint with the judgement rows."""

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, kind=kind, **kwargs)
        self.complaint = kind == Kind.KLACHT
        self.service_fields = {**self.service_fields, "judgements": "element_1"}
        if not self.complaint:
            return
        field = self.fields["outcome"]
        assert isinstance(field, forms.ChoiceField)
        # Not handling a complaint needs its ground and its term: the action Niet behandelen.
        field.choices = [
            (o.value, o.label) for o in outcomes_for(kind) if o != Outcome.NIET_BEHANDELD
        ]
        for row in range(1, ROWS + 1):
            self.fields[f"element_{row}"] = _text(
                "Klachtonderdeel", "Waar gaat dit deel van de klacht over?", rows=2
            )
            self.fields[f"judgement_{row}"] = forms.ChoiceField(
                label="Oordeel",
                choices=[("", "Kies een oordeel"), *Judgement.choices],
                required=False,
                widget=formkit.select(),
                error_messages={"invalid_choice": "Kies een oordeel uit de lijst."},
            )
            self.fields[f"norm_{row}"] = forms.ChoiceField(
                label="Behoorlijkheidsnorm",
                help_text="Welke norm van de ombudsman raakt dit onderdeel?",
                choices=norm_choices(),
                required=False,
                widget=formkit.select(),
                error_messages={"invalid_choice": "Kies een norm uit de lijst."},
            )
            self.fields[f"reasons_{row}"] = _text(
                "Waarom dit oordeel?", "Wat u heeft vastgesteld, en waarom.", rows=3
            )
            self.fields[f"measures_{row}"] = _text(
                "Wat gaat de gemeente doen?", "Bijvoorbeeld excuses, of een verandering.", rows=2
            )

    def has_field_errors(self) -> bool:
        """A message at a field: the fields are shown again, also when the case is no longer
        open (a message about the case as a whole is not enough to show them)."""
        return any(bound.errors for bound in self)

    def rows(self) -> list[list[forms.BoundField]]:
        """The element rows, for the template: one fieldset each."""
        return [[self[f"{name}_{row}"] for name in ROW_FIELDS] for row in range(1, ROWS + 1)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        judgements: list[dict[str, str]] = []
        mapping = dict(self.service_fields)
        for row in range(1, ROWS + 1):
            values = {name: (data.get(f"{name}_{row}") or "").strip() for name in ROW_FIELDS}
            if not any(values.values()):
                continue  # an empty row
            index = len(judgements)
            for name in ROW_FIELDS:
                mapping[f"judgements[{index}].{name}"] = f"{name}_{row}"
            mapping[f"judgements[{index}]"] = f"element_{row}"
            judgements.append(values)
        self.service_fields = mapping
        data["judgements"] = judgements
        return data


def _form(req: ActionRequest, data: Mapping[str, Any] | None) -> JudgedConcludeForm:
    return JudgedConcludeForm(data, kind=req.case.kind)


def _execute(req: ActionRequest, data: dict[str, Any]) -> Case:
    return services.case_conclude(
        case=req.case,
        scope=req.scope,
        outcome=data["outcome"],
        summary=data["conclusion"],
        judgements=data.get("judgements", []),
        at=req.now,
    )


def _done(req: ActionRequest, closed: Case) -> str:
    """The outcome, and for a complaint the next duty: the written answer (Awb 9:12)."""
    said = f"{closed.reference} is afgehandeld. Uitkomst: {outcome_label(closed.outcome)}."
    judged = closed.outcome in (Outcome.GEGROND, Outcome.DEELS_GEGROND, Outcome.ONGEGROND)
    reachable = closed.submitter_email or closed.submitter_street
    if judged and reachable and not letters.letter_problem(closed, LetterKind.CONCLUSIE):
        said += " Stuur de indiener nu de brief met het oordeel (Brief maken)."
    return said


ACTION = CaseAction(
    slug="afhandelen",
    template="web/actions/conclude.html",
    form=_form,
    check=services.case_conclude_check,
    execute=_execute,
    done=_done,
)
