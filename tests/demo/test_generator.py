"""Generating the demo history into an empty register, through the one write path.

What the generated history looks like is in test_history.py, which builds it once; these
tests need a register of their own.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from regie.cases import services
from regie.cases.models import Case
from regie.demo.replay import generate_demo_cases
from regie.vocabulary import Channel, Kind
from tests.demo.support import SMALL

pytestmark = pytest.mark.django_db


class _Rollback(Exception):
    pass


def _generate_and_roll_back(**options: Any) -> list[tuple[Any, ...]]:
    """What generation produces, from an empty register, leaving it empty afterwards."""
    produced: list[tuple[Any, ...]] = []
    try:
        with transaction.atomic():
            generate_demo_cases(**options)
            produced = list(
                Case.objects.order_by("reference").values_list(
                    "reference", "subject", "description", "status", "outcome", "concluded_at"
                )
            )
            raise _Rollback
    except _Rollback:
        pass
    return produced


def test_generation_leaves_a_register_with_real_cases_alone(world: None) -> None:
    from regie.accounts.scope import scope_for_public_web
    from regie.directory.models import Municipality

    services.case_intake(
        scope=scope_for_public_web(),
        request=services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind=Kind.SIGNAAL,
            channel=Channel.WEB,
            description="Een echte melding van vandaag.",
        ),
    )
    assert generate_demo_cases(**SMALL) == 0
    assert Case.objects.count() == 1


@pytest.mark.slow
def test_the_same_seed_gives_the_same_cases_and_the_same_endings(world: None) -> None:
    # Sameness needs no volume: a tenth of a year (about 100 cases for this seed) still
    # replays every kind of step, postponement and committee included.
    tiny = {**SMALL, "scale": 0.1}
    first = _generate_and_roll_back(**tiny)
    second = _generate_and_roll_back(**tiny)
    assert len(first) > 50
    assert first == second
    assert _generate_and_roll_back(**{**tiny, "seed": 7}) != first
