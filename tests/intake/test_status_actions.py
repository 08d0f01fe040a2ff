"""What the submitter does on the status page: add information (a text and a safe file),
withdraw, answer the follow-up; and what the page never shows."""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from regie import limits
from regie.accounts.models import Membership
from regie.accounts.scope import scope_for_user
from regie.cases import services
from regie.cases.models import Attachment, Case, Event, EventType
from regie.directory.models import Team
from regie.vocabulary import Role

pytestmark = pytest.mark.usefixtures("world")

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def submitted(client: Client, form_data: Any) -> Case:
    client.post("/melden", form_data())
    return Case.objects.get()


def status_of(client: Client, case: Case) -> str:
    response = client.get(f"/status/{case.status_token}")
    assert response.status_code == 200
    return response.content.decode()


def add(client: Client, case: Case, text: str = "", file: Any = None) -> Any:
    data: dict[str, Any] = {"text": text}
    if file is not None:
        data["attachment"] = file
    return client.post(f"/status/{case.status_token}/aanvullen", data)


def staff(username: str = "behandelaar") -> services.Scope:
    return scope_for_user(User.objects.get(username=username))


def nothing_stored(case: Case) -> None:
    assert not Attachment.objects.filter(case=case).exists()
    assert not Event.objects.filter(case=case, type=EventType.INFORMATION_ADDED).exists()


# --- adding information -----------------------------------------------------------------


def test_the_resident_adds_a_text_and_a_pdf_which_staff_download(
    client: Client, submitted: Case, login: Any
) -> None:
    response = add(
        client,
        submitted,
        "De taxi kwam vandaag weer te laat.",
        SimpleUploadedFile("C:\\Users\\anna\\Documents\\brief van de taxi.PDF", PDF),
    )

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Wij hebben uw informatie ontvangen" in page
    assert "U heeft informatie toegevoegd en een bestand meegestuurd." in page
    attachment = Attachment.objects.get(case=submitted)
    assert attachment.name == "brief van de taxi.pdf"  # no folder, the real extension
    assert attachment.content_type == "application/pdf"
    assert attachment.by_resident
    (event,) = Event.objects.filter(case=submitted, type=EventType.INFORMATION_ADDED)
    assert event.payload["text"] == "De taxi kwam vandaag weer te laat."
    assert event.actor_label == "De indiener (via de statuspagina)"

    staff_client = login("behandelaar")
    case_page = staff_client.get(f"/werk/zaken/{submitted.reference}").content.decode()
    assert "De taxi kwam vandaag weer te laat." in case_page
    assert f"/werk/bijlagen/{attachment.pk}" in case_page
    download = staff_client.get(f"/werk/bijlagen/{attachment.pk}")
    assert download.status_code == 200
    assert download.content == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_staff_outside_the_scope_and_providers_get_404_for_the_file(
    client: Client, submitted: Case, login: Any
) -> None:
    add(client, submitted, "Een foto.", SimpleUploadedFile("foto.png", PNG))
    attachment = Attachment.objects.get(case=submitted)
    assert attachment.content_type == "image/png"

    for username in ("hooglanden", "anker"):
        assert login(username).get(f"/werk/bijlagen/{attachment.pk}").status_code == 404
    client.logout()
    assert client.get(f"/werk/bijlagen/{attachment.pk}").status_code == 302  # to login


def test_plain_text_is_taken_and_gets_a_txt_name(client: Client, submitted: Case) -> None:
    add(
        client,
        submitted,
        "Mijn aantekeningen.",
        SimpleUploadedFile("notities", b"Dag 1: te laat\n"),
    )
    attachment = Attachment.objects.get(case=submitted)
    assert (attachment.name, attachment.content_type) == ("notities.txt", "text/plain")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("factuur.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64),
        ("foto.jpg", b"PK\x03\x04" + b"\x00" * 64),  # a zip file in disguise
        ("brief.txt", b"\x00\x01\x02binary"),
        ("plaatje.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
    ],
)
def test_a_forbidden_type_is_refused_and_nothing_is_stored(
    client: Client, submitted: Case, name: str, content: bytes
) -> None:
    response = add(client, submitted, "Zie bijlage.", SimpleUploadedFile(name, content))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Dit soort bestand kunnen wij niet aannemen" in page
    assert "Zie bijlage." in page  # the text stays in the form, so nothing is lost
    nothing_stored(submitted)


