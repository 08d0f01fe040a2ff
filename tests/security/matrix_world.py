"""The things the authorization matrix opens: cases, letters, files, batches, samples,
recommendations and stories, each made through the write path people use, on top of the demo
world. One of each INSIDE a principal's scope and one OUTSIDE it (another municipality,
another team, another organisation), so every URL can be filled twice.

Built once per module (it takes half a minute: letters are PDF/A, stories are de-identified)
and rolled back at its end; see the fixture in `test_authorization_matrix.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from regie.accounts.scope import scope_for_api_client, scope_for_public_web, scope_for_user
from regie.accounts.tokens import api_client_create
from regie.cases import services
from regie.cases.models import Attachment, Case
from regie.directory.models import (
    ContactChannel,
    Municipality,
    Organisation,
    Responsibility,
    Team,
    Topic,
)
from regie.documents import services as letters
from regie.imports import services as imports
from regie.learning import recommendations, sample
from regie.learning.trends import week_start
from regie.reporting import casuistry, runs
from regie.vocabulary import LetterKind
from tests.imports.files import csv_bytes, row

# Who registers a case taken by phone, per municipality.
CAPTURES = {"GM9901": "kcc", "GM9902": "hooglanden"}


def user(username: str) -> User:
    return User.objects.get(username=username)


def staff(username: str) -> services.Scope:
    return scope_for_user(user(username))


@dataclass
class MatrixWorld:
    """Named things; `case["klachten-wmo"]` is a case reference, and so on."""

    case: dict[str, str] = field(default_factory=dict)
    token: dict[str, str] = field(default_factory=dict)
    letter: dict[str, int] = field(default_factory=dict)
    attachment: dict[str, int] = field(default_factory=dict)
    batch: dict[str, int] = field(default_factory=dict)
    sample: dict[str, int] = field(default_factory=dict)
    sample_item: dict[str, int] = field(default_factory=dict)
    recommendation: dict[str, int] = field(default_factory=dict)
    investigation: dict[str, int] = field(default_factory=dict)
    story: dict[str, int] = field(default_factory=dict)
    channel: dict[str, int] = field(default_factory=dict)
    responsibility: dict[str, int] = field(default_factory=dict)
    week: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _intake(
    code: str, *, about: str = "", domain: str = "wmo", bsn: str = "", **fields: Any
) -> Case:
    # A BSN comes in only through staff capture (the public form asks for none).
    scope = staff(CAPTURES[code]) if bsn else scope_for_public_web()
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code=code),
        kind="klacht",
        domain=domain,
        channel="telefoon" if bsn else "web",
        subject="Taxi te laat",
        description="De taxi naar de dagbesteding kwam drie keer te laat.",
        about=Organisation.objects.get(slug=about) if about else None,
        submitter=services.Person(
            name="Henk Brouwer",
            email="henk@example.org",
            address=services.Address(
                street="Kerkstraat", house_number="7a", postcode="1234 AB", city="Aadorp"
            ),
            bsn=bsn,
        ),
        **fields,
    )
    return services.case_intake(scope=scope, request=request).case


def _to_team(case: Case, code: str, slug: str, by: str) -> Case:
    team = Team.objects.get(municipality__code=code, slug=slug)
    if case.handling_team_id == team.pk:
        return case
    return services.case_hand_over(case=case, scope=staff(by), reason="Voor de matrix.", team=team)


def _with_organisation(case: Case, slug: str, by: str) -> Case:
    organisation = Organisation.objects.get(slug=slug)
    if case.handling_organisation_id != organisation.pk:
        case = services.case_hand_over(
            case=case,
            scope=staff("coordinator"),
            reason="Voor de matrix.",
            organisation=organisation,
        )
    return services.case_accept(case=case, scope=staff(by))


def _concluded(case: Case, by: str) -> Case:
    return services.case_conclude(
        case=case, scope=staff(by), outcome="opgelost", summary="In overleg opgelost."
    )


def build_matrix_world() -> MatrixWorld:
    w = MatrixWorld()
    # Municipal cases: in the queue of GM9901's complaints team (the behandelaar's), of its
    # Wmo team (the wmo-consulent's), of its youth team, and of the other municipality.
    own = _to_team(_intake("GM9901"), "GM9901", "klachten", "coordinator")
    wmo = _to_team(_intake("GM9901"), "GM9901", "wmo", "coordinator")
    other_team = _to_team(_intake("GM9901", domain="jeugd"), "GM9901", "jeugd", "coordinator")
    with_bsn = _to_team(_intake("GM9901", bsn="123456782"), "GM9901", "klachten", "coordinator")
    elsewhere_bsn = _to_team(
        _intake("GM9902", bsn="123456782"), "GM9902", "klachten", "coordinator-hooglanden"
    )
    elsewhere = _to_team(_intake("GM9902"), "GM9902", "klachten", "coordinator-hooglanden")
    # Cases about an organisation, forwarded to it and accepted: its work in the portal.
    anker = _with_organisation(_intake("GM9901", about="het-anker"), "het-anker", "anker")
    linde = _intake("GM9901", about="de-linde", domain="jeugd")
    sociale_dienst = _with_organisation(
        _intake("GM9901", about="sociale-dienst", domain="werk-en-inkomen"),
        "sociale-dienst",
        "sociale-dienst",
    )
    for name, case in {
        "klachten-wmo": own,
        "bsn": with_bsn,
        "hooglanden-bsn": elsewhere_bsn,
        "wmo": wmo,
        "jeugd": other_team,
        "hooglanden": elsewhere,
        "about-anker": anker,
        "about-linde": linde,
        "about-sociale-dienst": sociale_dienst,
    }.items():
        w.case[name] = case.reference
        w.token[name] = case.status_token

    # A letter and a resident's file on the own-team case and on the other municipality's.
    w.letter["klachten-wmo"] = letters.letter_send(
        case=own, scope=staff("behandelaar"), kind=LetterKind.ONTVANGSTBEVESTIGING
    ).pk
    w.letter["hooglanden"] = letters.letter_send(
        case=elsewhere, scope=staff("hooglanden"), kind=LetterKind.ONTVANGSTBEVESTIGING
    ).pk
    w.letter["wmo"] = letters.letter_send(
        case=wmo, scope=staff("coordinator"), kind=LetterKind.ONTVANGSTBEVESTIGING
    ).pk
    for name, case in (("klachten-wmo", own), ("wmo", wmo), ("hooglanden", elsewhere)):
        services.case_add_information(
            case=case,
            text="Hierbij de brief van de vervoerder.",
            attachment=services.Upload(name="brief.pdf", content=b"%PDF-1.4\n%%EOF\n"),
        )
        w.attachment[name] = Attachment.objects.filter(case=case).latest("pk").pk

    # Import batches of two providers.
    for slug in ("het-anker", "de-linde", "sociale-dienst"):
        organisation = Organisation.objects.get(slug=slug)
        w.batch[slug] = imports.batch_upload(
            scope=imports.command_line_scope(organisation),
            organisation=organisation,
            file_name="klachten.csv",
            content=csv_bytes([row()]),
            dry_run=True,
        ).pk

    # Learning: a concluded case per municipality, a sample of it, a recommendation, an
    # investigation, an approved story.
    today = timezone.localdate()
    for code, by, case in (
        ("GM9901", "coordinator", _intake("GM9901")),
        ("GM9902", "coordinator-hooglanden", _intake("GM9902")),
    ):
        done = _concluded(case, by)
        municipality = Municipality.objects.get(code=code)
        drawn = sample.sample_draw(
            by=user(by),
            scope=staff(by),
            municipality=municipality,
            purpose="Steekproef voor de matrix",
            size=1,
            concluded_from=today - dt.timedelta(days=30),
            concluded_to=today,
        )
        w.sample[code] = drawn.pk
        w.sample_item[code] = drawn.items.get().pk
        w.recommendation[code] = recommendations.recommendation_make(
            by=user(by),
            municipality=municipality,
            title="Bel terug binnen twee dagen",
            owner="Teamleider",
            due_date=today + dt.timedelta(days=60),
        ).pk
        w.investigation[code] = recommendations.investigation_start(
            by=user(by),
            scope=staff(by),
            municipality=municipality,
            title="Vervoer",
            question="Waarom komt de taxi te laat?",
            basis="eigen-initiatief",
        ).pk
        story = casuistry.story_draft(by=user(by), case=done, period=str(today.year))
        w.story[code] = casuistry.story_approve(by=user(by), story=story).pk
        w.channel[code] = (
            ContactChannel.objects.filter(municipality=municipality).order_by("pk")[0].pk
        )
        w.responsibility[code] = (
            Responsibility.objects.filter(municipality=municipality).order_by("pk")[0].pk
        )
    w.channel["organisation"] = (
        ContactChannel.objects.filter(organisation__isnull=False).order_by("pk")[0].pk
    )
    w.week = week_start(timezone.localdate()).isoformat()
    w.extra["topic"] = Topic.objects.order_by("slug")[0].slug
    w.extra["runs"] = _report_runs()
    w.extra["privacy_requests"] = _privacy_requests(w.case)
    w.extra["queued"] = _queued_intakes()
    return w


def _queued_intakes() -> dict[str, str]:
    """An intake accepted with `Prefer: respond-async` by a client of the municipality and one
    of a provider: other clients than the principals' own (each principal gets a token of
    its own), so nobody in the matrix may read them."""
    queued = {}
    for owner in ("GM9901", "het-anker"):
        client, _ = api_client_create(organisation=owner, name=f"Ander systeem {owner}")
        request = services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind="signaal",
            channel="api",
            domain="wmo",
            description="De taxi naar de dagbesteding kwam drie keer te laat.",
            about=Organisation.objects.get(slug="het-anker") if owner == "het-anker" else None,
        )
        accepted = services.intake_accept(scope=scope_for_api_client(client), request=request)
        queued[owner] = str(accepted.queued.pk)
    return queued


def _privacy_requests(references: dict[str, str]) -> dict[str, int]:
    """A resident's request to see their data, in each municipality (by its officer, or the
    superuser where the demo has no officer)."""
    from regie.privacy import subject_rights

    made = {}
    for code, by, case in (("GM9901", "privacy", "bsn"), ("GM9902", "beheer", "hooglanden-bsn")):
        request = subject_rights.request_create(
            user=user(by),
            municipality=Municipality.objects.get(code=code),
            kind="inzage",
            requester_name="Henk Brouwer",
            requester_contact="henk@example.org",
            identity_check="Identiteitsbewijs gezien aan de balie.",
            received_on=timezone.localdate(),
        )
        subject_rights.request_confirm_cases(
            user=user(by), request=request, references=[references[case]]
        )
        made[code] = request.pk
    return made


def _report_runs() -> dict[str, int]:
    """A finished report run (CSV) for everyone who may ask for one, by username."""
    made = {}
    last_year = str(timezone.localdate().year - 1)
    for username in ("wethouder", "raadslid", "coordinator", "ombudsfunctionaris", "beheer"):
        try:
            run = runs.report_run_request(
                user=user(username),
                municipality=Municipality.objects.get(code="GM9901"),
                kind="annual",
                period=last_year,
                fmt="csv",
            )
        except runs.FiguresRefused:
            continue
        made[username] = run.pk
    while runs.report_runs_due():
        pass
    return made
