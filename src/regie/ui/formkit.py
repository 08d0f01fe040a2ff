"""Form building blocks shared by the public and staff pages.

Widgets carry the NL Design System (Utrecht) classes, so templates only lay fields out. Django
itself adds `aria-invalid` and `aria-describedby` (help text and error ids) to invalid fields;
`RegieForm` adds the error summary at the top of the page and turns a service's `CaseError`
into messages next to the right fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from regie import limits

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


def staff_text(
    *, label: str, help_text: str, required: str, rows: int = 3, too_long: str = ""
) -> forms.CharField:
    """Free text a staff member writes for the timeline, with the write path's length limit."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=limits.STAFF_TEXT,
        widget=textarea(rows=rows),
        error_messages={
            "required": required,
            "max_length": too_long
            or f"Schrijf hooguit {limits.dutch_number(limits.STAFF_TEXT)} tekens.",
        },
    )


def date_input(**attrs: Any) -> forms.DateInput:
    # The browser's date picker sends ISO dates whatever language it shows.
    return forms.DateInput(attrs={"class": TEXTBOX, "type": "date", **attrs}, format="%Y-%m-%d")


def time_input(**attrs: Any) -> forms.TimeInput:
    return forms.TimeInput(attrs={"class": TEXTBOX, "type": "time", **attrs}, format="%H:%M")


class Select(forms.Select):
    """Django's Select, written out in Python instead of through three templates per option.

    The output is Django's to the character (tests/ui/test_select_widget.py compares them),
    so labels, `aria-invalid` and `aria-describedby` come out as before. Why: the worklist's
    five filter lists cost more time than its fifty rows (bench/scale.py)."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts: list[str] = [
            format_html('<select name="{}"{}>', widget["name"], _attributes(widget["attrs"]))
        ]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        str(option["value"]),
                        _attributes(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # every part above is escaped by format_html


def _attributes(attrs: Mapping[str, Any]) -> SafeString:
    """As django/forms/widgets/attrs.html: False leaves an attribute out, True writes its
    name alone."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


def select(**attrs: Any) -> forms.Select:
    return Select(attrs={"class": SELECT, **attrs})


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


# What a date picker sends, and what a person types where the browser shows a plain text box.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATE_INVALID = "Vul een bestaande datum in, zoals 24-03-2026."
TIME_INVALID = "Vul een tijd in, zoals 14:30."
TIME_SKIPPED = (
    "Dit tijdstip bestaat niet: die nacht ging de klok een uur vooruit (zomertijd). "
    "Kies een andere tijd."
)
# Outside these years a date is a typing error, and the time-zone arithmetic of a moment in
# year 1 or 9999 overflows; refusing them here keeps a typo from becoming a 500.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2999, 12, 31)


class DateField(forms.DateField):
    """A calendar date: ISO (from a date picker) or dd-mm-jjjj, nothing guessed."""

    def __init__(self, *, required_message: str = "Vul een datum in.", **kwargs: Any) -> None:
        kwargs.setdefault("widget", date_input())
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault("error_messages", {"required": required_message, "invalid": DATE_INVALID})
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        day = super().to_python(value)
        if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return day


class TimeField(forms.TimeField):
    """A time of day in hours and minutes (seconds are accepted and kept)."""

    def __init__(self, *, required_message: str = "Vul een tijd in.", **kwargs: Any) -> None:
        kwargs.setdefault("widget", time_input())
        kwargs.setdefault("input_formats", TIME_INPUT_FORMATS)
        kwargs.setdefault("error_messages", {"required": required_message, "invalid": TIME_INVALID})
        super().__init__(**kwargs)


def today() -> dt.date:
    """Today in Dutch time (settings.TIME_ZONE), as an initial value for date fields."""
    return timezone.localdate()


def now_to_the_minute() -> dt.time:
    """The time now in Dutch time, as an initial value for time fields."""
    return timezone.localtime().time().replace(second=0, microsecond=0)


def dutch_moment(day: dt.date, time: dt.time) -> dt.datetime | None:
    """The aware moment of a wall-clock date and time in Dutch time (settings.TIME_ZONE).

    None for a time the clock skipped when summer time began. In the hour that occurs twice
    in autumn the first (summer-time) one is taken.
    """
    zone = timezone.get_default_timezone()
    naive = dt.datetime.combine(day, time)
    aware = naive.replace(tzinfo=zone)
    if aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != naive:
        return None
    return aware
