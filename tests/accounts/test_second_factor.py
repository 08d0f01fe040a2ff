"""The second factor of local accounts (issue 11, BIO2): an authenticator app set up with a
QR code, the code after the password, recovery codes, and the policy that requires it."""

from __future__ import annotations

import base64
import re
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from regie.accounts.second_factor import (
    PENDING_SECONDS,
    recovery_codes_renew,
    second_factor_remove,
)
from regie.demo.world import DEMO_PASSWORD
from regie.web.second_factor import WAIT, WRONG_CODE

pytestmark = pytest.mark.django_db


def code_of(device: TOTPDevice, *, later: int = 0) -> str:
    """The code the phone shows now (or `later` steps of 30 seconds from now)."""
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + later)
    return f"{value:0{device.digits}d}"


def wrong_code_for(device: TOTPDevice) -> str:
    # Not the code of this step nor of the one before or after (the tolerance).
    near = {code_of(device, later=d) for d in (-1, 0, 1)}
    return next(c for c in ("123456", "654321", "111111", "999999") if c not in near)


def user(username: str = "behandelaar") -> User:
    return User.objects.get(username=username)


def app_for(username: str = "behandelaar") -> TOTPDevice:
    return TOTPDevice.objects.create(user=user(username), name="app", confirmed=True)


def password_step(client: Client, username: str = "behandelaar") -> Any:
    return client.post("/inloggen", {"username": username, "password": DEMO_PASSWORD})


def test_enrolment_draws_the_qr_code_as_inline_svg_and_gives_the_key_as_text(
    login: Any,
) -> None:
    client = login("behandelaar")

    response = client.get("/account/tweede-stap")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<svg role="img" aria-label="QR-code om de app in te stellen"' in page
    # The CSP allows no inline style or script; the SVG needs neither.
    assert "style=" not in page
    assert "<script>" not in page
    device = TOTPDevice.objects.get(user=user(), confirmed=False)
    typed_key = base64.b32encode(device.bin_key).decode().rstrip("=")
    shown = re.search(r'<code class="regie-copy-box">([A-Z2-7 ]+)</code>', page)
    assert shown is not None
    assert shown.group(1).replace(" ", "") == typed_key
    # A reload shows the same key: a code scanned a minute ago stays valid.
    client.get("/account/tweede-stap")
    assert TOTPDevice.objects.filter(user=user()).count() == 1


def test_enrolment_with_a_real_code_turns_it_on_and_shows_recovery_codes_once(
    login: Any, settings: Any
) -> None:
    settings.REGIE_REQUIRE_SECOND_FACTOR = True
    client = login("behandelaar")
    client.get("/account/tweede-stap")
    device = TOTPDevice.objects.get(user=user())

    response = client.post("/account/tweede-stap", {"code": code_of(device)})

    assert response.status_code == 302
    assert response["Location"] == "/account/tweede-stap/herstelcodes"
    device.refresh_from_db()
    assert device.confirmed
    first = client.get("/account/tweede-stap/herstelcodes").content.decode()
    codes = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", first)
    assert len(codes) == 10
    assert StaticToken.objects.filter(device__user=user()).count() == 10
    again = client.get("/account/tweede-stap/herstelcodes").content.decode()
    assert not re.findall(r"<code>[a-z2-9]{5}-[a-z2-9]{5}</code>", again)
    # This session passed the code: with the policy on, the work is open.
    assert client.get("/werk").status_code == 200


def test_enrolment_with_a_wrong_code_is_a_dutch_form_error(login: Any) -> None:
    client = login("behandelaar")
    client.get("/account/tweede-stap")
    device = TOTPDevice.objects.get(user=user())

    response = client.post("/account/tweede-stap", {"code": wrong_code_for(device)})

    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticToken.objects.filter(device__user=user()).exists()


def test_with_an_app_the_password_alone_logs_nobody_in(world: None, client: Client) -> None:
    app_for("behandelaar")

    response = password_step(client)

    assert response.status_code == 302
    assert response["Location"] == "/inloggen/code"
    assert client.get("/werk").status_code == 302  # not logged in yet
    assert "Vul uw code in" in client.get("/inloggen/code").content.decode()


def test_password_then_code_logs_in(world: None, client: Client) -> None:
    device = app_for("behandelaar")
    password_step(client)

    response = client.post("/inloggen/code", {"code": code_of(device)})

    assert response.status_code == 302
    assert response["Location"] == "/werk"
    assert client.get("/werk").status_code == 200


def test_a_wrong_code_is_refused_in_dutch(world: None, client: Client) -> None:
    device = app_for("behandelaar")
    password_step(client)

    response = client.post("/inloggen/code", {"code": wrong_code_for(device)})

    assert response.status_code == 200
    page = response.content.decode()
    assert WRONG_CODE in page
    assert "Fout: Code invullen" in page  # the title says so too
    assert client.get("/werk").status_code == 302


def test_a_right_code_right_after_a_wrong_one_must_wait(world: None, client: Client) -> None:
    device = app_for("behandelaar")
    password_step(client)
    client.post("/inloggen/code", {"code": wrong_code_for(device)})

    response = client.post("/inloggen/code", {"code": code_of(device)})

    assert WAIT in response.content.decode()
    assert client.get("/werk").status_code == 302


