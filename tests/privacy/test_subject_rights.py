"""Data-subject requests (issue 11, LEGAL.md §6): the legal month counted in calendar months
with the Atw's roll-forward, finding a resident's cases, the export of everything Regie holds
on them (JSON and PDF/A) and nothing of anyone else, the correction through the register's
write path, the objection's decision, and 404 for everyone but the privacy officer."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
from pathlib import Path
from typing import Any

import pypdf
import pytest
from django.utils import timezone

from regie.cases import services
from regie.cases.models import Case, Event
from regie.deadlines import AtwCalendar
from regie.directory.models import Municipality
from regie.privacy import subject_rights as rights
from regie.privacy.models import AccessLog, DataSubjectRequest
from tests.privacy.worlds import (
    DESCRIPTION,
    EMAIL,
    JUDGEMENT,
    NAME,
    NOTE,
    PHONE,
    everything,
    intake,
    user,
)

pytestmark = pytest.mark.django_db

LIST = "/privacy/verzoeken"
NEW = "/privacy/verzoeken/nieuw"
OTHER_NAME = "Fatima el Amrani"
OTHER_EMAIL = "fatima@example.org"


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# ── The legal month ─────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2026-03-10", "2026-04-10"),  # a Friday: no roll-forward
        ("2026-03-31", "2026-04-30"),  # April has no 31st: its last day
        ("2028-01-31", "2028-02-29"),  # a leap year's February
        ("2026-01-31", "2026-03-02"),  # 28 February 2026 is a Saturday: on to Monday
        ("2026-01-15", "2026-02-16"),  # 15 February is a Sunday
        ("2026-03-27", "2026-04-28"),  # 27 April is Koningsdag
        ("2026-11-25", "2026-12-28"),  # Christmas, Boxing Day, then a Sunday
        ("2026-12-31", "2027-02-01"),  # over the year; 31 January 2027 is a Sunday
    ],
)
def test_it_counts_a_calendar_month_and_rolls_past_weekends_and_holidays(
    received: str, due: str
) -> None:
    assert rights.due_on(day(received), calendar=AtwCalendar()) == day(due)


def test_an_extension_gives_three_months_from_receipt() -> None:
    assert rights.add_months(day("2026-01-31"), 3) == day("2026-04-30")
    assert rights.due_on(day("2026-01-31"), extended=True, calendar=AtwCalendar()) == day(
        "2026-04-30"
    )


# ── Helpers ─────────────────────────────────────────────────────────────────────────────


def make_request(kind: str = "inzage", code: str = "GM9901", by: str = "privacy") -> Any:
    return rights.request_create(
        user=user(by),
        municipality=Municipality.objects.get(code=code),
        kind=kind,
        requester_name=NAME,
        requester_contact=EMAIL,
        identity_check="Paspoort gezien aan de balie.",
        received_on=timezone.localdate(),
    )


def other_resident() -> Case:
    """A case of someone else in the same municipality."""
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind="klacht",
        domain="wmo",
        channel="web",
        description="Mijn rolstoel is al weken kapot en niemand belt terug.",
        received_at=timezone.now() - dt.timedelta(days=3),
        submitter=services.Person(name=OTHER_NAME, email=OTHER_EMAIL, phone="0201234567"),
    )
    return services.case_intake(scope=services.Scope(public=True), request=request).case


# ── The finder ──────────────────────────────────────────────────────────────────────────


def test_it_finds_the_person_by_email_phone_or_name_with_postcode(world: None) -> None:
    mine = intake()
    other_resident()
    elsewhere = intake(code="GM9902")
    officer = user("privacy")
    gm9901 = mine.municipality_id

    def found(*identifiers: rights.Identifier) -> list[str]:
        matches = rights.person_find(user=officer, municipality_id=gm9901, identifiers=identifiers)
        return [m.case.reference for m in matches]

    assert found(rights.Identifier("email", EMAIL.upper())) == [mine.reference]
    assert found(rights.Identifier("phone", "+31 6 1234 5678")) == [mine.reference]
    assert found(rights.Identifier("phone", PHONE)) == [mine.reference]
    assert found(rights.Identifier("name-postcode", "henk brouwer", "1234ab")) == [mine.reference]
    # The person a case is about (submitted by a carer) is found by their name too.
    assert found(rights.Identifier("name-postcode", "Truus Brouwer", "1234 AB")) == [mine.reference]
    assert found(rights.Identifier("name-postcode", "Henk Brouwer", "9999 ZZ")) == []
    assert found(rights.Identifier("email", "niemand@example.org")) == []
    assert elsewhere.reference not in found(rights.Identifier("email", EMAIL))
    both = rights.person_find(
        user=officer,
        municipality_id=gm9901,
        identifiers=[rights.Identifier("email", EMAIL), rights.Identifier("phone", PHONE)],
    )
    assert [m.by for m in both] == [("e-mailadres", "telefoonnummer")]
    looked = AccessLog.objects.filter(action="bekeken", user=officer).count()
    found(rights.Identifier("email", EMAIL))
    assert AccessLog.objects.filter(action="bekeken", user=officer).count() == looked + 1
    with pytest.raises(services.PermissionRefused):
        rights.person_find(
            user=officer,
            municipality_id=elsewhere.municipality_id,
            identifiers=[rights.Identifier("email", EMAIL)],
        )


def test_the_page_searches_and_the_officer_confirms_the_cases(login: Any) -> None:
    mine = intake()
    other = other_resident()
    request = make_request()
    client = login("privacy")
    url = f"{LIST}/{request.pk}"

    page = client.get(url, {"email": EMAIL}).content.decode()
    assert mine.reference in page
    assert other.reference not in page
    empty = client.get(url, {"email": "", "telefoon": "", "naam": "", "postcode": ""})
    assert "Vul een e-mailadres, een telefoonnummer, een BSN, of een naam met een postcode in." in (
        empty.content.decode()
    )

    refused = client.post(f"{url}/zaken", {})
    assert refused.status_code == 400
    assert "Kies de zaken die van deze inwoner zijn." in refused.content.decode()
    foreign = intake(code="GM9902")
    refused = client.post(f"{url}/zaken", {"zaken": [foreign.reference]})
    assert "Kies alleen zaken van uw gemeente." in refused.content.decode()
    assert DataSubjectRequest.objects.get(pk=request.pk).case_references == []

    done = client.post(f"{url}/zaken", {"zaken": [mine.reference]})
    assert done.status_code == 302
    assert DataSubjectRequest.objects.get(pk=request.pk).case_references == [mine.reference]


# ── The export ──────────────────────────────────────────────────────────────────────────


def confirmed_request(case: Case) -> DataSubjectRequest:
    request = make_request()
    return rights.request_confirm_cases(
        user=user("privacy"), request=request, references=[case.reference]
    )


def test_the_json_export_holds_everything_of_the_person_and_nothing_of_others(
    login: Any,
) -> None:
    case = everything(intake())
    other_resident()
    request = confirmed_request(case)
    client = login("privacy")
    before = AccessLog.objects.filter(action="gedownload").count()

    answer = client.get(f"{LIST}/{request.pk}/inzage.json")
    assert answer.status_code == 200
    assert answer["Content-Disposition"].startswith("attachment;")
    text = answer.content.decode()
    data = json.loads(text)
    for planted in (
        NAME,
        EMAIL,
        PHONE,
        "Kerkstraat 7a, 1234 AB Aadorp",
        "Truus Brouwer",
        DESCRIPTION,
        NOTE,
        JUDGEMENT["reasons"],
        "Meneer Brouwer dreigt met de pers.",
        "Mijn moeder Truus wordt nu op tijd opgehaald.",
        "Meneer Brouwer is te laat teruggebeld.",
        "brief-brouwer.pdf",
        "Hierbij de brief van de vervoerder aan mijn moeder.",
        "Brouwer had eerder gebeld.",
    ):
        assert planted in text, planted
    (exported,) = data["zaken"]
    assert exported["kenmerk"] == case.reference
    assert exported["brieven"], "the acknowledgement letter"
    assert exported["eMails"], "the mails sent to the resident"
    assert exported["termijnen"]
    assert any(event["intern"] for event in exported["tijdlijn"])
    assert data["voorDePrivacyfunctionaris"]
    # Another resident's case is not in it, nor the names of staff (their role instead).
    assert OTHER_NAME not in text
    assert OTHER_EMAIL not in text
    handler = user("behandelaar")
    assert handler.get_full_name() not in text
    assert "Klachtbehandelaar" in text
    assert AccessLog.objects.filter(action="gedownload").count() == before + 1
    record = AccessLog.objects.filter(action="gedownload").latest("at", "pk")
    assert record.subject.startswith(f"Inzage privacyverzoek {request.pk}")
    assert record.user == user("privacy")


def pdftotext(pdf: bytes, tmp_path: Path) -> str:
    source = tmp_path / "inzage.pdf"
    source.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(source), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_the_pdf_is_pdf_a_and_readable(login: Any, tmp_path: Path) -> None:
    case = everything(intake())
    request = confirmed_request(case)
    before = AccessLog.objects.filter(action="gedownload").count()
    answer = login("privacy").get(f"{LIST}/{request.pk}/inzage.pdf")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(answer.content))
    xmp = reader.xmp_metadata
    assert xmp is not None
    identification = xmp.rdf_root.toxml()
    assert 'pdfaid:part="2"' in identification or "<pdfaid:part>2</pdfaid:part>" in identification
    text = " ".join(pdftotext(answer.content, tmp_path).split())
    assert "Uw gegevens bij" in text
    assert NAME in text
    assert case.reference in text
    assert "dagbesteding" in text
    assert "Meneer Brouwer belde boos" in text
    assert AccessLog.objects.filter(action="gedownload").count() == before + 1


def test_no_export_before_the_cases_are_confirmed(login: Any) -> None:
    request = make_request()
    assert login("privacy").get(f"{LIST}/{request.pk}/inzage.json").status_code == 404
    assert not AccessLog.objects.filter(action="gedownload").exists()


# ── Rectification ───────────────────────────────────────────────────────────────────────


def test_a_correction_changes_the_case_with_one_event_and_one_audit_record(login: Any) -> None:
    case = intake()
    request = confirmed_request(case)
    events = Event.objects.filter(case=case).count()
    changes = AccessLog.objects.filter(case=case, action="gewijzigd").count()
    form = {
        "kenmerk": case.reference,
        "naam": "Henk Bruijn",
        "email": "henk.bruijn@example.org",
        "telefoon": PHONE,
        "straat": "Kerkstraat",
        "huisnummer": "7a",
        "postcode": "1234ab",
        "woonplaats": "Aadorp",
    }
    answer = login("privacy").post(f"{LIST}/{request.pk}/corrigeren", form)
    assert answer.status_code == 302
    case.refresh_from_db()
    assert case.submitter_name == "Henk Bruijn"
    assert case.submitter_email == "henk.bruijn@example.org"
    assert case.submitter_postcode == "1234 AB"
    assert Event.objects.filter(case=case).count() == events + 1
    event = Event.objects.filter(case=case).latest("at", "pk")
    assert event.payload["rectified"] == ["name", "email"]
    assert "naam, e-mailadres" in event.payload["text"]
    # That it changed is recorded, never the old value being corrected.
    assert NAME not in json.dumps(event.payload)
    assert EMAIL not in json.dumps(event.payload)
    assert AccessLog.objects.filter(case=case, action="gewijzigd").count() == changes + 1


def test_a_bad_correction_gets_dutch_errors_and_changes_nothing(login: Any) -> None:
    case = intake()
    request = confirmed_request(case)
    events = Event.objects.filter(case=case).count()
    logs = AccessLog.objects.count()
    client = login("privacy")
    base = {
        "kenmerk": case.reference,
        "naam": NAME,
        "email": EMAIL,
        "telefoon": PHONE,
        "straat": "Kerkstraat",
        "huisnummer": "7a",
        "postcode": "1234 AB",
        "woonplaats": "Aadorp",
    }
    for change, message in (
        ({"email": "geen-adres"}, "Vul een geldig e-mailadres in"),
        ({"postcode": "12345"}, "Vul een postcode in zoals 1234 AB."),
        ({"woonplaats": ""}, "Vul de woonplaats in."),
        ({"naam": ""}, "Vul de naam in."),
        ({}, "Er is niets veranderd"),
        ({"kenmerk": "KL-2026-999999"}, "Kies een van de bevestigde zaken."),
    ):
        answer = client.post(f"{LIST}/{request.pk}/corrigeren", {**base, **change})
        assert answer.status_code == 400, change
        assert message in answer.content.decode(), change
    case.refresh_from_db()
    assert case.submitter_email == EMAIL
    assert Event.objects.filter(case=case).count() == events
    assert AccessLog.objects.count() == logs


def test_case_staff_may_correct_a_typo_but_a_provider_may_not(world: None) -> None:
    from regie.accounts.scope import scope_for_user

    case = intake()
    address = services.Address("Kerkstraat", "7a", "1234 AB", "Aadorp")
    with pytest.raises(services.PermissionRefused):
        services.case_rectify_submitter(
            case=case,
            scope=scope_for_user(user("anker")),
            name=NAME,
            email="x@example.org",
            phone="",
            address=address,
        )
    changed = services.case_rectify_submitter(
        case=case,
        scope=scope_for_user(user("coordinator")),
        name=NAME,
        email=EMAIL,
        phone="",
        address=address,
    )
    assert changed == ["telefoonnummer"]


def test_a_corrected_email_address_moves_the_person_key_with_it(world: None) -> None:
    from regie.accounts.scope import scope_for_user
    from regie.cases.person_key import person_key

    case = intake()
    case.refresh_from_db()
    address = services.Address("Kerkstraat", "7a", "1234 AB", "Aadorp")
    services.case_rectify_submitter(
        case=case,
        scope=scope_for_user(user("coordinator")),
        name=NAME,
        email="nieuw.adres@example.org",
        phone="",
        address=address,
    )
    case.refresh_from_db()
    assert case.person_key == person_key(email="nieuw.adres@example.org")


# ── Objection, extension, answering ─────────────────────────────────────────────────────


def test_an_objection_is_recorded_with_its_decision_and_reason(login: Any) -> None:
    case = intake()
    request = make_request(kind="bezwaar")
    client = login("privacy")
    client.post(f"{LIST}/{request.pk}/zaken", {"zaken": [case.reference]})
    url = f"{LIST}/{request.pk}/afhandelen"

    refused = client.post(url, {"antwoord": "Wij stoppen niet."})
    assert refused.status_code == 400
    assert "Kies of het verzoek is toegekend of afgewezen." in refused.content.decode()
    refused = client.post(url, {"besluit": "afgewezen", "antwoord": "  "})
    assert "Schrijf het antwoord of het besluit met de reden op." in refused.content.decode()
    assert DataSubjectRequest.objects.get(pk=request.pk).status == "open"

    reason = "Afgewezen: de gemeente heeft de gegevens nodig om de klacht af te handelen."
    done = client.post(url, {"besluit": "afgewezen", "antwoord": reason})
    assert done.status_code == 302
    stored = DataSubjectRequest.objects.get(pk=request.pk)
    assert (stored.status, stored.decision, stored.answer) == ("afgehandeld", "afgewezen", reason)
    assert stored.handled_by == user("privacy")
    assert stored.case_references == [case.reference]
    page = client.get(f"{LIST}/{request.pk}").content.decode()
    assert reason in page
    again = client.post(url, {"besluit": "toegekend", "antwoord": "Toch wel."})
    assert "Dit verzoek is al afgehandeld." in again.content.decode()


def test_an_extension_needs_a_reason_comes_once_and_only_within_the_month(login: Any) -> None:
    request = make_request()
    client = login("privacy")
    url = f"{LIST}/{request.pk}/verlengen"
    assert "Schrijf op waarom u meer tijd nodig heeft." in client.post(url, {}).content.decode()
    assert client.post(url, {"reden": "Het gaat over veertig zaken."}).status_code == 302
    stored = DataSubjectRequest.objects.get(pk=request.pk)
    assert stored.due_on == rights.due_on(stored.received_on, extended=True)
    assert stored.due_on >= rights.add_months(stored.received_on, 3)
    with pytest.raises(services.CaseError, match="al verlengd"):
        rights.request_extend(user=user("privacy"), request=stored, reason="Nog eens.")

    late = make_request()
    with pytest.raises(services.CaseError, match="binnen de eerste termijn"):
        rights.request_extend(
            user=user("privacy"),
            request=late,
            reason="Te laat bedacht.",
            at=timezone.now() + dt.timedelta(days=40),
        )


def test_the_list_shows_open_requests_first_with_their_traffic_light(login: Any) -> None:
    due_soon = make_request()
    closed = rights.request_close(
        user=user("privacy"), request=make_request(), answer="Gegevens gestuurd."
    )
    late = make_request()
    DataSubjectRequest.objects.filter(pk=late.pk).update(
        received_on=timezone.localdate() - dt.timedelta(days=40),
        due_on=timezone.localdate() - dt.timedelta(days=5),
    )
    page = login("privacy").get(LIST).content.decode()
    assert page.index(f"/verzoeken/{late.pk}") < page.index(f"/verzoeken/{due_soon.pk}")
    assert page.index(f"/verzoeken/{due_soon.pk}") < page.index(f"/verzoeken/{closed.pk}")
    assert "regie-due--overdue" in page
    assert "Afgehandeld" in page


# ── Who may, and bad input ──────────────────────────────────────────────────────────────


def test_everyone_but_the_privacy_officer_and_a_superuser_gets_404(login: Any) -> None:
    case = intake()
    request = confirmed_request(case)
    elsewhere = make_request(code="GM9902", by="beheer")
    pages = [
        LIST,
        NEW,
        f"{LIST}/{request.pk}",
        f"{LIST}/{request.pk}/inzage.json",
        f"{LIST}/{request.pk}/inzage.pdf",
    ]
    for username in ("behandelaar", "coordinator", "wethouder", "raadslid", "anker"):
        client = login(username)
        for url in pages:
            assert client.get(url).status_code == 404, (username, url)
        assert client.post(f"{LIST}/{request.pk}/afhandelen", {"antwoord": "x"}).status_code == 404
    officer = login("privacy")
    for url in pages:
        assert officer.get(url).status_code == 200, url
    # The officer of one municipality does not see another's requests.
    assert officer.get(f"{LIST}/{elsewhere.pk}").status_code == 404
    assert officer.get(f"{LIST}/{request.pk}/onbekend").status_code == 405
    assert officer.post(f"{LIST}/{request.pk}/onbekend").status_code == 404
    assert login("beheer").get(f"{LIST}/{elsewhere.pk}").status_code == 200
    assert DataSubjectRequest.objects.get(pk=request.pk).status == "open"


def test_a_new_request_with_bad_input_gets_dutch_errors_and_writes_nothing(login: Any) -> None:
    client = login("privacy")
    gm9901 = Municipality.objects.get(code="GM9901")
    assert client.get(NEW).status_code == 200
    logs = AccessLog.objects.count()
    empty = client.post(NEW, {})
    assert empty.status_code == 400
    page = empty.content.decode()
    for message in (
        "Kies wat de inwoner vraagt.",
        "Vul de naam van de inwoner in.",
        "Vul in hoe u de inwoner bereikt",
        "Schrijf op hoe u heeft gecontroleerd",
        "Vul de datum van ontvangst in.",
    ):
        assert message in page, message
    good = {
        "gemeente": gm9901.pk,
        "soort": "inzage",
        "naam": NAME,
        "contact": EMAIL,
        "identiteit": "DigiD",
        "ontvangen": timezone.localdate().isoformat(),
    }
    future = client.post(
        NEW, {**good, "ontvangen": (timezone.localdate() + dt.timedelta(days=2)).isoformat()}
    )
    assert "De datum van ontvangst ligt in de toekomst." in future.content.decode()
    other = Municipality.objects.get(code="GM9902")
    foreign = client.post(NEW, {**good, "gemeente": other.pk})
    assert foreign.status_code == 400
    assert "Kies de gemeente." in foreign.content.decode()
    nul = client.post(NEW, {**good, "verzoek": "a\x00b"})
    assert nul.status_code == 400
    assert not DataSubjectRequest.objects.exists()
    assert AccessLog.objects.count() == logs

    done = client.post(NEW, good)
    assert done.status_code == 302
    created = DataSubjectRequest.objects.get()
    assert created.due_on == rights.due_on(timezone.localdate())
    assert created.created_by == user("privacy")
    assert AccessLog.objects.filter(subject=f"Privacyverzoek {created.pk}").count() == 1


def test_it_finds_a_case_by_bsn_and_exports_it_masked(login: Any) -> None:
    from tests.privacy.worlds import staff

    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind="hulpvraag",
        domain="schuldhulp",
        channel="balie",
        description="Ik heb schulden en wil hulp.",
        submitter=services.Person(name=NAME, phone=PHONE, bsn="111222333"),
    )
    case = services.case_intake(scope=staff(), request=request).case
    intake()
    matches = rights.person_find(
        user=user("privacy"),
        municipality_id=case.municipality_id,
        identifiers=[rights.Identifier("bsn", "1112.22.333")],
    )
    assert [(m.case.reference, m.by) for m in matches] == [(case.reference, ("BSN",))]
    assert not rights.person_find(
        user=user("privacy"),
        municipality_id=case.municipality_id,
        identifiers=[rights.Identifier("bsn", "123456789")],  # fails the eleven-test
    )
    client = login("privacy")
    wrong = client.get(f"{LIST}/{make_request().pk}", {"bsn": "12345"})
    assert "Een BSN heeft 9 cijfers (nu 5)." in wrong.content.decode()

    text = client.get(f"{LIST}/{confirmed_request(case).pk}/inzage.json").content.decode()
    assert "*****2333" in text
    assert "111222333" not in text
