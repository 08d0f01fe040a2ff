"""The one write path for every change to a case.

Each function checks permission, writes the change and appends an Event in one transaction.
The public form, staff screens, the API, the CLI and the demo generator all call these.
Each action has a check beside it, `case_<action>_check(*, case, scope, at)`: it raises the
same `CaseError` or `PermissionRefused` the action would, so pages ask it what to offer, and
the action calls it first, so every rule exists once.

Every function takes its moment as a keyword (`at`, or the moment of the fact: `sent_at`,
`held_at`) and reads the clock at most once; importers and the demo pass history along.

    intake.py           case_intake (web, staff, API, importers)
    intake_queue.py     intake_accept: an API intake answered 202 and registered by a
                        worker soon after (`Prefer: respond-async`)
    handling.py         case_assign, case_add_note, case_conclude
    acknowledgement.py  the acknowledgement of receipt (Awb 9:6): by e-mail through the
                        outbox, or a letter recorded by staff
    deadline_facts.py   case_record_contact, case_postpone, case_choose_committee,
                        case_record_first_conversation
    routing.py          routing at intake from the directory; case_hand_over (re-route to
                        a team, forward to a provider or GR, take back)
    provider_work.py    the organisation's side: case_accept, case_add_update,
                        case_give_back
    complaint_procedure.py  the Awb procedure where it is strict: case_name_employee (9:7),
                        case_offer_hearing, case_record_hearing, case_skip_hearing (9:10),
                        case_refuse_complaint (9:8), the judgements of case_conclude (9:12)
    transitions.py      case_move: every other step of the workflow (`cases.workflow`)
    escalation.py       the internal ladder: case_escalate (with its term),
                        case_record_exception (doorbraak)
    ombudsman.py        case_refer_to_ombudsman, case_record_ombudsman_outcome
    follow_up.py        "hoe gaat het nu?": case_plan_follow_up, case_record_check_in, the
                        question by mail when it is due (follow_up_ask_due, from tick)
    resident.py         the submitter on the status page: case_add_information,
                        case_withdraw, case_answer_follow_up
    triage.py           the triage suggestion stored at intake; case_confirm_triage,
                        case_correct_triage (a person's verdict, applied)
    rectification.py    case_rectify_submitter: correcting the submitter's details
                        (GDPR art. 16), recording which changed, never the old values
    common.py           errors, the timeline append, shared checks
"""

from regie.accounts.scope import Scope
from regie.cases.services.acknowledgement import (
    acknowledgement_sent,
    case_record_acknowledgement,
    case_record_acknowledgement_check,
    case_record_acknowledgement_emailed,
)
from regie.cases.services.common import CaseError, PermissionRefused
from regie.cases.services.complaint_procedure import (
    case_name_employee,
    case_name_employee_check,
    case_offer_hearing,
    case_offer_hearing_check,
    case_record_hearing,
    case_record_hearing_check,
    case_refuse_complaint,
    case_refuse_complaint_check,
    case_skip_hearing,
    case_skip_hearing_check,
    employees_of,
    hearing_state,
)
from regie.cases.services.deadline_facts import (
    case_choose_committee,
    case_choose_committee_check,
    case_postpone,
    case_postpone_check,
    case_record_contact,
    case_record_contact_check,
    case_record_first_conversation,
    case_record_first_conversation_check,
)
from regie.cases.services.escalation import (
    case_escalate,
    case_escalate_check,
    case_record_exception,
    case_record_exception_check,
)
from regie.cases.services.follow_up import (
    case_plan_follow_up,
    case_plan_follow_up_check,
    case_record_check_in,
    case_record_check_in_check,
    follow_up_ask_due,
    follow_up_question_open,
    open_follow_up,
)
from regie.cases.services.handling import (
    case_add_note,
    case_add_note_check,
    case_assign,
    case_assign_check,
    case_conclude,
    case_conclude_check,
)
from regie.cases.services.intake import (
    Address,
    IdempotencyConflict,
    IntakeRequest,
    IntakeResult,
    Person,
    case_intake,
    request_fingerprint,
)
from regie.cases.services.intake_queue import (
    Accepted,
    intake_accept,
    intake_queue_drain,
    intake_queue_forget,
    queued_intake_register,
)
from regie.cases.services.ombudsman import (
    case_record_ombudsman_outcome,
    case_record_ombudsman_outcome_check,
    case_refer_to_ombudsman,
    case_refer_to_ombudsman_check,
)
from regie.cases.services.provider_work import (
    case_accept,
    case_accept_check,
    case_add_update,
    case_add_update_check,
    case_give_back,
    case_give_back_check,
)
from regie.cases.services.rectification import (
    case_rectify_submitter,
    case_rectify_submitter_check,
)
from regie.cases.services.resident import (
    Upload,
    case_add_information,
    case_add_information_check,
    case_answer_follow_up,
    case_answer_follow_up_check,
    case_withdraw,
    case_withdraw_check,
)
from regie.cases.services.routing import case_hand_over, case_hand_over_check
from regie.cases.services.transitions import (
    case_move,
    case_move_check,
    offered_moves,
    reason_required,
)
from regie.cases.services.triage import (
    case_confirm_triage,
    case_confirm_triage_check,
    case_correct_triage,
    case_correct_triage_check,
)

