"""`regie generate`: a large register in bulk (issue 12). PostgreSQL only: the generator is
bulk SQL, and on SQLite the command refuses with exit 2.

The generator commits per batch, so the PostgreSQL tests run in a transactional test on the
run's own throwaway test database (emptied afterwards), not inside a test transaction."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count, F
from django.db.models.functions import Substr
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.accounts.models import ApiClient, hash_token
from regie.accounts.scope import scope_for_public_web
from regie.cases import services
from regie.cases.aggregates import AggregateScope, Period
from regie.cases.models import Case, CaseDeadline, Event, ReferenceCounter
from regie.cli import main
from regie.directory.models import Municipality
from regie.privacy.models import AccessLog
from regie.reporting.annual import ANNUAL, build_report

CASES = 2_000
# The intake's format, per municipality: KL-9901-2026-000123 (six digits at least).
REFERENCE = re.compile(r"^(KL|SG|ML|HV)-\d{4}-20\d\d-\d{6,}$")

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="regie generate writes bulk SQL for PostgreSQL"
)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite refusal")
@pytest.mark.django_db
def test_on_sqlite_generate_refuses_with_a_clear_message(capsys: Any) -> None:
    assert main(["generate", "--cases", "10"]) == 2
    err = capsys.readouterr().err
    assert "alleen met PostgreSQL" in err
    assert err.count("\n") == 1
    assert not Case.objects.exists()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_generate_fills_a_register_the_rest_of_regie_works_with(capsys: Any) -> None:
    assert main(["generate", "--cases", str(CASES), "--municipalities", "4", "--years", "2"]) == 0
    assert f"{CASES} zaken geschreven" in capsys.readouterr().out

    # The demo world and two fictional municipalities, every one with cases.
    codes = set(Municipality.objects.values_list("code", flat=True))
    assert {"GM9901", "GM9902", "GM9800", "GM9801"} <= codes
    per_municipality = dict(
        Case.objects.values_list("municipality__code").annotate(n=Count("id")).order_by()
    )
    assert sum(per_municipality.values()) == CASES
    assert set(per_municipality) == {"GM9901", "GM9902", "GM9800", "GM9801"}

    # Every case has a timeline, terms and audit records; references unique, intake format.
    assert not Case.objects.filter(events__isnull=True).exists()
    assert not Case.objects.filter(deadlines__isnull=True).exists()
    assert Event.objects.filter(type="ontvangen").count() == CASES
    assert Event.objects.filter(type="afgehandeld").count() == (
        Case.objects.filter(concluded_at__isnull=False).count()
    )
    assert CaseDeadline.objects.filter(met_at__isnull=False).exists()
    assert CaseDeadline.objects.filter(met_at__isnull=True).exists()
    assert AccessLog.objects.filter(action="gewijzigd").count() == CASES
    assert not AccessLog.objects.exclude(case_reference="").filter(municipality=None).exists()
    references = list(Case.objects.values_list("reference", flat=True))
    assert len(set(references)) == CASES
    assert all(REFERENCE.match(r) for r in references)
    # The four digits are the case's own municipality's (GM9901 -> 9901).
    assert not Case.objects.exclude(reference__contains=Substr("municipality__code", 3, 4)).exists()
    assert Case.objects.values("status_token").distinct().count() == CASES
    # Handled by someone of the municipality, the fictional ones included.
    handled = Case.objects.exclude(handler=None)
    assert handled.values("municipality").distinct().count() == 4
    assert Event.objects.filter(type="toegewezen").count() == handled.count()
    assert (
        not handled.exclude(handler__memberships__team__municipality=F("municipality"))
        .exclude(handler__memberships__municipality=F("municipality"))
        .exists()
    )
    assert Case.objects.exclude(submitter_email="").exists()

    # A generated case opens on the staff case page of its handler, timeline and all.
    shown = handled.filter(municipality__code="GM9901").exclude(concluded_at=None).first()
    assert shown is not None
    assert shown.handler is not None
    browser = Client()
    browser.force_login(shown.handler)
    page = browser.get(reverse("web:case", kwargs={"reference": shown.reference}))
    assert page.status_code == 200
    assert "Toegewezen" in page.content.decode()

    # The counters stand at the highest generated number of each municipality, prefix and
    # year, and every municipality's numbers start at 1 without a gap.
    counters = ReferenceCounter.objects.select_related("municipality")
    assert counters.filter(municipality=None).count() == 0
    for counter in counters:
        assert counter.municipality is not None
        digits = counter.municipality.code[2:]
        numbers = sorted(
            int(r.rsplit("-", 1)[1])
            for r in Case.objects.filter(
                reference__startswith=f"{counter.prefix}-{digits}-{counter.year}-"
            ).values_list("reference", flat=True)
        )
        assert numbers == list(range(1, counter.last + 1))

    # A real intake afterwards gets the next number, no collision.
    home = Municipality.objects.get(code="GM9901")
    request = services.IntakeRequest(
        municipality=home,
        kind="klacht",
        channel="web",
        description="Niemand belt mij terug over mijn aanvraag.",
        submitter=services.Person(name="Inwoner Echt", email="echt@example.org"),
        received_at=timezone.now(),
    )
    year = timezone.localdate().year
    before = ReferenceCounter.objects.get(municipality=home, prefix="KL", year=year).last
    case = services.case_intake(
        scope=scope_for_public_web(), request=request, mail_at_once=False
    ).case
    assert case.reference == f"KL-9901-{year}-{before + 1:06d}"
    assert Case.objects.count() == CASES + 1

    # The annual report runs over it, and a token for GM9901 can be made.
    report = build_report(
        ANNUAL, AggregateScope(everything=True), home, Period.parse(str(year - 1))
    )
    assert report.title
    assert main(["token", "create", "--organisation", "GM9901"]) == 0
    raw = capsys.readouterr().out.strip()
    client = ApiClient.objects.get(token_hash=hash_token(raw))
    assert client.municipality == home

    # Running it again adds to the register without a collision.
    assert main(["generate", "--cases", "300", "--municipalities", "4"]) == 0
    assert Case.objects.values("reference").distinct().count() == CASES + 301


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_generate_refuses_bad_numbers_in_dutch(capsys: Any) -> None:
    assert main(["generate", "--cases", "10", "--municipalities", "1"]) == 2
    assert "--municipalities" in capsys.readouterr().err
    assert not Case.objects.exists()
