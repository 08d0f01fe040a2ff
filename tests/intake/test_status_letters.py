"""The resident finds the letters the municipality sent on the status page, as the PDF that
went out; the token is the key, and a letter of another case stays out of reach."""

from __future__ import annotations

import pytest
from django.test import Client

from regie.cases.models import Case
from regie.documents import services as letters
from regie.vocabulary import LetterKind
from tests.documents.support import letter_complaint, staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("world")]


def test_the_status_page_lists_the_letters_and_serves_their_pdf() -> None:
    case = letter_complaint()
    letter = letters.letter_send(case=case, scope=staff(), kind=LetterKind.ONTVANGSTBEVESTIGING)
    client = Client()

    page = client.get(f"/status/{case.status_token}").content.decode()
    link = f"/status/{case.status_token}/brieven/{letter.pk}.pdf"
    assert "Uw brieven" in page
    assert link in page

    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert b"".join(response) == bytes(letter.pdf)


def test_a_letter_of_another_case_or_a_wrong_token_is_not_found() -> None:
    mine = letter_complaint()
    other = letter_complaint()
    theirs = letters.letter_send(case=other, scope=staff(), kind=LetterKind.ONTVANGSTBEVESTIGING)
    client = Client()

    assert client.get(f"/status/{mine.status_token}/brieven/{theirs.pk}.pdf").status_code == 404
    assert client.get(f"/status/niet-geldig/brieven/{theirs.pk}.pdf").status_code == 404
    assert Case.objects.count() == 2


def test_without_letters_the_section_is_not_there() -> None:
    case = letter_complaint()
    assert "Uw brieven" not in Client().get(f"/status/{case.status_token}").content.decode()