__all__ = [
    "Accepted",
    "Address",
    "CaseError",
    "IdempotencyConflict",
    "IntakeRequest",
    "IntakeResult",
    "PermissionRefused",
    "Person",
    "Scope",
    "Upload",
    "acknowledgement_sent",
    "case_accept",
    "case_accept_check",
    "case_add_information",
    "case_add_information_check",
    "case_add_note",
    "case_add_note_check",
    "case_add_update",
    "case_add_update_check",
    "case_answer_follow_up",
    "case_answer_follow_up_check",
    "case_assign",
    "case_assign_check",
    "case_choose_committee",
    "case_choose_committee_check",
    "case_conclude",
    "case_conclude_check",
    "case_confirm_triage",
    "case_confirm_triage_check",
    "case_correct_triage",
    "case_correct_triage_check",
    "case_escalate",
    "case_escalate_check",
    "case_give_back",
    "case_give_back_check",
    "case_hand_over",
    "case_hand_over_check",
    "case_intake",
    "case_move",
    "case_move_check",
    "case_name_employee",
    "case_name_employee_check",
    "case_offer_hearing",
    "case_offer_hearing_check",
    "case_plan_follow_up",
    "case_plan_follow_up_check",
    "case_postpone",
    "case_postpone_check",
    "case_record_acknowledgement",
    "case_record_acknowledgement_check",
    "case_record_acknowledgement_emailed",
    "case_record_check_in",
    "case_record_check_in_check",
    "case_record_contact",
    "case_record_contact_check",
    "case_record_exception",
    "case_record_exception_check",
    "case_record_first_conversation",
    "case_record_first_conversation_check",
    "case_record_hearing",
    "case_record_hearing_check",
    "case_record_ombudsman_outcome",
    "case_record_ombudsman_outcome_check",
    "case_rectify_submitter",
    "case_rectify_submitter_check",
    "case_refer_to_ombudsman",
    "case_refer_to_ombudsman_check",
    "case_refuse_complaint",
    "case_refuse_complaint_check",
    "case_skip_hearing",
    "case_skip_hearing_check",
    "case_withdraw",
    "case_withdraw_check",
    "employees_of",
    "follow_up_ask_due",
    "follow_up_question_open",
    "hearing_state",
    "intake_accept",
    "intake_queue_drain",
    "intake_queue_forget",
    "offered_moves",
    "open_follow_up",
    "queued_intake_register",
    "reason_required",
    "request_fingerprint",
]
