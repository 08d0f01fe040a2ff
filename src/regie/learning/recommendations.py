"""The write path of investigations and recommendations: one function per change, each
checking who asks (`require_learner`) and what is asked (Dutch errors for the form, all at
once), writing in one transaction. A recommendation's history is append-only: every change of
status is a `RecommendationUpdate`, never an edit of an old one.

Reads for the pages are here too (`open_recommendations`, `running_investigations`), so the
pages never assemble their own querysets of these records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from regie import limits
from regie.accounts.scope import Scope
from regie.cases.models import Case
from regie.cases.selectors import cases_visible_to
from regie.directory.models import Municipality
from regie.learning.common import Check, LearningError, require_learner
from regie.learning.models import (
    Investigation,
    InvestigationBasis,
    InvestigationStatus,
    Recommendation,
    RecommendationStatus,
    RecommendationUpdate,
    Theme,
)
from regie.learning.trends import DIMENSIONS

TITLE = 200
OWNER = 200
SOURCE = 300
VALUE = 100
MOST_CASES = 500  # an investigation reads cases one by one: more is a report, not a file
FURTHEST_DUE = dt.timedelta(days=5 * 366)
# A measure may already have been taken before it was written down, but not long before.
EARLIEST_EFFECT = dt.timedelta(days=366)
UNFINISHED = (RecommendationStatus.OPEN, RecommendationStatus.IN_PROGRESS)
# A recommendation about a named theme (learning.themes) rather than a trends dimension.
THEME_SERIES = "eigen-thema"
NOTHING_CHANGED = "Er is niets veranderd. Kies een andere stand of schrijf een toelichting."


def _today(at: dt.datetime) -> dt.date:
    return timezone.localdate(at)


def _cases(
    check: Check, scope: Scope, municipality: Municipality, references: Sequence[str]
) -> list[Case]:
    """The cases named by reference, each visible to `scope` and of `municipality`; a name
    that is not found is an error that says which, without saying whether it exists."""
    wanted = list(dict.fromkeys(r.strip().upper() for r in references if r.strip()))
    if len(wanted) > MOST_CASES:
        check.fail("cases", f"Kies hooguit {MOST_CASES} zaken.")
        return []
    found = {
        c.reference: c
        for c in cases_visible_to(scope).filter(municipality=municipality, reference__in=wanted)
    }
    missing = [r for r in wanted if r not in found]
    if missing:
        check.fail(
            "cases",
            "Deze zaken vinden we niet bij deze gemeente (of u mag ze niet zien): "
            + ", ".join(missing[:10])
            + (" en meer" if len(missing) > 10 else "")
            + ".",
        )
    return [found[r] for r in wanted if r in found]


def investigation_start(
    *,
    by: User,
    scope: Scope,
    municipality: Municipality,
    title: str,
    question: str,
    basis: str,
    source: str = "",
    references: Sequence[str] = (),
    at: dt.datetime | None = None,
) -> Investigation:
    """An own-initiative investigation of a selection of cases (e.g. the cases behind a
    spike, or those a local translation of an ombudsman report points at)."""
    require_learner(by, municipality)
    when = at or timezone.now()
    check = Check()
    title = check.text("title", title, limit=TITLE, required="Geef het onderzoek een titel.")
    question = check.text(
        "question", question, limit=limits.STAFF_TEXT, required="Schrijf de onderzoeksvraag op."
    )
    check.choice("basis", basis, InvestigationBasis, "Kies de aanleiding.")
    source = check.text("source", source, limit=SOURCE)
    cases = _cases(check, scope, municipality, references)
    check.done()
    with transaction.atomic():
        investigation = Investigation.objects.create(
            municipality=municipality,
            title=title,
            question=question,
            basis=basis,
            source=source,
            created_by=by,
            created_at=when,
        )
        investigation.cases.set(cases)
    return investigation


def investigation_add_cases(
    *, by: User, scope: Scope, investigation: Investigation, references: Sequence[str]
) -> int:
    """Add cases to a running investigation; the number added (cases already in it count
    once)."""
    require_learner(by, investigation.municipality)
    check = Check()
    if investigation.status != InvestigationStatus.RUNNING:
        check.fail("cases", "Dit onderzoek is afgerond. Start een nieuw onderzoek.")
    if not [r for r in references if r.strip()]:
        check.fail("cases", "Vul ten minste één zaaknummer in.")
    cases = (
        _cases(check, scope, investigation.municipality, references) if check.ok("cases") else []
    )
    if check.ok("cases") and investigation.cases.count() + len(cases) > MOST_CASES:
        check.fail("cases", f"Een onderzoek heeft hooguit {MOST_CASES} zaken.")
    check.done()
    before = set(investigation.cases.values_list("pk", flat=True))
    investigation.cases.add(*cases)
    return len({c.pk for c in cases} - before)


def investigation_close(
    *, by: User, investigation: Investigation, findings: str, at: dt.datetime | None = None
) -> Investigation:
    require_learner(by, investigation.municipality)
    check = Check()
    findings = check.text(
        "findings",
        findings,
        limit=limits.STAFF_TEXT,
        required="Schrijf op wat het onderzoek heeft opgeleverd.",
    )
    with transaction.atomic():
        current = Investigation.objects.select_for_update().get(pk=investigation.pk)
        if current.status != InvestigationStatus.RUNNING:
            check.fail("findings", "Dit onderzoek is al afgerond.")
        check.done()
        current.status = InvestigationStatus.DONE
        current.findings = findings
        current.closed_at = at or timezone.now()
        current.save(update_fields=["status", "findings", "closed_at"])
    return current


def _series(
    check: Check, municipality: Municipality, dimension: str, value: str
) -> tuple[str, str]:
    """The series a recommendation is about: none, a dimension of the trends and a value, or
    one of the municipality's named themes (`THEME_SERIES`, the theme's id)."""
    dimension, value = dimension.strip(), value.strip()
    if not dimension and not value:
        return "", ""
    if dimension == THEME_SERIES:
        if (
            not value.isdigit()
            or not Theme.objects.filter(pk=int(value), municipality=municipality).exists()
        ):
            check.fail("dimension", "Kies een thema van deze gemeente.")
        return dimension, value
    if dimension not in DIMENSIONS:
        check.fail("dimension", "Kies waar de aanbeveling over gaat uit de lijst.")
    value = check.text("value", value, limit=VALUE, required="Kies waar de aanbeveling over gaat.")
    return dimension, value


def recommendation_make(
    *,
    by: User,
    municipality: Municipality,
    title: str,
    owner: str,
    due_date: dt.date | None,
    text: str = "",
    dimension: str = "",
    value: str = "",
    spike_week: dt.date | None = None,
    investigation: Investigation | None = None,
    at: dt.datetime | None = None,
) -> Recommendation:
    """A recommendation: what should change, who sees to it and by when. With a series
    (`dimension`, `value`) its page shows the trend before and after it took effect."""
    require_learner(by, municipality)
    when = at or timezone.now()
    today = _today(when)
    check = Check()
    title = check.text("title", title, limit=TITLE, required="Schrijf op wat er moet veranderen.")
    text = check.text("text", text, limit=limits.STAFF_TEXT)
    owner = check.text(
        "owner", owner, limit=OWNER, required="Vul in wie ervoor zorgt (een functie of team)."
    )
    if due_date is None:
        check.fail("due_date", "Vul in wanneer het klaar moet zijn.")
    elif due_date < today:
        check.fail("due_date", "Kies een datum vanaf vandaag.")
    elif due_date > today + FURTHEST_DUE:
        check.fail("due_date", "Kies een datum binnen vijf jaar.")
    dimension, value = _series(check, municipality, dimension, value)
    if spike_week is not None and (not dimension or spike_week.weekday() != 0):
        check.fail("dimension", "De week van de stijging hoort bij een reeks en begint op maandag.")
    if investigation is not None and investigation.municipality_id != municipality.pk:
        check.fail("investigation", "Dit onderzoek hoort bij een andere gemeente.")
    check.done()
    assert due_date is not None
    with transaction.atomic():
        recommendation = Recommendation.objects.create(
            municipality=municipality,
            investigation=investigation,
            title=title,
            text=text,
            owner=owner,
            due_date=due_date,
            dimension=dimension,
            value=value,
            spike_week=spike_week,
            created_by=by,
            created_at=when,
            updated_at=when,
        )
        RecommendationUpdate.objects.create(
            recommendation=recommendation,
            status=RecommendationStatus.OPEN,
            note="Aanbeveling gemaakt.",
            by=by,
            at=when,
        )
    return recommendation


def recommendation_update(
    *,
    by: User,
    recommendation: Recommendation,
    status: str,
    note: str = "",
    effective_from: dt.date | None = None,
    at: dt.datetime | None = None,
) -> RecommendationUpdate:
    """A new status (or a note on the same one). Carried out ("uitgevoerd"): from
    `effective_from` (default: today) the trend counts as "after"."""
    require_learner(by, recommendation.municipality)
    when = at or timezone.now()
    today = _today(when)
    check = Check()
    check.choice("status", status, RecommendationStatus, "Kies een stand uit de lijst.")
    note = check.text("note", note, limit=limits.STAFF_TEXT)
    if effective_from is not None:
        if status != RecommendationStatus.DONE:
            check.fail(
                "effective_from", "Vul deze datum alleen in als de aanbeveling is uitgevoerd."
            )
        elif effective_from > today:
            check.fail("effective_from", "Kies vandaag of een dag in het verleden.")
        elif effective_from < timezone.localdate(recommendation.created_at) - dt.timedelta(
            days=366
        ):
            check.fail("effective_from", "Kies een datum na het begin van de aanbeveling.")
    if status == RecommendationStatus.DECLINED and not note:
        check.fail("note", "Schrijf op waarom de aanbeveling niet wordt overgenomen.")
    with transaction.atomic():
        current = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        if (
            check.ok("status")
            and status == current.status
            and not note
            and (effective_from is None or effective_from == current.effective_from)
        ):
            check.fail("status", NOTHING_CHANGED)
        check.done()
        current.status = status
        if status == RecommendationStatus.DONE:
            current.effective_from = effective_from or current.effective_from or today
        else:
            current.effective_from = None
        current.updated_at = when
        current.save(update_fields=["status", "effective_from", "updated_at"])
        update = RecommendationUpdate.objects.create(
            recommendation=current, status=status, note=note, by=by, at=when
        )
    recommendation.refresh_from_db()
    return update


def is_late(recommendation: Recommendation, today: dt.date) -> bool:
    return recommendation.status in UNFINISHED and recommendation.due_date < today


def recommendations_of(municipality: Municipality) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(municipality=municipality).select_related("investigation")


def open_recommendations(municipality: Municipality, today: dt.date) -> list[Recommendation]:
    """For the overview: unfinished ones, and those finished in the last year (their effect
    is what the page is for)."""
    year_ago = today - dt.timedelta(days=365)
    rows = recommendations_of(municipality).filter(status__in=UNFINISHED) | recommendations_of(
        municipality
    ).filter(updated_at__date__gte=year_ago)
    return list(rows.distinct().order_by("due_date", "pk"))


def investigations_of(municipality: Municipality) -> QuerySet[Investigation]:
    return Investigation.objects.filter(municipality=municipality)


def running_investigations(municipality: Municipality) -> list[Investigation]:
    return list(investigations_of(municipality).filter(status=InvestigationStatus.RUNNING))


__all__ = ["LearningError", "investigation_add_cases", "investigation_close"]
__all__ += ["investigation_start", "is_late", "open_recommendations", "recommendation_make"]
__all__ += ["recommendation_update", "recommendations_of", "running_investigations"]
