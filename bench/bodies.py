"""Realistic intake bodies for POST /api/v1/cases, reproducible from a seed.

The mix follows what a municipality's partner systems send: mostly complaints and signals,
about the municipality itself or about an outsourced provider, often with an e-mail address
(which costs an outbox row and an SMTP conversation), sometimes anonymous.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

MUNICIPALITY = "GM9901"

KINDS = ["klacht", "signaal", "melding", "hulpvraag"]
KIND_WEIGHTS = [35, 25, 20, 20]

# Domain → the provider or joint arrangement that works in it for GM9901 (demo world).
PROVIDER_FOR_DOMAIN: dict[str, str | None] = {
    "wmo": "het-anker",
    "jeugd": "de-linde",
    "werk-en-inkomen": "sociale-dienst",
    "schuldhulp": "sociale-dienst",
    "overig": None,
}
DOMAINS = list(PROVIDER_FOR_DOMAIN)
DOMAIN_WEIGHTS = [35, 20, 20, 15, 10]

CHANNELS = ["telefoon", "web", "balie", "email", "wijkteam", "brief", "api"]
CHANNEL_WEIGHTS = [30, 25, 10, 15, 10, 5, 5]

SUBJECTS = {
    "wmo": ["Hulp bij het huishouden", "Thuiszorg komt niet", "Scootmobiel", "Traplift"],
    "jeugd": ["Wachtlijst jeugdhulp", "Contact met jeugdconsulent", "Vervoer naar school"],
    "werk-en-inkomen": ["Uitkering te laat", "Terugvordering bijstand", "Re-integratie"],
    "schuldhulp": ["Aanmelding schuldhulp", "Beslag op loon", "Geen reactie op aanvraag"],
    "overig": ["Bejegening aan de balie", "Brief niet begrepen", "Doorverwezen zonder antwoord"],
}

SENTENCES = [
    "Ik heb al drie keer gebeld maar er wordt niet teruggebeld.",
    "De afspraak van vorige week is zonder bericht niet doorgegaan.",
    "Mijn moeder is 84 en woont alleen; zij kan dit niet zelf regelen.",
    "Ik begrijp de brief die ik kreeg niet en weet niet wat ik moet doen.",
    "Sinds de overstap naar een nieuwe aanbieder gaat het steeds mis.",
    "Er is mij beloofd dat iemand langs zou komen, maar niemand is gekomen.",
    "Ik maak me zorgen over de buurman; de brievenbus puilt uit en de gordijnen blijven dicht.",
    "Mijn zoon staat al zeven maanden op een wachtlijst.",
    "De medewerker aan de balie was onvriendelijk en luisterde niet.",
    "Ik heb een betalingsachterstand en de deurwaarder heeft al een brief gestuurd.",
    "Ik wil graag dat iemand met mij meekijkt naar een oplossing.",
    "Het lijkt erop dat meer mensen in de wijk hier last van hebben.",
    "Ik heb de gevraagde papieren twee keer opgestuurd.",
    "Het gaat niet om geld, ik wil vooral dat dit niet nog eens gebeurt.",
    "Kunt u mij laten weten wie hier verantwoordelijk voor is?",
]

FIRST_NAMES = ["Anna", "Mohammed", "Sanne", "Pieter", "Fatima", "Joost", "Ilse", "Kofi", "Eva"]
LAST_NAMES = ["de Jong", "Jansen", "El Idrissi", "Bakker", "Visser", "Yilmaz", "Smit", "Mulder"]
RELATIONS = ["moeder", "vader", "buurvrouw", "cliënt", "zoon"]


def _person(rng: random.Random, *, email: bool, phone: bool) -> dict[str, Any]:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    number, mobile = rng.randrange(1000), rng.randrange(10_000_000, 99_999_999)
    person: dict[str, Any] = {"name": f"{first} {last}"}
    if email:
        person["email"] = f"{first}.{last}".lower().replace(" ", "") + f"{number}@example.nl"
    if phone:
        person["phone"] = f"06-{mobile}"
    return person


def intake_body(rng: random.Random, *, mail: bool, now: dt.datetime) -> dict[str, Any]:
    """One body. With `mail=False` every e-mail address is left out (a phone number instead),
    so the same mix runs without the outbox row and the SMTP conversation."""
    kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
    domain = rng.choices(DOMAINS, DOMAIN_WEIGHTS)[0]
    channel = rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
    body: dict[str, Any] = {
        "municipality": MUNICIPALITY,
        "kind": kind,
        "channel": channel,
        "domain": domain,
        "subject": rng.choice(SUBJECTS[domain]),
        # Two to eight sentences: roughly 100 to 600 characters, like real intakes.
        "description": " ".join(rng.sample(SENTENCES, rng.randint(2, 8))),
    }
    provider = PROVIDER_FOR_DOMAIN[domain]
    if provider and rng.random() < 0.5:
        body["about"] = provider
    # Draw every random number whatever the variant, so both variants get the same mix.
    wants_email, extra_phone, anonymous = rng.random(), rng.random(), rng.random()
    if kind in ("klacht", "hulpvraag"):
        # Complaints and help requests need a name and a way to reach the person.
        email = mail and wants_email < 0.75
        body["submitter"] = _person(rng, email=email, phone=not email or extra_phone < 0.3)
    elif anonymous < 0.4:
        body["submitter"] = {"anonymous": True}
    else:
        email = mail and wants_email < 0.6
        body["submitter"] = _person(rng, email=email, phone=not email)
    if rng.random() < 0.15:
        body["onBehalfOf"] = {"name": rng.choice(FIRST_NAMES), "relation": rng.choice(RELATIONS)}
    if rng.random() < 0.05:
        body["urgency"] = "spoed"
    if channel in ("telefoon", "balie", "brief") and rng.random() < 0.3:
        # Registered after the fact: the statutory clock starts at receipt, not at entry.
        earlier = now - dt.timedelta(minutes=rng.randint(5, 600))
        body["receivedAt"] = earlier.isoformat(timespec="seconds")
    return body


def body_pool(*, mail: bool, size: int, seed: int, now: dt.datetime) -> list[dict[str, Any]]:
    """Bodies made up front, so the load generator spends its CPU on sending, not composing."""
    rng = random.Random(seed)
    return [intake_body(rng, mail=mail, now=now) for _ in range(size)]


def has_email(body: dict[str, Any]) -> bool:
    return bool(body.get("submitter", {}).get("email"))
