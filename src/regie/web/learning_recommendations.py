"""Investigations and recommendations (/werk/leren/<gemeente>/onderzoeken, …/aanbevelingen):
from a spike (or anything else a coordinator sees) to a recommendation with an owner and a
due date, and later the evidence of its effect.

The pages only lay out; every change goes through `regie.learning.recommendations`, every
case read through `cases_visible_to(scope)`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from regie import limits
from regie.accounts.scope import scope_for_user
from regie.cases.selectors import cases_visible_to
from regie.directory.models import Municipality
from regie.learning import recommendations as write
from regie.learning.common import LearningError
from regie.learning.effect import Effect, effect
from regie.learning.models import (
    Investigation,
    InvestigationBasis,
    InvestigationStatus,
    Recommendation,
    RecommendationStatus,
    Theme,
)
from regie.learning.overview import series_label
from regie.learning.spikes import SeriesKey
from regie.learning.trends import DIMENSIONS, all_counts, cases_behind, labels
from regie.ui import formkit
from regie.web.learning import municipality_or_404
from regie.web.staff import staff_user

SERIES_WEEKS = 26  # the series offered in the form: those with cases in the last half year
_REFERENCE_SPLIT = re.compile(r"[\s,;]+")


def _series_choices(request: HttpRequest, municipality: Municipality) -> list[tuple[str, str]]:
    today = timezone.localdate()
    cases = cases_visible_to(scope_for_user(staff_user(request))).filter(municipality=municipality)
    counts = all_counts(cases, first=today - dt.timedelta(weeks=SERIES_WEEKS), last=today)
    names = labels(counts)
    choices = [("", "Geen: het effect is niet in één reeks te zien")]
    for slug, dimension in DIMENSIONS.items():
        keys = sorted((k for k in counts if k.dimension == slug), key=lambda k: names[k])
        choices += [(f"{slug}:{k.value}", f"{dimension.label}: {names[k]}") for k in keys]
    themes = Theme.objects.filter(municipality=municipality).order_by("name")
    choices += [(f"{write.THEME_SERIES}:{t.pk}", f"Eigen thema: {t.name}") for t in themes]
    return choices


def series_name(key: SeriesKey) -> str:
    """ "Per aanbieder waar het over gaat: Thuiszorg Het Anker", "Eigen thema: Stadspas-app"."""
    if key.dimension == write.THEME_SERIES:
        theme = Theme.objects.filter(pk=int(key.value), municipality_id=key.municipality_id)
        name = theme.values_list("name", flat=True).first() if key.value.isdigit() else None
        return f"Eigen thema: {name or key.value}"
    return f"{DIMENSIONS[key.dimension].label}: {series_label(key)}"


def _spike(request: HttpRequest, municipality: Municipality) -> tuple[SeriesKey, dt.date] | None:
    """The spike a link came from (?reeks=…&waarde=…&week=…), if it is a real series."""
    dimension, value = request.GET.get("reeks", ""), request.GET.get("waarde", "")
    try:
        week = dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        return None
    if dimension not in DIMENSIONS or not value or week.weekday() != 0:
        return None
    return SeriesKey(municipality.pk, dimension, value), week


def _theme_from(request: HttpRequest, municipality: Municipality) -> str:
    """The named theme a link came from (?reeks=eigen-thema&waarde=<id>), as a choice."""
    if request.GET.get("reeks") != write.THEME_SERIES:
        return ""
    value = request.GET.get("waarde", "")
    if (
        not value.isdigit()
        or not Theme.objects.filter(pk=int(value), municipality=municipality).exists()
    ):
        return ""
    return f"{write.THEME_SERIES}:{value}"


class RecommendationForm(formkit.RegieForm):
    service_fields = {"dimension": "series", "value": "series", "investigation": "series"}

    title = forms.CharField(
        label="Wat moet er veranderen?",
        help_text="Kort en concreet, zoals: Thuiszorg belt vooraf als de hulp niet kan komen.",
        max_length=write.TITLE,
        widget=formkit.text_input(),
        error_messages={
            "required": "Schrijf op wat er moet veranderen.",
            "max_length": limits.too_long(write.TITLE),
        },
    )
    text = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=limits.STAFF_TEXT,
        widget=formkit.textarea(rows=4),
        error_messages={"max_length": limits.too_long(limits.STAFF_TEXT)},
    )
    owner = forms.CharField(
        label="Eigenaar",
        help_text="Wie zorgt ervoor? Een functie of team, zoals: teamleider Wmo.",
        max_length=write.OWNER,
        widget=formkit.text_input(),
        error_messages={
            "required": "Vul in wie ervoor zorgt (een functie of team).",
            "max_length": limits.too_long(write.OWNER),
        },
    )
    due_date = formkit.DateField(
        label="Klaar op", required_message="Vul in wanneer het klaar moet zijn."
    )
    series = forms.ChoiceField(
        label="Waar moet het effect te zien zijn?",
        help_text="Regie laat op de pagina van de aanbeveling het aantal zaken zien, voor en na.",
        required=False,
        widget=formkit.select(),
        error_messages={"invalid_choice": "Kies een reeks uit de lijst."},
    )
    spike_week = forms.DateField(required=False, widget=forms.HiddenInput)
    investigation = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, series: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["series"].choices = series  # type: ignore[attr-defined]


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_new(request: HttpRequest, municipality: str) -> HttpResponse:
    chosen = municipality_or_404(request, municipality)
    series = _series_choices(request, chosen)
    initial: dict[str, Any] = {}
    spike = _spike(request, chosen)
    if spike is not None:
        key, week = spike
        choice = f"{key.dimension}:{key.value}"
        if choice not in dict(series):  # a series of the spike page's week, quiet since
            series.append((choice, series_name(key)))
        initial |= {"series": choice, "spike_week": week}
    elif theme := _theme_from(request, chosen):
        initial["series"] = theme
    investigation = _investigation_from(request.GET.get("onderzoek", ""), chosen)
    if investigation is not None:
        initial["investigation"] = investigation.pk
    form = RecommendationForm(
        request.POST if request.method == "POST" else None, initial=initial, series=series
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        dimension, _, value = data["series"].partition(":")
        try:
            made = write.recommendation_make(
                by=staff_user(request),
                municipality=chosen,
                title=data["title"],
                text=data["text"],
                owner=data["owner"],
                due_date=data["due_date"],
                dimension=dimension,
                value=value,
                spike_week=data["spike_week"],
                investigation=_investigation_from(str(data["investigation"] or ""), chosen),
            )
        except LearningError as refused:
            form.add_service_errors(refused.errors)
        else:
            messages.success(request, "De aanbeveling is vastgelegd.")
            return redirect("web:learning_recommendation", municipality=chosen.code, pk=made.pk)
    context = {
        "nav": "leren",
        "municipality": chosen,
        "form": form,
        "spike": spike and {"label": series_label(spike[0]), "week": spike[1]},
        "investigation": investigation,
    }
    return render(request, "web/learning_recommendation_new.html", context)


def _investigation_from(value: str, municipality: Municipality) -> Investigation | None:
    if not value.isdigit():
        return None
    return Investigation.objects.filter(pk=int(value), municipality=municipality).first()


class UpdateForm(formkit.RegieForm):
    status = forms.ChoiceField(
        label="Stand",
        choices=RecommendationStatus.choices,
        widget=formkit.select(),
        error_messages={
            "required": "Kies een stand.",
            "invalid_choice": "Kies een stand uit de lijst.",
        },
    )
    effective_from = formkit.DateField(
        label="Uitgevoerd vanaf",
        help_text="Alleen als de aanbeveling is uitgevoerd. Leeg: vandaag.",
        required=False,
    )
    note = forms.CharField(
        label="Toelichting",
        required=False,
        max_length=limits.STAFF_TEXT,
        widget=formkit.textarea(rows=3),
        error_messages={"max_length": limits.too_long(limits.STAFF_TEXT)},
    )


def _recommendation(chosen: Municipality, pk: int) -> Recommendation:
    found = write.recommendations_of(chosen).filter(pk=pk).first()
    if found is None:
        raise Http404("Niet gevonden")
    return found


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_page(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    chosen = municipality_or_404(request, municipality)
    recommendation = _recommendation(chosen, pk)
    form = UpdateForm(
        request.POST if request.method == "POST" else None,
        initial={"status": recommendation.status},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            write.recommendation_update(
                by=staff_user(request),
                recommendation=recommendation,
                status=data["status"],
                note=data["note"],
                effective_from=data["effective_from"],
            )
        except LearningError as refused:
            form.add_service_errors(refused.errors)
        else:
            messages.success(request, "De stand van de aanbeveling is bijgewerkt.")
            return redirect("web:learning_recommendation", municipality=chosen.code, pk=pk)
    today = timezone.localdate()
    visible = cases_visible_to(scope_for_user(staff_user(request))).filter(municipality=chosen)
    key = (
        SeriesKey(chosen.pk, recommendation.dimension, recommendation.value)
        if recommendation.dimension in DIMENSIONS or recommendation.dimension == write.THEME_SERIES
        else None
    )
    found = effect(visible, recommendation, today) if key else None
    context = {
        "nav": "leren",
        "municipality": chosen,
        "recommendation": recommendation,
        "late": write.is_late(recommendation, today),
        "updates": recommendation.updates.select_related("by"),
        "series": key and series_name(key),
        "effect": found,
        "effect_rows": _effect_rows(found),
        "form": form,
    }
    return render(request, "web/learning_recommendation.html", context)


def _effect_rows(found: Effect | None) -> list[dict[str, Any]]:
    if found is None:
        return []
    before = "voor" if found.since else "tot nu"
    rows = [
        {"week": w, "period": before, "count": n}
        for w, n in zip(found.before.weeks, found.before.counts, strict=True)
    ]
    rows += [
        {"week": w, "period": "na", "count": n}
        for w, n in zip(found.after.weeks, found.after.counts, strict=True)
    ]
    return rows


def references(text: str) -> list[str]:
    return [r for r in _REFERENCE_SPLIT.split(text) if r]


class InvestigationForm(formkit.RegieForm):
    service_fields = {"cases": "references"}

    title = forms.CharField(
        label="Titel",
        max_length=write.TITLE,
        widget=formkit.text_input(),
        error_messages={
            "required": "Geef het onderzoek een titel.",
            "max_length": limits.too_long(write.TITLE),
        },
    )
    question = forms.CharField(
        label="Onderzoeksvraag",
        help_text="Wat wilt u weten? Zoals: waarom komt de thuiszorg afspraken niet na?",
        max_length=limits.STAFF_TEXT,
        widget=formkit.textarea(rows=3),
        error_messages={
            "required": "Schrijf de onderzoeksvraag op.",
            "max_length": limits.too_long(limits.STAFF_TEXT),
        },
    )
    basis = forms.ChoiceField(
        label="Aanleiding",
        choices=InvestigationBasis.choices,
        widget=formkit.select(),
        error_messages={"required": "Kies de aanleiding.", "invalid_choice": "Kies de aanleiding."},
    )
    source = forms.CharField(
        label="Bron",
        help_text="Bijvoorbeeld het rapport van de ombudsman, met nummer of adres.",
        required=False,
        max_length=write.SOURCE,
        widget=formkit.text_input(),
        error_messages={"max_length": limits.too_long(write.SOURCE)},
    )
    references = forms.CharField(
        label="Zaken",
        help_text="De kenmerken van de zaken die u onderzoekt, gescheiden door een spatie of "
        "een nieuwe regel.",
        required=False,
        max_length=20 * write.MOST_CASES,
        widget=formkit.textarea(rows=4),
        error_messages={"max_length": f"Kies hooguit {write.MOST_CASES} zaken."},
    )


@login_required
@require_http_methods(["GET", "POST"])
def investigation_new(request: HttpRequest, municipality: str) -> HttpResponse:
    chosen = municipality_or_404(request, municipality)
    scope = scope_for_user(staff_user(request))
    initial: dict[str, Any] = {}
    spike = _spike(request, chosen)
    if spike is not None:
        key, week = spike
        behind = cases_behind(cases_visible_to(scope), key, week).order_by("received_at")
        initial = {
            "basis": InvestigationBasis.SIGNAL,
            "title": f"Stijging: {series_label(key)}",
            "source": f"Stijging in week {week.isocalendar().week} van {week.year}, "
            f"{DIMENSIONS[key.dimension].label.lower()}: {series_label(key)}",
            "references": "\n".join(behind.values_list("reference", flat=True)),
        }
    form = InvestigationForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            started = write.investigation_start(
                by=staff_user(request),
                scope=scope,
                municipality=chosen,
                title=data["title"],
                question=data["question"],
                basis=data["basis"],
                source=data["source"],
                references=references(data["references"]),
            )
        except LearningError as refused:
            form.add_service_errors(refused.errors)
        else:
            messages.success(request, "Het onderzoek is vastgelegd.")
            return redirect("web:learning_investigation", municipality=chosen.code, pk=started.pk)
    context = {"nav": "leren", "municipality": chosen, "form": form}
    return render(request, "web/learning_investigation_new.html", context)


class AddCasesForm(formkit.RegieForm):
    service_fields = {"cases": "more"}
    more = forms.CharField(
        label="Zaken toevoegen",
        help_text="Kenmerken, gescheiden door een spatie of een nieuwe regel.",
        max_length=20 * write.MOST_CASES,
        widget=formkit.textarea(rows=2),
        error_messages={
            "required": "Vul ten minste één zaaknummer in.",
            "max_length": f"Kies hooguit {write.MOST_CASES} zaken.",
        },
    )


class CloseForm(formkit.RegieForm):
    findings = forms.CharField(
        label="Bevindingen",
        help_text="Wat heeft het onderzoek opgeleverd? Leg daarna de aanbevelingen vast.",
        max_length=limits.STAFF_TEXT,
        widget=formkit.textarea(rows=4),
        error_messages={
            "required": "Schrijf op wat het onderzoek heeft opgeleverd.",
            "max_length": limits.too_long(limits.STAFF_TEXT),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def investigation_page(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    chosen = municipality_or_404(request, municipality)
    investigation = write.investigations_of(chosen).filter(pk=pk).first()
    if investigation is None:
        raise Http404("Niet gevonden")
    user = staff_user(request)
    scope = scope_for_user(user)
    action = request.POST.get("actie", "") if request.method == "POST" else ""
    add = AddCasesForm(request.POST if action == "toevoegen" else None, prefix="toevoegen")
    close = CloseForm(request.POST if action == "afronden" else None, prefix="afronden")
    if request.method == "POST" and action not in ("toevoegen", "afronden"):
        raise Http404("Niet gevonden")
    if action == "toevoegen" and add.is_valid():
        try:
            added = write.investigation_add_cases(
                by=user,
                scope=scope,
                investigation=investigation,
                references=references(add.cleaned_data["more"]),
            )
        except LearningError as refused:
            add.add_service_errors(refused.errors)
        else:
            messages.success(request, f"{added} {'zaak' if added == 1 else 'zaken'} toegevoegd.")
            return redirect("web:learning_investigation", municipality=chosen.code, pk=pk)
    if action == "afronden" and close.is_valid():
        try:
            write.investigation_close(
                by=user, investigation=investigation, findings=close.cleaned_data["findings"]
            )
        except LearningError as refused:
            close.add_service_errors(refused.errors)
        else:
            messages.success(request, "Het onderzoek is afgerond.")
            return redirect("web:learning_investigation", municipality=chosen.code, pk=pk)
    # Only the cases this person may see; the others are counted, not shown.
    all_cases = investigation.cases.all()
    shown = list(
        cases_visible_to(scope)
        .filter(pk__in=all_cases.values("pk"))
        .select_related("handling_team", "handling_organisation", "about")
        .order_by("received_at")
    )
    context = {
        "nav": "leren",
        "municipality": chosen,
        "investigation": investigation,
        "running": investigation.status == InvestigationStatus.RUNNING,
        "cases": shown,
        "hidden": all_cases.count() - len(shown),
        "recommendations": list(investigation.recommendations.order_by("due_date")),
        "add": add,
        "close": close,
        "summary": add.error_summary() + close.error_summary(),
    }
    return render(request, "web/learning_investigation.html", context)
