"""Nieuwe onderwerpen en thema's (/werk/leren/<gemeente>/onderwerpen): what residents recently
wrote about that fits no known theme (`regie.learning.emerging`), with a form per topic to name
it as a theme, and the named themes with their weekly counts (`regie.learning.themes`).

Who may come here is the rule of the other "Leren" pages (`learning_municipalities`); anyone
else gets 404. Every count and every text goes through `cases_visible_to(scope)`; what the
page quotes from residents is de-identified first.
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from regie import limits
from regie.accounts.scope import scope_for_user
from regie.cases.selectors import cases_visible_to
from regie.directory.models import Municipality
from regie.learning.common import LearningError, PermissionRefused
from regie.learning.emerging import MAX_TEXTS, WINDOW_WEEKS, EmergingTopic, emerging_topics
from regie.learning.models import Theme
from regie.learning.overview import SHOWN_WEEKS
from regie.learning.themes import MAX_KEYWORDS, NAME_LIMIT, theme_name, themes_counts
from regie.learning.trends import week_start, weeks_between
from regie.ui import formkit
from regie.web.choices import display_name
from regie.web.learning import municipality_or_404
from regie.web.staff import staff_user

OWN = "nieuw"  # the prefix of the form for a theme that comes from no emerging topic


def keyword_list(raw: str) -> list[str]:
    """One keyword or phrase per line; commas separate too."""
    return [word.strip() for word in re.split(r"[\n,]", raw) if word.strip()]


class ThemeForm(formkit.RegieForm):
    """Name a theme. The write path checks the name and every keyword; the form only reads
    the text. One per emerging topic on the page, told apart by its prefix."""

    name = forms.CharField(
        label="Naam van het thema",
        help_text=f"Kort en duidelijk, hooguit {NAME_LIMIT} tekens. Bijvoorbeeld: Stadspas-app.",
        required=False,
        widget=formkit.text_input(),
    )
    keywords = forms.CharField(
        label="Zoekwoorden",
        help_text=(
            "De woorden waaraan Regie het thema herkent in wat inwoners schrijven. Eén per "
            f"regel, hooguit {MAX_KEYWORDS}. Meer woorden op één regel zoekt Regie als zin. "
            "Kies woorden die bij dit onderwerp horen: een algemeen woord als 'app' telt ook "
            "andere zaken mee."
        ),
        required=False,
        max_length=limits.STAFF_TEXT,
        widget=formkit.textarea(rows=4),
        error_messages={"max_length": limits.too_long(limits.STAFF_TEXT)},
    )


def _prefix(key: str) -> str:
    return f"onderwerp-{key}" if key.isdigit() else OWN


def _suggested(topic: EmergingTopic) -> dict[str, str]:
    return {
        "name": " ".join(topic.terms[:2]).capitalize(),
        "keywords": "\n".join(topic.terms),
    }


def _render(
    request: HttpRequest, chosen: Municipality, bound: ThemeForm | None = None
) -> HttpResponse:
    """The page; `bound` is the form that came back with errors, shown where it was."""
    scope = scope_for_user(staff_user(request))
    visible = cases_visible_to(scope).filter(municipality=chosen)
    today = timezone.localdate()
    topics = []
    for topic in emerging_topics(visible, today, weeks=WINDOW_WEEKS):
        prefix = _prefix(topic.key)
        if bound is not None and bound.prefix == prefix:
            form, bound = bound, None
        else:
            form = ThemeForm(prefix=prefix, initial=_suggested(topic))
        topics.append((topic, form))
    # The own form; also a form whose topic is gone meanwhile (new cases regrouped the
    # texts) comes back here, with what was typed and its errors.
    own = bound if bound is not None else ThemeForm(prefix=OWN)
    failed = next((f for _, f in topics if f.is_bound), own if own.is_bound else None)

    themes = list(Theme.objects.filter(municipality=chosen).select_related("created_by"))
    weeks = weeks_between(week_start(today) - dt.timedelta(weeks=SHOWN_WEEKS - 1), today)
    counts = themes_counts(visible, themes, weeks)
    rows = [
        (theme, counts[theme.pk], sum(counts[theme.pk]), display_name(theme.created_by))
        for theme in themes
    ]
    context = {
        "nav": "leren",
        "municipality": chosen,
        "topics": topics,
        "own": own,
        "summary": failed.error_summary() if failed is not None else [],
        "window_weeks": WINDOW_WEEKS,
        "max_texts": MAX_TEXTS,
        "weeks": weeks,
        "themes": rows,
    }
    return render(request, "web/learning_topics.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def topics_page(request: HttpRequest, municipality: str) -> HttpResponse:
    chosen = municipality_or_404(request, municipality)
    if request.method == "GET":
        return _render(request, chosen)
    form = ThemeForm(request.POST, prefix=_prefix(request.POST.get("formulier", "")))
    if form.is_valid():
        try:
            theme = theme_name(
                by=staff_user(request),
                municipality=chosen,
                name=form.cleaned_data["name"],
                keywords=keyword_list(form.cleaned_data["keywords"]),
                at=timezone.now(),
            )
        except PermissionRefused as exc:
            raise Http404("Niet gevonden") from exc
        except LearningError as exc:
            form.add_service_errors(exc.errors)
        else:
            messages.success(
                request,
                f"Het thema {theme.name} is opgeslagen. Zaken met deze zoekwoorden tellen nu "
                "mee bij dit thema en staan niet meer bij de nieuwe onderwerpen.",
            )
            url = reverse("web:learning_topics", kwargs={"municipality": chosen.code})
            return redirect(f"{url}#themas-titel")
    # As the other forms of the staff pages: the page again, with the errors at the fields.
    return _render(request, chosen, bound=form)
