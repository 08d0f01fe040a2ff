"""The case page (/werk/zaken/<kenmerk>) and the one view that serves every action on it
(/werk/zaken/<kenmerk>/<actie>, see `regie.web.case_actions`).

A case outside the user's scope is a 404, exactly like a case that does not exist; so is an
action this person may never take on this case.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from regie.accounts.scope import Scope, scope_for_user
from regie.cases import presentation, selectors, services
from regie.cases.bsn import case_bsn, case_bsn_masked
from regie.cases.models import Case
from regie.documents.models import Letter
from regie.privacy import glass
from regie.privacy.models import AccessLog
from regie.privacy.services import access_record
from regie.ui import formkit
from regie.ui.case_actions import ActionForm, offered_sections
from regie.ui.case_forms import outcome_label
from regie.vocabulary import CONCLUDED_STATUSES, Channel, Domain, Kind, Status, Urgency
from regie.web import choices, display
from regie.web.case_actions import ACTIONS, BY_SLUG, ActionRequest, CaseAction
from regie.web.case_glass import glass_page
from regie.web.staff import staff_user, works_in_the_portal
from regie.web.timeline import timeline_entries


def _visible_case(scope: Scope, reference: str) -> Case:
    case = selectors.case_by_reference(scope, reference)
    if case is None:
        raise Http404("Zaak niet gevonden")
    return case


def _request(http: HttpRequest, reference: str) -> ActionRequest:
    user = staff_user(http)
    scope = scope_for_user(user)
    return ActionRequest(
        case=_visible_case(scope, reference), scope=scope, user=user, now=timezone.now()
    )


def _render(
    http: HttpRequest,
    req: ActionRequest,
    failed: tuple[CaseAction, ActionForm] | None = None,
    show_bsn: bool = False,
) -> HttpResponse:
    """The case page; a form that failed comes back with its errors and the error summary."""
    case = req.case
    # The page shows the submitter's personal data: every showing is one record in the audit
    # log; outside one's own work, with the reason given at the glass.
    # Showing the BSN in full is the same one showing, and says so in the reason.
    outside = glass.glass_reason(req.scope, case, now=req.now)
    reasons = [r for r in (outside, BSN_SHOWN if show_bsn else None) if r]
    access_record(
        case=case,
        scope=req.scope,
        action=AccessLog.Action.VIEWED,
        purpose=http.path,
        at=req.now,
        outside_own_work=outside is not None,
        reason=" · ".join(reasons),
    )
    closed = case.status in CONCLUDED_STATUSES
    sections = offered_sections(ACTIONS, req, failed)
    summary: list[formkit.SummaryItem] = failed[1].error_summary() if failed else []
    context = {
        "nav": "werk",
        "case": case,
        "kind_label": Kind(case.kind).label,
        "domain_label": Domain(case.domain).label,
        "channel_label": Channel(case.channel).label,
        "urgency_label": Urgency(case.urgency).label,
        "status_label": Status(case.status).label,
        "closed": closed,
        "outcome_label": outcome_label(case.outcome),
        "handler_name": choices.display_name(case.handler),
        "due": display.due_of(case.next_due, timezone.localdate(req.now)),
        "deadlines": display.deadline_views(
            presentation.deadline_rows(case), concluded_at=case.concluded_at if closed else None
        ),
        "timeline": timeline_entries(selectors.case_timeline(case)),
        "letters": list(Letter.objects.filter(case=case).defer("pdf", "body")),
        "main_sections": [s for s in sections if s.action.column == "main"],
        "side_sections": [s for s in sections if s.action.column == "side"],
        "summary": summary,
        "outside_own_work": outside,
        "bsn": _bsn_view(case, show_bsn),
    }
    return render(http, "web/case.html", context)


@login_required
@require_GET
def case_detail(http: HttpRequest, reference: str) -> HttpResponse:
    user = staff_user(http)
    scope = scope_for_user(user)
    if works_in_the_portal(scope):
        return redirect("providers:case", reference=reference)
    case = selectors.case_by_reference(scope, reference)
    if case is None:
        # Not one's own work: a colleague may still open it after saying why (least
        # privilege with a way out); anyone else gets the same 404 as for no case at all.
        behind = glass.case_behind_glass(scope, reference)
        if behind is None:
            raise Http404("Zaak niet gevonden")
        return glass_page(http, behind)
    return _render(http, ActionRequest(case=case, scope=scope, user=user, now=timezone.now()))


@login_required
@require_POST
def case_action(http: HttpRequest, reference: str, slug: str) -> HttpResponse:
    """Validate the action's form, call its service, and either redirect with a message or
    show the case page again with the errors where they belong."""
    action = BY_SLUG.get(slug)
    if action is None:
        raise Http404("Onbekende actie")
    req = _request(http, reference)
    # A provider's or GR's people act in their portal, which never shows the municipality's
    # internal notes; the staff page (and its actions) is the municipality's.
    if works_in_the_portal(req.scope) or not action.may_try(req):
        raise Http404("Zaak niet gevonden")
    form = action.form(req, http.POST)
    if form.is_valid():
        try:
            result = action.execute(req, form.cleaned_data)
        except services.PermissionRefused as exc:
            raise Http404("Zaak niet gevonden") from exc
        except services.CaseError as exc:
            # Read the case again, so the page shows what a colleague changed meanwhile.
            req = _request(http, reference)
            form.add_service_errors(exc.errors)
        else:
            messages.success(http, action.done(req, result))
            if selectors.case_by_reference(scope_for_user(req.user), reference) is None:
                # The action moved the case out of this person's own work (handed over,
                # re-routed by a confirmed triage): back to the list, not to the glass.
                messages.info(http, "De zaak ligt nu niet meer bij u of uw team.")
                return redirect("web:worklist")
            return redirect("web:case", reference=req.case.reference)
    return _render(http, req, failed=(action, form))


# The BSN (issue 11, regie.cases.bsn) -------------------------------------------------------
# Masked on the page; in full only after "Toon BSN", a POST that writes its own audit record
# with the reason below, so the log says who saw the number and when. A provider's or GR's
# people never see it (their portal has no BSN at all).

BSN_SHOWN = "BSN getoond"


def _bsn_view(case: Case, shown: bool) -> dict[str, object] | None:
    if not case.submitter_bsn_encrypted:
        return None
    return {"shown": shown, "value": case_bsn(case) if shown else case_bsn_masked(case)}


@login_required
@require_POST
def case_show_bsn(http: HttpRequest, reference: str) -> HttpResponse:
    """The case page with the BSN in full: one audit record, its reason "BSN getoond"."""
    req = _request(http, reference)
    if works_in_the_portal(req.scope) or not req.case.submitter_bsn_encrypted:
        raise Http404("Zaak niet gevonden")
    return _render(http, req, show_bsn=True)
