from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from regie.accounts.scope import scope_for_public_web
from regie.cases import services
from regie.cases.models import Case
from regie.directory.models import Municipality, Organisation


@pytest.fixture
def login(world: None, client: Client) -> Any:
    """login("behandelaar") → the test client, logged in as that demo user."""

    def as_user(username: str) -> Client:
        user = services.staff_user(username)
        assert user is not None
        client.force_login(user)
        return client

    return as_user


@pytest.fixture
def new_case(world: None) -> Any:
    """new_case(municipality="GM9901", about="het-anker", ...) → a case from the public form."""

    def make(
        municipality: str = "GM9901",
        about: str = "",
        kind: str = "signaal",
        description: str = "De lift in de flat is al weken kapot.",
        **fields: Any,
    ) -> Case:
        request = services.IntakeRequest(
            municipality=Municipality.objects.get(code=municipality),
            kind=kind,
            channel="web",
            description=description,
            about=Organisation.objects.get(slug=about) if about else None,
            **fields,
        )
        return services.case_intake(scope=scope_for_public_web(), request=request).case

    return make
