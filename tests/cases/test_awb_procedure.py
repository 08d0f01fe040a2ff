"""The Awb procedure where the law is strict: the hearing (9:10), the judgement per element
with the ombudsman route (9:12, 9:24), not handling a complaint (9:8) and the register of
written complaints (9:12a). Through the write path, with real cases from the intake."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.cases import services
from regie.cases.models import Case, ComplaintJudgement, Event, EventType
from regie.cases.register import written_complaints
from regie.cases.services.complaint_procedure import (
    needs_judgements,
    ombudsman_route,
    one_year_after,
    outcome_of,
)
from regie.directory.models import Municipality, Organisation
from regie.intake.history import public_history

pytestmark = pytest.mark.django_db

ANNA = services.Person(name="Anna de Boer", email="anna@example.org")
GOOD = {
    "element": "De medewerker belde niet terug.",
    "judgement": "gegrond",
    "norm": "voortvarendheid",
    "reasons": "Er is drie weken niet teruggebeld.",
    "measures": "Wij bellen binnen twee dagen terug.",
}


def staff() -> services.Scope:
    return scope_for_user(User.objects.get(username="behandelaar"))


def written(weeks: float = 2, channel: str = "web", municipality: str = "GM9901") -> Case:
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code=municipality),
        kind="klacht",
        channel=channel,
        description="Niemand belt mij terug over mijn aanvraag.",
        submitter=ANNA,
        received_at=timezone.now() - dt.timedelta(weeks=weeks),
    )
    return services.case_intake(scope=scope_for_public_web(), request=request).case


def formal(weeks: float = 2) -> Case:
    case = written(weeks)
    assert case.procedure == "schriftelijk"
    return services.case_move(case=case, scope=staff(), to="formeel")


def count(case: Case) -> int:
    return Event.objects.filter(case=case).count()


def in_a_week() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=7)


def refused(call: Any, case: Case) -> dict[str, str]:
    """The errors of a refused call; nothing was written."""
    events = count(case)
    with pytest.raises(services.CaseError) as exc:
        call()
    assert count(case) == events
    return exc.value.errors


# --- the hearing (9:10) -----------------------------------------------------------------------


def test_offering_the_hearing_is_one_event_that_moves_to_hoorzitting(world: None) -> None:
    case = formal()
    events = count(case)
    planned = in_a_week()

    offered = services.case_offer_hearing(
        case=case, scope=staff(), planned_at=planned, place="Stadhuis, spreekkamer 2"
    )

    assert offered.status == "hoorzitting"
    assert count(case) == events + 1
    event = case.events.get(type=EventType.HEARING_OFFERED)
    assert event.payload == {
        "from": "formeel",
        "to": "hoorzitting",
        "plannedAt": planned.isoformat(),
        "place": "Stadhuis, spreekkamer 2",
        "byPhone": False,
    }
    # Another date: a new invitation, the status stays.
    again = services.case_offer_hearing(
        case=offered, scope=staff(), planned_at=planned + dt.timedelta(days=1), by_phone=True
    )
    assert again.status == "hoorzitting"
    latest = case.events.filter(type=EventType.HEARING_OFFERED).last()
    assert latest is not None
    assert latest.payload["from"] == "hoorzitting"
    assert latest.payload["byPhone"] is True
    assert latest.payload["place"] == ""


def test_the_hearing_is_only_for_a_complaint_in_formal_handling(world: None, new_case: Any) -> None:
    informal = written()
    assert refused(
        lambda: services.case_offer_hearing_check(case=informal, scope=staff()), informal
    ) == {
        "status": "Horen hoort bij de formele klachtbehandeling. Zet de klacht eerst op formele "
        "klachtbehandeling (Volgende stap)."
    }
    signal = new_case(kind="signaal")
    assert (
        "Alleen bij een klacht"
        in refused(lambda: services.case_skip_hearing_check(case=signal, scope=staff()), signal)[
            "status"
        ]
    )
    done = services.case_conclude(case=written(), scope=staff(), outcome="opgelost", summary="Ok")
    assert refused(lambda: services.case_record_hearing_check(case=done, scope=staff()), done) == {
        "status": "Deze zaak is afgehandeld."
    }
    with pytest.raises(services.PermissionRefused):
        services.case_offer_hearing_check(case=formal(), scope=scope_for_public_web())


def test_an_invitation_needs_a_place_or_the_phone_and_a_moment_ahead(world: None) -> None:
    case = formal()
    assert refused(
        lambda: services.case_offer_hearing(case=case, scope=staff(), planned_at=in_a_week()),
        case,
    ) == {"place": "Vul de plaats in, of kies telefonisch."}
    assert refused(
        lambda: services.case_offer_hearing(
            case=case, scope=staff(), planned_at=in_a_week(), place="Stadhuis", by_phone=True
        ),
        case,
    ) == {"place": "Kies een plaats óf telefonisch, niet allebei."}
    assert refused(
        lambda: services.case_offer_hearing(
            case=case,
            scope=staff(),
            planned_at=timezone.now() - dt.timedelta(hours=1),
            by_phone=True,
        ),
        case,
    ) == {"planned_at": "Het horen moet na de uitnodiging plaatsvinden."}
    case.refresh_from_db()
    assert case.status == "formeel"


def test_a_hearing_held_is_recorded_with_its_report(world: None) -> None:
    case = formal()
    today = timezone.localdate()
    assert refused(
        lambda: services.case_record_hearing(
            case=case, scope=staff(), held_on=today + dt.timedelta(days=1), report="Verslag."
        ),
        case,
    ) == {"held_on": "Deze datum ligt in de toekomst. Leg het horen vast als het is geweest."}
    assert "report" in refused(
        lambda: services.case_record_hearing(case=case, scope=staff(), held_on=today, report=" "),
        case,
    )

    event = services.case_record_hearing(
        case=case, scope=staff(), held_on=today, report="Mevrouw lichtte toe; de medewerker ook."
    )

    assert event.type == EventType.HEARING_HELD
    assert event.payload == {
        "heldOn": today.isoformat(),
        "report": "Mevrouw lichtte toe; de medewerker ook.",
    }
    assert services.hearing_state(case).settled
    assert refused(lambda: services.case_skip_hearing_check(case=case, scope=staff()), case) == {
        "status": "De indiener is al gehoord."
    }


def test_skipping_the_hearing_names_a_ground_of_the_law_and_goes_back_to_formeel(
    world: None,
) -> None:
    case = services.case_offer_hearing(
        case=formal(), scope=staff(), planned_at=in_a_week(), by_phone=True
    )
    assert refused(
        lambda: services.case_skip_hearing(
            case=case, scope=staff(), ground="geen-zin", explanation="Geen tijd."
        ),
        case,
    ) == {"ground": "Kies een van de redenen uit de wet (Awb 9:10 lid 2)."}

    skipped = services.case_skip_hearing(
        case=case, scope=staff(), ground="afgezien", explanation="Mevrouw belde: niet nodig."
    )

    assert skipped.status == "formeel"
    event = case.events.get(type=EventType.HEARING_SKIPPED)
    assert event.payload == {
        "from": "hoorzitting",
        "to": "formeel",
        "ground": "afgezien",
        "explanation": "Mevrouw belde: niet nodig.",
    }
    assert services.hearing_state(case).settled
    assert (
        "al vastgelegd"
        in refused(lambda: services.case_skip_hearing_check(case=skipped, scope=staff()), skipped)[
            "status"
        ]
    )
    assert (
        "Bied het horen dan opnieuw aan"
        in refused(
            lambda: services.case_record_hearing_check(case=skipped, scope=staff()), skipped
        )["status"]
    )


def test_the_resident_sees_the_hearing_steps_without_internal_text(world: None) -> None:
    case = formal()
    services.case_offer_hearing(
        case=case, scope=staff(), planned_at=in_a_week(), place="Kamer van Jan Jansen"
    )
    services.case_skip_hearing(
        case=case, scope=staff(), ground="geen-reactie", explanation="Twee keer gebeld, niets."
    )

    texts = [step.text for step in public_history(case, case.events.order_by("at", "pk"))]

    assert any(
        t.startswith("Wij hebben u uitgenodigd om uw klacht toe te lichten op ") for t in texts
    )
    assert any("Wij behandelen uw klacht zonder gesprek." in t for t in texts)
    joined = " ".join(texts)
    assert "Jan Jansen" not in joined
    assert "Twee keer gebeld" not in joined


# --- the conclusion per element (9:12) --------------------------------------------------------


def test_a_formal_written_complaint_needs_judgements_and_a_settled_hearing(world: None) -> None:
    case = formal()
    assert refused(
        lambda: services.case_conclude(
            case=case, scope=staff(), outcome="gegrond", summary="Klopt."
        ),
        case,
    ) == {
        "judgements": "Geef per onderdeel van de klacht uw oordeel, met de reden (Awb artikel "
        "9:12).",
        "hearing": "De indiener is nog niet gehoord. Leg eerst vast dat het horen is geweest, "
        "of waarom de indiener niet wordt gehoord (Awb artikel 9:10).",
    }
    # Informal resolution during formal handling lapses the formal duties (9:5).
    resolved = services.case_conclude(
        case=case, scope=staff(), outcome="opgelost", summary="Alsnog opgelost."
    )
    assert resolved.outcome == "opgelost"
    assert not ComplaintJudgement.objects.filter(case=case).exists()


def test_the_conclusion_stores_each_judgement_and_names_the_ombudsman_and_term(
    world: None,
) -> None:
    case = formal()
    services.case_record_hearing(
        case=case, scope=staff(), held_on=timezone.localdate(), report="Gehoord."
    )
    second = {"element": "Onbeleefd aan de telefoon.", "judgement": "ongegrond", "reasons": "Nee."}
    events = count(case)

    closed = services.case_conclude(
        case=case,
        scope=staff(),
        outcome="deels-gegrond",
        summary="Deels gegrond.",
        judgements=[GOOD, second],
    )

    assert closed.status == "afgehandeld"
    assert closed.outcome == "deels-gegrond"
    assert count(case) == events + 1
    rows = list(ComplaintJudgement.objects.filter(case=case).order_by("position"))
    assert [(r.position, r.judgement, r.norm) for r in rows] == [
        (1, "gegrond", "voortvarendheid"),
        (2, "ongegrond", ""),
    ]
    assert {r.concluded_at for r in rows} == {closed.concluded_at}
    assert rows[0].measures == "Wij bellen binnen twee dagen terug."
    event = case.events.get(type=EventType.CONCLUDED)
    assert event.payload["judgements"][0] == {"position": 1, **GOOD}
    assert event.payload["judgements"][1]["measures"] == ""
    until = one_year_after(timezone.localdate(closed.concluded_at))
    assert event.payload["ombudsman"] == {
        "name": "de Nationale ombudsman",
        "url": "https://www.nationaleombudsman.nl",
        "until": until.isoformat(),
    }


def test_an_outcome_that_contradicts_the_judgements_is_refused(world: None) -> None:
    case = formal()
    services.case_skip_hearing(
        case=case, scope=staff(), ground="kennelijk-ongegrond", explanation="Zie dossier."
    )
    assert refused(
        lambda: services.case_conclude(
            case=case, scope=staff(), outcome="ongegrond", summary="Nee.", judgements=[GOOD]
        ),
        case,
    ) == {
        "outcome": "De oordelen per onderdeel komen uit op: klacht gegrond. Kies die uitkomst, "
        "of pas de oordelen aan."
    }
    # Without an outcome the judgements decide it.
    closed = services.case_conclude(
        case=case, scope=staff(), outcome="", summary="Klopt.", judgements=[GOOD]
    )
    assert closed.outcome == "gegrond"


def test_bad_judgements_name_their_place(world: None) -> None:
    case = formal()
    services.case_record_hearing(
        case=case, scope=staff(), held_on=timezone.localdate(), report="Gehoord."
    )
    errors = refused(
        lambda: services.case_conclude(
            case=case,
            scope=staff(),
            outcome="gegrond",
            summary="Klopt.",
            judgements=[
                GOOD,
                {"element": "Te laat", "judgement": "half", "norm": "netheid", "reasons": ""},
            ],
        ),
        case,
    )
    assert errors == {
        "judgements[1].judgement": (
            "Kies een oordeel: gegrond, deels gegrond, ongegrond of geen oordeel."
        ),
        "judgements[1].norm": "Kies een norm uit de behoorlijkheidswijzer, of geen.",
        "judgements[1].reasons": "Schrijf op waarom u tot dit oordeel komt.",
    }
    assert not ComplaintJudgement.objects.filter(case=case).exists()
    signal = services.case_intake(
        scope=scope_for_public_web(),
        request=services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind="signaal",
            channel="web",
            description="Lantaarnpaal kapot.",
        ),
    ).case
    assert refused(
        lambda: services.case_conclude(
            case=signal, scope=staff(), outcome="afgerond", summary="Ok.", judgements=[GOOD]
        ),
        signal,
    ) == {"judgements": "Alleen een klacht krijgt een oordeel per onderdeel."}


@pytest.mark.parametrize(
    ("judgements", "outcome"),
    [
        (["gegrond", "gegrond"], "gegrond"),
        (["ongegrond"], "ongegrond"),
        (["gegrond", "ongegrond"], "deels-gegrond"),
        (["deels-gegrond"], "deels-gegrond"),
        (["gegrond", "geen-oordeel"], "gegrond"),
        (["ongegrond", "geen-oordeel"], "ongegrond"),
        (["geen-oordeel", "geen-oordeel"], ""),
    ],
)
def test_the_outcome_follows_from_the_judgements(judgements: list[str], outcome: str) -> None:
    assert outcome_of([{"judgement": j} for j in judgements]) == outcome


def test_when_no_element_can_be_judged_the_handler_chooses(world: None) -> None:
    case = formal()
    services.case_record_hearing(
        case=case, scope=staff(), held_on=timezone.localdate(), report="Gehoord."
    )
    unclear = {**GOOD, "judgement": "geen-oordeel"}
    closed = services.case_conclude(
        case=case,
        scope=staff(),
        outcome="ongegrond",
        summary="Niet vast te stellen.",
        judgements=[unclear],
    )
    assert closed.outcome == "ongegrond"


def test_one_year_is_a_calendar_year_without_roll_forward() -> None:
    # 2027-05-05 is Liberation Day: the Atw does not apply to a term of a year (art. 4).
    assert one_year_after(dt.date(2026, 5, 5)) == dt.date(2027, 5, 5)
    assert one_year_after(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


# --- not handled (9:8) ------------------------------------------------------------------------


def test_a_complaint_is_not_handled_on_a_ground_within_four_weeks(world: None) -> None:
    case = written(weeks=3)
    events = count(case)

    closed = services.case_refuse_complaint(
        case=case,
        scope=staff(),
        ground="bezwaar",
        explanation="Tegen dit besluit kunt u bezwaar maken.",
    )

    assert closed.status == "afgehandeld"
    assert closed.outcome == "niet-behandeld"
    assert count(case) == events + 1
    payload = case.events.get(type=EventType.CONCLUDED).payload
    assert payload["outcome"] == "niet-behandeld"
    assert payload["refusal"]["ground"] == "bezwaar"
    assert payload["refusal"]["groundLabel"] == "Er was of is bezwaar mogelijk (9:8 lid 1 c)"
    assert payload["refusal"]["explanation"] == "Tegen dit besluit kunt u bezwaar maken."
    assert payload["ombudsman"]["name"] == "de Nationale ombudsman"
    assert closed.next_due is None


def test_after_four_weeks_the_complaint_must_be_handled(world: None) -> None:
    late = written(weeks=5)
    errors = refused(
        lambda: services.case_refuse_complaint(
            case=late, scope=staff(), ground="te-gering", explanation="Te klein."
        ),
        late,
    )
    assert "langer dan 4 weken geleden ontvangen" in errors["deadline"]
    assert "Awb artikel 9:8" in errors["deadline"]


def test_a_refusal_needs_a_ground_of_the_law_and_a_complaint(world: None, new_case: Any) -> None:
    case = written()
    assert refused(
        lambda: services.case_refuse_complaint(
            case=case, scope=staff(), ground="geen-zin", explanation=""
        ),
        case,
    ) == {
        "ground": "Kies een van de redenen uit de wet (Awb 9:8).",
        "explanation": "Schrijf op waarom de klacht niet wordt behandeld. Dit komt in de brief.",
    }
    signal = new_case(kind="signaal")
    assert refused(
        lambda: services.case_refuse_complaint_check(case=signal, scope=staff()), signal
    ) == {"status": "Alleen een klacht kan niet in behandeling worden genomen."}
    with pytest.raises(services.PermissionRefused):
        services.case_refuse_complaint_check(
            case=case, scope=scope_for_user(User.objects.get(username="anker"))
        )


# --- the register (9:12a) ---------------------------------------------------------------------


def test_the_register_counts_written_complaints_of_the_year_by_outcome(world: None) -> None:
    year = timezone.localtime(timezone.now() - dt.timedelta(weeks=0.5)).year
    before = written_complaints(Municipality.objects.get(code="GM9901"), year)
    resolved, judged, waiting, withdrawn = (written(weeks=0.5) for _ in range(4))
    services.case_conclude(case=resolved, scope=staff(), outcome="opgelost", summary="Ok.")
    services.case_refuse_complaint(
        case=judged, scope=staff(), ground="al-behandeld", explanation="Al behandeld."
    )
    services.case_move(case=withdrawn, scope=staff(), to="ingetrokken", reason="Mevrouw belde.")
    written(weeks=0.5, channel="telefoon")  # oral: not in the register of written complaints
    written(weeks=0.5, municipality="GM9902")  # another municipality

    after = written_complaints(Municipality.objects.get(code="GM9901"), year)

    assert after.total - before.total == 4
    assert after.by_outcome["opgelost"] - before.by_outcome["opgelost"] == 1
    assert after.by_outcome["niet-behandeld"] - before.by_outcome["niet-behandeld"] == 1
    assert after.by_outcome["gegrond"] == before.by_outcome["gegrond"]
    assert after.open - before.open == 1
    assert after.ended_without_outcome - before.ended_without_outcome == 1
    assert after.total == sum(after.by_outcome.values()) + after.open + after.ended_without_outcome
    assert written_complaints(Municipality.objects.get(code="GM9901"), year + 1).total == 0
    assert waiting.status == "ontvangen"


def test_a_complaint_under_a_providers_own_scheme_needs_no_awb_judgement(world: None) -> None:
    # LEGAL.md §5: a Wmo or youth-care provider's own scheme, not Awb chapter 9, governs the
    # answer; the municipality's complaint about itself does need the judgements.
    own = formal()
    assert needs_judgements(own, "gegrond")
    assert ombudsman_route(own, timezone.now()) is not None

    provider = Organisation.objects.get(slug="het-anker")
    assert provider.route == "klachtenregeling"
    own.about = provider  # in memory only: the rule reads who the complaint is about
    assert not needs_judgements(own, "gegrond")
    assert ombudsman_route(own, timezone.now()) is None


def test_concluding_as_not_handled_goes_through_the_refusal_with_its_ground(
    world: None,
) -> None:
    case = written(weeks=1)
    errors = refused(
        lambda: services.case_conclude(
            case=case, scope=staff(), outcome="niet-behandeld", summary="Bezwaar kan."
        ),
        case,
    )
    assert "Niet behandelen" in errors["outcome"]
    case.refresh_from_db()
    assert case.outcome == ""
