"""The honeypot on the public form (issue 11): a field people never see, that a program filling
in every field does. No third party, no JavaScript. A filled honeypot is refused plainly
(a person whose browser filled it sees why), and nothing is written or mailed."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from regie.cases.models import Case
from regie.notifications.models import OutboundEmail

pytestmark = pytest.mark.django_db


def honeypot_block(page: str) -> str:
    match = re.search(
        r'<div class="regie-visually-hidden" aria-hidden="true">(.*?)</div>\s*</div>\s*</div>',
        page,
        re.S,
    )
    assert match, "the honeypot is not in its hidden wrapper"
    return match.group(1)


def test_the_form_has_a_field_hidden_from_people(world: None, client: Client) -> None:
    page = client.get("/melden").content.decode()

    block = honeypot_block(page)
    assert "Laat dit veld leeg" in block  # for whoever sees it anyway (no CSS)
    [field] = re.findall(r"<input[^>]*>", block)
    assert 'name="website"' in field
    assert 'tabindex="-1"' in field
    assert 'autocomplete="off"' in field
    assert "required" not in field


def test_a_filled_honeypot_is_refused_and_nothing_is_written(
    world: None, client: Client, form_data: Any
) -> None:
    response = client.post("/melden", form_data(website="https://spam.example"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Fout: " in page
    assert "Het veld &quot;Laat dit veld leeg&quot; is ingevuld" in page
    # Now shown, so a person can empty it: no longer inside the hidden wrapper.
    assert 'aria-hidden="true">' not in page.split('name="website"')[0][-400:]
    assert 'href="#id_website"' in page  # the error summary links to it
    assert Case.objects.count() == 0
    assert OutboundEmail.objects.count() == 0


def test_an_empty_honeypot_lets_the_form_through(
    world: None, client: Client, form_data: Any
) -> None:
    response = client.post("/melden", form_data(website=""))

    assert response.status_code == 302
    assert Case.objects.count() == 1


def test_whitespace_alone_is_an_empty_honeypot(world: None, client: Client, form_data: Any) -> None:
    # Django strips the value: a stray space from autofill never refuses a person.
    assert client.post("/melden", form_data(website="  ")).status_code == 302
