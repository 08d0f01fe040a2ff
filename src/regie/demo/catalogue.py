"""The demo world's directory as plain data: who does what in Aa en Zee and Hooglanden, how
to reach them, and which complaint rules apply. Pure Python, so the history planner can read
the providers' complaint terms without a database; `world.py` writes it into the tables.

All contact details are fictional (`.example` addresses, 0000 numbers), except the websites
of the national bodies, which residents really use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from regie.vocabulary import ComplaintRoute, ContactKind, Domain, OrganisationKind, Oversight


@dataclass(frozen=True)
class Contact:
    kind: ContactKind
    value: str
    note: str = ""


@dataclass(frozen=True)
class OrganisationSpec:
    slug: str
    name: str
    kind: OrganisationKind
    domains: tuple[str, ...]
    description: str
    complaint_route: str = ""
    complaint_scheme: str = ""
    complaint_term_weeks: int | None = None
    complaint_scheme_basis: str = ""
    complaint_scheme_url: str = ""
    client_count: int | None = None
    contacts: tuple[Contact, ...] = ()


ORGANISATIONS: tuple[OrganisationSpec, ...] = (
    OrganisationSpec(
        slug="het-anker",
        name="Thuiszorg Het Anker",
        kind=OrganisationKind.AANBIEDER,
        domains=(Domain.WMO,),
        description="Huishoudelijke hulp en begeleiding thuis, in opdracht van de gemeente.",
        complaint_route=ComplaintRoute.KLACHTENREGELING,
        complaint_scheme="Klachtenregeling Thuiszorg Het Anker 2025",
        complaint_term_weeks=6,
        complaint_scheme_basis="Wmo 2015 artikel 3.2",
        complaint_scheme_url="https://het-anker.example/klachten",
        client_count=1250,
        contacts=(
            Contact(ContactKind.TELEFOON, "0000 123 450", "op werkdagen van 8.30 tot 17.00 uur"),
            Contact(ContactKind.EMAIL, "klachten@het-anker.example"),
            Contact(ContactKind.WEBFORMULIER, "https://het-anker.example/klachten"),
        ),
    ),
    OrganisationSpec(
        slug="de-linde",
        name="Jeugdhulp De Linde",
        kind=OrganisationKind.AANBIEDER,
        domains=(Domain.JEUGD,),
        description="Jeugdhulp voor kinderen, jongeren en gezinnen, in opdracht van de gemeente.",
        complaint_route=ComplaintRoute.KLACHTENREGELING,
        complaint_scheme="Klachtenregeling De Linde (klachtencommissie jeugdhulp)",
        complaint_term_weeks=10,
        complaint_scheme_basis="Jeugdwet artikel 4.2.1",
        complaint_scheme_url="https://de-linde.example/klachtencommissie",
        client_count=480,
        contacts=(
            Contact(ContactKind.TELEFOON, "0000 234 560", "op werkdagen van 9.00 tot 17.00 uur"),
            Contact(ContactKind.EMAIL, "klachtencommissie@de-linde.example"),
        ),
    ),
    OrganisationSpec(
        slug="sociale-dienst",
        name="Sociale Dienst Kust en Hooglanden",
        kind=OrganisationKind.GR,
        domains=(Domain.WERK_EN_INKOMEN, Domain.SCHULDHULP),
        description=(
            "Bijstand, werk en hulp bij schulden voor de inwoners van Aa en Zee en Hooglanden."
        ),
        complaint_route=ComplaintRoute.AWB,
        client_count=3100,
        contacts=(
            Contact(ContactKind.TELEFOON, "0000 345 670", "op werkdagen van 9.00 tot 12.00 uur"),
            Contact(ContactKind.ADRES, "Stationsplein 4, 1990 AB Aa en Zee", "balie open 9-16 uur"),
            Contact(ContactKind.WEBFORMULIER, "https://sociale-dienst.example/hulp-bij-geld"),
        ),
    ),
    OrganisationSpec(
        slug="akj",
        name="Vertrouwenspersoon jeugd (AKJ)",
        kind=OrganisationKind.ONAFHANKELIJK,
        domains=(Domain.JEUGD,),
        description=(
            "Een vertrouwenspersoon helpt u gratis en onafhankelijk als u een vraag of klacht "
            "heeft over jeugdhulp of jeugdbescherming."
        ),
        contacts=(Contact(ContactKind.WEBSITE, "https://www.akj.nl"),),
    ),
    OrganisationSpec(
        slug="clientondersteuning",
        name="Cliëntondersteuning Kust en Hooglanden",
        kind=OrganisationKind.ONAFHANKELIJK,
        domains=(Domain.WMO, Domain.JEUGD, Domain.WERK_EN_INKOMEN, Domain.SCHULDHULP),
        description=(
            "Een cliëntondersteuner denkt gratis met u mee en kan mee naar een gesprek met de "
            "gemeente of een aanbieder. Onafhankelijk van de gemeente."
        ),
        contacts=(
            Contact(ContactKind.TELEFOON, "0000 456 780", "op werkdagen van 9.00 tot 17.00 uur"),
            Contact(ContactKind.EMAIL, "info@clientondersteuning.example"),
        ),
    ),
    OrganisationSpec(
        slug="nationale-ombudsman",
        name="De Nationale ombudsman",
        kind=OrganisationKind.ONAFHANKELIJK,
        domains=tuple(d.value for d in Domain),
        description=(
            "Bent u niet tevreden over hoe de gemeente uw klacht heeft behandeld? Dan kunt u "
            "binnen een jaar naar de Nationale ombudsman. Dat is gratis."
        ),
        contacts=(Contact(ContactKind.WEBSITE, "https://www.nationaleombudsman.nl"),),
    ),
    OrganisationSpec(
        slug="bezwaarcommissie",
        name="Commissie bezwaarschriften Kust en Hooglanden",
        kind=OrganisationKind.ONAFHANKELIJK,
        domains=tuple(d.value for d in Domain),
        description=(
            "Bent u het niet eens met een besluit van de gemeente? Dan kunt u binnen 6 weken "
            "bezwaar maken. De commissie geeft de gemeente advies over uw bezwaar."
        ),
        contacts=(Contact(ContactKind.POSTADRES, "Postbus 1000, 1990 AA Aa en Zee"),),
    ),
)

COMPLAINT_TERM_WEEKS = {o.slug: o.complaint_term_weeks for o in ORGANISATIONS}
SCHEMES = {o.slug: o for o in ORGANISATIONS if o.complaint_term_weeks}


@dataclass(frozen=True)
class TopicSpec:
    slug: str
    name: str
    domain: str
    keywords: tuple[str, ...]
    description: str = ""


TOPICS: tuple[TopicSpec, ...] = (
    TopicSpec(
        "huishoudelijke-hulp",
        "Huishoudelijke hulp",
        Domain.WMO,
        (
            "huishoudelijke hulp",
            "hulp in de huishouding",
            "schoonmaakhulp",
            "schoonmaak",
            "schoonmaken",
            "poetshulp",
            "poetsen",
            "huishouden",
            "thuiszorg",
            "hulp thuis",
        ),
        "Hulp bij het schoonhouden van uw huis als u dat zelf niet meer kunt.",
    ),
    TopicSpec(
        "begeleiding",
        "Begeleiding thuis",
        Domain.WMO,
        ("begeleiding", "ambulante begeleiding", "structuur", "dagritme", "woonbegeleiding"),
        "Iemand die u helpt uw dag en uw huishouden te regelen.",
    ),
    TopicSpec(
        "hulpmiddelen",
        "Hulpmiddelen",
        Domain.WMO,
        ("hulpmiddel", "rolstoel", "scootmobiel", "rollator", "traplift", "tillift"),
        "Een rolstoel, scootmobiel of ander hulpmiddel om zelfstandig te blijven.",
    ),
    TopicSpec(
        "woningaanpassing",
        "Aanpassing van uw woning",
        Domain.WMO,
        ("woningaanpassing", "drempel", "badkamer", "douche", "aanpassing", "verbouwing"),
    ),
    TopicSpec(
        "vervoer",
        "Vervoer",
        Domain.WMO,
        ("vervoer", "taxi", "regiotaxi", "wmo-vervoer", "taxibus", "chauffeur"),
        "Vervoer naar de dagbesteding of om mensen te bezoeken.",
    ),
    TopicSpec(
        "dagbesteding",
        "Dagbesteding",
        Domain.WMO,
        ("dagbesteding", "dagopvang", "activiteiten overdag"),
    ),
    TopicSpec(
        "mantelzorg",
        "Steun voor mantelzorgers",
        Domain.WMO,
        ("mantelzorg", "mantelzorger", "respijtzorg", "logeeropvang", "overbelast", "ontlasten"),
    ),
    TopicSpec(
        "pgb",
        "Persoonsgebonden budget (pgb)",
        Domain.WMO,
        ("pgb", "persoonsgebonden budget", "budgethouder", "zorgverlener betalen"),
    ),
    TopicSpec(
        "beschermd-wonen",
        "Beschermd wonen en opvang",
        Domain.WMO,
        ("beschermd wonen", "opvang", "dakloos", "daklozen", "nachtopvang", "geen woonplek"),
    ),
    TopicSpec(
        "jeugdhulp",
        "Jeugdhulp",
        Domain.JEUGD,
        (
            "jeugdhulp",
            "jeugdzorg",
            "opvoeding",
            "opvoeden",
            "kind",
            "kinderen",
            "zoon",
            "dochter",
            "puber",
            "gezin",
            "jeugd-ggz",
            "hulpverlener",
        ),
        "Hulp voor kinderen, jongeren en ouders als het thuis, op school of met opvoeden "
        "niet goed gaat.",
    ),
    TopicSpec(
        "jeugdbescherming",
        "Jeugdbescherming",
        Domain.JEUGD,
        ("jeugdbescherming", "ondertoezichtstelling", "uithuisplaatsing", "voogd", "veilig thuis"),
    ),
    TopicSpec(
        "bijstand",
        "Bijstand",
        Domain.WERK_EN_INKOMEN,
        (
            "bijstand",
            "uitkering",
            "bijstandsuitkering",
            "geen inkomen",
            "participatiewet",
            "geld om van te leven",
        ),
        "Geld om van te leven als u geen werk of ander inkomen heeft.",
    ),
    TopicSpec(
        "bijzondere-bijstand",
        "Bijzondere bijstand en toeslagen",
        Domain.WERK_EN_INKOMEN,
        ("bijzondere bijstand", "energietoeslag", "toeslag", "vergoeding", "kosten"),
    ),
    TopicSpec(
        "terugvordering",
        "Terugvordering en boetes",
        Domain.WERK_EN_INKOMEN,
        ("terugvordering", "terugbetalen", "boete", "maatregel", "sanctie", "korting"),
    ),
    TopicSpec(
        "werk",
        "Werk zoeken",
        Domain.WERK_EN_INKOMEN,
        ("werk", "baan", "re-integratie", "solliciteren", "werkloos"),
    ),
    TopicSpec(
        "schulden",
        "Schulden",
        Domain.SCHULDHULP,
        (
            "schulden",
            "schuld",
            "schuldhulp",
            "schuldhulpverlening",
            "rekeningen",
            "betalingsachterstand",
            "achterstand",
            "huurachterstand",
            "deurwaarder",
            "beslag",
            "incasso",
            "aanmaning",
            "afgesloten",
            "afsluiting",
            "gas en licht",
            "budgetbeheer",
            "geen geld",
        ),
        "Hulp als u rekeningen niet meer kunt betalen.",
    ),
    # Complaints about the municipality's own conduct (Awb chapter 9). No responsibility of
    # its own: it falls back to the municipality's "overig" row, its complaint team.
    TopicSpec(
        "klacht-over-de-gemeente",
        "Klacht over de gemeente",
        Domain.OVERIG,
        (
            "klacht over de gemeente",
            "ambtenaar",
            "medewerker van de gemeente",
            "gemeentehuis",
            "consulent",
            "loket",
            "balie",
            "onbeleefd",
            "onvriendelijk",
            "bejegening",
            "niet teruggebeld",
            "niet gebeld",
            "geen antwoord",
            "brief van de gemeente",
        ),
        "U bent niet tevreden over hoe de gemeente of een medewerker van de gemeente u heeft "
        "behandeld.",
    ),
)


@dataclass(frozen=True)
class ResponsibilitySpec:
    domain: str
    topic: str = ""  # a topic slug; empty for the domain as a whole
    help_team: str = ""  # a team slug of the municipality
    help_organisation: str = ""
    complaint_team: str = ""
    complaint_organisation: str = ""
    escalation_team: str = ""
    support: tuple[str, ...] = ()
    what_happens: str = ""
    oversight: str = ""
    decision_reference: str = ""
    decision_date: dt.date | None = None


MUNICIPAL = "klachten"  # the team that handles complaints about the municipality itself
_WMO_CONTRACT = ("Raadsbesluit 2024-031 inkoop Wmo en jeugdhulp", dt.date(2024, 6, 27))


def responsibilities(code: str) -> tuple[ResponsibilitySpec, ...]:
    """Who does what in a municipality of the demo region. Hooglanden keeps only a summary
    of youth care in view (a different council decision), to show both oversight levels."""
    youth_oversight = Oversight.VOLLEDIG if code == "GM9901" else Oversight.SAMENVATTING
    youth_decision = (
        _WMO_CONTRACT
        if code == "GM9901"
        else ("Collegebesluit 2024-112 toezicht jeugdhulp", dt.date(2024, 9, 10))
    )
    return (
        ResponsibilitySpec(
            Domain.WMO,
            help_team="wmo",
            complaint_team=MUNICIPAL,
            support=("clientondersteuning",),
            what_happens=(
                "Een consulent van de gemeente belt u binnen 3 werkdagen voor een gesprek over "
                "wat u nodig heeft."
            ),
        ),
        ResponsibilitySpec(
            Domain.WMO,
            topic="huishoudelijke-hulp",
            help_organisation="het-anker",
            complaint_organisation="het-anker",
            escalation_team=MUNICIPAL,
            support=("clientondersteuning",),
            what_happens=(
                "Thuiszorg Het Anker doet de huishoudelijke hulp voor de gemeente. Gaat er iets "
                "mis, bespreek het dan eerst met Het Anker. Lukt dat niet, dan kunt u een klacht "
                "indienen bij Het Anker. De gemeente houdt zicht op hoe dat gaat."
            ),
            oversight=Oversight.VOLLEDIG,
            decision_reference=_WMO_CONTRACT[0],
            decision_date=_WMO_CONTRACT[1],
        ),
        ResponsibilitySpec(
            Domain.WMO,
            topic="begeleiding",
            help_organisation="het-anker",
            complaint_organisation="het-anker",
            escalation_team=MUNICIPAL,
            support=("clientondersteuning",),
            oversight=Oversight.VOLLEDIG,
            decision_reference=_WMO_CONTRACT[0],
            decision_date=_WMO_CONTRACT[1],
        ),
        ResponsibilitySpec(
            Domain.JEUGD,
            help_team="jeugd",
            complaint_team=MUNICIPAL,
            support=("akj",),
            what_happens="Een jeugdconsulent van de gemeente neemt binnen 3 werkdagen contact op.",
        ),
        ResponsibilitySpec(
            Domain.JEUGD,
            topic="jeugdhulp",
            help_organisation="de-linde",
            complaint_organisation="de-linde",
            escalation_team=MUNICIPAL,
            support=("akj",),
            what_happens=(
                "Jeugdhulp De Linde geeft de jeugdhulp voor de gemeente. Een klacht over De "
                "Linde gaat naar de klachtencommissie van De Linde. Een vertrouwenspersoon van "
                "het AKJ kan u daarbij gratis helpen."
            ),
            oversight=youth_oversight,
            decision_reference=youth_decision[0],
            decision_date=youth_decision[1],
        ),
        *(_income_and_debts_by_the_gr() if code == "GM9902" else _income_and_debts_at_home()),
        ResponsibilitySpec(
            Domain.OVERIG,
            help_team=MUNICIPAL,
            complaint_team=MUNICIPAL,
            support=("clientondersteuning",),
            what_happens=(
                "De gemeente bekijkt uw vraag of klacht en neemt binnen 3 werkdagen contact met "
                "u op. Vaak lossen we het samen op in een gesprek."
            ),
        ),
    )


def _income_and_debts_by_the_gr() -> tuple[ResponsibilitySpec, ...]:
    """Hooglanden leaves work, income and debt help to the joint arrangement."""
    decision = "Gemeenschappelijke regeling Sociale Dienst Kust en Hooglanden"
    return (
        ResponsibilitySpec(
            Domain.WERK_EN_INKOMEN,
            help_organisation="sociale-dienst",
            complaint_organisation="sociale-dienst",
            escalation_team=MUNICIPAL,
            support=("clientondersteuning",),
            what_happens=(
                "De Sociale Dienst Kust en Hooglanden doet bijstand en werk voor de gemeente. "
                "Zij nemen binnen 5 werkdagen contact met u op."
            ),
            oversight=Oversight.VOLLEDIG,
            decision_reference=decision,
            decision_date=dt.date(2021, 1, 1),
        ),
        ResponsibilitySpec(
            Domain.SCHULDHULP,
            help_organisation="sociale-dienst",
            complaint_organisation="sociale-dienst",
            escalation_team=MUNICIPAL,
            support=("clientondersteuning",),
            what_happens=(
                "De Sociale Dienst helpt bij schulden voor de gemeente. U krijgt binnen 4 "
                "weken een eerste gesprek. Dreigt er een huisuitzetting of afsluiting van gas, "
                "licht of water? Dan binnen 3 werkdagen."
            ),
            oversight=Oversight.VOLLEDIG,
            decision_reference=decision,
            decision_date=dt.date(2021, 1, 1),
        ),
    )


def _income_and_debts_at_home() -> tuple[ResponsibilitySpec, ...]:
    """Aa en Zee helps with debts itself, with its own team; the joint arrangement pays out
    social assistance."""
    return (
        ResponsibilitySpec(
            Domain.WERK_EN_INKOMEN,
            help_team="schuldhulp",
            complaint_team=MUNICIPAL,
            support=("clientondersteuning",),
            what_happens=(
                "Een consulent van het team Schuldhulp en inkomen belt u binnen 3 werkdagen."
            ),
        ),
        ResponsibilitySpec(
            Domain.SCHULDHULP,
            help_team="schuldhulp",
            complaint_team=MUNICIPAL,
            support=("clientondersteuning",),
            what_happens=(
                "U krijgt binnen 4 weken een eerste gesprek met het team Schuldhulp. Dreigt er "
                "een huisuitzetting of afsluiting van gas, licht of water? Dan binnen 3 "
                "werkdagen."
            ),
        ),
    )


@dataclass(frozen=True)
class TeamContacts:
    team: str
    contacts: tuple[Contact, ...] = field(default_factory=tuple)


def municipality_contacts(name: str) -> tuple[Contact, ...]:
    town = name.removeprefix("Gemeente ").lower().replace(" ", "")
    return (
        Contact(ContactKind.TELEFOON, "14 0000", "op werkdagen van 8.30 tot 17.00 uur"),
        Contact(ContactKind.WEBSITE, f"https://www.{town}.example"),
    )


def team_contacts(name: str) -> tuple[TeamContacts, ...]:
    town = name.removeprefix("Gemeente ").lower().replace(" ", "")
    return (
        TeamContacts(
            "klachten",
            (
                Contact(ContactKind.EMAIL, f"klachten@{town}.example"),
                Contact(ContactKind.POSTADRES, f"Postbus 1, {name.removeprefix('Gemeente ')}"),
            ),
        ),
        TeamContacts(
            "wmo",
            (Contact(ContactKind.TELEFOON, "14 0000", "vraag naar het Wmo-loket"),),
        ),
        TeamContacts(
            "jeugd",
            (Contact(ContactKind.TELEFOON, "14 0000", "vraag naar het jeugdteam"),),
        ),
        TeamContacts(
            "schuldhulp",
            (Contact(ContactKind.TELEFOON, "14 0000", "vraag naar schuldhulp"),),
        ),
    )
