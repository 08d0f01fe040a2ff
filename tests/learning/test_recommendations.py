"""Investigations and recommendations: the write path's rules, the append-only history, and
the evidence of effect (the series before and after the measure)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from regie.accounts.scope import scope_for_user
from regie.cases.models import Case
from regie.directory.models import Municipality
from regie.learning import effect as effects
from regie.learning.common import LearningError, PermissionRefused
from regie.learning.models import (
    InvestigationStatus,
    Recommendation,
    RecommendationStatus,
    RecommendationUpdate,
)
from regie.learning.recommendations import (
    investigation_add_cases,
    investigation_close,
    investigation_start,
    is_late,
    open_recommendations,
    recommendation_make,
    recommendation_update,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = dt.datetime(2026, 6, 1, 10, tzinfo=AMSTERDAM)  # a Monday
pytestmark = pytest.mark.django_db


def user(name: str) -> User:
    return User.objects.get(username=name)


def gm(code: str = "GM9901") -> Municipality:
    return Municipality.objects.get(code=code)


def make(**overrides: Any) -> Recommendation:
    values: dict[str, Any] = {
        "by": user("coordinator"),
        "municipality": gm(),
        "title": "Vaste contactpersoon bij de thuiszorg",
        "owner": "Teamleider Wmo",
        "due_date": dt.date(2026, 9, 1),
        "dimension": "thema",
        "value": "wmo",
        "at": NOW,
    }
    values.update(overrides)
    return recommendation_make(**values)


def test_a_recommendation_has_an_owner_a_due_date_and_a_history(world: None) -> None:
    rec = make(spike_week=dt.date(2026, 5, 25))
    assert rec.status == RecommendationStatus.OPEN
    assert list(rec.updates.values_list("status", flat=True)) == ["open"]

    recommendation_update(
        by=user("coordinator"), recommendation=rec, status="bezig", at=NOW + dt.timedelta(days=3)
    )
    recommendation_update(
        by=user("coordinator"),
        recommendation=rec,
        status="uitgevoerd",
        note="Sinds 1 juli een vast aanspreekpunt.",
        effective_from=dt.date(2026, 7, 1),
        at=dt.datetime(2026, 7, 2, 9, tzinfo=AMSTERDAM),
    )
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.DONE
    assert rec.effective_from == dt.date(2026, 7, 1)
    assert list(rec.updates.values_list("status", flat=True)) == ["open", "bezig", "uitgevoerd"]
    assert not is_late(rec, dt.date(2027, 1, 1))


def test_bad_input_is_refused_in_dutch_and_writes_nothing(world: None) -> None:
    with pytest.raises(LearningError) as refused:
        make(title=" ", owner="", due_date=dt.date(2026, 5, 1), dimension="kleur")
    assert set(refused.value.errors) == {"title", "owner", "due_date", "dimension"}
    assert refused.value.errors["due_date"] == "Kies een datum vanaf vandaag."
    with pytest.raises(LearningError) as refused:
        make(due_date=None, spike_week=dt.date(2026, 5, 26))  # a Tuesday
    assert set(refused.value.errors) == {"due_date", "dimension"}
    assert not Recommendation.objects.exists()

    rec = make()
    for arguments, field in (
        ({"status": "klaar"}, "status"),
        ({"status": "open"}, "status"),  # nothing changed
        ({"status": "niet-overgenomen"}, "note"),  # declining needs a reason
        ({"status": "bezig", "effective_from": dt.date(2026, 6, 1)}, "effective_from"),
        ({"status": "uitgevoerd", "effective_from": dt.date(2026, 6, 9)}, "effective_from"),
    ):
        with pytest.raises(LearningError) as refused:
            recommendation_update(by=user("coordinator"), recommendation=rec, at=NOW, **arguments)
        assert field in refused.value.errors, arguments
    assert RecommendationUpdate.objects.count() == 1


def test_only_who_learns_about_the_municipality_may_write(world: None) -> None:
    with pytest.raises(PermissionRefused):
        make(by=user("behandelaar"))
    with pytest.raises(PermissionRefused):
        make(by=user("coordinator-hooglanden"))
    rec = make()
    with pytest.raises(PermissionRefused):
        recommendation_update(by=user("coordinator-hooglanden"), recommendation=rec, status="bezig")
    assert not RecommendationUpdate.objects.filter(status="bezig").exists()


def test_late_and_the_overview_list(world: None) -> None:
    rec = make(due_date=dt.date(2026, 6, 10))
    assert is_late(rec, dt.date(2026, 6, 11))
    assert not is_late(rec, dt.date(2026, 6, 10))
    assert open_recommendations(gm(), dt.date(2026, 6, 11)) == [rec]
    assert open_recommendations(gm("GM9902"), dt.date(2026, 6, 11)) == []


def test_an_investigation_takes_only_cases_the_investigator_may_see(new_case: Any) -> None:
    mine = [new_case(subject=f"Taxi {n}") for n in range(3)]
    theirs = new_case(municipality="GM9902")
    coordinator = user("coordinator")
    scope = scope_for_user(coordinator)
    with pytest.raises(LearningError) as refused:
        investigation_start(
            by=coordinator,
            scope=scope,
            municipality=gm(),
            title="Regiotaxi",
            question="Waarom komt de taxi te laat?",
            basis="eigen-initiatief",
            references=[mine[0].reference, theirs.reference],
        )
    assert theirs.reference in refused.value.errors["cases"]

    found = investigation_start(
        by=coordinator,
        scope=scope,
        municipality=gm(),
        title="Regiotaxi",
        question="Waarom komt de taxi te laat?",
        basis="213a",
        references=[c.reference.lower() for c in mine[:2]],
    )
    assert set(found.cases.all()) == set(mine[:2])
    added = investigation_add_cases(
        by=coordinator, scope=scope, investigation=found, references=[c.reference for c in mine]
    )
    assert added == 1
    closed = investigation_close(by=coordinator, investigation=found, findings="De planning.")
    assert closed.status == InvestigationStatus.DONE
    with pytest.raises(LearningError):
        investigation_close(by=coordinator, investigation=closed, findings="Nog eens.")
    with pytest.raises(LearningError):
        investigation_add_cases(
            by=coordinator, scope=scope, investigation=closed, references=[mine[2].reference]
        )
    with pytest.raises(LearningError) as refused:
        make(investigation=closed, municipality=gm("GM9902"), by=user("coordinator-hooglanden"))
    assert "investigation" in refused.value.errors


def _weekly(new_case: Any, per_week: dict[dt.date, int], domain: str = "wmo") -> None:
    """Cases in one domain's series: `n` in the week of each Monday."""
    for monday, n in per_week.items():
        for i in range(n):
            case = new_case(kind="klacht", domain=domain, subject=f"{domain} {monday} {i}")
            moment = dt.datetime.combine(monday + dt.timedelta(days=i % 5), dt.time(10))
            Case.objects.filter(pk=case.pk).update(received_at=moment.replace(tzinfo=AMSTERDAM))


