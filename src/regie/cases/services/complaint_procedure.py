"""The Awb complaint procedure where the law is strict.

Awb 9:7: a complaint about how an employee behaved is handled by someone who was not
involved. Naming the employee a complaint is about makes that a rule of the register: the
employee cannot handle it (`cases.assignees` leaves them out, `case_assign` refuses them),
and while they are its handler they cannot be named (assign a colleague first).

Awb 9:10: in formal handling the complainant is heard (`case_offer_hearing`,
`case_record_hearing`), or the ground of 9:10 lid 2 not to hear them is recorded
(`case_skip_hearing`).

Awb 9:8: a complaint is not handled only on a ground of the law, and only when the
complainant is told within four weeks of receipt (`case_refuse_complaint`).

Awb 9:12: the conclusion judges each element of the complaint (`check_judgements`,
`outcome_of`, used by `handling.case_conclude`) and names the ombudsman and the term to go
there (`ombudsman_route`). Where the letters find their data:

    invitation       HEARING_OFFERED payload: plannedAt, place, byPhone
    hearing report   HEARING_HELD payload: heldOn, report
    9:8 notice       CONCLUDED payload: outcome niet-behandeld, refusal {ground, groundLabel,
                     explanation, noticeDue}, ombudsman {name, url, until}
    conclusion       ComplaintJudgement rows with concluded_at == case.concluded_at; the
                     CONCLUDED payload: judgements, ombudsman {name, url, until}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from regie import deadlines as calc
from regie import limits
from regie.accounts.scope import Scope
from regie.cases import deadlines as case_deadlines
from regie.cases.models import Case, ComplaintJudgement, Event, EventType
from regie.cases.services.common import (
    CaseError,
    append_event,
    check_moment,
    concluded_message,
    lock_case,
    moments,
    raise_if,
    require_handles,
    require_may_handle,
    require_move,
    require_visible,
    staff_text,
    text_problem,
)
from regie.deadlines.dutch import format_date
from regie.directory.complaints import complaint_regime
from regie.vocabulary import (
    CLOSED_STATUSES,
    CONCLUDED_STATUSES,
    HearingSkipGround,
    Judgement,
    Kind,
    Norm,
    Outcome,
    Procedure,
    RefusalGround,
    Role,
    Status,
)

# People whose conduct can be the subject of a complaint to the municipality: its own staff
# and management; not council members and not a provider's people (their complaints go to
# the provider's own scheme, LEGAL.md §5).
EMPLOYEE_ROLES = frozenset(set(Role) - {Role.RAAD, Role.AANBIEDER})


def display_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def employees_of(case: Case) -> QuerySet[User]:
    """The people of the case's municipality a complaint can be about, by name."""
    return (
        User.objects.filter(is_active=True, memberships__role__in=EMPLOYEE_ROLES)
        .filter(
            Q(memberships__municipality_id=case.municipality_id)
            | Q(memberships__team__municipality_id=case.municipality_id)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def employee_conflict(case: Case, handler: User) -> str:
    """Why `handler` may not handle `case` under Awb 9:7, or ""."""
    if case.employee_concerned_id is not None and handler.pk == case.employee_concerned_id:
        return (
            f"{display_name(handler)} kan deze klacht niet behandelen: de klacht gaat over "
            "deze persoon (Awb 9:7). Kies iemand die er niet bij betrokken was."
        )
    return ""


def case_name_employee_check(*, case: Case, scope: Scope, at: dt.datetime | None = None) -> None:
    """Municipal staff record which employee an open complaint is about."""
    require_may_handle(scope)
    if case.kind != Kind.KLACHT:
        raise CaseError({"status": "Alleen een klacht kan over een medewerker gaan."})
    if case.status in CLOSED_STATUSES:
        raise CaseError({"status": "Deze klacht is gesloten."})


def case_name_employee(
    *, case: Case, scope: Scope, employee: User, at: dt.datetime | None = None
) -> Case:
    """Record that the complaint is about `employee`'s conduct (Awb 9:7)."""
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        case_name_employee_check(case=locked, scope=scope, at=at)
        check_moment(at, locked, "at", now)
        if not employees_of(locked).filter(pk=employee.pk).exists():
            raise CaseError({"employee": "Kies een medewerker van deze gemeente."})
        if employee.pk == locked.employee_concerned_id:
            raise CaseError({"employee": "Dit staat al zo bij de klacht."})
        if employee.pk == locked.handler_id:
            raise CaseError(
                {
                    "employee": f"{display_name(employee)} behandelt deze klacht zelf. Wijs de "
                    "klacht eerst toe aan een collega die er niet bij betrokken was (Awb 9:7)."
                }
            )
        locked.employee_concerned = employee
        locked.save(update_fields=["employee_concerned", "updated_at"])
        append_event(
            locked,
            scope,
            EventType.EMPLOYEE_NAMED,
            {"employee": employee.pk, "employeeName": display_name(employee)},
            at=at,
        )
    return locked


# ---------------------------------------------------------------------------------------------
# Awb 9:10: the hearing. In formal handling the complainant (and the person complained about)
# are heard, unless a ground of 9:10 lid 2 applies; the ground is recorded, and so is a short
# report of the hearing. Offering the hearing is the step formeel → hoorzitting: one event,
# HEARING_OFFERED, carries the invitation and the status step.

FORMAL_STATUSES = frozenset({Status.FORMEEL, Status.HOORZITTING})
HEARING_EVENTS = (EventType.HEARING_OFFERED, EventType.HEARING_HELD, EventType.HEARING_SKIPPED)
# Outcomes that judge the complaint (Awb 9:12), as opposed to resolving, refusing or
# forwarding it.
JUDGING_OUTCOMES = frozenset({Outcome.GEGROND, Outcome.DEELS_GEGROND, Outcome.ONGEGROND})
# How many elements one conclusion may judge: more is a typing error, not a complaint.
MAX_ELEMENTS = 30


@dataclass(frozen=True)
class HearingState:
    """Where the hearing of the current round of handling stands (events after the latest
    conclusion: a reopened complaint is heard again)."""

    offered: Event | None = None
    held: Event | None = None
    skipped: Event | None = None

    @property
    def settled(self) -> bool:
        """Heard, or the reason not to hear recorded: what a judgement needs (9:10)."""
        return self.held is not None or _skip_stands(self)


def hearing_state(case: Case) -> HearingState:
    last_conclusion = (
        case.events.filter(type=EventType.CONCLUDED).order_by("-at", "-pk").values("at").first()
    )
    events = case.events.filter(type__in=HEARING_EVENTS)
    if last_conclusion is not None:
        events = events.filter(at__gte=last_conclusion["at"])
    found: dict[str, Event] = {}
    for event in events.order_by("at", "pk"):
        found[event.type] = event  # the latest of each kind
    return HearingState(
        offered=found.get(EventType.HEARING_OFFERED),
        held=found.get(EventType.HEARING_HELD),
        skipped=found.get(EventType.HEARING_SKIPPED),
    )


def _skip_stands(state: HearingState) -> bool:
    """The reason not to hear is on record and no new invitation came after it."""
    return state.skipped is not None and (
        state.offered is None or state.offered.at <= state.skipped.at
    )


def _require_formal_complaint(case: Case, scope: Scope) -> None:
    """Whoever handles the complaint, while it is in formal handling."""
    require_handles(scope, case)
    if case.kind != Kind.KLACHT:
        raise CaseError({"status": "Alleen bij een klacht wordt de indiener gehoord."})
    if case.status in CONCLUDED_STATUSES:
        raise CaseError({"status": concluded_message(case)})
    if case.status not in FORMAL_STATUSES:
        raise CaseError(
            {
                "status": "Horen hoort bij de formele klachtbehandeling. Zet de klacht eerst "
                "op formele klachtbehandeling (Volgende stap)."
            }
        )


def _after_latest_event(locked: Case, at: dt.datetime) -> None:
    latest = locked.events.order_by("-at").values_list("at", flat=True).first()
    if latest is not None and at < latest:
        raise CaseError({"at": "Deze stap ligt vóór de laatste gebeurtenis op de tijdlijn."})


def case_offer_hearing_check(
    *, case: Case, scope: Scope, at: dt.datetime | None = None
) -> HearingState:
    """A complaint in formal handling whose complainant has not been heard yet. From formeel
    this is the step to hoorzitting; in hoorzitting it is a new invitation (another date)."""
    _require_formal_complaint(case, scope)
    state = hearing_state(case)
    if state.held is not None:
        raise CaseError({"status": "De indiener is al gehoord."})
    if case.status == Status.FORMEEL:
        require_move(case, Status.HOORZITTING)
    return state


def case_offer_hearing(
    *,
    case: Case,
    scope: Scope,
    planned_at: dt.datetime,
    place: str = "",
    by_phone: bool = False,
    at: dt.datetime | None = None,
) -> Case:
    """Invite the complainant to be heard (Awb 9:10) on `planned_at`, at `place` or by phone.
    `at` is the moment of the invitation (default now)."""
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        case_offer_hearing_check(case=locked, scope=scope, at=at)
        errors: dict[str, str] = {}
        place = place.strip()
        if by_phone and place:
            errors["place"] = "Kies een plaats óf telefonisch, niet allebei."
        elif not by_phone and (
            problem := text_problem(
                place, limits.POSTAL_ADDRESS, required="Vul de plaats in, of kies telefonisch."
            )
        ):
            errors["place"] = problem
        if timezone.is_naive(planned_at):
            errors["planned_at"] = "Geef een tijdstip met tijdzone."
        elif planned_at <= at:
            errors["planned_at"] = "Het horen moet na de uitnodiging plaatsvinden."
        raise_if(errors)
        check_moment(at, locked, "at", now)
        _after_latest_event(locked, at)
        before = locked.status
        locked.status = Status.HOORZITTING
        locked.save(update_fields=["status", "updated_at"])
        append_event(
            locked,
            scope,
            EventType.HEARING_OFFERED,
            {
                "from": before,
                "to": Status.HOORZITTING.value,
                "plannedAt": planned_at.isoformat(),
                "place": place,
                "byPhone": by_phone,
            },
            at=at,
        )
    return locked


def case_record_hearing_check(
    *, case: Case, scope: Scope, at: dt.datetime | None = None
) -> HearingState:
    """A complaint in formal handling whose hearing was not skipped."""
    _require_formal_complaint(case, scope)
    state = hearing_state(case)
    if _skip_stands(state):
        raise CaseError(
            {
                "status": "Er is vastgelegd dat de indiener niet wordt gehoord. Wil de indiener "
                "toch gehoord worden? Bied het horen dan opnieuw aan."
            }
        )
    return state


def case_record_hearing(
    *,
    case: Case,
    scope: Scope,
    held_on: dt.date,
    report: str,
    at: dt.datetime | None = None,
) -> Event:
    """The complainant was heard on `held_on`; `report` is the short report of the hearing
    (Awb 9:10 lid 3 asks for one). `at` is the moment it is recorded (default now)."""
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        case_record_hearing_check(case=locked, scope=scope, at=at)
        errors: dict[str, str] = {}
        received_on = timezone.localdate(locked.received_at)
        if held_on > timezone.localdate(at):
            errors["held_on"] = (
                "Deze datum ligt in de toekomst. Leg het horen vast als het is geweest."
            )
        elif held_on < received_on:
            errors["held_on"] = "Deze datum ligt vóór de ontvangst van de klacht."
        report = staff_text(
            errors, "report", report, required="Schrijf kort op wat er bij het horen is gezegd."
        )
        raise_if(errors)
        check_moment(at, locked, "at", now)
        _after_latest_event(locked, at)
        Case.objects.filter(pk=locked.pk).update(updated_at=now)
        return append_event(
            locked,
            scope,
            EventType.HEARING_HELD,
            {"heldOn": held_on.isoformat(), "report": report},
            at=at,
        )


def case_skip_hearing_check(
    *, case: Case, scope: Scope, at: dt.datetime | None = None
) -> HearingState:
    """A complaint in formal handling whose complainant was not heard and whose reason not
    to hear them is not on record yet."""
    _require_formal_complaint(case, scope)
    state = hearing_state(case)
    if state.held is not None:
        raise CaseError({"status": "De indiener is al gehoord."})
    if _skip_stands(state):
        raise CaseError({"status": "Er is al vastgelegd waarom de indiener niet wordt gehoord."})
    return state


def case_skip_hearing(
    *,
    case: Case,
    scope: Scope,
    ground: str,
    explanation: str,
    at: dt.datetime | None = None,
) -> Case:
    """Record why the complainant is not heard: only a ground of Awb 9:10 lid 2, with an
    explanation. A complaint waiting for its hearing goes back to formeel (one event)."""
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        case_skip_hearing_check(case=locked, scope=scope, at=at)
        errors: dict[str, str] = {}
        if ground not in HearingSkipGround.values:
            errors["ground"] = "Kies een van de redenen uit de wet (Awb 9:10 lid 2)."
        explanation = staff_text(
            errors,
            "explanation",
            explanation,
            required="Schrijf op waarom de indiener niet wordt gehoord.",
        )
        raise_if(errors)
        check_moment(at, locked, "at", now)
        _after_latest_event(locked, at)
        before = locked.status
        if before == Status.HOORZITTING:
            require_move(locked, Status.FORMEEL)
            locked.status = Status.FORMEEL
        locked.save(update_fields=["status", "updated_at"])
        append_event(
            locked,
            scope,
            EventType.HEARING_SKIPPED,
            {
                "from": before,
                "to": locked.status,
                "ground": ground,
                "explanation": explanation,
            },
            at=at,
        )
    return locked


# ---------------------------------------------------------------------------------------------
# Awb 9:12: the conclusion, per element of the complaint, with the route to the ombudsman.

JUDGEMENT_FIELDS = ("element", "judgement", "norm", "reasons", "measures")


def check_judgements(
    errors: dict[str, str], judgements: Sequence[Mapping[str, Any]]
) -> list[dict[str, str]]:
    """The judgements as they will be stored, every problem into `errors` under the API's
    name of the field (`judgements[0].judgement`)."""
    if len(judgements) > MAX_ELEMENTS:
        errors["judgements"] = f"Geef hooguit {MAX_ELEMENTS} klachtonderdelen."
        return []
    checked = []
    for index, given in enumerate(judgements):
        key = f"judgements[{index}]"
        if not isinstance(given, Mapping):
            errors[key] = "Geef per klachtonderdeel een oordeel."
            continue
        row = {name: given.get(name) or "" for name in JUDGEMENT_FIELDS}
        for name, value in row.items():
            if not isinstance(value, str):
                errors[f"{key}.{name}"] = "Moet tekst zijn."
        if any(f"{key}.{name}" in errors for name in JUDGEMENT_FIELDS):
            continue
        row["element"] = staff_text(
            errors,
            f"{key}.element",
            row["element"],
            required="Schrijf op over welk onderdeel van de klacht dit oordeel gaat.",
        )
        if row["judgement"] not in Judgement.values:
            errors[f"{key}.judgement"] = (
                "Kies een oordeel: gegrond, deels gegrond, ongegrond of geen oordeel."
            )
        if row["norm"] and row["norm"] not in Norm.values:
            errors[f"{key}.norm"] = "Kies een norm uit de behoorlijkheidswijzer, of geen."
        row["reasons"] = staff_text(
            errors,
            f"{key}.reasons",
            row["reasons"],
            required="Schrijf op waarom u tot dit oordeel komt.",
        )
        row["measures"] = staff_text(errors, f"{key}.measures", row["measures"], required="")
        checked.append(row)
    return checked


def outcome_of(judgements: Sequence[Mapping[str, str]]) -> str:
    """The outcome the judgements add up to, or "" when they leave it to the handler.

    "Geen oordeel" (the facts cannot be established) does not count either way: an element
    that holds beside one that cannot be judged still makes the complaint gegrond. Of the
    judged elements: all gegrond → gegrond, all ongegrond → ongegrond, any other mix (or any
    deels gegrond) → deels gegrond. When no element could be judged the handler chooses.
    """
    judged = {j["judgement"] for j in judgements} - {Judgement.GEEN_OORDEEL.value}
    if not judged:
        return ""
    if judged == {Judgement.GEGROND.value}:
        return Outcome.GEGROND.value
    if judged == {Judgement.ONGEGROND.value}:
        return Outcome.ONGEGROND.value
    return Outcome.DEELS_GEGROND.value


def needs_judgements(case: Case, outcome: str) -> bool:
    """A written complaint (Awb 9:4) under the Awb judged after formal handling: 9:10 and
    9:12 apply in full. Informal resolution (9:5), a refusal (9:8) or forwarding need no
    judgement, and neither does a complaint under a provider's own scheme or the Wkkgz
    (LEGAL.md §5): their rules, not chapter 9, say what the answer holds."""
    return (
        case.kind == Kind.KLACHT
        and case.procedure == Procedure.SCHRIFTELIJK
        and case.status in FORMAL_STATUSES
        and outcome in JUDGING_OUTCOMES
        and under_awb(case)
    )


def under_awb(case: Case) -> bool:
    """A complaint about the municipality or a joint arrangement: Awb chapter 9 applies."""
    regime = complaint_regime(case.about)
    return regime is not None and regime.identifier == "awb-klacht"


def one_year_after(day: dt.date) -> dt.date:
    """The last day of the ombudsman's term (Awb 9:24: within one year).

    A plain calendar year, not an Atw count: the Algemene termijnenwet does not apply to a
    term of one or more years (art. 4 lid 1 a; LEGAL.md §3), so there is no roll-forward past
    a weekend or holiday, and no `regie.deadlines` regime counts years. From 29 February the
    year ends on 28 February: the earlier of the two possible readings, so the date we tell
    the resident is never too late.
    """
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def ombudsman_route(case: Case, at: dt.datetime) -> dict[str, str] | None:
    """Which ombudsman the complainant can turn to and until when (Awb 9:12, 9:24), for a
    complaint under the Awb (about the municipality or a joint arrangement); None otherwise
    (a provider's own scheme or the Wkkgz has its own next step)."""
    if case.kind != Kind.KLACHT or not under_awb(case):
        return None
    municipality = case.municipality
    return {
        "name": municipality.ombudsman_name,
        "url": municipality.ombudsman_url,
        "until": one_year_after(timezone.localdate(at)).isoformat(),
    }


def record_conclusion(locked: Case, outcome: str, at: dt.datetime, now: dt.datetime) -> None:
    """The case is concluded with `outcome` at `at`: the handling term is met. The caller
    appends the CONCLUDED event."""
    locked.status = Status.AFGEHANDELD
    locked.outcome = outcome
    locked.concluded_at = at
    locked.next_due = None
    locked.save(update_fields=["status", "outcome", "concluded_at", "next_due", "updated_at"])
    case_deadlines.mark_met(locked, case_deadlines.COMPLAINT_HANDLING, at, now=now)
    # Concluding a debt help request is the decision on it (Wgs art. 4a lid 2).
    case_deadlines.mark_met(locked, case_deadlines.DEBT_DECISION, at, now=now)
    # Concluded while escalated: the escalation's term ends with the conclusion.
    case_deadlines.mark_met(locked, case_deadlines.ESCALATION, at, now=now)


def store_judgements(
    locked: Case, judgements: Sequence[Mapping[str, str]], at: dt.datetime
) -> list[dict[str, Any]]:
    """The ComplaintJudgement rows of this conclusion; what the event carries."""
    ComplaintJudgement.objects.bulk_create(
        [
            ComplaintJudgement(
                case=locked,
                position=position,
                element=j["element"],
                judgement=j["judgement"],
                norm=j["norm"],
                reasons=j["reasons"],
                measures=j["measures"],
                concluded_at=at,
            )
            for position, j in enumerate(judgements, start=1)
        ]
    )
    return [
        {"position": position, **{name: j[name] for name in JUDGEMENT_FIELDS}}
        for position, j in enumerate(judgements, start=1)
    ]


# ---------------------------------------------------------------------------------------------
# Awb 9:8: not handling a complaint.

REFUSAL_REGIME = "awb-klacht-niet-behandelen"


def refusal_due(case: Case) -> calc.DueDate:
    """The last day the notice that the complaint is not handled may go out: four weeks
    after receipt, counted under the Atw (LEGAL.md §3)."""
    calendar = case_deadlines.atw_calendar()
    return calc.compute_due(REFUSAL_REGIME, case.received_at, calendar=calendar)


def case_refuse_complaint_check(
    *, case: Case, scope: Scope, at: dt.datetime | None = None
) -> calc.DueDate:
    """Whoever handles an open complaint under the Awb (municipal staff, or the joint
    arrangement it is with) may decide not to handle it, within four weeks of receipt; after
    that the complaint must be handled. Returns the term, for the page to show."""
    require_handles(scope, case)
    if case.kind != Kind.KLACHT:
        raise CaseError({"status": "Alleen een klacht kan niet in behandeling worden genomen."})
    if not under_awb(case):
        raise CaseError(
            {
                "status": "Voor deze klacht geldt de klachtenregeling van de organisatie, niet "
                "de Awb. Handel de klacht af met de uitkomst die daar past."
            }
        )
    if case.status in CONCLUDED_STATUSES:
        raise CaseError({"status": concluded_message(case)})
    require_move(case, Status.AFGEHANDELD)
    due = refusal_due(case)
    if problem := refusal_too_late(due, at or timezone.now()):
        raise CaseError({"deadline": problem})
    return due


# Concluding an Awb complaint as "niet behandeld" without its ground is refused with this.
USE_REFUSAL = (
    "Een klacht niet behandelen kan alleen om een reden uit de wet, binnen 4 weken na "
    "ontvangst (Awb artikel 9:8). Gebruik daarvoor Niet behandelen en kies de reden."
)


def refused_under_awb(case: Case, outcome: str) -> bool:
    """Concluding a complaint under the Awb as not handled: only `case_refuse_complaint`
    may, with its ground and within its term. A provider's own scheme has its own rules."""
    return case.kind == Kind.KLACHT and outcome == Outcome.NIET_BEHANDELD and under_awb(case)


def refusal_too_late(due: calc.DueDate, at: dt.datetime) -> str:
    """Why a complaint can no longer be left unhandled at `at`, or "" (Awb 9:8: the notice
    goes within four weeks of receipt; after that the complaint must be handled)."""
    if timezone.localdate(at) <= due.due:
        return ""
    return (
        f"De klacht is langer dan 4 weken geleden ontvangen (de termijn liep tot en met "
        f"{format_date(due.due)}). Dan moet de gemeente de klacht behandelen (Awb artikel 9:8)."
    )


def case_refuse_complaint(
    *,
    case: Case,
    scope: Scope,
    ground: str,
    explanation: str,
    at: dt.datetime | None = None,
) -> Case:
    """Conclude a complaint without handling it, on a ground of Awb 9:8 (outcome
    niet-behandeld). `at` is the moment of the decision, whose written notice goes out now
    (default now); the CONCLUDED event carries the ground and the ombudsman route."""
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        due = case_refuse_complaint_check(case=locked, scope=scope, at=at)
        errors: dict[str, str] = {}
        if ground not in RefusalGround.values:
            errors["ground"] = "Kies een van de redenen uit de wet (Awb 9:8)."
        explanation = staff_text(
            errors,
            "explanation",
            explanation,
            required="Schrijf op waarom de klacht niet wordt behandeld. Dit komt in de brief.",
        )
        raise_if(errors)
        check_moment(at, locked, "at", now)
        _after_latest_event(locked, at)
        record_conclusion(locked, Outcome.NIET_BEHANDELD, at, now)
        append_event(
            locked,
            scope,
            EventType.CONCLUDED,
            {
                "outcome": Outcome.NIET_BEHANDELD.value,
                "summary": explanation,
                "refusal": {
                    "ground": ground,
                    "groundLabel": str(RefusalGround(ground).label),
                    "explanation": explanation,
                    "noticeDue": due.due.isoformat(),
                },
                "ombudsman": ombudsman_route(locked, at),
            },
            at=at,
        )
    return locked
