"""The worklist (/werk): a person's cases by what falls due first, with queues and filters."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from regie import limits
from regie.accounts.scope import Scope, scope_for_user
from regie.cases import selectors
from regie.cases.aggregates import aggregate_scope_for_user
from regie.cases.selectors import WorklistFilter
from regie.ui import formkit
from regie.vocabulary import Domain, Kind, Status
from regie.web import display
from regie.web.learning import may_learn
from regie.web.staff import staff_user, works_in_the_portal

PAGE_SIZE = 50

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
                "zoek": flt.query,
            }
        )

    def value(self, name: str, default: str = "") -> str:
        if not self.is_valid() and name in self.errors:
            return default
        return str(self.cleaned_data.get(name) or default)

    def worklist_filter(self, default_queue: str) -> WorklistFilter:
        status = self.value("status", "open")
        return WorklistFilter(
            queue=self.value("wachtrij", default_queue),
            kind=self.value("soort"),
            domain=self.value("domein"),
            status="" if status == "alle" else status,
            query=self.value("zoek").strip(),
        )


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
    # An explicit but unknown queue falls back to "all" rather than guessing.
    default_queue = "all" if request.GET.get("wachtrij") else _default_queue(scope, user)
    flt = form.worklist_filter(default_queue=default_queue)
    cases = selectors.worklist(scope, flt, user_id=user.pk, team_ids=scope.team_ids())
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("pagina"))
    today = timezone.localdate()
    # Tabs and pages keep the other filters; only their own parameter changes.
    keep = request.GET.copy()
    keep.pop("pagina", None)
    keep.pop("wachtrij", None)
    context = {
        "nav": "werk",
        "form": WorklistFilterForm.showing(flt),
        "queue": flt.queue,
        "queues": QUEUES,
        "queue_label": dict(QUEUES).get(flt.queue, "Alles"),
        "filters": keep.urlencode(),
        "page": page,
        "rows": display.worklist_rows(list(page.object_list), today),
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
