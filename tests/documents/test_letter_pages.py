"""The letters on the staff case page: the action offers the letters that fit, a post makes
one, the case page lists it with its PDF, the timeline shows it, and only who may see the
case downloads it."""

from __future__ import annotations

from typing import Any

import pytest

from regie.cases.models import Event, EventType
from regie.documents import services as letters
from regie.documents.models import Letter
from regie.privacy.models import AccessLog
from regie.vocabulary import LetterKind
from tests.documents.support import concluded, letter_complaint, staff

pytestmark = pytest.mark.django_db


def test_the_case_page_offers_the_conclusion_letter_and_a_post_makes_it(login: Any) -> None:
    client = login("behandelaar")
    case = concluded(letter_complaint())
    page = client.get(f"/werk/zaken/{case.reference}").content.decode()
    assert 'id="brief"' in page
    assert "Afhandeling van de klacht (Awb 9:12)" in page
    assert "Kerkstraat 7a, 1234 AB Aadorp" in page
    # Only what fits: no 9:8 notice for a complaint that was judged.
    assert 'value="niet-behandelen"' not in page

    response = client.post(f"/werk/zaken/{case.reference}/brief", {"kind": "conclusie"})
    assert response.status_code == 302
    letter = Letter.objects.get(case=case)
    assert letter.kind == LetterKind.CONCLUSIE

    page = client.get(f"/werk/zaken/{case.reference}").content.decode()
    assert 'id="brieven"' in page
    assert f"/werk/brieven/{letter.pk}.pdf" in page
    assert "Brief: Afhandeling van de klacht (Awb 9:12)" in page  # the timeline

    pdf = client.get(f"/werk/brieven/{letter.pk}.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("attachment")
    assert b"".join(pdf.streaming_content if pdf.streaming else [pdf.content]).startswith(b"%PDF")
    assert AccessLog.objects.filter(case=case, purpose=f"/werk/brieven/{letter.pk}.pdf").exists()


def test_a_forced_post_of_a_letter_that_does_not_fit_changes_nothing(login: Any) -> None:
    client = login("behandelaar")
    case = letter_complaint()
    events = Event.objects.filter(case=case).count()
    response = client.post(f"/werk/zaken/{case.reference}/brief", {"kind": "conclusie"})
    assert response.status_code == 200
    assert "Handel de klacht eerst af." in response.content.decode()
    assert not Letter.objects.exists()
    assert Event.objects.filter(case=case).count() == events


def test_a_post_with_an_unknown_letter_gets_a_form_error(login: Any) -> None:
    client = login("behandelaar")
    case = letter_complaint()
    response = client.post(f"/werk/zaken/{case.reference}/brief", {"kind": "../../etc"})
    assert response.status_code == 200
    assert "Kies een brief uit de lijst." in response.content.decode()
    assert not Letter.objects.exists()


def test_someone_who_may_not_see_the_case_gets_404_for_its_letter(login: Any) -> None:
    case = concluded(letter_complaint())
    letter = letters.letter_send(case=case, scope=staff(), kind=LetterKind.CONCLUSIE)
    assert login("hooglanden").get(f"/werk/brieven/{letter.pk}.pdf").status_code == 404
    assert login("anker").get(f"/werk/brieven/{letter.pk}.pdf").status_code == 404
    assert login("behandelaar").get(f"/werk/brieven/{letter.pk + 1}.pdf").status_code == 404
    assert Event.objects.filter(case=case, type=EventType.LETTER).count() == 1


def test_no_letter_action_for_a_case_without_any_address(login: Any) -> None:
    from regie.accounts.scope import scope_for_public_web
    from regie.cases import services
    from regie.directory.models import Municipality

    case = services.case_intake(
        scope=scope_for_public_web(),
        request=services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind="klacht",
            channel="telefoon",
            description="Niemand belt terug.",
            submitter=services.Person(name="Anna", phone="0612345678"),
        ),
    ).case
    page = login("behandelaar").get(f"/werk/zaken/{case.reference}").content.decode()
    assert 'id="brief"' not in page
