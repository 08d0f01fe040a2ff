"""Privacyverzoeken (/privacy/verzoeken), for the privacy officer: a resident's request to see,
correct or object (GDPR art. 15, 16, 21), its legal month with a traffic light, finding the
resident's cases, the export as JSON and PDF/A, the correction and the answer or decision.

The rules and the writes are `privacy.subject_rights`; everyone else gets 404. The daily
deadline mail does not list these requests yet: the list page is where the month is watched.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import dateformat, timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from regie.cases import services as case_services
from regie.cases.models import Event
from regie.cases.presentation import DUE_STATE_LABELS, due_state
from regie.cases.services import CaseError, PermissionRefused
from regie.documents.pdf import render_pdf
from regie.privacy import subject_rights as rights
from regie.privacy.models import DataSubjectRequest
from regie.web.privacy_request_forms import (
    CloseForm,
    ConfirmForm,
    ExtendForm,
    RectifyForm,
    RequestForm,
    SearchForm,
)
from regie.web.staff import staff_user
from regie.web.timeline import timeline_entries

NOT_FOUND = "Niet gevonden"


# ── Pages ────────────────────────────────────────────────────────────────────────────────


def _officer(http: HttpRequest) -> User:
    user = staff_user(http)
    ids = rights.officer_municipality_ids(user)
    if ids is not None and not ids:
        raise Http404(NOT_FOUND)
    return user


def _light(request: DataSubjectRequest, today: dt.date) -> dict[str, str]:
    if request.status != DataSubjectRequest.Status.OPEN:
        return {"state": "met", "word": "Afgehandeld"}
    state = due_state(request.due_on, today)
    return {"state": state, "word": DUE_STATE_LABELS[state]}


@login_required
@require_GET
def request_list(http: HttpRequest) -> HttpResponse:
    user = _officer(http)
    today = timezone.localdate()
    rows = [(r, _light(r, today)) for r in rights.requests_for(user)[:500]]
    return render(http, "web/privacy_requests.html", {"nav": "privacy", "rows": rows})


@login_required
def request_new(http: HttpRequest) -> HttpResponse:
    user = _officer(http)
    form = RequestForm(http.POST if http.method == "POST" else None, user=user)
    if http.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = rights.request_create(
                    user=user,
                    municipality=data["gemeente"],
                    kind=data["soort"],
                    requester_name=data["naam"],
                    requester_contact=data["contact"],
                    identity_check=data["identiteit"],
                    received_on=data["ontvangen"],
                    request_text=data["verzoek"],
                )
            except PermissionRefused:
                raise Http404(NOT_FOUND) from None
            except CaseError as error:
                form.add_service_errors(error.errors)
            else:
                messages.success(
                    http,
                    "Het verzoek is vastgelegd. Beantwoord het uiterlijk "
                    f"{created.due_on:%d-%m-%Y}.",
                )
                return redirect("web:privacy_request", pk=created.pk)
        return render(
            http, "web/privacy_request_new.html", {"nav": "privacy", "form": form}, status=400
        )
    return render(http, "web/privacy_request_new.html", {"nav": "privacy", "form": form})


def _request(http: HttpRequest, pk: int) -> tuple[User, DataSubjectRequest]:
    user = _officer(http)
    found = rights.request_for(user, pk)
    if found is None:
        raise Http404(NOT_FOUND)
    return user, found


def _page(
    http: HttpRequest,
    user: User,
    request: DataSubjectRequest,
    status: int = 200,
    **forms_given: Any,
) -> HttpResponse:
    today = timezone.localdate()
    confirmed = rights.confirmed_cases(request)
    search = SearchForm(http.GET) if http.GET else SearchForm()
    matches: list[rights.Match] = []
    if http.GET and search.is_valid():
        matches = rights.person_find(
            user=user, municipality_id=request.municipality_id, identifiers=search.identifiers()
        )
    offered = {m.case.reference: (m.case, ", ".join(m.by)) for m in matches}
    for case in confirmed:
        offered.setdefault(case.reference, (case, "eerder bevestigd"))
    confirm = forms_given.get("confirm") or ConfirmForm(references=sorted(offered))
    checked = set(http.POST.getlist("zaken")) if confirm.is_bound else set(request.case_references)
    first = confirmed[0] if confirmed else None
    context = {
        "nav": "privacy",
        "verzoek": request,
        "light": _light(request, today),
        "open": request.status == DataSubjectRequest.Status.OPEN,
        "decided": request.kind in rights.DECIDED_KINDS,
        "may_extend": request.extended_at is None and today <= request.due_on,
        "search": search,
        "searched": bool(http.GET),
        "matches": matches,
        "confirm": confirm,
        "offered": [
            (reference, case, by, reference in checked)
            for reference, (case, by) in sorted(
                offered.items(), key=lambda i: i[1][0].received_at, reverse=True
            )
        ],
        "confirmed": confirmed,
        "rectify": forms_given.get("rectify")
        or RectifyForm(
            initial={
                "kenmerk": first.reference,
                "naam": first.submitter_name,
                "email": first.submitter_email,
                "telefoon": first.submitter_phone,
                "straat": first.submitter_street,
                "huisnummer": first.submitter_house_number,
                "postcode": first.submitter_postcode,
                "woonplaats": first.submitter_city,
            }
            if first
            else None,
            references=request.case_references,
        ),
        "extend": forms_given.get("extend") or ExtendForm(),
        "close": forms_given.get("close") or CloseForm(),
    }
    return render(http, "web/privacy_request.html", context, status=status)


@login_required
@require_GET
def request_page(http: HttpRequest, pk: int) -> HttpResponse:
    user, request = _request(http, pk)
    return _page(http, user, request)


@login_required
@require_POST
def request_step(http: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Every change on the request page: confirm the cases, correct, extend, answer."""
    user, request = _request(http, pk)
    handlers = {
        "zaken": _confirm,
        "corrigeren": _rectify,
        "verlengen": _extend,
        "afhandelen": _close,
    }
    if step not in handlers:
        raise Http404(NOT_FOUND)
    if request.status != DataSubjectRequest.Status.OPEN:
        # The page offers no forms then; a post from an old tab gets the reason.
        messages.error(http, "Dit verzoek is al afgehandeld.")
        return _page(http, user, request, status=400)
    try:
        return handlers[step](http, user, request)
    except PermissionRefused:
        raise Http404(NOT_FOUND) from None


