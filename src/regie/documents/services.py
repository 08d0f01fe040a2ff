"""The write path of letters: sending one to the resident (a change to the case, so it
locks the case and appends exactly one LETTER event), and the municipality's own wording of
a letter in Beheer (recorded in the directory's change history).

A letter is always stored with its PDF/A. With an e-mail address it goes through the outbox;
without one the channel is "post": the PDF is there to print and send to the postal address.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from regie import limits
from regie.accounts.administration import Administration
from regie.accounts.scope import Scope
from regie.cases import deadlines as case_deadlines
from regie.cases.models import Case, EventType
from regie.cases.services.acknowledgement import PURPOSE as ACKNOWLEDGEMENT_PURPOSE
from regie.cases.services.acknowledgement import acknowledgement_sent
from regie.cases.services.common import (
    CaseError,
    append_event,
    check_moment,
    lock_case,
    moments,
    require_may_handle,
    require_visible,
)
from regie.directory.models import DirectoryChange, Municipality
from regie.directory.services import DirectoryError
from regie.directory.services import PermissionRefused as NotAdministered
from regie.documents import defaults, pdf, rendering
from regie.documents.models import Letter, LetterTemplate
from regie.documents.placeholders import template_problems
from regie.notifications.outbox import outbox_send_after_commit, outbox_write
from regie.vocabulary import CONCLUDED_STATUSES, Kind, LetterKind, Outcome

PURPOSE = "brief"
SUBJECT_LIMIT = 300
BODY_LIMIT = 20_000


def letter_problem(case: Case, kind: str) -> str:
    """Why a letter of `kind` does not fit `case` now, in Dutch; "" when it does."""
    if kind not in LetterKind.values:
        return "Kies een brief uit de lijst."
    if kind == LetterKind.ONTVANGSTBEVESTIGING:
        if case.status in CONCLUDED_STATUSES:
            return "Deze zaak is niet meer open. Een ontvangstbevestiging past niet meer."
        return ""
    if case.kind != Kind.KLACHT:
        return "Deze brief hoort bij de behandeling van een klacht."
    concluded = case.status in CONCLUDED_STATUSES and case.concluded_at is not None
    if kind == LetterKind.VERDAGING:
        deadline = case_deadlines.current(case, case_deadlines.COMPLAINT_HANDLING)
        if deadline is None or "extended" not in deadline.options:
            return "De behandeling is niet verdaagd. Verdaag eerst, dan staat de nieuwe datum vast."
        if case.status in CONCLUDED_STATUSES:
            return "De klacht is al afgehandeld."
        return ""
    if kind == LetterKind.NIET_BEHANDELEN:
        if not concluded or case.outcome != Outcome.NIET_BEHANDELD:
            return "Deze brief past alleen als besloten is de klacht niet te behandelen (9:8)."
        return ""
    if kind == LetterKind.UITNODIGING_HOORZITTING:
        if not case.events.filter(type=EventType.HEARING_OFFERED).exists():
            return "Leg eerst vast wanneer en waar het horen is."
        if case.status in CONCLUDED_STATUSES:
            return "De klacht is al afgehandeld."
        return ""
    if kind == LetterKind.VERSLAG_HOORZITTING:
        if not case.events.filter(type=EventType.HEARING_HELD).exists():
            return "Leg eerst vast dat het horen is geweest, met het verslag."
        return ""
    # The conclusion (Awb 9:12).
    if not concluded or case.outcome in ("", Outcome.NIET_BEHANDELD):
        return "Handel de klacht eerst af. Dan kan de brief met het oordeel eruit."
    return ""


def fitting_kinds(case: Case) -> list[str]:
    """The letters that fit the case now, in the order of the procedure."""
    return [kind for kind in LetterKind.values if not letter_problem(case, kind)]


def letter_send_check(*, case: Case, scope: Scope, at: dt.datetime | None = None) -> list[str]:
    """Municipal staff write letters (in the municipality's name), to someone they can
    reach: an e-mail address or a postal address. Returns the letters that fit now."""
    require_may_handle(scope)
    if not case.submitter_email and not case.submitter_street:
        raise CaseError(
            {
                "kind": "Er is geen e-mailadres en geen postadres van de indiener. Een brief kan "
                "dan nergens heen."
            }
        )
    kinds = fitting_kinds(case)
    if not kinds:
        raise CaseError({"kind": "Er is nu geen brief die bij deze zaak past."})
    return kinds


def letter_send(*, case: Case, scope: Scope, kind: str, at: dt.datetime | None = None) -> Letter:
    """Write the letter of `kind`, store it with its PDF/A, mail it when there is an e-mail
    address (else it waits to be printed: channel "post"), and put it on the timeline."""
    require_visible(scope, case)
    at, now = moments(at)
    with transaction.atomic():
        locked = lock_case(case, scope)
        kinds = letter_send_check(case=locked, scope=scope, at=at)
        if kind not in kinds:
            raise CaseError({"kind": letter_problem(locked, kind) or "Kies een andere brief."})
        check_moment(at, locked, "at", now)
        written = rendering.letter_text(locked, kind, at)
        channel = Letter.Channel.EMAIL if locked.submitter_email else Letter.Channel.POST
        letter = Letter.objects.create(
            case=locked,
            kind=kind,
            channel=channel,
            subject=written.subject[:SUBJECT_LIMIT],
            body=written.body,
            recipient_name=written.recipient.name,
            recipient_email=written.recipient.email,
            recipient_address=written.recipient.address,
            pdf=pdf.render_pdf(rendering.letter_html(written)),
            created_at=at,
            created_by_id=scope.user_id,
        )
        if channel == Letter.Channel.EMAIL:
            _mail(locked, letter, now)
        append_event(
            locked,
            scope,
            EventType.LETTER,
            {"letterId": letter.pk, "kind": kind, "channel": channel},
            at=at,
        )
    return letter


def _mail(case: Case, letter: Letter, now: dt.datetime) -> None:
    """Into the outbox, sent after commit. An acknowledgement still owed is met once the mail
    server accepted it (the outbox's `after_sent`, as at intake)."""
    owed = (
        letter.kind == LetterKind.ONTVANGSTBEVESTIGING
        and (deadline := case_deadlines.current(case, case_deadlines.ACKNOWLEDGEMENT)) is not None
        and deadline.met_at is None
    )
    email = outbox_write(
        case_id=case.pk,
        purpose=ACKNOWLEDGEMENT_PURPOSE if owed else PURPOSE,
        to=letter.recipient_email,
        subject=f"{letter.subject} ({case.reference})",
        body=letter.body,
        now=now,
    )
    letter.outbound_email = email
    letter.save(update_fields=["outbound_email"])
    outbox_send_after_commit(email, after_sent=acknowledgement_sent if owed else None)


# Templates in Beheer ---------------------------------------------------------------------


def template_problems_of(kind: str, subject: str, body: str) -> dict[str, str]:
    """The form errors of an edited template (also for the preview, before saving)."""
    errors: dict[str, str] = {}
    allowed = defaults.ALLOWED[kind]
    for field, value, limit, required in (
        ("subject", subject, SUBJECT_LIMIT, "Vul het onderwerp van de brief in."),
        ("body", body, BODY_LIMIT, "Vul de tekst van de brief in."),
    ):
        if not value.strip():
            errors[field] = required
        elif len(value) > limit:
            errors[field] = limits.too_long(limit)
        elif "\x00" in value:
            errors[field] = "Deze tekst bevat een onzichtbaar teken (NUL)."
        elif problems := template_problems(value, allowed):
            errors[field] = " ".join(problems)
    return errors


def _require(by: Administration, municipality: Municipality) -> None:
    if not by.may_administer(municipality):
        raise NotAdministered("May not administer this municipality.")


def _record(
    *,
    by: Administration,
    municipality: Municipality,
    kind: str,
    template_id: int,
    action: str,
    changes: list[dict[str, str]],
    at: dt.datetime,
) -> DirectoryChange:
    return DirectoryChange.objects.create(
        at=at,
        actor_user_id=by.user_id,
        actor_label=by.label or "Onbekend",
        action=action,
        object_model="lettertemplate",
        object_id=template_id,
        object_label=f"Brief: {LetterKind(kind).label} ({municipality.name})"[:300],
        municipality=municipality,
        changes=changes,
    )


def template_save(
    *,
    municipality: Municipality,
    kind: str,
    subject: str,
    body: str,
    by: Administration,
    at: dt.datetime | None = None,
) -> LetterTemplate | None:
    """The municipality's own wording of a letter. None when nothing changed."""
    _require(by, municipality)
    when = at or timezone.now()
    if kind not in LetterKind.values:
        raise DirectoryError({"kind": "Kies een brief uit de lijst."})
    subject, body = subject.strip(), body.replace("\r\n", "\n").strip()
    errors = template_problems_of(kind, subject, body)
    if errors:
        raise DirectoryError(errors)
    with transaction.atomic():
        Municipality.objects.select_for_update().get(pk=municipality.pk)
        old_subject, old_body, row = rendering.template_for(municipality, kind)
        if (old_subject, old_body) == (subject, body):
            return None
        changes = [
            {"field": field, "label": label, "old": old, "new": new}
            for field, label, old, new in (
                ("subject", "Onderwerp", old_subject, subject),
                ("body", "Tekst", old_body, body),
            )
            if old != new
        ]
        if row is None:
            row = LetterTemplate.objects.create(
                municipality=municipality,
                kind=kind,
                subject=subject,
                body=body,
                updated_at=when,
                updated_by_id=by.user_id,
            )
        else:
            row.subject, row.body, row.updated_at = subject, body, when
            row.updated_by_id = by.user_id
            row.save(update_fields=["subject", "body", "updated_at", "updated_by"])
        _record(
            by=by,
            municipality=municipality,
            kind=kind,
            template_id=row.pk,
            action=DirectoryChange.Action.CHANGED,
            changes=changes,
            at=when,
        )
    return row


def template_reset(
    *, municipality: Municipality, kind: str, by: Administration, at: dt.datetime | None = None
) -> bool:
    """Back to Regie's default text. False when the municipality had no text of its own."""
    _require(by, municipality)
    when = at or timezone.now()
    with transaction.atomic():
        Municipality.objects.select_for_update().get(pk=municipality.pk)
        row = LetterTemplate.objects.filter(municipality=municipality, kind=kind).first()
        if row is None:
            return False
        default = defaults.DEFAULTS[kind]
        changes = [
            {"field": field, "label": label, "old": old, "new": new}
            for field, label, old, new in (
                ("subject", "Onderwerp", row.subject, default.subject),
                ("body", "Tekst", row.body, default.body),
            )
            if old != new
        ]
        _record(
            by=by,
            municipality=municipality,
            kind=kind,
            template_id=row.pk,
            action=DirectoryChange.Action.DELETED,
            changes=changes,
            at=when,
        )
        row.delete()
    return True
