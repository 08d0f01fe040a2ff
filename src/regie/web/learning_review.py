"""Steekproeven (/werk/leren/<gemeente>/steekproeven): a random sample of concluded cases for
review, and what the reviewers found (`regie.learning.sample`).

Who may come here is the rule of the other "Leren" pages (`learning_municipalities`); anyone
else, and a sample of another municipality, gets 404. The page never lets anyone choose the
seed: the draw must be something nobody can steer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regie import limits
from regie.accounts.scope import scope_for_user
from regie.cases.selectors import case_visible_to, cases_visible_to
from regie.learning import sample as sampling
from regie.learning.common import LearningError, PermissionRefused
from regie.learning.models import ReviewItem, ReviewSample, ReviewVerdict
from regie.ui import formkit
from regie.vocabulary import Domain, Kind, Outcome
from regie.web.learning import municipality_or_404
from regie.web.staff import staff_user

DEFAULT_SIZE = 20
DEFAULT_PERIOD = dt.timedelta(days=91)  # about a quarter, as a panel meets


def _choices(label: str, values: Any) -> list[tuple[str, str]]:
    return [("", label), *values.choices]


class SampleForm(formkit.RegieForm):
    """The new sample. The write path checks every value; the form only reads numbers and
    dates, so that what is typed wrongly gets a message next to its field."""

    purpose = forms.CharField(
        label="Doel",
        help_text="Bijvoorbeeld: klachtenpanel, tweede kwartaal.",
        required=False,
        widget=formkit.text_input(),
    )
    size = forms.IntegerField(
        label="Aantal zaken",
        help_text=f"1 tot en met {sampling.MAX_SIZE}.",
        required=False,
        initial=DEFAULT_SIZE,
        widget=formkit.text_input(inputmode="numeric", maxlength=4),
        error_messages={"invalid": "Vul een heel getal in, zoals 20."},
    )
    kind = forms.ChoiceField(
        label="Soort",
        choices=_choices("Alle soorten", Kind),
        required=False,
        widget=formkit.select(),
        error_messages={"invalid_choice": "Kies een soort uit de lijst."},
    )
    domain = forms.ChoiceField(
        label="Domein",
        choices=_choices("Alle domeinen", Domain),
        required=False,
        widget=formkit.select(),
        error_messages={"invalid_choice": "Kies een domein uit de lijst."},
    )
    outcome = forms.ChoiceField(
        label="Uitkomst",
        choices=_choices("Alle uitkomsten", Outcome),
        required=False,
        widget=formkit.select(),
        error_messages={"invalid_choice": "Kies een uitkomst uit de lijst."},
    )
    concluded_from = formkit.DateField(
        label="Afgehandeld vanaf",
        help_text="De eerste dag van de periode, bijvoorbeeld 1-1-2026.",
        required_message="Vul de eerste dag van de periode in.",
    )
    concluded_to = formkit.DateField(
        label="Afgehandeld tot en met",
        help_text="De laatste dag van de periode. Niet later dan vandaag.",
        required_message="Vul de laatste dag van de periode in.",
    )


class ReviewForm(formkit.RegieForm):
    """The verdict on one case of a sample; one per row, told apart by its prefix."""

    verdict = forms.ChoiceField(
        label="Oordeel",
        choices=_choices("Kies een oordeel", ReviewVerdict),
        required=False,
        widget=formkit.select(),
        error_messages={"invalid_choice": "Kies een oordeel uit de lijst."},
    )
    note = forms.CharField(
        label="Toelichting",
        help_text="Verplicht bij 'kan beter' en 'niet goed': wat ging er mis, wat kan beter?",
        required=False,
        max_length=limits.STAFF_TEXT,
        widget=formkit.textarea(rows=2),
        error_messages={"max_length": limits.too_long(limits.STAFF_TEXT)},
    )

    def __init__(self, data: Any = None, *, item: ReviewItem) -> None:
        initial = {"verdict": item.verdict, "note": item.note}
        super().__init__(data, prefix=f"item-{item.pk}", initial=initial)
        # Every row has these fields: the reference tells them apart for a screen reader.
        self.fields["verdict"].label = f"Oordeel over {item.case.reference}"
        self.fields["note"].label = f"Toelichting bij {item.case.reference}"
        self.fields["note"].help_text = ""


def _new_sample_form(data: Any = None) -> SampleForm:
    today = timezone.localdate()
    initial = {"concluded_from": today - DEFAULT_PERIOD, "concluded_to": today}
    return SampleForm(data, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def samples(request: HttpRequest, municipality: str) -> HttpResponse:
    chosen = municipality_or_404(request, municipality)
    user = staff_user(request)
    form = _new_sample_form(request.POST if request.method == "POST" else None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            drawn = sampling.sample_draw(
                by=user,
                scope=scope_for_user(user),
                municipality=chosen,
                purpose=data["purpose"],
                size=data["size"] if data["size"] is not None else 0,
                kind=data["kind"],
                domain=data["domain"],
                outcome=data["outcome"],
                concluded_from=data["concluded_from"],
                concluded_to=data["concluded_to"],
            )
        except PermissionRefused as exc:
            raise Http404("Niet gevonden") from exc
        except LearningError as exc:
            form.add_service_errors(exc.errors)
        else:
            count = drawn.items.count()
            if count < data["size"]:
                messages.success(
                    request,
                    f"Er waren maar {count} zaken die aan uw keuze voldoen. Die zitten "
                    "allemaal in de steekproef.",
                )
            else:
                messages.success(request, f"De steekproef van {count} zaken is getrokken.")
            return redirect("web:learning_sample", municipality=chosen.code, pk=drawn.pk)
    context = {
        "nav": "leren",
        "municipality": chosen,
        "samples": list(sampling.samples_of(chosen)),
        "form": form,
    }
    return render(request, "web/learning_samples.html", context)


def _sample(request: HttpRequest, municipality: str, pk: int) -> ReviewSample:
    chosen = municipality_or_404(request, municipality)
    return get_object_or_404(
        ReviewSample.objects.select_related("municipality", "created_by"),
        pk=pk,
        municipality=chosen,
    )


def _render_sample(
    request: HttpRequest, found: ReviewSample, bound: ReviewForm | None = None
) -> HttpResponse:
    """The sample's page; `bound` is the one row's form that came back with errors."""
    scope = scope_for_user(staff_user(request))
    items = list(
        found.items.filter(case__in=cases_visible_to(scope))
        .select_related("case", "reviewed_by")
        .order_by("pk")
    )

    def form_for(item: ReviewItem) -> ReviewForm:
        if bound is not None and bound.prefix == f"item-{item.pk}":
            return bound
        return ReviewForm(item=item)

    rows = [(item, form_for(item)) for item in items]
    drawn = sampling.sample_drawn_ids(found)
    population = sampling.sample_population(found)
    context = {
        "nav": "leren",
        "municipality": found.municipality,
        "sample": found,
        "population": population,
        "rows": rows,
        "hidden": len(drawn) - len(items),
        "smaller_than_asked": len(drawn) < population.requested,
        "redraw_agrees": sampling.sample_redraw_check(found) == drawn,
        "population_now": sampling.sample_population_size_now(found),
        "findings": sampling.sample_findings(found),
        "bound": bound,
    }
    return render(request, "web/learning_sample.html", context)


@login_required
@require_GET
def sample_page(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    return _render_sample(request, _sample(request, municipality, pk))


@login_required
@require_POST
def sample_item(request: HttpRequest, municipality: str, pk: int, item: int) -> HttpResponse:
    """Record the verdict on one case; back to its row, or the page with the row's errors."""
    found = _sample(request, municipality, pk)
    review = get_object_or_404(ReviewItem.objects.select_related("case"), pk=item, sample=found)
    if not case_visible_to(scope_for_user(staff_user(request)), review.case):
        raise Http404("Niet gevonden")
    form = ReviewForm(request.POST, item=review)
    if form.is_valid():
        try:
            sampling.review_record(
                by=staff_user(request),
                item=review,
                verdict=form.cleaned_data["verdict"],
                note=form.cleaned_data["note"],
            )
        except PermissionRefused as exc:
            raise Http404("Niet gevonden") from exc
        except LearningError as exc:
            form.add_service_errors(exc.errors)
        else:
            messages.success(request, f"Uw oordeel over {review.case.reference} is opgeslagen.")
            where = {"municipality": found.municipality.code, "pk": found.pk}
            url = reverse("web:learning_sample", kwargs=where)
            return redirect(f"{url}#item-{review.pk}")
    return _render_sample(request, found, bound=form)
