"""In a real Chromium: hostile text typed into every free-text field a resident (the form,
the status page, a file's name), a partner system (the API intake), a staff member (a note,
a hand-over reason, a council story) and a provider (progress) can fill stays text on every
page that shows it: receipt, status page, worklist, case pages, provider portal, the council's
casuistry (issue 11). An internet address in Beheer cannot be `javascript:`.

Our Content Security Policy would stop an inline script even if a template let one through,
so `window.__xss` staying unset proves little on its own. The test therefore also reads the
DOM: no element carries an event-handler attribute, no link or form points at `javascript:`,
no script holds a payload, and the payload is on the page as the literal text that was typed.
A dialog (alert, confirm, prompt) fails the test whenever it opens."""

from __future__ import annotations

import re
from typing import Any

import pytest
from rest_framework.test import APIClient

from regie.accounts.scope import scope_for_public_web
from regie.cases import services
from regie.cases.models import Case
from regie.deidentify import deidentify
from regie.directory.models import Municipality, Organisation
from tests.browser.conftest import assert_accessible, log_in
from tests.conftest import token_for

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]

# The smallest real PNG: the status page keeps a file only for what its bytes say it is.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)

# One payload per field, each different, so the page shows which field it came from.
PAYLOADS = {
    "subject": "<img src=x onerror=window.__xss=1>",
    "description": '"><script>window.__xss=1</script> en <svg onload=alert(1)>',
    "name": "Anna <img src=x onerror=alert('naam')>",
    "phone": "06<script>alert(1)</script>",
    "street": "'><iframe src=javascript:alert(1)>",
    "city": "javascript:alert(document.cookie)",
    "on_behalf_of_name": '<a href="javascript:alert(1)">Piet</a>',
    "on_behalf_of_relation": "{{ 7|add:7 }} {% now 'Y' %} ${7*7}",
    "information": "</textarea><img src=x onerror=window.__xss=1>",
    # A file's own name is text the resident chose too (Regie keeps it, with the real type).
    "attachment": "<img src=x onerror=alert('bijlage')>.png",
    "api_description": "<details open ontoggle=window.__xss=1>API-tekst</details>",
    "api_name": '"><body onload=alert(1)>',
    "api_subject": "<style>*{display:none}</style>Onderwerp",
    "note": "<script>window.__xss=1</script>Notitie",
    "handover": "<img src=x onerror=alert('overdracht')>",
    "update": "<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>",
    "story": "<img src=x onerror=alert('verhaal')> Zij kreeg daarna wel hulp.",
}

# What would betray a payload that became markup.
DOM_PROBE = """() => {
    const handlers = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            const name = attr.name.toLowerCase();
            if (name.startsWith('on')) handlers.push(el.tagName + '[' + name + ']');
        }
    }
    const urlish = [];
    for (const el of document.querySelectorAll('[href], [src], [action], [formaction], [data]')) {
        for (const name of ['href', 'src', 'action', 'formaction', 'data']) {
            const value = (el.getAttribute(name) || '').replace(/\\s/g, '').toLowerCase();
            if (value.startsWith('javascript:')) urlish.push(el.tagName + '[' + name + ']');
        }
    }
    const scripts = [...document.scripts]
        .filter(s => /__xss|alert\\(/.test(s.textContent))
        .map(s => s.outerHTML.slice(0, 80));
    const injected = [...document.querySelectorAll(
        'img[src="x"], iframe, svg[onload], animate, details[ontoggle], main style, ' +
        'main a[href^="javascript"]'
    )].map(el => el.outerHTML.slice(0, 80));
    return {xss: typeof window.__xss, handlers, urlish, scripts, injected};
}"""


class Watch:
    """Fails the test on any dialog, and checks the page it is on."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.dialogs: list[str] = []
        # Text that should have been shown and was not; reported together at the end.
        self.missing: list[str] = []
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message} on {self.page.url}")
        dialog.dismiss()

    def inert(self, *shown: str) -> str:
        """The current page ran and built nothing from the payloads, and shows each of
        `shown` as the literal text it was. Returns the text of the page's main part."""
        found = self.page.evaluate(DOM_PROBE)
        where = self.page.url
        assert self.dialogs == [], self.dialogs
        assert found["xss"] == "undefined", where
        assert found["handlers"] == [], (where, found["handlers"])
        assert found["urlish"] == [], (where, found["urlish"])
        assert found["scripts"] == [], (where, found["scripts"])
        assert found["injected"] == [], (where, found["injected"])
        text = str(self.page.locator("main").inner_text())
        self.missing += [f"{key} on {where}" for key in shown if PAYLOADS[key] not in text]
        return text


