"""Letters through the write path: which letter fits when, what is stored, the PDF/A, and
the e-mail through the outbox."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pypdf
import pytest
from django.utils import timezone

from regie.accounts.scope import scope_for_user
from regie.cases import services
from regie.cases.models import Event, EventType
from regie.deadlines.dutch import format_date
from regie.documents import services as letters
from regie.documents.models import Letter, LetterTemplate
from regie.documents.rendering import letter_text, one_year_after
from regie.notifications.models import OutboundEmail
from regie.vocabulary import LetterKind
from tests.documents.support import concluded, letter_complaint, pdf_text, staff

pytestmark = pytest.mark.django_db


def test_a_letter_complaint_with_only_name_and_address_gets_its_conclusion_as_a_pdf_a_letter(
    world: None,
) -> None:
    case = letter_complaint()
    assert case.submitter_email == ""
    case = concluded(case)
    events = Event.objects.filter(case=case).count()

    letter = letters.letter_send(case=case, scope=staff(), kind=LetterKind.CONCLUSIE)

    assert letter.channel == Letter.Channel.POST
    assert letter.outbound_email is None
    assert OutboundEmail.objects.filter(case_id=case.pk, purpose="brief").count() == 0
    assert letter.recipient_address == "Kerkstraat 7a\n1234 AB  Aadorp"
    # Exactly one event, naming the letter.
    new = list(Event.objects.filter(case=case).order_by("pk"))[events:]
    assert [(e.type, e.payload) for e in new] == [
        (EventType.LETTER, {"letterId": letter.pk, "kind": "conclusie", "channel": "post"})
    ]

    # PDF/A-2b: the header, the XMP identification pypdf reads.
    pdf = bytes(letter.pdf)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    xmp = reader.xmp_metadata
    assert xmp is not None
    identification = xmp.rdf_root.toxml()
    assert "pdfaid" in identification
    assert 'pdfaid:part="2"' in identification or "<pdfaid:part>2</pdfaid:part>" in identification
    assert reader.metadata is not None
    assert reader.metadata.title

    text = pdf_text(pdf)
    until = format_date(one_year_after(timezone.localdate(case.concluded_at)))
    for expected in (
        "Henk Brouwer",
        "Kerkstraat 7a",
        "1234 AB Aadorp",
        case.reference,
        "de Nationale ombudsman",
        until,
        "deels gegrond",
    ):
        assert expected in text, expected


def test_a_formal_letter_complaint_gets_invitation_report_postponement_and_conclusion(
    world: None,
) -> None:
    """End to end through the services: every letter of the formal procedure, by post."""
    case = letter_complaint()
    services.case_move(case=case, scope=staff(), to="formeel")
    planned = timezone.localtime(timezone.now() + dt.timedelta(days=7)).replace(
        hour=10, minute=30, second=0, microsecond=0
    )
    services.case_offer_hearing(
        case=case, scope=staff(), planned_at=planned, place="Gemeentehuis, kamer 2"
    )
    invitation = letters.letter_send(
        case=case, scope=staff(), kind=LetterKind.UITNODIGING_HOORZITTING
    )
    assert format_date(planned.date()) in invitation.body
    assert "10:30 uur" in invitation.body
    assert "Gemeentehuis, kamer 2" in invitation.body

    services.case_record_hearing(
        case=case,
        scope=staff(),
        held_on=timezone.localdate(),
        report="De heer Brouwer vertelde dat hij drie keer belde.",
    )
    report = letters.letter_send(case=case, scope=staff(), kind=LetterKind.VERSLAG_HOORZITTING)
    assert "De heer Brouwer vertelde dat hij drie keer belde." in report.body

    deadline = services.case_postpone(
        case=case, scope=staff(), notice_sent_on=timezone.localdate(), reason="Drukte."
    )
    postponement = letters.letter_send(case=case, scope=staff(), kind=LetterKind.VERDAGING)
    assert format_date(deadline.due) in postponement.body

    case = services.case_conclude(
        case=case,
        scope=staff(),
        outcome="",
        summary="Te laat teruggebeld.",
        judgements=[
            {
                "element": "Niemand belde terug.",
                "judgement": "gegrond",
                "norm": "voortvarendheid",
                "reasons": "Wij hebben u te laat teruggebeld.",
                "measures": "Wij bellen voortaan binnen twee werkdagen terug.",
            }
        ],
    )
    conclusion = letters.letter_send(case=case, scope=staff(), kind=LetterKind.CONCLUSIE)
    for expected in (
        "1. Uw klacht: Niemand belde terug.",
        "Ons oordeel: gegrond",
        "Voortvarendheid",
        "Waarom: Wij hebben u te laat teruggebeld.",
        "Wat wij doen: Wij bellen voortaan binnen twee werkdagen terug.",
    ):
        assert expected in conclusion.body
    text = pdf_text(bytes(conclusion.pdf))
    for expected in ("Henk Brouwer", "Kerkstraat 7a", "Voortvarendheid", "de Nationale ombudsman"):
        assert expected in text
    assert [letter.channel for letter in Letter.objects.filter(case=case)] == ["post"] * 4
    assert Event.objects.filter(case=case, type=EventType.LETTER).count() == 4


def test_an_edited_conclusion_that_forgets_the_ombudsman_still_names_it_and_the_term(
    world: None,
) -> None:
    case = concluded(letter_complaint())
    LetterTemplate.objects.create(
        municipality=case.municipality,
        kind=LetterKind.CONCLUSIE,
        subject="Uw klacht {kenmerk}",
        body="Beste {naam},\n\n{uitkomst}",
        updated_at=timezone.now(),
    )
    written = letter_text(case, LetterKind.CONCLUSIE, timezone.now())
    assert written.subject == f"Uw klacht {case.reference}"
    assert "de Nationale ombudsman" in written.body
    assert format_date(one_year_after(timezone.localdate(case.concluded_at))) in written.body


def test_with_an_email_address_the_letter_goes_through_the_outbox(
    world: None, smtp_server: object, django_capture_on_commit_callbacks: Any
) -> None:
    case = concluded(letter_complaint(email="henk@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        letter = letters.letter_send(case=case, scope=staff(), kind=LetterKind.CONCLUSIE)
    assert letter.channel == Letter.Channel.EMAIL
    assert letter.outbound_email is not None
    mails = smtp_server.to("henk@example.org")  # type: ignore[attr-defined]
    assert len(mails) == 1
    assert case.reference in mails[0]["Subject"]
    assert "ombudsman" in mails[0].get_payload(decode=True).decode()
    assert bytes(letter.pdf).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        (LetterKind.CONCLUSIE, "Handel de klacht eerst af."),
        (LetterKind.NIET_BEHANDELEN, "niet te behandelen"),
        (LetterKind.VERDAGING, "niet verdaagd"),
        (LetterKind.UITNODIGING_HOORZITTING, "horen"),
        (LetterKind.VERSLAG_HOORZITTING, "horen"),
    ],
)
def test_a_letter_that_does_not_fit_the_case_is_refused_and_nothing_is_written(
    world: None, kind: str, message: str
) -> None:
    case = letter_complaint()
    before = (Letter.objects.count(), Event.objects.count())
    with pytest.raises(services.CaseError) as refused:
        letters.letter_send(case=case, scope=staff(), kind=kind)
    assert message in refused.value.errors["kind"]
    assert (Letter.objects.count(), Event.objects.count()) == before


def test_a_9_8_notice_names_the_ground_and_the_ombudsman(world: None) -> None:
    case = concluded(letter_complaint(), outcome="gegrond")
    assert LetterKind.NIET_BEHANDELEN not in letters.fitting_kinds(case)
    assert LetterKind.CONCLUSIE in letters.fitting_kinds(case)
    refused = services.case_refuse_complaint(
        case=letter_complaint(),
        scope=staff(),
        ground="ouder-dan-een-jaar",
        explanation="Het gesprek was in 2019.",
    )
    assert letters.fitting_kinds(refused) == [LetterKind.NIET_BEHANDELEN]
    notice = letters.letter_send(case=refused, scope=staff(), kind=LetterKind.NIET_BEHANDELEN)
    assert "langer dan een jaar geleden gebeurd" in notice.body
    assert "9:8 lid 1 b" in notice.body
    assert "Het gesprek was in 2019." in notice.body
    assert "de Nationale ombudsman" in notice.body
    assert "de Nationale ombudsman" in pdf_text(bytes(notice.pdf))


def test_a_help_request_gets_only_the_acknowledgement(world: None) -> None:
    case = letter_complaint(kind="hulpvraag")
    assert letters.letter_send_check(case=case, scope=staff()) == [LetterKind.ONTVANGSTBEVESTIGING]
    written = letter_text(case, LetterKind.ONTVANGSTBEVESTIGING, timezone.now())
    assert written.subject == "Wij hebben uw hulpvraag ontvangen"


def test_the_postponement_letter_names_the_new_date(world: None) -> None:
    case = letter_complaint()
    deadline = services.case_postpone(
        case=case, scope=staff(), notice_sent_on=timezone.localdate(), reason="Drukte."
    )
    letter = letters.letter_send(case=case, scope=staff(), kind=LetterKind.VERDAGING)
    assert format_date(deadline.due) in letter.body


def test_no_address_and_no_email_means_no_letter(world: None) -> None:
    case = letter_complaint()
    case.submitter_street = ""
    with pytest.raises(services.CaseError) as refused:
        letters.letter_send_check(case=case, scope=staff())
    assert "geen e-mailadres en geen postadres" in refused.value.errors["kind"]


def test_people_who_do_not_handle_cases_may_not_send_letters(world: None) -> None:
    case = concluded(letter_complaint())
    from django.contrib.auth.models import User

    with pytest.raises(services.PermissionRefused):
        letters.letter_send(
            case=case,
            scope=scope_for_user(User.objects.get(username="hooglanden")),
            kind=LetterKind.CONCLUSIE,
        )
    assert not Letter.objects.exists()


def test_a_letter_moment_before_the_case_came_in_is_refused(world: None) -> None:
    case = letter_complaint()
    with pytest.raises(services.CaseError) as refused:
        letters.letter_send(
            case=case,
            scope=staff(),
            kind=LetterKind.ONTVANGSTBEVESTIGING,
            at=case.received_at - dt.timedelta(days=1),
        )
    assert "at" in refused.value.errors
    assert not Letter.objects.exists()
