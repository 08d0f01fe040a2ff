"""What residents, staff and providers write in the demo: scenarios and their Dutch texts.

A scenario is one recognisable situation ("the Wmo taxi was late", "a neighbour worries about
the man next door"). Its texts are templates with slots (`{straat}`, `{minuten}`, `{p}` …)
that the generator fills per case, and it is written in up to two voices:

- `first`: the person concerned writes themselves ("ik"); for youth care, the parent
  writes about their child;
- `other`: a neutral account *about* the person concerned, called `{p}` ("mijn moeder",
  "mw.", "cliënt", "mevrouw Öztürk") with pronouns `{hij}`, `{zijn}`, `{hem}`. The same
  templates serve a daughter's web form, a KCC phone note and a provider's report: only the
  frame around them differs (see FRAMES);
- `told`: what only the relative or neighbour can say ("ik heb aangebeld"), used when they
  write themselves.

Each voice has its own optional extra sentences (`extra_first`, `extra_other`, `extra_told`).
Staff write `note` lines on the timeline (a provider `provider_note`); the lines named after an
outcome (`opgelost`, `gegrond`, `afgerond` …) are how a handler sums up the story when the case
is concluded (see CONCLUSIONS for the lines that fit every scenario).
A story may start with the subjects that fit it, `[Taxi kwam niet opdagen] De taxi …`; the
scenario's `subject` lines are the general subjects that fit all of its stories.

A slot written with a capital (`{P}`, `{Toen}`) is the same value with a capital letter.

The texts are B1 Dutch as residents write it: short sentences, sometimes angry, sometimes
with a typo (see `roughen`). Staff notes use the clipped style of a real KCC ("Mw. belt.").
The templates live in a small line format (`key: text`, continuation lines indented) so that
long Dutch sentences stay readable and a communications adviser can edit them without Python.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from regie.vocabulary import Channel, Domain, Kind


def parse_block(text: str) -> dict[str, tuple[str, ...]]:
    """`key: value` lines; an indented line continues the previous value."""
    entries: dict[str, list[str]] = {}
    last: list[str] | None = None
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw[0].isspace():
            if last is None:
                raise ValueError(f"continuation line without an entry: {raw!r}")
            last[-1] = f"{last[-1]} {raw.strip()}"
            continue
        key, sep, value = raw.partition(":")
        if not sep:
            raise ValueError(f"line without 'key:': {raw!r}")
        last = entries.setdefault(key.strip(), [])
        last.append(value.strip())
    return {key: tuple(values) for key, values in entries.items()}


# Channel mixes. Older Wmo clients phone and write letters; parents and younger residents use
# the website; professionals report through the wijkteam.
RESIDENT = {"web": 38, "telefoon": 26, "email": 14, "balie": 8, "brief": 5, "wijkteam": 9}
OLDER = {"telefoon": 36, "web": 18, "email": 10, "balie": 9, "brief": 11, "wijkteam": 16}
YOUNG = {"web": 48, "telefoon": 22, "email": 16, "balie": 6, "brief": 2, "wijkteam": 6}
PROFESSIONAL = {"wijkteam": 55, "telefoon": 15, "email": 30}
ANONYMOUS_FRIENDLY = {"web": 50, "telefoon": 30, "email": 10, "brief": 4, "wijkteam": 6}


@dataclass(frozen=True)
class Scenario:
    key: str
    kind: str
    domain: str
    weight: float
    texts: Mapping[str, tuple[str, ...]]
    channels: Mapping[str, float] = field(default_factory=lambda: RESIDENT)
    # The outsourced party the case is about (Case.about), as a slug.
    about: str = ""
    # A provider or GR that may register this scenario itself (channels aanbieder and api).
    provider: str = ""
    provider_share: float = 0.0
    spoed: float = 0.0
    anonymous: float = 0.0
    on_behalf: float = 0.0
    relations: tuple[str, ...] = ()
    youth: bool = False
    # Month → multiplier: energy debts peak in winter, school transport in September.
    season: Mapping[int, float] = field(default_factory=dict)
    # Weight multiplier at the start and at the end of the generated period (a slow trend).
    trend: tuple[float, float] = (1.0, 1.0)
    # Some situations are only ever reported by professionals (vroegsignalering).
    professional_only: bool = False
    # Whether the case is about one person (who may be named, called, visited) or about
    # something that affects many (most signals).
    concerns_person: bool = True

    def lines(self, name: str) -> tuple[str, ...]:
        return self.texts.get(name, ())


def _s(key: str, kind: str, domain: str, weight: float, text: str, **options: Any) -> Scenario:
    options.setdefault("concerns_person", kind != Kind.SIGNAAL)
    return Scenario(
        key=key, kind=kind, domain=domain, weight=weight, texts=parse_block(text), **options
    )


K, H, M, S = Kind.KLACHT, Kind.HULPVRAAG, Kind.MELDING, Kind.SIGNAAL
WMO, JEUGD, WERK, SCHULD, OVERIG = (
    Domain.WMO,
    Domain.JEUGD,
    Domain.WERK_EN_INKOMEN,
    Domain.SCHULDHULP,
    Domain.OVERIG,
)
FAMILY = ("dochter", "zoon", "mantelzorger", "cliëntondersteuner", "buurvrouw", "partner")
CARERS = ("dochter", "zoon", "mantelzorger", "partner")

SCENARIOS: tuple[Scenario, ...] = (
    # ------------------------------------------------------------------ klachten (35 %)
    _s(
        "wmo-taxi-te-laat",
        K,
        WMO,
        5,
        """
subject: Wmo-taxi te laat
subject: Taxi weer niet op tijd
subject: Klacht over {vervoerder}
subject: Wmo-vervoer {minuten} minuten te laat
first: [Rit naar {bestemming} gemist] {Toen} moest ik om {tijd} bij {bestemming} zijn. Ik had
  de taxi ruim op tijd besteld, maar hij kwam pas {minuten} minuten te laat. Mijn afspraak was
  toen al voorbij.
first: Sinds {vervoerder} het Wmo-vervoer doet gaat het steeds mis. Deze maand was de taxi al
  {keer} te laat. {Toen} stond ik {minuten} minuten buiten te wachten in de kou.
first: [Taxi kwam niet opdagen] De taxi zou mij {toen} om {tijd} ophalen voor {bestemming}. Er
  kwam niemand. Toen ik de centrale belde werd ik drie keer doorverbonden en uiteindelijk kwam
  de taxi {minuten} minuten later.
first: [Uren in de taxi; Wmo-taxi te laat] Ik zit in een rolstoel en ben afhankelijk van de
  Wmo-taxi. De chauffeur was {toen} niet alleen {minuten} minuten te laat, hij reed ook eerst
  nog drie andere mensen rond. Ik zat bijna twee uur in de taxi voor een rit van een kwartier.
first: Ik bestel altijd een dag van tevoren. Toch kwam de taxi {toen} weer {minuten} minuten
  te laat. Bij de centrale zeiden ze dat het druk was. Dat zeggen ze elke keer.
other: [Rit naar {bestemming} gemist] {P} is afhankelijk van de Wmo-taxi. {Toen} moest {hij}
  om {tijd} bij {bestemming} zijn, maar de taxi kwam {minuten} minuten te laat. {Hij} heeft de
  afspraak gemist.
other: [Taxi kwam niet opdagen] {P} had de taxi {toen} op tijd besteld voor {bestemming}. Er
  kwam niemand. Na {minuten} minuten wachten is de centrale van {vervoerder} gebeld, maar daar
  wist niemand van de rit.
other: Sinds {vervoerder} het vervoer doet is de taxi bij {p} vaak te laat, deze maand al
  {keer}. {Hij} durft bijna geen afspraken meer te maken.
other: {P} werd {toen} {minuten} minuten te laat opgehaald voor {bestemming} en moest daarna
  nog een uur wachten op de terugrit. {Hij} was daarna helemaal op.
extra_first: Ik heb al eerder geklaagd bij {vervoerder} maar daar hoor ik niks meer van.
extra_first: De chauffeurs kunnen er zelf ook niks aan doen, die hebben veel te veel ritten.
extra_first: Als ik te laat ben voor de dialyse schuift alles op en ben ik de hele dag kwijt.
extra_first: Vroeger ging dit gewoon goed. Waarom is dit veranderd?
extra_other: De chauffeur zei zelf dat de planning niet klopt.
extra_other: {Hij} heeft al eerder gebeld met {vervoerder}, zonder resultaat.
note: Rit van {datum} opgevraagd bij {vervoerder}. Volgens hun registratie was de taxi
  {minuten} minuten later dan gepland door een te krappe planning.
note: Klacht doorgestuurd naar contractmanager vervoer met de vraag hoe vaak dit deze maand is
  voorgekomen.
note: Besproken in het vervoersoverleg: veel klachten over te late ritten sinds de nieuwe
  planning. {Vervoerder} zegt extra busjes toe in de spits.
note: Compensatie aangeboden: de volgende rit zonder eigen bijdrage. {Contact} neemt dat aan.
# How the case ended (the handler's summary when concluding; see CONCLUSIONS).
opgelost: Met {contact} gebeld; excuses aangeboden namens de gemeente en {vervoerder}. De
  volgende rit is zonder eigen bijdrage.
opgelost: Rit nagevraagd bij {vervoerder}. {Contact} krijgt voortaan een vaste ophaaltijd voor
  {bestemming} en is tevreden.
gegrond: Volgens de ritgegevens van {vervoerder} was de taxi {minuten} minuten te laat door een
  te krappe planning. De vervoerder is hierop aangesproken volgens het contract.
ongegrond: Volgens de ritgegevens kwam de taxi binnen de afgesproken marge van een kwartier.
  Uitgelegd hoe de marge werkt en hoe {contact} een rit met een vaste tijd bestelt.
""",
        channels=OLDER,
        on_behalf=0.35,
        relations=CARERS,
    ),
    _s(
        "leerlingenvervoer",
        K,
        OVERIG,
        1.5,
        """
subject: Klacht leerlingenvervoer
subject: Leerlingenvervoer
first: [Leerlingenvervoer te laat; {Kind} te laat op school door taxi] Mijn {zoon} {kind}
  ({kind_leeftijd}) gaat met het leerlingenvervoer naar {school}. Het busje komt de laatste
  weken steeds te laat, {toen} zelfs {minuten} minuten. {Kind} raakt daar heel erg van in de
  war.
first: [Busje naar school kwam niet] {Toen} kwam het taxibusje voor {kind} helemaal niet.
  Niemand heeft ons gebeld. Ik heb {kind} zelf naar {school} gebracht en kwam daardoor te laat
  op mijn werk.
first: [Veel te lange rit voor {kind}] Sinds de nieuwe vervoerder zit {kind} elke ochtend
  {minuten} minuten langer in de bus omdat er een andere route wordt gereden. Voor een kind
  met autisme is dat niet te doen.
first: [Steeds andere chauffeur] Er zit steeds een andere chauffeur op het busje van {kind}.
  {Kind_hij} kent niemand en wil niet meer instappen. Ik heb dit al {keer} gemeld bij de
  vervoerder.
other: [Leerlingenvervoer te laat] {P} belt over {zoon} {kind} ({kind_leeftijd}), die met het
  leerlingenvervoer naar {school} gaat. Het busje was {toen} {minuten} minuten te laat.
other: [Busje naar school kwam niet] Het busje voor {kind} ({kind_leeftijd}) kwam {toen} niet
  opdagen. {P} heeft {kind_hem} zelf gebracht en is daardoor te laat op het werk gekomen.
extra_first: School belt mij nu ook al omdat {kind} te laat is.
extra_first: Ik snap dat er een tekort aan chauffeurs is, maar dit kan zo niet.
extra_other: School heeft ook al aan de bel getrokken.
note: Navraag gedaan bij de vervoerder: door een nieuwe routeplanning rijdt de bus van {kind}
  {minuten} minuten langer. Gevraagd de route aan te passen.
note: Contact met {school}: bevestigt dat {kind} de laatste weken vaak te laat was.
note: Vaste chauffeur voor deze route toegezegd door de vervoerder vanaf {afspraak}.
opgelost: Met de vervoerder afgesproken dat {kind} weer een vaste chauffeur en een kortere
  route krijgt. {Contact} is tevreden.
gegrond: De rit van {kind} duurde te lang en het busje kwam te laat. De vervoerder rijdt vanaf
  volgende week een kortere route.
""",
        channels=YOUNG,
        youth=True,
        season={9: 2.5, 10: 1.6, 8: 0.3, 7: 0.5},
    ),
    _s(
        "anker-hulp-komt-niet",
        K,
        WMO,
        6,
        """
subject: Klacht over Het Anker
subject: Problemen met huishoudelijke hulp
first: [Hulp komt niet; Huishoudelijke hulp niet gekomen; Thuiszorg afgezegd zonder bericht]
  Ik krijg huishoudelijke hulp van Het Anker. {Toen} is er weer niemand gekomen en er is ook
  niet gebeld. Dit is nu de {aantal}e keer in korte tijd.
first: [Steeds andere hulp van Het Anker] Elke week staat er iemand anders voor de deur. Ik
  moet steeds opnieuw uitleggen waar alles staat en wat er moet gebeuren. Vroeger had ik vaste
  hulp, {hulp}, maar die is weg.
first: [Hulp komt maar om de week] De hulp van Het Anker komt de laatste weken maar om de
  week. Het huis wordt een rommel en ik kan zelf niet meer stofzuigen door mijn rug.
