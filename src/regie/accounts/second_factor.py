"""The second factor of a local account (BIO2: multi-factor authentication for access to
personal data): an authenticator app that gives a six-digit code every 30 seconds (TOTP),
confirmed with a first code, plus ten recovery codes for the day the phone is lost.

django-otp keeps the devices; this module says what Regie does with them. Between the
password and the code the session holds a *pending* login, never a logged-in user, so a
stolen password alone opens nothing.
"""

from __future__ import annotations

import base64
import secrets
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest
from django_otp import user_has_device  # type: ignore[import-untyped]
from django_otp.models import Device  # type: ignore[import-untyped]
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken  # type: ignore[import-untyped]
from django_otp.plugins.otp_totp.models import TOTPDevice  # type: ignore[import-untyped]

RECOVERY_CODE_COUNT = 10
# Long enough to fetch the phone, short enough that a forgotten tab is no half-open door.
PENDING_SECONDS = 5 * 60
_PENDING = "regie.second_factor.pending"
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def has_second_factor(user: User) -> bool:
    return bool(user_has_device(user, confirmed=True))


def enrolment_device(user: User) -> TOTPDevice:
    """The app being set up: the same key on every reload until it is confirmed, so a QR code
    scanned a minute ago stays valid."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=False)
    return device


def secret_for_typing(device: TOTPDevice) -> str:
    """The key as people type it into an app that cannot scan: base32 in groups of four."""
    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise(code: str) -> str:
    """People type spaces and dashes from the app or the printed list; neither matters."""
    return "".join(code.split()).replace("-", "").lower()


def enrolment_confirm(*, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with a code it shows; then (and only then) make fresh recovery codes,
    returned once to be shown once. None when the code does not fit."""
    if not device.verify_token(normalise(code)):
        return None
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        # One app per account: an earlier one (a lost phone) stops working now.
        TOTPDevice.objects.filter(user_id=device.user_id).exclude(pk=device.pk).delete()
        return recovery_codes_renew(user_id=device.user_id)


def recovery_codes_renew(*, user_id: int) -> list[str]:
    """Ten new single-use codes; the old ones stop working."""
    StaticDevice.objects.filter(user_id=user_id).delete()
    static = StaticDevice.objects.create(user_id=user_id, name="Herstelcodes", confirmed=True)
    codes = [
        "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=c) for c in codes)
    return [f"{c[:5]}-{c[5:]}" for c in codes]


def second_factor_remove(*, username: str) -> int:
    """For a lost phone and lost recovery codes: the person sets up a new app at the next
    login (with REGIE_REQUIRE_SECOND_FACTOR they must). Returns how many devices went."""
    devices: list[Any] = [
        *TOTPDevice.objects.filter(user__username=username),
        *StaticDevice.objects.filter(user__username=username),
    ]
    for device in devices:
        device.delete()  # a recovery device takes its codes with it
    return len(devices)


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


class Throttled(Exception):
    """The app's device refuses any code for a few seconds after a wrong one (django-otp's
    throttling): even a right code now would not be checked."""


def code_matches(user: User, code: str) -> Device | None:
    """The device that accepts this code: the app for six digits, else a recovery code (used
    up by this). Routing by shape keeps a recovery code from counting as a wrong app code."""
    token = normalise(code)
    model: Any
    if token.isdigit() and len(token) == 6:
        model = TOTPDevice
    elif token:
        model = StaticDevice
    else:
        return None
    # Locked, as django_otp.verify_token does: two requests with one code cannot both pass.
    with transaction.atomic():
        for device in model.objects.select_for_update().filter(user=user, confirmed=True):
            allowed, _ = device.verify_is_allowed()
            if not allowed:
                raise Throttled
            if device.verify_token(token):
                return device
    return None


# The pending login: the password was right, the code is still to come.


def pending_start(request: HttpRequest, user: User, *, next_url: str) -> None:
    request.session[_PENDING] = {
        "user": user.pk,
        # authenticate() says which backend checked the password; login() needs it again.
        "backend": getattr(user, "backend", ""),
        "since": time.time(),
        "next": next_url,
    }


def pending_user(request: HttpRequest) -> User | None:
    pending = request.session.get(_PENDING)
    if not pending:
        return None
    if time.time() - float(pending.get("since", 0)) > PENDING_SECONDS:
        pending_end(request)
        return None
    user = get_user_model().objects.filter(pk=pending.get("user"), is_active=True).first()
    if not isinstance(user, User):
        return None
    user.backend = pending.get("backend", "")  # type: ignore[attr-defined]
    return user


def pending_next(request: HttpRequest) -> str:
    return str((request.session.get(_PENDING) or {}).get("next", ""))


def pending_end(request: HttpRequest) -> None:
    request.session.pop(_PENDING, None)
