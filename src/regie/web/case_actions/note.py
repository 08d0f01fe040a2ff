"""Notitie: an internal note on the timeline (`services.case_add_note`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from regie.cases import services
from regie.cases.models import Event
from regie.ui import formkit
from regie.ui.case_actions import ActionForm, ActionRequest, CaseAction


class NoteForm(ActionForm):
    section_id = "notitie"

    text = formkit.staff_text(
        label="Interne notitie",
        help_text="Alleen zichtbaar voor medewerkers. De inwoner ziet dit nooit.",
        required="Schrijf eerst een notitie.",
        too_long="Een notitie mag hooguit 10.000 tekens hebben.",
        rows=4,
    )
    note_shareable = forms.BooleanField(
        label="Mag gedeeld worden met de ombudsman",
        help_text="Alleen aanvinken als deze notitie in het dossier voor de ombudsman mag.",
        required=False,
        widget=formkit.checkbox(),
    )


def _form(req: ActionRequest, data: Mapping[str, Any] | None) -> NoteForm:
    return NoteForm(data)


def _execute(req: ActionRequest, data: dict[str, Any]) -> Event:
    return services.case_add_note(
        case=req.case,
        scope=req.scope,
        text=data["text"],
        shareable=bool(data.get("note_shareable")),
        at=req.now,
    )


ACTION = CaseAction(
    slug="notitie",
    template="web/actions/note.html",
    form=_form,
    check=services.case_add_note_check,
    execute=_execute,
    done=lambda req, _: "Uw notitie staat in de tijdlijn.",
    column="side",
)
