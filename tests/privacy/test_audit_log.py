"""The audit log (issue 11): opening a case page writes exactly one record, every change one,
every export and download exactly one; the privacy officer searches it and exports what she
found; behind a trusted proxy it shows the client's address, not the proxy's."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from regie.accounts.scope import scope_for_user
from regie.cases import services
from regie.cases.models import Case, EventType
from regie.cases.services.resident import Upload
from regie.cli import main
from regie.directory.models import Municipality
from regie.documents import services as letters
from regie.privacy.models import AccessLog
from regie.reporting import runs
from regie.vocabulary import LetterKind
from tests.documents.support import concluded, letter_complaint, staff

pytestmark = pytest.mark.django_db

URL = "/privacy/logboek"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
VIEWED = AccessLog.Action.VIEWED
CHANGED = AccessLog.Action.CHANGED
DOWNLOADED = AccessLog.Action.DOWNLOADED


def records(**where: Any) -> list[AccessLog]:
    return list(AccessLog.objects.filter(**where).order_by("pk"))


def downloads() -> list[AccessLog]:
    return records(action=DOWNLOADED)


# --- reading and changing a case ---------------------------------------------------------


def test_opening_a_case_page_writes_exactly_one_record(login: Any, new_case: Any) -> None:
    case = new_case()
    client = login("behandelaar")
    client.get(f"/werk/zaken/{case.reference}")
    assert len(records(case=case, action=VIEWED)) == 1
    # A failed action form shows the page again: that is one more showing, one more record.
    refused = client.post(f"/werk/zaken/{case.reference}/notitie", {"text": " "})
    assert refused.status_code == 200
    assert len(records(case=case, action=VIEWED)) == 2
    assert not records(case=case, action=CHANGED, purpose__contains="notitie")


def test_a_note_on_the_case_page_writes_one_changed_record(login: Any, new_case: Any) -> None:
    case = new_case()
    before = len(records(action=CHANGED))
    response = login("behandelaar").post(
        f"/werk/zaken/{case.reference}/notitie", {"text": "Teruggebeld."}
    )
    assert response.status_code == 302
    [record] = records(action=CHANGED)[before:]
    event = case.events.get(type=EventType.NOTE_ADDED)
    assert record.case == case
    assert record.case_reference == case.reference
    assert record.municipality_id == case.municipality_id
    assert record.user == User.objects.get(username="behandelaar")
    assert record.actor_label == "Sanne Jansen"
    assert record.at == event.at
    assert record.purpose == "Wijziging: Interne notitie"
    assert record.ip_address == "127.0.0.1"


def test_a_new_case_is_one_changed_record_whoever_registers_it(
    client: Client, new_case: Any, api_for: Any
) -> None:
    # Through the services (the demo, an import, the command line): the system, no address.
    case = new_case()
    [record] = records(case=case)
    assert (record.action, record.purpose, record.actor_label) == (
        CHANGED,
        "Zaak geregistreerd",
        "Systeem",
    )
    assert record.ip_address is None
    # A partner system: the client, from its address.
    body = {
        "municipality": "GM9901",
        "kind": "signaal",
        "channel": "api",
        "description": "De lift in de flat is al weken kapot.",
    }
    response = api_for("GM9901").post("/api/v1/cases", body, format="json")
    assert response.status_code == 201, response.content
    [record] = records(case__reference=response.json()["reference"])
    assert record.api_client is not None
    assert record.actor_label.startswith("Koppeling ")
    assert record.ip_address == "127.0.0.1"


def test_a_case_from_the_public_form_is_registered_by_the_resident(
    world: None, client: Client, form_data: Any
) -> None:
    response = client.post("/melden", form_data(), REMOTE_ADDR="198.51.100.23")
    assert response.status_code == 302
    [record] = records(action=CHANGED)
    assert record.case == Case.objects.get()
    assert (record.actor_label, record.user, record.api_client) == ("Inwoner (website)", None, None)
    assert record.ip_address == "198.51.100.23"


def test_changes_made_from_the_command_line_or_tick_have_no_address(new_case: Any) -> None:
    case = new_case()
    services.case_add_note(case=case, scope=staff(), text="Teruggebeld.")
    [record] = records(case=case, purpose="Wijziging: Interne notitie")
    assert record.ip_address is None
    assert record.user is not None


# --- exports and downloads: exactly one record each ---------------------------------------


def test_the_ombudsman_dossier_is_one_downloaded_record_per_file(login: Any) -> None:
    case = letter_complaint()
    client = login("behandelaar")
    for fmt in ("pdf", "json"):
        before = len(downloads())
        assert client.get(f"/werk/zaken/{case.reference}/ombudsdossier.{fmt}").status_code == 200
        [record] = downloads()[before:]
        assert record.case == case
        assert record.subject == f"Ombudsdossier {case.reference}"
    assert not records(case=case, action=VIEWED)


def test_a_letter_is_one_downloaded_record_for_staff_and_for_the_resident(login: Any) -> None:
    case = concluded(letter_complaint())
    letter = letters.letter_send(case=case, scope=staff(), kind=LetterKind.CONCLUSIE)
    assert login("behandelaar").get(f"/werk/brieven/{letter.pk}.pdf").status_code == 200
    [record] = downloads()
    assert (record.case, record.user) == (case, User.objects.get(username="behandelaar"))

    resident = Client()
    assert resident.get(f"/status/{case.status_token}/brieven/{letter.pk}.pdf").status_code == 200
    [_, record] = downloads()
    assert record.case == case
    assert record.actor_label == "De indiener (via de statuspagina)"
    # The token is the key to the case: it never goes into the log.
    assert case.status_token not in record.purpose + record.subject


def test_an_attachment_is_one_downloaded_record(login: Any, new_case: Any) -> None:
    case = new_case(
        submitter=services.Person(name="Anna de Boer", email="anna@example.org"),
    )
    services.case_add_information(
        case=case, text="De brief van de taxi.", attachment=Upload(name="taxi.pdf", content=PDF)
    )
    attachment = case.attachments.get()
    assert login("behandelaar").get(f"/werk/bijlagen/{attachment.pk}").status_code == 200
    [record] = downloads()
    assert record.case == case
    assert record.subject == f"Bijlage {attachment.pk}"  # never the resident's file name


def test_report_downloads_and_runs_are_one_record_each(login: Any) -> None:
    client = login("wethouder")
    gm9901 = Municipality.objects.get(code="GM9901")
    assert client.get("/bestuur/GM9901/verslag/annual-2025.csv").status_code == 200
    [record] = downloads()
    assert (record.subject, record.municipality) == ("klachtenjaarverslag-GM9901-2025.csv", gm9901)

    run = runs.report_run_request(
        user=User.objects.get(username="wethouder"),
        municipality=gm9901,
        kind="annual",
        period="2025",
        fmt="csv",
    )
    claimed = runs.report_run_claim_next()
    assert claimed is not None
    runs.report_run_make(claimed)
    assert client.get(f"/bestuur/GM9901/verslagen/{run.pk}/download").status_code == 200
    assert len(downloads()) == 2

    assert client.get("/bestuur/GM9901/casuistiek-2025.pdf").status_code == 200
    [*_, record] = downloads()
    assert len(downloads()) == 3
    assert record.subject == "casuistiek-GM9901-2025.pdf"


def test_open_data_writes_no_record(client: Client, world: None) -> None:
    # Counts of completed years for anyone, no person in them: nothing to account for.
    client.get("/open-data")
    assert not downloads()


def test_the_command_line_report_is_one_record_without_an_address(
    world: None, tmp_path: Path
) -> None:
    output = tmp_path / "jaar.csv"
    argv = ["report", "annual", "--municipality", "GM9901", "--period", "2025"]
    assert main([*argv, "--format", "csv", "--output", str(output)]) == 0
    [record] = downloads()
    assert record.actor_label.startswith("Opdrachtregel (")
    assert record.ip_address is None
    assert record.purpose == "regie report"


def test_the_api_list_is_one_record_per_export_naming_the_count(
    api_for: Any, new_case: Any
) -> None:
    for _ in range(3):
        new_case()
    response = api_for("GM9901").get("/api/v1/cases?queue=bij-ons")
    assert response.status_code == 200, response.content
    [record] = records(action=AccessLog.Action.EXPORTED)
    assert record.case is None
    assert f"van {response.json()['count']} zaken" in record.subject
    assert record.api_client is not None


# --- the privacy officer's page -----------------------------------------------------------


def _note(case: Case, username: str, text: str) -> None:
    services.case_add_note(
        case=case, scope=scope_for_user(User.objects.get(username=username)), text=text
    )


def test_only_the_privacy_officer_and_a_superuser_open_the_log(login: Any) -> None:
    for username in ("behandelaar", "coordinator", "wethouder", "hooglanden", "anker"):
        assert login(username).get(URL).status_code == 404
        assert login(username).get(f"{URL}?formaat=csv").status_code == 404
    assert login("beheer").get(URL).status_code == 200
    assert login("privacy").get(URL).status_code == 200


def test_the_officer_finds_records_by_filter_and_sees_only_her_municipality(
    login: Any, new_case: Any
) -> None:
    mine = new_case(municipality="GM9901")
    theirs = new_case(municipality="GM9902")
    login("behandelaar").get(f"/werk/zaken/{mine.reference}")
    login("hooglanden").get(f"/werk/zaken/{theirs.reference}")
    client = login("privacy")

    page = client.get(URL).content.decode()
    assert mine.reference in page
    assert theirs.reference not in page

    found = client.get(URL, {"kenmerk": mine.reference.lower(), "actie": "bekeken"})
    text = found.content.decode()
    assert "1 regel" in text
    assert "Sanne Jansen" in text
    assert "(behandelaar)" in text
    assert (
        client.get(URL, {"kenmerk": theirs.reference}).content.decode().count(theirs.reference) == 1
    )  # only in the filter field, never a row
    by_person = client.get(URL, {"persoon": "behandelaar", "actie": "bekeken"}).content.decode()
    assert "1 regel" in by_person
    by_address = client.get(URL, {"adres": "127.0.0.1", "actie": "bekeken"}).content.decode()
    assert "1 regel" in by_address
    nobody = client.get(URL, {"adres": "192.0.2.1"}).content.decode()
    assert "geen regels" in nobody

    # Bad values are ignored, never an error page.
    for bad in ({"van": "gisteren"}, {"actie": "wissen"}, {"adres": "geen"}, {"pagina": "x"}):
        assert client.get(URL, bad).status_code == 200
    # A superuser sees both.
    page = login("beheer").get(URL).content.decode()
    assert mine.reference in page
    assert theirs.reference in page


def test_outside_own_work_and_dates_filter(login: Any, new_case: Any) -> None:
    case = new_case()
    AccessLog.objects.create(
        case=case,
        case_reference=case.reference,
        municipality_id=case.municipality_id,
        action=VIEWED,
        actor_label="Kim de Vries",
        purpose="/werk/zaken",
        outside_own_work=True,
        reason="Inwoner belt over de stand van zaken.",
    )
    client = login("privacy")
    outside = client.get(URL, {"buiten": "on"}).content.decode()
    assert "1 regel" in outside
    assert "Inwoner belt over de stand van zaken." in outside
    assert "Buiten eigen werk" in outside
    assert "geen regels" in client.get(URL, {"tot": "2000-01-01"}).content.decode()
    assert "geen regels" not in client.get(URL, {"van": "2000-01-01"}).content.decode()


def test_the_csv_export_holds_the_same_rows_and_is_itself_one_record(
    login: Any, new_case: Any
) -> None:
    case = new_case()
    _note(case, "behandelaar", "Teruggebeld.")
    _note(case, "behandelaar", "Nog een keer gebeld.")
    client = login("privacy")
    query = {"kenmerk": case.reference, "actie": "gewijzigd"}
    page = client.get(URL, query).content.decode()
    assert "3 regels" in page  # the registration and two notes

    response = client.get(URL, {**query, "formaat": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="logboek-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["wanneer", "wie", "gebruikersnaam"]
    assert [row[4] for row in rows[1:]] == [case.reference] * 3
    assert [row[9] for row in rows[1:]] == [
        "Wijziging: Interne notitie",
        "Wijziging: Interne notitie",
        "Zaak geregistreerd",
    ]
    [record] = downloads()
    assert record.user == User.objects.get(username="privacy")
    assert record.subject.startswith("Logboek: 3 regels (kenmerk ")
    assert record.municipality == case.municipality
    # The export is in the log, and visible to the officer, but never in its own file.
    assert "Logboek: 3 regels" in client.get(URL).content.decode()


def test_a_formula_in_a_reason_stays_text_in_the_export(login: Any, new_case: Any) -> None:
    case = new_case()
    AccessLog.objects.create(
        case=case,
        case_reference=case.reference,
        municipality_id=case.municipality_id,
        action=VIEWED,
        actor_label="=cmd|' /C calc'!A0",
        purpose="/werk/zaken",
        reason="@SUM(1+1)",
    )
    body = login("privacy").get(URL, {"formaat": "csv", "actie": "bekeken"}).content
    [_, row] = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert row[1] == "'=cmd|' /C calc'!A0"
    assert row[11] == "'@SUM(1+1)"


# --- from where: behind a trusted proxy ------------------------------------------------------


def test_behind_a_trusted_proxy_the_log_has_the_forwarded_address(
    login: Any, new_case: Any, settings: Any
) -> None:
    settings.REGIE_TRUSTED_PROXIES = ["10.0.0.0/8"]
    case = new_case()
    client = login("behandelaar")
    client.get(
        f"/werk/zaken/{case.reference}",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.66, 203.0.113.7, 10.0.0.3",
    )
    [record] = records(case=case, action=VIEWED)
    assert record.ip_address == "203.0.113.7"

    # An untrusted peer's header counts for nothing: its own address is logged.
    client.get(
        f"/werk/zaken/{case.reference}",
        REMOTE_ADDR="192.0.2.44",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    [_, record] = records(case=case, action=VIEWED)
    assert record.ip_address == "192.0.2.44"


def test_a_forwarded_hop_that_is_no_address_falls_back_to_the_peer(
    login: Any, new_case: Any, settings: Any
) -> None:
    settings.REGIE_TRUSTED_PROXIES = ["10.0.0.0/8"]
    case = new_case()
    response = login("behandelaar").get(
        f"/werk/zaken/{case.reference}", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="unknown"
    )
    assert response.status_code == 200
    [record] = records(case=case, action=VIEWED)
    assert record.ip_address == "10.0.0.2"