first: [Al weken geen hulp; Hulp komt niet] Ik heb {weken} weken geen hulp gehad omdat Het
  Anker niemand heeft. Ik heb gebeld maar ze zeggen alleen dat ze personeel tekort hebben.
  Daar heb ik toch niks aan.
other: [Steeds andere hulp van Het Anker; Hulp komt niet] {P} krijgt huishoudelijke hulp van
  Het Anker. De laatste weken komt er steeds iemand anders en twee keer kwam er helemaal
  niemand, zonder bericht.
other: [Al weken geen hulp] Bij {p} is al {weken} weken geen hulp geweest. Het Anker zegt dat
  er geen personeel is. {Hij} kan zelf het huis niet schoonhouden.
other: [Vaste hulp vertrokken] De vaste hulp van {p}, {hulp}, is vertrokken. Sindsdien komt er
  elke keer een ander en wordt er maar de helft gedaan. {P} raakt daar erg van van slag.
extra_first: Ik ben {leeftijd} en woon alleen. Ik red het echt niet zonder hulp.
extra_first: Het is niet de schuld van de meisjes zelf hoor, die zijn aardig.
extra_first: Ik betaal er wel gewoon eigen bijdrage voor.
extra_other: {Hij} is {leeftijd} en woont alleen aan de {straat}.
extra_other: {Hij} wil geen gedoe maar zo gaat het echt niet langer.
note: Klacht voorgelegd aan Het Anker (teamleider {wijk}) met verzoek om reactie binnen vijf
  werkdagen.
note: Geïnventariseerd hoeveel klachten over uitval bij Het Anker er dit kwartaal zijn:
  meerdere. Meegenomen naar het contractoverleg.
note: Het Anker belt {contact} zelf om excuses te maken en een vaste hulp in te plannen.
provider_note: Reactie Het Anker: door ziekte in team {wijk} zijn diensten uitgevallen. Cliënt
  krijgt vanaf {afspraak} weer een vaste hulp.
provider_note: Reactie Het Anker: excuses, de afmelding is niet doorgegeven door de planning.
  Gemiste uren worden ingehaald.
provider_note: Het Anker: we hebben met cliënt gebeld. Vaste hulp {hulp} komt terug op de
  dinsdag. Cliënt is tevreden.
opgelost: Met {contact} gebeld; excuses aangeboden en nieuwe afspraak met Het Anker gemaakt.
opgelost: Het Anker heeft een vaste hulp ingepland vanaf {afspraak}. {Contact} is tevreden en
  wil geen formele afhandeling.
gegrond: Het Anker is afspraken niet nagekomen en heeft niet afgebeld. Het Anker heeft een
  verbeterplan gestuurd; de contractmanager volgt dit.
ongegrond: Het Anker is volgens de planning gekomen; de gemiste dag was zelf afgezegd. Dit in
  een gesprek rustig uitgelegd aan {contact}.
""",
        channels=OLDER,
        about="het-anker",
        provider="het-anker",
        provider_share=0.2,
        on_behalf=0.45,
        relations=FAMILY,
        trend=(0.5, 1.7),
    ),
    _s(
        "anker-bejegening",
        K,
        WMO,
        2.5,
        """
subject: Bejegening thuiszorg
subject: Klacht verzorging Het Anker
first: [Onvriendelijke verzorgende] De verzorgende van Het Anker die mij 's ochtends helpt met
  douchen was {toen} erg kortaf. Ze had haast en zei dat ik moest opschieten. Ik voelde me
  echt een nummer.
first: [Zorg op verkeerde tijd; Verzorging komt te laat] Ik word elke ochtend geholpen met
  aankleden. Afgesproken is {tijd}, maar ze komen soms pas om half elf. Tot die tijd zit ik in
  mijn pyjama te wachten.
first: [Medewerker keek in mijn kasten] Een medewerker van Het Anker heeft {toen} zonder te
  vragen in mijn kasten gekeken. Ik vind dat niet kunnen en ik voel me niet meer prettig in
  mijn eigen huis.
other: [Onvriendelijke verzorgende] De verzorgende van Het Anker was {toen} erg kortaf tegen
  {p}. {Hij} moest opschieten en werd niet goed afgedroogd.
other: [Zorg op verkeerde tijd] Voor {p} is afgesproken dat de zorg om {tijd} komt, maar ze
  komen soms pas rond het middaguur. {Hij} kan dan niet op tijd ontbijten en {zijn} medicijnen
  innemen.
other: [Niet serieus genomen] {P} voelt zich niet serieus genomen door de medewerkers van Het
  Anker. Er wordt over {hem} heen gepraat en er wordt niet gevraagd wat {hij} zelf wil.
extra_first: Ik durf er zelf niks van te zeggen want dan word ik straks niet meer geholpen.
extra_other: {Hij} durft er zelf niets van te zeggen, bang dat de zorg dan slechter wordt.
note: Klacht gedeeld met de klachtenfunctionaris van Het Anker (eigen klachtenregeling).
  Afgesproken dat zij eerst zelf contact opnemen.
note: {Contact} wil niet dat de medewerker hoort dat de klacht van {contact_hem} komt. Dit met
  Het Anker afgestemd.
provider_note: Het Anker: gesprek gevoerd met de medewerker. Tijdvenster voor de ochtendzorg
  aangepast naar uiterlijk {tijd}.
provider_note: Het Anker: excuses aangeboden tijdens huisbezoek door teamleider.
opgelost: Gesprek gehad met {contact} en de teamleider van Het Anker. Excuses gemaakt; er komt
  een andere medewerker.
gegrond: De medewerker van Het Anker heeft {contact} niet respectvol behandeld. Het Anker heeft
  excuses gemaakt en met de medewerker gesproken.
ongegrond: Niet vast te stellen wat er precies is gezegd: Het Anker en {contact} vertellen iets
  anders. Wel afspraken gemaakt over hoe ze met elkaar omgaan.
""",
        channels=OLDER,
        about="het-anker",
        provider="het-anker",
        provider_share=0.3,
        on_behalf=0.4,
        relations=FAMILY,
    ),
    _s(
        "wmo-aanvraag-duurt",
        K,
        WMO,
        5,
        """
subject: Aanvraag duurt te lang
subject: Nog steeds geen besluit
first: [Wachten op {hulpmiddel}] Ik heb in {maand} {hulpmiddel} aangevraagd. Er is een
  keukentafelgesprek geweest en daarna hoor ik niets meer. Dat is nu {weken} weken geleden.
first: [Niet teruggebeld door consulent] De Wmo-consulent zou mij terugbellen over mijn
  aanvraag. Dat is niet gebeurd. Ik heb zelf {keer} gebeld maar krijg steeds te horen dat het
  wordt doorgegeven.
first: [Wachten op aanpassing badkamer] Ik wacht al {maanden} maanden op een aanpassing in
  mijn badkamer. Ik kan nu alleen douchen als mijn dochter er is. Dit is toch niet normaal?
other: [Wachten op {hulpmiddel}] {P} heeft in {maand} {hulpmiddel} aangevraagd. Na het gesprek
  met de consulent is er niets meer gebeurd. Het is nu {weken} weken later.
other: [Wachten op {hulpmiddel}] {P} wacht al {maanden} maanden op een besluit over
  {hulpmiddel}. {Hij} is al {keer} gevallen in huis.
other: [Niet teruggebeld door consulent] De consulent zou {p} terugbellen maar dat is niet
  gebeurd. Bij het KCC kan niemand zeggen hoe het ervoor staat.
extra_first: Ik heb alle papieren ingeleverd die gevraagd werden.
extra_first: Ik begrijp dat het druk is maar dan wil ik dat wel horen.
extra_other: {Hij} kan zonder {hulpmiddel} eigenlijk het huis niet meer uit.
note: Dossier bekeken: aanvraag ligt sinds {datum} bij de ergotherapeut voor advies. Rappel
  gestuurd.
note: Consulent {consulent} gesproken; was ziek, de zaak is niet overgedragen. Nu opgepakt.
note: Besluit is aangehouden omdat de offerte van de leverancier ontbrak. Leverancier gebeld,
  offerte komt deze week.
opgelost: {Consulent} heeft {contact} gebeld en het keukentafelgesprek gepland op {afspraak}.
  {Contact} is tevreden.
gegrond: De aanvraag lag te lang stil; de wettelijke termijn is niet gehaald. Excuses
  aangeboden en het besluit binnen twee weken verstuurd.
ongegrond: De aanvraag is binnen de termijn behandeld; de vertraging kwam door een ontbrekend
  medisch advies. Dit uitgelegd aan {contact}.
""",
        channels=OLDER,
        on_behalf=0.4,
        relations=CARERS,
    ),
    _s(
        "wmo-bejegening-consulent",
        K,
        WMO,
        2,
        """
subject: Klacht over Wmo-consulent
first: [Consulent luisterde niet; Gesprek niet goed verlopen] Tijdens het keukentafelgesprek
  had de consulent haast en luisterde niet naar wat ik nodig heb. In het verslag staan dingen
  die ik niet gezegd heb.
first: [Besluit zonder huisbezoek] Ik kreeg een besluit over mijn huishoudelijke hulp zonder
  dat er iemand bij mij thuis is geweest. Ik krijg nu minder uren terwijl er niets is
  veranderd.
other: [Gesprek niet goed verlopen] Het gesprek met de consulent is voor {p} niet goed
  verlopen. Er is niet gevraagd wat {hij} zelf kan en in het verslag staan fouten.
other: [Besluit zonder huisbezoek; Minder uren hulp] {P} kreeg minder uren hulp zonder dat er
  iemand is langs geweest. {Hij} begrijpt niet waarom.
extra_first: Ik wil dat het verslag wordt aangepast.
extra_other: Er was geen cliëntondersteuner bij het gesprek, dat is ook niet aangeboden.
note: Gesproken met consulent {consulent}. Afgesproken dat een andere consulent een nieuw
  gesprek voert.
note: Uitgelegd dat er ook bezwaar kan worden gemaakt tegen het besluit; de termijn loopt nog.
  {Contact} wil eerst het gesprek afwachten.
opgelost: Gesprek met {contact} en de teamleider. {Consulent} heeft excuses gemaakt; een andere
  consulent neemt het over.
gegrond: {Consulent} heeft {contact} niet goed uitgelegd wat er ging gebeuren. Excuses
  gemaakt; het team bespreekt hoe het beter kan.
ongegrond: Hoorgesprek gehouden met {contact} en {consulent}. Het gesprek is volgens ons
  zorgvuldig gevoerd. Wel begrip getoond voor hoe {contact_hij} het heeft ervaren.
""",
        channels=OLDER,
        on_behalf=0.35,
        relations=("dochter", "zoon", "cliëntondersteuner", "mantelzorger"),
    ),
    _s(
        "linde-wachtlijst",
        K,
        JEUGD,
        4,
        """
subject: Wachtlijst De Linde
subject: Al maanden wachten op hulp
subject: Geen behandeling voor {kind}
first: Mijn {zoon} {kind} ({kind_leeftijd}) staat al {maanden} maanden op de wachtlijst bij De
  Linde. Het gaat steeds slechter met {kind_hem}. Niemand kan zeggen wanneer de behandeling
  begint.
first: We zijn in {maand} doorverwezen naar De Linde. Er is één intake geweest en daarna niets
  meer. {Kind} gaat nu al {weken} weken niet naar school.
first: Ik bel elke week met De Linde en krijg steeds te horen dat we bovenaan de lijst staan.
  Maar er gebeurt niks. Ik ben echt wanhopig.
other: {Zoon} {kind} ({kind_leeftijd}) staat al {maanden} maanden op de wachtlijst bij De
  Linde. {P} maakt zich grote zorgen, het gaat slechter met {kind_hem}.
other: Het gezin is in {maand} doorverwezen naar De Linde. Na de intake is er niets meer
  gebeurd. {Kind} zit thuis.
extra_first: Wie is er nou eigenlijk verantwoordelijk, de gemeente of De Linde?
extra_first: Ik kan niet meer werken omdat ik thuis moet blijven voor {kind}.
extra_other: {Hij} vraagt wie er verantwoordelijk is: de gemeente of De Linde.
note: Navraag bij De Linde: verwachte start behandeling over {weken} weken. Overbruggingszorg
  aangevraagd via het jeugdteam.
note: Casus besproken met de jeugdconsulent. Gekeken naar een andere aanbieder zonder
  wachtlijst.
note: Gebeld met {contact}: uitgelegd wat we doen. {Contact} is blij dat iemand meekijkt.
provider_note: Reactie De Linde: cliënt staat op plek {aantal} van de wachtlijst. Er is een
  overbruggingsgesprek gepland op {afspraak}.
provider_note: De Linde: excuses voor het uitblijven van bericht. Behandeling start
  {afspraak}.
opgelost: Met De Linde afgesproken dat {kind} overbruggingszorg krijgt tot de behandeling
  start. {Contact} kan hiermee verder.
gegrond: {Contact} is niet op de hoogte gehouden van de wachttijd voor {kind}. De Linde belt
  ouders op de wachtlijst nu elke maand.
ongegrond: De wachttijd bij De Linde valt binnen de afspraken in het contract. Uitgelegd welke
  overbrugging mogelijk is.
""",
        channels=YOUNG,
        about="de-linde",
        provider="de-linde",
        provider_share=0.05,
        youth=True,
        trend=(0.8, 1.3),
    ),
    _s(
        "linde-communicatie",
        K,
        JEUGD,
        2.5,
        """
