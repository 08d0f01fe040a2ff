"""The dossier for the ombudsman: every event of the timeline that may be shared and every
letter, as JSON and as a PDF/A; a download for staff who may see the case, 404 otherwise."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pypdf
import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from regie.cases import services
from regie.cases.models import Case, Event, EventType
from regie.documents import services as letters
from regie.documents.dossier import dossier_json, dossier_pdf
from regie.documents.models import Letter
from regie.privacy.models import AccessLog
from regie.vocabulary import LetterKind
from tests.documents.support import letter_complaint, pdf_text, staff

pytestmark = pytest.mark.django_db


def days_ago(days: int, hour: int = 10) -> dt.datetime:
    moment = timezone.localtime(timezone.now() - dt.timedelta(days=days))
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def rich_case() -> Case:
    """A written complaint with many kinds of events and letters, through the services."""
    case = letter_complaint(days_ago=25)
    me = staff()
    letters.letter_send(
        case=case, scope=me, kind=LetterKind.ONTVANGSTBEVESTIGING, at=days_ago(24, 9)
    )
    services.case_assign(
        case=case, scope=me, handler=User.objects.get(username="behandelaar"), at=days_ago(24)
    )
    services.case_add_note(
        case=case, scope=me, text="Intern: collega zegt dat hij vaker klaagt.", at=days_ago(23)
    )
    services.case_add_note(
        case=case,
        scope=me,
        text="Gedeeld: de heer Brouwer belde om 9 uur, het KCC beloofde terugbellen.",
        shareable=True,
        at=days_ago(23, 11),
    )
    services.case_record_contact(
        case=case, scope=me, at=days_ago(22), summary="Gebeld; hij wil een formele behandeling."
    )
    services.case_move(case=case, scope=me, to="formeel", at=days_ago(21))
    services.case_escalate(
        case=case,
        scope=me,
        level="doorbraak",
        reason="De aanvraag ligt vast tussen twee afdelingen.",
        at=days_ago(20),
    )
    services.case_record_exception(
        case=case,
        scope=me,
        exception="Aanvraag zonder nieuw formulier in behandeling genomen.",
        cost_euros="0",
        decided_by=User.objects.get(username="coordinator"),
        at=days_ago(19),
    )
    services.case_move(case=case, scope=me, to="formeel", at=days_ago(18))
    services.case_postpone(
        case=case,
        scope=me,
        notice_sent_on=days_ago(17).date(),
        reason="Wij wachten op de afdeling Wmo.",
        at=days_ago(17),
    )
    letters.letter_send(case=case, scope=me, kind=LetterKind.VERDAGING, at=days_ago(17, 11))
    services.case_add_note(
        case=case, scope=me, text="Intern: nog een interne notitie.", at=days_ago(17, 12)
    )
    services.case_skip_hearing(
        case=case,
        scope=me,
        ground="afgezien",
        explanation="De heer Brouwer wil niet gehoord worden.",
        at=days_ago(16),
    )
    services.case_conclude(
        case=case,
        scope=me,
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
        at=days_ago(15),
    )
    letters.letter_send(case=case, scope=me, kind=LetterKind.CONCLUSIE, at=days_ago(15, 11))
    services.case_refer_to_ombudsman(
        case=case, scope=me, their_reference="2026.04567", at=days_ago(3)
    )
    services.case_record_ombudsman_outcome(
        case=case,
        scope=me,
        judgement="gegrond",
        findings="De gemeente belde niet terug.",
        recommendations="Bel binnen twee werkdagen terug.",
        response="Het KCC belt voortaan binnen twee werkdagen terug.",
    )
    return Case.objects.get(pk=case.pk)


def test_the_dossier_holds_every_shareable_event_and_every_letter(world: None) -> None:
    case = rich_case()
    events = list(Event.objects.filter(case=case))
    kinds = {e.type for e in events}
    assert {
        EventType.RECEIVED,
        EventType.ASSIGNED,
        EventType.NOTE_ADDED,
        EventType.CONTACT,
        EventType.STATUS_CHANGED,
        EventType.ESCALATED,
        EventType.EXCEPTION_MADE,
        EventType.POSTPONED,
        EventType.LETTER,
        EventType.HEARING_SKIPPED,
        EventType.CONCLUDED,
        EventType.OMBUDSMAN_REFERRED,
        EventType.OMBUDSMAN_OUTCOME,
    } <= kinds
    internal = [
        e for e in events if e.type == EventType.NOTE_ADDED and not e.payload.get("shareable")
    ]
    assert len(internal) == 2
    case_letters = list(Letter.objects.filter(case=case))
    assert len(case_letters) == 3

    data = dossier_json(case)

    shared = {e.pk for e in events} - {e.pk for e in internal}
    assert {e["id"] for e in data["events"]} == shared
    assert {entry["id"] for entry in data["letters"]} == {letter.pk for letter in case_letters}
    for entry, letter in zip(data["letters"], case_letters, strict=True):
        assert (entry["subject"], entry["body"], entry["kind"]) == (
            letter.subject,
            letter.body,
            letter.kind,
        )
    serialised = json.dumps(data, ensure_ascii=False)
    assert "Intern:" not in serialised
    assert "Gedeeld: de heer Brouwer belde om 9 uur" in serialised
    facts = data["case"]
    assert facts["reference"] == case.reference
    assert facts["complainant"]["name"] == "Henk Brouwer"
    assert facts["complainant"]["address"] == {
        "street": "Kerkstraat",
        "houseNumber": "7a",
        "postcode": "1234 AB",
        "city": "Aadorp",
    }
    assert facts["outcome"] == "gegrond"
    assert [j["element"] for j in data["judgements"]] == ["Niemand belde terug."]
    assert data["ombudsmanReferrals"][0]["theirReference"] == "2026.04567"
    every_description = [line for e in data["events"] for line in e["description"]]
    assert all(e["description"] and e["typeLabel"] for e in data["events"])
    assert "Uitzondering op de regels: Aanvraag zonder nieuw formulier in behandeling genomen." in (
        every_description
    )

    pdf = dossier_pdf(case)

    assert pdf.startswith(b"%PDF")
    xmp = pypdf.PdfReader(io.BytesIO(pdf)).xmp_metadata  # the PDF/A identification
    assert xmp is not None
    assert "pdfaid" in xmp.rdf_root.toxml()
    text = pdf_text(pdf)
    for letter in case_letters:
        assert letter.subject in text, letter.subject
    for event in data["events"]:
        assert event["date"] in text, event
    assert "Henk Brouwer" in text
    assert "Kerkstraat 7a, 1234 AB Aadorp" in text
    assert "Intern:" not in text
    assert "Gedeeld: de heer Brouwer belde om 9 uur" in text


def test_a_case_without_letters_or_notes_still_has_its_timeline(world: None) -> None:
    case = letter_complaint()
    data = dossier_json(case)
    assert next(e["type"] for e in data["events"]) == EventType.RECEIVED
    assert data["letters"] == []
    assert "Er zijn geen brieven bij deze zaak." in pdf_text(dossier_pdf(case))


def test_staff_who_see_the_case_download_the_dossier_others_get_404(
    world: None, login: Any, client: Any
) -> None:
    case = letter_complaint()
    services.case_add_note(case=case, scope=staff(), text="Intern: niet voor de ombudsman.")
    pdf_url = f"/werk/zaken/{case.reference}/ombudsdossier.pdf"
    json_url = f"/werk/zaken/{case.reference}/ombudsdossier.json"

    assert client.get(pdf_url).status_code == 302  # not logged in: to the login page
    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()
    assert pdf_url in page
    assert json_url in page

    as_pdf = client.get(pdf_url)
    assert as_pdf.status_code == 200
    assert as_pdf["Content-Type"] == "application/pdf"
    assert f"dossier-ombudsman-{case.reference}.pdf" in as_pdf["Content-Disposition"]
    assert case.reference in pdf_text(as_pdf.content)
    as_json = client.get(json_url)
    assert as_json.status_code == 200
    body = json.loads(as_json.content)
    assert body["case"]["reference"] == case.reference
    assert "Intern:" not in as_json.content.decode()
    assert AccessLog.objects.filter(case=case, purpose=json_url).exists()

    for outsider in ("hooglanden", "anker"):
        other = login(outsider)
        assert other.get(pdf_url).status_code == 404, outsider
        assert other.get(json_url).status_code == 404, outsider
    assert login("behandelaar").get(
        "/werk/zaken/KL-1999-000001/ombudsdossier.json"
    ).status_code == (404)


def test_a_note_marked_shareable_on_the_case_page_goes_into_the_dossier(
    world: None, login: Any
) -> None:
    case = letter_complaint()
    client = login("behandelaar")
    url = f"/werk/zaken/{case.reference}/notitie"

    client.post(url, {"text": "Alleen voor ons."})
    client.post(url, {"text": "Dit mag de ombudsman lezen.", "note_shareable": "on"})

    notes = Event.objects.filter(case=case, type=EventType.NOTE_ADDED).order_by("pk")
    assert [n.payload for n in notes] == [
        {"text": "Alleen voor ons."},
        {"text": "Dit mag de ombudsman lezen.", "shareable": True},
    ]
    shared = [line for e in dossier_json(case)["events"] for line in e["description"]]
    assert "Dit mag de ombudsman lezen." in shared
    assert "Alleen voor ons." not in shared
    page = client.get(f"/werk/zaken/{case.reference}").content.decode()
    assert "mag gedeeld worden met de ombudsman" in page
