"""Casuïstiek (/bestuur/<gemeente>/casuistiek): the anonymised stories for a closed council
session, and their PDF/A.

Two audiences, one rule each:
- those who learn about the municipality (`learning.access`: coordinator,
  ombudsfunctionaris, administrator) draft, correct, approve and withdraw, and see every
  story with its state and case reference;
- those with figures access only (`aggregate_scope_for_user`: the council, the college) read
  the approved stories, without a case reference, and download them.
Everyone else, and every other municipality, gets 404. The pages only lay out; every change
goes through `regie.reporting.casuistry`, every case read through `cases_visible_to(scope)`.
"""

from __future__ import annotations

from itertools import groupby

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from regie import limits
from regie.accounts.scope import scope_for_user
from regie.cases.aggregates import PERIOD_HELP, Period, aggregate_scope_for_user
from regie.cases.selectors import case_visible_to, cases_visible_to
from regie.directory.models import Municipality
from regie.documents.pdf import render_pdf
from regie.learning.access import may_learn_about
from regie.learning.common import PermissionRefused
from regie.privacy.services import download_record
from regie.reporting import casuistry as write
from regie.reporting.models import CaseStory, StoryState
from regie.ui import formkit

NOT_FOUND = "Niet gevonden"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _audience(request: HttpRequest, code: str) -> tuple[Municipality, bool]:
    """The municipality and whether this person drafts and approves (True) or only reads the
    released stories (False); 404 for anyone else."""
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        raise Http404(NOT_FOUND)
    user = _user(request)
    if may_learn_about(user, municipality):
        return municipality, True
    if aggregate_scope_for_user(user).allows(municipality.pk):
        return municipality, False
    raise Http404(NOT_FOUND)


class DraftForm(formkit.RegieForm):
    service_fields = {"case": "reference"}

    reference = forms.CharField(
        label="Kenmerk van de zaak",
        help_text="Zoals KL-9901-2026-000123.",
        max_length=20,
        widget=formkit.text_input(autocomplete="off", spellcheck="false"),
        error_messages={
            "required": "Vul het kenmerk van de zaak in.",
            "max_length": write.CASE_NOT_FOUND,
        },
    )
    period = forms.CharField(
        label="Periode",
        help_text=f"Voor welke raadsvergadering of rapportage. {PERIOD_HELP}",
        max_length=20,
        widget=formkit.text_input(autocomplete="off"),
        error_messages={"required": "Vul de periode in.", "max_length": PERIOD_HELP},
    )


class EditForm(formkit.RegieForm):
    text = forms.CharField(
        label="Verhaal",
        help_text="Controleer of niemand te herkennen is: geen namen, adressen, nummers of data.",
        max_length=limits.STAFF_TEXT,
        strip=False,
        widget=formkit.textarea(rows=12),
        error_messages={
            "required": "Schrijf het verhaal op.",
            "max_length": limits.too_long(limits.STAFF_TEXT),
        },
    )


def _periods(stories: list[CaseStory]) -> list[tuple[str, list[CaseStory]]]:
    ordered = sorted(stories, key=lambda s: s.period, reverse=True)
    return [(period, list(group)) for period, group in groupby(ordered, key=lambda s: s.period)]


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def casuistry(request: HttpRequest, municipality: str) -> HttpResponse:
    chosen, learner = _audience(request, municipality)
    if not learner:
        if request.method == "POST":
            raise Http404(NOT_FOUND)
        context = {
            "nav": "cijfers",
            "municipality": chosen,
            "periods": _periods(list(write.released_stories(chosen))),
        }
        return render(request, "reporting/casuistry_released.html", context)
    form = DraftForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = _user(request)
        reference = form.cleaned_data["reference"].strip().upper()
        case = (
            cases_visible_to(scope_for_user(user))
            .filter(municipality=chosen, reference=reference)
            .first()
        )
        if case is None:
            form.add_error("reference", write.CASE_NOT_FOUND)
        else:
            try:
                story = write.story_draft(by=user, case=case, period=form.cleaned_data["period"])
            except write.CasuistryError as refused:
                form.add_service_errors(refused.errors)
            except PermissionRefused:
                form.add_error("reference", write.CASE_NOT_FOUND)
            else:
                messages.success(
                    request, "Regie heeft een concept gemaakt. Lees het na voordat u het goedkeurt."
                )
                return redirect("reporting:story", municipality=chosen.code, pk=story.pk)
    stories = list(write.all_stories(chosen))
    context = {
        "nav": "cijfers",
        "municipality": chosen,
        "form": form,
        "periods": _periods(stories),
        "released_periods": sorted(
            {s.period for s in stories if s.state == StoryState.GOEDGEKEURD}, reverse=True
        ),
    }
    return render(request, "reporting/casuistry.html", context)


