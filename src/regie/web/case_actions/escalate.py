"""Escaleren: put the case higher up the internal ladder, teamleider → manager → doorbraak
(`services.case_escalate`), and at the doorbraak level record the exception to the rules that
was made (`services.case_record_exception`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.utils import timezone

from regie.cases import services
from regie.cases.models import Escalation
from regie.cases.services.escalation import TERM_WORKING_DAYS, current_escalation, escalation_due
from regie.ui import formkit
from regie.ui.case_actions import ActionForm, ActionRequest, CaseAction, Offer, long_date
from regie.vocabulary import EscalationLevel
from regie.web.choices import display_name

LEVEL_HELP = {
    EscalationLevel.TEAMLEIDER.value: "De teamleider kijkt mee en beslist wat het team kan doen.",
    EscalationLevel.MANAGER.value: (
        "De manager beslist over wat de teamleider niet kan: voorrang, capaciteit, een "
        "andere afdeling."
    ),
    EscalationLevel.DOORBRAAK.value: (
        "De doorbraakfunctie mag een uitzondering op de regels maken om het probleem van de "
        "inwoner op te lossen."
    ),
}


def _people_choices(people: list[User], empty: str) -> list[tuple[str, str]]:
    return [("", empty), *((str(u.pk), display_name(u)) for u in people)]


class EscalateForm(ActionForm):
    section_id = "escaleren"
    service_fields = {
        "level": "escalate_level",
        "reason": "escalate_reason",
        "assigned_to": "escalate_to",
    }

    escalate_level = forms.ChoiceField(
        label="Naar wie gaat de zaak?",
        choices=EscalationLevel.choices,
        error_messages={
            "required": "Kies naar wie de zaak gaat.",
            "invalid_choice": "Kies een van de niveaus hieronder.",
        },
    )
    escalate_reason = formkit.staff_text(
        label="Waarom moet de zaak hoger in de organisatie?",
        help_text=(
            "Komt in de tijdlijn en in het dossier voor de ombudsman. De indiener ziet dit niet."
        ),
        required="Schrijf op waarom de zaak hoger in de organisatie moet worden gelegd.",
    )
    escalate_to = forms.ChoiceField(
        label="Wie pakt het op?",
        required=False,
        widget=formkit.select(),
        error_messages={"invalid_choice": "Kies iemand uit de lijst."},
    )

    def __init__(
        self, *args: Any, levels: list[str], people: list[User], req: ActionRequest, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._people = {str(u.pk): u for u in people}
        today = timezone.localdate(req.now)
        descriptions = {
            level: f"{LEVEL_HELP[level]} Termijn: {TERM_WORKING_DAYS[level]} werkdagen, "
            f"uiterlijk {long_date(escalation_due(level, today).due)}."
            for level in levels
        }
        level_field = self.fields["escalate_level"]
        assert isinstance(level_field, forms.ChoiceField)
        level_field.widget = formkit.DescribedRadioSelect(descriptions)
        # Every level passes the form, so a level that is no longer open (a colleague was
        # first) gets the service's own reason; the page offers only the levels open now.
        level_field.widget.choices = [(lv, EscalationLevel(lv).label) for lv in levels]
        people_field = self.fields["escalate_to"]
        assert isinstance(people_field, forms.ChoiceField)
        people_field.choices = _people_choices(people, "Nog niet bekend")

    def clean_escalate_to(self) -> User | None:
        value = self.cleaned_data.get("escalate_to") or ""
        return self._people.get(value)


def _levels(req: ActionRequest) -> list[str]:
    try:
        return list(services.case_escalate_check(case=req.case, scope=req.scope, at=req.now))
    except (services.CaseError, services.PermissionRefused):
        return []


def _form(req: ActionRequest, data: Mapping[str, Any] | None) -> EscalateForm:
    return EscalateForm(
        data, levels=_levels(req), people=list(services.employees_of(req.case)), req=req
    )


def _execute(req: ActionRequest, data: dict[str, Any]) -> Escalation:
    return services.case_escalate(
        case=req.case,
        scope=req.scope,
        level=data["escalate_level"],
        reason=data["escalate_reason"],
        assigned_to=data.get("escalate_to"),
        at=req.now,
    )


def _context(req: ActionRequest, offer: Offer, form: ActionForm) -> dict[str, Any]:
    return {"current": current_escalation(req.case)}


ACTION = CaseAction(
    slug="escaleren",
    template="web/actions/escalate.html",
    form=_form,
    check=services.case_escalate_check,
    execute=_execute,
    done=lambda req, escalation: (
        f"De zaak ligt nu bij: {EscalationLevel(escalation.level).label.lower()}. "
        f"Termijn: uiterlijk {long_date(escalation.due)}."
    ),
    context=_context,
)


class ExceptionForm(ActionForm):
    section_id = "uitzondering"
    service_fields = {
        "exception": "exception_text",
        "cost_euros": "exception_cost",
        "decided_by": "exception_by",
    }

    exception_text = formkit.staff_text(
        label="Welke uitzondering op de regels is gemaakt?",
        help_text="Schrijf op welke regel opzij is gezet en wat de inwoner daardoor kreeg. "
        "Zo kan de gemeente leren welke regels inwoners in de weg zitten.",
        required="Schrijf op welke uitzondering op de regels is gemaakt.",
        rows=4,
    )
    exception_cost = forms.CharField(
        label="Wat kost de uitzondering? (in euro's)",
        help_text="Bijvoorbeeld 250 of 1250,50. Kost het niets, vul dan 0 in.",
        max_length=20,
        widget=formkit.text_input(inputmode="decimal", autocomplete="off"),
        error_messages={
            "required": "Vul in wat de uitzondering kost, in euro's. Kost het niets, vul 0 in.",
            "max_length": "Vul een bedrag in euro's in, bijvoorbeeld 250 of 1250,50.",
        },
    )
    exception_by = forms.ChoiceField(
        label="Wie heeft de uitzondering besloten?",
        widget=formkit.select(),
        error_messages={
            "required": "Kies wie de uitzondering heeft besloten.",
            "invalid_choice": "Kies iemand uit de lijst.",
        },
    )

    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._people = {str(u.pk): u for u in people}
        field = self.fields["exception_by"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = _people_choices(people, "Kies een medewerker")

    def clean_exception_cost(self) -> str:
        # Dutch amounts: "1.250,50" or "1250,50"; the service checks the number itself.
        value = str(self.cleaned_data["exception_cost"]).strip().replace("€", "").strip()
        if "," in value:
            value = value.replace(".", "").replace(",", ".")
        return value

    def clean_exception_by(self) -> User:
        return self._people[self.cleaned_data["exception_by"]]


def _exception_form(req: ActionRequest, data: Mapping[str, Any] | None) -> ExceptionForm:
    return ExceptionForm(data, people=list(services.employees_of(req.case)))


def _record_exception(req: ActionRequest, data: dict[str, Any]) -> Escalation:
    return services.case_record_exception(
        case=req.case,
        scope=req.scope,
        exception=data["exception_text"],
        cost_euros=data["exception_cost"],
        decided_by=data["exception_by"],
        at=req.now,
    )


EXCEPTION_ACTION = CaseAction(
    slug="uitzondering",
    template="web/actions/exception.html",
    form=_exception_form,
    check=services.case_record_exception_check,
    execute=_record_exception,
    done=lambda req, escalation: "De uitzondering staat in de tijdlijn.",
)
