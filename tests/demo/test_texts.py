"""The Dutch text material of the demo: every template can be filled and every scenario
can be told in the voices its channels need."""

from __future__ import annotations

import random

import pytest

from regie.demo import texts
from regie.demo.generator import example_slots
from regie.demo.texts import (
    CONCLUSIONS,
    FRAMES,
    KIND_SHARE,
    NOTES,
    SCENARIOS,
    Slots,
    fill,
    parse_block,
)
from regie.vocabulary import COMPLAINT_OUTCOMES, Kind, Outcome


def _all_templates() -> list[tuple[str, str]]:
    found = []
    for scenario in SCENARIOS:
        for name, lines in scenario.texts.items():
            found += [(f"{scenario.key}.{name}", line) for line in lines]
    for block_name, block in (("frames", FRAMES), ("notes", NOTES), ("conclusions", CONCLUSIONS)):
        for name, lines in block.items():
            found += [(f"{block_name}.{name}", line) for line in lines]
    return found


def test_every_template_uses_only_slots_the_generator_fills() -> None:
    slots = example_slots()
    unknown = []
    for where, template in _all_templates():
        try:
            fill(template, slots)
        except KeyError as exc:
            unknown.append(f"{where}: {exc}")
    assert unknown == []


def test_a_capitalised_slot_gives_the_value_with_a_capital() -> None:
    slots = Slots(p="mijn moeder", toen="gisteren")
    assert fill("{P} belde {toen}. {Toen} ging het mis.", slots) == (
        "Mijn moeder belde gisteren. Gisteren ging het mis."
    )


def test_an_unknown_slot_is_an_error_not_an_empty_string() -> None:
    with pytest.raises(KeyError):
        fill("Hallo {onbekend}", Slots())


def test_the_line_format_joins_indented_continuations() -> None:
    parsed = parse_block(
        """
# a comment
first: Een lange zin die
  verder gaat.
first: Nog een.
"""
    )
    assert parsed == {"first": ("Een lange zin die verder gaat.", "Nog een.")}


def test_the_line_format_rejects_a_line_without_a_key() -> None:
    with pytest.raises(ValueError, match="key"):
        parse_block("zomaar een zin")


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.key)
def test_every_scenario_can_be_told_in_the_voices_of_its_channels(
    scenario: texts.Scenario,
) -> None:
    channels = set(texts.channels_for(scenario))
    if channels & {"telefoon", "balie", "wijkteam", "aanbieder", "api"}:
        assert scenario.lines("other"), "staff and professionals need a neutral account"
    if channels & {"web", "email", "brief"}:
        assert scenario.lines("first") or scenario.lines("other") or scenario.lines("told")


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.key)
def test_every_story_has_short_subjects_that_fit_it(scenario: texts.Scenario) -> None:
    stories = scenario.lines("first") + scenario.lines("other") + scenario.lines("told")
    for story in stories:
        fitting, text = texts.split_subjects(story)
        subjects = fitting or scenario.lines("subject")
        assert subjects, story
        assert all(len(subject) <= 60 for subject in subjects), subjects
        assert not text.startswith("[")


def test_a_story_may_carry_its_own_subjects() -> None:
    assert texts.split_subjects("[Taxi kwam niet; Rit gemist] De taxi kwam niet.") == (
        ("Taxi kwam niet", "Rit gemist"),
        "De taxi kwam niet.",
    )
    assert texts.split_subjects("Zonder onderwerp.") == ((), "Zonder onderwerp.")


def test_the_kind_mix_adds_up_and_every_kind_has_scenarios() -> None:
    assert sum(KIND_SHARE.values()) == pytest.approx(1.0)
    assert {s.kind for s in SCENARIOS} == set(Kind)


def test_roughening_changes_a_text_a_little_and_the_same_way_for_the_same_seed() -> None:
    text = "Ik heb al drie keer gebeld. Er wordt niet teruggebeld. Dat is toch niet normaal."
    first = texts.roughen(text, random.Random(4))
    assert first == texts.roughen(text, random.Random(4))
    rough = {texts.roughen(text, random.Random(seed)) for seed in range(40)}
    assert len(rough) > 5
    assert all(abs(len(r) - len(text)) < 12 for r in rough)


def test_every_outcome_the_generator_uses_has_a_summary_for_every_case_of_its_kind() -> None:
    needed = [f"klacht-{o}" for o in COMPLAINT_OUTCOMES]
    for kind in (Kind.HULPVRAAG, Kind.MELDING, Kind.SIGNAAL):
        needed += [f"{kind}-{Outcome.AFGEROND}", f"{kind}-{Outcome.DOORVERWEZEN}"]
    missing = [key for key in needed if not CONCLUSIONS.get(key)]
    assert missing == []
    assert CONCLUSIONS["letter"]
    assert CONCLUSIONS["klacht-doorverwezen-aanbieder"]
    # An anonymous report or signal has a summary that does not speak about a contact.
    for kind in (Kind.MELDING, Kind.SIGNAAL):
        for outcome in (Outcome.AFGEROND, Outcome.DOORVERWEZEN):
            lines = CONCLUSIONS[f"{kind}-{outcome}"]
            assert any("{contact" not in line.lower() for line in lines), (kind, outcome)


def test_a_scenario_speaks_only_of_outcomes_that_fit_its_kind() -> None:
    outcome_keys = {o.value for o in Outcome}
    for scenario in SCENARIOS:
        used = outcome_keys & set(scenario.texts)
        allowed = (
            {o.value for o in COMPLAINT_OUTCOMES}
            if scenario.kind == Kind.KLACHT
            else {Outcome.AFGEROND.value, Outcome.DOORVERWEZEN.value}
        )
        assert used <= allowed, (scenario.key, used - allowed)
