"""The private status page /status/<token>: milestones only, never internal details."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import dateformat, timezone

from regie.accounts.scope import scope_for_user
from regie.accounts.selectors import user_by_username
from regie.cases import services
from regie.cases.models import Case, Event, EventType

pytestmark = pytest.mark.usefixtures("world")


@pytest.fixture
def submitted(client: Client, form_data: Any) -> Case:
    client.post("/melden", form_data())
    return Case.objects.get()


def staff(username: str) -> Any:
    user = user_by_username(username)
    assert user is not None
    return user


def test_the_status_page_shows_reference_kind_and_date_in_dutch(
    client: Client, submitted: Case
) -> None:
    response = client.get(f"/status/{submitted.status_token}")

    page = response.content.decode()
    assert response.status_code == 200
    assert submitted.reference in page
    assert "Klacht" in page
    assert "Ontvangen" in page
    months = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december")  # fmt: skip
    assert any(month in page for month in months)
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"]


def test_the_status_page_never_shows_notes_handlers_or_personal_data(
    client: Client, submitted: Case
) -> None:
    handler = staff("behandelaar")
    scope = scope_for_user(handler)
    services.case_assign(case=submitted, scope=scope, handler=handler)
    services.case_add_note(case=submitted, scope=scope, text="Geheime interne afweging XYZ")

    page = client.get(f"/status/{submitted.status_token}").content.decode()

    assert "Geheime interne afweging XYZ" not in page
    assert "Sanne" not in page
    assert "Jansen" not in page
    assert "Anna de Boer" not in page
    assert "anna@example.org" not in page
    assert submitted.description not in page
    assert "In behandeling" in page
    assert "Een medewerker is ermee aan de slag gegaan." in page


def test_an_unknown_status_token_is_a_friendly_404(client: Client) -> None:
    response = client.get("/status/dit-bestaat-niet")

    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_an_unknown_receipt_token_is_a_404(client: Client) -> None:
    assert client.get("/melden/ontvangen/dit-bestaat-niet").status_code == 404


def test_an_overlong_token_is_a_404_not_an_error(client: Client) -> None:
    assert client.get("/status/" + "a" * 500).status_code == 404


def test_contact_and_postponement_show_as_milestones_without_what_was_said(
    client: Client, submitted: Case
) -> None:
    handler = staff("behandelaar")
    scope = scope_for_user(handler)
    services.case_record_contact(
        case=submitted, scope=scope, at=timezone.now(), summary="Besproken: intern verslag QQQ"
    )
    services.case_postpone(
        case=submitted,
        scope=scope,
        notice_sent_on=timezone.localdate(),
        reason="Interne reden RRR",
    )

    page = client.get(f"/status/{submitted.status_token}").content.decode()

    assert "Wij hebben contact met u gehad." in page
    assert "Wij hebben meer tijd nodig om uw klacht te behandelen." in page
    assert "QQQ" not in page
    assert "RRR" not in page


def test_a_concluded_case_shows_the_date_and_outcome_but_never_the_summary(
    client: Client, submitted: Case
) -> None:
    closed = services.case_conclude(
        case=submitted,
        scope=scope_for_user(staff("behandelaar")),
        outcome="opgelost",
        summary="Interne samenvatting SSS: mevrouw gebeld, excuses aangeboden.",
    )

    page = client.get(f"/status/{submitted.status_token}").content.decode()

    day = dateformat.format(timezone.localtime(closed.concluded_at), "j F Y")
    assert f"Afgehandeld op {day}. Uitkomst: Opgelost in overleg." in page
    assert "SSS" not in page
    assert "excuses aangeboden" not in page
    assert "Sanne" not in page
    # Where to go when the resident is not satisfied.
    assert "Niet tevreden?" in page


@pytest.mark.parametrize(
    ("outcome", "words"),
    [
        ("gegrond", "Uitkomst: Klacht gegrond."),
        ("deels-gegrond", "Uitkomst: Klacht deels gegrond."),
        ("ongegrond", "Uitkomst: Klacht ongegrond."),
        ("niet-behandeld", "Uitkomst: Niet in behandeling genomen."),
        ("doorverwezen", "Uitkomst: Doorverwezen."),
    ],
)
def test_every_complaint_outcome_has_words_for_the_resident(
    client: Client, submitted: Case, outcome: str, words: str
) -> None:
    scope = scope_for_user(staff("behandelaar"))
    if outcome == "niet-behandeld":  # Awb 9:8: its own write path, with the ground
        services.case_refuse_complaint(
            case=submitted, scope=scope, ground="al-behandeld", explanation="Intern."
        )
    else:
        services.case_conclude(case=submitted, scope=scope, outcome=outcome, summary="Intern.")

    assert words in client.get(f"/status/{submitted.status_token}").content.decode()


def test_an_acknowledgement_by_letter_shows_as_sent_by_post(
    client: Client, submitted: Case
) -> None:
    services.case_record_acknowledgement(
        case=submitted,
        scope=scope_for_user(staff("kcc")),
        to="Dorpsstraat 12, Aa en Zee",
        sent_at=timezone.now(),
    )

    page = client.get(f"/status/{submitted.status_token}").content.decode()

    assert "Wij hebben u een bevestiging gestuurd per post." in page
    assert "Dorpsstraat" not in page


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        # Older events only say where it went: an @ means e-mail.
        ({"to": "anna@example.org"}, "per e-mail"),
        ({"to": "Dorpsstraat 12"}, "per post"),
        # Newer events say how, and that wins.
        ({"to": "anna@example.org", "by": "email"}, "per e-mail"),
        ({"to": "per post", "by": "post"}, "per post"),
        ({"to": "t.a.v. anna@example.org, Dorpsstraat 12", "by": "post"}, "per post"),
    ],
)
def test_the_status_page_says_how_the_acknowledgement_went(
    client: Client, submitted: Case, payload: dict[str, str], words: str
) -> None:
    Event.objects.create(
        case=submitted,
        type=EventType.ACKNOWLEDGED,
        at=timezone.now(),
        actor_label="Systeem",
        payload=payload,
    )

    page = client.get(f"/status/{submitted.status_token}").content.decode()

    assert f"Wij hebben u een bevestiging gestuurd {words}." in page
    assert "Dorpsstraat" not in page
    assert "anna@example.org" not in page


def test_a_letter_does_not_make_the_receipt_say_the_e_mail_was_sent(
    client: Client, submitted: Case
) -> None:
    services.case_record_acknowledgement(
        case=submitted,
        scope=scope_for_user(staff("kcc")),
        to="Dorpsstraat 12",
        sent_at=timezone.now(),
        by="post",
    )

    receipt = client.get(f"/melden/ontvangen/{submitted.status_token}").content.decode()

    assert "Wij sturen een bevestiging naar het e-mailadres" in receipt
    assert "Wij hebben een bevestiging gestuurd" not in receipt