subject: Klacht over jeugdhulp
subject: Klacht over De Linde
first: [Geen contact met behandelaar; Behandelaar weg zonder bericht] De behandelaar van mijn
  {zoon} bij De Linde is weggegaan en niemand heeft ons dat verteld. {Toen} stonden we voor
  een dichte deur.
first: [Afspraak afgezegd door De Linde] De Linde heeft al {keer} een afspraak voor {kind}
  afgezegd, steeds op het laatste moment. {Kind} had er juist zo tegen opgezien om te gaan.
first: [Niet betrokken bij behandeling] Ik word niet betrokken bij de behandeling van mijn
  {zoon}. Ik hoor niks over hoe het gaat en mijn mails worden niet beantwoord.
other: [Behandelaar weg zonder bericht] De behandelaar van {kind} bij De Linde is vertrokken
  zonder dat het gezin dat wist. {P} stond {toen} voor niets bij De Linde.
other: [Afspraak afgezegd door De Linde] De Linde heeft afspraken voor {kind}
  ({kind_leeftijd}) al {keer} op het laatste moment afgezegd. {P} is het vertrouwen kwijt.
extra_first: We willen gewoon dat er iemand is die ons op de hoogte houdt.
extra_other: {Hij} wil een vast aanspreekpunt.
note: Klacht doorgezet naar De Linde met het verzoek om contact met het gezin op te nemen.
note: Overleg met De Linde over bereikbaarheid: nieuwe behandelaar is toegewezen.
provider_note: De Linde: nieuwe behandelaar heeft contact gehad met {ouder}. Eerste afspraak
  op {afspraak}.
opgelost: De Linde heeft {contact} gebeld en een gesprek met de behandelaar van {kind} gepland
  op {afspraak}.
gegrond: De Linde heeft {contact} te laat en onvolledig verteld hoe de behandeling van {kind}
  gaat. Excuses gemaakt; er is nu een vaste contactpersoon.
""",
        channels=YOUNG,
        about="de-linde",
        provider="de-linde",
        provider_share=0.25,
        youth=True,
    ),
    _s(
        "jeugd-gemeente",
        K,
        JEUGD,
        2,
        """
first: [Beschikking jeugdhulp verlopen; Geen verlenging jeugdhulp] De beschikking voor de
  jeugdhulp van {kind} is verlopen. Ik heb op tijd om verlenging gevraagd maar er is niets
  gebeurd. De zorg is nu gestopt.
first: [Jeugdconsulent niet bereikbaar] Ik probeer al {weken} weken de jeugdconsulent te
  bereiken. Er wordt niet teruggebeld en mails worden niet beantwoord.
other: [Beschikking jeugdhulp verlopen] De beschikking jeugdhulp voor {kind} is verlopen
  terwijl {p} op tijd om verlenging heeft gevraagd. De begeleiding is nu gestopt.
other: [Jeugdconsulent niet bereikbaar] {P} kan de jeugdconsulent al {weken} weken niet
  bereiken.
extra_first: {Kind} heeft die begeleiding echt nodig, het ging juist beter.
note: Beschikking met terugwerkende kracht verlengd. Aanbieder geïnformeerd dat de zorg door
  kan gaan.
note: Consulent was met verlof, vervanging niet geregeld. Zaak overgedragen aan collega.
opgelost: Met {contact} de afspraken over {kind} op een rij gezet. De jeugdconsulent belt
  voortaan elke twee weken.
gegrond: De gemeente heeft {contact} niet op tijd laten weten wat er met de aanvraag voor {kind}
  gebeurde. Excuses gemaakt.
""",
        channels=YOUNG,
        youth=True,
    ),
    _s(
        "uitkering-te-laat",
        K,
        WERK,
        4,
        """
subject: Uitkering niet betaald
subject: Bijstand te laat
subject: Geen geld op mijn rekening
subject: Klacht Sociale Dienst
first: Mijn bijstandsuitkering is deze maand niet op tijd betaald. Ik heb geen geld voor
  boodschappen en mijn huur gaat nu ook niet af.
first: Ik heb nog steeds geen uitkering over {maand}. Ik heb het formulier gewoon op tijd
  ingeleverd. Bij de Sociale Dienst zeggen ze dat er een papier mist, maar welk papier?
first: Al {keer} is mijn uitkering te laat. Ik moet elke keer geld lenen van mijn zus. Ik
  schaam me daar kapot voor.
other: De bijstandsuitkering van {p} is deze maand niet betaald. {Hij} heeft geen geld voor
  eten en de huur.
other: {P} heeft de uitkering over {maand} nog niet ontvangen. Volgens de Sociale Dienst
  ontbreekt er een bankafschrift, maar dat is wel ingeleverd.
extra_first: Ik heb {aantal} kinderen, die moeten toch eten.
extra_first: Niemand neemt daar de telefoon op!!
extra_other: {Hij} heeft {aantal} kinderen thuis.
note: Navraag bij de Sociale Dienst: betaling stond vast door een ontbrekend bankafschrift.
  Afschrift blijkt wel ontvangen maar niet verwerkt. Betaling vandaag vrijgegeven.
note: Voorschot geregeld via de Sociale Dienst, geld staat binnen twee werkdagen op de
  rekening.
note: Verwezen naar de voedselbank voor de overbrugging; {contact} is daarmee geholpen.
provider_note: Sociale Dienst: betaling alsnog verwerkt op {afspraak}. Excuses aan klant
  gemaakt door klantmanager.
provider_note: Sociale Dienst: vertraging door overgang naar nieuw systeem. Klant krijgt
  voorschot.
opgelost: De Sociale Dienst heeft de betaling nagekeken en {bedrag} dezelfde week alsnog
  overgemaakt. {Contact} is tevreden.
gegrond: De uitkering is te laat betaald door een fout in de verwerking. De Sociale Dienst heeft
  {bedrag} alsnog betaald en excuses gemaakt.
ongegrond: De uitkering is op de gewone datum betaald; de vertraging zat bij de bank. Dit
  uitgelegd aan {contact}.
""",
        about="sociale-dienst",
        provider="sociale-dienst",
        provider_share=0.08,
        on_behalf=0.15,
        relations=("cliëntondersteuner", "partner", "dochter"),
    ),
    _s(
        "terugvordering-brief",
        K,
        WERK,
        1,
        """
subject: Brief terugvordering klopt niet
subject: Terugvordering bijstand
subject: Moet {bedrag} terugbetalen??
subject: Onterechte terugvordering
first: Ik kreeg een brief van de Sociale Dienst dat ik {bedrag} moet terugbetalen. Ik snap er
  niks van, ik heb alles altijd netjes doorgegeven.
first: Volgens de brief die ik {toen} kreeg heb ik te veel bijstand gehad. Maar de bedragen
  kloppen niet met mijn loonstroken. Ik heb de brief {keer} gelezen en snap het niet.
first: Ik moet {bedrag} terugbetalen omdat ik te laat iets zou hebben doorgegeven. Dat klopt
  niet, ik heb in {maand} gebeld en het doorgegeven.
other: {P} kreeg een brief dat {hij} {bedrag} bijstand moet terugbetalen. {Hij} begrijpt niet
  waarom en heeft alles doorgegeven.
other: Volgens {p} kloppen de bedragen in de terugvorderingsbrief niet met de loonstroken.
extra_first: Ik heb geen {bedrag}, ik heb helemaal niks.
extra_first: Mijn buurvrouw kreeg precies dezelfde brief.
extra_other: {Hij} is erg geschrokken en slaapt er slecht van.
note: Brief gecontroleerd: de verrekening van het vakantiegeld is dubbel meegenomen. Zelfde
  fout bij meer klanten gezien, doorgegeven aan teamleider Sociale Dienst.
note: Terugvordering aangehouden tot de herberekening klaar is. {Contact} is geïnformeerd.
provider_note: Sociale Dienst: fout in de laatste batch brieven bevestigd. Alle getroffen
  klanten krijgen een herstelbrief.
opgelost: Uitgelegd dat de brief door een fout is verstuurd. De Sociale Dienst stuurt een nieuwe
  brief; {contact} hoeft niets te betalen.
gegrond: De brief over de terugvordering was onjuist en onduidelijk. Alle ontvangers krijgen een
  nieuwe brief met excuses.
doorverwezen: Gaat over het besluit tot terugvordering: met instemming van {contact}
  doorgestuurd als bezwaarschrift.
""",
        about="sociale-dienst",
        provider="sociale-dienst",
        provider_share=0.05,
        on_behalf=0.1,
        relations=("cliëntondersteuner", "partner"),
    ),
    _s(
        "klantmanager",
        K,
        WERK,
        2.5,
        """
subject: Klacht over klantmanager
subject: Klacht Sociale Dienst
first: [Klantmanager onbereikbaar] Mijn klantmanager {klantmanager} is nooit bereikbaar. Ik
  laat berichten achter maar word nooit teruggebeld. Ik weet niet of mijn aanvraag nog loopt.
first: [Onheus behandeld] Bij het gesprek op het kantoor van de Sociale Dienst werd ik
  behandeld alsof ik fraudeerde. Er werd hard gepraat waar andere mensen bij stonden.
first: [Moet solliciteren ondanks rugklachten] Ik moet van mijn klantmanager solliciteren op
  banen die ik door mijn rug niet kan doen. Als ik dat zeg dreigt ze met een korting op mijn
  uitkering.
other: [Klantmanager onbereikbaar] {P} kan klantmanager {klantmanager} al {weken} weken niet
  bereiken.
other: [Onheus behandeld] {P} voelde zich {toen} bij de Sociale Dienst behandeld als fraudeur.
  Het gesprek werd gevoerd waar anderen bij stonden.
extra_first: Ik wil een andere klantmanager.
extra_other: {Hij} wil graag een andere klantmanager.
note: Gesproken met teamleider Sociale Dienst. Klant krijgt een nieuwe klantmanager.
note: Afgesproken dat gesprekken voortaan in een spreekkamer plaatsvinden.
provider_note: Sociale Dienst: gesprek met klant en klantmanager gepland op {afspraak}.
opgelost: Gesprek met {contact} en de teamleider van de Sociale Dienst. Afgesproken dat
  {klantmanager} binnen twee werkdagen terugbelt.
gegrond: {Klantmanager} heeft {contact} {keer} niet teruggebeld. Excuses gemaakt; {contact}
  krijgt een andere klantmanager.
ongegrond: Volgens het dossier heeft {klantmanager} steeds op tijd gereageerd. Wel excuses voor
  de toon van de laatste brief.
""",
        about="sociale-dienst",
        provider="sociale-dienst",
        provider_share=0.05,
        on_behalf=0.15,
        relations=("cliëntondersteuner", "partner"),
    ),
    _s(
        "schuldhulp-wacht",
        K,
        SCHULD,
        3.5,
        """
subject: Wachten op schuldhulp
subject: Klacht schuldhulp
first: [Geen reactie op aanmelding schuldhulp; Intake schuldhulp duurt lang] Ik heb me in
  {maand} aangemeld voor schuldhulp. Er is nog steeds geen eerste gesprek geweest. Ondertussen
  komen er elke week nieuwe brieven van {schuldeiser}.
first: [Intake schuldhulp duurt lang] Ik zou binnen vier weken een gesprek krijgen bij
  schuldhulp. Het is nu {weken} weken later en ik heb niks gehoord.
first: [Geen schuldhulpverlener meer] Mijn schuldhulpverlener is gestopt en ik heb geen nieuwe
  gekregen. Mijn schuldeisers bellen mij en ik weet niet wat ik moet zeggen.
other: [Geen reactie op aanmelding schuldhulp] {P} heeft zich in {maand} aangemeld voor
  schuldhulp en heeft nog geen eerste gesprek gehad. De schulden lopen op.
other: [Geen schuldhulpverlener meer] De schuldhulpverlener van {p} is gestopt. Er is geen
  opvolger en {schuldeiser} dreigt met een deurwaarder.
extra_first: Ik durf de post niet meer open te maken.
extra_first: Ik doe echt mijn best maar zo kom ik er nooit uit.
extra_other: {Hij} heeft inmiddels ook een brief van de deurwaarder.
note: Aanmelding teruggevonden: is blijven liggen bij de intake. Eerste gesprek ingepland op
  {afspraak}.
note: Wettelijke termijn voor het eerste gesprek is ruim verstreken. Met teamleider schuldhulp
  besproken.
provider_note: Sociale Dienst: nieuwe schuldhulpverlener toegewezen, eerste afspraak
  {afspraak}.
opgelost: De Sociale Dienst heeft het eerste gesprek gepland op {afspraak}. {Contact} is
  tevreden.
gegrond: Het eerste gesprek kwam niet binnen vier weken, zoals de wet vraagt. De Sociale Dienst
  heeft extra spreekuren ingericht.
""",
        about="sociale-dienst",
        provider="sociale-dienst",
        provider_share=0.05,
        on_behalf=0.25,
        relations=("cliëntondersteuner", "partner", "dochter", "zoon"),
    ),
    _s(
        "budgetbeheer",
        K,
        SCHULD,
        2,
        """
subject: Fout bij budgetbeheer
subject: Klacht budgetbeheer
first: [Huur niet betaald door budgetbeheer] Ik zit in budgetbeheer bij de Sociale Dienst.
  Deze maand is mijn huur niet betaald en nu heb ik een aanmaning van de woningcorporatie.
first: [Leefgeld te laat] Mijn leefgeld komt elke week later. Ik krijg het nu pas op vrijdag
  in plaats van maandag. Dan heb ik het hele weekend niks.
