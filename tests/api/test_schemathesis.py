"""Schemathesis against the committed OpenAPI document: whatever a client sends that the
document allows (and much that it does not), the API answers without a server error, with a
status, a content type and a body the document promises (issue 11).

Two real tokens call: a municipality's (it registers and reads cases; the case-work endpoints
are a provider's, so it gets their documented 404) and a provider's, with a case handed over to
it that it can accept, update, move and conclude. The app runs in-process through its WSGI
handler, in the test's own database transaction; the run is bounded (a fixed number of examples
per operation, on top of schemathesis' own coverage cases) and derandomised, so CI sends the same
requests every time."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from regie.api.documents import OPENAPI_PATH
from tests.conftest import token_for

# About 35 s of CPU (two callers, twelve operations each); more than a minute on a busy machine.
pytestmark = [pytest.mark.django_db, pytest.mark.slow]

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_path(OPENAPI_PATH)
# The document names the production server; in-process the API lives under /api/v1.
schema.config.update(base_url="http://localhost/api/v1")

BOUNDED = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    """Django closes a connection after each WSGI request; inside a test's transaction that
    would throw the test's data away. Django's own test client unhooks the same signal."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@dataclass
class Caller:
    """Who calls (a real API token) and a real case that caller may work on."""

    token: str
    reference: str
    app: WSGIHandler
    calls: Iterator[int] = field(default_factory=itertools.count)

    def send(self, case: schemathesis.Case) -> Any:
        # Every other request names the real case, so the fuzzer reaches past the 404 into the
        # services; the others keep the generated reference, whose 404 must be documented too.
        # The order of a derandomised run is fixed, so this alternation is too.
        names_a_case = bool(case.path_parameters and "reference" in case.path_parameters)
        if names_a_case and next(self.calls) % 2 == 0:
            case.path_parameters["reference"] = self.reference
        return case.call_and_validate(
            headers={"Authorization": f"Token {self.token}"}, checks=CHECKS, app=self.app
        )


@pytest.fixture
def municipality(world: None, wsgi_app: WSGIHandler, new_case: Any) -> Caller:
    case = new_case(municipality="GM9901", kind="klacht", domain="wmo")
    return Caller(token=token_for("GM9901"), reference=case.reference, app=wsgi_app)


@pytest.fixture
def provider(world: None, wsgi_app: WSGIHandler, new_case: Any) -> Caller:
    """Het Anker, with a help request the municipality handed over to it."""
    from django.contrib.auth.models import User

    from regie.accounts.scope import scope_for_user
    from regie.cases import services
    from regie.directory.models import Organisation

    case = services.case_hand_over(
        case=new_case(
            kind="hulpvraag",
            domain="wmo",
            submitter=services.Person(name="Jan Jansen", phone="0612345678"),
        ),
        scope=scope_for_user(User.objects.get(username="coordinator")),
        organisation=Organisation.objects.get(slug="het-anker"),
        reason="Voor Het Anker.",
    )
    return Caller(token=token_for("het-anker"), reference=case.reference, app=wsgi_app)


@schema.parametrize()
@BOUNDED
def test_api_as_municipality(case: schemathesis.Case, municipality: Caller) -> None:
    municipality.send(case)


@schema.parametrize()
@BOUNDED
def test_api_as_provider(case: schemathesis.Case, provider: Caller) -> None:
    provider.send(case)
