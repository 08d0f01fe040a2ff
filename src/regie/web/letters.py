"""A letter's PDF/A (/werk/brieven/<id>.pdf): the letter as it was printed or mailed, for the
staff who may see its case. Outside the scope it is a 404, like the case itself; every
download is in the access log, as every showing of the case page is."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from regie.accounts.scope import scope_for_user
from regie.cases import selectors
from regie.documents.models import Letter
from regie.privacy.services import download_record
from regie.web.staff import staff_user, works_in_the_portal


@login_required
@require_GET
def letter_pdf(http: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for_user(staff_user(http))
    if works_in_the_portal(scope):
        raise Http404("Brief niet gevonden")
    letter = (
        Letter.objects.select_related("case")
        .filter(pk=pk, case__in=selectors.cases_visible_to(scope))
        .first()
    )
    if letter is None:
        raise Http404("Brief niet gevonden")
    filename = f"{letter.case.reference}-{letter.kind}-{letter.pk}.pdf"
    download_record(case=letter.case, subject=filename, scope=scope, purpose=http.path)
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    response["Content-Disposition"] = disposition or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
