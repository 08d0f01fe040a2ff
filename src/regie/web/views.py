"""Staff pages: worklist, case page (assign, note, deadline facts, concluding), quick capture;
and the accessibility page.

Views parse input, call a selector (always with the user's scope) or one service, and render.
A case outside the user's scope is a 404, exactly like a case that does not exist.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import dateformat, timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regie.accounts.scope import Scope, scope_for_user
from regie.cases import presentation, selectors, services
from regie.cases.models import Case
from regie.intake.capture import QuickCaptureForm
from regie.privacy.models import AccessLog
from regie.privacy.services import access_record
from regie.vocabulary import Channel, Domain, Kind, Outcome, Status, Urgency
from regie.web import choices, deadline_actions, display, formkit
from regie.web.forms import (
    QUEUES,
    AcknowledgementLetterForm,
    AssignForm,
    CommitteeForm,
    ConcludeForm,
    ContactForm,
    FirstConversationForm,
    NoteForm,
    PostponeForm,
    WorklistFilterForm,
)
from regie.web.timeline import timeline_entries

T = TypeVar("T")

PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


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
    user = _user(request)
    scope = scope_for_user(user)
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
    }
    return render(request, "web/worklist.html", context)


def _visible_case(scope: Scope, reference: str) -> Case:
    case = selectors.case_by_reference(scope, reference)
    if case is None:
        raise Http404("Zaak niet gevonden")
    return case


def _may_assign(scope: Scope) -> bool:
    # Mirrors the service rule: providers and API clients do not assign municipal cases.
    return not scope.is_empty and not scope.organisation_ids() and scope.api_client_id is None


def _assign_form(case: Case, data: Any = None) -> AssignForm:
    return AssignForm(
        data,
        case=case,
        teams=choices.teams_for_case(case),
        handlers=choices.handlers_for_case(case),
    )


def _case_page(
    request: HttpRequest,
    *,
    scope: Scope,
    case: Case,
    assign_form: AssignForm | None = None,
    note_form: NoteForm | None = None,
    acknowledgement_form: AcknowledgementLetterForm | None = None,
    contact_form: ContactForm | None = None,
    postpone_form: PostponeForm | None = None,
    committee_form: CommitteeForm | None = None,
    first_conversation_form: FirstConversationForm | None = None,
    conclude_form: ConcludeForm | None = None,
) -> HttpResponse:
    """The case page; a form that failed comes back with its errors and the error summary."""
    # The page shows the submitter's personal data: every showing is in the access log.
    access_record(case=case, scope=scope, action=AccessLog.Action.VIEWED, purpose=request.path)
    user = _user(request)
    may_assign = _may_assign(scope)
    assign_form = assign_form or (_assign_form(case) if may_assign else None)
    note_form = note_form or NoteForm()
    actions = deadline_actions.deadline_actions(case, scope)
    fact_forms = {
        "acknowledgement_form": acknowledgement_form
        or AcknowledgementLetterForm(received_at=case.received_at),
        "contact_form": contact_form or ContactForm(),
        "postpone_form": postpone_form or PostponeForm(),
        "committee_form": committee_form or CommitteeForm(),
        "first_conversation_form": first_conversation_form or FirstConversationForm(),
        "conclude_form": conclude_form or ConcludeForm(kind=case.kind),
    }
    # In page order, so the summary speaks about the form the person just sent.
    candidates: list[formkit.RegieForm | None] = [
        assign_form,
        *fact_forms.values(),
        note_form,
    ]
    failed = next((f for f in candidates if f is not None and f.errors), None)
    closed = case.status == Status.AFGEHANDELD
    context = {
        "nav": "werk",
        "case": case,
        "kind_label": Kind(case.kind).label,
        "domain_label": Domain(case.domain).label,
        "channel_label": Channel(case.channel).label,
        "urgency_label": Urgency(case.urgency).label,
        "status_label": Status(case.status).label,
        "closed": closed,
        "outcome_label": _outcome_label(case.outcome),
        "handler_name": choices.display_name(case.handler),
        "due": display.due_of(case.next_due, timezone.localdate()),
        "deadlines": display.deadline_views(
            presentation.deadline_rows(case), concluded_at=case.concluded_at if closed else None
        ),
        "timeline": timeline_entries(selectors.case_timeline(case)),
        "assign_form": assign_form,
        "note_form": note_form,
        "actions": actions,
        **fact_forms,
        "summary": failed.error_summary() if failed else [],
        "can_take": (
            assign_form is not None
            and assign_form.offers_handler(user.pk)
            and case.handler_id != user.pk
        ),
    }
    return render(request, "web/case.html", context)


def _outcome_label(outcome: str) -> str:
    try:
        return str(Outcome(outcome).label)
    except ValueError:
        return outcome


@login_required
@require_GET
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    scope = scope_for_user(_user(request))
    return _case_page(request, scope=scope, case=_visible_case(scope, reference))


@login_required
@require_POST
def case_assign(request: HttpRequest, reference: str) -> HttpResponse:
    scope = scope_for_user(_user(request))
    case = _visible_case(scope, reference)
    if not _may_assign(scope):
        raise Http404("Zaak niet gevonden")
    form = _assign_form(case, request.POST)

    def assigned(updated: Case) -> str:
        who = choices.display_name(updated.handler) or (
            updated.handling_team.name if updated.handling_team else ""
        )
        return f"{case.reference} is toegewezen aan {who}."

    return _case_action(
        request,
        case=case,
        form=form,
        act=lambda data: services.case_assign(
            case=case, scope=scope, team=data["team"], handler=data["handler"]
        ),
        success=assigned,
        rerender=lambda: _case_page(request, scope=scope, case=case, assign_form=form),
    )


@login_required
@require_POST
def case_note(request: HttpRequest, reference: str) -> HttpResponse:
    scope = scope_for_user(_user(request))
    case = _visible_case(scope, reference)
    form = NoteForm(request.POST)
    return _case_action(
        request,
        case=case,
        form=form,
        act=lambda data: services.case_add_note(case=case, scope=scope, text=data["text"]),
        success=lambda _: "Uw notitie staat in de tijdlijn.",
        rerender=lambda: _case_page(request, scope=scope, case=case, note_form=form),
    )


def _case_action(
    request: HttpRequest,
    *,
    case: Case,
    form: Any,
    act: Callable[[dict[str, Any]], T],
    success: Callable[[T], str],
    rerender: Callable[[], HttpResponse],
) -> HttpResponse:
    """What every form on the case page does: validate, call the one write path, and either
    redirect with a message or show the case page again with the errors where they belong.
    A refusal for lack of scope is a 404, as for reading."""
    if form.is_valid():
        try:
            result = act(form.cleaned_data)
        except services.PermissionRefused as exc:
            raise Http404("Zaak niet gevonden") from exc
        except services.CaseError as exc:
            form.add_service_errors(exc.errors)
        else:
            messages.success(request, success(result))
            return redirect("web:case", reference=case.reference)
    return rerender()


def _fact_case(request: HttpRequest, reference: str) -> tuple[Scope, Case]:
    """The case for recording a deadline fact; 404 for whoever may not (see the services)."""
    scope = scope_for_user(_user(request))
    case = _visible_case(scope, reference)
    if not deadline_actions.may_record_facts(scope):
        raise Http404("Zaak niet gevonden")
    return scope, case


def _in_the_minute(moment: dt.datetime, not_before: dt.datetime) -> dt.datetime:
    """A time typed to the minute means some moment in that minute. When the case came in
    during that same minute (a call registered and recorded at once), take the moment of
    receipt, so the person does not get "before receipt" for the time on the clock."""
    if moment.second or moment.microsecond:
        return moment
    if moment < not_before < moment + dt.timedelta(minutes=1):
        return not_before
    return moment


def _long_date(day: dt.date) -> str:
    return dateformat.format(day, "l j F Y")


@login_required
@require_POST
def case_acknowledgement(request: HttpRequest, reference: str) -> HttpResponse:
    scope, case = _fact_case(request, reference)
    form = AcknowledgementLetterForm(request.POST, received_at=case.received_at)
    if form.is_valid():
        try:
            services.case_record_acknowledgement(
                case=case,
                scope=scope,
                sent_at=form.cleaned_data["sent_at"],
                to=form.cleaned_data["letter_address"] or "per post",
                by="post",
            )
        except services.PermissionRefused as exc:
            raise Http404("Zaak niet gevonden") from exc
        except services.CaseError as exc:
            # Read the case again, so the page shows what a colleague changed meanwhile.
            case = _visible_case(scope, reference)
            form.add_service_errors(exc.errors)
        else:
            sent_on = _long_date(form.cleaned_data["letter_sent_on"])
            messages.success(
                request, f"De ontvangstbevestiging per post van {sent_on} staat in de tijdlijn."
            )
            return redirect("web:case", reference=case.reference)
    return _case_page(request, scope=scope, case=case, acknowledgement_form=form)


@login_required
@require_POST
def case_contact(request: HttpRequest, reference: str) -> HttpResponse:
    scope, case = _fact_case(request, reference)
    form = ContactForm(request.POST)
    return _case_action(
        request,
        case=case,
        form=form,
        act=lambda data: services.case_record_contact(
            case=case,
            scope=scope,
            at=_in_the_minute(data["at"], case.received_at),
            summary=data["summary"],
        ),
        success=lambda _: "Het contact met de indiener staat in de tijdlijn.",
        rerender=lambda: _case_page(request, scope=scope, case=case, contact_form=form),
    )


@login_required
@require_POST
def case_postpone(request: HttpRequest, reference: str) -> HttpResponse:
    scope, case = _fact_case(request, reference)
    form = PostponeForm(request.POST)
    return _case_action(
        request,
        case=case,
        form=form,
        act=lambda data: services.case_postpone(
            case=case,
            scope=scope,
            notice_sent_on=data["notice_sent_on"],
            reason=data["reason"],
        ),
        success=lambda deadline: (
            "De behandeling is verdaagd. De klacht moet nu uiterlijk "
            f"{_long_date(deadline.due)} afgehandeld zijn."
        ),
        rerender=lambda: _case_page(request, scope=scope, case=case, postpone_form=form),
    )


@login_required
@require_POST
def case_committee(request: HttpRequest, reference: str) -> HttpResponse:
    scope, case = _fact_case(request, reference)
    form = CommitteeForm(request.POST)
    return _case_action(
        request,
        case=case,
        form=form,
        act=lambda _: services.case_choose_committee(case=case, scope=scope),
        success=lambda deadline: (
            "De klachtadviescommissie is ingeschakeld. De klacht moet nu uiterlijk "
            f"{_long_date(deadline.due)} afgehandeld zijn."
        ),
        rerender=lambda: _case_page(request, scope=scope, case=case, committee_form=form),
    )


@login_required
@require_POST
def case_first_conversation(request: HttpRequest, reference: str) -> HttpResponse:
    scope, case = _fact_case(request, reference)
    form = FirstConversationForm(request.POST)
    return _case_action(
        request,
        case=case,
        form=form,
        act=lambda data: services.case_record_first_conversation(
            case=case, scope=scope, held_at=_in_the_minute(data["held_at"], case.received_at)
        ),
        success=lambda decision: (
            "Het eerste gesprek is vastgelegd. Het besluit over schuldhulp moet er "
            f"uiterlijk {_long_date(decision.due)} zijn."
        ),
        rerender=lambda: _case_page(request, scope=scope, case=case, first_conversation_form=form),
    )


@login_required
@require_POST
def case_conclude(request: HttpRequest, reference: str) -> HttpResponse:
    scope, case = _fact_case(request, reference)
    form = ConcludeForm(request.POST, kind=case.kind)
    if form.is_valid():
        try:
            closed = services.case_conclude(
                case=case,
                scope=scope,
                outcome=form.cleaned_data["outcome"],
                summary=form.cleaned_data["conclusion"],
            )
        except services.PermissionRefused as exc:
            raise Http404("Zaak niet gevonden") from exc
        except services.CaseError as exc:
            # Read the case again: when a colleague (or a second click) closed it in the
            # meantime, the page must show it closed, with the refusal for the whole form.
            case = _visible_case(scope, reference)
            form.closed = case.status == Status.AFGEHANDELD
            form.add_service_errors(exc.errors)
        else:
            messages.success(
                request,
                f"{case.reference} is afgehandeld. Uitkomst: {_outcome_label(closed.outcome)}.",
            )
            return redirect("web:case", reference=case.reference)
    return _case_page(request, scope=scope, case=case, conclude_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def quick_capture(request: HttpRequest) -> HttpResponse:
    scope = scope_for_user(_user(request))
    municipalities = choices.municipalities_for_intake(scope)
    data = request.POST if request.method == "POST" else None
    form = QuickCaptureForm(data, municipalities=municipalities)
    if form.is_valid():
        try:
            result = services.case_intake(scope=scope, request=form.intake_request())
        except services.PermissionRefused as exc:
            raise Http404("Niet gevonden") from exc
        except services.CaseError as exc:
            form.add_service_errors(exc.errors)
        else:
            reference = result.case.reference
            if selectors.case_by_reference(scope, reference) is None:
                # Registered for a domain this user does not handle: say so, do not 404.
                messages.success(
                    request,
                    f"Vastgelegd als {reference}. Een collega pakt het op; u kunt deze zaak "
                    "zelf niet inzien.",
                )
                return redirect("web:quick_capture")
            messages.success(request, f"Vastgelegd als {reference}.")
            return redirect("web:case", reference=reference)
    context = {"nav": "nieuw", "form": form, "may_capture": bool(municipalities)}
    return render(request, "web/quick_capture.html", context)


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")
