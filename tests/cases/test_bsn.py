"""The BSN (issue 11): checked with the eleven-test, stored only encrypted with a keyed hash
beside it, found by that hash, decrypted with whichever key made it; and the one person key
that links a resident's cases without holding their identifier."""

from __future__ import annotations

import base64
import datetime as dt
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection

from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.accounts.selectors import user_by_username
from regie.cases import bsn, services
from regie.cases.models import Case, Event
from regie.cases.person_key import person_key, pseudonym
from regie.directory.models import Municipality
from regie.learning import signals
from regie.privacy.retention import retention_run
from regie.privacy.retention_rules import add_years
from regie.reporting.casuistry import known_values

pytestmark = pytest.mark.django_db

BSN = "123456782"
OTHER_BSN = "111222333"


def staff(username: str = "kcc") -> Any:
    user = user_by_username(username)
    assert user is not None
    return scope_for_user(user)


def capture(
    number: str = BSN,
    *,
    email: str = "",
    phone: str = "",
    domain: str = "wmo",
    kind: str = "hulpvraag",
    scope: Any = None,
    **person: Any,
) -> Case:
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind=kind,
        channel="telefoon",
        domain=domain,
        description="Mijn uitkering is gestopt en ik weet niet waarom.",
        submitter=services.Person(
            name="Jan de Vries", email=email, phone=phone or "0612345678", bsn=number, **person
        ),
    )
    return services.case_intake(scope=scope or staff(), request=request).case


def raw_row(case: Case) -> str:
    """Every column of the case's row as the database holds it, in one string."""
    table = connection.ops.quote_name(Case._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [case.pk])
        row = cursor.fetchone()
    return " ".join(str(value) for value in row)


# Checking what was typed ---------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["123456782", "1234 56 782", "123.456.782", " 111-222-333 "])
def test_valid_bsns_pass_with_the_separators_people_type(typed: str) -> None:
    assert bsn.bsn_problem(typed) == ""
    assert len(bsn.bsn_normalise(typed)) == 9


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("123456789", "geen geldig BSN"),  # fails the eleven-test
        ("123456783", "geen geldig BSN"),  # one digit off
        ("000000000", "geen geldig BSN"),  # passes the sum, is no BSN
        ("12345678", "9 cijfers (nu 8)"),  # stdnum would pad it; a BSN has nine
        ("1234567820", "9 cijfers (nu 10)"),
        ("12345678a", "alleen uit cijfers"),
        ("BSN123456", "alleen uit cijfers"),
    ],
)
def test_invalid_bsns_get_a_dutch_reason(typed: str, says: str) -> None:
    assert says in bsn.bsn_problem(typed)


def test_nothing_typed_is_no_problem_and_masks_to_nothing() -> None:
    assert bsn.bsn_problem("") == ""
    assert bsn.bsn_mask("") == ""


def test_the_mask_shows_only_the_last_four_digits() -> None:
    assert bsn.bsn_mask("1234 56 782") == "*****6782"


# Encryption and keys -------------------------------------------------------------------------


def test_encryption_round_trips_and_never_repeats_a_ciphertext() -> None:
    first, second = bsn.bsn_encrypt(BSN), bsn.bsn_encrypt("1234.56.782")

    assert first != second  # a fresh nonce each time: equal BSNs do not show as equal
    assert BSN not in first
    assert bsn.bsn_decrypt(first) == bsn.bsn_decrypt(second) == BSN
    assert bsn.bsn_decrypt("") == ""


def test_a_damaged_ciphertext_is_refused_not_misread() -> None:
    stored = bsn.bsn_encrypt(BSN)
    version, key_id, body = stored.split(".")
    raw = bytearray(base64.b64decode(body))
    raw[20] ^= 1  # one bit of the ciphertext
    flipped = base64.b64encode(bytes(raw)).decode()

    with pytest.raises(ValueError, match="damaged"):
        bsn.bsn_decrypt(f"{version}.{key_id}.{flipped}")


