"""The provider and GR portal (/aanbieder): the organisation's own work, and only that.

Everything is read through the scoped selectors (a case of another organisation is a 404,
like one that does not exist) and changed through the same write path as the municipality's.
Every showing of a case's personal data is in the access log.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from regie.accounts.scope import Scope, scope_for_user
from regie.cases import presentation, selectors, services
from regie.directory.models import Organisation
from regie.privacy.models import AccessLog
from regie.privacy.services import access_record
from regie.providers import seen
from regie.providers.actions import ACTIONS, BY_SLUG
from regie.ui.case_actions import ActionForm, ActionRequest, CaseAction, offered_sections
from regie.ui.case_forms import outcome_label
from regie.vocabulary import Domain, Kind, Status

PAGE_SIZE = 50
QUEUES = [
    ("bij-ons", "Bij ons"),
    ("nieuw", "Nog accepteren"),
    ("afgehandeld", "Afgehandeld"),
    ("over-ons", "Over ons, bij de gemeente"),
    ("door-ons", "Door ons gemeld"),
]


def portal_user(request: HttpRequest) -> tuple[User, Scope]:
    """The logged-in user of a provider or GR; anyone else finds no portal here."""
    user = request.user
    assert isinstance(user, User)  # guaranteed by @login_required
    scope = scope_for_user(user)
    if not scope.organisation_ids():
        raise Http404("Geen portaal")
    return user, scope


def organisations_of(scope: Scope) -> list[Organisation]:
    return list(Organisation.objects.filter(pk__in=scope.organisation_ids()).order_by("name"))


@login_required
@require_GET
def worklist(request: HttpRequest) -> HttpResponse:
    _, scope = portal_user(request)
    queue = request.GET.get("wachtrij", "bij-ons")
    if queue not in dict(QUEUES):
        queue = "bij-ons"
    cases = selectors.organisation_worklist(scope, queue)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("pagina"))
    today = timezone.localdate()
    rows = [
        {
            "case": case,
            "due": presentation.due_state(case.next_due, today),
            "due_word": presentation.DUE_STATE_LABELS[
                presentation.due_state(case.next_due, today)
            ].lower(),
        }
        for case in page.object_list
    ]
    context = {
        "nav": "aanbieder",
        "organisations": organisations_of(scope),
        "queues": QUEUES,
        "queue": queue,
        "queue_label": dict(QUEUES)[queue],
        "page": page,
        "rows": rows,
    }
    return render(request, "providers/worklist.html", context)


def _request(http: HttpRequest, reference: str) -> ActionRequest:
    user, scope = portal_user(http)
    case = selectors.case_by_reference(scope, reference)
    if case is None:
        raise Http404("Zaak niet gevonden")
    return ActionRequest(case=case, scope=scope, user=user, now=timezone.now())


def _render(
    http: HttpRequest, req: ActionRequest, failed: tuple[CaseAction, ActionForm] | None = None
) -> HttpResponse:
    case = req.case
    shared = seen.with_us(req.scope, case)
    if shared:
        # The resident's contact details are on this page: the showing is logged.
        access_record(
            case=case,
            scope=req.scope,
            action=AccessLog.Action.VIEWED,
            purpose=http.path,
            at=req.now,
        )
    context = {
        "nav": "aanbieder",
        "case": case,
        "kind_label": Kind(case.kind).label,
        "domain_label": Domain(case.domain).label,
        "status_label": Status(case.status).label,
        "outcome_label": outcome_label(case.outcome),
        "shared": shared,
        "deadlines": presentation.deadline_rows(case),
        "timeline": seen.timeline(selectors.case_timeline(case), seen.own_people(req.scope)),
        "sections": offered_sections(ACTIONS, req, failed),
        "summary": failed[1].error_summary() if failed else [],
    }
    return render(http, "providers/case.html", context)


@login_required
@require_GET
def case_detail(http: HttpRequest, reference: str) -> HttpResponse:
    return _render(http, _request(http, reference))


@login_required
@require_POST
def case_action(http: HttpRequest, reference: str, slug: str) -> HttpResponse:
    action = BY_SLUG.get(slug)
    if action is None:
        raise Http404("Onbekende actie")
    req = _request(http, reference)
    if not action.may_try(req):
        raise Http404("Zaak niet gevonden")
    form = action.form(req, http.POST)
    if form.is_valid():
        try:
            result = action.execute(req, form.cleaned_data)
        except services.PermissionRefused as exc:
            raise Http404("Zaak niet gevonden") from exc
        except services.CaseError as exc:
            req = _request(http, reference)
            form.add_service_errors(exc.errors)
        else:
            messages.success(http, action.done(req, result))
            return redirect("providers:case", reference=req.case.reference)
    return _render(http, req, failed=(action, form))
