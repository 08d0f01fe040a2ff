from datetime import date, timedelta

import pytest
from hypothesis import given

from regie.deadlines import AtwCalendar, Regime, compute_due, service_norm
from regie.deadlines.dutch import format_date, join_list

from .support import compute_with_options, days, regime_with_options


def test_it_explains_the_legal_md_example_in_plain_dutch() -> None:
    assert compute_due("awb-klacht", date(2026, 3, 24)).explanation == (
        "6 weken na de ontvangst van de klacht op dinsdag 24 maart 2026 is dinsdag 5 mei 2026.",
        "Dat is Bevrijdingsdag.",
        "De termijn loopt door tot woensdag 6 mei 2026 (Algemene termijnenwet, artikel 1).",
        "De uiterste datum is woensdag 6 mei 2026.",
        "De termijn staat in Awb artikel 9:11.",
    )


def test_it_explains_a_committee_and_a_postponement() -> None:
    explanation = compute_due(
        "awb-klacht", date(2026, 2, 3), committee=True, extended=True
    ).explanation
    assert explanation[:4] == (
        "Een klachtadviescommissie geeft advies over de klacht.",
        "Daarom is de termijn 10 weken in plaats van 6 weken.",
        "De gemeente heeft de behandeling verdaagd.",
        "De termijn wordt 4 weken langer: 14 weken in totaal.",
    )
    assert "14 weken na de ontvangst van de klacht" in explanation[4]


def test_it_names_every_day_it_rolls_past() -> None:
    # 6 weeks after Friday 20 November 2026 is New Year's Day 2027, a Friday.
    explanation = compute_due("wkkgz", date(2026, 11, 20)).explanation
    assert "Dat is Nieuwjaarsdag." in explanation
    assert "Ook zaterdag 2 januari 2027 en zondag 3 januari 2027 zijn geen werkdag." in explanation
    assert (
        "De termijn loopt door tot maandag 4 januari 2027 (Algemene termijnenwet, artikel 1)."
        in explanation
    )


def test_it_says_when_a_holiday_falls_on_a_weekend_day() -> None:
    norm = service_norm("servicenorm-test", "Test", weeks=1)
    explanation = compute_due(norm, date(2027, 12, 18)).explanation
    assert "Dat is eerste kerstdag, een zaterdag." in explanation
    assert "Ook zondag 26 december 2027 (tweede kerstdag) is geen werkdag." in explanation


def test_it_explains_a_decree_day_in_words() -> None:
    # 2 weeks after Friday 1 May 2026 is Friday 15 May 2026, a decree day.
    explanation = compute_due(
        service_norm("servicenorm-test", "Test", weeks=2), date(2026, 5, 1)
    ).explanation
    assert "Dat is een dag die bij koninklijk besluit gelijkstaat aan een feestdag." in explanation


def test_it_does_not_claim_the_atw_binds_a_service_norm() -> None:
    norm = service_norm("servicenorm-test", "Test", weeks=6)
    explanation = compute_due(norm, date(2026, 3, 24)).explanation
    assert "Dit is een servicenorm van de gemeente, geen wettelijke termijn." in explanation
    assert any("(zoals in de Algemene termijnenwet, artikel 1)" in s for s in explanation)
    assert not any(s.startswith("De termijn staat in") for s in explanation)


def test_it_lists_the_holidays_a_working_day_term_skips() -> None:
    explanation = compute_due(
        service_norm("servicenorm-test", "Test", working_days=5), date(2026, 4, 1)
    ).explanation
    assert "5 werkdagen na de ontvangst op woensdag 1 april 2026 is vrijdag 10 april 2026." in (
        explanation
    )
    assert (
        "Deze feestdagen vallen in de termijn: Goede Vrijdag op vrijdag 3 april 2026"
        " en tweede paasdag op maandag 6 april 2026." in explanation
    )


def test_it_explains_an_extension_under_article_2() -> None:
    closed = [date(2026, 6, 8) + timedelta(days=offset) for offset in range(4)]
    norm = service_norm("servicenorm-test", "Test", weeks=1)
    explanation = compute_due(
        norm, date(2026, 6, 5), calendar=AtwCalendar(extra_days=closed)
    ).explanation
    assert "Er zitten dan minder dan twee werkdagen in de termijn." in explanation
    assert (
        "Daarom loopt de termijn door tot maandag 15 juni 2026"
        " (zoals in de Algemene termijnenwet, artikel 2)." in explanation
    )


def test_it_mentions_that_a_by_law_may_shorten_the_wgs_decision_term() -> None:
    explanation = compute_due("wgs-besluit", date(2026, 2, 3)).explanation
    assert explanation[-1] == "De gemeente kan in een verordening een kortere termijn vastleggen."


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 1, 5), "maandag 5 januari 2026"),
        (date(2026, 2, 10), "dinsdag 10 februari 2026"),
        (date(2026, 3, 25), "woensdag 25 maart 2026"),
        (date(2026, 4, 30), "donderdag 30 april 2026"),
        (date(2026, 5, 1), "vrijdag 1 mei 2026"),
        (date(2026, 6, 6), "zaterdag 6 juni 2026"),
        (date(2026, 7, 12), "zondag 12 juli 2026"),
        (date(2026, 8, 3), "maandag 3 augustus 2026"),
        (date(2026, 9, 1), "dinsdag 1 september 2026"),
        (date(2026, 10, 14), "woensdag 14 oktober 2026"),
        (date(2026, 11, 19), "donderdag 19 november 2026"),
        (date(2026, 12, 31), "donderdag 31 december 2026"),
    ],
)
def test_it_writes_dates_in_dutch_without_a_locale(day: date, text: str) -> None:
    assert format_date(day) == text


def test_it_joins_a_list_the_dutch_way() -> None:
    assert join_list(["a"]) == "a"
    assert join_list(["a", "b"]) == "a en b"
    assert join_list(["a", "b", "c"]) == "a, b en c"


@given(days, regime_with_options())
def test_every_explanation_ends_with_the_due_date(
    start: date, chosen: tuple[Regime, dict[str, bool]]
) -> None:
    regime, options = chosen
    due = compute_with_options(regime, start, options)
    assert f"De uiterste datum is {format_date(due.due)}." in due.explanation
    assert all(sentence.endswith(".") for sentence in due.explanation)
    assert all("\n" not in sentence for sentence in due.explanation)