def _submit_the_form(page: Any) -> Case:
    page.goto("/melden")
    page.get_by_label("Ik wil een klacht indienen").check()
    page.get_by_label("Gemeente", exact=True).select_option(label="Gemeente Aa en Zee")
    page.get_by_label("Hulp en ondersteuning thuis (Wmo)").check()
    page.get_by_label("Onderwerp").fill(PAYLOADS["subject"])
    page.get_by_label("Wat is er aan de hand?").fill(PAYLOADS["description"])
    page.get_by_label("Uw naam").fill(PAYLOADS["name"])
    page.get_by_label("Uw e-mailadres").fill("anna@example.org")
    page.get_by_label("Uw telefoonnummer").fill(PAYLOADS["phone"])
    page.get_by_label("Straat").fill(PAYLOADS["street"])
    page.get_by_label("Huisnummer").fill("12")
    page.get_by_label("Postcode").fill("1234 AB")
    page.get_by_label("Woonplaats").fill(PAYLOADS["city"])
    page.get_by_label("Ik meld dit voor iemand anders").check()
    page.get_by_label("Naam van die persoon").fill(PAYLOADS["on_behalf_of_name"])
    page.get_by_label("Wat bent u van die persoon?").fill(PAYLOADS["on_behalf_of_relation"])
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_url(re.compile(r"/melden/ontvangen/"))
    return Case.objects.get(channel="web")