other: [Huur niet betaald door budgetbeheer] {P} zit in budgetbeheer. De huur is deze maand
  niet doorbetaald en de verhuurder heeft een aanmaning gestuurd.
other: [Leefgeld te laat] Het leefgeld van {p} komt steeds later binnen.
extra_first: Ik heb dit al {keer} gemeld.
note: Budgetbeheer gebeld: betaling huur was niet ingepland door een fout in het schema.
  Aanmaning wordt door de Sociale Dienst betaald.
provider_note: Sociale Dienst: huur en aanmaningskosten betaald op {afspraak}.
opgelost: Met de budgetbeheerder afgesproken dat de vaste lasten weer op tijd worden betaald.
  {Contact} krijgt voortaan elke maand een overzicht.
gegrond: Door een fout bij budgetbeheer is de huur niet op tijd betaald. De Sociale Dienst
  betaalt de kosten van de aanmaning.
""",
        about="sociale-dienst",
        provider="sociale-dienst",
        provider_share=0.05,
        on_behalf=0.3,
        relations=("cliëntondersteuner", "dochter", "zoon"),
    ),
    _s(
        "bereikbaarheid",
        K,
        OVERIG,
        3.5,
        """
first: [Lang in de wacht; Gemeente slecht bereikbaar] Ik heb {toen} {minuten} minuten in de
  wacht gehangen bij de gemeente en toen werd de verbinding verbroken. Dit is al de {aantal}e
  keer.
first: [Niet teruggebeld] Er is mij {keer} beloofd dat ik teruggebeld zou worden. Dat is niet
  gebeurd. Waarom beloof je iets als je het niet doet?
first: [Onvriendelijk aan de balie] Aan de balie werd ik {toen} heel onvriendelijk geholpen.
  De medewerker keek niet op van haar scherm en zei dat ik het maar op de website moest
  regelen. Ik heb geen computer.
first: [Steeds doorverwezen; Van het kastje naar de muur] Ik word van het kastje naar de muur
  gestuurd. De gemeente zegt dat ik bij de Sociale Dienst moet zijn, de Sociale Dienst stuurt
  mij terug naar de gemeente.
other: [Lang in de wacht] {P} heeft {toen} {minuten} minuten in de wacht gestaan, daarna werd
  de verbinding verbroken.
other: [Niet teruggebeld] {P} is {keer} beloofd teruggebeld te worden, maar dat is niet
  gebeurd.
other: [Steeds doorverwezen] {P} voelt zich van het kastje naar de muur gestuurd tussen
  gemeente en Sociale Dienst.
extra_first: Voor mensen die niet digitaal zijn is de gemeente gewoon niet te bereiken.
extra_first: Ik ben {leeftijd}, ik kan niet zo goed met de computer.
extra_other: {Hij} heeft geen computer en kan niet alles online regelen.
note: Terugbelverzoek van {datum} teruggevonden; is niet doorgezet naar de vakafdeling.
  Excuses gemaakt.
note: Besproken met teamleider KCC. Wachttijden in die week waren hoog door ziekte.
note: Vraag van {contact} zelf beantwoord: aanvraagformulier samen telefonisch ingevuld.
opgelost: {Contact} teruggebeld en de vraag alsnog beantwoord. Excuses gemaakt voor het lange
  wachten.
gegrond: Er is {keer} niet teruggebeld. Het KCC controleert de terugbelnotities nu elke dag.
""",
        channels={"telefoon": 35, "web": 25, "balie": 15, "email": 15, "brief": 10},
        on_behalf=0.15,
        relations=("dochter", "zoon", "cliëntondersteuner"),
    ),
    _s(
        "besluit-oneens",
        K,
        WMO,
        2,
        """
subject: Oneens met besluit
subject: Niet eens met beslissing
first: [Aanvraag afgewezen] Ik ben het niet eens met het besluit over mijn aanvraag voor
  {hulpmiddel}. Het is afgewezen omdat ik het zelf zou kunnen betalen. Dat kan ik helemaal
  niet.
first: [Minder uren hulp] Ik krijg vanaf volgende maand minder uren huishoudelijke hulp. Er is
  niets veranderd aan mijn situatie. Dat is toch oneerlijk?
other: [Aanvraag afgewezen] {P} is het niet eens met de afwijzing van {hulpmiddel}. {Hij} kan
  het niet zelf betalen.
other: [Minder uren hulp] {P} krijgt minder uren huishoudelijke hulp terwijl {zijn} situatie
  niet is veranderd.
extra_first: Ik wil dat iemand hier nog een keer goed naar kijkt.
note: Uitgelegd dat dit een besluit is waartegen bezwaar kan worden gemaakt (klachtregeling is
  hier niet de route). Bezwaartermijn loopt tot {afspraak}. Hulp aangeboden bij het
  bezwaarschrift.
note: {Contact} wil bezwaar maken. Doorgezet naar juridische zaken; klacht over de manier van
  communiceren wel meegenomen.
opgelost: Het besluit nog eens uitgelegd in een gesprek met {consulent}. {Contact} begrijpt het
  nu en ziet af van bezwaar.
doorverwezen: Gaat over de inhoud van het besluit: met instemming van {contact} doorgestuurd
  als bezwaarschrift.
""",
        channels=OLDER,
        on_behalf=0.35,
        relations=("dochter", "zoon", "cliëntondersteuner"),
    ),
    # ---------------------------------------------------------------- hulpvragen (30 %)
    _s(
        "huishoudelijke-hulp",
        H,
        WMO,
        6,
        """
subject: Hulp in huis nodig
subject: Aanvraag huishoudelijke hulp
subject: Hulp bij het huishouden
subject: Red het niet meer alleen
first: Ik ben {leeftijd} en woon alleen aan de {straat}. Sinds mijn heupoperatie lukt het
  schoonmaken niet meer. Kan ik hulp in het huishouden krijgen?
first: Mijn {partner} is in {maand} overleden. {Partner_hij} deed altijd de boodschappen en
  het zware werk. Ik weet niet goed hoe ik dat nu moet regelen.
first: Ik heb MS en word steeds vermoeider. Stofzuigen en de was doen gaan niet meer. Ik wil
  graag weten wat de mogelijkheden zijn.
other: {P} is {leeftijd} en woont alleen aan de {straat}. {Hij} kan het huis niet meer
  schoonhouden sinds een val in {maand}.
other: {P} wordt vergeetachtig en het huis raakt vervuild. Er ligt bedorven eten in de
  koelkast.
other: {P} heeft na een beroerte hulp nodig in het huishouden. De familie doet nu alles, maar
  dat is niet vol te houden.
extra_first: Mijn kinderen wonen ver weg.
extra_first: Ik wil wel graag zelfstandig blijven wonen.
extra_other: {Hij} wil zelf eigenlijk geen hulp, maar het moet echt.
extra_told: Ik woon zelf een uur rijden verderop.
note: Keukentafelgesprek gepland op {afspraak} met consulent {consulent}.
note: Huisbezoek gedaan. Indicatie voor 2,5 uur huishoudelijke hulp per week voorgesteld;
  {contact} kiest voor Het Anker.
note: Ook gewezen op de boodschappendienst van de vrijwilligerscentrale.
afgerond: Keukentafelgesprek gevoerd. Huishoudelijke hulp toegekend, {aantal} uur per week via
  Het Anker. Afgerond.
""",
        channels=OLDER,
        on_behalf=0.45,
        relations=(*CARERS, "buurvrouw", "cliëntondersteuner"),
    ),
    _s(
        "mantelzorg-overbelast",
        H,
        WMO,
        3.5,
        """
subject: Mantelzorg valt zwaar
subject: Even rust nodig
first: [Dagbesteding voor mijn {partner}; Respijtzorg] Ik zorg al {maanden} maanden dag en
  nacht voor mijn {partner} met dementie. Ik slaap slecht en ben op. Is er een mogelijkheid
  voor dagbesteding of een logeeropvang?
first: Ik ben mantelzorger voor mijn moeder en werk daarnaast {aantal} dagen. Ik houd dit niet
  meer vol. Wat kan de gemeente voor ons doen?
first: [Opvang in het weekend] Ik zorg voor mijn zoon met een verstandelijke beperking. Hij is
  nu {kind_leeftijd} en wordt steeds zwaarder. Ik zoek iets van opvang in het weekend.
other: [Respijtzorg] {P} zorgt voor {zijn} partner met dementie en is overbelast. {Hij} vraagt
  naar dagbesteding en respijtzorg.
other: {P} is mantelzorger voor {zijn} moeder en werkt daarnaast. {Hij} raakt uitgeput.
extra_first: Ik wil het best blijven doen maar ik moet af en toe even ademhalen.
extra_first: De huisarts zei dat ik bij de gemeente moest aankloppen.
extra_other: {Hij} moest er bij het gesprek van huilen.
note: Mantelzorgconsulent ingeschakeld; gesprek op {afspraak}.
note: Dagbesteding twee dagen per week voorgesteld bij De Vlonder. Indicatie aangevraagd.
note: Gewezen op de mantelzorgwaardering en het steunpunt mantelzorg.
afgerond: Respijtzorg geregeld: één dag per week dagbesteding. De mantelzorgconsulent houdt
  contact. Afgerond.
doorverwezen: Doorverwezen naar het steunpunt mantelzorg; {contact} heeft daar een afspraak op
  {afspraak}.
""",
        channels=RESIDENT,
        on_behalf=0.2,
        relations=("cliëntondersteuner", "dochter"),
    ),
    _s(
        "hulpmiddel",
        H,
        WMO,
        4.5,
        """
subject: Hulpmiddel nodig
subject: Vraag over hulpmiddelen
first: [Trap lukt niet meer; Vraag over traplift] Ik kom de trap niet meer op door mijn
  knieën. Ik slaap nu beneden op de bank. Kan ik een traplift aanvragen via de Wmo?
first: [Aanvraag {hulpmiddel}] Ik heb {hulpmiddel} nodig om zelf boodschappen te kunnen doen.
  Hoe vraag ik dat aan en wat kost het?
first: [Scootmobiel steeds kapot] Mijn huidige scootmobiel is {aantal} keer kapot geweest dit
  jaar en de leverancier komt steeds later. Kan ik een andere krijgen?
other: [Trap lukt niet meer] {P} komt de trap niet meer op en slaapt beneden. Vraagt of {hij}
  een traplift kan krijgen.
other: [Aanvraag {hulpmiddel}] {P} heeft {hulpmiddel} nodig om de deur uit te kunnen. {Hij}
  zit nu de hele dag binnen.
extra_first: Ik heb een brief van de fysiotherapeut.
extra_other: De fysiotherapeut heeft geadviseerd om het aan te vragen.
note: Ergotherapeut ingeschakeld voor advies, bezoek op {afspraak}.
note: Melding Wmo aangemaakt. {Contact} krijgt binnen zes weken een besluit.
note: Leverancier gebeld over reparatie; vervangende scootmobiel geregeld.
afgerond: {Hulpmiddel} toegekend en geleverd. {Contact} is er blij mee. Afgerond.
""",
        channels=OLDER,
        on_behalf=0.35,
        relations=CARERS,
    ),
    _s(
        "jeugd-opvoeding",
        H,
        JEUGD,
        4,
        """
subject: Hulp bij opvoeding
subject: Zorgen om mijn {zoon}
first: [Ruzie thuis; Boos en agressief] Mijn {zoon} {kind} ({kind_leeftijd}) is de laatste
  tijd heel boos en agressief thuis. {Kind_hij} gooit met spullen en ik weet niet meer wat ik
  moet doen.
first: [{Kind} wil niet meer naar school] {Kind} ({kind_leeftijd}) wil al {weken} weken niet
  meer naar school. Elke ochtend is het huilen en schreeuwen. School zegt dat ik naar de
  gemeente moet.
first: [Zorgen na de scheiding] Sinds de scheiding gaat het niet goed met {kind}. {Kind_hij}
  slaapt slecht en praat niet meer met ons. Ik zoek iemand om mee te praten.
first: Ik ben alleenstaande {ouder} van {aantal} kinderen en kan het niet meer aan. De oudste,
  {kind}, luistert helemaal niet meer.
other: [Ruzie thuis] {P} vraagt hulp voor {zoon} {kind} ({kind_leeftijd}), die thuis erg boos
  is en met spullen gooit.
other: [Thuiszitter; {Kind} wil niet meer naar school] {Kind} ({kind_leeftijd}) gaat al
  {weken} weken niet naar school. School heeft het gezin naar de gemeente verwezen.
other: {P} is alleenstaand met {aantal} kinderen en loopt vast in de opvoeding.
extra_first: Ik wil niet dat er meteen allerlei instanties over de vloer komen.
extra_first: De huisarts heeft ons ook al naar jullie verwezen.
extra_other: {Hij} staat open voor hulp.
note: Gesprek met ouder en jeugdconsulent op {afspraak}.
note: Overleg met de intern begeleider van {school}; leerplicht is al betrokken.
note: Opvoedondersteuning via het jeugdteam ingezet, eerste huisbezoek {afspraak}.
afgerond: Drie gesprekken over opvoeden gehad. Het gaat beter thuis; afgerond.
doorverwezen: Warm overgedragen aan het jeugdteam; eerste afspraak op {afspraak}.
""",
        channels=YOUNG,
        youth=True,
    ),
    _s(
        "jeugd-psychisch",
        H,
        JEUGD,
        2.5,
        """
