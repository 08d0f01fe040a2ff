"""The provider portal: a forwarded case is accepted, worked on and closed by the provider
through the same write path, the municipality sees it all, and the provider sees what it needs
and nothing of the municipality's internal work."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from regie.accounts.scope import scope_for_user
from regie.cases import services
from regie.cases.models import Case, EventType
from regie.directory.models import Organisation
from tests.pages import field_error


def staff(name: str = "coordinator") -> services.Scope:
    return scope_for_user(User.objects.get(username=name))


@pytest.fixture
def forwarded(new_case: Any) -> Case:
    case: Case = new_case(
        kind="hulpvraag",
        domain="wmo",
        description="Mijn huishoudelijke hulp komt steeds niet.",
        submitter=services.Person(name="Jan Jansen", phone="0612345678"),
    )
    services.case_add_note(case=case, scope=staff(), text="Intern: dossier ook bij jeugd.")
    return services.case_hand_over(
        case=case,
        scope=staff(),
        organisation=Organisation.objects.get(slug="het-anker"),
        reason="Huishoudelijke hulp doet Het Anker; bel de inwoner deze week.",
    )


def test_the_provider_accepts_works_on_and_closes_a_forwarded_case(
    login: Any, forwarded: Case, client: Any
) -> None:
    anker = login("anker")
    listed = anker.get("/aanbieder?wachtrij=nieuw").content.decode()
    assert forwarded.reference in listed

    url = f"/aanbieder/zaken/{forwarded.reference}"
    assert anker.post(f"{url}/accepteren").status_code == 302
    moment = timezone.localtime()  # the case came in just now
    contact = {
        "contact_date": f"{moment:%Y-%m-%d}",
        "contact_time": f"{moment:%H:%M}",
        "summary": "Gebeld, vaste hulp komt dinsdag.",
    }
    assert anker.post(f"{url}/contact", contact).status_code == 302
    assert anker.post(f"{url}/voortgang", {"update": "Planning aangepast."}).status_code == 302
    closing = {"outcome": "afgerond", "conclusion": "De hulp komt weer elke week."}
    assert anker.post(f"{url}/afhandelen", closing).status_code == 302

    forwarded.refresh_from_db()
    assert forwarded.status == "afgehandeld"
    assert forwarded.outcome == "afgerond"
    page = login("coordinator").get(f"/werk/zaken/{forwarded.reference}").content.decode()
    assert "Geaccepteerd door Thuiszorg Het Anker" in page
    assert "Planning aangepast." in page
    assert "Afgerond" in page


def test_the_provider_sees_the_question_and_contact_but_no_internal_notes(
    login: Any, forwarded: Case
) -> None:
    page = login("anker").get(f"/aanbieder/zaken/{forwarded.reference}").content.decode()

    assert "Mijn huishoudelijke hulp komt steeds niet." in page
    assert "0612345678" in page  # the municipality shared it to get the problem solved
    assert "bel de inwoner deze week" in page  # the agreed step
    assert "Intern: dossier ook bij jeugd." not in page
    assert "Mohammed El Amrani" not in page  # municipal staff are "de gemeente"


def test_a_complaint_only_about_the_provider_shows_no_contact_details(
    login: Any, new_case: Any
) -> None:
    case: Case = new_case(
        kind="klacht",
        about="het-anker",
        submitter=services.Person(name="Els de Wit", email="els@example.org"),
    )

    page = login("anker").get(f"/aanbieder/zaken/{case.reference}").content.decode()

    assert case.description in page
    assert "els@example.org" not in page
    assert "De gemeente heeft de contactgegevens" in page


def test_another_provider_and_municipal_staff_find_nothing_here(
    login: Any, forwarded: Case
) -> None:
    assert login("linde").get(f"/aanbieder/zaken/{forwarded.reference}").status_code == 404
    assert (
        login("linde").post(f"/aanbieder/zaken/{forwarded.reference}/accepteren").status_code == 404
    )
    assert login("coordinator").get("/aanbieder").status_code == 404
    assert not forwarded.events.filter(type=EventType.ACCEPTED).exists()


def test_a_provider_gives_a_case_back_with_a_reason(login: Any, forwarded: Case) -> None:
    anker = login("anker")
    url = f"/aanbieder/zaken/{forwarded.reference}/teruggeven"

    empty = anker.post(url, {"give_back_reason": " "})
    assert field_error(empty.content.decode(), "give_back_reason") == "Schrijf op waarom."

    assert anker.post(url, {"give_back_reason": "Dit is begeleiding."}).status_code == 302
    forwarded.refresh_from_db()
    assert forwarded.handling_organisation is None
    assert forwarded.handovers == 2
    assert login("anker").get(f"/aanbieder/zaken/{forwarded.reference}").status_code == 404


def test_progress_before_acceptance_is_refused_with_a_message(login: Any, forwarded: Case) -> None:
    response = login("anker").post(
        f"/aanbieder/zaken/{forwarded.reference}/voortgang", {"update": "Gebeld."}
    )
    assert response.status_code == 200
    assert "Accepteer de zaak eerst." in response.content.decode()
    assert not forwarded.events.filter(type=EventType.PROGRESS).exists()


def test_a_provider_registers_a_complaint_about_itself(login: Any) -> None:
    anker = login("anker")
    form = anker.get("/aanbieder/klacht").content.decode()
    assert "Klacht over Thuiszorg Het Anker vastleggen" in form

    response = anker.post(
        "/aanbieder/klacht",
        {
            "municipality": "GM9902",
            "domain": "wmo",
            "received_on": f"{timezone.localdate():%Y-%m-%d}",
            "subject": "Hulp te laat",
            "description": "De hulp kwam twee uur te laat en belde niet af.",
            "name": "Piet Bos",
            "phone": "0687654321",
        },
    )

    assert response.status_code == 302
    case = Case.objects.get(subject="Hulp te laat")
    assert case.about is not None
    assert case.about.slug == "het-anker"
    assert case.handling_organisation == case.about
    assert case.channel == "aanbieder"
    assert case.deadlines.filter(regime="klachtenregeling-het-anker").exists()


def test_the_own_complaint_form_answers_bad_input_in_dutch(login: Any) -> None:
    response = login("anker").post("/aanbieder/klacht", {"municipality": "GM9901"})

    page = response.content.decode()
    assert field_error(page, "description") == "Beschrijf de klacht."
    assert field_error(page, "domain") == "Kies het domein."
    assert not Case.objects.exists()


def test_the_portal_offers_no_awb_refusal_but_a_providers_own_complaint_keeps_it(
    login: Any, new_case: Any
) -> None:
    # Not handling a complaint under the Awb (9:8) needs its ground and four weeks: the
    # portal's plain outcome list does not offer it; under the provider's own scheme it may.
    awb: Case = new_case(
        kind="klacht",
        description="De gemeente belde niet terug.",
        submitter=services.Person(name="Jan Jansen", phone="0612345678"),
    )
    own: Case = new_case(
        kind="klacht",
        about="het-anker",
        description="De hulp van Het Anker kwam niet.",
        submitter=services.Person(name="Jan Jansen", phone="0612345678"),
    )
    anker = login("anker")
    for case in (awb, own):
        if case.handling_organisation_id is None:
            services.case_hand_over(
                case=case,
                scope=staff(),
                organisation=Organisation.objects.get(slug="het-anker"),
                reason="Voor Het Anker.",
            )
        assert anker.post(f"/aanbieder/zaken/{case.reference}/accepteren").status_code == 302

    awb_page = anker.get(f"/aanbieder/zaken/{awb.reference}").content.decode()
    own_page = anker.get(f"/aanbieder/zaken/{own.reference}").content.decode()
    assert 'value="niet-behandeld"' not in awb_page
    assert 'value="niet-behandeld"' in own_page
    refused = anker.post(
        f"/aanbieder/zaken/{awb.reference}/afhandelen",
        {"outcome": "niet-behandeld", "conclusion": "Niet."},
    )
    assert refused.status_code == 200  # the page again, with the form error
    assert "Kies een uitkomst die bij deze zaak past." in refused.content.decode()
    awb.refresh_from_db()
    assert awb.outcome == ""
