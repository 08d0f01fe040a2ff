"""Cases for the retention tests, each made through the write path people use."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.cases import services
from regie.cases.models import Case
from regie.directory.models import Municipality
from regie.documents import services as letters
from regie.learning import sample
from regie.reporting import casuistry
from regie.vocabulary import LetterKind

NAME = "Henk Brouwer"
EMAIL = "henk@example.org"
PHONE = "06-12345678"
STREET = "Kerkstraat"
DESCRIPTION = "De taxi naar de dagbesteding van mijn moeder Truus kwam drie keer te laat."
NOTE = "Meneer Brouwer belde boos, zijn moeder wacht elke week buiten in de kou."


def user(username: str) -> User:
    return User.objects.get(username=username)


def staff(username: str = "behandelaar") -> services.Scope:
    return scope_for_user(user(username))


def intake(
    *, kind: str = "klacht", domain: str = "wmo", code: str = "GM9901", days_ago: int = 30
) -> Case:
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code=code),
        kind=kind,
        domain=domain,
        channel="web",
        subject="Taxi te laat",
        description=DESCRIPTION,
        received_at=timezone.now() - dt.timedelta(days=days_ago),
        submitter=services.Person(
            name=NAME,
            email=EMAIL,
            phone=PHONE,
            address=services.Address(
                street=STREET, house_number="7a", postcode="1234 AB", city="Aadorp"
            ),
        ),
        on_behalf_of_name="Truus Brouwer",
        on_behalf_of_relation="moeder",
    )
    return services.case_intake(scope=scope_for_public_web(), request=request).case


def concluded(case: Case, outcome: str = "opgelost", by: str = "behandelaar") -> Case:
    return services.case_conclude(
        case=case, scope=staff(by), outcome=outcome, summary="Meneer Brouwer is teruggebeld."
    )


JUDGEMENT = {
    "element": "Meneer Brouwer werd niet teruggebeld.",
    "judgement": "gegrond",
    "norm": "voortvarendheid",
    "reasons": "Er is drie weken niet teruggebeld naar Kerkstraat 7a.",
    "measures": "Wij bellen binnen twee dagen terug.",
}


def everything(case: Case) -> Case:
    """A complaint with a bit of everything that holds personal data or free text: a letter
    by e-mail, a resident's file, a note, an escalation, judgements, a hearing skipped,
    follow-up answered, the ombudsman with findings, a review note and a draft story."""
    letters.letter_send(case=case, scope=staff(), kind=LetterKind.ONTVANGSTBEVESTIGING)
    services.case_add_information(
        case=case,
        text="Hierbij de brief van de vervoerder aan mijn moeder.",
        attachment=services.Upload(name="brief-brouwer.pdf", content=b"%PDF-1.4\n%%EOF\n"),
    )
    services.case_add_note(case=case, scope=staff(), text=NOTE)
    case = services.case_move(case=case, scope=staff(), to="formeel")
    services.case_escalate(
        case=case, scope=staff(), level="teamleider", reason="Meneer Brouwer dreigt met de pers."
    )
    case = services.case_move(case=Case.objects.get(pk=case.pk), scope=staff(), to="formeel")
    services.case_skip_hearing(
        case=case,
        scope=staff(),
        ground="afgezien",
        explanation="Meneer Brouwer wil niet gehoord worden, zei hij op 3 maart.",
    )
    case = services.case_conclude(
        case=Case.objects.get(pk=case.pk),
        scope=staff(),
        outcome="gegrond",
        summary="Meneer Brouwer krijgt gelijk.",
        judgements=[JUDGEMENT],
    )
    services.case_plan_follow_up(case=case, scope=staff(), due=timezone.localdate())
    services.case_answer_follow_up(
        case=Case.objects.get(pk=case.pk),
        solved=True,
        score=4,
        comment="Mijn moeder Truus wordt nu op tijd opgehaald.",
    )
    services.case_refer_to_ombudsman(
        case=Case.objects.get(pk=case.pk), scope=staff(), their_reference="2026.01234"
    )
    services.case_record_ombudsman_outcome(
        case=Case.objects.get(pk=case.pk),
        scope=staff(),
        judgement="deels-gegrond",
        findings="Meneer Brouwer is te laat teruggebeld.",
        recommendations="Bel binnen twee werkdagen terug.",
        response="Het KCC belt voortaan sneller terug naar mensen als meneer Brouwer.",
    )
    case = Case.objects.get(pk=case.pk)
    if case.status == "bij-ombudsman":
        case = services.case_move(case=case, scope=staff(), to="gesloten")
    today = timezone.localdate()
    drawn = sample.sample_draw(
        by=user("coordinator"),
        scope=staff("coordinator"),
        municipality=case.municipality,
        purpose="Steekproef",
        size=50,
        concluded_from=today - dt.timedelta(days=30),
        concluded_to=today,
    )
    item = drawn.items.get(case=case)
    sample.review_record(
        by=user("coordinator"), item=item, verdict="kan-beter", note="Brouwer had eerder gebeld."
    )
    casuistry.story_draft(by=user("coordinator"), case=case, period=str(today.year))
    return Case.objects.get(pk=case.pk)
