"""Klacht over een medewerker: record whose conduct a complaint is about, so that person
never handles it (Awb 9:7, `services.case_name_employee`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib.auth.models import User

from regie.cases import services
from regie.cases.models import Case
from regie.ui import formkit
from regie.ui.case_actions import ActionForm, ActionRequest, CaseAction
from regie.web.choices import display_name


class EmployeeForm(ActionForm):
    section_id = "medewerker"

    employee = forms.ChoiceField(
        label="Over welke medewerker gaat de klacht?",
        help_text="Deze persoon kan de klacht dan niet behandelen.",
        widget=formkit.select(),
        error_messages={
            "required": "Kies de medewerker over wie de klacht gaat.",
            "invalid_choice": "Kies een medewerker uit de lijst.",
        },
    )

    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._people = {str(u.pk): u for u in people}
        field = self.fields["employee"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", "Kies een medewerker"),
            *((str(u.pk), display_name(u)) for u in people),
        ]

    def clean_employee(self) -> User:
        return self._people[self.cleaned_data["employee"]]


def _form(req: ActionRequest, data: Mapping[str, Any] | None) -> EmployeeForm:
    return EmployeeForm(data, people=list(services.employees_of(req.case)))


def _execute(req: ActionRequest, data: dict[str, Any]) -> Case:
    return services.case_name_employee(
        case=req.case, scope=req.scope, employee=data["employee"], at=req.now
    )


ACTION = CaseAction(
    slug="medewerker",
    template="web/actions/employee.html",
    form=_form,
    check=services.case_name_employee_check,
    execute=_execute,
    done=lambda req, case: (
        f"Vastgelegd: de klacht gaat over {display_name(case.employee_concerned)}. "
        "Deze persoon kan de klacht niet behandelen."
    ),
    column="side",
)
