"""The demo world (DESIGN.md): a region with two municipalities, two providers, a joint
arrangement, teams and a user for every role. Idempotent: running it twice changes nothing.

Tests use the same world, so what a test shows is what the demo shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from regie.accounts.models import Membership
from regie.directory.models import Municipality, Organisation, Region, Team
from regie.vocabulary import Domain, OrganisationKind, Role

# Printed by `regie demo`; only demo users have it. Never used outside the demo world.
DEMO_PASSWORD = "regie-demo-2026"  # noqa: S105

MUNICIPALITIES = [("GM9901", "Gemeente Aa en Zee"), ("GM9902", "Gemeente Hooglanden")]

ORGANISATIONS = [
    ("het-anker", "Thuiszorg Het Anker", OrganisationKind.AANBIEDER, [Domain.WMO]),
    ("de-linde", "Jeugdhulp De Linde", OrganisationKind.AANBIEDER, [Domain.JEUGD]),
    (
        "sociale-dienst",
        "Sociale Dienst Kust en Hooglanden",
        OrganisationKind.GR,
        [Domain.WERK_EN_INKOMEN, Domain.SCHULDHULP],
    ),
]

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
        "hooglanden", "Fatima", "Yilmaz", Role.BEHANDELAAR, municipality="GM9902", team="klachten"
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
    for slug, name, kind, domains in ORGANISATIONS:
        org, created = Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "domains": [str(d) for d in domains]}
        )
        if created:
            org.municipalities.set(municipalities.values())
    for municipality in municipalities.values():
        for team_slug, team_name, team_domains in TEAMS:
            Team.objects.get_or_create(
                municipality=municipality,
                slug=team_slug,
                defaults={"name": team_name, "domains": [str(d) for d in team_domains]},
            )
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
