"""Deadlines in the register: set at intake, recomputed through the write path, met by facts."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from regie.accounts.scope import scope_for_user
from regie.cases import services
from regie.cases.models import Case, CaseDeadline, EventType
from regie.directory.models import EquatedDay, Municipality, Organisation

pytestmark = pytest.mark.django_db

NL = ZoneInfo("Europe/Amsterdam")
COMPLAINT = {
    "municipality": "GM9901",
    "kind": "klacht",
    "channel": "api",
    "description": "De consulent kwam niet op de afspraak en belde niet af.",
    "submitter": {"name": "Wim Kok", "email": "wim@example.nl"},
    "receivedAt": "2026-03-23T23:30:00Z",
}


def intake(api_for: Any, **changes: Any) -> Case:
    response = api_for("GM9901").post("/api/v1/cases", {**COMPLAINT, **changes}, format="json")
    assert response.status_code == 201, response.content
    return Case.objects.get(reference=response.json()["reference"])


def due(case: Case, type_: str) -> CaseDeadline:
    return CaseDeadline.objects.get(case=case, type=type_, superseded=False)


def staff() -> Any:
    # The coordinator sees every case of the municipality; a handler only their team's
    # queue (least privilege), and these cases go to several teams.
    return scope_for_user(User.objects.get(username="coordinator"))


def test_a_case_received_late_at_night_utc_is_received_the_next_day_in_the_netherlands(
    api_for: Any,
) -> None:
    response = api_for("GM9901").post("/api/v1/cases", COMPLAINT, format="json")
    deadlines = {d["type"]: d for d in response.json()["deadlines"]}

    handling = deadlines["afhandeling"]
    assert handling["regime"] == "awb-klacht"
    # 6 weeks after 24 March 2026 is 5 May, Liberation Day: the term runs on to 6 May.
    assert handling["due"] == "2026-05-06"
    text = " ".join(handling["explanation"])
    assert "24 maart 2026" in text
    assert "Bevrijdingsdag" in text
    assert all(d["due"] >= "2026-03-24" for d in deadlines.values())


def test_service_norms_count_working_days_from_receipt(api_for: Any) -> None:
    case = intake(api_for)
    assert due(case, "ontvangstbevestiging").due == dt.date(2026, 3, 31)  # 5 working days
    assert due(case, "eerste-contact").due == dt.date(2026, 3, 27)  # 3 working days
    assert case.next_due == dt.date(2026, 3, 27)


def test_service_norms_are_data_per_municipality(api_for: Any) -> None:
    Municipality.objects.filter(code="GM9901").update(norm_first_contact_working_days=1)
    case = intake(api_for)
    assert due(case, "eerste-contact").due == dt.date(2026, 3, 25)


def test_a_complaint_about_a_wmo_provider_gets_the_term_of_its_own_scheme(api_for: Any) -> None:
    # LEGAL.md §5: the Wkkgz does not apply to support under the Wmo 2015.
    case = intake(api_for, about="het-anker")
    deadline = due(case, "afhandeling")
    assert deadline.regime == "klachtenregeling-het-anker"
    # The scheme sets six weeks: 24 March + 6 weeks is 5 May (Liberation Day), so 6 May.
    assert deadline.due == dt.date(2026, 5, 6)
    text = " ".join(deadline.explanation)
    assert "klachtenregeling van Thuiszorg Het Anker" in text
    assert "Klachtenregeling Thuiszorg Het Anker 2025" in text
    assert "niet uit de wet" in text
    assert "Wkkgz" not in text
    assert deadline.legal_basis.endswith("Wmo 2015 artikel 3.2")


def test_a_complaint_about_a_youth_care_provider_gets_its_committees_term(api_for: Any) -> None:
    # LEGAL.md §5: the Wkkgz does not apply to care under the Jeugdwet either.
    case = intake(api_for, about="de-linde")
    deadline = due(case, "afhandeling")
    assert deadline.regime == "klachtenregeling-de-linde"
    assert deadline.due == dt.date(2026, 6, 2)  # ten weeks after 24 March 2026
    assert "klachtenregeling van Jeugdhulp De Linde" in " ".join(deadline.explanation)


def test_the_scheme_term_is_data_in_the_directory(api_for: Any) -> None:
    Organisation.objects.filter(slug="het-anker").update(complaint_term_weeks=4)
    case = intake(api_for, about="het-anker")
    assert due(case, "afhandeling").due == dt.date(2026, 4, 21)


def test_without_a_scheme_term_on_record_no_date_is_promised(api_for: Any) -> None:
    Organisation.objects.filter(slug="het-anker").update(complaint_term_weeks=None)
    case = intake(api_for, about="het-anker")
    assert not case.deadlines.filter(type="afhandeling").exists()


def test_care_under_the_zvw_or_wlz_follows_the_wkkgz(api_for: Any) -> None:
    Organisation.objects.filter(slug="het-anker").update(complaint_route="wkkgz")
    case = intake(api_for, about="het-anker")
    assert due(case, "afhandeling").regime == "wkkgz"


def test_a_scheme_term_cannot_be_postponed_or_sent_to_the_committee(api_for: Any) -> None:
    case = intake(api_for, about="het-anker")
    with pytest.raises(services.CaseError):
        services.case_postpone_check(case=case, scope=staff())
    with pytest.raises(services.CaseError):
        services.case_choose_committee_check(case=case, scope=staff())


def test_a_complaint_about_the_joint_arrangement_follows_the_awb(api_for: Any) -> None:
    case = intake(api_for, about="sociale-dienst")
    assert due(case, "afhandeling").regime == "awb-klacht"


def test_a_debt_help_request_gets_a_first_conversation_within_four_weeks(api_for: Any) -> None:
    case = intake(api_for, kind="hulpvraag", domain="schuldhulp")
    deadline = due(case, "eerste-gesprek")
    assert deadline.regime == "wgs-eerste-gesprek"
    assert deadline.due == dt.date(2026, 4, 21)
    assert not case.deadlines.filter(type="afhandeling").exists()


def test_an_urgent_debt_help_request_gets_three_working_days(api_for: Any) -> None:
    # Received Thursday 2 April 2026; Good Friday and Easter Monday are no working days.
    case = intake(
        api_for,
        kind="hulpvraag",
        domain="schuldhulp",
        urgency="spoed",
        receivedAt="2026-04-02T10:00:00+02:00",
    )
    deadline = due(case, "eerste-gesprek")
    assert deadline.options == ["crisis"]
    assert deadline.due == dt.date(2026, 4, 9)


def test_an_anonymous_signal_has_no_deadlines(api_for: Any) -> None:
    case = intake(api_for, kind="signaal", submitter={"anonymous": True})
    assert case.deadlines.count() == 0
    assert case.next_due is None


def test_a_decree_day_added_by_an_administrator_moves_a_due_date(api_for: Any) -> None:
    EquatedDay.objects.create(day=dt.date(2026, 5, 6), decree="Stb. 2026, 999 (voorbeeld)")
    case = intake(api_for)
    assert due(case, "afhandeling").due == dt.date(2026, 5, 7)


def test_a_postponement_adds_four_weeks_and_keeps_the_old_date_on_record(api_for: Any) -> None:
    case = intake(api_for)

    new = services.case_postpone(
        case=case, scope=staff(), notice_sent_on=dt.date(2026, 4, 20), reason="Hoorzitting nodig."
    )

    # 10 weeks after 24 March 2026 is Tuesday 2 June 2026.
    assert new.due == dt.date(2026, 6, 2)
    assert new.options == ["extended"]
    assert case.deadlines.filter(type="afhandeling", superseded=True).get().due == dt.date(
        2026, 5, 6
    )
    event = case.events.get(type=EventType.POSTPONED)
    assert event.payload["before"]["due"] == "2026-05-06"
    assert event.payload["after"]["due"] == "2026-06-02"
    assert any("verdaagd" in line for line in new.explanation)


def test_a_complaint_can_be_postponed_only_once(api_for: Any) -> None:
    case = intake(api_for)
    services.case_postpone(
        case=case, scope=staff(), notice_sent_on=dt.date(2026, 4, 20), reason="x"
    )
    with pytest.raises(services.CaseError) as refused:
        services.case_postpone(
            case=case, scope=staff(), notice_sent_on=dt.date(2026, 4, 21), reason="y"
        )
    assert "één keer" in refused.value.errors["deadline"]


def test_a_postponement_sent_after_the_term_ran_out_is_refused(api_for: Any) -> None:
    case = intake(api_for)
    with pytest.raises(services.CaseError) as refused:
        services.case_postpone(
            case=case, scope=staff(), notice_sent_on=dt.date(2026, 5, 7), reason="x"
        )
    assert "notice_sent_on" in refused.value.errors
    assert due(case, "afhandeling").due == dt.date(2026, 5, 6)
    assert not case.events.filter(type=EventType.POSTPONED).exists()


def test_the_advisory_committee_gives_ten_weeks_and_a_postponement_four_more(
    api_for: Any,
) -> None:
    from django.utils import timezone

    from regie.deadlines import compute_due

    received = timezone.now() - dt.timedelta(weeks=2)
    case = intake(api_for, receivedAt=received.isoformat())
    chosen = services.case_choose_committee(case=case, scope=staff())
    assert chosen.due == compute_due("awb-klacht", received, committee=True).due
    after = services.case_postpone(
        case=case,
        scope=staff(),
        notice_sent_on=timezone.localdate(),
        reason="Commissie vraagt uitstel.",
    )
    assert sorted(after.options) == ["committee", "extended"]
    assert after.due == compute_due("awb-klacht", received, committee=True, extended=True).due
    assert (after.due - compute_due("awb-klacht", received).nominal).days >= 8 * 7


def test_a_wkkgz_complaint_has_no_committee_option(api_for: Any) -> None:
    case = intake(api_for, about="het-anker")
    with pytest.raises(services.CaseError):
        services.case_choose_committee(case=case, scope=staff())


def test_the_first_conversation_starts_the_debt_decision_term(api_for: Any) -> None:
    case = intake(api_for, kind="hulpvraag", domain="schuldhulp")
    held = dt.datetime(2026, 4, 7, 14, 0, tzinfo=NL)

    decision = services.case_record_first_conversation(case=case, scope=staff(), held_at=held)

    assert decision.regime == "wgs-besluit"
    assert decision.due == dt.date(2026, 6, 2)  # 8 weeks after 7 April 2026
    assert due(case, "eerste-gesprek").met_at == held
    assert case.events.filter(type=EventType.FIRST_CONVERSATION).exists()
    with pytest.raises(services.CaseError):
        services.case_record_first_conversation(case=case, scope=staff(), held_at=held)


def test_concluding_a_debt_help_request_is_its_decision(api_for: Any) -> None:
    case = intake(api_for, kind="hulpvraag", domain="schuldhulp")
    held = dt.datetime(2026, 4, 7, 14, 0, tzinfo=NL)
    services.case_record_first_conversation(case=case, scope=staff(), held_at=held)
    decided = dt.datetime(2026, 5, 12, 10, 0, tzinfo=NL)

    services.case_conclude(
        case=case, scope=staff(), outcome="afgerond", summary="Schuldhulp toegekend.", at=decided
    )

    assert due(case, "besluit-schuldhulp").met_at == decided


def test_a_by_law_may_set_a_shorter_debt_decision_term(api_for: Any) -> None:
    Municipality.objects.filter(code="GM9901").update(wgs_decision_weeks=6)
    case = intake(api_for, kind="hulpvraag", domain="schuldhulp")
    held = dt.datetime(2026, 4, 7, 14, 0, tzinfo=NL)
    decision = services.case_record_first_conversation(case=case, scope=staff(), held_at=held)
    assert decision.due == dt.date(2026, 5, 19)


def test_recorded_contact_meets_the_first_contact_norm_and_moves_next_due(api_for: Any) -> None:
    case = intake(api_for)
    services.case_record_contact(
        case=case, scope=staff(), at=dt.datetime(2026, 3, 25, 10, tzinfo=NL), summary="Gebeld."
    )
    case.refresh_from_db()
    assert due(case, "eerste-contact").met_at is not None
    assert case.next_due == dt.date(2026, 3, 31)


def test_a_provider_cannot_postpone_the_municipalitys_term(api_for: Any) -> None:
    from regie.accounts.scope import scope_for_api_client
    from regie.accounts.tokens import api_client_create

    case = intake(api_for, about="sociale-dienst")
    client, _ = api_client_create(organisation="sociale-dienst")
    with pytest.raises(services.PermissionRefused):
        services.case_postpone(
            case=case,
            scope=scope_for_api_client(client),
            notice_sent_on=dt.date(2026, 4, 1),
            reason="x",
        )