subject: Hulp voor mijn {zoon}
subject: Doorverwijzing jeugd-GGZ
first: [Somber kind] Mijn {zoon} {kind} ({kind_leeftijd}) is al maanden erg somber en zegt
  soms dat {kind_hij} niet meer wil leven. De huisarts heeft ons doorverwezen maar overal zijn
  wachtlijsten.
first: [Angstig kind] {Kind} heeft erge angsten en durft de deur niet meer uit. We hebben een
  verwijzing maar weten niet waar we terecht kunnen.
other: [Somber kind] {Kind} ({kind_leeftijd}) is erg somber. {P} zoekt hulp, overal
  wachtlijsten.
other: [Angstig kind] {Kind} durft door angsten de deur niet meer uit. {P} heeft een
  verwijzing maar vindt geen plek.
extra_first: Ik ben zo bang dat het misgaat.
note: Met spoed overlegd met de praktijkondersteuner jeugd. Crisisdienst is bekend bij het
  gezin.
note: Aanmelding gedaan bij De Linde, overbrugging door POH-jeugd.
doorverwezen: Met toestemming van {contact} doorverwezen naar De Linde; de huisarts is op de
  hoogte.
""",
        channels=YOUNG,
        youth=True,
        spoed=0.3,
    ),
    _s(
        "bijstand-aanvragen",
        H,
        WERK,
        3.5,
        """
subject: Bijstand aanvragen
subject: Geen inkomen meer
first: [Ontslagen, wat nu?] Ik ben ontslagen en mijn WW stopt in {maand}. Ik heb geen
  spaargeld. Hoe vraag ik bijstand aan?
first: Ik ga scheiden en heb vanaf volgende maand geen inkomen meer. Ik heb {aantal} kinderen.
  Waar moet ik beginnen?
first: [Bedrijf loopt niet meer] Mijn zelfstandige bedrijfje loopt niet meer. Ik verdien bijna
  niks. Kan ik hulp krijgen van de gemeente?
other: [Ontslagen, wat nu?] {P} is ontslagen en de WW stopt. {Hij} heeft geen spaargeld en
  vraagt naar bijstand.
other: {P} gaat scheiden en heeft straks geen inkomen. Er zijn {aantal} kinderen.
extra_first: Ik heb nog nooit een uitkering gehad en weet niet hoe het werkt.
note: Uitgelegd hoe de aanvraag via de Sociale Dienst werkt; afspraak voor hulp bij invullen
  op {afspraak}.
note: Doorverwezen naar de Sociale Dienst (warme overdracht), klantmanager belt terug.
afgerond: Aanvraag samen ingevuld en ingediend. Afgerond.
doorverwezen: Geholpen met de aanvraag; doorgezet naar de Sociale Dienst. {Klantmanager} neemt
  contact op.
""",
        channels=RESIDENT,
        on_behalf=0.1,
        relations=("partner", "cliëntondersteuner"),
    ),
    _s(
        "bijzondere-bijstand",
        H,
        WERK,
        3,
        """
subject: Bijzondere bijstand
subject: Geen geld voor noodzakelijke kosten
first: [Wasmachine kapot] Mijn wasmachine is kapot en ik heb geen geld voor een nieuwe. Ik heb
  {aantal} kinderen, ik kan de was niet met de hand blijven doen.
first: [Kosten tandarts] Ik moet naar de tandarts maar dat wordt niet vergoed. Het kost
  {bedrag}. Kan de gemeente helpen?
first: [Geen geld voor nieuwe bril] Ik heb een nieuwe bril nodig maar leef van een uitkering.
  Waar kan ik terecht?
other: [Wasmachine kapot] De wasmachine van {p} is kapot en er is geen geld voor een nieuwe.
other: [Kosten tandarts] {P} heeft een tandartsrekening van {bedrag} en kan die niet betalen.
extra_first: Ik vraag dit niet graag.
note: Aanvraag bijzondere bijstand klaargezet; {contact} levert de offerte aan.
note: Verwezen naar het fonds bijzondere noden; aanvraag samen ingevuld.
afgerond: Aanvraag bijzondere bijstand ingediend met de bonnetjes. Het besluit komt van de
  Sociale Dienst. Afgerond.
""",
        channels=RESIDENT,
        on_behalf=0.15,
        relations=("cliëntondersteuner", "dochter"),
    ),
    _s(
        "werk-zoeken",
        H,
        WERK,
        1.5,
        """
subject: Hulp bij werk zoeken
subject: Ik wil graag werken
subject: Vrijwilligerswerk of werk
first: Ik zit al {maanden} maanden thuis en wil graag weer aan het werk. Ik heb geen diploma.
  Kan iemand mij helpen zoeken?
first: Ik spreek nog niet zo goed Nederlands maar ik wil werken. Ik was in mijn land
  vrachtwagenchauffeur.
other: {P} zit thuis en wil weer aan het werk, maar heeft geen diploma.
extra_first: Thuis zitten maakt mij ziek.
note: Aangemeld bij het werkgeversservicepunt; gesprek met jobcoach op {afspraak}.
doorverwezen: Doorverwezen naar het werkgeversservicepunt; intake gepland op {afspraak}.
""",
        channels=RESIDENT,
    ),
    _s(
        "schulden",
        H,
        SCHULD,
        5,
        """
subject: Schulden
subject: Hulp bij schulden
subject: Ik kom niet meer rond
subject: Aanmelden schuldhulp
first: Ik heb schulden bij {schuldeiser} en nog een paar andere. Het is bij elkaar ongeveer
  {schuld}. Ik kom niet meer rond en wil graag hulp.
first: Ik krijg steeds meer brieven en durf de post niet meer open te maken. Ik denk dat ik
  schulden heb maar weet niet hoeveel.
first: Door mijn scheiding heb ik schulden gekregen. Ik werk wel, maar na de vaste lasten
  blijft er niks over.
first: Ik heb een betalingsregeling met {schuldeiser} maar kan die niet meer betalen. Nu
  dreigen ze met een deurwaarder.
other: {P} heeft schulden bij {schuldeiser} en anderen, samen ongeveer {schuld}. {Hij} wil
  graag hulp.
other: {P} durft de post niet meer open te maken. Er ligt een stapel ongeopende brieven.
other: {P} kan de betalingsregeling met {schuldeiser} niet meer nakomen.
extra_first: Ik schaam me er heel erg voor.
extra_first: Mijn vriendin zei dat de gemeente kan helpen.
extra_other: {Hij} schaamt zich en heeft lang gewacht met hulp vragen.
note: Aanmelding doorgezet naar schuldhulp Sociale Dienst. Eerste gesprek op {afspraak}.
note: {Contact} gevraagd alle post mee te nemen naar het eerste gesprek.
note: Vrijwilliger van de thuisadministratie gekoppeld om de post te ordenen.
afgerond: Schuldhulp gestart: overzicht van de schulden is compleet en het besluit over
  toelating is verstuurd. Het traject loopt verder bij de schuldhulpverlener.
doorverwezen: Doorverwezen naar budgetbeheer bij de Sociale Dienst.
""",
        channels=RESIDENT,
        on_behalf=0.25,
        relations=("cliëntondersteuner", "dochter", "zoon", "partner"),
        season={1: 1.5, 2: 1.3, 12: 1.1, 9: 1.2},
    ),
    _s(
        "schulden-spoed",
        H,
        SCHULD,
        2.5,
        """
first: [Dreigende huisuitzetting; Huisuitzetting!] Ik heb een brief gekregen dat mijn huis op
  {afspraak} wordt ontruimd vanwege huurachterstand. Ik heb {aantal} kinderen. Help
  alstublieft.
first: [Afsluiting energie; Gas en licht worden afgesloten] Het energiebedrijf sluit volgende
  week gas en licht af. Ik heb een achterstand van {bedrag}. Het is koud en mijn kinderen zijn
  thuis.
first: [Zorgverzekering opgezegd] Mijn zorgverzekering is opgezegd omdat ik niet heb betaald.
  Ik moet medicijnen hebben voor mijn hart.
first: [Ontruiming!; Dreigende huisuitzetting] De deurwaarder komt {afspraak} om het huis te
  ontruimen. Ik weet niet waar ik heen moet.
other: [Dreigende huisuitzetting] Bij {p} dreigt huisuitzetting op {afspraak} door
  huurachterstand. Er wonen {aantal} kinderen in huis.
other: [Afsluiting energie] Het energiebedrijf gaat gas en licht afsluiten bij {p}.
  Achterstand {bedrag}.
other: [Zorgverzekering opgezegd] De zorgverzekering van {p} is opgezegd wegens
  betalingsachterstand. {Hij} gebruikt dagelijks medicijnen.
extra_first: Ik heb echt overal gebeld en niemand kan me helpen.
extra_first: Alstublieft bel mij zo snel mogelijk!!
extra_other: Er is haast bij.
note: Spoed: binnen drie werkdagen eerste gesprek (Wgs). Contact gehad met verhuurder; de
  ontruiming wordt aangehouden zolang er een betalingsregeling loopt.
note: Energieleverancier gebeld: afsluiting opgeschort na toezegging schuldhulp.
note: Zorgverzekeraar gebeld, polis weer actief onder voorwaarde van budgetbeheer.
note: Crisisinterventie gestart met schuldhulpverlener {consulent}.
afgerond: Afsluiting voorkomen: betalingsregeling met {schuldeiser} getroffen. Vervolg in het
  schuldhulptraject.
""",
        channels={"telefoon": 45, "web": 20, "balie": 15, "email": 10, "wijkteam": 10},
        spoed=0.9,
        on_behalf=0.3,
        relations=("cliëntondersteuner", "dochter", "zoon", "buurvrouw"),
        season={1: 1.6, 2: 1.4, 11: 1.3, 12: 1.5, 6: 0.8, 7: 0.7},
    ),
    _s(
        "formulier-hulp",
        H,
        OVERIG,
        2,
        """
subject: Hulp bij brieven en formulieren
first: [Brief niet begrepen] Ik heb een brief gekregen van de gemeente maar ik begrijp hem
  niet. Kan iemand mij uitleggen wat ik moet doen?
first: [Hulp met DigiD] Ik moet een formulier invullen voor de toeslag maar het lukt mij niet
  met DigiD. Mijn kinderen wonen in het buitenland.
first: [Veel brieven, wat is belangrijk?] Ik lees niet zo goed Nederlands. Ik krijg veel
  brieven en weet niet welke belangrijk zijn.
other: [Brief niet begrepen] {P} begrijpt een brief van de gemeente niet en vraagt om uitleg.
other: [Hulp met DigiD] {P} krijgt DigiD niet aan de praat en moet een formulier invullen.
extra_first: Ik ben {leeftijd}.
note: Afspraak bij het digitale inloopspreekuur in de bibliotheek op {afspraak}.
note: Brief samen doorgenomen aan de telefoon; {contact} weet nu wat er moet gebeuren.
afgerond: Formulier samen ingevuld aan de balie en verstuurd. Afgerond.
doorverwezen: Doorverwezen naar de formulierenhulp in de bibliotheek.
""",
        channels={"telefoon": 40, "balie": 35, "web": 10, "email": 10, "brief": 5},
    ),
    _s(
        "eenzaamheid",
        H,
        WMO,
        1.5,
        """
subject: Alleen thuis
subject: Contact met anderen
subject: Eenzaam
first: Sinds mijn {partner} is overleden zie ik bijna niemand meer. De dagen zijn erg lang. Is
  er iets in de buurt waar ik naartoe kan?
first: Ik ben net verhuisd naar de {straat} en ken hier niemand. Ik zou graag iets willen
  doen, vrijwilligerswerk of een koffieochtend.
other: {P} woont alleen en ziet bijna niemand meer. {Hij} zou graag ergens naartoe gaan.
extra_first: Ik wil niemand tot last zijn.
note: Koffieochtend in het buurthuis in {wijk} voorgesteld; vrijwilliger haalt {contact_hem}
  de eerste keer op.
doorverwezen: In contact gebracht met de buurtvereniging en een maatje via de
  vrijwilligerscentrale.
""",
        channels=OLDER,
        on_behalf=0.3,
        relations=("buurvrouw", "dochter", "zoon"),
        season={11: 1.4, 12: 1.6, 1: 1.3, 7: 0.7},
    ),
    # ---------------------------------------------------------------- meldingen (20 %)
    _s(
        "zorg-buurman",
        M,
        WMO,
        5,
        """
subject: Zorgen om {p_behalf}
subject: Zorgen om bewoner {straat}
told: [Verward en alleen] {P} woont alleen aan de {straat}. De laatste weken is {hij} erg
  verward. {Hij} loopt 's nachts op straat en herkent mij soms niet.
told: De brievenbus van {p} puilt uit en de gordijnen zijn al dagen dicht. Ik heb aangebeld
  maar er wordt niet opengedaan.
told: [Huis vervuild] Uit de woning van {p} komt een vieze lucht. Ik zie door het raam dat het
  huis vol staat met spullen en afval.
told: [Gevallen in de tuin] {P} is {toen} gevallen in de tuin en lag daar een hele tijd. Ik
  denk niet dat {hij} nog alleen kan wonen.
told: {P} drinkt veel en ik hoor {hem} 's nachts schreeuwen. Ik maak me zorgen of het wel goed
  gaat.
other: [Verward en alleen] {P} woont alleen aan de {straat} en is de laatste weken erg
  verward. Loopt 's nachts op straat.
other: Bij {p} aan de {straat} puilt de brievenbus uit en zijn de gordijnen al dagen dicht. Er
  wordt niet opengedaan.
