"""`manage.py check --deploy` is clean with the production settings of docs/deployment.md
("HTTPS, proxy and security settings"), and those variables do what the page says.

Settings are read once per process, so each case runs Django in a fresh subprocess with
exactly the environment a deployment would set.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

SRC = Path(__file__).resolve().parents[2] / "src"

# The production environment as docs/deployment.md describes it.
PRODUCTION = {
    "DEBUG": "0",
    "ALLOWED_HOSTS": "regie.gemeente.example",
    "CSRF_TRUSTED_ORIGINS": "https://regie.gemeente.example",
    "REGIE_BASE_URL": "https://regie.gemeente.example",
    "REGIE_HTTPS": "1",
    "REGIE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
    # Production refuses to start without its own BSN key and person-key secret.
    "REGIE_BSN_KEYS": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    "REGIE_PERSON_KEY_SECRET": "test-person-key-secret",
}


def run_django(tmp_path: Path, args: list[str], **extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        # Only what a server has: no DATABASE_URL or other settings of this test run.
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(SRC),
        "DJANGO_SETTINGS_MODULE": "regie.settings",
        "REGIE_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": secrets.token_urlsafe(64),
        **PRODUCTION,
        **extra,
    }
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_check_deploy_has_no_warnings_with_production_settings(tmp_path: Path) -> None:
    result = run_django(tmp_path, ["-m", "django", "check", "--deploy", "--fail-level", "DEBUG"])

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
    assert "WARNING" not in result.stderr


@pytest.mark.slow
def test_hsts_preload_is_its_own_choice(tmp_path: Path) -> None:
    result = run_django(
        tmp_path,
        ["-m", "django", "check", "--deploy", "--fail-level", "DEBUG"],
        REGIE_HSTS_PRELOAD="1",
    )

    assert result.returncode == 0, result.stdout + result.stderr


PROBE = """
from django.conf import settings
import django
django.setup()
from django.http import HttpResponse
from django.middleware.security import SecurityMiddleware
from django.test import RequestFactory

def answer(request):
    return HttpResponse("ok")

middleware = SecurityMiddleware(answer)
factory = RequestFactory(HTTP_HOST="regie.gemeente.example")
plain = middleware(factory.get("/werk"))
proxied = factory.get("/werk", HTTP_X_FORWARDED_PROTO="https")
secure = middleware(proxied)
print(plain.status_code, plain.get("Location"))
print(secure.status_code, secure.get("Strict-Transport-Security"))
print(proxied.build_absolute_uri("/status/abc"))
print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SECURE_HSTS_PRELOAD)
"""


@pytest.mark.slow
def test_production_settings_redirect_to_https_and_trust_the_proxy(tmp_path: Path) -> None:
    result = run_django(tmp_path, ["-c", PROBE])

    assert result.returncode == 0, result.stderr
    redirect, hsts, link, cookies = result.stdout.splitlines()
    assert redirect == "301 https://regie.gemeente.example/werk"
    assert hsts == "200 max-age=31536000; includeSubDomains"
    assert link == "https://regie.gemeente.example/status/abc"
    assert cookies == "True True False"


@pytest.mark.slow
def test_https_without_an_https_base_url_stops_at_start_up(tmp_path: Path) -> None:
    # E-mailed status links would otherwise carry the resident's key over plain http.
    result = run_django(tmp_path, ["-c", PROBE], REGIE_BASE_URL="http://regie.gemeente.example")

    assert result.returncode != 0
    assert "REGIE_BASE_URL" in result.stderr


def test_the_demo_and_tests_stay_on_plain_http() -> None:
    assert not settings.SECURE_SSL_REDIRECT
    assert settings.SECURE_HSTS_SECONDS == 0
    assert settings.SECURE_PROXY_SSL_HEADER is None
    assert not settings.USE_X_FORWARDED_HOST
