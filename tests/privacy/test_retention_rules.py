"""The retention terms (LEGAL.md §6) as pure rules: which rule applies, which one wins, and the
configuration that overrides them."""

from __future__ import annotations

import datetime as dt

import pytest

from regie.privacy.retention_rules import (
    CaseFacts,
    RetentionConfigError,
    Schedule,
    add_years,
    parse_overrides,
)


def facts(
    kind: str = "klacht",
    domain: str = "overig",
    status: str = "afgehandeld",
    outcome: str = "gegrond",
    ombudsman: bool = False,
) -> CaseFacts:
    return CaseFacts(kind, domain, status, outcome, ombudsman)


@pytest.mark.parametrize(
    ("case", "rule", "years"),
    [
        (facts(), "klacht", 5),
        (facts(outcome="opgelost"), "klacht", 5),
        (facts(ombudsman=True), "klacht-ombudsman", 10),
        (facts(outcome="niet-behandeld"), "niet-behandeld", 1),
        (facts(status="ingetrokken", outcome=""), "niet-behandeld", 1),
        # The longest applicable wins: withdrawn, but the resident still went to the ombudsman.
        (facts(status="ingetrokken", outcome="", ombudsman=True), "klacht-ombudsman", 10),
        # A complaint keeps the complaint terms whatever its domain.
        (facts(domain="jeugd"), "klacht", 5),
        (facts(domain="wmo", ombudsman=True), "klacht-ombudsman", 10),
        (facts(kind="hulpvraag", domain="wmo", outcome="afgerond"), "wmo", 15),
        (facts(kind="hulpvraag", domain="jeugd", outcome="afgerond"), "jeugd", 20),
        (facts(kind="signaal", domain="jeugd", outcome="afgerond"), "jeugd", 20),
        (facts(kind="hulpvraag", domain="schuldhulp", outcome="afgerond"), "schuldhulp", 5),
        (facts(kind="melding", domain="werk-en-inkomen", outcome=""), "werk-en-inkomen", 5),
        (facts(kind="melding", domain="overig", outcome="afgerond"), "overig", 5),
        # Stopped: part of the domain's file all the same; without a file, one year.
        (facts(kind="hulpvraag", domain="jeugd", status="uitgevallen", outcome=""), "jeugd", 20),
        (
            facts(kind="hulpvraag", domain="overig", status="uitgevallen", outcome=""),
            "niet-behandeld",
            1,
        ),
    ],
)
def test_the_rule_that_applies_and_its_default_term(case: CaseFacts, rule: str, years: int) -> None:
    term = Schedule().term_for(case)
    assert (term.rule, term.years) == (rule, years)


def test_an_override_changes_the_term_and_can_change_which_rule_wins() -> None:
    overridden = Schedule({"klacht-ombudsman": 12, "niet-behandeld": 11})
    assert overridden.term_for(facts(ombudsman=True)).years == 12
    withdrawn = facts(status="ingetrokken", outcome="", ombudsman=True)
    assert overridden.term_for(withdrawn).rule == "klacht-ombudsman"
    # Equal or longer: the longest applicable still wins.
    assert Schedule({"niet-behandeld": 30}).term_for(withdrawn).rule == "niet-behandeld"


def test_the_environment_is_a_json_object_of_known_rules_and_whole_years() -> None:
    assert parse_overrides("") == {}
    assert parse_overrides('{"klacht-ombudsman": 12}') == {"klacht-ombudsman": 12}
    for raw, says in [
        ("{klacht: 5}", "geen geldige JSON"),
        ("[5]", "JSON-object"),
        ('{"klachten": 5}', "onbekende regel 'klachten'"),
        ('{"klacht": "5"}', "heel aantal jaren"),
        ('{"klacht": 5.5}', "heel aantal jaren"),
        ('{"klacht": true}', "heel aantal jaren"),
        ('{"klacht": 0}', "tussen 1 en 100"),
        ('{"jeugd": 500}', "tussen 1 en 100"),
    ]:
        with pytest.raises(RetentionConfigError, match=says):
            parse_overrides(raw)


def test_the_term_ends_the_same_moment_years_later() -> None:
    closed = dt.datetime(2020, 2, 29, 10, 0, tzinfo=dt.UTC)
    assert add_years(closed, 1) == dt.datetime(2021, 2, 28, 10, 0, tzinfo=dt.UTC)
    assert add_years(closed, 4) == dt.datetime(2024, 2, 29, 10, 0, tzinfo=dt.UTC)
    term = Schedule().term_for(facts())
    assert term.expires_at(dt.datetime(2026, 3, 1, tzinfo=dt.UTC)) == dt.datetime(
        2031, 3, 1, tzinfo=dt.UTC
    )
