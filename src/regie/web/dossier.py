"""The dossier for the ombudsman as a download for staff (/werk/zaken/<kenmerk>/
ombudsdossier.pdf and .json, `regie.documents.dossier`).

Only for people who may see the case on the staff pages: a case outside the scope, or a
provider's person (their portal never shows the municipality's internal records), gets 404.
Every download is in the access log: the dossier holds the complainant's name and address.
"""

from __future__ import annotations

import datetime as dt
import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from regie.accounts.scope import scope_for_user
from regie.cases import selectors
from regie.cases.models import Case
from regie.documents.dossier import dossier_filename, dossier_json, dossier_pdf
from regie.privacy.services import download_record
from regie.web.staff import staff_user, works_in_the_portal


def _case(http: HttpRequest, reference: str, purpose: str) -> tuple[Case, dt.datetime]:
    scope = scope_for_user(staff_user(http))
    if works_in_the_portal(scope):
        raise Http404("Zaak niet gevonden")
    case = selectors.case_by_reference(scope, reference)
    if case is None:
        raise Http404("Zaak niet gevonden")
    now = timezone.now()
    # The dossier holds the complainant's name and address: one DOWNLOADED record per file.
    download_record(
        case=case, subject=f"Ombudsdossier {case.reference}", scope=scope, purpose=purpose, at=now
    )
    return case, now


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@login_required
@require_GET
@never_cache
def dossier_as_pdf(http: HttpRequest, reference: str) -> HttpResponse:
    case, now = _case(http, reference, http.path)
    return _download(dossier_pdf(case, at=now), "application/pdf", dossier_filename(case, "pdf"))


@login_required
@require_GET
@never_cache
def dossier_as_json(http: HttpRequest, reference: str) -> HttpResponse:
    case, now = _case(http, reference, http.path)
    body = json.dumps(dossier_json(case, at=now), ensure_ascii=False, indent=2).encode()
    return _download(body, "application/json; charset=utf-8", dossier_filename(case, "json"))