other: [Huis vervuild] Uit de woning van {p} komt een vieze lucht. Het huis staat vol met
  spullen en afval.
other: [Gevallen in de tuin] {P} is {toen} gevallen in de tuin en lag daar lange tijd. Melder
  denkt dat {hij} niet meer alleen kan wonen.
extra_told: Familie komt er volgens mij nooit.
extra_told: Ik wil niet dat {hij} weet dat ik dit heb gemeld.
extra_told: Ik heb al eens de huisarts gebeld maar die mocht niks zeggen.
extra_other: Familie komt er volgens de melder nooit.
note: Huisbezoek samen met de wijkverpleegkundige. {Aanhef} liet ons binnen; huishouden is
  vervuild. Hulp aangeboden, {aanhef} denkt erover na.
note: Wijkagent gevraagd mee te kijken. Niemand aangetroffen, kaartje achtergelaten.
note: Huisarts geïnformeerd over de zorgen (met toestemming van {aanhef}).
note: Terugkoppeling aan melder gegeven: we zijn erop af gegaan. Geen details gedeeld.
afgerond: Wijkteam {wijk} is op huisbezoek geweest. {Naam} krijgt nu hulp; afgerond.
doorverwezen: Overgedragen aan wijkteam {wijk}; zij gaan langs bij {naam}.
""",
        channels=ANONYMOUS_FRIENDLY,
        anonymous=0.35,
        on_behalf=1.0,
        relations=("buurvrouw", "buurman"),
        spoed=0.08,
    ),
    _s(
        "dementie",
        M,
        WMO,
        3,
        """
subject: Dwaalt 's nachts op straat
subject: Zorgen over dementie
subject: Dementie, alleen thuis
other: {P} heeft beginnende dementie en woont alleen. {Toen} stond {hij} om drie uur 's nachts
  bij de buren aan te bellen.
other: {P} vergeet {zijn} medicijnen en eet niet meer goed. Er liggen steeds oude boterhammen
  in de kast.
other: {P} is {toen} verdwaald geraakt in de supermarkt en werd door de politie thuis
  gebracht.
extra_told: Ik woon zelf in een andere provincie en kan niet elke dag komen.
extra_other: Het gaat heel snel achteruit.
note: Casemanager dementie ingeschakeld; huisbezoek op {afspraak}.
note: Gesprek met familie over dagbesteding en een alarmknop.
afgerond: Casemanager dementie ingeschakeld; de huisarts is op de hoogte. Afgerond.
""",
        channels=RESIDENT,
        on_behalf=1.0,
        relations=("dochter", "zoon", "buurvrouw", "mantelzorger"),
    ),
    _s(
        "zorgen-kinderen",
        M,
        JEUGD,
        3.5,
        """
subject: Zorgen om kinderen van de buren
subject: Zorgen over gezin
first: [Geschreeuw bij de buren] Bij de buren aan de {straat} wordt veel geschreeuwd. Ik hoor
  de kinderen vaak huilen, ook laat in de avond.
first: [Kinderen laat op straat] De kinderen van het gezin op nummer {nr} lopen tot laat
  buiten, ook als het koud is. Ze zien er niet verzorgd uit en hebben vaak honger.
first: [Kinderen alleen thuis] Ik denk dat de kinderen van mijn buurvrouw vaak alleen thuis
  zijn. De jongste is volgens mij pas {kind_leeftijd}.
other: [Geschreeuw bij de buren] Bij het gezin aan de {straat} wordt veel geschreeuwd en
  huilen de kinderen vaak.
other: [Kinderen laat op straat] De kinderen van een gezin aan de {straat} lopen tot laat
  buiten en zien er onverzorgd uit.
extra_first: Ik weet niet of dit bij de gemeente hoort of bij Veilig Thuis.
extra_first: Ik wil liever niet dat ze weten dat ik dit meld.
note: Overleg met Veilig Thuis: geen acute onveiligheid. Jeugdteam neemt contact op met het
  gezin.
note: Gezin is al bekend bij het jeugdteam. Informatie gedeeld met de gezinscoach.
note: Intern begeleider van de school gebeld; herkent de zorgen.
afgerond: Het jeugdteam heeft met de ouders gesproken. Er is hulp ingezet; afgerond.
doorverwezen: Na overleg met de aandachtsfunctionaris doorgezet naar Veilig Thuis.
""",
        channels=ANONYMOUS_FRIENDLY,
        anonymous=0.5,
        spoed=0.08,
    ),
    _s(
        "post-deurwaarder",
        M,
        SCHULD,
        2,
        """
subject: Zorgen om geldproblemen
other: [Deurwaarder geweest] Bij {p} is {toen} de deurwaarder geweest. {Hij} zei dat {hij}
  niet meer weet hoe het verder moet.
told: {P} heeft geen geld voor eten. {Hij} vraagt of {hij} bij mij kan eten. Ik denk dat er
  grote schulden zijn.
other: {P} heeft geen geld voor eten en vraagt de buren om hulp. Er zijn waarschijnlijk grote
  schulden.
extra_other: {Hij} durft zelf niet naar de gemeente.
note: Schuldhulpverlener heeft {aanhef} bezocht; {aanhef} staat open voor hulp.
note: Melder bedankt; we gaan contact zoeken met de bewoner.
afgerond: Samen met {naam} de post doorgenomen; schuldhulp is gestart. Afgerond.
doorverwezen: Doorverwezen naar schuldhulp; eerste gesprek op {afspraak}.
""",
        channels=ANONYMOUS_FRIENDLY,
        anonymous=0.3,
        on_behalf=1.0,
        relations=("buurvrouw", "buurman", "dochter", "zoon"),
    ),
    _s(
        "woning-vocht",
        M,
        OVERIG,
        2,
        """
subject: Slechte woning
subject: Zorgen over woning
first: [Schimmel in huis] In ons huis aan de {straat} zit overal schimmel. Mijn {zoon} van
  {kind_leeftijd} heeft astma en is steeds ziek. De verhuurder doet niets.
first: [Lekkage; Vocht in woning] Het regent binnen in de slaapkamer. Ik heb dit al {keer} aan
  de verhuurder gemeld.
other: [Schimmel in huis] In de woning van {p} zit veel schimmel. Er wonen kinderen met astma.
other: [Lekkage] Bij {p} lekt het dak. {Hij} slaapt nu in de woonkamer.
extra_first: Ik heb foto's als jullie die willen.
note: Doorgezet naar bouw- en woningtoezicht; inspectie op {afspraak}.
note: Contact met de woningcorporatie; reparatie ingepland.
doorverwezen: Doorgestuurd naar {verhuurder}; zij komen op {afspraak} kijken.
""",
        channels=RESIDENT,
        on_behalf=0.3,
        relations=("buurvrouw", "cliëntondersteuner"),
        season={11: 1.5, 12: 1.5, 1: 1.4, 2: 1.3, 6: 0.6, 7: 0.5, 8: 0.5},
    ),
    _s(
        "uitkering-misbruik",
        M,
        WERK,
        1.5,
        """
subject: Melding uitkering
subject: Klopt dit wel?
subject: Vermoeden fraude
first: Mijn buurman heeft een uitkering maar werkt volgens mij elke dag zwart als klusser. Hij
  rijdt met een busje en komt pas 's avonds thuis.
first: Bij het huis tegenover ons woont volgens mij een vriend in terwijl de vrouw zegt dat ze
  alleen woont.
other: Melder vermoedt dat een bewoner van de {straat} een uitkering heeft en zwart werkt.
extra_first: Ik wil anoniem blijven.
note: Doorgezet naar handhaving Sociale Dienst. Geen terugkoppeling aan melder (privacy).
doorverwezen: Doorgestuurd naar de afdeling handhaving van de Sociale Dienst.
""",
        channels={"web": 60, "telefoon": 25, "brief": 15},
        anonymous=0.75,
    ),
    _s(
        "anker-zorgen-client",
        M,
        WMO,
        2.5,
        """
subject: Zorgen over cliënt
subject: Situatie cliënt verslechterd
subject: Meer ondersteuning nodig
other: Onze medewerker ziet dat {p} ({leeftijd}) de laatste weken sterk achteruit gaat. {Hij}
  eet slecht en valt regelmatig. De huidige indicatie is niet meer voldoende.
other: {P} weigert de laatste tijd de deur open te doen voor onze medewerkers. We maken ons
  zorgen omdat {hij} geen familie heeft.
other: Bij {p} staat de post opgestapeld en er zijn aanmaningen. Wij denken dat er
  geldproblemen zijn.
extra_other: We vragen de gemeente om een herindicatie.
extra_other: Graag afstemming met het wijkteam.
note: Herindicatie gestart. Consulent plant huisbezoek op {afspraak}.
note: Afstemming met het wijkteam: bekend, er loopt al iets. Het Anker geïnformeerd.
provider_note: Het Anker: cliënt is akkoord met extra ondersteuning. Wacht op indicatie.
afgerond: Met Het Anker en de huisarts afgesproken wie wat doet. Wijkteam {wijk} houdt contact;
  afgerond.
""",
        channels={"aanbieder": 50, "api": 50},
        provider="het-anker",
        provider_share=1.0,
        professional_only=True,
    ),
    _s(
        "linde-zorgen-gezin",
        M,
        JEUGD,
        1.5,
        """
subject: Zorgen over gezin
subject: Gezin heeft meer nodig
other: Tijdens de behandeling van {kind} ({kind_leeftijd}) zien wij dat het thuis niet goed
  gaat. {P} is overbelast en er zijn geldzorgen.
other: Het gezin van {kind} heeft naast onze behandeling ondersteuning nodig bij de opvoeding
  en de financiën.
extra_other: We vragen de gemeente om een gezinscoach.
note: Gezinscoach ingezet vanuit het jeugdteam; eerste gesprek {afspraak}.
note: Schuldhulp gevraagd contact op te nemen met het gezin.
provider_note: De Linde: gezin is akkoord met de inzet van een gezinscoach.
afgerond: Overleg met De Linde en het jeugdteam; er is nu een gezinsplan. Afgerond.
""",
        channels={"aanbieder": 50, "api": 50},
        provider="de-linde",
        provider_share=1.0,
        youth=True,
        professional_only=True,
    ),
    # ---------------------------------------------------------------- signalen (15 %)
    _s(
        "vroegsignalering",
        S,
        SCHULD,
        5,
        """
subject: Vroegsignalering huurachterstand
subject: Vroegsignalering energie
subject: Vroegsignalering zorgverzekering
subject: Vroegsignalering drinkwater
other: {Verhuurder} meldt een huurachterstand van {aantal} maanden ({bedrag}) bij {naam},
  {straat} {nr}, {plaats}.
other: {Energie} meldt een betalingsachterstand van {bedrag} bij {naam}, {straat} {nr}.
other: De zorgverzekeraar meldt dat {naam} ({straat} {nr}) {aantal} maanden premie achterstand
  heeft.
other: Het waterbedrijf meldt een achterstand van {bedrag} bij {naam}, {straat} {nr}.
extra_other: Bewoner heeft niet gereageerd op twee aanmaningen.
extra_other: Bewoner heeft eerder een betalingsregeling gehad.
note: Brief met aanbod van hulp gestuurd, huisbezoek op {afspraak}.
note: Huisbezoek afgelegd, niemand thuis. Kaartje in de bus met telefoonnummer.
note: Bewoner gesproken aan de deur: staat open voor een gesprek met schuldhulp.
note: Bewoner heeft de achterstand zelf opgelost met de verhuurder. Geen hulp nodig.
provider_note: Sociale Dienst: bewoner aangemeld voor schuldhulp na huisbezoek.
afgerond: Brief gestuurd en langs geweest bij {naam}; betalingsregeling met de schuldeiser
  getroffen. Afgerond.
afgerond: Brief gestuurd en twee keer langs geweest; {naam} wil op dit moment geen hulp.
  Afgerond.
doorverwezen: {Naam} neemt hulp aan; doorverwezen naar schuldhulp.
""",
        channels={"api": 85, "email": 15},
        provider="sociale-dienst",
        provider_share=0.85,
        professional_only=True,
        concerns_person=True,
        season={1: 1.4, 2: 1.3, 3: 1.2, 12: 1.1, 7: 0.8, 8: 0.7},
    ),
    _s(
        "anker-personeel",
        S,
        WMO,
        2,
        """
subject: Personeelstekort Het Anker
subject: Veel uitval thuiszorg
subject: Signaal huishoudelijke hulp
other: Meerdere cliënten in {wijk} vertellen dat de huishoudelijke hulp van Het Anker
  regelmatig niet komt. Het lijkt om een personeelstekort te gaan.
other: In de wijk {wijk} vertellen de laatste weken {aantal} cliënten dat er steeds een andere
  hulp van Het Anker komt. Oudere cliënten raken daardoor in de war.
other: Bij de koffieochtend in {wijk} klaagden verschillende mensen over uitval van thuiszorg.
  Ze durven zelf geen klacht in te dienen.
extra_other: Dit speelt waarschijnlijk breder dan alleen deze wijk.
note: Signaal gedeeld met de contractmanager Wmo. Gesprek met Het Anker op {afspraak}.
note: Aantallen klachten over Het Anker op een rij gezet voor het kwartaaloverleg.
provider_note: Het Anker: we werven extra personeel en zetten een invalpoule in voor {wijk}.
afgerond: Besproken met de contractmanager en Het Anker; Het Anker zet extra invalkrachten in.
  Afgerond.
