"""Triage in the register (issue 9): the suggestion stored at intake, never applied by
itself; an urgent one reaches the team; a person confirms or corrects in one event."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

import regie.triage
from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.cases import deadlines as case_deadlines
from regie.cases import services
from regie.cases.models import Case, Event, EventType, TriageState, TriageSuggestion
from regie.directory.models import Municipality
from regie.notifications.models import OutboundEmail
from regie.triage.suggestion import Suggestion

pytestmark = pytest.mark.django_db

GAS_EN_LICHT = "Volgende week worden gas en licht afgesloten, ik heb geen geld meer."


def suggestion(**fields: Any) -> Suggestion:
    """A fixed answer of the triage room, for checks that must not depend on its model."""
    values: dict[str, Any] = {
        "domain": "schuldhulp",
        "kind": "hulpvraag",
        "urgent": True,
        "confidence": 0.9,
        "reasons": ("'afgesloten' wijst op schulden",),
        "domain_runner_up": "werk-en-inkomen",
        "urgent_reasons": ("Afsluiting van gas of licht dreigt",),
    }
    values.update(fields)
    return Suggestion(**values)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Any:
    """answers(Suggestion) → intake gets that suggestion from triage."""

    def use(answer: Suggestion) -> None:
        monkeypatch.setattr(regie.triage, "suggest", lambda text, **_: answer, raising=False)

    return use


def intake(kind: str = "hulpvraag", domain: str = "overig", text: str = GAS_EN_LICHT) -> Case:
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind=kind,
        channel="api",
        domain=domain,
        received_at=timezone.now() - dt.timedelta(hours=2),
        description=text,
        submitter=services.Person(name="Anna de Boer", phone="0612345678"),
    )
    return services.case_intake(scope=scope_for_public_web(), request=request).case


def staff() -> services.Scope:
    # The coordinator sees every case of the municipality; a handler only their team's
    # queue (least privilege), and these cases go to several teams.
    return scope_for_user(User.objects.get(username="coordinator"))


def test_the_suggestion_is_stored_and_shown_never_applied(world: None, answers: Any) -> None:
    answers(suggestion())
    case = intake()

    case.refresh_from_db()
    assert (case.domain, case.kind, case.urgency) == ("overig", "hulpvraag", "normaal")
    triage = TriageSuggestion.objects.get(case=case)
    assert triage.domain == "schuldhulp"
    assert triage.urgent is True
    assert triage.state == TriageState.OPEN
    assert triage.urgent_reasons == ["Afsluiting van gas of licht dreigt"]
    event = Event.objects.get(case=case, type=EventType.TRIAGED)
    assert event.payload["crisisProposed"] is True
    # No Wgs term is started on a guess: the case is not debt help until a person says so.
    assert case_deadlines.current(case, case_deadlines.FIRST_CONVERSATION) is None


def test_an_urgent_suggestion_mails_the_team_once_per_person(world: None, answers: Any) -> None:
    answers(suggestion())
    case = intake()

    mails = OutboundEmail.objects.filter(case_id=case.pk, purpose="triage-spoed")
    assert mails.count() >= 1
    assert all(m.subject == f"Mogelijk spoed: {case.reference}" for m in mails)
    assert len({m.dedupe_key for m in mails}) == mails.count()
    assert "Afsluiting van gas of licht dreigt" in mails[0].body


def test_a_calm_suggestion_mails_nobody(world: None, answers: Any) -> None:
    answers(suggestion(domain="wmo", urgent=False, urgent_reasons=()))
    case = intake(text="De scootmobiel is al twee weken kapot.")
    assert not OutboundEmail.objects.filter(case_id=case.pk, purpose="triage-spoed").exists()


def test_a_failing_triage_never_loses_the_case(
    world: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(text: str, **_: Any) -> Suggestion:
        raise RuntimeError("model file missing")

    monkeypatch.setattr(regie.triage, "suggest", broken, raising=False)
    with caplog.at_level(logging.ERROR):
        case = intake()
    assert Case.objects.filter(pk=case.pk).exists()
    assert not TriageSuggestion.objects.filter(case=case).exists()
    assert "Triage failed" in caplog.text


def test_confirming_applies_domain_and_spoed_with_the_crisis_term(
    world: None, answers: Any
) -> None:
    answers(suggestion())
    case = intake()
    events = Event.objects.filter(case=case).count()

    services.case_confirm_triage(case=case, scope=staff())

    case.refresh_from_db()
    assert (case.domain, case.kind, case.urgency) == ("schuldhulp", "hulpvraag", "spoed")
    term = case_deadlines.current(case, case_deadlines.FIRST_CONVERSATION)
    assert term is not None
    assert "crisis" in term.options
    triage = TriageSuggestion.objects.get(case=case)
    assert triage.state == TriageState.CONFIRMED
    assert triage.confirmed_by == User.objects.get(username="coordinator")
    assert triage.confirmed_at is not None
    assert Event.objects.filter(case=case).count() == events + 1

    with pytest.raises(services.CaseError) as again:
        services.case_confirm_triage(case=case, scope=staff())
    assert "al beoordeeld" in again.value.errors["triage"]


def test_spoed_on_an_existing_debt_request_supersedes_its_term(world: None, answers: Any) -> None:
    answers(suggestion())
    case = intake(domain="schuldhulp")
    before = case_deadlines.current(case, case_deadlines.FIRST_CONVERSATION)
    assert before is not None
    assert "crisis" not in before.options

    services.case_confirm_triage(case=case, scope=staff())

    after = case_deadlines.current(case, case_deadlines.FIRST_CONVERSATION)
    assert after is not None
    assert after.pk != before.pk
    assert "crisis" in after.options
    assert after.due < before.due
    before.refresh_from_db()
    assert before.superseded  # the earlier date stays on record


def test_correcting_records_and_applies_the_persons_choice(world: None, answers: Any) -> None:
    answers(suggestion())
    case = intake()

    services.case_correct_triage(
        case=case, scope=staff(), domain="werk-en-inkomen", kind="melding", urgent=False
    )

    case.refresh_from_db()
    assert (case.domain, case.kind, case.urgency) == ("werk-en-inkomen", "melding", "normaal")
    triage = TriageSuggestion.objects.get(case=case)
    assert triage.state == TriageState.CORRECTED
    assert (triage.chosen_domain, triage.chosen_kind, triage.chosen_urgent) == (
        "werk-en-inkomen",
        "melding",
        False,
    )
    event = Event.objects.get(case=case, type=EventType.TRIAGE_CORRECTED)
    assert event.payload["changes"]["domain"] == {"before": "overig", "after": "werk-en-inkomen"}


def test_a_correction_never_turns_a_case_into_or_out_of_a_complaint(
    world: None, answers: Any
) -> None:
    answers(suggestion(kind="klacht"))
    case = intake()
    events = Event.objects.filter(case=case).count()
    with pytest.raises(services.CaseError) as refused:
        services.case_correct_triage(
            case=case, scope=staff(), domain="wmo", kind="klacht", urgent=False
        )
    assert "kind" in refused.value.errors
    with pytest.raises(services.CaseError) as unknown:
        services.case_correct_triage(
            case=case, scope=staff(), domain="parkeren", kind="melding", urgent=False
        )
    assert "domain" in unknown.value.errors
    assert Event.objects.filter(case=case).count() == events


def test_nothing_to_confirm_without_a_suggestion(
    world: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(regie.triage, "suggest", None, raising=False)  # triage unavailable
    case = intake()
    with pytest.raises(services.CaseError):
        services.case_confirm_triage_check(case=case, scope=staff())


def test_the_real_engine_flags_the_issues_example(world: None) -> None:
    """The resident the ombudsman worries about: urgent, and still not routed on a guess."""
    case = intake()
    case.refresh_from_db()
    assert (case.domain, case.urgency) == ("overig", "normaal")
    triage = TriageSuggestion.objects.get(case=case)
    assert triage.urgent is True
    assert triage.reasons or triage.urgent_reasons


def test_verdicts_are_the_training_data(world: None, answers: Any) -> None:
    from regie.cases.triage_data import training_examples

    answers(suggestion(kind="melding"))
    confirmed, corrected, untouched = intake(), intake(), intake()
    services.case_confirm_triage(case=confirmed, scope=staff())
    services.case_correct_triage(
        case=corrected, scope=staff(), domain="wmo", kind="hulpvraag", urgent=False
    )

    examples = list(training_examples())
    assert len(examples) == 2  # the unjudged suggestion is no training data
    # Confirmed: the suggested domain and urgency, the case's own kind (not the guessed one).
    assert examples[0][1:] == ("schuldhulp", "hulpvraag", True)
    assert examples[1][1:] == ("wmo", "hulpvraag", False)
    assert untouched.pk not in (confirmed.pk, corrected.pk)


def test_the_suggestion_names_the_directory_topic_the_text_is_about(world: None) -> None:
    from regie.directory.models import Topic

    case = intake(text="De huishoudelijke hulp komt al drie weken niet, mijn huis is vies.")
    triage = TriageSuggestion.objects.get(case=case)
    topic = Topic.objects.get(slug=triage.topic)
    assert topic.domain == "wmo"
    assert any(topic.name in reason for reason in triage.reasons)

    plain = intake(text="Ik wil graag weten hoe laat de bibliotheek morgen opengaat.")
    assert TriageSuggestion.objects.get(case=plain).topic == ""


def test_a_topic_added_in_beheer_is_suggested_at_the_next_intake(world: None) -> None:
    from regie.directory.models import Topic

    Topic.objects.create(
        slug="regiotaxi-app", name="Regiotaxi-app", domain="wmo", keywords=["taxi-app"]
    )
    case = intake(text="De nieuwe taxi-app laat me steeds in de steek.")
    assert TriageSuggestion.objects.get(case=case).topic == "regiotaxi-app"


def test_a_new_domain_routes_a_case_nobody_picked_up_yet(world: None, answers: Any) -> None:
    from regie.cases.services.routing import route_at_intake

    answers(suggestion())
    case = intake()  # overig, as the API sends it
    before = (case.handling_team_id, case.handling_organisation_id)
    services.case_confirm_triage(case=case, scope=staff())

    case.refresh_from_db()
    route = route_at_intake(case)  # where schuldhulp goes in this municipality
    assert route is not None
    expected = (
        route.team.pk if route.team else None,
        route.organisation.pk if route.organisation else None,
    )
    assert expected != before, "the demo routes overig and schuldhulp to the same party"
    assert (case.handling_team_id, case.handling_organisation_id) == expected
    assert case.handovers == 0  # routing corrected, not a hand-over
    event = Event.objects.get(case=case, type=EventType.TRIAGE_CONFIRMED)
    assert event.payload["changes"]["route"]["after"]["reason"] == route.reason


def test_a_case_someone_works_on_stays_where_it_is(world: None, answers: Any) -> None:
    answers(suggestion())
    case = intake()
    scope = staff()
    services.case_assign(case=case, scope=scope, handler=User.objects.get(username="behandelaar"))
    case.refresh_from_db()
    before = (case.handling_team_id, case.handling_organisation_id)
    services.case_confirm_triage(case=case, scope=scope)

    case.refresh_from_db()
    assert (case.handling_team_id, case.handling_organisation_id) == before
    event = Event.objects.get(case=case, type=EventType.TRIAGE_CONFIRMED)
    assert "route" not in event.payload["changes"]
