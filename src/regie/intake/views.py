"""Public pages: start page, the form, the receipt and the private status page.

Views parse input and call the intake service or a selector; nothing here filters cases.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regie import limits
from regie.accounts.scope import scope_for_public_web, scope_for_resident
from regie.cases import presentation, selectors, services
from regie.cases.models import Case, EventType
from regie.cases.services.acknowledgement import acknowledgement_skipped
from regie.cases.urls_public import status_url
from regie.directory.models import Municipality
from regie.intake import choices, history
from regie.intake.forms import (
    AddInformationForm,
    FollowUpForm,
    PublicIntakeForm,
    WithdrawForm,
    prefill_from_query,
)
from regie.privacy.services import download_record
from regie.ui import formkit
from regie.ui.throttle import rate_limited
from regie.vocabulary import Kind


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "intake/home.html", {"municipalities": choices.municipalities()})


TOO_MANY = "intake/too_many_requests.html"
# Posts of the form are counted per client address: the form makes the municipality write to
# an address the visitor chooses (issue 11). Refused before anything is read or written.
form_limit = rate_limited(
    group="intake:form", rate_setting="REGIE_RATE_FORM", template=TOO_MANY, methods=("POST",)
)
# Every view of and action on a status page (the token is the only key) counts per address.
status_limit = rate_limited(
    group="intake:status", rate_setting="REGIE_RATE_STATUS", template=TOO_MANY
)


def _chosen_municipality(
    municipalities: list[Municipality], code: str | None
) -> Municipality | None:
    if len(municipalities) == 1:
        return municipalities[0]
    return next((m for m in municipalities if m.code == code), None)


@form_limit
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    municipalities = choices.municipalities()
    data = request.POST if request.method == "POST" else None
    # Every organisation: without JavaScript the list cannot follow the chosen
    # municipality, and the intake service explains a mismatch better than "not in list".
    organisations = choices.organisations_serving(None)
    # The start page links to /melden?soort=klacht etc., so the first question is answered;
    # the wegwijzer's "Meld het hier" also fills in municipality, domain, about and text.
    form = PublicIntakeForm(
        data,
        initial=prefill_from_query(
            request.GET, municipalities=municipalities, organisations=organisations
        ),
        municipalities=municipalities,
        organisations=organisations,
    )
    if form.is_valid():
        try:
            result = services.case_intake(
                scope=scope_for_public_web(), request=form.intake_request()
            )
        except services.CaseError as exc:
            form.add_service_errors(exc.errors)
        else:
            # POST-redirect-GET: a reload of the receipt never submits twice.
            return redirect("intake:receipt", token=result.case.status_token)
    return render(request, "intake/submit.html", {"form": form, "nav": "melden"})


@require_GET
def about_options(request: HttpRequest) -> HttpResponse:
    """htmx enhancement: the 'about an organisation' field for the chosen municipality."""
    municipalities = choices.municipalities()
    chosen = _chosen_municipality(municipalities, request.GET.get("municipality"))
    form = PublicIntakeForm(
        initial={"about": request.GET.get("about", "")},
        municipalities=municipalities,
        organisations=choices.organisations_serving(chosen),
    )
    return render(request, "intake/_about_field.html", {"form": form})


def _case_for_token(token: str) -> Case:
    case = selectors.case_by_status_token(token)
    if case is None:
        raise Http404("Onbekende statuslink")
    return case


def _private(response: HttpResponse) -> HttpResponse:
    # The token in the address is the only key: keep it out of caches and search engines.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@status_limit
@never_cache
@require_GET
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    case = _case_for_token(token)
    events = list(selectors.case_timeline(case))
    context = {
        "case": case,
        "kind_word": history.kind_word(case),
        "status_url": status_url(case, request),
        "acknowledgement": "skipped"
        if acknowledgement_skipped(events)
        else history.acknowledgement_state(case, events),
        "filed_as_complaint": any(
            e.type == EventType.RECEIVED and (e.payload or {}).get("filedAs") == Kind.KLACHT
            for e in events
        ),
        "deadlines": presentation.deadline_rows(case, public=True),
    }
    return _private(render(request, "intake/receipt.html", context))


class AttachmentLimit(FileUploadHandler):
    """Stops taking in a file once it passes the size limit: the rest of it is read and
    dropped, never written to disk, and the form says the file is too large. It runs before
    Django's own handlers, which therefore never see more than the limit."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.received = 0
        self.too_large = False

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > limits.ATTACHMENT_BYTES:
            self.too_large = True
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def _offered(check: Callable[..., Any], case: Case) -> tuple[bool, str]:
    """Whether the resident's action is open now, and if not, the kind word why."""
    try:
        check(case=case, scope=scope_for_resident(), at=timezone.now())
    except services.CaseError as exc:
        return False, " ".join(exc.errors.values())
    return True, ""


