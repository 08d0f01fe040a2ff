# ruff: noqa: E501
# The letters are prose: one paragraph a line, exactly as Beheer shows them for editing.
"""Regie's own wording of every letter, in plain Dutch (B1): short sentences, "u", no
jargon. Each says what happened, what happens next, by when, and where to go with
questions. A municipality may change the text in Beheer (`LetterTemplate`); without its own
text, this one is used.

Placeholders are `{word}` (see `placeholders.py`); which words a letter may use, and what
they mean, is `PLACEHOLDERS` and `ALLOWED`.
"""

from __future__ import annotations

from dataclasses import dataclass

from regie.vocabulary import LetterKind


@dataclass(frozen=True)
class DefaultText:
    subject: str
    body: str


# Every placeholder, with what it becomes: shown to the administrator who edits a letter.
PLACEHOLDERS: dict[str, str] = {
    "naam": "De naam van de indiener, zoals die bij de zaak staat.",
    "kenmerk": "Het kenmerk van de zaak, bijvoorbeeld KL-9901-2026-000123.",
    "soort": "Wat het is: klacht, hulpvraag, signaal of melding.",
    "ontvangen_op": "De datum waarop de gemeente de zaak ontving.",
    "datum": "De datum van de brief.",
    "gemeente": "De naam van de gemeente.",
    "termijn": "Wanneer de zaak af moet zijn, bijvoorbeeld 'uiterlijk dinsdag 24 maart 2026'.",
    "contact": "Hoe de inwoner de gemeente bereikt (telefoon, e-mail), uit Beheer.",
    "statuspagina": "Het internetadres waar de inwoner ziet hoe het met de zaak staat.",
    "nieuwe_datum": "De nieuwe datum na het verdagen.",
    "grond": "Waarom de gemeente de klacht niet behandelt (een grond uit artikel 9:8).",
    "hoorzitting_datum": "De datum van het gesprek (horen).",
    "hoorzitting_tijd": "Het tijdstip van het gesprek.",
    "hoorzitting_plaats": "Waar het gesprek is.",
    "verslag": "Het verslag van het gesprek, zoals de behandelaar het schreef.",
    "uitkomst": "Het oordeel over de klacht als geheel, in gewone woorden.",
    "oordelen": "Per onderdeel van de klacht: het oordeel, de behoorlijkheidsnorm, waarom, "
    "en wat de gemeente gaat doen. Regie vult dit zelf in.",
    "ombudsman": "De naam van de ombudsman.",
    "ombudsman_url": "Het internetadres van de ombudsman.",
    "ombudsman_termijn": "Tot wanneer de inwoner naar de ombudsman kan (één jaar na de "
    "afhandeling).",
    "ombudsman_route": "Een alinea over de ombudsman: wie, hoe, en tot wanneer. Regie vult "
    "dit zelf in.",
}

COMMON = ("naam", "kenmerk", "soort", "ontvangen_op", "datum", "gemeente", "contact")
OMBUDSMAN = ("ombudsman", "ombudsman_url", "ombudsman_termijn", "ombudsman_route")

# Which placeholders each letter may use.
ALLOWED: dict[str, tuple[str, ...]] = {
    LetterKind.ONTVANGSTBEVESTIGING: (*COMMON, "termijn", "statuspagina"),
    LetterKind.VERDAGING: (*COMMON, "nieuwe_datum", "statuspagina"),
    LetterKind.NIET_BEHANDELEN: (*COMMON, "grond", *OMBUDSMAN),
    LetterKind.UITNODIGING_HOORZITTING: (
        *COMMON,
        "hoorzitting_datum",
        "hoorzitting_tijd",
        "hoorzitting_plaats",
        "termijn",
    ),
    LetterKind.VERSLAG_HOORZITTING: (*COMMON, "hoorzitting_datum", "verslag", "termijn"),
    LetterKind.CONCLUSIE: (*COMMON, "uitkomst", "oordelen", *OMBUDSMAN),
}

GREETING = "Met vriendelijke groet,\n\n{gemeente}"
QUESTIONS = "Heeft u vragen? {contact} Noem dan het kenmerk {kenmerk}."

