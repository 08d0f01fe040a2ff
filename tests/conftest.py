"""Shared test fixtures: the demo world, a real SMTP server on loopback, API clients, staff
logins, cases from the public form and a valid public form submission."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.test import Client
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # The demo world has a dozen users; real PBKDF2 would cost seconds per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _generous_abuse_limits(settings: Any) -> None:
    # Many tests post the form, open status pages, call the API or fail a login more often
    # than a person would, all from 127.0.0.1, and send two acknowledgements to one address.
    # Production values are in settings.py; tests/security/ sets them where it tests them.
    settings.REGIE_RATE_FORM = "10000/m"
    settings.REGIE_RATE_STATUS = "10000/m"
    settings.REGIE_RATE_API = "100000/m"
    settings.REGIE_RATE_API_TOKEN = "100000/m"
    settings.REGIE_ACK_WINDOW_MINUTES = 0
    settings.REGIE_LOGIN_FAILURES_PER_ADDRESS = 10000
    settings.REGIE_LOGIN_FAILURES_PER_ACCOUNT = 10000
    settings.REGIE_LOGIN_FAILURES_TOTAL = 10000


@pytest.fixture(scope="session", autouse=True)
def _triage_seed_model() -> None:
    # The intake never waits for triage's seed model (the rules answer until a process has
    # it); tests load it first, so what an intake suggests does not depend on timing.
    from regie.triage.seed import seed_model

    seed_model()


@pytest.fixture
def world(db: None) -> None:
    from regie.demo.world import build_world

    build_world()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Mailbox:
    """What a real SMTP server on 127.0.0.1 received."""

    messages: list[Message] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.messages.append(message_from_bytes(envelope.original_content))
        return "250 OK"

    def to(self, address: str) -> list[Message]:
        with self.lock:
            return [m for m in self.messages if address in (m["To"] or "")]


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[Mailbox]:
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    try:
        yield mailbox
    finally:
        controller.stop()


@pytest.fixture
def no_smtp_server(settings: Any) -> int:
    """Mail settings that point at a port where nothing listens: every send fails."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 2
    return port


def token_for(organisation: str) -> str:
    from regie.accounts.tokens import api_client_create

    return api_client_create(organisation=organisation)[1]


@pytest.fixture
def api_for(world: None) -> Any:
    """api_for("GM9901") → an APIClient authenticated as that organisation."""

    def make(organisation: str) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token_for(organisation)}")
        return client

    return make


@pytest.fixture
def login(world: None, client: Client) -> Any:
    """login("behandelaar") → the test client, logged in as that demo user."""
    from regie.accounts.selectors import user_by_username

    def as_user(username: str) -> Client:
        user = user_by_username(username)
        assert user is not None
        client.force_login(user)
        return client

    return as_user


@pytest.fixture
def new_case(world: None) -> Any:
    """new_case(municipality="GM9901", about="het-anker", ...) → a case from the public form."""
    from regie.accounts.scope import scope_for_public_web
    from regie.cases import services
    from regie.directory.models import Municipality, Organisation

    def make(
        municipality: str = "GM9901",
        about: str = "",
        kind: str = "signaal",
        description: str = "De lift in de flat is al weken kapot.",
        **fields: Any,
    ) -> Any:
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


@pytest.fixture
def form_data() -> Any:
    """A valid public form submission; override fields per test."""

    def make(**overrides: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": "klacht",
            "municipality": "GM9901",
            "domain": "wmo",
            "subject": "Taxi te laat",
            "description": "De taxi naar de dagbesteding kwam drie keer te laat.",
            "about": "",
            "name": "Anna de Boer",
            "email": "anna@example.org",
            "phone": "",
        }
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}

    return make
