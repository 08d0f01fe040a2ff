"""The BSN on staff pages (issue 11): captured by staff, masked on the case page, shown in
full only after "Toon BSN" (a POST that writes an audit record); never on the public form,
never in the provider portal."""

from __future__ import annotations

from typing import Any

from django.test import Client

from regie.cases import bsn
from regie.cases.models import Case
from regie.directory.models import Organisation
from regie.privacy.models import AccessLog

BSN = "123456782"


def captured(client: Client, **fields: str) -> Case:
    data = {
        "kind": "klacht",
        "description": "Mijn bijstand is zonder bericht gestopt.",
        "name": "Jan de Vries",
        "phone": "0612345678",
        "bsn": "1234 56 782",
        **fields,
    }
    response = client.post("/werk/nieuw", data)
    assert response.status_code == 302, response.content.decode()
    return Case.objects.get(reference=response["Location"].rsplit("/", 1)[1])


def test_staff_capture_stores_the_bsn_encrypted(login: Any) -> None:
    case = captured(login("kcc"))

    assert bsn.case_bsn(case) == BSN
    assert BSN not in case.submitter_bsn_encrypted
    assert case.person_key
    assert case.submitter_bsn_hash


def test_a_bad_bsn_in_capture_is_a_form_error_at_the_field(login: Any) -> None:
    response = login("kcc").post(
        "/werk/nieuw", {"kind": "klacht", "description": "Iets.", "bsn": "123456789"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Dit is geen geldig BSN" in page
    assert 'href="#id_bsn"' in page  # the error summary links to the field
    assert not Case.objects.exists()


def test_the_case_page_masks_the_bsn_until_it_is_shown_and_logged(login: Any) -> None:
    client = login("kcc")
    case = captured(client)
    url = f"/werk/zaken/{case.reference}"

    page = client.get(url).content.decode()
    assert "*****6782" in page
    assert BSN not in page
    assert "Toon BSN" in page
    assert not AccessLog.objects.filter(reason="BSN getoond").exists()

    shown = client.post(f"{url}/bsn")

    assert shown.status_code == 200
    assert BSN in shown.content.decode()
    assert "no-store" in shown["Cache-Control"]
    record = AccessLog.objects.get(reason="BSN getoond")
    assert record.case == case
    assert record.actor_label == "Kim de Vries"
    assert record.purpose == f"{url}/bsn"
    # One showing, one record: not one for the button and another for the page.
    assert AccessLog.objects.filter(case=case, purpose=f"{url}/bsn").count() == 1
    # Shown once: the next visit is masked again.
    assert BSN not in client.get(url).content.decode()


def test_showing_is_a_post_and_only_for_a_case_with_a_bsn(login: Any) -> None:
    client = login("kcc")
    with_bsn = captured(client)

    assert client.get(f"/werk/zaken/{with_bsn.reference}/bsn").status_code == 405
    without = captured(client, bsn="", name="Els de Wit")  # a second case, no BSN
    assert "Toon BSN" not in client.get(f"/werk/zaken/{without.reference}").content.decode()
    assert client.post(f"/werk/zaken/{without.reference}/bsn").status_code == 404


def test_someone_outside_the_case_cannot_show_it(login: Any) -> None:
    case = captured(login("kcc"))

    response = login("hooglanden").post(f"/werk/zaken/{case.reference}/bsn")

    assert response.status_code == 404
    assert not AccessLog.objects.filter(reason="BSN getoond").exists()


def test_the_provider_portal_never_shows_the_bsn(login: Any) -> None:
    # A case about the provider and with it: the provider still gets no BSN, masked or not.
    case = captured(login("kcc"), domain="wmo")
    Case.objects.filter(pk=case.pk).update(
        about=Organisation.objects.get(slug="het-anker"),
        handling_organisation=Organisation.objects.get(slug="het-anker"),
    )
    anker = login("anker")

    page = anker.get(f"/aanbieder/zaken/{case.reference}")
    assert page.status_code == 200
    assert "6782" not in page.content.decode()
    assert "BSN" not in page.content.decode()
    assert anker.post(f"/werk/zaken/{case.reference}/bsn").status_code == 404


def test_the_public_form_asks_for_no_bsn(client: Client, world: None) -> None:
    page = client.get("/melden").content.decode()

    assert 'name="bsn"' not in page
