"""The domain vocabulary of Regie (DESIGN.md): Dutch legal words as values, English structure.

One place for the choices so that forms, the API, the demo generator and reports agree.
"""

from __future__ import annotations

from django.db import models


class Kind(models.TextChoices):
    KLACHT = "klacht", "Klacht"
    SIGNAAL = "signaal", "Signaal"
    MELDING = "melding", "Melding"
    HULPVRAAG = "hulpvraag", "Hulpvraag"


# The reference prefix per kind: KL-0363-2026-000123 (cases.services.intake).
REFERENCE_PREFIX = {
    Kind.KLACHT: "KL",
    Kind.SIGNAAL: "SG",
    Kind.MELDING: "ML",
    Kind.HULPVRAAG: "HV",
}


class Domain(models.TextChoices):
    WMO = "wmo", "Wmo (ondersteuning)"
    JEUGD = "jeugd", "Jeugd"
    WERK_EN_INKOMEN = "werk-en-inkomen", "Werk en inkomen"
    SCHULDHULP = "schuldhulp", "Schuldhulp"
    OVERIG = "overig", "Overig"


class Channel(models.TextChoices):
    WEB = "web", "Website"
    TELEFOON = "telefoon", "Telefoon"
    BALIE = "balie", "Balie"
    EMAIL = "email", "E-mail"
    BRIEF = "brief", "Brief"
    WIJKTEAM = "wijkteam", "Wijkteam"
    AANBIEDER = "aanbieder", "Aanbieder"
    API = "api", "Koppeling (API)"


# Channels where a complaint is spoken, not written (Awb 9:2 rather than 9:4).
ORAL_CHANNELS = frozenset({Channel.TELEFOON, Channel.BALIE, Channel.WIJKTEAM})


class Procedure(models.TextChoices):
    """Which procedure a complaint gets (Awb 9:2, 9:4; LEGAL.md §1). Only written complaints
    with a name and an address get the whole of 9:5-9:12 and count in the 9:12a register;
    the others are handled properly all the same, never refused."""

    SCHRIFTELIJK = "schriftelijk", "Schriftelijke klacht (Awb 9:4 tot en met 9:12)"
    MONDELING = "mondeling", "Mondelinge klacht (Awb 9:2)"
    ONVOLLEDIG = "onvolledig", "Klacht zonder adres (Awb 9:2)"


class Urgency(models.TextChoices):
    NORMAAL = "normaal", "Normaal"
    SPOED = "spoed", "Spoed"


class Status(models.TextChoices):
    """Where a case is in its life. Which step may follow which, per kind, is
    `regie.cases.workflow`; the values are part of the API."""

    ONTVANGEN = "ontvangen", "Ontvangen"
    IN_GESPREK = "in-gesprek", "In gesprek (informeel)"
    IN_BEHANDELING = "in-behandeling", "In behandeling"
    FORMEEL = "formeel", "Formele klachtbehandeling"
    HOORZITTING = "hoorzitting", "Hoorzitting"
    GEESCALEERD = "geescaleerd", "Geëscaleerd"
    AFGEHANDELD = "afgehandeld", "Afgehandeld"
    NAZORG = "nazorg", "Nazorg"
    BIJ_OMBUDSMAN = "bij-ombudsman", "Bij de ombudsman"
    GESLOTEN = "gesloten", "Gesloten"
    INGETROKKEN = "ingetrokken", "Ingetrokken"
    UITGEVALLEN = "uitgevallen", "Uitgevallen"


# Statuses in which the handling is over: no new deadline facts, and unmet deadlines are
# history, not work.
CONCLUDED_STATUSES = frozenset(
    {
        Status.AFGEHANDELD,
        Status.NAZORG,
        Status.BIJ_OMBUDSMAN,
        Status.GESLOTEN,
        Status.INGETROKKEN,
        Status.UITGEVALLEN,
    }
)
# Statuses in which a case is nobody's task any more. A case in follow-up or with the
# ombudsman still is someone's: to call back, to record what the ombudsman found.
CLOSED_STATUSES = CONCLUDED_STATUSES - {Status.NAZORG, Status.BIJ_OMBUDSMAN}


class Outcome(models.TextChoices):
    """How a case ended. For a complaint the Awb words (gegrond …); informal resolution
    (Awb 9:5) is its own outcome because it is the route the ombudsman wants first."""

    OPGELOST = "opgelost", "Opgelost in overleg"
    GEGROND = "gegrond", "Klacht gegrond"
    DEELS_GEGROND = "deels-gegrond", "Klacht deels gegrond"
    ONGEGROND = "ongegrond", "Klacht ongegrond"
    NIET_BEHANDELD = "niet-behandeld", "Niet in behandeling genomen (Awb 9:8)"
    DOORVERWEZEN = "doorverwezen", "Doorverwezen"
    AFGEROND = "afgerond", "Afgerond"