""",
        channels=PROFESSIONAL,
        about="het-anker",
        trend=(0.4, 1.8),
    ),
    _s(
        "taxi-signaal",
        S,
        WMO,
        1,
        """
subject: Signaal Wmo-vervoer
subject: Veel klachten over taxi
other: Het valt op dat veel cliënten in {wijk} klagen over te late Wmo-taxi's. Mensen missen
  afspraken bij de dagbesteding en het ziekenhuis.
other: De dagbesteding in {wijk} meldt dat deelnemers de laatste weken vaak {minuten} minuten
  te laat komen door {vervoerder}.
other: Bij de KCC komen deze week veel telefoontjes binnen over de Wmo-taxi. Het gaat steeds
  om te laat of helemaal niet ophalen.
extra_other: Het lijkt te maken te hebben met de nieuwe vervoerder.
note: Signaal gebundeld met de klachten over {vervoerder}; besproken met contractmanager.
afgerond: Meegenomen in het vervoersoverleg met {vervoerder}. Afgerond.
""",
        channels={"wijkteam": 50, "telefoon": 25, "email": 25},
    ),
    _s(
        "brief-onduidelijk",
        S,
        WERK,
        1.5,
        """
subject: Onduidelijke brief
subject: Veel vragen over brief
subject: Signaal brief Sociale Dienst
first: Ik kreeg een brief over de jaaropgave van de Sociale Dienst. Er staan allemaal
  moeilijke woorden in. Mijn buren snappen hem ook niet.
other: Veel inwoners bellen over de brief van de Sociale Dienst over de herberekening. De
  brief is te moeilijk geschreven.
other: Aan de balie komen deze week veel mensen met dezelfde brief over de eigen bijdrage.
  Niemand begrijpt wat er van hen wordt verwacht.
extra_other: Misschien kan de brief in eenvoudiger Nederlands.
note: Signaal doorgegeven aan communicatie en de Sociale Dienst met voorstel voor een
  B1-brief.
doorverwezen: Doorgestuurd naar de Sociale Dienst met het verzoek de brief in eenvoudige taal te
  herschrijven.
""",
        channels={"telefoon": 40, "balie": 20, "web": 20, "email": 20},
        about="sociale-dienst",
        season={1: 2.0, 2: 1.5},
    ),
    _s(
        "linde-wachtlijst-signaal",
        S,
        JEUGD,
        1.5,
        """
subject: Wachtlijsten jeugdhulp
subject: Signaal wachttijd De Linde
other: Op {school} zitten op dit moment {aantal} leerlingen thuis die wachten op behandeling
  bij De Linde. Het gaat steeds slechter met deze kinderen.
other: Het jeugdteam ziet dat gezinnen maanden moeten wachten op De Linde. Overbrugging is er
  niet.
extra_other: Er is geen zicht op verbetering.
note: Signaal besproken in het regionaal overleg jeugd. De Linde levert wachtlijstcijfers.
provider_note: De Linde: wachtlijst is bekend, extra behandelcapaciteit vanaf volgend
  kwartaal.
afgerond: Besproken in het regio-overleg jeugd; de wachttijden komen op de agenda van de
  contractgesprekken. Afgerond.
""",
        channels=PROFESSIONAL,
        about="de-linde",
        trend=(0.8, 1.4),
    ),
    _s(
        "website-digid",
        S,
        OVERIG,
        1.2,
        """
subject: Website doet het niet
subject: Probleem met de website
first: [Formulier werkt niet] Het formulier voor de Wmo-aanvraag op jullie website loopt vast
  bij stap 3. Ik heb het {keer} geprobeerd.
first: [Website niet toegankelijk] Met mijn schermlezer kan ik het formulier op de website
  niet invullen. De knoppen hebben geen naam.
first: [DigiD inloggen lukt niet] Inloggen met DigiD op jullie site geeft steeds een
  foutmelding. Mijn buurvrouw heeft hetzelfde.
other: [Formulier werkt niet] Inwoner meldt dat het online formulier vastloopt bij stap 3.
extra_first: Ik denk dat meer mensen hier last van hebben.
note: Doorgegeven aan de webredactie; fout gereproduceerd en gemeld bij de leverancier.
afgerond: De webredactie heeft de pagina aangepast. Afgerond.
doorverwezen: Doorgestuurd naar de webredactie en de leverancier van de website.
""",
        channels={"web": 70, "email": 20, "telefoon": 10},
        anonymous=0.4,
    ),
    _s(
        "wijk-ouderen",
        S,
        WMO,
        1.5,
        """
subject: Ouderen in de flat
subject: Eenzaamheid in de wijk
subject: Signaal uit de buurt
first: In onze flat aan de {straat} wonen veel ouderen alleen. Sinds de buurtsuper dicht is
  kunnen ze geen boodschappen meer doen.
first: Sinds het buurthuis in {wijk} dicht is, zitten veel mensen alleen thuis. Ik zie ze niet
  meer.
other: In de flat aan de {straat} wonen veel alleenstaande ouderen die geen boodschappen meer
  kunnen doen sinds de buurtsuper dicht is.
extra_first: Misschien kan de gemeente iets organiseren.
note: Doorgegeven aan het opbouwwerk in {wijk}.
afgerond: Besproken met wijkteam {wijk} en de ouderenadviseur; er komt een inloopochtend.
  Afgerond.
""",
        channels={"web": 40, "wijkteam": 30, "telefoon": 20, "email": 10},
        anonymous=0.3,
    ),
    _s(
        "jongeren-zorgen",
        S,
        JEUGD,
        1,
        """
subject: Jongeren in de wijk
subject: Zorgen over jongeren
first: Bij het speelveld aan de {straat} hangen elke avond jongeren. Ik denk dat er gedeald
  wordt en er zitten ook heel jonge kinderen bij.
other: Jongerenwerk ziet een groep jonge tieners in {wijk} die steeds later op straat zijn.
extra_first: Ik durf er 's avonds niet meer langs.
note: Gedeeld met jongerenwerk en de wijkagent.
doorverwezen: Doorgegeven aan het jongerenwerk in {wijk}.
""",
        channels=ANONYMOUS_FRIENDLY,
        anonymous=0.6,
    ),
)

SCENARIO_BY_KEY = {s.key: s for s in SCENARIOS}

# Target share per kind (the brief of the demo: what a municipality actually receives).
KIND_SHARE = {K: 0.35, H: 0.30, M: 0.20, S: 0.15}


# ---------------------------------------------------------------------------------- frames
FRAMES = parse_block(
    """
# A resident writes about themselves on the website or by e-mail.
self_open: Goedendag,
self_open: Hallo,
self_open: Beste meneer, mevrouw,
self_open: Geachte heer/mevrouw,
self_open: Beste gemeente,
# Someone writes for someone else ({rol} is their relation, {naam} the person concerned).
behalf_open: Ik schrijf namens {p_behalf}, {naam}.
behalf_open: Ik ben {rol_zin} van {naam} en schrijf dit voor {hem}.
behalf_open: Ik doe deze melding voor {p_behalf}.
behalf_open: Ik schrijf dit omdat {p_behalf} dit zelf niet goed kan.
# Staff writing down a phone call or a visit to the desk.
staff_open_telefoon: {Aanhef_kort} belt.
staff_open_telefoon: Telefoonnotitie: {aanhef_kort} {achternaam_beller} belt.
staff_open_telefoon: Beller: {aanhef_kort} {achternaam_beller}.
staff_open_telefoon: {Aanhef_kort} belt, is erg boos.
staff_open_telefoon: {Aanhef_kort} belt over het volgende.
staff_open_balie: {Aanhef_kort} aan de balie.
staff_open_balie: Baliecontact, {aanhef_kort} {achternaam_beller}.
staff_open_balie: {Aanhef_kort} kwam langs bij de balie.
staff_open_behalf_telefoon: {Rol} belt namens {p_behalf_staff}.
staff_open_behalf_telefoon: {Rol} ({naam_beller}) belt over {p_behalf_staff}.
staff_open_behalf_balie: {Rol} ({naam_beller}) aan de balie namens {p_behalf_staff}.
staff_open_behalf_balie: {Rol} kwam langs bij de balie over {p_behalf_staff}.
staff_open_neighbour_telefoon: {Rol} belt over {p_behalf_staff}.
staff_open_neighbour_telefoon: {Rol} ({naam_beller}) maakt zich zorgen over {p_behalf_staff}.
staff_open_neighbour_balie: {Rol} aan de balie, maakt zich zorgen over {p_behalf_staff}.
staff_open_anonymous: Anonieme beller.
staff_open_anonymous: Beller wil anoniem blijven.
# Professionals (wijkteam, provider, GR).
pro_open_wijkteam: Signaal vanuit wijkteam {wijk}.
pro_open_wijkteam: Via het wijkteam {wijk}:
pro_open_wijkteam: Huisbezoek wijkteam {wijk}.
pro_open_wijkteam: Wijkteam {wijk} meldt:
pro_open_provider: Registratie {provider_naam}.
pro_open_provider: Doorgezet door {provider_naam}.
pro_open_provider: Melding van {provider_naam} binnen de afspraken met de gemeente.
pro_open_provider_klacht: Klacht ontvangen via onze klachtenfunctionaris, valt binnen de
  afspraken met de gemeente.
pro_open_provider_klacht: Cliënt heeft bij ons een klacht ingediend. Wij melden deze aan de
  gemeente.
pro_open_provider_klacht: Klacht van cliënt, telefonisch ontvangen door onze servicedesk.
pro_close: Graag afstemming over het vervolg.
pro_close: Contactpersoon: {naam_melder}, {telefoon_melder}.
pro_close: Wij houden contact met de betrokkenen.
# The question at the end, per kind.
ask_klacht: Ik wil hier een klacht over indienen.
ask_klacht: Ik wil graag dat dit wordt opgelost en dat iemand mij terugbelt.
ask_klacht: Graag een reactie.
ask_klacht: Ik verwacht excuses en dat dit niet meer gebeurt.
ask_klacht: Dit moet echt anders.
ask_klacht: Ik hoop dat u hier iets mee doet.
ask_klacht: Wie gaat dit oplossen?
ask_hulpvraag: Kan iemand mij helpen?
ask_hulpvraag: Wat moet ik doen?
ask_hulpvraag: Ik weet niet meer waar ik moet beginnen.
ask_hulpvraag: Kunt u mij bellen?
ask_hulpvraag: Graag hoor ik wat de mogelijkheden zijn.
ask_melding: Ik maak me zorgen.
ask_melding: Kan er iemand gaan kijken?
ask_melding: Ik weet niet bij wie ik dit anders moet melden.
ask_melding: Ik hoop dat iemand er iets mee kan.
ask_signaal: Ik denk dat meer mensen hier last van hebben.
ask_signaal: Misschien kunt u hier iets mee.
ask_signaal: Ik wilde het even laten weten.
staff_ask_klacht: Wil een klacht indienen.
staff_ask_klacht: Wil graag teruggebeld worden.
staff_ask_klacht: Wil excuses en een oplossing.
staff_ask_klacht: Verzoek om terugbellen op {telefoon_beller}.
staff_ask_hulpvraag: Verzoek: contact opnemen voor een gesprek.
staff_ask_hulpvraag: Graag terugbellen op {telefoon_beller}.
staff_ask_hulpvraag: Vraagt wat de mogelijkheden zijn.
staff_ask_melding: Melder vraagt of iemand langs kan gaan.
staff_ask_melding: Melder maakt zich ernstige zorgen.
staff_ask_signaal: Ter info, graag oppakken.
staff_ask_signaal: Signaal, meer bellers hierover.
# Feelings residents add, in their own words.
emotion: Ik ben er echt klaar mee.
emotion: Dit kan toch niet!!
emotion: Ik voel me niet serieus genomen.
emotion: Het is echt de druppel.
emotion: Ik ben hier heel verdrietig over.
emotion: Ik slaap er slecht van.
emotion: Sorry voor de lange mail, maar ik moest het kwijt.
history: Ik heb al {keer} gebeld maar er wordt niet teruggebeld.
history: Ik heb hier in {maand} ook al over gemaild, zonder reactie.
history: Dit is niet de eerste keer.
history: Het speelt nu al {weken} weken.
self_close_email: Met vriendelijke groet,
self_close_email: Groet,
self_close_email: Met vriendelijke groeten,
self_close_email: Alvast bedankt,
letter_open: Geachte heer, mevrouw,
letter_open: Geacht college,
letter_open: Aan de gemeente,
letter_close: Hoogachtend,
letter_close: Met vriendelijke groet,
anonymous_close: Ik wil graag anoniem blijven.
anonymous_close: Mijn naam wil ik liever niet geven.
staff_anonymous_close: Melder wil anoniem blijven, geen terugkoppeling mogelijk.
"""
)


# ------------------------------------------------------------------------ handling notes
NOTES = parse_block(
    """
# Contact that reached the submitter: recorded with case_record_contact (meets the norm).
contact: Gebeld met {contact}, afspraak gemaakt voor huisbezoek op {afspraak}.
contact: Gebeld met {contact}. Verhaal is duidelijk; ik zoek het uit en bel {contact_hem}
  uiterlijk {afspraak} terug.
contact: Telefonisch contact gehad met {contact}. Eerst goed doorgevraagd wat het echte
  probleem is.
contact: Gesprek met {contact} op het gemeentehuis. Er was een cliëntondersteuner bij.
contact: Telefonisch contact gehad. {Contact} was erg emotioneel; rustig doorgenomen wat er is
  gebeurd en wat we nu gaan doen.