def test_a_file_over_the_limit_is_refused_and_nothing_is_stored(
    client: Client, submitted: Case
) -> None:
    big = PDF + b"0" * (limits.ATTACHMENT_BYTES - len(PDF) + 1)
    response = add(client, submitted, "Grote scan.", SimpleUploadedFile("scan.pdf", big))

    assert response.status_code == 200
    assert "Het bestand is groter dan 10 MB" in response.content.decode()
    nothing_stored(submitted)


def test_the_service_itself_refuses_a_large_or_wrong_file(submitted: Case) -> None:
    for content, message in (
        (b"0" * (limits.ATTACHMENT_BYTES + 1), "groter"),
        (b"MZ\x90", "soort"),
    ):
        with pytest.raises(services.CaseError) as refused:
            services.case_add_information(
                case=submitted, text="Zie bijlage.", attachment=services.Upload("x.pdf", content)
            )
        assert message in refused.value.errors["attachment"]
    nothing_stored(submitted)


def test_text_is_needed_and_its_length_is_checked(client: Client, submitted: Case) -> None:
    empty = add(client, submitted, "   ").content.decode()
    assert "Schrijf wat u wilt toevoegen." in empty
    long = add(client, submitted, "x" * (limits.RESIDENT_TEXT + 1)).content.decode()
    assert "Gebruik hooguit 10.000 tekens." in long
    nothing_stored(submitted)


def test_the_form_needs_its_csrf_token(submitted: Case) -> None:
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        f"/status/{submitted.status_token}/aanvullen",
        {"text": "Hallo", "attachment": SimpleUploadedFile("a.pdf", PDF)},
    )
    assert response.status_code == 403
    nothing_stored(submitted)


def test_a_closed_case_says_kindly_where_to_go_instead(client: Client, submitted: Case) -> None:
    services.case_conclude(case=submitted, scope=staff(), outcome="opgelost", summary="Klaar.")

    page = status_of(client, submitted)
    assert "Uw klacht is afgehandeld. Hier kunt u daarom niets meer toevoegen." in page
    assert "noem uw kenmerk" in page
    assert 'action="/status/' + submitted.status_token + '/aanvullen"' not in page

    response = add(client, submitted, "Toch nog iets.")
    assert "Hier kunt u daarom niets meer toevoegen" in response.content.decode()
    nothing_stored(submitted)


def test_an_unknown_token_is_404(client: Client) -> None:
    assert client.post("/status/onbekend/aanvullen", {"text": "x"}).status_code == 404
    assert client.get("/status/onbekend/intrekken").status_code == 404
    assert client.post("/status/onbekend/nazorg", {"solved": "ja"}).status_code == 404


# --- withdrawing ------------------------------------------------------------------------


def test_withdrawing_asks_first_then_takes_one_step(client: Client, submitted: Case) -> None:
    page = status_of(client, submitted)
    assert f"/status/{submitted.status_token}/intrekken" in page

    confirm = client.get(f"/status/{submitted.status_token}/intrekken").content.decode()
    assert "Wilt u uw klacht intrekken?" in confirm
    assert "Ja, trek mijn klacht in" in confirm
    submitted.refresh_from_db()
    assert submitted.status == "ontvangen"  # looking changes nothing

    before = Event.objects.filter(case=submitted).count()
    response = client.post(
        f"/status/{submitted.status_token}/intrekken", {"reason": "Het is al opgelost."}
    )

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "ingetrokken"
    assert submitted.concluded_at is not None
    assert Event.objects.filter(case=submitted).count() == before + 1
    event = Event.objects.filter(case=submitted).last()
    assert event is not None
    assert event.payload == {
        "from": "ontvangen",
        "to": "ingetrokken",
        "reason": "Het is al opgelost.",
        "by": "indiener",
    }
    after = status_of(client, submitted)
    assert "Uw klacht is ingetrokken." in after
    assert "/intrekken" not in after

    again = client.post(f"/status/{submitted.status_token}/intrekken", {"reason": ""})
    assert again.status_code == 200
    assert "Intrekken is daarom niet meer nodig" in again.content.decode()
    assert Event.objects.filter(case=submitted).count() == before + 1


