"""The BSN (burgerservicenummer): checked, stored encrypted, found by a keyed hash, shown
masked (issue 11; LEGAL.md §6, Wabb art. 10: use it where the task needs it, store and show
it only there).

Where a BSN comes in and goes out:

- in: staff capture (`/werk/nieuw`) and the API (`submitter.bsn`), for cases that must be
  linked to the municipality's own files. Never the public form: a complaint needs no BSN,
  and asking residents for one on a web form invites them to type it where it is not needed.
- stored: only `Case.submitter_bsn_encrypted` (AES-256-GCM, the key id in front so a rotated
  key still decrypts) and `Case.submitter_bsn_hash` (HMAC-SHA256, to find a case by BSN
  without decrypting every row). The event timeline, e-mails and logs never hold it.
- out: masked on the case page; in full only after "Toon BSN", which writes an audit record
  (web/case_page.py). Never to providers or GRs, never in council stories (the casuistry
  removes it, reporting/casuistry.py), in the API only masked and only for the municipality.

The keys: `REGIE_BSN_KEYS` (base64 of 32 bytes, newest first; the first encrypts, every one
decrypts) and `REGIE_PERSON_KEY_SECRET` for the hash, see settings.py.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db.models import QuerySet
from stdnum.nl import bsn as stdnum_bsn

from regie.cases.models import Case

# How long a typed BSN may be with separators ("1234.56.782", "123 456 782"); the API field
# and the capture form use it, the check below decides.
TYPED_MAX = 20
# "v1.<key id>.<base64 of nonce + ciphertext>": the version allows another scheme later.
_VERSION = "v1"
# Binds the ciphertext to its purpose: a BSN ciphertext cannot pass for another encrypted
# value under the same key.
_AAD = b"regie.cases.submitter_bsn"
_SEPARATORS = re.compile(r"[\s.\-]")


class BsnKeyMissing(LookupError):
    """The ciphertext was made with a key that is no longer in REGIE_BSN_KEYS."""


def bsn_normalise(value: str) -> str:
    """The nine digits, without the spaces, dots or hyphens a person types."""
    return _SEPARATORS.sub("", value.strip())


def bsn_problem(value: str) -> str:
    """A Dutch message when `value` is no BSN, '' when it is (or when nothing was typed)."""
    number = bsn_normalise(value)
    if not number:
        return ""
    if not number.isdigit():
        return "Een BSN bestaat alleen uit cijfers."
    if len(number) != 9:
        return f"Een BSN heeft 9 cijfers (nu {len(number)})."
    # stdnum does the eleven-test (elfproef) and refuses 000000000.
    if not stdnum_bsn.is_valid(number):
        return "Dit is geen geldig BSN. Controleer de cijfers."
    return ""


def bsn_mask(number: str) -> str:
    """Only the last four digits, as Dutch government letters do: '*****6782'."""
    number = bsn_normalise(number)
    return f"*****{number[-4:]}" if number else ""


# Encryption --------------------------------------------------------------------------------


def _key_id(key: bytes) -> str:
    # A fingerprint, not the key: says which key of the ring to use, reveals nothing.
    return hashlib.sha256(b"regie.bsn.key-id:" + key).hexdigest()[:8]


def bsn_keyring() -> list[tuple[str, bytes]]:
    """(key id, key) per key of REGIE_BSN_KEYS, newest first. Settings checked their form."""
    return [(_key_id(key), key) for key in map(base64.b64decode, settings.REGIE_BSN_KEYS)]


def bsn_encrypt(number: str) -> str:
    """The ciphertext of a valid BSN under the newest key, as text for the database."""
    key_id, key = bsn_keyring()[0]
    nonce = os.urandom(12)
    sealed = AESGCM(key).encrypt(nonce, bsn_normalise(number).encode(), _AAD)
    return f"{_VERSION}.{key_id}.{base64.b64encode(nonce + sealed).decode()}"


def bsn_decrypt(stored: str) -> str:
    """The BSN in `stored` ('' for ''), with whichever key of the ring made it."""
    if not stored:
        return ""
    version, key_id, body = stored.split(".", 2)
    if version != _VERSION:
        raise ValueError(f"Unknown BSN ciphertext version {version!r}")
    keys = dict(bsn_keyring())
    if key_id not in keys:
        raise BsnKeyMissing(f"BSN key {key_id} is not in REGIE_BSN_KEYS")
    try:
        raw = base64.b64decode(body, validate=True)
        return AESGCM(keys[key_id]).decrypt(raw[:12], raw[12:], _AAD).decode()
    except (InvalidTag, binascii.Error) as exc:
        raise ValueError("The BSN ciphertext is damaged") from exc


def bsn_needs_new_key(stored: str) -> bool:
    """Whether `stored` was made with an older key (to re-encrypt after a rotation)."""
    return bool(stored) and stored.split(".", 2)[1] != bsn_keyring()[0][0]


def bsn_reencrypt(*, limit: int = 500) -> int:
    """Re-encrypt up to `limit` stored BSNs that an older key made, under the newest key; the
    number done. After a rotation, run it until it returns 0, then drop the old key. Only the
    ciphertext changes (the BSN, its hash and the timeline stay), so this is a technical
    update beside the write path, not a change to the case."""
    newest = f"{_VERSION}.{bsn_keyring()[0][0]}."
    rows = (
        Case.objects.exclude(submitter_bsn_encrypted="")
        .exclude(submitter_bsn_encrypted__startswith=newest)
        .values_list("pk", "submitter_bsn_encrypted")[:limit]
    )
    done = 0
    for pk, stored in rows:
        fresh = bsn_encrypt(bsn_decrypt(stored))
        # Only where it still holds what was read: a concurrent change is not overwritten.
        done += Case.objects.filter(pk=pk, submitter_bsn_encrypted=stored).update(
            submitter_bsn_encrypted=fresh
        )
    return done


# Finding a case by BSN -----------------------------------------------------------------------


def bsn_search_hash(number: str) -> str:
    """A keyed hash of the BSN, stored beside the ciphertext and indexed. Keyed, because an
    unkeyed hash of nine digits is undone by trying all of them. Its own label, so it never
    equals the person key of the same BSN (cases.person_key), which may travel further."""
    message = f"bsn-search:{bsn_normalise(number)}".encode()
    return hmac.new(_hash_secret(), message, hashlib.sha256).hexdigest()


def _hash_secret() -> bytes:
    return str(settings.REGIE_PERSON_KEY_SECRET).encode()


def cases_with_bsn(cases: QuerySet[Case], number: str) -> QuerySet[Case]:
    """The cases of `cases` (already scoped by the caller) whose submitter has this BSN."""
    if bsn_problem(number) or not bsn_normalise(number):
        return cases.none()
    return cases.filter(submitter_bsn_hash=bsn_search_hash(number))


# Reading it back -----------------------------------------------------------------------------


def case_bsn(case: Case) -> str:
    """The case's BSN in full ('' when none). Callers that show it write an audit record."""
    return bsn_decrypt(case.submitter_bsn_encrypted)


def case_bsn_masked(case: Case) -> str:
    """The case's BSN masked ('' when none)."""
    return bsn_mask(case_bsn(case))
