"""formkit.Select writes what Django's template-rendered Select writes, to the character."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms

from regie.ui import formkit

CHOICES: list[Any] = [
    ("", "Alle soorten"),
    ("klacht", "Klacht"),
    ("a&b", 'Met "tekens" & <haken>'),
    (
        "Groep <1>",
        [("x", "Optie x"), (3, "Getal drie")],
    ),
    ("laatste", "Laatste"),
]


def both(value: Any, attrs: dict[str, Any] | None = None, **widget_attrs: Any) -> tuple[str, str]:
    ours = formkit.Select(attrs={"class": formkit.SELECT, **widget_attrs}, choices=CHOICES)
    django = forms.Select(attrs={"class": formkit.SELECT, **widget_attrs}, choices=CHOICES)
    return (
        ours.render("soort", value, attrs=attrs),
        django.render("soort", value, attrs=attrs),
    )


@pytest.mark.parametrize("value", ["", "klacht", "a&b", "x", 3, "3", None, "onbekend"])
def test_same_html_for_every_selected_value(value: Any) -> None:
    ours, django = both(value, attrs={"id": "id_soort"})
    assert ours == django


def test_same_html_with_the_attributes_of_an_invalid_field() -> None:
    attrs = {
        "id": "id_soort",
        "aria-invalid": "true",
        "aria-describedby": "id_soort_helptext id_soort_error",
        "required": True,
        "disabled": False,
    }
    ours, django = both("klacht", attrs=attrs, title='Kies "iets"')
    assert ours == django
    assert 'aria-invalid="true"' in ours
    assert " required" in ours
    assert "disabled" not in ours


def test_same_html_through_a_bound_form_with_an_error() -> None:
    class Ours(forms.Form):
        soort = forms.ChoiceField(choices=CHOICES, widget=formkit.select(), help_text="Uitleg")

    class Djangos(forms.Form):
        soort = forms.ChoiceField(
            choices=CHOICES,
            widget=forms.Select(attrs={"class": formkit.SELECT}),
            help_text="Uitleg",
        )

    ours, django = Ours({"soort": "nee"}), Djangos({"soort": "nee"})
    assert not ours.is_valid()
    assert not django.is_valid()
    assert str(ours["soort"]) == str(django["soort"])
    assert 'aria-invalid="true"' in str(ours["soort"])
