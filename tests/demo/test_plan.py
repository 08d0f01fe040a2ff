"""The plan of the demo history, without a database: volume, mix, rhythm and handling."""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import Counter
from functools import cache
from zoneinfo import ZoneInfo

import pytest

from regie.deadlines import AtwCalendar, compute_due
from regie.demo.generator import PlannedCase, plan_demo_cases
from regie.vocabulary import COMPLAINT_OUTCOMES, Channel, Domain, Kind, Outcome

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A fixed "now" keeps these tests independent of the day they run (a Saturday evening).
NOW = dt.datetime(2026, 11, 28, 21, 0, tzinfo=AMSTERDAM)
calendar = AtwCalendar()


@cache
def full_plan(seed: int = 2026) -> tuple[PlannedCase, ...]:
    return tuple(plan_demo_cases(seed=seed, years=2, now=NOW))


def local(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(AMSTERDAM)


def test_the_same_seed_gives_the_same_history() -> None:
    again = plan_demo_cases(seed=2026, years=2, now=NOW)
    assert [(c.received_at, c.description) for c in again] == [
        (c.received_at, c.description) for c in full_plan()
    ]


def test_another_seed_gives_another_history() -> None:
    other = plan_demo_cases(seed=7, years=2, now=NOW)
    assert {c.description for c in other} != {c.description for c in full_plan()}


def test_two_years_hold_between_1500_and_3000_cases_in_both_municipalities() -> None:
    plan = full_plan()
    assert 1500 <= len(plan) <= 3000
    per_municipality = Counter(c.municipality for c in plan)
    assert set(per_municipality) == {"GM9901", "GM9902"}
    # Aa en Zee is the larger town.
    assert per_municipality["GM9901"] > per_municipality["GM9902"]


def test_the_kind_mix_follows_what_municipalities_receive() -> None:
    plan = full_plan()
    share = {kind: n / len(plan) for kind, n in Counter(c.kind for c in plan).items()}
    target = {Kind.KLACHT: 0.35, Kind.HULPVRAAG: 0.30, Kind.MELDING: 0.20, Kind.SIGNAAL: 0.15}
    for kind, expected in target.items():
        assert share[kind] == pytest.approx(expected, abs=0.05), kind


@pytest.mark.parametrize("seed", [1, 2026, 99])
def test_every_kind_domain_and_channel_occurs_for_any_seed(seed: int) -> None:
    plan = plan_demo_cases(seed=seed, years=2, now=NOW)
    assert {c.kind for c in plan} == set(Kind)
    assert {c.domain for c in plan} == set(Domain)
    assert {c.channel for c in plan} == set(Channel)
    assert {c.about for c in plan} == {"", "het-anker", "de-linde", "sociale-dienst"}
    assert any(c.urgency == "spoed" for c in plan)


def test_cases_lie_in_the_past_years_with_office_hours_for_phone_and_desk() -> None:
    plan = full_plan()
    start = NOW - dt.timedelta(days=731)
    assert all(start <= c.received_at <= c.registered_at <= NOW for c in plan)
    for case in plan:
        if case.channel in (Channel.TELEFOON, Channel.BALIE, Channel.WIJKTEAM):
            moment = local(case.received_at)
            assert calendar.is_working_day(moment.date()), case
            assert 8 <= moment.hour < 20, case


def test_the_website_also_takes_evenings_and_weekends() -> None:
    web = [local(c.received_at) for c in full_plan() if c.channel == Channel.WEB]
    evenings = sum(m.hour >= 18 for m in web)
    weekends = sum(m.weekday() >= 5 for m in web)
    assert evenings / len(web) > 0.15
    assert weekends / len(web) > 0.03


def test_late_taxi_complaints_spike_in_the_month_the_new_carrier_started() -> None:
    per_month = Counter(
        local(c.received_at).strftime("%Y-%m")
        for c in full_plan()
        if c.scenario in ("wmo-taxi-te-laat", "leerlingenvervoer", "taxi-signaal")
    )
    busiest, count = per_month.most_common(1)[0]
    assert busiest == "2026-09"
    assert count >= 3 * statistics.median(per_month.values())
    after = [
        c for c in full_plan() if c.scenario == "wmo-taxi-te-laat" and "RegioRit" in c.description
    ]
    assert after
    assert all(local(c.received_at).date() >= dt.date(2026, 9, 1) for c in after)


def test_complaints_about_het_anker_grow_over_the_two_years() -> None:
    plan = full_plan()
    first_half = [c for c in plan if c.received_at < NOW - dt.timedelta(days=365)]
    second_half = [c for c in plan if c.received_at >= NOW - dt.timedelta(days=365)]

    def share(cases: list[PlannedCase]) -> float:
        return sum(c.scenario == "anker-hulp-komt-niet" for c in cases) / len(cases)

    assert share(second_half) > 1.3 * share(first_half)


def test_only_signals_and_reports_are_anonymous_and_the_rest_can_be_reached() -> None:
    for case in full_plan():
        if case.anonymous:
            assert case.kind in (Kind.SIGNAAL, Kind.MELDING)
            assert not case.submitter_name
            assert not case.submitter_email
            assert not case.submitter_phone
        if case.kind in (Kind.KLACHT, Kind.HULPVRAAG):
            assert case.submitter_name
            assert case.submitter_email or case.submitter_phone
    assert sum(c.anonymous for c in full_plan()) > 50


def test_people_submit_on_behalf_of_relatives_neighbours_and_clients() -> None:
    relations = Counter(c.on_behalf_of_relation for c in full_plan() if c.on_behalf_of_name)
    for relation in ("dochter", "zoon", "mantelzorger", "cliëntondersteuner", "buurvrouw"):
        assert relations[relation] >= 10, relation


def test_contact_details_are_fictional_and_nothing_looks_like_a_bsn() -> None:
    for case in full_plan():
        assert case.submitter_email == "" or case.submitter_email.endswith("@example.nl")
        assert case.submitter_phone == "" or re.fullmatch(r"06-1234\d{4}", case.submitter_phone)
        for text in (case.description, *(s.text for s in case.steps)):
            assert not re.search(r"\b\d{9}\b", text), text


def test_older_cases_are_mostly_assigned_and_recent_ones_partly_not() -> None:
    plan = full_plan()
    old = [c for c in plan if c.received_at < NOW - dt.timedelta(days=60)]
    recent = [c for c in plan if c.received_at > NOW - dt.timedelta(days=7)]
    assigned = lambda cases: sum(any(s.action == "assign" for s in c.steps) for c in cases)  # noqa: E731
    assert assigned(old) / len(old) > 0.93
    assert 0 < assigned(recent) < len(recent)


def test_handling_steps_happen_after_registration_and_not_in_the_future() -> None:
    for case in full_plan():
        assert all(case.registered_at <= step.at <= NOW for step in case.steps), case
        notes = [s for s in case.steps if s.action in ("note", "contact")]
        assert all(s.text.strip() for s in notes)


def test_texts_hardly_ever_repeat() -> None:
    plan = full_plan()
    assert len({c.description for c in plan}) / len(plan) > 0.95


def test_the_conclusion_is_the_last_step_with_an_outcome_that_fits_the_kind() -> None:
    for case in full_plan():
        concluded = [s for s in case.steps if s.action == "conclude"]
        assert len(concluded) <= 1
        if not concluded:
            continue
        last = concluded[0]
        assert all(s.at < last.at for s in case.steps if s is not last), case
        assert last.text.strip()
        if case.kind == Kind.KLACHT:
            assert last.outcome in COMPLAINT_OUTCOMES
        else:
            assert last.outcome in (Outcome.AFGEROND, Outcome.DOORVERWEZEN)
        assert case.outcome == last.outcome


def test_old_cases_are_concluded_and_the_open_ones_are_mostly_recent() -> None:
    plan = full_plan()
    old = [c for c in plan if c.received_at < NOW - dt.timedelta(days=90)]
    assert sum(bool(c.outcome) for c in old) / len(old) > 0.98
    still_open = [c for c in plan if not c.outcome]
    assert 0.02 < len(still_open) / len(plan) < 0.1
    ages = sorted((NOW - c.received_at).days for c in still_open)
    assert ages[len(ages) // 2] < 30


def test_two_in_five_complaints_are_resolved_informally_most_within_six_weeks() -> None:
    complaints = [c for c in full_plan() if c.kind == Kind.KLACHT and c.outcome]
    outcomes = Counter(c.outcome for c in complaints)
    assert 0.4 <= outcomes[Outcome.OPGELOST] / len(complaints) <= 0.5
    assert outcomes[Outcome.NIET_BEHANDELD] > 0
    formal = sum(outcomes[o] for o in ("gegrond", "deels-gegrond", "ongegrond"))
    assert 0.35 <= formal / len(complaints) <= 0.5

    def concluded_on(case: PlannedCase) -> dt.date:
        return local(next(s.at for s in case.steps if s.action == "conclude")).date()

    six_weeks = [
        concluded_on(c) <= compute_due("awb-klacht", c.received_at).due for c in complaints
    ]
    assert sum(six_weeks) / len(complaints) > 0.8
    # Informal resolution is the quick route: mostly within three weeks.
    informal = [c for c in complaints if c.outcome == Outcome.OPGELOST]
    quick = [(concluded_on(c) - local(c.received_at).date()).days <= 21 for c in informal]
    assert sum(quick) / len(informal) > 0.8
    # A judgement is a reasoned letter that names the ombudsman (Awb 9:12).
    for case in complaints:
        if case.outcome in ("gegrond", "deels-gegrond", "ongegrond"):
            assert "Nationale ombudsman" in case.steps[-1].text, case


def test_informal_resolution_needs_a_conversation() -> None:
    for case in full_plan():
        if case.outcome == Outcome.OPGELOST:
            assert any(s.action == "contact" for s in case.steps), case


def test_people_without_an_e_mail_address_get_the_acknowledgement_by_post() -> None:
    for case in full_plan():
        letters = [s for s in case.steps if s.action == "acknowledge"]
        needs_letter = not case.anonymous and not case.submitter_email and case.submitter_phone
        if not needs_letter:
            assert not letters, case
            continue
        if letters:
            assert "@" not in letters[0].text
            # The municipality's front line, or the provider for a complaint about itself,
            # which it handles (routing at intake).
            assert letters[0].actor in ("kcc", "hooglanden", "anker", "linde", "sociale-dienst")
            if letters[0].actor not in ("kcc", "hooglanden"):
                assert case.about, case
                assert case.channel in ("aanbieder", "api"), case
