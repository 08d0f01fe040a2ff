"""The pseudonymous person key: one resident across cases, without their BSN, address or
number (issue 11).

One derivation for the whole of Regie: HMAC-SHA256 with REGIE_PERSON_KEY_SECRET over a
normalised identifier with its kind in front ("bsn:…", "email:…", "phone:…"). The intake
stores the strongest one the case has on `Case.person_key` (BSN, else e-mail, else phone), so
linking and analytics (learning.signals) count people without ever holding the identifier;
the signals also join a case's e-mail and phone keys, so one person who gave a BSN once and
only an e-mail address another time is still one person where both were given together.

Without the secret the key cannot be turned back into the identifier or recomputed from it;
with a new secret every stored key stops matching (settings.py says so).
"""

from __future__ import annotations

import hashlib
import hmac
import re

from django.conf import settings

from regie.cases.bsn import bsn_normalise, bsn_problem

KINDS = ("bsn", "email", "phone")


def normalise_email(value: str) -> str:
    return value.strip().lower()


def normalise_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if digits.startswith("0031"):
        digits = "0" + digits[4:]
    elif digits.startswith("31") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def _normal(kind: str, value: str) -> str:
    if kind == "bsn":
        return "" if bsn_problem(value) else bsn_normalise(value)
    if kind == "email":
        return normalise_email(value)
    if kind == "phone":
        return normalise_phone(value)
    raise ValueError(f"Unknown identifier kind {kind!r}")


def pseudonym(kind: str, value: str) -> str:
    """The key of one BSN, e-mail address or phone number ('' when there is none)."""
    normal = _normal(kind, value)
    if len(normal) < 6:
        return ""
    message = f"{kind}:{normal}".encode()
    secret = str(settings.REGIE_PERSON_KEY_SECRET).encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def person_key(*, bsn: str = "", email: str = "", phone: str = "") -> str:
    """The one key stored on a case: of the BSN when given, else of the e-mail address, else
    of the phone number ('' when the case has none of them)."""
    for kind, value in zip(KINDS, (bsn, email, phone), strict=True):
        if key := pseudonym(kind, value):
            return key
    return ""
