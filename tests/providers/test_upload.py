"""The upload pages of the provider portal: the form, the progress while the tick works, the
row-by-row report, a dry run written afterwards, and nothing of it for anyone else."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from regie.cases.models import Case
from regie.imports import services as imports
from regie.imports.models import ImportBatch
from regie.tick import run_due_work
from tests.imports.files import csv_bytes, row, rows
from tests.pages import field_error

UPLOAD = "/aanbieder/uploaden"


def csv_file(content: bytes, name: str = "klachten.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def post_file(client: Client, content: bytes, mode: str = "opslaan") -> Any:
    return client.post(UPLOAD, {"file": csv_file(content), "mode": mode})


def text(response: Any) -> str:
    """The page as a person reads it: tags gone, white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_a_provider_uploads_a_file_follows_its_progress_and_sees_the_result(
    login: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    anker = login("anker")
    assert 'href="/aanbieder/uploaden"' in anker.get("/aanbieder").content.decode()
    form = anker.get(UPLOAD).content.decode()
    assert 'enctype="multipart/form-data"' in form
    assert "ontvangen_op" in form  # the format is explained on the page

    response = post_file(anker, csv_bytes(rows(4)))
    assert response.status_code == 302
    page_url = response["Location"]
    waiting = anker.get(page_url)
    assert "Het bestand staat klaar" in text(waiting)
    assert 'hx-trigger="every 2s"' in waiting.content.decode()
    assert "Vernieuw deze pagina" in text(waiting)

    # What the page says at each step while the tick works (progress committed every 2 rows).
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 2)
    claimed = imports._claim_next(timezone.now())
    assert claimed is not None
    shown: list[str] = []
    imports.batch_process(
        claimed,
        on_progress=lambda *step: shown.append(text(anker.get(f"{page_url}/voortgang"))),
    )
    assert "2 van 4 rijen gecontroleerd" in shown[0]
    assert "4 van 4 rijen gecontroleerd" in shown[1]
    assert "Opslaan…" in shown[2]

    done = anker.get(f"{page_url}/voortgang")
    assert done.status_code == 204
    assert done["HX-Refresh"] == "true"  # htmx loads the whole page, with the result
    result = anker.get(page_url)
    assert "Klaar: 4 klachten opgeslagen." in text(result)
    assert "hx-trigger" not in result.content.decode()
    assert Case.objects.filter(source_organisation__slug="het-anker").count() == 4


def test_a_file_with_bad_rows_gets_its_report_on_the_page(login: Any) -> None:
    anker = login("anker")
    records = [*rows(3), row(4, email="anna@"), row(5, domein="jeugd")]
    page_url = post_file(anker, csv_bytes(records))["Location"]

    run_due_work()

    page = text(anker.get(page_url))
    assert "Er is niets opgeslagen. In 2 van de 5 rijen staan problemen." in page
    assert "5 email Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl." in page
    assert "6 domein Kies een domein waarin uw organisatie werkt." in page
    assert not Case.objects.exists()


def test_a_file_that_cannot_be_read_is_refused_at_the_field_and_not_stored(login: Any) -> None:
    anker = login("anker")

    latin = post_file(anker, csv_bytes([row(1, naam="Zoë")]).decode().encode("latin-1"))
    missing = anker.post(UPLOAD, {"mode": "opslaan"})

    assert latin.status_code == 200
    assert "niet opgeslagen als UTF-8" in field_error(latin.content.decode(), "file")
    assert field_error(missing.content.decode(), "file") == "Kies een CSV-bestand."
    assert "<title>Fout: " in missing.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_dry_run_is_checked_first_and_written_after_a_click(login: Any) -> None:
    anker = login("anker")
    dry_url = post_file(anker, csv_bytes(rows(2)), mode="controleren")["Location"]
    run_due_work()

    dry = text(anker.get(dry_url))
    assert "Alle 2 rijen zijn in orde. Er is niets opgeslagen: dit was een proefrun." in dry
    assert not Case.objects.exists()

    written = anker.post(f"{dry_url}/opslaan")
    assert written.status_code == 302
    assert written["Location"] != dry_url
    run_due_work()
    assert "Klaar: 2 klachten opgeslagen." in text(anker.get(written["Location"]))
    assert Case.objects.count() == 2

    again = anker.post(f"{dry_url}/opslaan", follow=True)
    assert "Deze proefrun is al opgeslagen." in text(again)
    assert Case.objects.count() == 2


def test_the_example_file_passes_a_dry_run(login: Any) -> None:
    linde = login("linde")  # youth care: the example is in its own domain
    example = linde.get(f"{UPLOAD}/voorbeeld.csv")
    assert example["Content-Disposition"] == 'attachment; filename="voorbeeld-klachten.csv"'

    page_url = post_file(linde, example.content, mode="controleren")["Location"]
    run_due_work()

    assert "De rij is in orde." in text(linde.get(page_url))


def test_another_organisation_and_municipal_staff_find_nothing(login: Any, client: Client) -> None:
    page_url = post_file(login("anker"), csv_bytes(rows(1)), mode="controleren")["Location"]
    run_due_work()

    linde = login("linde")
    assert linde.get(page_url).status_code == 404
    assert linde.get(f"{page_url}/voortgang").status_code == 404
    assert linde.post(f"{page_url}/opslaan").status_code == 404
    assert page_url not in linde.get(UPLOAD).content.decode()
    coordinator = login("coordinator")
    assert coordinator.get(UPLOAD).status_code == 404
    assert coordinator.get(page_url).status_code == 404
    client.logout()
    assert client.get(page_url).status_code == 302  # to the login page
    assert not Case.objects.exists()
