"""Toewijzen: give the case to a team and/or a colleague (`services.case_assign`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.contrib.auth.models import User

from regie.cases import services
from regie.cases.assignees import assignable_handlers, assignable_teams
from regie.cases.models import Case
from regie.directory.models import Team
from regie.ui import formkit
from regie.ui.case_actions import ActionForm, ActionRequest, CaseAction, Offer
from regie.web.choices import display_name


class AssignForm(ActionForm):
    section_id = "toewijzen"

    team = forms.ChoiceField(label="Team", required=False, widget=formkit.select())
    handler = forms.ChoiceField(label="Behandelaar", required=False, widget=formkit.select())

    def __init__(
        self, *args: Any, case: Case, teams: list[Team], handlers: list[User], **kwargs: Any
    ) -> None:
        kwargs.setdefault(
            "initial", {"team": case.handling_team_id or "", "handler": case.handler_id or ""}
        )
        super().__init__(*args, **kwargs)
        self._teams = {str(t.pk): t for t in teams}
        self._handlers = {str(u.pk): u for u in handlers}
        team_field = self.fields["team"]
        handler_field = self.fields["handler"]
        assert isinstance(team_field, forms.ChoiceField)
        assert isinstance(handler_field, forms.ChoiceField)
        # The service keeps what is not chosen, so the empty option means "leave as it is".
        team_field.choices = [
            ("", "Niet wijzigen" if case.handling_team_id else "Kies een team"),
            *((str(t.pk), t.name) for t in teams),
        ]
        handler_field.choices = [
            ("", "Niet wijzigen" if case.handler_id else "Kies een behandelaar"),
            *((str(u.pk), display_name(u)) for u in handlers),
        ]
        team_field.error_messages["invalid_choice"] = "Kies een team uit de lijst."
        handler_field.error_messages["invalid_choice"] = "Kies een behandelaar uit de lijst."

    def offers_handler(self, user_id: int) -> bool:
        return str(user_id) in self._handlers

    def clean_team(self) -> Team | None:
        value = self.cleaned_data.get("team") or ""
        return self._teams[value] if value else None

    def clean_handler(self) -> User | None:
        value = self.cleaned_data.get("handler") or ""
        return self._handlers[value] if value else None


def _form(req: ActionRequest, data: Mapping[str, Any] | None) -> AssignForm:
    teams = list(assignable_teams(req.case))
    # The people on offer are those who may take the case with the team chosen in this same
    # post (or its own team): the service's own answer, so the list never offers a refusal.
    chosen = str((data or {}).get("team") or "")
    team = next((t for t in teams if str(t.pk) == chosen), None)
    handlers = assignable_handlers(req.case, team=team)
    return AssignForm(data, case=req.case, teams=teams, handlers=handlers)


def _execute(req: ActionRequest, data: dict[str, Any]) -> Case:
    return services.case_assign(
        case=req.case, scope=req.scope, team=data["team"], handler=data["handler"], at=req.now
    )


def _done(req: ActionRequest, updated: Case) -> str:
    who = display_name(updated.handler) or (
        updated.handling_team.name if updated.handling_team else ""
    )
    return f"{updated.reference} is toegewezen aan {who}."


def _context(req: ActionRequest, offer: Offer, form: ActionForm) -> dict[str, Any]:
    assert isinstance(form, AssignForm)
    return {"can_take": form.offers_handler(req.user.pk) and req.case.handler_id != req.user.pk}


ACTION = CaseAction(
    slug="toewijzen",
    template="web/actions/assign.html",
    form=_form,
    check=services.case_assign_check,
    execute=_execute,
    done=_done,
    context=_context,
    column="side",
)
