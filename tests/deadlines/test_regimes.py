from datetime import date, timedelta

import pytest
from hypothesis import given

from regie.deadlines import (
    EXAMPLE_SERVICE_NORMS,
    REGIMES,
    AtwCalendar,
    ConflictingOptions,
    Option,
    Regime,
    Term,
    TermOption,
    UnknownRegime,
    UnsupportedOption,
    compute_due,
    get_regime,
    service_norm,
)

from .support import compute_with_options, days, regime_with_options

calendar = AtwCalendar()


def test_it_knows_exactly_the_regimes_of_legal_md() -> None:
    assert set(REGIMES) == {
        "awb-klacht",
        "awb-klacht-niet-behandelen",
        "wkkgz",
        "wgs-eerste-gesprek",
        "wgs-besluit",
        "awb-bezwaar",
    }


@pytest.mark.parametrize(
    ("identifier", "options"),
    [
        ("awb-klacht", {Option.COMMITTEE, Option.EXTENDED}),
        ("awb-klacht-niet-behandelen", set()),
        ("wkkgz", {Option.EXTENDED}),
        ("wgs-eerste-gesprek", {Option.CRISIS}),
        ("wgs-besluit", set()),
        ("awb-bezwaar", {Option.COMMITTEE, Option.EXTENDED}),
    ],
)
def test_each_regime_accepts_only_its_own_options(identifier: str, options: set[Option]) -> None:
    regime = get_regime(identifier)
    assert regime.accepted_options == options
    assert regime.label
    assert regime.legal_basis
    assert regime.start_event


# Tuesday 3 February 2026: 4 to 18 weeks later is always a working Tuesday, so each term's
# length shows without a roll-forward.
QUIET_START = date(2026, 2, 3)


@pytest.mark.parametrize(
    ("identifier", "options", "weeks"),
    [
        ("awb-klacht", {}, 6),
        ("awb-klacht", {"committee": True}, 10),
        ("awb-klacht", {"extended": True}, 10),
        ("awb-klacht", {"committee": True, "extended": True}, 14),
        ("awb-klacht-niet-behandelen", {}, 4),
        ("wkkgz", {}, 6),
        ("wkkgz", {"extended": True}, 10),
        ("wgs-eerste-gesprek", {}, 4),
        ("wgs-besluit", {}, 8),
        ("awb-bezwaar", {}, 6),
        ("awb-bezwaar", {"committee": True}, 12),
        ("awb-bezwaar", {"extended": True}, 12),
        ("awb-bezwaar", {"committee": True, "extended": True}, 18),
    ],
)
def test_each_regime_and_option_gives_its_number_of_weeks(
    identifier: str, options: dict[str, bool], weeks: int
) -> None:
    due = compute_with_options(identifier, QUIET_START, options)
    assert due.nominal == QUIET_START + timedelta(weeks=weeks)
    assert due.due == due.nominal
    assert due.term == Term.weeks(weeks)
    assert set(due.options) == set(options)


def test_wgs_crisis_gives_three_working_days() -> None:
    # Thursday 30 April 2026: Friday 1 May counts, then the weekend and 5 May do not.
    due = compute_due("wgs-eerste-gesprek", date(2026, 4, 30), crisis=True)
    assert due.term == Term.working_days(3)
    assert due.due == date(2026, 5, 6)


def test_the_example_from_legal_md() -> None:
    due = compute_due("awb-klacht", date(2026, 3, 24))
    assert due.start == date(2026, 3, 24)
    assert due.nominal == date(2026, 5, 5)
    assert due.due == date(2026, 5, 6)
    assert due.legal_basis == "Awb artikel 9:11"


def test_a_postponement_adds_to_the_nominal_term_and_rolls_once_at_the_end() -> None:
    # Rolling first (6 May) and then adding 4 weeks would give Wednesday 3 June; the law adds
    # 4 weeks to the term: 10 weeks after 24 March is Tuesday 2 June, a working day.
    due = compute_due("awb-klacht", date(2026, 3, 24), extended=True)
    assert due.nominal == date(2026, 6, 2)
    assert due.due == date(2026, 6, 2)


@pytest.mark.parametrize(
    ("identifier", "options"),
    [
        ("awb-klacht", {"crisis": True}),
        ("awb-klacht-niet-behandelen", {"extended": True}),
        ("awb-klacht-niet-behandelen", {"committee": True}),
        ("wkkgz", {"committee": True}),
        ("wgs-eerste-gesprek", {"extended": True}),
        ("wgs-besluit", {"crisis": True}),
        ("awb-bezwaar", {"crisis": True}),
    ],
)
def test_it_refuses_an_option_the_regime_does_not_have(
    identifier: str, options: dict[str, bool]
) -> None:
    with pytest.raises(UnsupportedOption, match=f"regime '{identifier}' does not accept"):
        compute_with_options(identifier, QUIET_START, options)


