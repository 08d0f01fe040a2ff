"""The worklist (/werk): a person's cases by what falls due first, with queues and filters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET

from regie import limits
from regie.accounts.scope import Scope, may_handle_cases, scope_for_user
from regie.cases import selectors
from regie.cases.aggregates import aggregate_scope_for_user
from regie.cases.models import Case
from regie.cases.presentation import DEADLINE_LABELS
from regie.cases.selectors import TERM_BUCKETS, WorklistFilter
from regie.ui import formkit
from regie.vocabulary import CONCLUDED_STATUSES, Domain, Kind, Status
from regie.web import display
from regie.web.learning import may_learn
from regie.web.staff import staff_user, works_in_the_portal

PAGE_SIZE = 50
# The list's heading counts at most this many cases. Counting every one of a municipality's
# hundreds of thousands of cases costs more than the page itself (bench/scale.py at 10 million
# cases); beyond it the heading says "meer dan 10.000" and a filter narrows the list.
COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """A paginator over the worklist's rows (display.worklist_values) that counts at most
    COUNT_CAP cases: `capped` tells that there are more, and the pages stop at the cap. With
    `page_ids` (selectors.worklist_page_ids) a page is found by its ids first and then read,
    in that order."""

    capped = False

    def __init__(
        self,
        object_list: QuerySet[Case, dict[str, Any]],
        per_page: int,
        page_ids: Callable[[int, int], list[int] | None] | None = None,
        count_capped: Callable[[int], int | None] | None = None,
    ) -> None:
        super().__init__(object_list, per_page)
        self.page_ids = page_ids
        self.count_capped = count_capped

    def page(self, number: int | str) -> Page:
        number = self.validate_number(number)
        offset = (number - 1) * self.per_page
        ids = self.page_ids(offset, self.per_page) if self.page_ids else None
        if ids is None:
            return super().page(number)
        rows: QuerySet[Case, dict[str, Any]] = self.object_list  # type: ignore[assignment]
        found = {row["id"]: row for row in rows.filter(pk__in=ids)}
        return Page([found[i] for i in ids if i in found], number, self)

    @cached_property
    def count(self) -> int:
        counted = self.count_capped(COUNT_CAP) if self.count_capped else None
        if counted is None:
            rows: QuerySet[Case, dict[str, Any]] = self.object_list  # type: ignore[assignment]
            counted = rows.order_by().values("pk")[: COUNT_CAP + 1].count()
        self.capped = counted > COUNT_CAP
        return min(counted, COUNT_CAP)


QUEUES = [
    ("mine", "Mijn zaken"),
    ("team", "Teamwachtrij"),
    ("unassigned", "Niet toegewezen"),
    ("organisations", "Bij aanbieders"),
    ("all", "Alles"),
]
STATUS_FILTERS = [
    ("open", "Open (nog niet afgehandeld)"),
    *((s.value, s.label) for s in Status),
    ("alle", "Alle statussen"),
]
TERM_LABELS = {
    "te-laat": "Te laat",
    "vandaag": "Vandaag",
    "deze-week": "Deze week",
    "volgende-week": "Volgende week",
    "later": "Later",
    "geen": "Zonder termijn",
}
TERM_FILTERS = [(bucket, TERM_LABELS[bucket]) for bucket in TERM_BUCKETS]
# A case without a date cannot be late for one kind of term: the table per kind shows dates.
DATED_BUCKETS = [bucket for bucket in TERM_BUCKETS if bucket != "geen"]


class WorklistFilterForm(forms.Form):
    """GET parameters of /werk. A value that does not fit is ignored, never an error page."""

    wachtrij = forms.ChoiceField(choices=QUEUES, required=False)
    soort = forms.ChoiceField(
        label="Soort",
        choices=[("", "Alle soorten"), *Kind.choices],
        required=False,
        widget=formkit.select(),
    )
    domein = forms.ChoiceField(
        label="Domein",
        choices=[("", "Alle domeinen"), *Domain.choices],
        required=False,
        widget=formkit.select(),
    )
    status = forms.ChoiceField(
        label="Status", choices=STATUS_FILTERS, required=False, widget=formkit.select()
    )
    termijn = forms.ChoiceField(
        label="Termijn",
        choices=[("", "Alle termijnen"), *TERM_FILTERS],
        required=False,
        widget=formkit.select(),
    )
    termijnsoort = forms.ChoiceField(
        label="Soort termijn",
        choices=[("", "Alle soorten termijnen"), *DEADLINE_LABELS.items()],
        required=False,
        widget=formkit.select(),
    )
    zoek = forms.CharField(
        label="Zoek op kenmerk of onderwerp",
        max_length=limits.SEARCH,
        required=False,
        widget=formkit.text_input(type="search"),
    )

    @classmethod
    def showing(cls, flt: WorklistFilter) -> WorklistFilterForm:
        """An unbound form showing the filter in force: values that were ignored do not come
        back as error messages."""
        return cls(
            initial={
                "wachtrij": flt.queue,
                "soort": flt.kind,
                "domein": flt.domain,
                "status": flt.status or "alle",
                "termijn": flt.term,
                "termijnsoort": flt.term_type,
                "zoek": flt.query,
            }
        )

    def value(self, name: str, default: str = "") -> str:
        if not self.is_valid() and name in self.errors:
            return default
        return str(self.cleaned_data.get(name) or default)

    def worklist_filter(self, default_queue: str, today: dt.date) -> WorklistFilter:
        status = self.value("status", "open")
        return WorklistFilter(
            queue=self.value("wachtrij", default_queue),
            kind=self.value("soort"),
            domain=self.value("domein"),
            status="" if status == "alle" else status,
            query=self.value("zoek").strip(),
            term=self.value("termijn"),
            term_type=self.value("termijnsoort"),
            today=today,
        )


@dataclass(frozen=True)
class TermCount:
    bucket: str
    label: str
    count: int
    href: str  # the worklist showing exactly these cases


@dataclass(frozen=True)
class TermKind:
    label: str
    counts: list[TermCount]


@dataclass(frozen=True)
class MyTerms:
    """ "Mijn termijnen": the open cases assigned to me by their nearest term."""

    total: int
    counts: list[TermCount]
    week_end: dt.date
    next_week_end: dt.date


def _mine_filtered(worklist_url: str, **params: str) -> str:
    return f"{worklist_url}?{urlencode({'wachtrij': 'mine', **params})}"


def _mine(scope: Scope, user: User) -> QuerySet[Case]:
    # The same scoped queryset the "Mijn zaken" tab lists, with the buckets its filter uses.
    return selectors.worklist(
        scope, WorklistFilter(queue="mine"), user_id=user.pk, team_ids=scope.team_ids()
    ).order_by()


def my_terms(scope: Scope, user: User, today: dt.date) -> MyTerms:
    # One query whatever the number of cases: conditional counts from the handler's index.
    per_case = _mine(scope, user).aggregate(
        total=Count("pk"),
        **{b: Count("pk", filter=selectors.due_in(b, today)) for b in TERM_BUCKETS},
    )
    url = reverse("web:worklist")
    counts = [
        TermCount(b, TERM_LABELS[b], per_case[b], _mine_filtered(url, termijn=b))
        for b in TERM_BUCKETS
    ]
    sunday = selectors.week_end(today)
    return MyTerms(
        total=per_case["total"],
        counts=counts,
        week_end=sunday,
        next_week_end=sunday + dt.timedelta(days=7),
    )


def my_terms_per_kind(scope: Scope, user: User, today: dt.date) -> list[TermKind]:
    """The open terms of my open cases per kind (a case may have more than one, e.g. the
    acknowledgement and the handling). Its own page, not a block of every worklist view: it
    reads every open term of every open case of mine (at 10M cases, 6,000 of a generated
    handler's: 10-17 ms per view, bench/scale.py)."""
    per_kind = (
        _mine(scope, user)
        .exclude(status__in=CONCLUDED_STATUSES)
        .filter(deadlines__superseded=False, deadlines__met_at__isnull=True)
        .values("deadlines__type")
        .annotate(
            **{
                b: Count("pk", filter=selectors.due_in(b, today, field="deadlines__due"))
                for b in DATED_BUCKETS
            }
        )
    )
    found: dict[str, dict[str, int]] = {str(row["deadlines__type"]): row for row in per_kind}
    # The order of the case page's labels (the order a case meets its terms), unknown last.
    order = [t for t in DEADLINE_LABELS if t in found] + sorted(set(found) - set(DEADLINE_LABELS))
    url = reverse("web:worklist")
    return [
        TermKind(
            label=DEADLINE_LABELS.get(t, t),
            counts=[
                TermCount(
                    b, TERM_LABELS[b], found[t][b], _mine_filtered(url, termijn=b, termijnsoort=t)
                )
                for b in DATED_BUCKETS
            ],
        )
        for t in order
    ]


@login_required
@require_GET
def my_terms_by_kind(request: HttpRequest) -> HttpResponse:
    """/werk/termijnen: "Mijn termijnen" per kind of term."""
    user = staff_user(request)
    scope = scope_for_user(user)
    if works_in_the_portal(scope) or not may_handle_cases(scope):
        return redirect("web:worklist")
    today = timezone.localdate()
    context = {
        "nav": "werk",
        "kinds": my_terms_per_kind(scope, user, today),
        "week_end": selectors.week_end(today),
    }
    return render(request, "web/my_terms_by_kind.html", context)


def _default_queue(scope: Scope, user: User) -> str:
    # A handler opens Regie to continue their own work, so "Mijn zaken" comes first. Someone
    # with nothing of their own (KCC, coordinator, a provider) gets everything open in their
    # scope, sorted by deadline, so unassigned cases that fall due are at the top anyway.
    mine = selectors.worklist(
        scope, selectors.WorklistFilter(queue="mine"), user_id=user.pk, team_ids=scope.team_ids()
    )
    return "mine" if mine.exists() else "all"


@login_required
@require_GET
def worklist(request: HttpRequest) -> HttpResponse:
    user = staff_user(request)
    scope = scope_for_user(user)
    if works_in_the_portal(scope):
        return redirect("providers:worklist")
    if scope.is_empty and not aggregate_scope_for_user(user).is_empty:
        # The college and the council see figures, never a list of cases.
        return redirect("reporting:dashboard")
    form = WorklistFilterForm(request.GET)
    today = timezone.localdate()
    terms = my_terms(scope, user, today) if may_handle_cases(scope) else None
    # An explicit but unknown queue falls back to "all" rather than guessing.
    if request.GET.get("wachtrij"):
        default_queue = "all"
    elif terms is not None:
        default_queue = "mine" if terms.total else "all"
    else:
        default_queue = _default_queue(scope, user)
    flt = form.worklist_filter(default_queue=default_queue, today=today)
    team_ids = scope.team_ids()
    cases = display.worklist_values(
        selectors.worklist(scope, flt, user_id=user.pk, team_ids=team_ids)
    )

    def page_ids(offset: int, limit: int) -> list[int] | None:
        return selectors.worklist_page_ids(
            scope, flt, user_id=user.pk, team_ids=team_ids, offset=offset, limit=limit
        )

    def count_capped(cap: int) -> int:
        return selectors.worklist_count_capped(
            scope, flt, user_id=user.pk, team_ids=team_ids, cap=cap
        )

    paginator = CappedPaginator(cases, PAGE_SIZE, page_ids, count_capped)
    page = paginator.get_page(request.GET.get("pagina"))
    # Tabs and pages keep the other filters; only their own parameter changes.
    rows = display.worklist_rows(list(page.object_list), today)
    keep = request.GET.copy()
    keep.pop("pagina", None)
    keep.pop("wachtrij", None)
    context = {
        "nav": "werk",
        "form": WorklistFilterForm.showing(flt),
        "queue": flt.queue,
        "queues": QUEUES,
        "queue_label": dict(QUEUES).get(flt.queue, "Alles"),
        "term_label": _term_label(flt),
        "my_terms": terms,
        "filters": keep.urlencode(),
        "page": page,
        "rows": rows,
        "rows_html": display.worklist_rows_html(rows),
        "can_capture": not scope.is_empty,
        "can_learn": may_learn(request),  # Leren van klachten (issue 9)
        # Mogelijk spoed (issue 9): open urgent triage suggestions, above every tab.
        "urgent": list(selectors.urgent_suggestions(scope)[:PAGE_SIZE]),
        # Nazorg: whom to ask "hoe gaat het nu?" today (the check-in is on the case page).
        "follow_ups": list(
            selectors.follow_ups_due(
                scope, by=today, queue=flt.queue, user_id=user.pk, team_ids=scope.team_ids()
            )[:PAGE_SIZE]
        ),
    }
    return render(request, "web/worklist.html", context)


def _term_label(flt: WorklistFilter) -> str:
    """The term filter in force, in words for the heading above the list ("" for none)."""
    words = []
    if flt.term_type:
        words.append(DEADLINE_LABELS.get(flt.term_type, flt.term_type).lower())
    if flt.term:
        words.append(TERM_LABELS[flt.term].lower())
    return ", ".join(words)
