"""The one write path for every change to a case.

Each function checks permission, writes the change and appends an Event in one transaction.
The public form, staff screens, the API, the CLI and the demo generator all call these.

    intake.py          case_intake (web, staff, API, importers)
    handling.py        case_assign, case_add_note, case_conclude, case_record_acknowledgement
    deadline_facts.py  case_record_contact, case_postpone, case_choose_committee,
                       case_record_first_conversation
    common.py          errors, the timeline append, shared checks
"""

from regie.accounts.scope import Scope
from regie.cases.services.common import CaseError, PermissionRefused
from regie.cases.services.deadline_facts import (
    case_choose_committee,
    case_postpone,
    case_record_contact,
    case_record_first_conversation,
)
from regie.cases.services.handling import (
    case_add_note,
    case_assign,
    case_conclude,
    case_record_acknowledgement,
    case_record_acknowledgement_emailed,
    staff_user,
)
from regie.cases.services.intake import (
    IdempotencyConflict,
    IntakeRequest,
    IntakeResult,
    Person,
    case_intake,
    request_fingerprint,
)

__all__ = [
    "CaseError",
    "IdempotencyConflict",
    "IntakeRequest",
    "IntakeResult",
    "PermissionRefused",
    "Person",
    "Scope",
    "case_add_note",
    "case_assign",
    "case_choose_committee",
    "case_conclude",
    "case_intake",
    "case_postpone",
    "case_record_acknowledgement",
    "case_record_acknowledgement_emailed",
    "case_record_contact",
    "case_record_first_conversation",
    "request_fingerprint",
    "staff_user",
]
