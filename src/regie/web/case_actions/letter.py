"""Brief maken: write one of the letters that fit the case now, from the municipality's
template (`regie.documents.services.letter_send`). With an e-mail address it is mailed; without
one it is a PDF/A to print and post to the resident's address."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from regie.documents import services as letters
from regie.documents.models import Letter
from regie.ui import formkit
from regie.ui.case_actions import ActionForm, ActionRequest, CaseAction, Offer
from regie.vocabulary import LetterKind


class LetterForm(ActionForm):
    section_id = "brief"
    service_fields = {"kind": "kind"}

    kind = forms.ChoiceField(
        label="Welke brief?",
        widget=formkit.radios(),
        error_messages={
            "required": "Kies welke brief u wilt maken.",
            "invalid_choice": "Kies een brief uit de lijst.",
        },
    )

    def __init__(self, *args: Any, kinds: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(k, LetterKind(k).label) for k in kinds]


def _form(req: ActionRequest, data: Mapping[str, Any] | None) -> LetterForm:
    kinds = letters.fitting_kinds(req.case)
    posted = data.get("kind") if data is not None else None
    if posted in LetterKind.values and posted not in kinds:
        # A letter that no longer fits (or never did) goes to the service, which says why.
        kinds = [k for k in LetterKind.values if k in kinds or k == posted]
    initial = {"kind": kinds[-1]} if kinds else {}
    return LetterForm(data, kinds=kinds, initial=initial)


def _execute(req: ActionRequest, data: dict[str, Any]) -> Letter:
    return letters.letter_send(case=req.case, scope=req.scope, kind=data["kind"], at=req.now)


def _done(req: ActionRequest, letter: Letter) -> str:
    label = LetterKind(letter.kind).label
    if letter.channel == Letter.Channel.EMAIL:
        return f"De brief '{label}' is per e-mail verstuurd naar {letter.recipient_email}."
    address = letter.recipient_address.replace("\n", ", ")
    return (
        f"De brief '{label}' is klaar. Download de PDF onder 'Brieven', print hem en stuur hem "
        f"naar {address}."
    )


def _context(req: ActionRequest, offer: Offer, form: ActionForm) -> dict[str, Any]:
    return {"by_email": bool(req.case.submitter_email)}


ACTION = CaseAction(
    slug="brief",
    template="web/actions/letter.html",
    form=_form,
    check=letters.letter_send_check,
    execute=_execute,
    done=_done,
    context=_context,
    column="side",
)
