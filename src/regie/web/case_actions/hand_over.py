"""Overdragen: give the case to another team, forward it to a provider or GR (it stays in the
register; the organisation accepts it), or take it back (`services.case_hand_over`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from regie.cases import services
from regie.cases.assignees import assignable_teams
from regie.cases.models import Case
from regie.directory.models import Organisation, Team
from regie.ui import formkit
from regie.ui.case_actions import ActionForm, ActionRequest, CaseAction, Offer
from regie.vocabulary import OUTSOURCED_KINDS


class HandOverForm(ActionForm):
    section_id = "overdragen"
    service_fields = {"team": "to", "organisation": "to", "reason": "hand_over_reason"}

    to = forms.ChoiceField(
        label="Naar wie?",
        widget=formkit.select(),
        error_messages={
            "required": "Kies een team of een organisatie.",
            "invalid_choice": "Kies een team of een organisatie uit de lijst.",
        },
    )
    hand_over_reason = formkit.staff_text(
        label="Waarom?",
        help_text="Deze reden staat in de tijdlijn. De organisatie leest hem ook.",
        required="Schrijf op waarom.",
    )

    def __init__(
        self, *args: Any, teams: list[Team], organisations: list[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._targets: dict[str, Team | Organisation] = {
            **{f"team-{t.pk}": t for t in teams},
            **{f"organisatie-{o.slug}": o for o in organisations},
        }
        field = self.fields["to"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", "Kies een team of een organisatie"),
            ("Teams van de gemeente", [(f"team-{t.pk}", t.name) for t in teams]),
            (
                "Aanbieders en gemeenschappelijke regelingen",
                [(f"organisatie-{o.slug}", o.name) for o in organisations],
            ),
        ]

    def clean_to(self) -> Team | Organisation:
        return self._targets[self.cleaned_data["to"]]


def _organisations(case: Case) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            kind__in=OUTSOURCED_KINDS, municipalities=case.municipality_id
        ).order_by("name")
    )


def _form(req: ActionRequest, data: Mapping[str, Any] | None) -> HandOverForm:
    case = req.case
    # The team the case is with is no choice, unless it is with an organisation now.
    teams = [
        t
        for t in assignable_teams(case)
        if t.pk != case.handling_team_id or case.handling_organisation_id
    ]
    organisations = [o for o in _organisations(case) if o.pk != case.handling_organisation_id]
    return HandOverForm(data, teams=teams, organisations=organisations)


def _execute(req: ActionRequest, data: dict[str, Any]) -> Case:
    to = data["to"]
    return services.case_hand_over(
        case=req.case,
        scope=req.scope,
        team=to if isinstance(to, Team) else None,
        organisation=to if isinstance(to, Organisation) else None,
        reason=data["hand_over_reason"],
        at=req.now,
    )


def _done(req: ActionRequest, case: Case) -> str:
    if case.handling_organisation is not None:
        return (
            f"{case.reference} is doorgestuurd naar {case.handling_organisation.name}. "
            "U ziet hier wanneer zij de zaak accepteren."
        )
    team = case.handling_team.name if case.handling_team else "het team"
    return f"{case.reference} ligt nu bij {team}."


def _context(req: ActionRequest, offer: Offer, form: ActionForm) -> dict[str, Any]:
    return {"with_organisation": req.case.handling_organisation}


ACTION = CaseAction(
    slug="overdragen",
    template="web/actions/hand_over.html",
    form=_form,
    check=services.case_hand_over_check,
    execute=_execute,
    done=_done,
    context=_context,
    column="side",
)
