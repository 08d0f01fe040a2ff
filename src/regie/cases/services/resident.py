"""What the submitter does on their private status page (/status/<token>): add information
(a text and at most one attachment), withdraw the case, answer the follow-up question.

The resident acts through the status token: holding it is the permission for that one case,
so these services take no staff scope. The page finds the case by its token
(`selectors.case_by_status_token`) and passes it in; the timeline names the actor
"De indiener (via de statuspagina)" (`accounts.scope.scope_for_resident`). Each check has the
shape of every other check (`*, case, scope, at`) and refuses any scope that is not a public
one, so a staff page asking it never offers the resident's actions.

Withdrawal does not go through `case_move`: its check lets in only those who handle the case,
its lock asks the caller's scope to see the case (the resident's scope sees no case through
the selectors), and it demands a staff reason where the resident's reason is optional. The
step itself is the same one: the workflow table decides (`require_move`), and it appends one
STATUS_CHANGED event {from, to, reason, by: "indiener"}.

An attachment is kept only when its bytes are a PDF, a JPEG, a PNG or plain UTF-8 text
(never what the name or the browser says) and it is at most `limits.ATTACHMENT_BYTES`; its
name keeps no path and gets the extension of what it really is. Anything refused stores
nothing: no attachment, no text, no event.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import filetype
from django.db import transaction
from django.utils import timezone

from regie import limits
from regie.accounts.scope import Scope, scope_for_resident
from regie.cases import deadlines as case_deadlines
from regie.cases import workflow
from regie.cases.models import Attachment, Case, Event, EventType, FollowUp
from regie.cases.services.common import (
    CaseError,
    PermissionRefused,
    append_event,
    check_moment,
    moments,
    raise_if,
    text_problem,
)
from regie.cases.services.follow_up import (
    answer_errors,
    finish_follow_up,
    follow_up_question_open,
    long_date,
    open_follow_up,
    resident_comment,
)
from regie.vocabulary import CLOSED_STATUSES, Kind, Status

# What a resident may send, by what the bytes are: the type and the extension it gets.
SAFE_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "text/plain": "txt",
}
# Extensions a name may keep for each type (anything else is replaced).
KEEP_EXTENSIONS = {
    "pdf": {"pdf"},
    "jpg": {"jpg", "jpeg"},
    "png": {"png"},
    "txt": {"txt", "text"},
}
# Control characters that never occur in a text a person typed (tab, newlines and form feed
# do), C1 controls included.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
SIZE_MB = limits.ATTACHMENT_BYTES // (1024 * 1024)
TOO_LARGE = f"Het bestand is groter dan {SIZE_MB} MB. Kies een kleiner bestand."
WRONG_TYPE = (
    "Dit soort bestand kunnen wij niet aannemen. Stuur een PDF, een foto (JPG of PNG) of "
    "een tekstbestand (TXT)."
)
WITHDRAWABLE = frozenset({Kind.KLACHT, Kind.HULPVRAAG})
# How the resident reads the end state of their case.
ENDED = {
    Status.AFGEHANDELD.value: "afgehandeld",
    Status.GESLOTEN.value: "gesloten",
    Status.INGETROKKEN.value: "ingetrokken",
    Status.UITGEVALLEN.value: "gestopt",
}


@dataclass(frozen=True)
class Upload:
    """A file as the resident sent it: the name their computer gave it, and its bytes."""

    name: str
    content: bytes


def require_resident(scope: Scope) -> None:
    """Only the submitter, through the status link, acts on these."""
    if not scope.public or scope.grants or scope.everything:
        raise PermissionRefused("Only the submitter, through the status link.")


def word_of(case: Case) -> str:
    return Kind(case.kind).label.lower()


def closed_message(case: Case) -> str:
    """Kindly: why nothing can be added, and where to go instead."""
    state = ENDED.get(case.status, Status(case.status).label.lower())
    return (
        f"Uw {word_of(case)} is {state}. Hier kunt u daarom niets meer toevoegen. Heeft u "
        f"nieuwe informatie, of bent u het niet eens met hoe het is gegaan? Neem contact op "
        f"met {case.municipality.name} en noem uw kenmerk {case.reference}. U kunt ook een "
        "nieuwe melding doen."
    )


def attachment_type(content: bytes) -> str:
    """The type the bytes really are, if it is one we take; else ""."""
    kind = filetype.guess(content[:8192]) if content else None
    if kind is not None:
        return kind.mime if kind.mime in SAFE_TYPES else ""
    return "text/plain" if is_plain_text(content) else ""


def is_plain_text(content: bytes) -> bool:
    """UTF-8 text as a person writes it: no control characters, not empty."""
    try:
        text = content.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return False
    return bool(text.strip()) and CONTROL.search(text) is None


def safe_name(name: str, extension: str) -> str:
    """The file's own name without any folder, without control characters, with the
    extension of what it really is, and short enough to keep."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C")
    base = base.strip().strip(".").strip()
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    final = ext.lower() if ext.lower() in KEEP_EXTENSIONS[extension] else extension
    stem = stem.strip().rstrip(".").strip() or "bijlage"
    stem = stem[: limits.ATTACHMENT_NAME - len(final) - 1]
    return f"{stem}.{final}"


def attachment_errors(errors: dict[str, str], upload: Upload | None) -> tuple[str, str]:
    """Check an upload into `errors`; (content type, name to keep), or ("", "")."""
    if upload is None:
        return "", ""
    if len(upload.content) > limits.ATTACHMENT_BYTES:
        errors["attachment"] = TOO_LARGE
        return "", ""
    if not upload.content:
        errors["attachment"] = "Het bestand is leeg."
        return "", ""
    content_type = attachment_type(upload.content)
    if not content_type:
        errors["attachment"] = WRONG_TYPE
        return "", ""
    return content_type, safe_name(upload.name, SAFE_TYPES[content_type])


