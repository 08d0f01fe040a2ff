"""Reference numbers per municipality (issue 12): KL-9901-2026-000123.

One counter per municipality, kind and year, so one municipality in a region cannot read
another's volume from its own numbers; the old region-wide counters stay as history.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web
from regie.cases import services
from regie.cases.models import Case, ReferenceCounter
from regie.cases.services.intake import reference_format, references_reserve
from regie.directory.models import Municipality

REFERENCE = re.compile(r"^(KL|SG|ML|HV)-\d{4}-20\d\d-\d{6}$")


def intake(code: str, kind: str = "klacht", **extra: object) -> Case:
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code=code),
        kind=kind,
        channel="web",
        description="Niemand belt mij terug over mijn aanvraag.",
        submitter=services.Person(name="Anna de Vries", phone="0612345678"),
        **extra,  # type: ignore[arg-type]
    )
    return services.case_intake(scope=scope_for_public_web(), request=request).case


def test_the_reference_names_the_municipality_and_counts_per_municipality(world: None) -> None:
    year = timezone.localdate().year
    first = intake("GM9901")
    second = intake("GM9901")
    other = intake("GM9902")
    signal = intake("GM9902", kind="signaal")

    assert first.reference == f"KL-9901-{year}-000001"
    assert second.reference == f"KL-9901-{year}-000002"
    # The neighbour's first complaint is its own number 1: nothing of GM9901's volume shows.
    assert other.reference == f"KL-9902-{year}-000001"
    assert signal.reference == f"SG-9902-{year}-000001"
    assert len(first.reference) == 19
    assert all(REFERENCE.match(c.reference) for c in (first, second, other, signal))


def test_the_year_is_the_year_of_receipt_in_amsterdam(world: None) -> None:
    # 31 December 23:30 UTC is already 1 January in the Netherlands.
    year = timezone.localdate().year - 1
    received = dt.datetime(year, 12, 31, 23, 30, tzinfo=dt.UTC)
    case = intake("GM9901", received_at=received)
    assert case.reference == f"KL-9901-{year + 1}-000001"


def test_old_region_wide_counters_stay_as_history(world: None) -> None:
    """Counters of the old format (KL-2026-000123) have no municipality: they are neither
    raised nor in the way, and the cases that carry their numbers keep them."""
    year = timezone.localdate().year
    ReferenceCounter.objects.create(municipality=None, prefix="KL", year=year, last=480)

    case = intake("GM9901")

    assert case.reference == f"KL-9901-{year}-000001"
    assert ReferenceCounter.objects.get(municipality=None, prefix="KL", year=year).last == 480


def test_references_reserve_numbers_per_municipality_and_year(world: None) -> None:
    gm9901 = Municipality.objects.get(code="GM9901")
    gm9902 = Municipality.objects.get(code="GM9902")
    year = timezone.localdate().year
    now = timezone.now()
    last_year = now.replace(year=year - 1)
    intake("GM9901")  # number 1 of this year is taken by the form

    reserved = references_reserve(
        kind="klacht",
        received=[(gm9901, now), (gm9902, now), (gm9901, last_year), (gm9901, now)],
    )

    assert reserved == [
        f"KL-9901-{year}-000002",
        f"KL-9902-{year}-000001",
        f"KL-9901-{year - 1}-000001",
        f"KL-9901-{year}-000003",
    ]
    # The form continues after the import's numbers.
    assert intake("GM9901").reference == f"KL-9901-{year}-000004"


def test_a_reserved_reference_of_another_municipality_is_not_used(world: None) -> None:
    gm9902 = Municipality.objects.get(code="GM9902")
    year = timezone.localdate().year
    [reserved] = references_reserve(kind="klacht", received=[(gm9902, timezone.now())])

    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind="klacht",
        channel="web",
        description="Niemand belt mij terug over mijn aanvraag.",
        submitter=services.Person(name="Anna de Vries", phone="0612345678"),
    )
    case = services.case_intake(
        scope=scope_for_public_web(), request=request, reference=reserved
    ).case

    assert case.reference == f"KL-9901-{year}-000001"


def test_reference_format_grows_past_a_million_within_the_column(world: None) -> None:
    gm9901 = Municipality.objects.get(code="GM9901")
    assert reference_format("KL", gm9901, 2026, 123) == "KL-9901-2026-000123"
    longest = reference_format("KL", gm9901, 2026, 9_999_999)
    assert longest == "KL-9901-2026-9999999"
    assert len(longest) <= Case._meta.get_field("reference").max_length


@pytest.mark.django_db
def test_the_counter_constraints_keep_one_counter_each(world: None) -> None:
    from django.db import IntegrityError, transaction

    gm9901 = Municipality.objects.get(code="GM9901")
    ReferenceCounter.objects.create(municipality=gm9901, prefix="KL", year=2030, last=1)
    ReferenceCounter.objects.create(municipality=None, prefix="KL", year=2030, last=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReferenceCounter.objects.create(municipality=gm9901, prefix="KL", year=2030)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReferenceCounter.objects.create(municipality=None, prefix="KL", year=2030)