def new_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def test_after_a_key_rotation_the_old_key_still_decrypts(settings: Any) -> None:
    old, new = new_key(), new_key()
    settings.REGIE_BSN_KEYS = [old]
    made_before = bsn.bsn_encrypt(BSN)

    settings.REGIE_BSN_KEYS = [new, old]  # a new key in front

    assert bsn.bsn_decrypt(made_before) == BSN
    assert bsn.bsn_needs_new_key(made_before)
    made_after = bsn.bsn_encrypt(BSN)
    assert not bsn.bsn_needs_new_key(made_after)
    assert made_after.split(".")[1] != made_before.split(".")[1]

    settings.REGIE_BSN_KEYS = [new]  # the old key dropped too early
    with pytest.raises(bsn.BsnKeyMissing):
        bsn.bsn_decrypt(made_before)
    assert bsn.bsn_decrypt(made_after) == BSN


def test_after_a_rotation_old_rows_are_re_encrypted_under_the_new_key(
    world: None, settings: Any
) -> None:
    old, new = new_key(), new_key()
    settings.REGIE_BSN_KEYS = [old]
    case = capture(BSN)
    settings.REGIE_BSN_KEYS = [new, old]

    assert bsn.bsn_reencrypt() == 1
    assert bsn.bsn_reencrypt() == 0

    settings.REGIE_BSN_KEYS = [new]  # now the old key may go
    case.refresh_from_db()
    assert bsn.case_bsn(case) == BSN
    assert list(bsn.cases_with_bsn(Case.objects.all(), BSN)) == [case]


# Through the intake --------------------------------------------------------------------------


def test_the_database_holds_the_bsn_only_encrypted(world: None) -> None:
    case = capture("1234 56 782")

    row = raw_row(case)
    assert BSN not in row
    assert "1234 56 782" not in row
    stored = Case.objects.get(pk=case.pk)
    assert stored.submitter_bsn_encrypted.startswith("v1.")
    assert bsn.case_bsn(stored) == BSN
    assert bsn.case_bsn_masked(stored) == "*****6782"
    for event in Event.objects.filter(case=case):
        assert BSN not in str(event.payload)


def test_a_case_is_found_by_its_bsn_without_decrypting_rows(world: None) -> None:
    mine = capture(BSN)
    capture(OTHER_BSN)
    capture("")

    found = bsn.cases_with_bsn(Case.objects.all(), "123.456.782")

    assert list(found) == [mine]
    assert not bsn.cases_with_bsn(Case.objects.all(), "123456789").exists()  # invalid
    assert not bsn.cases_with_bsn(Case.objects.all(), "").exists()


def test_a_bad_bsn_is_refused_naming_the_field_and_nothing_is_written(world: None) -> None:
    before = Case.objects.count()

    with pytest.raises(services.CaseError) as refused:
        capture("123456789")

    assert "submitter.bsn" in refused.value.errors
    assert Case.objects.count() == before


def test_the_public_form_cannot_bring_a_bsn(world: None) -> None:
    with pytest.raises(services.CaseError) as refused:
        capture(BSN, scope=scope_for_public_web())

    assert "geen BSN" in refused.value.errors["submitter.bsn"]


def test_an_anonymous_submitter_leaves_no_bsn(world: None) -> None:
    case = capture(BSN, kind="signaal", anonymous=True)

    assert case.submitter_bsn_encrypted == ""
    assert case.submitter_bsn_hash == ""
    assert case.person_key == ""


# The person key ------------------------------------------------------------------------------


def test_the_person_key_links_one_persons_cases_and_not_anothers(world: None) -> None:
    first = capture(BSN, email="jan@example.nl")
    second = capture("1234 56 782", email="j.de.vries@example.org", phone="0201234567")
    other = capture(OTHER_BSN, email="jan@example.nl")

    assert first.person_key == second.person_key
    assert first.person_key != other.person_key  # the BSN wins over a shared e-mail address
    assert len(first.person_key) == 64
    assert BSN not in first.person_key
    # Never the search hash: the person key may travel to analytics, the hash stays here.
    assert first.person_key != first.submitter_bsn_hash