def _lock(case: Case) -> Case:
    """Serialise with staff changes to the same case; the token was the permission."""
    return (
        Case.objects.select_related("municipality").select_for_update(of=("self",)).get(pk=case.pk)
    )


def case_add_information_check(*, case: Case, scope: Scope, at: dt.datetime | None = None) -> None:
    """The submitter adds information to a case that is not closed."""
    require_resident(scope)
    if case.status in CLOSED_STATUSES:
        raise CaseError({"status": closed_message(case)})


def case_add_information(
    *, case: Case, text: str, attachment: Upload | None = None, at: dt.datetime | None = None
) -> Event:
    """The submitter's text, and at most one file, on the timeline for staff: one
    INFORMATION_ADDED event. The submitter never sees staff text; staff see this."""
    scope = scope_for_resident()
    at, now = moments(at)
    errors: dict[str, str] = {}
    text = text.strip()
    if problem := text_problem(
        text, limits.RESIDENT_TEXT, required="Schrijf wat u wilt toevoegen."
    ):
        errors["text"] = problem
    content_type, name = attachment_errors(errors, attachment)
    with transaction.atomic():
        locked = _lock(case)
        case_add_information_check(case=locked, scope=scope, at=at)
        raise_if(errors)
        check_moment(at, locked, "at", now)
        stored: dict[str, object] | None = None
        if attachment is not None:
            row = Attachment.objects.create(
                case=locked,
                name=name,
                content_type=content_type,
                size=len(attachment.content),
                data=attachment.content,
                added_at=at,
                by_resident=True,
            )
            stored = {"id": row.pk, "name": name, "contentType": content_type, "size": row.size}
        Case.objects.filter(pk=locked.pk).update(updated_at=now)
        return append_event(
            locked, scope, EventType.INFORMATION_ADDED, {"text": text, "attachment": stored}, at=at
        )


def case_withdraw_check(*, case: Case, scope: Scope, at: dt.datetime | None = None) -> None:
    """The submitter withdraws a complaint or help request that is still being handled."""
    require_resident(scope)
    if case.kind not in WITHDRAWABLE:
        raise CaseError({"status": "Een melding of signaal hoeft u niet in te trekken."})
    if not workflow.may_move(case, Status.INGETROKKEN):
        state = ENDED.get(case.status, Status(case.status).label.lower())
        raise CaseError(
            {"status": f"Uw {word_of(case)} is {state}. Intrekken is daarom niet meer nodig."}
        )


def case_withdraw(*, case: Case, reason: str = "", at: dt.datetime | None = None) -> Case:
    """The submitter withdraws: the case goes to ingetrokken through the workflow, with the
    reason they gave (if any), in one STATUS_CHANGED event."""
    scope = scope_for_resident()
    at, now = moments(at)
    errors: dict[str, str] = {}
    reason = reason.strip()
    if problem := text_problem(reason, limits.RESIDENT_TEXT):
        errors["reason"] = problem
    with transaction.atomic():
        locked = _lock(case)
        case_withdraw_check(case=locked, scope=scope, at=at)
        raise_if(errors)
        check_moment(at, locked, "at", now)
        latest = locked.events.order_by("-at").values_list("at", flat=True).first()
        at = max(at, latest) if latest is not None else at
        before = locked.status
        locked.status = Status.INGETROKKEN
        fields = ["status", "updated_at"]
        if locked.concluded_at is None:
            locked.concluded_at = at  # the handling ends here
            fields.append("concluded_at")
        locked.save(update_fields=fields)
        case_deadlines.refresh_next_due(locked, now=now)
        append_event(
            locked,
            scope,
            EventType.STATUS_CHANGED,
            {"from": before, "to": Status.INGETROKKEN.value, "reason": reason, "by": "indiener"},
            at=at,
        )
    return locked


def case_answer_follow_up_check(
    *, case: Case, scope: Scope, at: dt.datetime | None = None
) -> FollowUp:
    """The submitter answers the follow-up question once its day has come; returns it."""
    require_resident(scope)
    today = timezone.localdate(at or timezone.now())
    follow_up = follow_up_question_open(case, today)
    if follow_up is None:
        planned = open_follow_up(case)
        if planned is not None:
            raise CaseError(
                {"status": f"Wij vragen u vanaf {long_date(planned.due)} hoe het nu gaat."}
            )
        raise CaseError({"status": "Er staat geen vraag voor u open. Dank u wel."})
    return follow_up


def case_answer_follow_up(
    *,
    case: Case,
    solved: bool,
    score: int | None,
    comment: str,
    at: dt.datetime | None = None,
) -> Event:
    """The submitter says how it is going: one FOLLOW_UP_ANSWERED event. "Solved" closes the
    case; "not solved" reopens it for the handler."""
    scope = scope_for_resident()
    at, now = moments(at)
    errors = answer_errors(solved, score)
    comment = resident_comment(errors, comment)
    with transaction.atomic():
        locked = _lock(case)
        follow_up = case_answer_follow_up_check(case=locked, scope=scope, at=at)
        raise_if(errors)
        check_moment(at, locked, "at", now)
        latest = locked.events.order_by("-at").values_list("at", flat=True).first()
        at = max(at, latest) if latest is not None else at
        return finish_follow_up(
            locked,
            follow_up,
            scope,
            solved=solved,
            score=score,
            comment=comment,
            by="indiener",
            at=at,
            now=now,
        )
