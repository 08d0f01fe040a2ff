"""Logboek (/privacy/logboek), for the privacy officer: who saw, changed, exported or
downloaded which personal data, when, from where and why; searchable, and as CSV.

The search is `privacy.audit_search`; who sees which municipality's records is the retention
page's rule (`retention.officer_municipality_ids`); everyone else gets 404. An export is itself
an export of personal data (names, addresses, reasons), so it is in the log too.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from regie.accounts.scope import scope_for_user
from regie.privacy import retention
from regie.privacy.audit_search import AuditFilter, audit_csv, audit_records
from regie.privacy.models import AccessLog
from regie.privacy.services import download_record
from regie.ui import formkit
from regie.web.staff import staff_user

PAGE_SIZE = 50
# An export larger than this is cut off (the page says so): make the filter smaller.
EXPORT_MAX = 50_000


class AuditFilterForm(forms.Form):
    """GET parameters of the page. A value that does not fit is ignored, never an error page."""

    kenmerk = forms.CharField(
        label="Kenmerk van de zaak",
        max_length=40,
        required=False,
        widget=formkit.text_input(autocomplete="off", spellcheck="false"),
    )
    persoon = forms.CharField(
        label="Persoon",
        help_text="Gebruikersnaam of (een deel van de) naam.",
        max_length=150,
        required=False,
        widget=formkit.text_input(autocomplete="off", spellcheck="false"),
    )
    actie = forms.ChoiceField(
        label="Actie",
        choices=[("", "Alle acties"), *AccessLog.Action.choices],
        required=False,
        widget=formkit.select(),
    )
    van = formkit.DateField(label="Vanaf datum", required=False)
    tot = formkit.DateField(label="Tot en met datum", required=False)
    buiten = forms.BooleanField(
        label="Alleen buiten eigen werk",
        required=False,
        widget=formkit.checkbox(),
    )
    adres = forms.GenericIPAddressField(
        label="IP-adres",
        required=False,
        widget=formkit.text_input(autocomplete="off", spellcheck="false"),
    )

    def audit_filter(self) -> AuditFilter:
        self.is_valid()
        data = self.cleaned_data  # only the fields that were valid
        return AuditFilter(
            reference=data.get("kenmerk") or "",
            person=data.get("persoon") or "",
            action=data.get("actie") or "",
            since=data.get("van"),
            until=data.get("tot"),
            outside_own_work=bool(data.get("buiten")),
            address=data.get("adres") or "",
        )

    @classmethod
    def showing(cls, flt: AuditFilter) -> AuditFilterForm:
        """An unbound form with the filter in force: ignored values do not come back."""
        return cls(
            initial={
                "kenmerk": flt.reference,
                "persoon": flt.person,
                "actie": flt.action,
                "van": flt.since,
                "tot": flt.until,
                "buiten": flt.outside_own_work,
                "adres": flt.address,
            }
        )


def _query(flt: AuditFilter) -> str:
    """The filter as GET parameters, for the page links and the export link."""
    values = {
        "kenmerk": flt.reference,
        "persoon": flt.person,
        "actie": flt.action,
        "van": flt.since.isoformat() if flt.since else "",
        "tot": flt.until.isoformat() if flt.until else "",
        "buiten": "on" if flt.outside_own_work else "",
        "adres": flt.address,
    }
    return urlencode({k: v for k, v in values.items() if v})


@login_required
@require_GET
@never_cache
def audit_page(http: HttpRequest) -> HttpResponse:
    user = staff_user(http)
    ids = retention.officer_municipality_ids(user)
    if ids is not None and not ids:
        raise Http404("Niet gevonden")
    flt = AuditFilterForm(http.GET).audit_filter()
    if http.GET.get("formaat") == "csv":
        return _export(http, ids, flt)
    page = Paginator(audit_records(ids, flt), PAGE_SIZE).get_page(http.GET.get("pagina"))
    query = _query(flt)
    context = {
        "nav": "privacy",
        "form": AuditFilterForm.showing(flt),
        "page": page,
        "filters": f"{query}&" if query else "",
        "export_max": EXPORT_MAX,
    }
    return render(http, "web/privacy_audit.html", context)


def _export(http: HttpRequest, ids: frozenset[int] | None, flt: AuditFilter) -> HttpResponse:
    body, count = audit_csv(audit_records(ids, flt)[:EXPORT_MAX].iterator(chunk_size=2000))
    # The export itself is in the log, after the rows were read: it never lists itself.
    download_record(
        subject=f"Logboek: {count} regels ({flt.describe()})",
        scope=scope_for_user(staff_user(http)),
        purpose=http.path,
        municipality_id=next(iter(ids)) if ids is not None and len(ids) == 1 else None,
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="logboek-{stamp}.csv"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
