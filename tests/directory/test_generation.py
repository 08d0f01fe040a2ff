"""What a process keeps of the directory is given again only while the directory is unchanged
(regie.directory.generation): every write path moves the generation on, in the writer's own
transaction, and a rolled-back change never names the directory again."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from regie.directory import generation
from regie.directory.generation import current, directory_cached
from regie.directory.models import (
    DirectoryGeneration,
    EquatedDay,
    Municipality,
    Organisation,
    Responsibility,
    Team,
    Topic,
)
from regie.directory.selectors import (
    municipality_by_code,
    organisation_serves,
    responsibility_for,
)
from regie.documents.models import LetterTemplate

pytestmark = pytest.mark.usefixtures("world")


def _rename_topic() -> None:
    Topic.objects.filter(slug="vervoer").update(name="Vervoer op maat")


def _add_decree_day() -> None:
    EquatedDay.objects.create(day="2031-05-06", decree="Besluit van 1 maart 2031")


def _delete_channels() -> None:
    from regie.directory.models import ContactChannel

    ContactChannel.objects.filter(pk__in=ContactChannel.objects.values("pk")[:1]).delete()


def _leave_a_municipality() -> None:
    organisation = Organisation.objects.get(slug="het-anker")
    organisation.municipalities.remove(organisation.municipalities.first())


def _edit_a_letter() -> None:
    municipality = Municipality.objects.get(code="GM9901")
    LetterTemplate.objects.create(
        municipality=municipality,
        kind="ontvangstbevestiging",
        subject="Wij hebben uw bericht",
        body="Beste {naam}, dank u.",
        updated_at=timezone.now(),
    )


def _create_and_revoke_an_api_token() -> None:
    from regie.accounts.tokens import api_client_create, api_client_revoke

    _client, raw = api_client_create(organisation="GM9901")
    before = current()
    api_client_revoke(raw)
    assert current() != before


def _rename_a_team() -> None:
    Team.objects.filter(pk=Team.objects.values("pk")[:1]).update(name="Team Klachten en Signalen")


@pytest.mark.parametrize(
    "change",
    [
        _rename_topic,
        _add_decree_day,
        _delete_channels,
        _leave_a_municipality,
        _edit_a_letter,
        _rename_a_team,
        _create_and_revoke_an_api_token,
    ],
)
def test_every_write_to_the_directory_moves_the_generation_on(change: Any) -> None:
    before = current()
    change()
    after = current()
    assert before is not None
    assert after is not None
    assert after != before


def test_a_case_write_leaves_the_generation_alone(new_case: Any) -> None:
    before = current()
    new_case()
    assert current() == before


def test_a_kept_answer_is_given_again_without_reading_the_table() -> None:
    first = municipality_by_code("GM9901")
    with CaptureQueriesContext(connection) as queries:
        again = municipality_by_code("GM9901")
    assert again is first
    assert [q["sql"] for q in queries.captured_queries] == [
        "SELECT value FROM directory_generation WHERE id = 1"
    ]


def test_a_change_is_seen_at_once_also_in_the_same_transaction() -> None:
    municipality = Municipality.objects.get(code="GM9901")
    found = responsibility_for(municipality.pk, "wmo")
    assert found is not None
    other = Team.objects.exclude(pk=found.complaint_team_id).first()
    assert other is not None
    # A queryset update sends no signal: the trigger sees it all the same.
    Responsibility.objects.filter(pk=found.pk).update(complaint_team=other)
    changed = responsibility_for(municipality.pk, "wmo")
    assert changed is not None
    assert changed.complaint_team_id == other.pk


def test_a_rolled_back_change_is_not_given_afterwards() -> None:
    assert municipality_by_code("GM9901").name != "Teruggedraaid"  # type: ignore[union-attr]
    try:
        with transaction.atomic():
            Municipality.objects.filter(code="GM9901").update(name="Teruggedraaid")
            assert municipality_by_code("GM9901").name == "Teruggedraaid"  # type: ignore[union-attr]
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    assert municipality_by_code("GM9901").name != "Teruggedraaid"  # type: ignore[union-attr]
    # The next change gets a generation of its own, not the rolled-back one again.
    Municipality.objects.filter(code="GM9901").update(name="Daarna")
    assert municipality_by_code("GM9901").name == "Daarna"  # type: ignore[union-attr]


def test_an_organisation_that_leaves_a_municipality_no_longer_serves_it() -> None:
    organisation = Organisation.objects.get(slug="het-anker")
    municipality = organisation.municipalities.first()
    assert municipality is not None
    assert organisation_serves(organisation, municipality.pk)
    organisation.municipalities.remove(municipality)
    assert not organisation_serves(organisation, municipality.pk)


def test_without_its_row_nothing_is_kept() -> None:
    DirectoryGeneration.objects.all().delete()
    calls = []

    def load() -> int:
        calls.append(1)
        return len(calls)

    assert directory_cached(("test",), load) == 1
    assert directory_cached(("test",), load) == 2


def test_made_up_keys_cannot_grow_the_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generation, "MAX_ENTRIES", 10)
    for n in range(25):
        municipality_by_code(f"GM{n:04d}")
    assert len(generation._kept) <= 10
