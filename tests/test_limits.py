"""Every entry point refuses an over-long text with a field error and writes nothing: the
public form, staff quick capture, the API and the write path itself (for importers, the CLI
and anything still to come). Runs on PostgreSQL and SQLite alike (CI runs both): PostgreSQL
would answer an over-long value with a database error, SQLite would store it silently."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from regie import limits
from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.accounts.selectors import user_by_username
from regie.cases import services
from regie.cases.models import Case, Event
from regie.directory.models import Municipality, Organisation
from tests.pages import field_error

pytestmark = pytest.mark.django_db

SUBJECT = "x" * (limits.SUBJECT + 1)
DESCRIPTION = "x" * (limits.DESCRIPTION + 1)


def nothing_written() -> bool:
    return not Case.objects.exists() and not Event.objects.exists()


def intake(**fields: Any) -> services.IntakeRequest:
    values: dict[str, Any] = {
        "municipality": Municipality.objects.get(code="GM9901"),
        "kind": "klacht",
        "channel": "brief",
        "description": "De taxi kwam niet.",
        "submitter": services.Person(name="Jan Jansen", email="jan@example.nl"),
        **fields,
    }
    return services.IntakeRequest(**values)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"subject": SUBJECT}, "subject", "Gebruik hooguit 200 tekens."),
        ({"description": DESCRIPTION}, "description", "Gebruik hooguit 20.000 tekens."),
        (
            {"submitter": services.Person(name="x" * 201, email="jan@example.nl")},
            "submitter.name",
            "Gebruik hooguit 200 tekens.",
        ),
        (
            {"submitter": services.Person(name="Jan", phone="0" * 41)},
            "submitter.phone",
            "Gebruik hooguit 40 tekens.",
        ),
        (
            {"submitter": services.Person(name="Jan", email="x" * 250 + "@a.nl")},
            "submitter.email",
            "Gebruik hooguit 254 tekens.",
        ),
        ({"on_behalf_of_name": "x" * 201}, "onBehalfOf.name", "Gebruik hooguit 200 tekens."),
        (
            {"on_behalf_of_relation": "x" * 101},
            "onBehalfOf.relation",
            "Gebruik hooguit 100 tekens.",
        ),
        (
            {"description": "nul\x00teken"},
            "description",
            "Deze tekst bevat een onzichtbaar teken (NUL) dat niet kan worden opgeslagen.",
        ),
        (
            {"submitter": services.Person(name="Jan", email="geen-adres")},
            "submitter.email",
            "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.",
        ),
    ],
)
def test_the_write_path_refuses_what_no_column_can_hold(
    world: None, fields: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(services.CaseError) as refused:
        services.case_intake(scope=scope_for_public_web(), request=intake(**fields))

    assert refused.value.errors[field] == message
    assert nothing_written()


@pytest.mark.parametrize("field", ["kind", "channel", "domain", "urgency"])
def test_the_write_path_refuses_an_unknown_code(world: None, field: str) -> None:
    with pytest.raises(services.CaseError) as refused:
        services.case_intake(scope=scope_for_public_web(), request=intake(**{field: "x" * 40}))

    assert field in refused.value.errors
    assert nothing_written()


def test_a_case_cannot_be_about_an_independent_body(world: None) -> None:
    with pytest.raises(services.CaseError) as refused:
        services.case_intake(
            scope=scope_for_public_web(),
            request=intake(about=Organisation.objects.get(slug="nationale-ombudsman")),
        )

    assert "about" in refused.value.errors
    assert nothing_written()


def test_the_longest_allowed_texts_are_stored_whole(world: None) -> None:
    case = services.case_intake(
        scope=scope_for_public_web(),
        request=intake(subject="s" * limits.SUBJECT, description="d" * limits.DESCRIPTION),
    ).case
    case.refresh_from_db()
    assert (len(case.subject), len(case.description)) == (limits.SUBJECT, limits.DESCRIPTION)


def test_staff_text_over_its_limit_is_refused_by_the_write_path(world: None) -> None:
    case = services.case_intake(scope=scope_for_public_web(), request=intake()).case
    staff = scope_for_user(user_by_username("behandelaar"))
    before = case.events.count()

    with pytest.raises(services.CaseError) as refused:
        services.case_add_note(case=case, scope=staff, text="x" * (limits.STAFF_TEXT + 1))

    assert refused.value.errors == {"text": "Gebruik hooguit 10.000 tekens."}
    assert case.events.count() == before


@pytest.mark.parametrize(("field", "value"), [("subject", SUBJECT), ("description", DESCRIPTION)])
def test_the_public_form_refuses_it_next_to_the_field(
    world: None, client: Client, form_data: Any, field: str, value: str
) -> None:
    response = client.post("/melden", form_data(**{field: value}))

    assert response.status_code == 200
    assert "tekens" in field_error(response.content.decode(), field)
    assert nothing_written()


def test_quick_capture_refuses_it_next_to_the_field(login: Any) -> None:
    response = login("kcc").post("/werk/nieuw", {"kind": "signaal", "description": DESCRIPTION})

    assert response.status_code == 200
    assert "20.000 tekens" in field_error(response.content.decode(), "description")
    assert nothing_written()


@pytest.mark.parametrize(("field", "value"), [("subject", SUBJECT), ("description", DESCRIPTION)])
def test_the_api_names_the_field_in_a_problem(api_for: Any, field: str, value: str) -> None:
    body = {
        "municipality": "GM9901",
        "kind": "signaal",
        "channel": "api",
        "description": "De taxi kwam niet.",
        field: value,
    }

    response = api_for("GM9901").post("/api/v1/cases", body, format="json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalidParams"]] == [field]
    assert nothing_written()
