"""Verslagen (/bestuur/<gemeente>/verslagen): ask for a report, follow its progress and
download it once it is made.

The work is `reporting.runs`: these pages ask for a run, start nothing themselves (the tick
or a Celery worker makes it) and show what became of it. A run is its requester's alone, and
only while they may still see the municipality's figures: everyone else gets 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from regie.accounts.scope import scope_for_user
from regie.cases.aggregates import FiguresRefused, aggregate_scope_for_user
from regie.directory.models import Municipality
from regie.privacy.services import download_record
from regie.reporting import runs
from regie.reporting.annual import ANNUAL, KINDS, QUARTERLY
from regie.reporting.models import ReportRun
from regie.reporting.render import FORMATS
from regie.ui import formkit

NOT_FOUND = "Niet gevonden"
RECENT = 20
YEARS = 5  # the years offered: this one and the four before it
QUARTERS = 8  # the quarters offered: this one and the seven before it
KIND_LABELS = {ANNUAL: "Jaarverslag klachten", QUARTERLY: "Kwartaalrapportage"}
assert set(KIND_LABELS) == set(KINDS)


def period_choices(today: dt.date) -> list[tuple[str, list[tuple[str, str]]]]:
    """The years and quarters worth a report, newest first; the running one says so."""
    years = [
        (str(y), f"{y} (loopt nog)" if y == today.year else str(y))
        for y in range(today.year, today.year - YEARS, -1)
    ]
    quarters = []
    year, number = today.year, (today.month - 1) // 3 + 1
    for n in range(QUARTERS):
        label = f"{year} kwartaal {number}" + (" (loopt nog)" if n == 0 else "")
        quarters.append((f"{year}-Q{number}", label))
        year, number = (year, number - 1) if number > 1 else (year - 1, 4)
    return [("Jaren", years), ("Kwartalen", quarters)]


class ReportRunForm(formkit.RegieForm):
    service_fields = {"kind": "soort", "period": "periode", "format": "formaat"}

    soort = forms.ChoiceField(
        label="Welk verslag?",
        choices=list(KIND_LABELS.items()),
        initial=ANNUAL,
        help_text="De kwartaalrapportage laat het gekozen kwartaal zien en de drie kwartalen "
        "ervoor.",
        widget=formkit.select(),
        error_messages={
            "required": "Kies een verslag.",
            "invalid_choice": "Kies een verslag uit de lijst.",
        },
    )
    periode = forms.ChoiceField(
        label="Over welke periode?",
        widget=formkit.select(),
        error_messages={
            "required": "Kies een periode.",
            "invalid_choice": "Kies een periode uit de lijst.",
        },
    )
    formaat = forms.ChoiceField(
        label="Welk soort bestand?",
        choices=list(runs.RUN_FORMATS.items()),
        initial="pdf",
        help_text="PDF om te lezen en te printen, ODS of CSV om met de cijfers te rekenen.",
        widget=formkit.select(),
        error_messages={
            "required": "Kies een soort bestand.",
            "invalid_choice": "Kies een soort bestand uit de lijst.",
        },
    )

    # A prefix, because the figures page has a "periode" of its own in its filter form.
    prefix = "verslag"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        field = self.fields["periode"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = period_choices(today)
        # The last complete year: what an annual report is usually about.
        field.initial = str(today.year - 1)


def run_section(user: User, municipality: Municipality) -> dict[str, Any]:
    """What the figures page shows of this: the form and the person's latest runs."""
    return {
        "run_form": ReportRunForm(),
        "recent_runs": [_described(run) for run in runs.report_runs_of(user, municipality)[:5]],
    }


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _municipality(request: HttpRequest, code: str) -> Municipality:
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None or not aggregate_scope_for_user(_user(request)).allows(municipality.pk):
        raise Http404(NOT_FOUND)
    return municipality


def _run(request: HttpRequest, code: str, pk: int) -> tuple[Municipality, ReportRun]:
    municipality = _municipality(request, code)
    run = runs.report_run_for(user=_user(request), municipality=municipality, pk=pk)
    if run is None:
        raise Http404(NOT_FOUND)
    return municipality, run


@login_required
@require_http_methods(["GET", "POST"])
def report_runs(request: HttpRequest, municipality: str) -> HttpResponse:
    """The form and the person's runs; a valid form asks for a run and goes to its page."""
    user = _user(request)
    found = _municipality(request, municipality)
    form = ReportRunForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            run = runs.report_run_request(
                user=user,
                municipality=found,
                kind=form.cleaned_data["soort"],
                period=form.cleaned_data["periode"],
                fmt=form.cleaned_data["formaat"],
            )
        except FiguresRefused as refused:
            raise Http404(NOT_FOUND) from refused
        except runs.ReportRunError as refused:
            form.add_service_errors(refused.errors)
        else:
            return redirect("reporting:report_run", municipality=found.code, pk=run.pk)
    context = {
        "nav": "cijfers",
        "municipality": found,
        "form": form,
        "summary": form.error_summary() if form.is_bound else [],
        "runs": [_described(run) for run in runs.report_runs_of(user, found)[:RECENT]],
        "kept_days": runs.KEEP_RESULT.days,
    }
    return render(request, "reporting/report_runs.html", context)


def _described(run: ReportRun) -> dict[str, Any]:
    return {
        "run": run,
        "title": f"{KIND_LABELS.get(run.kind, run.kind)} {run.period}",
        "format": runs.RUN_FORMATS.get(run.format, run.format),
        "percent": run.steps_done * 100 // run.steps_total if run.steps_total else 0,
        # The last step is writing the file (a PDF takes longest).
        "rendering": bool(run.steps_total) and run.steps_done == run.steps_total - 1,
        "kept_until": runs.kept_until(run),
    }


@never_cache
@login_required
@require_GET
def report_run(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    found, run = _run(request, municipality, pk)
    context = {
        "nav": "cijfers",
        "municipality": found,
        "described": _described(run),
        "run": run,
        "kept_days": runs.KEEP_RESULT.days,
    }
    return render(request, "reporting/report_run.html", context)


@never_cache
@login_required
@require_GET
def report_run_progress(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    """The progress part of the run's page, for htmx to poll; once the run is finished it
    asks htmx to load the whole page again, which shows the download or the reason."""
    _, run = _run(request, municipality, pk)
    if not run.is_unfinished:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "reporting/report_run_progress.html", {"described": _described(run)})


# never_cache: the person's own figures, never for a shared cache.
@never_cache
@login_required
@require_GET
def report_run_download(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    chosen, run = _run(request, municipality, pk)
    content = runs.report_run_file(run)
    if content is None:
        raise Http404(NOT_FOUND)
    download_record(
        subject=run.file_name,
        scope=scope_for_user(_user(request)),
        purpose=request.path,
        municipality_id=chosen.pk,
    )
    response = HttpResponse(content, content_type=FORMATS[run.format])
    response["Content-Disposition"] = f'attachment; filename="{run.file_name}"'
    return response