DEFAULTS: dict[str, DefaultText] = {
    LetterKind.ONTVANGSTBEVESTIGING: DefaultText(
        subject="Wij hebben uw {soort} ontvangen",
        body=f"""Beste {{naam}},

Op {{ontvangen_op}} hebben wij uw {{soort}} ontvangen. Dank u wel dat u dit aan ons laat weten.

Uw {{soort}} heeft het kenmerk {{kenmerk}}.

Wat gebeurt er nu?
Een medewerker neemt contact met u op. Samen kijken wij wat er nodig is. U hoort {{termijn}} wat wij hebben gedaan.

Hoe het ervoor staat, ziet u op: {{statuspagina}}

{QUESTIONS}

{GREETING}""",
    ),
    LetterKind.VERDAGING: DefaultText(
        subject="Wij hebben meer tijd nodig voor uw klacht",
        body=f"""Beste {{naam}},

Op {{ontvangen_op}} hebben wij uw klacht ontvangen. Wij willen uw klacht goed behandelen. Dat lukt niet op tijd. Daarom nemen wij meer tijd.

Wat betekent dit voor u?
U krijgt uiterlijk {{nieuwe_datum}} een brief met ons oordeel over uw klacht. De wet staat toe dat wij de behandeling één keer met hooguit 4 weken uitstellen (Algemene wet bestuursrecht, artikel 9:11).

Het spijt ons dat het langer duurt.

Hoe het ervoor staat, ziet u op: {{statuspagina}}

{QUESTIONS}

{GREETING}""",
    ),
    LetterKind.NIET_BEHANDELEN: DefaultText(
        subject="Wij behandelen uw klacht niet",
        body=f"""Beste {{naam}},

Op {{ontvangen_op}} hebben wij uw klacht ontvangen. Wij hebben besloten uw klacht niet te behandelen.

Waarom niet?
{{grond}}
In dat geval hoeven wij een klacht niet te behandelen. Dat staat in de wet (Algemene wet bestuursrecht, artikel 9:8).

Bent u het hier niet mee eens?
{{ombudsman_route}}

{QUESTIONS}

{GREETING}""",
    ),
    LetterKind.UITNODIGING_HOORZITTING: DefaultText(
        subject="Uitnodiging voor een gesprek over uw klacht",
        body=f"""Beste {{naam}},

U heeft een klacht bij ons ingediend. Wij willen graag met u praten over uw klacht. U kunt dan zelf vertellen wat er is gebeurd. Dit heet horen. Het staat in de wet (Algemene wet bestuursrecht, artikel 9:10).

Wanneer en waar?
Datum: {{hoorzitting_datum}}
Tijd: {{hoorzitting_tijd}}
Plaats: {{hoorzitting_plaats}}

U mag iemand meenemen, bijvoorbeeld een familielid of een vertrouwenspersoon.

Kunt u niet op deze dag? Of wilt u liever niet komen? Laat het ons dan zo snel mogelijk weten. {{contact}}

Na het gesprek beoordelen wij uw klacht. U krijgt {{termijn}} een brief met ons oordeel.

{GREETING}""",
    ),
    LetterKind.VERSLAG_HOORZITTING: DefaultText(
        subject="Verslag van het gesprek over uw klacht",
        body=f"""Beste {{naam}},

Op {{hoorzitting_datum}} hebben wij met u gesproken over uw klacht. Dank u wel voor uw tijd. Hieronder leest u wat wij hebben besproken.

{{verslag}}

Klopt er iets niet in dit verslag? Laat het ons dan binnen 2 weken weten. {{contact}}

Wat gebeurt er nu?
Wij beoordelen uw klacht. U krijgt {{termijn}} een brief met ons oordeel.

{GREETING}""",
    ),
    LetterKind.CONCLUSIE: DefaultText(
        subject="Ons oordeel over uw klacht",
        body=f"""Beste {{naam}},

Op {{ontvangen_op}} hebben wij uw klacht ontvangen. Wij hebben uw klacht onderzocht. In deze brief leest u ons oordeel.

Ons oordeel
{{uitkomst}}

{{oordelen}}

Bent u het niet eens met ons oordeel?
{{ombudsman_route}}

{QUESTIONS}

{GREETING}""",
    ),
}


def default_text(kind: str) -> DefaultText:
    return DEFAULTS[kind]
