"""Form building blocks shared by the public and staff pages.

Widgets carry the NL Design System (Utrecht) classes, so templates only lay fields out. Django
itself adds `aria-invalid` and `aria-describedby` (help text and error ids) to invalid fields;
`RegieForm` adds the error summary at the top of the page and turns a service's `CaseError`
into messages next to the right fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
TEXTAREA = "utrecht-textarea utrecht-textarea--html-textarea"
SELECT = "utrecht-select utrecht-select--html-select"
RADIO = "utrecht-radio-button utrecht-radio-button--html-input"
CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"


def text_input(**attrs: Any) -> forms.TextInput:
    return forms.TextInput(attrs={"class": TEXTBOX, **attrs})


def email_input(**attrs: Any) -> forms.EmailInput:
    return forms.EmailInput(attrs={"class": TEXTBOX, "autocomplete": "email", **attrs})


def tel_input(**attrs: Any) -> forms.TextInput:
    # type=tel gives the phone keypad on a phone; validation stays lenient on purpose, as
    # people write numbers in many ways and a staff member will call back anyway.
    widget = forms.TextInput(attrs={"class": TEXTBOX, "autocomplete": "tel", **attrs})
    widget.input_type = "tel"
    return widget


def textarea(rows: int = 8, **attrs: Any) -> forms.Textarea:
    return forms.Textarea(attrs={"class": TEXTAREA, "rows": rows, **attrs})


def select(**attrs: Any) -> forms.Select:
    return forms.Select(attrs={"class": SELECT, **attrs})


def radios(**attrs: Any) -> forms.RadioSelect:
    return forms.RadioSelect(attrs={"class": RADIO, **attrs})


def checkbox(**attrs: Any) -> forms.CheckboxInput:
    return forms.CheckboxInput(attrs={"class": CHECKBOX, **attrs})


@dataclass(frozen=True)
class SummaryItem:
    anchor: str
    message: str


class RegieForm(forms.Form):
    # No `required` attributes: the browser's own bubbles are in its language and style and
    # would mark empty fields red before anyone typed. The server answers, in Dutch, with
    # the error summary; optional fields say "(niet verplicht)".
    use_required_attribute = False

    # Service error keys (e.g. "submitter.name") → form field names. Unknown keys become
    # errors for the whole form, so nothing the service says is ever dropped.
    service_fields: Mapping[str, str] = {}
    # Service messages rewritten for this audience (the services address the resident).
    service_messages: Mapping[str, str] = {}

    def add_service_errors(self, errors: Mapping[str, str]) -> None:
        for key, message in errors.items():
            field = self.service_fields.get(key, key if key in self.fields else None)
            text = self.service_messages.get(key, message)
            if field is not None and field in self.fields:
                self.add_error(field, text)
            else:
                self.add_error(None, text)

    def error_summary(self) -> list[SummaryItem]:
        """The GOV.UK / NL Design System error summary: every message, linking to its field,
        in the order the fields appear on the page."""
        items = [SummaryItem(anchor="", message=str(m)) for m in self.non_field_errors()]
        for bound in self:
            for message in bound.errors:
                items.append(SummaryItem(anchor=field_anchor(bound), message=str(message)))
        return items


def field_anchor(bound: forms.BoundField) -> str:
    """The id the summary links to: the first option of a radio group, else the input."""
    if isinstance(bound.field.widget, forms.RadioSelect):
        return f"{bound.auto_id}_0"
    return str(bound.id_for_label or bound.auto_id)


class DescribedRadioSelect(forms.RadioSelect):
    """Radio buttons that each carry a short explanation, tied to the input with
    aria-describedby so a screen reader reads it with the option."""

    def __init__(self, descriptions: Mapping[str, str], attrs: dict[str, Any] | None = None):
        super().__init__(attrs={"class": RADIO, **(attrs or {})})
        self.descriptions = dict(descriptions)

    def create_option(
        self,
        name: str,
        value: Any,
        label: Any,
        selected: Any,
        index: int,
        subindex: int | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        description = self.descriptions.get(str(value), "")
        option["description"] = description
        if description and option["attrs"].get("id"):
            option["attrs"]["aria-describedby"] = f"{option['attrs']['id']}_description"
        return option