contact: {Contact} teruggebeld. Excuses gemaakt voor het ongemak en uitgelegd wat de volgende
  stap is.
contact: Gebeld en het probleem samen op een rij gezet. {Contact} stuurt nog de brieven op.
# Attempts that did not reach anyone: an internal note only.
no_answer: {Contact} niet bereikt, voicemail ingesproken. Morgen opnieuw proberen.
no_answer: Twee keer gebeld, geen gehoor. Terugbelverzoek per sms gestuurd.
no_answer: Geen gehoor. Later vandaag nog een keer proberen.
no_answer_email: Mail gestuurd aan {contact} met de vraag wanneer {contact_hij} bereikbaar is.
postpone: Hoorgesprek kon niet eerder worden gepland door vakantie van de betrokken
  medewerker.
postpone: Wij wachten nog op de schriftelijke reactie van de aanbieder.
postpone: De klacht raakt meerdere afdelingen; er zijn meer gesprekken nodig.
postpone: Klager wil eerst een gesprek met de teamleider voordat er een oordeel komt.
first_conversation: Eerste gesprek met schuldhulpverlener gevoerd. Overzicht van schulden
  gemaakt; besluit over toelating volgt.
first_conversation: Eerste gesprek gehad, samen met een vrijwilliger van de
  thuisadministratie. Post is geordend.
anonymous: Anonieme melding, geen contact mogelijk. Doorgegeven aan wijkteam {wijk} met
  verzoek poolshoogte te nemen.
anonymous: Melder is anoniem. Adres bekend bij het wijkteam; casusregisseur geïnformeerd.
anonymous: Anoniem binnengekomen. Gecontroleerd of er al een lopende zaak is: nee.
signal: Melder bedankt voor het signaal en uitgelegd wat we ermee doen.
signal: Navraag gedaan: het signaal wordt herkend door collega's.
signal: Teruggemaild: we zoeken uit of dit vaker voorkomt.
professional: Contact gehad met {contact} over het vervolg.
professional: Teruggebeld naar {contact}: wij pakken dit op.
team: Nog geen behandelaar beschikbaar in dit team; zaak staat op de teamlijst.
team: Besproken in het teamoverleg, wordt volgende week verdeeld.
reassign: Overgedragen aan collega wegens vakantie.
reassign: Overgedragen aan collega wegens ziekte.
reassign: Collega heeft meer ervaring met dit onderwerp, daarom overgedragen.
# How a complaint is going: settled in the conversation (informal) or on to a formal judgement.
informal_klacht: {Contact} is tevreden met deze oplossing en hoeft geen formele afhandeling.
  Kan informeel worden afgerond.
informal_klacht: Excuses gemaakt namens de gemeente. {Contact} waardeert dat er gebeld is.
formal_klacht: {Contact} is niet tevreden en wil de klacht formeel laten behandelen.
  Hoorgesprek plannen.
formal_klacht: Betrokken medewerker om een schriftelijke reactie gevraagd. Kopie van de klacht
  gestuurd (Awb 9:9).
hearing: Hoorgesprek gepland op {afspraak}. Uitnodiging verstuurd aan klager en betrokken
  medewerker.
hearing: Hoorgesprek gehouden met {contact} en de betrokken medewerker. Verslag gemaakt en
  opgestuurd.
hearing: {Contact} wil niet gehoord worden; dat schriftelijk bevestigd.
draft: Conceptbrief met bevindingen en oordeel geschreven, ter controle bij collega.
draft: Conceptbrief besproken met de teamleider; kleine aanpassingen gedaan.
# How other cases are going, before they are concluded.
progress_hulpvraag: Warme overdracht voorbereid; {contact} weet bij wie {contact_hij} terecht
  kan.
progress_hulpvraag: Eerste gesprek heeft plaatsgevonden, vervolgafspraak op {afspraak}.
progress_hulpvraag: Ondersteuning is gestart. Over vier weken evalueren.
progress_melding: Terugkoppeling gegeven aan de melder (zonder inhoudelijke details).
progress_melding: Situatie is in beeld bij het wijkteam; zij houden de vinger aan de pols.
progress_anonymous: Situatie is in beeld bij het wijkteam; zij houden de vinger aan de pols.
progress_anonymous: Nog geen aanleiding gevonden om in te grijpen. We wachten af of er meer
  signalen komen.
progress_signaal: Signaal besproken in het teamoverleg; we houden bij of er meer komen.
progress_signaal: Meegenomen in de kwartaalrapportage aan het college.
escalate: Klager is ontevreden over de eerste reactie. Ombudsfunctionaris kijkt mee.
escalate: Lastige situatie, afgestemd met de coördinator over een doorbraak-oplossing.
"""
)


# ---------------------------------------------------------------------------- conclusions
# What the handler writes when concluding a case (`case_conclude`'s summary), by kind and
# outcome: `klacht-gegrond`. A scenario may have its own lines for an outcome (`opgelost:`,
# `gegrond:`, `ongegrond:`, `afgerond:`, `doorverwezen:`); these are the lines that fit every
# scenario of the kind. A formal judgement ends with one of the `letter` lines (Awb 9:12: a
# written, reasoned answer that names the ombudsman). Lines that speak about {contact} are not
# used for an anonymous report.
CONCLUSIONS = parse_block(
    """
klacht-opgelost: Met {contact} gebeld; excuses aangeboden en samen een oplossing afgesproken.
  {Contact} is tevreden en wil geen formele afhandeling.
klacht-opgelost: Probleem in overleg opgelost. {Contact} is tevreden; klacht informeel
  afgehandeld (Awb 9:5).
klacht-opgelost: Telefonisch uitgelegd wat er mis ging en wat we nu anders doen. {Contact} vindt
  het zo goed.
klacht-opgelost: Gesprek gehad met {contact}. Afspraken gemaakt en per brief bevestigd; een
  formele afhandeling is niet nodig.
klacht-gegrond: Klacht gegrond: er is niet gedaan wat was afgesproken. Excuses aangeboden en
  afspraken gemaakt om herhaling te voorkomen.
klacht-gegrond: Klacht gegrond: {contact} is niet goed en niet op tijd geïnformeerd. De
  werkwijze in het team is aangepast.
klacht-deels-gegrond: Klacht deels gegrond: de communicatie had beter gekund, de beslissing
  zelf was juist.
klacht-deels-gegrond: Deels gegrond. Excuses voor het late antwoord; op de andere punten is
  zorgvuldig gehandeld.
klacht-deels-gegrond: Deels gegrond: het wachten duurde te lang, maar de afspraken zijn wel
  nagekomen.
klacht-ongegrond: Klacht ongegrond: er is gehandeld volgens de regels en de afspraken. In het
  hoorgesprek uitgelegd waarom.
klacht-ongegrond: Ongegrond. Uit het dossier blijkt dat {contact} op tijd is geïnformeerd. Wel
  begrip getoond voor de frustratie.
klacht-niet-behandeld: Niet in behandeling genomen: het gaat om een besluit waartegen bezwaar
  mogelijk is (Awb 9:8 lid 1 onder c). {Contact} gewezen op de bezwaarprocedure.
klacht-niet-behandeld: Niet in behandeling genomen: wat er gebeurde is meer dan een jaar
  geleden (Awb 9:8 lid 1 onder b). Brief binnen vier weken verstuurd.
klacht-niet-behandeld: Niet in behandeling genomen: deze klacht is al eerder behandeld (Awb 9:8
  lid 1 onder a). Brief met uitleg verstuurd.
klacht-doorverwezen: Gaat over een besluit: met instemming van {contact} doorgestuurd als
  bezwaarschrift.
klacht-doorverwezen: Hoort bij een andere organisatie. Doorgestuurd met toestemming van
  {contact}, die daarover is gebeld.
# A complaint about a care or youth-care provider goes to its own complaint scheme first.
klacht-doorverwezen-aanbieder: Klacht hoort eerst bij {provider_naam}: doorgestuurd naar hun
  klachtenfunctionaris. De gemeente volgt de afhandeling.
letter: Antwoordbrief verstuurd met bevindingen, oordeel en de verwijzing naar de Nationale
  ombudsman.
letter: Brief met het oordeel verstuurd. Daarin staat dat {contact_hij} binnen een jaar naar de
  Nationale ombudsman kan.
letter: Na het hoorgesprek de brief met het oordeel en de route naar de Nationale ombudsman
  verstuurd.
hulpvraag-afgerond: Hulpvraag afgerond. {Contact} weet waar {contact_hij} terecht kan en heeft
  geen vragen meer.
hulpvraag-afgerond: Ondersteuning loopt. Afgesproken dat {contact} zelf belt als het weer nodig
  is. Afgerond.
hulpvraag-afgerond: Vraag beantwoord en de afspraken per brief bevestigd. Afgerond.
hulpvraag-doorverwezen: Warm overgedragen aan wijkteam {wijk}; zij nemen het vanaf hier over.
hulpvraag-doorverwezen: Doorverwezen naar de onafhankelijke cliëntondersteuning. {Contact} is
  daar al gebeld.
melding-afgerond: Situatie bekeken en besproken met wijkteam {wijk}. Er is hulp ingezet;
  melding afgerond.
melding-afgerond: Huisbezoek gedaan. Het gaat nu goed genoeg; wijkteam {wijk} houdt contact.
  Afgerond.
melding-afgerond: Terugkoppeling gegeven aan {contact} (zonder details). Afgerond.
melding-afgerond: Geen aanleiding gevonden om verder te gaan. Melding bewaard voor als er meer
  signalen komen.
melding-doorverwezen: Overgedragen aan wijkteam {wijk}, dat de situatie al kent.
melding-doorverwezen: Doorgezet naar de GGD (meldpunt zorg en overlast) voor een huisbezoek.
signaal-afgerond: Signaal besproken in het teamoverleg en vastgelegd voor de
  kwartaalrapportage. Afgerond.
signaal-afgerond: Signaal herkend door collega's; meegenomen in het overleg met de
  contractmanager. Afgerond.
signaal-doorverwezen: Signaal doorgestuurd naar de beleidsadviseur die hierover gaat.
signaal-doorverwezen: Doorgezet naar de contractmanager voor het volgende overleg met de
  aanbieder.
"""
)


# -------------------------------------------------------------------------------- slots
class Slots(dict[str, str]):
    """Template values. `{Xyz}` is `{xyz}` with a capital; an unknown slot is an error."""

    def __missing__(self, key: str) -> str:
        lower = key[:1].lower() + key[1:]
        if lower != key and lower in self:
            value = self[lower]
            return value[:1].upper() + value[1:]
        raise KeyError(key)


_SLOT = re.compile(r"\{([^{}]+)\}")


def fill(template: str, slots: Slots) -> str:
    return _SLOT.sub(lambda m: slots[m.group(1)], template)


def slot_names(template: str) -> set[str]:
    return set(_SLOT.findall(template))


_SUBJECTS = re.compile(r"^\[([^\]]+)\]\s*")


def split_subjects(template: str) -> tuple[tuple[str, ...], str]:
    """`[Taxi kwam niet; Rit gemist] De taxi …` → (("Taxi kwam niet", "Rit gemist"), "De taxi …").

    A story can carry the subjects that fit it; the scenario's own `subject` lines are the
    general ones that fit every story of the scenario.
    """
    match = _SUBJECTS.match(template)
    if match is None:
        return (), template
    subjects = tuple(part.strip() for part in match.group(1).split(";") if part.strip())
    return subjects, template[match.end() :]


# -------------------------------------------------------------------------------- typos
# Mistakes real residents make, applied sparingly: a dt error, chat spelling, a missing
# capital. They keep the demo honest about what text analysis will have to cope with.
_TYPO_SWAPS = (
    (" wordt ", " word "),
    (" gebeurd.", " gebeurt."),
    (" even ", " ff "),
    (" niet ", " nie "),
    (" alstublieft", " aub"),
    (" eigenlijk ", " eigelijk "),
    (" misschien ", " misschein "),
    (" gemeente ", " gemeende "),
)


def roughen(text: str, rng: random.Random) -> str:
    """Add one or two human imperfections to a resident's text."""
    for _ in range(rng.choice((1, 1, 2))):
        move = rng.random()
        if move < 0.35:
            candidates = [(a, b) for a, b in _TYPO_SWAPS if a in text and a != b]
            if candidates:
                a, b = rng.choice(candidates)
                text = text.replace(a, b, 1)
                continue
        if move < 0.55:
            # no capital after a full stop, as typed on a phone
            text = re.sub(r"\. ([A-Z])", lambda m: ". " + m.group(1).lower(), text, count=2)
        elif move < 0.7:
            text = text.rstrip(".") + ("!!" if rng.random() < 0.5 else "")
        elif move < 0.85:
            words = text.split(" ")
            long_words = [i for i, w in enumerate(words) if len(w) > 6 and w.isalpha()]
            if long_words:
                i = rng.choice(long_words)
                w = words[i]
                j = rng.randrange(1, len(w) - 2)
                words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
                text = " ".join(words)
        else:
            text = text.replace(", ", " ", 1)
    return text


def channels_for(scenario: Scenario) -> dict[str, float]:
    weights = dict(scenario.channels)
    if scenario.provider and scenario.provider_share and not scenario.professional_only:
        resident_total = sum(weights.values())
        share = scenario.provider_share
        provider_weight = resident_total * share / (1 - share)
        # Providers' own complaint officers mostly use the portal; a few systems are linked.
        weights[Channel.AANBIEDER] = provider_weight * 0.6
        weights[Channel.API] = provider_weight * 0.4
    return weights