def test_a_signal_cannot_be_withdrawn(client: Client, new_case: Any) -> None:
    case = new_case(kind="signaal")
    assert "/intrekken" not in status_of(client, case)
    with pytest.raises(services.CaseError):
        services.case_withdraw(case=case)


# --- the follow-up question ------------------------------------------------------------


def follow_up_due(case: Case) -> None:
    services.case_assign(case=case, scope=staff(), handler=User.objects.get(username="behandelaar"))
    services.case_conclude(case=case, scope=staff(), outcome="opgelost", summary="Geregeld.")
    services.case_plan_follow_up(case=case, scope=staff(), due=timezone.localdate())


def test_the_status_page_asks_how_it_is_going_and_not_solved_reopens(
    client: Client, submitted: Case
) -> None:
    follow_up_due(submitted)
    page = status_of(client, submitted)
    assert "Hoe gaat het nu?" in page
    assert "Is het probleem nu opgelost?" in page

    invalid = client.post(f"/status/{submitted.status_token}/nazorg", {"score": "9"})
    assert "Kies ja of nee." in invalid.content.decode()
    assert not Event.objects.filter(case=submitted, type=EventType.FOLLOW_UP_ANSWERED).exists()

    response = client.post(
        f"/status/{submitted.status_token}/nazorg",
        {"solved": "nee", "score": "2", "comment": "Nog steeds te laat."},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "in-behandeling"
    after = status_of(client, submitted)
    assert "Wij pakken uw klacht weer op" in after
    assert "nog niet is opgelost. Uw klacht is weer geopend." in after
    assert "Is het probleem nu opgelost?" not in after


def test_a_follow_up_before_its_day_is_announced_not_asked(client: Client, submitted: Case) -> None:
    services.case_conclude(case=submitted, scope=staff(), outcome="opgelost", summary="Klaar.")
    due = timezone.localdate() + dt.timedelta(days=10)
    services.case_plan_follow_up(case=submitted, scope=staff(), due=due)
    page = status_of(client, submitted)
    assert "Is het probleem nu opgelost?" not in page
    assert "vragen wij u hoe het nu gaat" in page


# --- what the page never shows -----------------------------------------------------------


SECRETS = (
    "GEHEIMNOTITIE",
    "GEHEIMCONTACT",
    "GEHEIMVERDAGING",
    "GEHEIMSTAPREDEN",
    "GEHEIMVERSLAG",
    "GEHEIMPLEK",
    "GEHEIMESCALATIE",
    "GEHEIMSAMENVATTING",
    "GEHEIMCHECKIN",
)
NAMES = ("Zebulon", "Quixotework", "Xerxes", "Vandermolen")


def person(username: str, first: str, last: str) -> User:
    user = User.objects.create_user(username=username, first_name=first, last_name=last)
    team = Team.objects.get(municipality__code="GM9901", slug="klachten")
    Membership.objects.create(user=user, role=Role.BEHANDELAAR, team=team)
    return user


def test_the_status_page_never_shows_staff_text_or_staff_names(
    client: Client, form_data: Any
) -> None:
    handler = person("zq", "Zebulon", "Quixotework")
    employee = person("xv", "Xerxes", "Vandermolen")
    coordinator = staff("coordinator")
    me = scope_for_user(handler)

    # A formal complaint: every step staff can record, each with a text no resident may read.
    client.post("/melden", form_data(subject="Eerste"))
    formal = Case.objects.get(subject="Eerste")
    services.case_name_employee(case=formal, scope=coordinator, employee=employee)
    services.case_assign(case=formal, scope=coordinator, handler=handler)
    services.case_add_note(case=formal, scope=me, text="GEHEIMNOTITIE over de indiener")
    services.case_record_contact(case=formal, scope=me, at=timezone.now(), summary="GEHEIMCONTACT")
    services.case_postpone(
        case=formal, scope=me, notice_sent_on=timezone.localdate(), reason="GEHEIMVERDAGING"
    )
    services.case_escalate(case=formal, scope=me, level="teamleider", reason="GEHEIMESCALATIE")
    services.case_move(case=formal, scope=me, to="formeel", reason="GEHEIMSTAPREDEN")
    services.case_offer_hearing(
        case=formal, scope=me, planned_at=timezone.now() + dt.timedelta(days=3), place="GEHEIMPLEK"
    )
    services.case_record_hearing(
        case=formal, scope=me, held_on=timezone.localdate(), report="GEHEIMVERSLAG"
    )
    add(client, formal, "Mijn eigen aanvulling.", SimpleUploadedFile("a.pdf", PDF))

    # An informal one: solved, follow-up, not solved, solved again, checked in.
    client.post("/melden", form_data(subject="Tweede"))
    informal = Case.objects.get(subject="Tweede")
    services.case_assign(case=informal, scope=coordinator, handler=handler)
    services.case_move(case=informal, scope=me, to="in-gesprek")
    services.case_conclude(
        case=informal, scope=me, outcome="opgelost", summary="GEHEIMSAMENVATTING"
    )
    services.case_plan_follow_up(case=informal, scope=me, due=timezone.localdate())
    services.case_answer_follow_up(case=informal, solved=False, score=1, comment="Niet goed.")
    services.case_conclude(
        case=informal, scope=me, outcome="opgelost", summary="GEHEIMSAMENVATTING"
    )
    services.case_plan_follow_up(case=informal, scope=me, due=timezone.localdate())
    services.case_record_check_in(case=informal, scope=me, solved=True, summary="GEHEIMCHECKIN")

    types = set(Event.objects.filter(case__in=[formal, informal]).values_list("type", flat=True))
    assert {
        EventType.ASSIGNED,
        EventType.NOTE_ADDED,
        EventType.EMPLOYEE_NAMED,
        EventType.CONTACT,
        EventType.POSTPONED,
        EventType.STATUS_CHANGED,
        EventType.HEARING_OFFERED,
        EventType.HEARING_HELD,
        EventType.ESCALATED,
        EventType.INFORMATION_ADDED,
        EventType.CONCLUDED,
        EventType.FOLLOW_UP_PLANNED,
        EventType.FOLLOW_UP_ANSWERED,
    } <= types

    for case in (formal, informal):
        page = status_of(client, case)
        text = re.sub(r"\s+", " ", page)
        for secret in (*SECRETS, *NAMES, "Sanne", "Jansen", "El Amrani"):
            assert secret not in text, (case.subject, secret)
        withdraw = client.get(f"/status/{case.status_token}/intrekken").content.decode()
        for secret in (*SECRETS, *NAMES):
            assert secret not in withdraw


def test_a_pdf_reads_as_a_pdf_whatever_the_browser_said() -> None:
    from regie.cases.services.resident import attachment_type, safe_name

    assert attachment_type(PDF) == "application/pdf"
    assert attachment_type(io.BytesIO(PNG).read()) == "image/png"
    assert attachment_type("Gewoon tekst, met é en ë.\n".encode()) == "text/plain"
    assert attachment_type(b"") == ""
    assert safe_name("../../etc/passwd", "txt") == "passwd.txt"
    assert safe_name("", "pdf") == "bijlage.pdf"
    assert safe_name("foto.JPEG", "jpg") == "foto.jpeg"
    assert safe_name("virus.exe", "pdf") == "virus.pdf"
    assert len(safe_name("a" * 500 + ".pdf", "pdf")) == limits.ATTACHMENT_NAME
