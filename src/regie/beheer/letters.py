"""A municipality's letters (/beheer/gemeenten/<code>/brieven): the wording of each letter of
the complaint procedure, Regie's default or the municipality's own, with a preview of an
example case before saving and a way back to the default text.

The write path is `regie.documents.services` (`template_save`, `template_reset`); every change
is in the change history, like every other change in Beheer.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regie.beheer.access import administration, municipality_or_404
from regie.beheer.saving import NOTHING_CHANGED, attempt
from regie.directory.models import Municipality
from regie.documents import defaults, rendering
from regie.documents import services as letters
from regie.documents.models import LetterTemplate
from regie.ui import formkit
from regie.vocabulary import LetterKind

PREVIEW = "voorbeeld"
SAVE = "opslaan"


class LetterTemplateForm(formkit.RegieForm):
    subject = forms.CharField(
        label="Onderwerp",
        help_text="Staat boven de brief en in de onderwerpregel van de e-mail.",
        max_length=letters.SUBJECT_LIMIT,
        widget=formkit.text_input(),
        error_messages={
            "required": "Vul het onderwerp van de brief in.",
            "max_length": f"Schrijf hooguit {letters.SUBJECT_LIMIT} tekens.",
            "null_characters_not_allowed": "Deze tekst bevat een onzichtbaar teken (NUL).",
        },
    )
    body = forms.CharField(
        label="Tekst van de brief",
        help_text=(
            "Een witregel begint een nieuwe alinea. Een korte eerste regel zonder punt wordt "
            "een kopje. Gebruik de invulplekken hieronder, zoals {naam}."
        ),
        max_length=letters.BODY_LIMIT,
        strip=False,
        widget=formkit.textarea(rows=22),
        error_messages={
            "required": "Vul de tekst van de brief in.",
            "max_length": f"Schrijf hooguit {letters.BODY_LIMIT} tekens.",
            "null_characters_not_allowed": "Deze tekst bevat een onzichtbaar teken (NUL).",
        },
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "subject" in data and "body" in data:
            problems = letters.template_problems_of(self.kind, data["subject"], data["body"])
            for field, message in problems.items():
                self.add_error(field, message)
        return data


def _kind_or_404(kind: str) -> str:
    if kind not in LetterKind.values:
        raise Http404("Niet gevonden")
    return kind


@login_required
@require_GET
def letter_list(request: HttpRequest, code: str) -> HttpResponse:
    municipality = municipality_or_404(administration(request), code)
    own = {t.kind: t for t in LetterTemplate.objects.filter(municipality=municipality)}
    rows = [(kind, label, own.get(kind)) for kind, label in LetterKind.choices]
    context = {"nav": "beheer", "municipality": municipality, "rows": rows}
    return render(request, "beheer/letters.html", context)


def _page(
    request: HttpRequest,
    municipality: Municipality,
    kind: str,
    form: LetterTemplateForm,
    own: LetterTemplate | None,
    preview: rendering.Written | None = None,
) -> HttpResponse:
    placeholders = [(name, defaults.PLACEHOLDERS[name]) for name in defaults.ALLOWED[kind]]
    context = {
        "nav": "beheer",
        "municipality": municipality,
        "kind": kind,
        "kind_label": LetterKind(kind).label,
        "form": form,
        "own": own,
        "placeholders": placeholders,
        "preview": preview,
        "preview_date": rendering.letter_date(preview.date) if preview else "",
        "sender": rendering.sender_lines(municipality) if preview else [],
    }
    return render(request, "beheer/letter.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def letter_page(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    admin = administration(request)
    municipality = municipality_or_404(admin, code)
    kind = _kind_or_404(kind)
    subject, body, own = rendering.template_for(municipality, kind)
    if request.method == "GET":
        form = LetterTemplateForm(initial={"subject": subject, "body": body}, kind=kind)
        return _page(request, municipality, kind, form, own)

    form = LetterTemplateForm(request.POST, kind=kind)
    if request.POST.get("actie") == PREVIEW:
        preview = None
        if form.is_valid():
            preview = rendering.example_letter(
                municipality,
                kind,
                form.cleaned_data["subject"],
                form.cleaned_data["body"],
                timezone.now(),
            )
        return _page(request, municipality, kind, form, own, preview)

    saved = attempt(
        form,
        lambda: letters.template_save(
            municipality=municipality,
            kind=kind,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            by=admin,
            at=timezone.now(),
        ),
    )
    if form.errors:
        return _page(request, municipality, kind, form, own)
    if saved is None:
        messages.info(request, NOTHING_CHANGED)
    else:
        messages.success(request, f"De brief '{LetterKind(kind).label}' is opgeslagen.")
    return redirect("beheer:letters", code=municipality.code)


@login_required
@require_POST
def letter_reset(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    admin = administration(request)
    municipality = municipality_or_404(admin, code)
    kind = _kind_or_404(kind)
    if letters.template_reset(municipality=municipality, kind=kind, by=admin, at=timezone.now()):
        messages.success(
            request, f"De brief '{LetterKind(kind).label}' gebruikt weer de standaardtekst."
        )
    else:
        messages.info(request, "Deze brief gebruikte al de standaardtekst. Er is niets veranderd.")
    return redirect("beheer:letter", code=municipality.code, kind=kind)