def _through_the_api() -> Case:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for('GM9901')}")
    response = api.post(
        "/api/v1/cases",
        {
            "municipality": "GM9901",
            "kind": "klacht",
            "channel": "telefoon",
            "domain": "wmo",
            "subject": PAYLOADS["api_subject"],
            "description": PAYLOADS["api_description"],
            "submitter": {"name": PAYLOADS["api_name"], "email": "jan@example.org"},
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    return Case.objects.get(reference=response.json()["reference"])


def test_hostile_text_stays_text_on_every_page_that_shows_it(page: Any, smtp_server: Any) -> None:
    watch = Watch(page)

    # The resident fills every free-text field of the form, then adds information.
    # The receipt and the status page show none of it back, but must stay inert all the same.
    case = _submit_the_form(page)
    watch.inert()
    page.goto(f"/status/{case.status_token}")
    page.get_by_label("Wat wilt u ons nog laten weten?").fill(PAYLOADS["information"])
    page.get_by_label("Bestand meesturen").set_input_files(
        {"name": PAYLOADS["attachment"], "mimeType": "image/png", "buffer": PNG}
    )
    page.get_by_role("button", name="Versturen").click()
    page.wait_for_url(f"**/status/{case.status_token}*")
    watch.inert()

    # A partner system registers one through the API.
    api_case = _through_the_api()

    # Staff: the worklist, both case pages, a note and a hand-over reason of their own.
    log_in(page, "coordinator")
    page.goto("/werk")
    watch.inert("subject", "api_subject")
    page.goto(f"/werk/zaken/{case.reference}")
    watch.inert(
        "subject",
        "description",
        "name",
        "phone",
        "street",
        "city",
        "on_behalf_of_name",
        "on_behalf_of_relation",
        "information",
        "attachment",
    )
    page.get_by_label("Interne notitie").fill(PAYLOADS["note"])
    page.get_by_role("button", name="Notitie opslaan").click()
    page.wait_for_url(f"**/werk/zaken/{case.reference}")
    watch.inert("note")
    # A letter to the resident: its e-mail is checked below.
    page.get_by_role("button", name="Brief maken").click()
    page.wait_for_url(f"**/werk/zaken/{case.reference}")
    watch.inert()
    section = page.get_by_role("region", name="Overdragen of doorsturen")
    section.get_by_label("Naar wie?").select_option(label="Thuiszorg Het Anker")
    section.get_by_label("Waarom?").fill(PAYLOADS["handover"])
    section.get_by_role("button", name="Overdragen").click()
    page.wait_for_url(f"**/werk/zaken/{case.reference}")
    watch.inert("handover", "note")
    assert_accessible(page)
    page.goto(f"/werk/zaken/{api_case.reference}")
    watch.inert("api_subject", "api_description", "api_name")

    # The provider: its queues, the case, accepting it and reporting progress.
    log_in(page, "anker")
    page.goto("/aanbieder?wachtrij=nieuw")
    watch.inert()
    page.goto(f"/aanbieder/zaken/{case.reference}")
    watch.inert("subject", "description", "handover")
    page.get_by_role("button", name="Accepteren").click()
    page.wait_for_url(f"**/aanbieder/zaken/{case.reference}")
    page.get_by_label("Wat is er gebeurd of afgesproken?").fill(PAYLOADS["update"])
    page.get_by_role("button", name="Voortgang opslaan").click()
    page.wait_for_url(f"**/aanbieder/zaken/{case.reference}")
    watch.inert("update")
    page.goto("/aanbieder")
    watch.inert()

    # Back at the municipality: the provider's words in the timeline; the resident's page.
    log_in(page, "coordinator")
    page.goto(f"/werk/zaken/{case.reference}")
    watch.inert("update", "subject", "description")
    page.goto(f"/status/{case.status_token}")
    text = watch.inert()
    assert PAYLOADS["note"] not in text
    assert watch.missing == [], "not shown literally: " + "; ".join(watch.missing)

    # The e-mails to the resident (the acknowledgement, the letter) are plain text today; an
    # HTML part, once there is one, must carry none of the typed markup.
    mails = smtp_server.to("anna@example.org")
    assert len(mails) >= 2
    for mail in mails:
        for part in mail.walk():
            if part.get_content_type() == "text/html":
                html = part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
                for marker in ("<img", "<script", "<svg", "<iframe", "onerror="):
                    assert marker not in html.lower(), (mail["Subject"], marker)


def test_a_council_story_keeps_hostile_text_as_text(page: Any) -> None:
    """The casuistry: drafted from a case's text, edited by the coordinator, read by the
    council. What de-identification leaves of the case's payload, and the coordinator's own,
    stay text."""
    case = services.case_intake(
        scope=scope_for_public_web(),
        request=services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind="klacht",
            domain="wmo",
            channel="web",
            subject=PAYLOADS["subject"],
            description=PAYLOADS["description"],
            submitter=services.Person(name="Karin Bosman", email="k.bosman@example.nl"),
        ),
    ).case
    deidentify("")  # load deduce now (seconds), not inside the click's navigation timeout
    watch = Watch(page)

    log_in(page, "coordinator")
    page.goto("/bestuur/GM9901/casuistiek")
    page.get_by_label("Kenmerk van de zaak").fill(case.reference)
    page.get_by_label("Periode").fill("2026")
    page.get_by_role("button", name="Concept maken").click()
    page.wait_for_url(re.compile(r"/bestuur/GM9901/casuistiek/\d+$"))
    watch.inert()
    story = page.get_by_label("Verhaal")
    story.fill(story.input_value() + " " + PAYLOADS["story"])
    page.get_by_role("button", name="Tekst opslaan").click()
    watch.inert()
    page.get_by_role("button", name="Verhaal goedkeuren").click()
    assert page.get_by_text("Het verhaal is goedgekeurd.").is_visible()
    watch.inert()

    log_in(page, "raadslid")
    page.goto("/bestuur/GM9901/casuistiek")
    watch.inert("story")
    assert_accessible(page)
    assert watch.missing == [], "not shown literally: " + "; ".join(watch.missing)


def test_an_internet_address_must_be_http_or_https(page: Any) -> None:
    """Addresses Beheer stores become links on public pages: `javascript:` never gets in."""
    log_in(page, "beheer")
    watch = Watch(page)
    page.goto("/beheer/organisaties/het-anker")
    before = Organisation.objects.get(slug="het-anker").complaint_scheme_url
    page.get_by_label("Klachtenregeling op internet").fill(" javascript:alert(document.domain)")
    page.get_by_role("button", name="Organisatie opslaan").click()
    assert "begint met https://" in page.get_by_role("alert").inner_text()
    watch.inert()
    assert Organisation.objects.get(slug="het-anker").complaint_scheme_url == before