COMPLAINT_OUTCOMES = frozenset(
    {
        Outcome.OPGELOST,
        Outcome.GEGROND,
        Outcome.DEELS_GEGROND,
        Outcome.ONGEGROND,
        Outcome.NIET_BEHANDELD,
        Outcome.DOORVERWEZEN,
    }
)
OTHER_OUTCOMES = frozenset({Outcome.OPGELOST, Outcome.AFGEROND, Outcome.DOORVERWEZEN})


class Judgement(models.TextChoices):
    """The judgement on one element of a complaint (Awb 9:12: findings, judgement,
    conclusions). "Geen oordeel" when the facts cannot be established."""

    GEGROND = "gegrond", "Gegrond"
    DEELS_GEGROND = "deels-gegrond", "Deels gegrond"
    ONGEGROND = "ongegrond", "Ongegrond"
    GEEN_OORDEEL = "geen-oordeel", "Geen oordeel"


class Norm(models.TextChoices):
    """The ombudsman's behoorlijkheidswijzer: 22 norms in four groups (LEGAL.md §8). What a
    complaint element is about, in the words the ombudsman judges by."""

    # Open en duidelijk
    TRANSPARANTIE = "transparantie", "Transparantie"
    GOEDE_INFORMATIE = "goede-informatieverstrekking", "Goede informatieverstrekking"
    LUISTEREN = "luisteren", "Luisteren naar de burger"
    GOEDE_MOTIVERING = "goede-motivering", "Goede motivering"
    # Respectvol
    GRONDRECHTEN = "grondrechten", "Respecteren van grondrechten"
    ACTIEVE_DEELNAME = "actieve-deelname", "Bevorderen van actieve deelname"
    FATSOENLIJKE_BEJEGENING = "fatsoenlijke-bejegening", "Fatsoenlijke bejegening"
    FAIR_PLAY = "fair-play", "Fair play"
    EVENREDIGHEID = "evenredigheid", "Evenredigheid"
    BIJZONDERE_ZORG = "bijzondere-zorg", "Bijzondere zorg"
    # Betrokken en oplossingsgericht
    MAATWERK = "maatwerk", "Maatwerk"
    SAMENWERKING = "samenwerking", "Samenwerking"
    COULANCE = "coulance", "Coulance"
    VOORTVARENDHEID = "voortvarendheid", "Voortvarendheid"
    DE_ESCALATIE = "de-escalatie", "De-escalatie"
    # Eerlijk en betrouwbaar
    INTEGRITEIT = "integriteit", "Integriteit"
    BETROUWBAARHEID = "betrouwbaarheid", "Betrouwbaarheid"
    ONPARTIJDIGHEID = "onpartijdigheid", "Onpartijdigheid"
    REDELIJKHEID = "redelijkheid", "Redelijkheid"
    GOEDE_VOORBEREIDING = "goede-voorbereiding", "Goede voorbereiding"
    GOEDE_ORGANISATIE = "goede-organisatie", "Goede organisatie"
    PROFESSIONALITEIT = "professionaliteit", "Professionaliteit"


NORM_GROUPS: dict[str, tuple[Norm, ...]] = {
    "Open en duidelijk": (
        Norm.TRANSPARANTIE,
        Norm.GOEDE_INFORMATIE,
        Norm.LUISTEREN,
        Norm.GOEDE_MOTIVERING,
    ),
    "Respectvol": (
        Norm.GRONDRECHTEN,
        Norm.ACTIEVE_DEELNAME,
        Norm.FATSOENLIJKE_BEJEGENING,
        Norm.FAIR_PLAY,
        Norm.EVENREDIGHEID,
        Norm.BIJZONDERE_ZORG,
    ),
    "Betrokken en oplossingsgericht": (
        Norm.MAATWERK,
        Norm.SAMENWERKING,
        Norm.COULANCE,
        Norm.VOORTVARENDHEID,
        Norm.DE_ESCALATIE,
    ),
    "Eerlijk en betrouwbaar": (
        Norm.INTEGRITEIT,
        Norm.BETROUWBAARHEID,
        Norm.ONPARTIJDIGHEID,
        Norm.REDELIJKHEID,
        Norm.GOEDE_VOORBEREIDING,
        Norm.GOEDE_ORGANISATIE,
        Norm.PROFESSIONALITEIT,
    ),
}


class HearingSkipGround(models.TextChoices):
    """Why the complainant is not heard: only the grounds of Awb 9:10 lid 2."""

    KENNELIJK_ONGEGROND = "kennelijk-ongegrond", "De klacht is kennelijk ongegrond (9:10 lid 2 a)"
    AFGEZIEN = "afgezien", "De indiener wil niet gehoord worden (9:10 lid 2 b)"
    GEEN_REACTIE = (
        "geen-reactie",
        "De indiener heeft niet op tijd gezegd gehoord te willen worden (9:10 lid 2 c)",
    )