def _confirm(http: HttpRequest, user: User, request: DataSubjectRequest) -> HttpResponse:
    form = ConfirmForm(http.POST, references=http.POST.getlist("zaken"))
    if form.is_valid():
        try:
            rights.request_confirm_cases(
                user=user, request=request, references=form.cleaned_data["zaken"]
            )
        except CaseError as error:
            form.add_service_errors(error.errors)
        else:
            messages.success(http, "De zaken van de inwoner zijn bevestigd.")
            return redirect("web:privacy_request", pk=request.pk)
    return _page(http, user, request, status=400, confirm=form)


def _rectify(http: HttpRequest, user: User, request: DataSubjectRequest) -> HttpResponse:
    form = RectifyForm(http.POST, references=request.case_references)
    if form.is_valid():
        data = form.cleaned_data
        try:
            changed = rights.request_rectify(
                user=user,
                request=request,
                reference=data["kenmerk"],
                name=data["naam"],
                email=data["email"],
                phone=data["telefoon"],
                address=case_services.Address(
                    street=data["straat"],
                    house_number=data["huisnummer"],
                    postcode=data["postcode"],
                    city=data["woonplaats"],
                ),
            )
        except CaseError as error:
            form.add_service_errors(error.errors)
        else:
            messages.success(http, f"Gecorrigeerd in zaak {data['kenmerk']}: {', '.join(changed)}.")
            return redirect("web:privacy_request", pk=request.pk)
    return _page(http, user, request, status=400, rectify=form)


def _extend(http: HttpRequest, user: User, request: DataSubjectRequest) -> HttpResponse:
    form = ExtendForm(http.POST)
    if form.is_valid():
        try:
            extended = rights.request_extend(
                user=user, request=request, reason=form.cleaned_data["reden"]
            )
        except CaseError as error:
            form.add_service_errors(error.errors)
        else:
            messages.success(http, f"Verlengd tot en met {extended.due_on:%d-%m-%Y}.")
            return redirect("web:privacy_request", pk=request.pk)
    return _page(http, user, request, status=400, extend=form)


def _close(http: HttpRequest, user: User, request: DataSubjectRequest) -> HttpResponse:
    form = CloseForm(http.POST)
    if form.is_valid():
        try:
            rights.request_close(
                user=user,
                request=request,
                answer=form.cleaned_data["antwoord"],
                decision=form.cleaned_data["besluit"],
            )
        except CaseError as error:
            form.add_service_errors(error.errors)
        else:
            messages.success(http, "Het verzoek is afgehandeld.")
            return redirect("web:privacy_request", pk=request.pk)
    return _page(http, user, request, status=400, close=form)


# ── The export ───────────────────────────────────────────────────────────────────────────


def _export(http: HttpRequest, pk: int, fmt: str) -> tuple[DataSubjectRequest, dict[str, Any]]:
    user, request = _request(http, pk)
    try:
        return request, rights.access_export(user=user, request=request, fmt=fmt)
    except CaseError:
        raise Http404(NOT_FOUND) from None


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
@require_GET
@never_cache
def export_json(http: HttpRequest, pk: int) -> HttpResponse:
    request, data = _export(http, pk, "json")
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return _download(
        body.encode(), "application/json; charset=utf-8", f"inzage-verzoek-{request.pk}.json"
    )


def _in_words(case: dict[str, Any]) -> None:
    """Each timeline entry in the staff timeline's Dutch (web.timeline), for the PDF: built
    from the export's own copy of the event, whose staff names are already roles."""
    events = [
        Event(
            type=item["code"],
            at=dt.datetime.fromisoformat(item["moment"]),
            actor_label=item["door"],
            payload=item["gegevens"],
        )
        for item in case["tijdlijn"]
    ]
    for item, entry in zip(case["tijdlijn"], timeline_entries(events), strict=True):
        item["titel"] = entry.title
        item["regels"] = [*entry.lines, *([entry.note] if entry.note else [])]


def _dutch_moments(value: Any) -> Any:
    """ISO moments and dates of the export as a person reads them: "3 maart 2026 14:05"."""
    if isinstance(value, dict):
        return {k: _dutch_moments(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dutch_moments(v) for v in value]
    if isinstance(value, str) and len(value) >= 10 and value[4:5] == "-" and value[7:8] == "-":
        try:
            if len(value) == 10:
                return dateformat.format(dt.date.fromisoformat(value), "j F Y")
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        if timezone.is_aware(moment):
            return dateformat.format(timezone.localtime(moment), "j F Y H:i")
    return value


@login_required
@require_GET
@never_cache
def export_pdf(http: HttpRequest, pk: int) -> HttpResponse:
    request, exported = _export(http, pk, "pdf")
    for case in exported["zaken"]:
        _in_words(case)
    data = _dutch_moments(exported)
    html = render_to_string("web/privacy_export_pdf.html", {"data": data, "verzoek": request})
    return _download(render_pdf(html), "application/pdf", f"inzage-verzoek-{request.pk}.pdf")
