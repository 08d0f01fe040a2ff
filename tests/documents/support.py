"""Cases for the letter tests, made through the services as people make them."""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

from django.contrib.auth.models import User
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.cases import services
from regie.cases.models import Case
from regie.directory.models import Municipality

PDFTOTEXT = "/usr/bin/pdftotext"


def staff(username: str = "behandelaar") -> services.Scope:
    return scope_for_user(User.objects.get(username=username))


def letter_complaint(*, email: str = "", days_ago: int = 10, kind: str = "klacht") -> Case:
    """A complaint by letter: a name and a postal address (and an e-mail only when given)."""
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code="GM9901"),
        kind=kind,
        channel="brief",
        description="Ik heb drie keer gebeld over mijn aanvraag en niemand belde terug.",
        received_at=timezone.now() - dt.timedelta(days=days_ago),
        submitter=services.Person(
            name="Henk Brouwer",
            email=email,
            address=services.Address(
                street="Kerkstraat", house_number="7a", postcode="1234 AB", city="Aadorp"
            ),
        ),
    )
    return services.case_intake(scope=scope_for_public_web(), request=request).case


def concluded(case: Case, outcome: str = "deels-gegrond") -> Case:
    return services.case_conclude(
        case=case,
        scope=staff(),
        outcome=outcome,
        summary="Wij hadden u eerder moeten terugbellen. Dat gaan wij beter doen.",
    )


def pdf_text(pdf: bytes) -> str:
    """What pdftotext (poppler) reads in the PDF: what a screen reader or archive reads."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "brief.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(
            [PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, check=True, text=True
        )
    return " ".join(result.stdout.split())