def test_wrong_codes_count_for_the_lockout_like_wrong_passwords(
    world: None, client: Client, settings: Any
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # only axes' count, not django-otp's wait
    device = app_for("behandelaar")
    password_step(client)

    client.post("/inloggen/code", {"code": wrong_code_for(device)})
    attempt = AccessAttempt.objects.get(username="behandelaar")
    assert attempt.failures_since_start == 1
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/inloggen/code", {"code": wrong_code_for(device)})

    assert response.status_code == 429
    assert "Inloggen is even geblokkeerd" in response.content.decode()
    # Locked out: even the right code and the right password do not help now.
    assert client.post("/inloggen/code", {"code": code_of(device)}).status_code == 429
    assert client.get("/werk").status_code == 302
    assert password_step(client).status_code == 429


def test_a_recovery_code_works_once(world: None, client: Client) -> None:
    app_for("behandelaar")
    codes = recovery_codes_renew(user_id=user().pk)
    password_step(client)

    response = client.post("/inloggen/code", {"code": codes[0].upper()})  # case is no matter

    assert response["Location"] == "/werk"
    assert client.get("/werk").status_code == 200
    client.post("/uitloggen")
    password_step(client)
    again = client.post("/inloggen/code", {"code": codes[0]})
    assert WRONG_CODE in again.content.decode()
    assert client.get("/werk").status_code == 302
    assert StaticToken.objects.filter(device__user=user()).count() == 9


def test_the_code_step_keeps_where_the_person_was_going(world: None, client: Client) -> None:
    device = app_for("behandelaar")
    client.post(
        "/inloggen",
        {"username": "behandelaar", "password": DEMO_PASSWORD, "next": "/werk/nieuw"},
    )

    response = client.post("/inloggen/code", {"code": code_of(device)})

    assert response["Location"] == "/werk/nieuw"


def test_the_code_page_without_a_password_first_goes_to_the_login(
    world: None, client: Client
) -> None:
    response = client.post("/inloggen/code", {"code": "123456"})

    assert response.status_code == 302
    assert response["Location"] == "/inloggen"


def test_the_policy_sends_a_staff_member_without_an_app_to_enrolment(
    world: None, client: Client, settings: Any, api_for: Any
) -> None:
    settings.REGIE_REQUIRE_SECOND_FACTOR = True

    assert password_step(client)["Location"] == "/werk"

    for path in ("/werk", "/werk/nieuw", "/beheer", "/bestuur", "/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/account/tweede-stap", path
    assert client.get("/account/tweede-stap").status_code == 200
    assert client.get("/toegankelijkheid").status_code == 200
    assert client.post("/uitloggen").status_code == 302
    # API clients carry a token, not a login: the policy is not theirs.
    assert api_for("GM9901").get("/api/v1/cases").status_code == 200


def test_the_policy_asks_an_earlier_session_for_its_code(login: Any, settings: Any) -> None:
    settings.REGIE_REQUIRE_SECOND_FACTOR = True
    device = app_for("behandelaar")
    client = login("behandelaar")  # a session from before, without the code

    assert client.get("/werk")["Location"] == "/inloggen/code"
    assert client.get("/account/tweede-stap")["Location"] == "/inloggen/code"
    assert client.post("/inloggen/code", {"code": code_of(device)})["Location"] == "/werk"
    assert client.get("/werk").status_code == 200


def test_with_the_policy_off_a_password_is_enough(world: None, client: Client) -> None:
    # The demo and the browser tests' log_in rely on this.
    assert password_step(client)["Location"] == "/werk"
    assert client.get("/werk").status_code == 200


def test_new_recovery_codes_replace_the_old_ones(world: None, client: Client) -> None:
    device = app_for("behandelaar")
    old = recovery_codes_renew(user_id=user().pk)
    password_step(client)
    client.post("/inloggen/code", {"code": code_of(device)})
    assert "nog 10 herstelcodes" in client.get("/account/tweede-stap").content.decode()

    response = client.post("/account/tweede-stap")

    assert response["Location"] == "/account/tweede-stap/herstelcodes"
    shown = client.get(response["Location"]).content.decode()
    new = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", shown)
    assert len(new) == 10
    assert not set(new) & set(old)


def test_a_pending_login_expires(world: None, client: Client) -> None:
    device = app_for("behandelaar")
    password_step(client)
    session = client.session
    session["regie.second_factor.pending"]["since"] -= PENDING_SECONDS + 1
    session.save()

    response = client.post("/inloggen/code", {"code": code_of(device)})

    assert response["Location"] == "/inloggen"
    assert client.get("/werk").status_code == 302


def test_removing_the_second_factor_lets_the_person_set_up_a_new_app(
    world: None, client: Client, settings: Any
) -> None:
    settings.REGIE_REQUIRE_SECOND_FACTOR = True
    app_for("behandelaar")
    recovery_codes_renew(user_id=user().pk)

    assert second_factor_remove(username="behandelaar") == 2

    assert password_step(client)["Location"] == "/werk"
    assert client.get("/werk")["Location"] == "/account/tweede-stap"
    assert not StaticToken.objects.filter(device__user=user()).exists()
