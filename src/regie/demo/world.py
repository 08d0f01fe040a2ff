"""The demo world (DESIGN.md): a region with two municipalities, two providers, a joint
arrangement, independent bodies, teams, the directory of who does what (`catalogue.py`) and a
user for every role. Idempotent: running it twice changes nothing, and what an administrator
changed in Beheer stays as it is.

Tests use the same world, so what a test shows is what the demo shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from regie.accounts.models import Membership
from regie.demo import catalogue
from regie.directory.models import (
    ContactChannel,
    Municipality,
    Organisation,
    Region,
    Responsibility,
    Team,
    Topic,
)
from regie.vocabulary import Domain, Role

# Printed by `regie demo`; only demo users have it. Never used outside the demo world.
DEMO_PASSWORD = "regie-demo-2026"  # noqa: S105

MUNICIPALITIES = [("GM9901", "Gemeente Aa en Zee"), ("GM9902", "Gemeente Hooglanden")]

ALL_DOMAINS: list[str] = [d.value for d in Domain]
TEAMS: list[tuple[str, str, list[str]]] = [
    ("klachten", "Klachtenteam", ALL_DOMAINS),
    ("wmo", "Team Wmo", [Domain.WMO]),
    ("jeugd", "Team Jeugd", [Domain.JEUGD]),
    ("schuldhulp", "Team Schuldhulp", [Domain.SCHULDHULP, Domain.WERK_EN_INKOMEN]),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    municipality: str = ""  # CBS code
    team: str = ""  # team slug, with municipality
    organisation: str = ""
    domain: str = ""
    superuser: bool = False


USERS = [
    DemoUser("beheer", "Bo", "Beheerder", Role.BEHEERDER, superuser=True),
    DemoUser("kcc", "Kim", "de Vries", Role.MEDEWERKER, municipality="GM9901"),
    DemoUser(
        "behandelaar", "Sanne", "Jansen", Role.BEHANDELAAR, municipality="GM9901", team="klachten"
    ),
    DemoUser("coordinator", "Mohammed", "El Amrani", Role.COORDINATOR, municipality="GM9901"),
    DemoUser("ombudsfunctionaris", "Els", "Bakker", Role.OMBUDSFUNCTIONARIS, municipality="GM9901"),
    DemoUser(
        "wmo-consulent", "Joost", "Visser", Role.BEHANDELAAR, municipality="GM9901", team="wmo"
    ),
    DemoUser(
        # Hooglanden, the smaller town, has one handler for everything: a membership of the
        # municipality, not of one team (a team would give only its own queue).
        "hooglanden",
        "Fatima",
        "Yilmaz",
        Role.BEHANDELAAR,
        municipality="GM9902",
    ),
    DemoUser(
        "jeugdconsulent", "Daan", "Koster", Role.BEHANDELAAR, municipality="GM9901", team="jeugd"
    ),
    DemoUser(
        "schuldhulpverlener",
        "Priya",
        "Ramdin",
        Role.BEHANDELAAR,
        municipality="GM9901",
        team="schuldhulp",
    ),
    DemoUser("coordinator-hooglanden", "Karin", "Bos", Role.COORDINATOR, municipality="GM9902"),
    DemoUser("anker", "Peter", "Smit", Role.AANBIEDER, organisation="het-anker"),
    DemoUser("linde", "Anouk", "Mulder", Role.AANBIEDER, organisation="de-linde"),
    DemoUser("sociale-dienst", "Ruud", "Hendriks", Role.AANBIEDER, organisation="sociale-dienst"),
    DemoUser("wethouder", "Ingrid", "Dekker", Role.MANAGEMENT, municipality="GM9901"),
    DemoUser("raadslid", "Tom", "Peters", Role.RAAD, municipality="GM9901"),
    DemoUser("privacy", "Lotte", "van Dijk", Role.PRIVACY, municipality="GM9901"),
]


@transaction.atomic
def build_world() -> None:
    region, _ = Region.objects.get_or_create(
        slug="kust-en-hooglanden", defaults={"name": "Regio Kust en Hooglanden"}
    )
    municipalities = {}
    for code, name in MUNICIPALITIES:
        municipalities[code], _ = Municipality.objects.get_or_create(
            code=code, defaults={"name": name, "region": region}
        )
    for organisation in catalogue.ORGANISATIONS:
        _organisation(organisation, list(municipalities.values()))
    for municipality in municipalities.values():
        for team_slug, team_name, team_domains in TEAMS:
            Team.objects.get_or_create(
                municipality=municipality,
                slug=team_slug,
                defaults={"name": team_name, "domains": [str(d) for d in team_domains]},
            )
    _directory(municipalities)
    user_model = get_user_model()
    for spec in USERS:
        user, created = user_model.objects.get_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": f"{spec.username}@regie.example",
                "is_superuser": spec.superuser,
                "is_staff": spec.superuser,
            },
        )
        if not created:
            continue
        assert isinstance(user, User)
        user.set_password(DEMO_PASSWORD)
        user.save()
        if spec.superuser:
            continue
        membership = Membership(user=user, role=spec.role, domain=spec.domain)
        if spec.team:
            membership.team = Team.objects.get(municipality__code=spec.municipality, slug=spec.team)
        elif spec.municipality:
            membership.municipality = municipalities[spec.municipality]
        else:
            membership.organisation = Organisation.objects.get(slug=spec.organisation)
        membership.save()


# Directory fields of an organisation that the demo fills in when they are still empty.
_ORGANISATION_FIELDS = (
    "description",
    "complaint_route",
    "complaint_scheme",
    "complaint_term_weeks",
    "complaint_scheme_basis",
    "complaint_scheme_url",
    "client_count",
)


def _organisation(spec: catalogue.OrganisationSpec, municipalities: list[Municipality]) -> None:
    org, created = Organisation.objects.get_or_create(
        slug=spec.slug,
        defaults={"name": spec.name, "kind": spec.kind, "domains": [str(d) for d in spec.domains]},
    )
    if created:
        org.municipalities.set(municipalities)
    # A demo database from before the directory existed gets its data; what an administrator
    # set since is kept.
    missing = [
        f
        for f in _ORGANISATION_FIELDS
        if getattr(org, f) in ("", None) and getattr(spec, f) not in ("", None)
    ]
    for name in missing:
        setattr(org, name, getattr(spec, name))
    if missing:
        org.save(update_fields=missing)
    if not org.channels.exists():
        _channels(spec.contacts, organisation=org)


def _channels(contacts: tuple[catalogue.Contact, ...], **owner: object) -> None:
    ContactChannel.objects.bulk_create(
        ContactChannel(kind=c.kind, value=c.value, note=c.note, position=i, **owner)
        for i, c in enumerate(contacts)
    )


def _directory(municipalities: dict[str, Municipality]) -> None:
    """Topics, who does what per municipality, and how to reach the municipality and its
    teams. Only what is missing is added."""
    topics = {}
    for spec in catalogue.TOPICS:
        topics[spec.slug], _ = Topic.objects.get_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "domain": spec.domain,
                "keywords": list(spec.keywords),
                "description": spec.description,
            },
        )
    organisations = {o.slug: o for o in Organisation.objects.all()}
    for code, municipality in municipalities.items():
        teams = {t.slug: t for t in Team.objects.filter(municipality=municipality)}
        if not municipality.channels.exists():
            _channels(catalogue.municipality_contacts(municipality.name), municipality=municipality)
        for team_contacts in catalogue.team_contacts(municipality.name):
            team = teams[team_contacts.team]
            if not team.channels.exists():
                _channels(team_contacts.contacts, team=team)
        for r in catalogue.responsibilities(code):
            topic = topics[r.topic] if r.topic else None
            if Responsibility.objects.filter(
                municipality=municipality, domain=r.domain, topic=topic
            ).exists():
                continue
            row = Responsibility.objects.create(
                municipality=municipality,
                domain=r.domain,
                topic=topic,
                help_team=teams.get(r.help_team),
                help_organisation=organisations.get(r.help_organisation),
                complaint_team=teams.get(r.complaint_team),
                complaint_organisation=organisations.get(r.complaint_organisation),
                escalation_team=teams.get(r.escalation_team),
                what_happens=r.what_happens,
                oversight=r.oversight,
                decision_reference=r.decision_reference,
                decision_date=r.decision_date,
            )
            row.support.set([organisations[slug] for slug in r.support])