ACTIONS = ("opslaan", "goedkeuren", "intrekken")


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def story(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    chosen, learner = _audience(request, municipality)
    if not learner:
        raise Http404(NOT_FOUND)
    found = get_object_or_404(CaseStory.objects.select_related("case"), pk=pk, municipality=chosen)
    user = _user(request)
    if not case_visible_to(scope_for_user(user), found.case):
        raise Http404(NOT_FOUND)
    form = EditForm(initial={"text": found.text})
    state_error = ""
    if request.method == "POST":
        action = request.POST.get("actie", "")
        if action not in ACTIONS:
            raise Http404(NOT_FOUND)
        if action == "opslaan":
            form = EditForm(request.POST)
        try:
            if action == "opslaan" and form.is_valid():
                write.story_edit(by=user, story=found, text=form.cleaned_data["text"])
                done = "De tekst is opgeslagen."
            elif action == "goedkeuren":
                write.story_approve(by=user, story=found)
                done = "Het verhaal is goedgekeurd. De raad en het college kunnen het nu lezen."
            elif action == "intrekken":
                write.story_withdraw(by=user, story=found)
                done = "Het verhaal is teruggetrokken. De raad en het college zien het niet meer."
            else:
                done = ""
        except write.CasuistryError as refused:
            if action == "opslaan":
                form.add_service_errors(refused.errors)
            else:
                state_error = " ".join(refused.errors.values())
        except PermissionRefused:
            raise Http404(NOT_FOUND) from None
        else:
            if done:
                messages.success(request, done)
                return redirect("reporting:story", municipality=chosen.code, pk=found.pk)
        found.refresh_from_db()
    context = {
        "nav": "cijfers",
        "municipality": chosen,
        "story": found,
        "form": form,
        "state_error": state_error,
        "concept": found.state == StoryState.CONCEPT,
        "released": found.state == StoryState.GOEDGEKEURD,
    }
    return render(request, "reporting/casuistry_story.html", context)


@login_required
@require_GET
@never_cache
def casuistry_pdf(request: HttpRequest, municipality: str, period: str) -> HttpResponse:
    """The released stories of one period as PDF/A, for both audiences: never a concept,
    never a case reference."""
    chosen, _ = _audience(request, municipality)
    try:
        label = Period.parse(period).label
    except ValueError:
        raise Http404(NOT_FOUND) from None
    if label != period:
        raise Http404(NOT_FOUND)
    html = render_to_string(
        "reporting/casuistry_pdf.html",
        {
            "municipality": chosen,
            "period": label,
            "stories": list(write.released_stories(chosen, label)),
            "made": timezone.localdate(),
        },
    )
    filename = f"casuistiek-{chosen.code}-{label}.pdf"
    body = render_pdf(html)
    # De-identified and approved, yet drawn from cases: the export is in the audit log.
    download_record(
        subject=filename,
        scope=scope_for_user(_user(request)),
        purpose=request.path,
        municipality_id=chosen.pk,
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