def _status_page(
    request: HttpRequest,
    case: Case,
    *,
    information: AddInformationForm | None = None,
    follow_up: FollowUpForm | None = None,
    status_code: int = 200,
) -> HttpResponse:
    events = list(selectors.case_timeline(case))
    may_add, add_refused = _offered(services.case_add_information_check, case)
    may_withdraw, _ = _offered(services.case_withdraw_check, case)
    question = services.follow_up_question_open(case, timezone.localdate())
    planned = services.open_follow_up(case)
    failed: formkit.RegieForm | None = next(
        (form for form in (information, follow_up) if form is not None and form.errors), None
    )
    context = {
        "case": case,
        "kind_label": Kind(case.kind).label,
        "kind_word": history.kind_word(case),
        "status_text": history.status_text(case),
        "deadlines": presentation.deadline_rows(case, public=True),
        "steps": history.public_history(case, events),
        "may_add": may_add,
        "add_refused": add_refused,
        "information_form": information or AddInformationForm(),
        "may_withdraw": may_withdraw,
        "question": question,
        "follow_up_form": follow_up or FollowUpForm(),
        "follow_up_planned": planned if question is None else None,
        # The letters the municipality sent, to read again or print (the PDF as it went out).
        "letters": list(case.letters.defer("pdf").order_by("created_at", "pk")),
        "summary": failed.error_summary() if failed is not None else [],
    }
    return _private(render(request, "intake/status.html", context, status=status_code))


@status_limit
@never_cache
@require_GET
def status(request: HttpRequest, token: str) -> HttpResponse:
    return _status_page(request, _case_for_token(token))


@status_limit
@never_cache
@require_GET
def status_letter(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    """A letter of this case as it was sent (PDF/A). The token is the key, as for the page;
    a letter of another case is a 404, whatever its number."""
    case = _case_for_token(token)
    letter = case.letters.filter(pk=pk).first()
    if letter is None:
        raise Http404("Brief niet gevonden")
    filename = f"{case.reference}-{letter.kind}.pdf"
    # Whoever holds the token gets the letter with name and address: in the audit log, so a
    # leaked link shows up there (from where, how often).
    download_record(case=case, subject=filename, scope=scope_for_resident(), purpose="Statuspagina")
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    response["Content-Disposition"] = disposition or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)


@status_limit
@csrf_exempt
@never_cache
@require_POST
def add_information(request: HttpRequest, token: str) -> HttpResponse:
    """More information, with at most one file. The size limit is enforced while the body is
    read (`AttachmentLimit`), so the handler goes in before anything reads the form; the CSRF
    check therefore runs inside, once the handler is in place."""
    limit = AttachmentLimit(request)
    request.upload_handlers = [limit, *request.upload_handlers]
    return _add_information(request, token, limit)


@csrf_protect
def _add_information(request: HttpRequest, token: str, limit: AttachmentLimit) -> HttpResponse:
    case = _case_for_token(token)
    form = AddInformationForm(request.POST, request.FILES, too_large=limit.too_large)
    if form.is_valid():
        try:
            services.case_add_information(
                case=case,
                text=form.cleaned_data["text"],
                attachment=form.cleaned_data["attachment"],
            )
        except services.CaseError as exc:
            form.add_service_errors(exc.errors)
        else:
            messages.success(
                request,
                "Dank u wel. Wij hebben uw informatie ontvangen. De medewerker leest het bij uw "
                f"{history.kind_word(case)}.",
            )
            return redirect("intake:status", token=token)
    return _status_page(request, case, information=form)


@status_limit
@never_cache
@require_POST
def answer_follow_up(request: HttpRequest, token: str) -> HttpResponse:
    case = _case_for_token(token)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.case_answer_follow_up(
                case=case, solved=data["solved"], score=data["score"], comment=data["comment"]
            )
        except services.CaseError as exc:
            form.add_service_errors(exc.errors)
        else:
            word = history.kind_word(case)
            messages.success(
                request,
                "Dank u wel voor uw antwoord. Fijn dat het is opgelost."
                if data["solved"]
                else f"Dank u wel voor uw antwoord. Wij pakken uw {word} weer op en nemen "
                "contact met u op.",
            )
            return redirect("intake:status", token=token)
    return _status_page(request, case, follow_up=form)


@status_limit
@never_cache
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    """Withdraw a complaint or help request: a confirmation page first, then one step."""
    case = _case_for_token(token)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    may_withdraw, refused = _offered(services.case_withdraw_check, case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_withdraw(case=case, reason=form.cleaned_data["reason"])
        except services.CaseError as exc:
            form.add_service_errors(exc.errors)
        else:
            messages.success(
                request, f"Uw {history.kind_word(case)} is ingetrokken. Wij doen er niets meer mee."
            )
            return redirect("intake:status", token=token)
    context = {
        "case": case,
        "kind_word": history.kind_word(case),
        "form": form,
        "may_withdraw": may_withdraw,
        "refused": refused,
        "summary": form.error_summary() if form.errors else [],
    }
    return _private(render(request, "intake/withdraw.html", context))
