"""Uploading a file of the organisation's own complaints (/aanbieder/uploaden): the form with
the file format, the organisation's uploads, the progress and the row-by-row report.

The work is `regie.imports`: these pages take the file in, start nothing themselves (the tick
processes the batch in the background) and show what became of it. A batch of another
organisation is a 404, as a case is.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regie.accounts.scope import Scope
from regie.cases.services import PermissionRefused
from regie.directory.models import Organisation
from regie.imports import selectors
from regie.imports import services as imports
from regie.imports.csv_format import COLUMNS, MAX_BYTES, MAX_ROWS
from regie.imports.models import ImportBatch
from regie.imports.report import MAX_REPORTED, FileRefused
from regie.limits import dutch_number
from regie.providers.views import organisations_of, portal_user
from regie.ui import formkit
from regie.vocabulary import OUTSOURCED_KINDS

RECENT = 20
CHECK_ONLY, WRITE = "controleren", "opslaan"


class UploadForm(formkit.RegieForm):
    organisation = forms.ChoiceField(
        label="Voor welke organisatie?",
        widget=formkit.select(),
        error_messages={
            "required": "Kies de organisatie.",
            "invalid_choice": "Kies een organisatie uit de lijst.",
        },
    )
    file = forms.FileField(
        label="CSV-bestand",
        help_text=(
            f"Een CSV-bestand in UTF-8, van hooguit 10 MB en {dutch_number(MAX_ROWS)} klachten. "
            "Hoe het bestand eruit moet zien, leest u hieronder."
        ),
        widget=forms.FileInput(attrs={"class": formkit.TEXTBOX, "accept": ".csv,text/csv"}),
        error_messages={
            "required": "Kies een CSV-bestand.",
            "empty": "Het bestand is leeg.",
            "invalid": "Kies een CSV-bestand.",
        },
    )
    mode = forms.ChoiceField(
        label="Wat wilt u doen?",
        choices=[(CHECK_ONLY, "Alleen controleren"), (WRITE, "Controleren en opslaan")],
        initial=CHECK_ONLY,
        widget=formkit.DescribedRadioSelect(
            {
                CHECK_ONLY: "Een proefrun: Regie kijkt elke rij na en slaat niets op.",
                WRITE: "Is elke rij in orde, dan slaat Regie alle klachten in één keer op. "
                "Is één rij niet in orde, dan slaat Regie niets op.",
            }
        ),
        error_messages={"required": "Kies wat u wilt doen."},
    )

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.file_name = ""
        self._organisations = {o.slug: o for o in organisations}
        field = self.fields["organisation"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Kies de organisatie"), *((o.slug, o.name) for o in organisations)]
        if len(organisations) == 1:
            # One organisation: nothing to choose, so nothing to ask.
            del self.fields["organisation"]

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        # Said before the file is read: a file too large is not taken in at all.
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                "Het bestand is groter dan 10 MB. Verdeel de klachten over meer bestanden."
            )
        self.file_name = upload.name or ""
        content: bytes = upload.read()
        return content

    def chosen_organisation(self) -> Organisation:
        if "organisation" not in self.fields:
            return next(iter(self._organisations.values()))
        return self._organisations[self.cleaned_data["organisation"]]


def _uploaders(request: HttpRequest) -> tuple[Any, Scope, list[Organisation]]:
    """The portal user and the organisations they upload for: providers and GRs only."""
    user, scope = portal_user(request)
    organisations = [o for o in organisations_of(scope) if o.kind in OUTSOURCED_KINDS]
    if not organisations:
        raise Http404("Geen organisatie die klachten uploadt")
    return user, scope, organisations


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    user, scope, organisations = _uploaders(request)
    posted = request.method == "POST"
    form = UploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        organisations=organisations,
    )
    if posted and form.is_valid():
        try:
            batch = imports.batch_upload(
                scope=scope,
                organisation=form.chosen_organisation(),
                file_name=form.file_name,
                content=form.cleaned_data["file"],
                dry_run=form.cleaned_data["mode"] == CHECK_ONLY,
                uploaded_by=user,
            )
        except PermissionRefused as exc:
            raise Http404("Geen organisatie die klachten uploadt") from exc
        except FileRefused as refused:
            for problem in refused.problems:
                form.add_error("file", problem.text())
        else:
            return redirect("providers:upload_batch", batch_id=batch.pk)
    context = {
        "nav": "aanbieder",
        "form": form,
        "organisations": organisations,
        "columns": COLUMNS,
        "max_rows": dutch_number(MAX_ROWS),
        "batches": list(selectors.batches_of(scope).select_related("organisation")[:RECENT]),
    }
    return render(request, "providers/upload.html", context)


def _batch(request: HttpRequest, batch_id: int) -> tuple[Any, Scope, ImportBatch]:
    user, scope, _ = _uploaders(request)
    batch = selectors.batch_for(scope, batch_id)
    if batch is None:
        raise Http404("Upload niet gevonden")
    return user, scope, batch


@never_cache
@login_required
@require_GET
def batch_page(request: HttpRequest, batch_id: int) -> HttpResponse:
    _, scope, batch = _batch(request, batch_id)
    try:
        imports.batch_write_dry_run_check(scope=scope, batch=batch)
        may_write = True
    except (imports.BatchError, PermissionRefused):
        may_write = False
    problems = batch.problems
    context = {
        "nav": "aanbieder",
        "batch": batch,
        "progress": _progress(batch),
        "problems": problems,
        "file_problems": [p for p in problems if p.row is None],
        "row_problems": [p for p in problems if p.row is not None],
        "more_problems": dutch_number(batch.problem_count - len(problems)),
        "max_reported": dutch_number(MAX_REPORTED),
        "may_write": may_write,
        "followed_by": selectors.follow_up_of(batch),
    }
    return render(request, "providers/upload_batch.html", context)


@never_cache
@login_required
@require_GET
def batch_progress(request: HttpRequest, batch_id: int) -> HttpResponse:
    """The progress part of the batch page, for htmx to poll; once the batch is finished it
    asks htmx to load the whole page again, which shows the result."""
    _, _, batch = _batch(request, batch_id)
    if not batch.is_running:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "providers/upload_progress.html", {"progress": _progress(batch)})


def _progress(batch: ImportBatch) -> dict[str, Any]:
    total = batch.rows_total
    return {
        "batch": batch,
        "checked": dutch_number(batch.rows_checked),
        "total": dutch_number(total),
        "written": dutch_number(batch.rows_written),
        "refused": dutch_number(batch.rows_refused),
        "value": batch.rows_checked,
        "max": max(total, 1),
        "percent": batch.rows_checked * 100 // total if total else 0,
    }


@login_required
@require_POST
def batch_write(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Write the file of a clean dry run for real."""
    user, scope, batch = _batch(request, batch_id)
    try:
        follow_up = imports.batch_write_dry_run(scope=scope, batch=batch, uploaded_by=user)
    except PermissionRefused as exc:
        raise Http404("Upload niet gevonden") from exc
    except imports.BatchError as refused:
        messages.error(request, refused.message)
        return redirect("providers:upload_batch", batch_id=batch.pk)
    return redirect("providers:upload_batch", batch_id=follow_up.pk)


@login_required
@require_GET
def example_file(request: HttpRequest) -> HttpResponse:
    """An example file to start from: the header and one complaint, as Dutch Excel saves it
    (UTF-8 with a byte order mark, separated by semicolons). Its complaint is one this
    organisation may register today, so a dry run of it comes back clean."""
    _, _, organisations = _uploaders(request)
    own = organisations[0]
    example = {c.name: c.example for c in COLUMNS}
    example["ontvangen_op"] = timezone.localdate().isoformat()
    example["domein"] = next(iter(own.domains or []), example["domein"])
    municipality = own.municipalities.order_by("code").first()
    if municipality is not None:
        example["gemeente"] = municipality.code
    lines = [";".join(c.name for c in COLUMNS), ";".join(example[c.name] for c in COLUMNS)]
    response = HttpResponse(
        ("\ufeff" + "\r\n".join(lines) + "\r\n").encode(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="voorbeeld-klachten.csv"'
    return response
