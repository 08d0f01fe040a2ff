"""Awb 9:7: a complaint about an employee's conduct is not handled by that employee. Once
named, the employee is not offered for the case and the write path refuses them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User

from regie.accounts.scope import scope_for_user
from regie.cases import services
from regie.cases.assignees import assignable_handlers
from regie.cases.models import Case, Event, EventType

pytestmark = pytest.mark.django_db

ANNA = services.Person(name="Anna de Boer", email="anna@example.org")


def staff(username: str = "behandelaar") -> services.Scope:
    return scope_for_user(User.objects.get(username=username))


def kim() -> User:
    return User.objects.get(username="kcc")


@pytest.fixture
def complaint(new_case: Any) -> Case:
    case: Case = new_case(
        kind="klacht",
        submitter=ANNA,
        description="De medewerker aan de balie was onbeleefd en luisterde niet.",
    )
    return case


def test_the_employee_a_complaint_is_about_cannot_be_assigned_it(complaint: Case) -> None:
    assert kim() in assignable_handlers(complaint)

    named = services.case_name_employee(case=complaint, scope=staff(), employee=kim())

    assert named.employee_concerned == kim()
    event = complaint.events.get(type=EventType.EMPLOYEE_NAMED)
    assert event.payload == {"employee": kim().pk, "employeeName": "Kim de Vries"}
    assert kim() not in assignable_handlers(named)
    events = Event.objects.filter(case=complaint).count()
    with pytest.raises(services.CaseError) as refused:
        services.case_assign(case=named, scope=staff("coordinator"), handler=kim())
    assert refused.value.errors == {
        "handler": "Kim de Vries kan deze klacht niet behandelen: de klacht gaat over deze "
        "persoon (Awb 9:7). Kies iemand die er niet bij betrokken was."
    }
    assert Event.objects.filter(case=complaint).count() == events
    assert Case.objects.get(pk=complaint.pk).handler_id is None


def test_the_handler_cannot_be_named_before_a_colleague_takes_over(complaint: Case) -> None:
    services.case_assign(case=complaint, scope=staff("coordinator"), handler=kim())

    with pytest.raises(services.CaseError) as refused:
        services.case_name_employee(case=complaint, scope=staff(), employee=kim())

    assert "Wijs de klacht eerst toe aan een collega" in refused.value.errors["employee"]
    assert Case.objects.get(pk=complaint.pk).employee_concerned_id is None


def test_only_a_complaint_names_an_employee_and_only_of_its_municipality(
    new_case: Any, complaint: Case
) -> None:
    signal = new_case(kind="signaal")
    with pytest.raises(services.CaseError) as not_a_complaint:
        services.case_name_employee(case=signal, scope=staff(), employee=kim())
    assert not_a_complaint.value.errors == {
        "status": "Alleen een klacht kan over een medewerker gaan."
    }
    elsewhere = User.objects.get(username="hooglanden")
    with pytest.raises(services.CaseError) as foreign:
        services.case_name_employee(case=complaint, scope=staff(), employee=elsewhere)
    assert foreign.value.errors == {"employee": "Kies een medewerker van deze gemeente."}
    for outsider in ("raadslid", "anker"):
        assert User.objects.get(username=outsider) not in services.employees_of(complaint)


def test_a_provider_may_not_name_an_employee(complaint: Case) -> None:
    with pytest.raises(services.PermissionRefused):
        services.case_name_employee(case=complaint, scope=staff("anker"), employee=kim())


def test_on_the_case_page_the_named_employee_leaves_the_assign_list(
    login: Any, complaint: Case
) -> None:
    client = login("behandelaar")
    page = client.get(f"/werk/zaken/{complaint.reference}").content.decode()
    assert 'id="medewerker"' in page

    response = client.post(
        f"/werk/zaken/{complaint.reference}/medewerker", {"employee": str(kim().pk)}
    )

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Vastgelegd: de klacht gaat over Kim de Vries." in page
    assert "Klacht gaat over Kim de Vries" in page  # the timeline
    handler_select = re.search(r'<select name="handler".*?</select>', page, re.S)
    assert handler_select is not None
    assert "Kim de Vries" not in handler_select.group(0)

    # A crafted post is refused with the reason, not an error page.
    crafted = client.post(
        f"/werk/zaken/{complaint.reference}/toewijzen", {"handler": str(kim().pk)}
    )
    assert crafted.status_code == 200
    assert Case.objects.get(pk=complaint.pk).handler_id is None