def test_the_effect_shows_a_real_fall_and_no_effect_where_there_is_none(new_case: Any) -> None:
    since = dt.date(2026, 3, 4)  # a Wednesday: that week is left out
    pivot = dt.date(2026, 3, 2)
    before = {pivot - dt.timedelta(weeks=n): 6 for n in range(1, 13)}
    after = {pivot + dt.timedelta(weeks=n): 1 for n in range(1, 9)}
    after[pivot] = 40  # the mixed week itself does not count
    _weekly(new_case, before | after)
    _weekly(new_case, {pivot + dt.timedelta(weeks=n): 2 for n in range(-12, 9)}, domain="jeugd")
    rec = make(at=dt.datetime(2026, 1, 5, 9, tzinfo=AMSTERDAM), due_date=dt.date(2026, 4, 1))
    rec.status, rec.effective_from = RecommendationStatus.DONE, since
    cases = Case.objects.all()

    result = effects.effect(cases, rec, today=dt.date(2026, 5, 1))
    assert result is not None
    assert result.before.total == 72
    assert len(result.before.weeks) == 12
    assert result.after.weeks[0] == dt.date(2026, 3, 9)
    assert result.after.total == len(result.after.weeks) == 7  # full weeks up to 26 April
    assert result.p_fall is not None
    assert result.p_fall < 0.001
    assert "Minder zaken" in result.verdict
    assert result.change is not None
    assert round(result.change, 2) == -0.83

    too_early = effects.effect(cases, rec, today=dt.date(2026, 3, 20))
    assert too_early is not None
    assert "te vroeg" in too_early.verdict

    flat = make(dimension="thema", value="jeugd", at=dt.datetime(2026, 1, 5, tzinfo=AMSTERDAM))
    flat.status, flat.effective_from = RecommendationStatus.DONE, since
    result = effects.effect(cases, flat, today=dt.date(2026, 5, 1))
    assert result is not None
    assert result.p_fall is not None
    assert result.p_fall > 0.05
    assert result.p_rise is not None
    assert result.p_rise > 0.05
    assert "kan toeval zijn" in result.verdict

    assert effects.effect(cases, make(dimension="", value=""), today=dt.date(2026, 5, 1)) is None


def test_the_effect_of_a_recommendation_about_a_named_theme(new_case: Any) -> None:
    from regie.learning.themes import theme_name

    theme = theme_name(
        by=user("coordinator"), municipality=gm(), name="Stadspas-app", keywords=["stadspas-app"]
    )
    pivot = dt.date(2026, 3, 2)
    for n, monday in enumerate([pivot - dt.timedelta(weeks=w) for w in (1, 2, 3)] * 2):
        case = new_case(kind="klacht", description=f"De stadspas-app werkt niet ({n}).")
        moment = dt.datetime.combine(monday, dt.time(10), tzinfo=AMSTERDAM)
        Case.objects.filter(pk=case.pk).update(received_at=moment)
    new_case(kind="klacht", description="Iets heel anders.")
    rec = make(
        dimension="eigen-thema",
        value=str(theme.pk),
        at=dt.datetime(2026, 1, 5, 9, tzinfo=AMSTERDAM),
        due_date=dt.date(2026, 4, 1),
    )
    rec.status, rec.effective_from = RecommendationStatus.DONE, pivot
    result = effects.effect(Case.objects.all(), rec, today=dt.date(2026, 5, 1))
    assert result is not None
    assert result.before.total == 6
    assert result.after.total == 0
    assert result.p_fall is not None
    with pytest.raises(LearningError):
        make(dimension="eigen-thema", value="999999")