class RefusalGround(models.TextChoices):
    """Why a complaint is not handled: only the grounds of Awb 9:8."""

    AL_BEHANDELD = "al-behandeld", "Al eerder als klacht behandeld (9:8 lid 1 a)"
    OUDER_DAN_JAAR = "ouder-dan-een-jaar", "Langer dan een jaar geleden gebeurd (9:8 lid 1 b)"
    BEZWAAR = "bezwaar", "Er was of is bezwaar mogelijk (9:8 lid 1 c)"
    BEROEP = "beroep", "Er was of is beroep mogelijk (9:8 lid 1 d)"
    RECHTER = "rechter", "De zaak ligt bij de rechter (9:8 lid 1 e)"
    STRAFRECHT = "strafrecht", "Er loopt een strafrechtelijk onderzoek (9:8 lid 1 f)"
    TE_GERING = "te-gering", "Het belang of de ernst is duidelijk te klein (9:8 lid 2)"


class EscalationLevel(models.TextChoices):
    """The internal ladder before the ombudsman: each step has more mandate. The doorbraak
    function may make an exception to the rules to solve a resident's problem."""

    TEAMLEIDER = "teamleider", "Teamleider"
    MANAGER = "manager", "Manager"
    DOORBRAAK = "doorbraak", "Doorbraakfunctie"


class LetterKind(models.TextChoices):
    """The letters of the complaint procedure, each from a template the municipality edits."""

    ONTVANGSTBEVESTIGING = "ontvangstbevestiging", "Ontvangstbevestiging (Awb 9:6)"
    VERDAGING = "verdaging", "Verdaging van de behandeling (Awb 9:11)"
    NIET_BEHANDELEN = "niet-behandelen", "Besluit de klacht niet te behandelen (Awb 9:8)"
    UITNODIGING_HOORZITTING = "uitnodiging-hoorzitting", "Uitnodiging voor het horen (Awb 9:10)"
    VERSLAG_HOORZITTING = "verslag-hoorzitting", "Verslag van het horen (Awb 9:10)"
    CONCLUSIE = "conclusie", "Afhandeling van de klacht (Awb 9:12)"


class OrganisationKind(models.TextChoices):
    AANBIEDER = "aanbieder", "Aanbieder"
    GR = "gr", "Gemeenschappelijke regeling"
    # Independent help a resident can turn to: a confidential adviser (AKJ), client support,
    # the ombudsman, the objection committee. Cases are never "about" them.
    ONAFHANKELIJK = "onafhankelijk", "Onafhankelijke organisatie"


# Parties a case can be about (and be forwarded to): the outsourced ones.
OUTSOURCED_KINDS = frozenset({OrganisationKind.AANBIEDER, OrganisationKind.GR})


class ComplaintRoute(models.TextChoices):
    """Which rules govern a complaint about a party (LEGAL.md §5). A Wmo or youth-care
    provider follows its own complaint scheme with the term that scheme sets; the Wkkgz applies
    only to care under the Zvw or Wlz; a joint arrangement is a public body under the Awb."""

    KLACHTENREGELING = "klachtenregeling", "Eigen klachtenregeling van de aanbieder"
    WKKGZ = "wkkgz", "Wkkgz (zorg onder de Zvw of Wlz)"
    AWB = "awb-klacht", "Awb hoofdstuk 9 (openbaar lichaam)"


class Oversight(models.TextChoices):
    """How far the municipality keeps outsourced work in view, as the council or college
    decided (DESIGN.md point 2)."""

    VOLLEDIG = "volledig", "Volledig: elke zaak met status en uitkomst"
    SAMENVATTING = "samenvatting", "Samenvatting: aantallen en thema's, geen personen"
    GEEN = "geen", "Geen"


class ContactKind(models.TextChoices):
    """How a resident can reach a team or an organisation (the wegwijzer shows these)."""

    TELEFOON = "telefoon", "Telefoon"
    EMAIL = "email", "E-mail"
    ADRES = "adres", "Bezoekadres"
    POSTADRES = "postadres", "Postadres"
    OPENINGSTIJDEN = "openingstijden", "Openingstijden"
    WEBFORMULIER = "webformulier", "Formulier op internet"
    WEBSITE = "website", "Website"


class Role(models.TextChoices):
    MEDEWERKER = "medewerker", "Medewerker (KCC, wijkteam, consulent)"
    BEHANDELAAR = "behandelaar", "Klachtbehandelaar"
    COORDINATOR = "coordinator", "Coördinator / klachtencoördinator"
    OMBUDSFUNCTIONARIS = "ombudsfunctionaris", "Ombudsfunctionaris"
    AANBIEDER = "aanbieder", "Medewerker aanbieder of GR"
    MANAGEMENT = "management", "College en management"
    RAAD = "raad", "Raadslid"
    PRIVACY = "privacy", "Privacy officer"
    BEHEERDER = "beheerder", "Beheerder"