def test_it_refuses_an_unknown_regime_and_names_the_known_ones() -> None:
    with pytest.raises(UnknownRegime, match="awb-klacht") as raised:
        compute_due("klacht", QUIET_START)
    assert raised.value.identifier == "klacht"
    assert isinstance(raised.value, LookupError)
    assert isinstance(raised.value, ValueError)


def test_a_service_norm_is_built_from_data() -> None:
    norm = service_norm("servicenorm-ontvangstbevestiging", "Ontvangstbevestiging", working_days=5)
    due = compute_due(norm, date(2026, 4, 1))
    # 2 April counts; Good Friday, the weekend and Easter Monday do not; then 7 to 10 April.
    assert due.due == date(2026, 4, 10)
    assert due.regime == "servicenorm-ontvangstbevestiging"
    assert not norm.bound_by_atw
    assert norm.accepted_options == frozenset()


def test_a_service_norm_can_be_counted_in_weeks() -> None:
    norm = service_norm("servicenorm-terugbellen", "Terugbellen", weeks=2)
    assert compute_due(norm, date(2026, 4, 21)).due == date(2026, 5, 6)


def test_the_example_service_norms_are_those_of_legal_md() -> None:
    assert {(norm.identifier, norm.term) for norm in EXAMPLE_SERVICE_NORMS} == {
        ("servicenorm-ontvangstbevestiging", Term.working_days(5)),
        ("servicenorm-eerste-contact", Term.working_days(3)),
    }


def test_a_service_norm_rejects_options() -> None:
    with pytest.raises(UnsupportedOption, match="accepts: no options"):
        compute_due(EXAMPLE_SERVICE_NORMS[0], QUIET_START, extended=True)


@pytest.mark.parametrize(
    ("identifier", "amounts", "message"),
    [
        # A municipality's norm may never shadow a statutory regime.
        ("awb-klacht", {"working_days": 5}, "starts with 'servicenorm-'"),
        ("servicenorm-Hoofdletters", {"working_days": 5}, "lower-case slug"),
        ("servicenorm-x", {}, "either working_days or weeks"),
        ("servicenorm-x", {"working_days": 5, "weeks": 1}, "either working_days or weeks"),
        ("servicenorm-x", {"working_days": 0}, "at least 1"),
    ],
)
def test_it_refuses_a_malformed_service_norm(
    identifier: str, amounts: dict[str, int], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        service_norm(
            identifier,
            "Label",
            working_days=amounts.get("working_days"),
            weeks=amounts.get("weeks"),
        )


def test_a_regime_may_not_add_weeks_to_a_term_in_working_days() -> None:
    with pytest.raises(ValueError, match="another unit"):
        Regime(
            identifier="test-gemengd",
            label="Gemengd",
            legal_basis="test",
            start_event="de test",
            term=Term.working_days(3),
            options=(TermOption(Option.EXTENDED, Term.weeks(1), adds=True, reason="Verlengd."),),
        )


def test_two_options_that_replace_the_term_cannot_be_combined() -> None:
    regime = Regime(
        identifier="test-twee-vervangers",
        label="Twee vervangers",
        legal_basis="test",
        start_event="de test",
        term=Term.weeks(6),
        options=(
            TermOption(Option.COMMITTEE, Term.weeks(10), adds=False, reason="Commissie."),
            TermOption(Option.CRISIS, Term.working_days(3), adds=False, reason="Crisis."),
        ),
    )
    with pytest.raises(ConflictingOptions):
        compute_due(regime, QUIET_START, committee=True, crisis=True)


@given(days, regime_with_options())
def test_every_due_date_is_a_working_day_on_or_after_the_nominal_date(
    start: date, chosen: tuple[Regime, dict[str, bool]]
) -> None:
    regime, options = chosen
    due = compute_with_options(regime, start, options)
    assert calendar.is_working_day(due.due)
    assert due.due >= due.nominal > due.start == start


@given(days, regime_with_options())
def test_a_postponement_never_shortens_a_term(
    start: date, chosen: tuple[Regime, dict[str, bool]]
) -> None:
    regime, options = chosen
    if Option.EXTENDED not in regime.accepted_options:
        return
    without = compute_with_options(regime, start, {**options, "extended": False})
    postponed = compute_with_options(regime, start, {**options, "extended": True})
    assert postponed.due >= without.due
    assert postponed.nominal > without.nominal


@given(days)
def test_a_committee_never_shortens_a_term(start: date) -> None:
    for identifier in ("awb-klacht", "awb-bezwaar"):
        assert (
            compute_due(identifier, start, committee=True).due >= compute_due(identifier, start).due
        )


@given(days)
def test_a_postponement_is_added_before_the_roll_forward(start: date) -> None:
    due = compute_due("awb-klacht", start, extended=True)
    assert due.nominal == start + timedelta(weeks=10)
    assert due.due == calendar.next_working_day_on_or_after(due.nominal)
