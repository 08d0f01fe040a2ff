"""Staff login through an identity provider (OIDC), as an option (issue 11).

The identity provider is outside the machine; only its HTTP endpoints (token and userinfo)
are stood in for by a small local server, so mozilla-django-oidc, the callback, the matching
by e-mail and the second-factor policy all run for real.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.models import User
from django.test import Client
from django.urls import clear_url_caches

import regie.urls
from regie.accounts.oidc import RegieOIDCBackend
from regie.accounts.second_factor_policy import OIDC_BACKEND

pytestmark = pytest.mark.django_db

CLIENT_ID = "regie-test"
CLIENT_SECRET = "een-geheim-van-de-test-dat-lang-genoeg-is"
SRC = Path(__file__).resolve().parents[2] / "src"


class StubProvider(BaseHTTPRequestHandler):
    """The provider's token and userinfo endpoints, answering for one person."""

    claims: dict[str, Any] = {}
    nonce = ""

    def do_POST(self) -> None:  # the token endpoint
        id_token = jwt.encode(
            {
                "iss": "http://idp.test",
                "sub": "abc-123",
                "aud": CLIENT_ID,
                "iat": int(time.time()),
                "exp": int(time.time()) + 300,
                "nonce": StubProvider.nonce,
            },
            CLIENT_SECRET,
            algorithm="HS256",
        )
        self._json({"id_token": id_token, "access_token": "toegang", "token_type": "Bearer"})

    def do_GET(self) -> None:  # the userinfo endpoint
        self._json({"sub": "abc-123", **StubProvider.claims})

    def _json(self, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def provider() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), StubProvider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def remount_urls() -> None:
    importlib.reload(regie.urls)
    clear_url_caches()


@pytest.fixture
def oidc_on(world: None, settings: Any, provider: str) -> Iterator[None]:
    """What settings.py sets when REGIE_OIDC_CLIENT_ID is in the environment (checked on its
    own in test_the_environment_switches_oidc_on), pointing at the stub provider."""
    settings.REGIE_OIDC_ENABLED = True
    settings.REGIE_OIDC_NAME = "Gemeente Voorbeeld"
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/userinfo"
    settings.OIDC_RP_SCOPES = "openid email"
    settings.OIDC_USE_PKCE = True
    settings.OIDC_CREATE_USER = False
    settings.OIDC_CALLBACK_CLASS = "regie.web.oidc_login.OIDCCallback"
    settings.LOGIN_REDIRECT_URL_FAILURE = "/inloggen?oidc=mislukt"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, OIDC_BACKEND]
    remount_urls()
    try:
        yield
    finally:
        settings.REGIE_OIDC_ENABLED = False
        remount_urls()


def start_at_provider(client: Client) -> str:
    """Click "Inloggen via …"; return the state the provider would send back."""
    response = client.get("/oidc/authenticate/")
    assert response.status_code == 302
    query = parse_qs(urlparse(response["Location"]).query)
    assert query["client_id"] == [CLIENT_ID]
    StubProvider.nonce = query["nonce"][0]
    return query["state"][0]


def settings_in_a_new_process(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = (
        "import regie.settings as s; "
        "print(s.AUTHENTICATION_BACKENDS[-1]); print(s.OIDC_CREATE_USER); "
        "print(s.OIDC_OP_TOKEN_ENDPOINT)"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("REGIE_OIDC_")}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "PYTHONPATH": str(SRC), "SECRET_KEY": "x" * 50, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_environment_switches_oidc_on() -> None:
    env = {
        "REGIE_OIDC_CLIENT_ID": CLIENT_ID,
        "REGIE_OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "REGIE_OIDC_AUTHORIZATION_ENDPOINT": "https://idp.example/authorize",
        "REGIE_OIDC_TOKEN_ENDPOINT": "https://idp.example/token",
        "REGIE_OIDC_USERINFO_ENDPOINT": "https://idp.example/userinfo",
        "REGIE_OIDC_JWKS_ENDPOINT": "https://idp.example/jwks",
    }

    on = settings_in_a_new_process(env)

    assert on.returncode == 0, on.stderr
    assert on.stdout.split() == [OIDC_BACKEND, "False", "https://idp.example/token"]

    del env["REGIE_OIDC_JWKS_ENDPOINT"]  # RS256 (the default) needs the provider's keys
    incomplete = settings_in_a_new_process(env)
    assert incomplete.returncode != 0
    assert "REGIE_OIDC_JWKS_ENDPOINT is required" in incomplete.stderr


def test_without_the_environment_there_is_no_oidc(world: None, client: Client) -> None:
    from django.conf import settings

    assert OIDC_BACKEND not in settings.AUTHENTICATION_BACKENDS
    assert "Inloggen via" not in client.get("/inloggen").content.decode()
    assert client.get("/oidc/authenticate/").status_code == 404


def test_the_login_page_offers_the_identity_provider(oidc_on: None, client: Client) -> None:
    page = client.get("/inloggen").content.decode()

    assert 'href="/oidc/authenticate/">Inloggen via Gemeente Voorbeeld</a>' in page


def test_a_callback_with_a_bad_state_is_a_clear_failure(oidc_on: None, client: Client) -> None:
    no_login_started = client.get("/oidc/callback/?code=abc&state=verzonnen")
    assert no_login_started.status_code == 302
    assert no_login_started["Location"] == "/inloggen?oidc=mislukt"

    start_at_provider(client)
    wrong_state = client.get("/oidc/callback/?code=abc&state=verzonnen")
    assert wrong_state.status_code == 302
    assert wrong_state["Location"] == "/inloggen?oidc=mislukt"

    page = client.get(wrong_state["Location"]).content.decode()
    assert "Inloggen via Gemeente Voorbeeld is niet gelukt" in page
    assert client.get("/werk").status_code == 302


def test_a_known_address_logs_in_and_counts_as_multi_factor(
    oidc_on: None, client: Client, settings: Any
) -> None:
    settings.REGIE_REQUIRE_SECOND_FACTOR = True
    StubProvider.claims = {"email": "Behandelaar@regie.example", "email_verified": True}
    state = start_at_provider(client)

    response = client.get(f"/oidc/callback/?code=abc&state={state}")

    assert response.status_code == 302
    assert response["Location"] == "/werk"
    assert client.session[BACKEND_SESSION_KEY] == OIDC_BACKEND
    assert client.session["_auth_user_id"] == str(User.objects.get(username="behandelaar").pk)
    # The provider did the multi-factor part: no code asked, no app to set up.
    assert client.get("/werk").status_code == 200


def test_an_unknown_address_is_refused_and_nobody_is_created(oidc_on: None, client: Client) -> None:
    StubProvider.claims = {"email": "nieuw@regie.example", "email_verified": True}
    users = User.objects.count()
    state = start_at_provider(client)

    response = client.get(f"/oidc/callback/?code=abc&state={state}")

    assert response["Location"] == "/inloggen?oidc=mislukt"
    assert User.objects.count() == users
    assert client.get("/werk").status_code == 302


def test_matching_by_address_is_strict(oidc_on: None) -> None:
    backend = RegieOIDCBackend()
    found = backend.filter_users_by_claims
    assert [u.username for u in found({"email": "behandelaar@regie.example"})] == ["behandelaar"]
    assert not found({"email": "behandelaar@regie.example", "email_verified": False})
    assert not found({"email": ""})
    User.objects.create(username="tweede", email="behandelaar@regie.example")
    assert not found({"email": "behandelaar@regie.example"})  # two accounts: neither
