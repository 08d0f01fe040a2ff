"""A file on a case (/werk/bijlagen/<id>): what a resident sent with their information, for the
staff who may see the case. Outside the scope it is a 404, like the case itself; every
download is in the access log, as every showing of the case page is.

The file goes out as a download, never shown inline, with the type its bytes were found to
be when it was taken in (`services.resident`), and `nosniff`, so a browser never runs it.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from regie.accounts.scope import scope_for_user
from regie.cases import selectors
from regie.cases.models import Attachment
from regie.privacy.services import download_record
from regie.web.staff import staff_user, works_in_the_portal


@login_required
@require_GET
def download(http: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for_user(staff_user(http))
    if works_in_the_portal(scope):
        raise Http404("Bijlage niet gevonden")
    attachment = (
        Attachment.objects.select_related("case")
        .filter(pk=pk, case__in=selectors.cases_visible_to(scope))
        .first()
    )
    if attachment is None:
        raise Http404("Bijlage niet gevonden")
    download_record(
        case=attachment.case,
        # The number, not the name: a resident may have named the file after themselves, and
        # the log outlives the case's personal data (retention empties the case, not the log).
        subject=f"Bijlage {attachment.pk}",
        scope=scope,
        purpose=http.path,
    )
    response = HttpResponse(bytes(attachment.data), content_type=attachment.content_type)
    disposition = content_disposition_header(as_attachment=True, filename=attachment.name)
    response["Content-Disposition"] = disposition or "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