def test_without_a_bsn_the_key_comes_from_the_email_then_the_phone(world: None) -> None:
    by_mail = capture("", email="Jan@Example.nl")
    by_phone = capture("", phone="+31 6 12345678")

    assert by_mail.person_key == pseudonym("email", "jan@example.nl")
    assert by_phone.person_key == pseudonym("phone", "0612345678")
    assert person_key() == ""
    assert person_key(bsn="123456789", email="jan@example.nl") == by_mail.person_key


def test_the_learning_signals_link_people_by_the_stored_key(world: None) -> None:
    # One person, two places, two different e-mail addresses and phones: only the BSN joins.
    first = capture(BSN, email="jan@example.nl", phone="0611111111", domain="wmo")
    second = capture(BSN, email="j@example.org", phone="0622222222", domain="jeugd")
    capture(OTHER_BSN, email="ander@example.nl", phone="0633333333", domain="schuldhulp")

    people = signals.several_places(staff("coordinator"))

    assert [set(p.cases) for p in people] == [{first, second}]


# Where it must not go ------------------------------------------------------------------------


def test_the_councils_stories_treat_the_bsn_as_a_known_value(world: None) -> None:
    values = known_values(capture(BSN))

    assert BSN in values
    assert "1234 56 782" in values
    assert "123.456.782" in values


def test_retention_empties_the_bsn_its_hash_and_the_person_key(world: None) -> None:
    cache.clear()  # the daily marker of other tests' runs
    case = capture(BSN, kind="klacht")
    services.case_withdraw(case=case, reason="Het is opgelost.")
    closed = Event.objects.filter(case=case).latest("at", "pk").at

    retention_run(now=add_years(closed, 2) + dt.timedelta(days=1), dry_run=False)

    case.refresh_from_db()
    assert case.anonymised_at is not None
    assert (case.submitter_bsn_encrypted, case.submitter_bsn_hash, case.person_key) == ("", "", "")


# Settings ------------------------------------------------------------------------------------

SRC = Path(__file__).resolve().parents[2] / "src"
PROBE = "import django; django.setup(); from django.conf import settings; print('started')"


def start(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    """Django in a fresh process with a production environment (settings are read once)."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(SRC),
        "DJANGO_SETTINGS_MODULE": "regie.settings",
        "REGIE_VAR_DIR": str(tmp_path / "var"),
        "SECRET_KEY": secrets.token_urlsafe(64),
        "REGIE_BASE_URL": "https://regie.gemeente.example",
        "REGIE_HTTPS": "1",
        **extra,
    }
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_production_does_not_start_without_its_own_bsn_key_and_secret(tmp_path: Path) -> None:
    secret = secrets.token_urlsafe(32)
    without_key = start(tmp_path, REGIE_PERSON_KEY_SECRET=secret)
    without_secret = start(tmp_path, REGIE_BSN_KEYS=new_key())
    bad_key = start(tmp_path, REGIE_BSN_KEYS="dGUgc2hvcnQ=", REGIE_PERSON_KEY_SECRET=secret)
    both = start(
        tmp_path, REGIE_BSN_KEYS=f"{new_key()},{new_key()}", REGIE_PERSON_KEY_SECRET=secret
    )

    assert without_key.returncode != 0
    assert "REGIE_BSN_KEYS is required" in without_key.stderr
    assert without_secret.returncode != 0
    assert "REGIE_PERSON_KEY_SECRET is required" in without_secret.stderr
    assert bad_key.returncode != 0
    assert "32 bytes" in bad_key.stderr
    assert both.returncode == 0, both.stderr
    assert "started" in both.stdout


def test_the_demo_and_tests_derive_a_key_of_the_right_size(settings: Any) -> None:
    # Loaded without REGIE_BSN_KEYS in the environment: one key, derived from SECRET_KEY.
    assert [len(base64.b64decode(key)) for key in settings.REGIE_BSN_KEYS] == [32]
