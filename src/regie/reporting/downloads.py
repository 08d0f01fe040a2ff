"""The annual and quarterly report as a download, for whoever may see the municipality's
figures (college, council, management, coordinators; `aggregate_scope_for_user`). Everyone
else, and every unknown kind, period or format, gets 404: the address itself says nothing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from regie.accounts.scope import scope_for_user
from regie.cases.aggregates import FiguresRefused, Period, aggregate_scope_for_user
from regie.directory.models import Municipality
from regie.privacy.services import download_record
from regie.reporting.annual import KINDS, build_report
from regie.reporting.render import FORMATS, render


@login_required
def report_download(
    request: HttpRequest, municipality: str, kind: str, period: str, fmt: str
) -> HttpResponse:
    # "quarterly-2025-Q3": the address pattern's first part is greedy; kinds have no dash.
    kind, _, period = f"{kind}-{period}".partition("-")
    if kind not in KINDS or fmt not in FORMATS:
        raise Http404
    try:
        parsed = Period.parse(period)
    except ValueError:
        raise Http404 from None
    found = Municipality.objects.filter(code=municipality).first()
    scope = aggregate_scope_for_user(request.user)
    if found is None or not scope.allows(found.pk):
        raise Http404
    try:
        report = build_report(kind, scope, found, parsed)
    except FiguresRefused:
        raise Http404 from None
    body = render(report, fmt)
    # Counts only, but every export is in the audit log (issue 11): one export, one record.
    download_record(
        subject=f"{report.file_stem}.{fmt}",
        scope=scope_for_user(request.user),
        purpose=request.path,
        municipality_id=found.pk,
    )
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{report.file_stem}.{fmt}"'
    # Figures of the council's own municipality, but still not for shared caches.
    response["Cache-Control"] = "private, no-store"
    return response
