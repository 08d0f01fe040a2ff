"""The cold-start knowledge of triage: which words point to which domain, kind and norm, and
which facts make a case urgent. Plain data, written from the issue's list and the ombudsman
reports behind the evaluation set (data/README.md); `rules.py` applies it.

Terms are written as a resident would type them, lower case without accents; the rules stem
them, so "scootmobielen" matches "scootmobiel", and a term of five letters or more also
matches inside a compound ("huurachterstand" holds "achterstand"). A weight says how strongly
a term points to its domain: 4 names the domain's own law or service, 1 is a hint."""

from __future__ import annotations

DOMAIN_TERMS: dict[str, dict[str, float]] = {
    "wmo": {
        "wmo": 4,
        "huishoudelijke hulp": 4,
        "huishoudelijke ondersteuning": 4,
        "hulp bij het huishouden": 4,
        "huishoudelijk": 2.5,
        "thuiszorg": 2.5,
        "schoonmaakhulp": 3,
        "rolstoel": 3.5,
        "scootmobiel": 4,
        "hulpmiddel": 3,
        "traplift": 4,
        "douchestoel": 3,
        "tillift": 3,
        "woningaanpassing": 4,
        "aanpassing van de woning": 3.5,
        "aanpassingen in huis": 3,
        "badkamer": 1,
        "dagbesteding": 4,
        "begeleiding": 1.5,
        "individuele begeleiding": 3,
        "respijtzorg": 4,
        "mantelzorg": 2.5,
        "mantelzorger": 2.5,
        "logeeropvang": 2,
        "beschermd wonen": 4,
        "begeleid wonen": 3,
        "maatschappelijke opvang": 4,
        "daklozenopvang": 4,
        "nachtopvang": 4,
        "vrouwenopvang": 3,
        "opvang": 1,
        "regiotaxi": 3.5,
        "wmo-vervoer": 4,
        "valys": 3,
        "vervoersvoorziening": 3,
        "indicatie": 1.5,
        "herindicatie": 2,
        "keukentafelgesprek": 3,
        "maatwerkvoorziening": 4,
        "eigen bijdrage": 2.5,
        "cak": 2.5,
        "pgb": 1.5,
        "persoonsgebonden budget": 1.5,
        "zorgaanbieder": 1,
        "dementie": 2,
        "dementerend": 2,
        "oudere": 1,
        "ouderen": 1,
        "beperking": 1,
        "gehandicapt": 1,
        "wijkverpleegkundige": 1.5,
        "ondersteuning": 0.5,
        "sociaal wijkteam": 1,
        "wijkteam": 0.5,
        "zorg in natura": 1.5,
        "hulp in huis": 2,
        "verhuiskostenvergoeding": 2,
        "rollator": 2,
        "zorgverlener": 0.5,
        "schoonmaken": 2,
        "schoonmaak": 2,
        "poetshulp": 3,
        "belbus": 3,
        "deeltaxi": 3,
        "taxi": 1,
        "ritnummer": 2,
        "chauffeur": 0.5,
        "trap": 1,
        "woonvoorziening": 3,
        "beschermde woonvorm": 4,
        "psychiatrisch": 1,
        "dakloos": 3,
        "daklozen": 3,
        "slaapplek": 2.5,
        "buitenteam": 3,
        "straatteam": 3,
        "zorgt voor mijn": 1.5,
        "zorg voor mijn": 1.5,
    },
    "jeugd": {
        "jeugdzorg": 4.5,
        "jeugdhulp": 4.5,
        "jeugdwet": 4.5,
        "jeugd": 2.5,
        "jeugd-ggz": 4.5,
        "jeugdbescherming": 4.5,
        "gecertificeerde instelling": 4.5,
        "ondertoezichtstelling": 4.5,
        "ots": 3,
        "uithuisplaatsing": 4.5,
        "uit huis geplaatst": 4,
        "voogd": 3,
        "voogdij": 3.5,
        "kinderbescherming": 4.5,
        "raad voor de kinderbescherming": 4.5,
        "pleegzorg": 4,
        "pleegouder": 4,
        "pleegouders": 4,
        "pleeggezin": 4,
        "pleegkind": 4,
        "gezinshuis": 4,
        "jeugdconsulent": 4,
        "jeugdprofessional": 4,
        "jeugdteam": 4,
        "gezinscoach": 3,
        "centrum voor jeugd en gezin": 4,
        "cjg": 3.5,
        # A parent names their child in every domain (school transport, the kostendelersnorm):
        # a hint only.
        "kind": 0.75,
        "kinderen": 0.5,
        "zoon": 0.75,
        "dochter": 0.75,
        "leerling": 1,
        "kinderopvang": 1.5,
        "loverboy": 3,
        "jeugdinstelling": 4.5,
        "gesloten groep": 3.5,
        "gesloten instelling": 3.5,
        "gesloten jeugdzorg": 4.5,
        "stiefvader": 1.5,
        "stiefmoeder": 1.5,
        "psycholoog": 1,
        "kinderarts": 1.5,
        "puber": 1.5,
        "tiener": 1.5,
        "jongere": 1.5,
        "jongeren": 1.5,
        "autisme": 1.5,
        "adhd": 1.5,
        "kinderpsycholoog": 3,
        "kinderpsychiater": 3,
        "orthopedagoog": 2.5,
        "gezinsvoogd": 4.5,
        "veilig thuis": 2,
        "residentiele": 2,
        "behandeling": 0.5,
        "ggz": 1,
        "crisisopvang": 1.5,
        "gezin": 1,
    },
    "werk-en-inkomen": {
        "bijstand": 4,
        "bijstandsuitkering": 4.5,
        "uitkering": 3,
        "participatiewet": 4.5,
        "terugvordering": 3,
        "terugvorderen": 3,
        "teruggevorderd": 3,
        "terugbetalen": 1.5,
        "maatregel": 2,
        "boete": 1.5,
        "gekort": 2,
        "korting": 1.5,
        "bijzondere bijstand": 4,
        "energietoeslag": 4.5,
        "energiecompensatie": 4,
        "individuele inkomenstoeslag": 4,
        "inkomenstoeslag": 4,
        "tozo": 4.5,
        "bbz": 4,
        "reintegratie": 4,
        "re-integratie": 4,
        "werkcoach": 3.5,
        "klantmanager": 3.5,
        "inkomensconsulent": 3.5,
        "sollicitatieplicht": 3.5,
        "solliciteren": 2.5,
        "tegenprestatie": 3.5,
        "werk": 1,
        "baan": 1.5,
        "werkgever": 1,
        "kostendelersnorm": 4.5,
        "kostendeler": 4.5,
        "inlichtingenplicht": 3.5,
        "fraude": 2,
        "huisbezoek": 1.5,
        "sociale dienst": 3.5,
        "werkplein": 3.5,
        "uwv": 1.5,
        "minimaregeling": 3.5,
        "kindpakket": 2.5,
        "stadspas": 2.5,
        "studietoeslag": 3.5,
        "ioaw": 3.5,
        "inkomen": 1,
        "voorschot": 1.5,
        "toeslag": 1,
        "participatie": 2,
        "leerwerktraject": 3,
        "werkervaringsplaats": 3,
        "zelfstandige": 1.5,
        "zzp": 1.5,
        "ondernemer": 1.5,
        "inburgering": 1.5,
        "alleenstaande ouder": 1,
        "woonkostentoeslag": 3.5,
        "uitkeringsgerechtigde": 3,
        "werkloos": 2.5,
        "werkzoekende": 2.5,
        "sociale zaken": 3,
        "aow": 2,
        "aanvulling": 1,
        "statushouder": 2.5,
        "statushouders": 2.5,
        "taaltraject": 2.5,
        "jobcoach": 3,
        "eigen inkomen": 1.5,
    },
    "schuldhulp": {
        "schuldhulp": 5,
        "schuldhulpverlening": 5,
        "schuldhulpverlener": 5,
        "schuldsanering": 5,
        "wsnp": 5,
        "schuldregeling": 5,
        "minnelijke regeling": 4,
        "minnelijk": 3,
        "schuld": 2.5,
        "schulden": 2.5,
        "schuldeiser": 3,
        "schuldeisers": 3,
        "budgetbeheer": 5,
        "budgetcoach": 4,
        "beschermingsbewind": 5,
        "bewind": 4,
        "bewindvoerder": 5,
        "bewindvoering": 5,
        "bewindskosten": 5,
        "kredietbank": 4.5,
        "gkb": 4,
        "stabilisatie": 2.5,
        "moratorium": 4,
        "incasso": 2.5,
        "incassobureau": 3,
        "deurwaarder": 2.5,
        "beslag": 2.5,
        "loonbeslag": 3.5,
        "betalingsachterstand": 3.5,
        "achterstand": 2,
        "huurachterstand": 3,
        "vroegsignalering": 5,
        "aflossen": 2.5,
        "betalingsregeling": 3,
        "aanmaning": 2,
        "aanmaningen": 2,
        "leefgeld": 2.5,
        "wgs": 5,
        "vtlb": 3.5,
        "saneringskrediet": 5,
        "geldzaken": 2,
        "thuisadministratie": 2.5,
        "administratie": 1,
        "rekeningen": 1,
        "rood staan": 1.5,
        "boedel": 2,
        "schuldenlast": 4,
        "schuldenaar": 4,
        "budgetadvies": 4,
        "geldproblemen": 2.5,
        "financiele problemen": 2.5,
        "huur niet betalen": 1.5,
        "energierekening": 2,
        "energieleverancier": 2,
        "afsluiting": 2,
        "afgesloten": 1,
        "geen geld": 1.5,
        "waterbedrijf": 1.5,
        "zorgpremie": 2,
        "premie": 1.5,
        "wanbetaler": 3.5,
        "huurschuld": 4,
        "achter met de huur": 3,
        "huur laten liggen": 3,
        "basisverzekering": 2,
        "zorgverzekeraar": 2,
        "zorgverzekering": 1.5,
        "energiebedrijf": 2,
        "ontbinding": 1.5,
    },
    "overig": {
        "leerlingenvervoer": 5,
        "schoolvervoer": 5,
        "aangepast vervoer naar school": 4,
        "parkeren": 3.5,
        "parkeervergunning": 5,
        "parkeerboete": 5,
        "parkeerplaats": 3.5,
        "gehandicaptenparkeerkaart": 4.5,
        "gehandicaptenparkeerplaats": 4.5,
        "gpk": 4,
        "gemeentelijke belastingen": 4.5,
        "belastingaanslag": 3.5,
        "aanslag": 2,
        "ozb": 5,
        "afvalstoffenheffing": 5,
        "rioolheffing": 5,
        "hondenbelasting": 5,
        "woz": 5,
        "kwijtschelding": 3,
        "urgentie": 3,
        "urgentieverklaring": 5,
        "woningzoekende": 3,
        "sociale huurwoning": 2.5,
        "woningcorporatie": 1.5,
        "paspoort": 4,
        "rijbewijs": 4,
        "identiteitskaart": 4,
        "afval": 3.5,
        "container": 3,
        "vuilnis": 3.5,
        "straatverlichting": 4,
        "stoep": 2.5,
        "lantaarnpaal": 4,
        "overlast": 2.5,
        "geluidsoverlast": 3.5,
        "vergunning": 2,
        "omgevingsvergunning": 4,
        "bouwvergunning": 4,
        "leerplicht": 3.5,
        "leerplichtambtenaar": 4,
        "burgerzaken": 4,
        "inschrijving": 2,
        "brp": 4,
        "riool": 3.5,
        "boom": 2.5,
        "speeltuin": 3,
        "handhaving": 2.5,
        "boa": 2.5,
        "verkeer": 2,
        "fietspad": 3.5,
        "gemeentebelasting": 4.5,
        "leges": 3.5,
        "huisvesting": 1.5,
        "woningnood": 2.5,
        "bestemmingsplan": 4,
        "evenement": 3,
        "school": 1,
        "bus": 1,
        "schooltaxi": 5,
        "schoolbus": 4,
        "busje": 1.5,
        "ophaaltijd": 1.5,
        "speciaal onderwijs": 2.5,
        "vervoerder": 1,
        "brandweer": 2,
    },
}

# What the resident wants: the kind of case. Regular expressions over the normalised text.
KIND_CUES: dict[str, tuple[tuple[str, float], ...]] = {
    "klacht": (
        (r"\bklacht\w*", 3),
        (r"\bklagen\b|\bbeklaag\w*|\bbeklagen\b", 3),
        (r"\bontevreden\b", 3),
        (r"\bonbeschoft\w*", 3),
        (r"\bonvriendelijk\w*", 3),
        (r"\bgrof\b|\bbot\b|\bneerbuigend\w*|\brespectloos\w*|\buitgescholden\b", 3),
        (r"niet (meer )?teruggebeld|nooit teruggebeld|belt niet terug", 3),
        (r"geen (enkele )?(reactie|antwoord)|niet gereageerd|reageert niet", 2),
        (r"\bonacceptabel\b|\bschandalig\b|\bbelachelijk\b|\bonterecht\w*", 2),
        (r"niet serieus genomen|niet geluisterd|kastje naar de muur", 3),
        (r"\bbejegening\b|\bbehandeld als\b", 2.5),
        (r"\bteleurgesteld\b|\bboos\b", 2),
        (r"verkeerde informatie|onjuiste informatie|niet (goed )?geinformeerd", 2),
        (r"niet nagekomen|afspraak .{0,30}niet|kwam niet|kwamen niet|niet op tijd", 1.5),
        (r"\bal (\w+ )?(dagen|weken|maanden|jaar|jaren)\b|nog steeds (geen|niet)\b", 1.5),
        (r"\bduurt (te |veel te |erg )?lang\b|\bte laat\b|\bwacht(en)? al\b", 1.5),
        (r"\bafgewezen\b|\bgeweigerd\b|\bfout\w*\b|\bvergissing\b", 1),
        (r"\bniet eens met\b|\boneens\b", 1.5),
        (
            r"\bweggestuurd\b|\bafgewimpeld\b|\ber gebeurt (niets|niks)\b|"
            r"\bniemand (legt|doet|reageert|helpt|belt)\b|\bzonder (enige |een )?(uitleg|reden)\b",
            2,
        ),
        (r"\bterwijl (ik|wij|we|hij|zij|mijn|de|het)\b", 1),
    ),
    "hulpvraag": (
        (r"hulp nodig|\bhelp\b|helpen\?|help mij|help me", 3),
        (r"kunnen jullie|kunt u|zou u|zouden jullie", 2.5),
        (r"hoe kan ik|waar kan ik|wat moet ik|weet (ik )?niet (meer )?wat ik moet", 2.5),
        (r"\bik (wil|zou) graag\b|\bik zoek\b|\bheb ik recht op\b|\bkom ik in aanmerking\b", 2),
        (r"\baanvragen\b|\baanmelden\b|\bik vraag\b", 1),
        (r"\badvies\b", 1.5),
        (r"\bwie kan\b|\bis er iemand\b", 2),
        (
            r"\b(ik|we|wij) (heb|hebben) (dringend |echt |wel )?(hulp|ondersteuning|steun) nodig\b",
            3,
        ),
        (r"\b(ik|we|wij) (zoek|zoeken) (hulp|ondersteuning|iemand)\b|\bgraag hulp\b", 2.5),
        (
            r"\bhoe (moet|kan|vraag|regel|krijg) ik\b|\bwaar (moet|kan) ik\b|\bkan ik\b|"
            r"\bmag ik\b|\bis het mogelijk\b|\bwat zijn (de|mijn) mogelijkheden\b",
            2,
        ),
        (r"\?", 1),
        (r"\bik wil (graag |nu |even )?(weten|hulp)\b|\bwie (regelt|helpt|betaalt|kan)\b", 2),
        (
            r"\bik weet (het )?(niet|echt niet) (meer )?(wat|hoe|waar)\b|\bik kom er niet uit\b|"
            r"\bik red het (niet|echt niet) (meer )?\b|\bhet lukt (me|mij|ons) niet (meer )?\b",
            2,
        ),
        (
            r"\bgraag (een )?(gesprek|afspraak|contact|terugbellen)\b|\bkan (er )?iemand\b|"
            r"\bkom ik in aanmerking\b|\bin aanmerking\b",
            2,
        ),
    ),
    "signaal": (
        (r"\bmijn (buurvrouw|buurman|buren|buurjongen|buurmeisje)\b|\bde buren\b", 3),
        (r"\bbuurvrouw\b|\bbuurman\b|\bburen\b", 2),
        (r"ik maak me (grote |ernstige )?zorgen|maak ik me zorgen|ik ben (erg )?bezorgd", 3),
        (r"zorgen (om|over) (mijn|een|de|haar|hem|hen)\b", 2.5),
        (r"\bik vermoed\b|\bvermoedelijk\b|\bik heb het idee dat\b", 1.5),
        (r"\bsignaal\b|\bsignaleren\b|\bik wil (het )?melden dat (mijn|een|de)\b", 2.5),
        (r"\been (kennis|bewoner|leerling|client|clienten|cliente|vriendin|vriend)\b", 1.5),
        (r"\bals (huisarts|docent|leerkracht|wijkagent|hulpverlener|vrijwilliger)\b", 2.5),
        (
            r"\bik (ben|werk als|werk bij) (de |een )?(leerkracht|juf|meester|docent|mentor|"
            r"huisarts|wijkverpleegkundige|verpleegkundige|jongerenwerker|buurtwerker|"
            r"maatschappelijk werker|vrijwilliger|verhuurder|huisbaas|beheerder|intern begeleider|"
            r"schuldhulpmaatje|wijkagent|consulent|begeleider)\b",
            3,
        ),
        (
            r"\b(een|twee|drie|enkele|meerdere) van (mijn|onze) (leerlingen|clienten|huurders|"
            r"patienten|bewoners|deelnemers)\b|\bonze (huurder|huurders|leerling|client|bewoner)\b|"
            r"\b(in|van|bij|naast) (mijn|onze) (klas|praktijk|portiek|flat|straat|wijk|school)\b",
            2.5,
        ),
        (
            r"\bhet valt (me|mij|ons) op\b|"
            r"\bik wil (jullie|u) (laten weten|wijzen op|attenderen)\b|"
            r"\bsteeds meer (inwoners|mensen|ouders|clienten|gezinnen)\b|"
            r"\b(meerdere|veel|verschillende) (inwoners|ouders|clienten|gezinnen|bewoners)\b",
            2,
        ),
        (r"\bik zie (dat|steeds|al)\b|\bik hoor (vaak |steeds )?(geschreeuw|gehuil|huilen)\b", 1.5),
        # Someone who sees it in their work: "als jobcoach zie ik", "ik werk op de opvang".
        (r"\bals \w+( \w+)? (zie|hoor|merk|krijg|spreek|maak|wil) (ik|we|wij)\b", 3),
        (r"\bik werk (in|op|bij|als) (de|het|een)?\b", 2.5),
        (
            r"\bvanuit (onze|de|het|ons) (oudervereniging|vereniging|school|organisatie|"
            r"praktijk|team|wijkteam|ouderenbond|bond|stichting)\b|"
            r"\b(onze|mijn) (leden|klanten|clienten|deelnemers)\b",
            2.5,
        ),
        (r"\bsteeds (vaker|meer)\b|\bbijna (al|allemaal|iedereen)\b", 1.5),
        # Someone else's plight, seen from outside: "er slaapt een man in zijn schuurtje".
        (
            r"\b(een|twee|drie|jonge|oudere|een oudere|een jonge) (man|vrouw|mannen|vrouwen|"
            r"jongen|jongens|meisje|meisjes|gezin|bewoner|bewoonster|meneer|mevrouw)\b",
            1.5,
        ),
    ),
    "melding": (
        (r"\bwil (graag )?(even )?melden\b|\bik meld\b|\bmelding\b|\bdoorgeven\b", 2),
        (
            r"\b(geef|geven|geeft) (ik |wij |we )?(dit |hierbij |even |u )?door\b|"
            r"\bhierbij (meld|geef)\b|\bmeld (ik |even |hierbij )|\b(melden|meld) (we|wij) dat\b",
            3,
        ),
        (
            r"\b(accu|rem|motor|stoel|lift|traplift|deur|verwarming)\b.{0,30}\b(leeg|hangen|"
            r"vast|trekt|stuk|lekt)\b|\brijdt (sinds \w+ \w+ )?niet meer\b",
            1.5,
        ),
        (r"\bstuur (ik|we) .{0,30}\bna\b|\bheb (ik )?.{0,30}\bopgestuurd\b|\bindien\b", 1.5),
        (r"\bkapot\b|\bdefect\b|\bwerkt niet\b|\bstoring\b|\bgebroken\b", 2),
        (r"\bter informatie\b|\bter kennisgeving\b|\bis gewijzigd\b|\bwijziging\b", 2),
        (r"\bverhuisd\b|\bnieuw adres\b", 1),
        (
            r"\bis (vandaag |gisteren |weer |opnieuw )?(niet )?(gekomen|verschenen|geweest)\b|"
            r"\b(kwam|kwamen) (vandaag|vanochtend|gisteren|vanmorgen) niet\b",
            1.5,
        ),
        (r"\bis stuk\b|\bdoet het niet( meer)?\b|\blekt\b|\bschimmel\b", 2),
        (
            r"\b(ik|we|wij) (ben|zijn|ga|gaan) (per \w+ \w+ )?(verhuizen|verhuisd|samenwonen|"
            r"trouwen|getrouwd|gescheiden|uit elkaar)\b|\b(ik|we) (heb|hebben) (werk|een baan) "
            r"gevonden\b|\b(mijn|ons) (inkomen|adres|situatie|gezinssituatie) (is|wordt) "
            r"(veranderd|gewijzigd|anders)\b",
            2,
        ),
        (
            r"\b(wil|wilde) (ik )?(even |graag )?laten weten\b|\bter info\b|"
            r"\bvoor de volledigheid\b",
            1.5,
        ),
    ),
}

# For a complaint: which behoorlijkheidsnorm the words point to (LEGAL.md §8).
NORM_CUES: tuple[tuple[str, str, float], ...] = (
    (
        "fatsoenlijke-bejegening",
        r"onbeschoft|onvriendelijk|\bgrof\b|\bbot\b|respectloos|uitgescholden|neerbuigend|"
        r"bejegening|geschreeuwd|schreeuwde|intimiderend|kleinerend|uitgelachen",
        3,
    ),
    (
        "betrouwbaarheid",
        r"niet (meer )?teruggebeld|nooit teruggebeld|belt niet terug|niet nagekomen|beloofd|"
        r"toezegging|afspraak .{0,30}niet",
        2.5,
    ),
    (
        "voortvarendheid",
        r"al (weken|maanden|een jaar|jaren)\b|duurt (te |veel te |erg )?lang|\bte laat\b|"
        r"wacht(en)? al|nog steeds (geen|niet)|termijn|traag",
        2,
    ),
    (
        "goede-informatieverstrekking",
        r"verkeerde informatie|onjuiste informatie|niet (goed )?geinformeerd|niet verteld|"
        r"onduidelijk|geen uitleg|niemand (kon|kan) (mij|me) vertellen",
        2.5,
    ),
    ("luisteren", r"niet geluisterd|niet serieus genomen|niet gehoord|luistert niet", 3),
    (
        "goede-motivering",
        r"zonder (enige )?(uitleg|reden|motivering)|geen reden|"
        r"niet uitgelegd waarom|motivering",
        2.5,
    ),
    (
        "goede-organisatie",
        r"kastje naar de muur|kwijtgeraakt|zoekgeraakt|\bkwijt\b|"
        r"steeds (een )?(andere|nieuwe) (medewerker|contactpersoon)|niemand verantwoordelijk",
        2.5,
    ),
    ("samenwerking", r"doorverwezen|doorgestuurd|verwijzen naar elkaar|tussen twee stoelen", 2),
    (
        "maatwerk",
        r"geen rekening (gehouden )?met|regels zijn regels|maatwerk|"
        r"mijn situatie",
        2,
    ),
    (
        "evenredigheid",
        r"hele bedrag|onevenredig|te zwaar|buitenproportioneel|"
        r"terugbetalen|terugvordering|boete",
        1.5,
    ),
    ("grondrechten", r"privacy|discriminatie|gediscrimineerd", 2.5),
)

# An immediate threat to basic needs or safety. Each: (class, trigger, companion or None,
# what it means for staff). The companion must be in the same sentence as the trigger.
ENERGY = r"\b(gas|licht|stroom|elektr\w*|energie\w*|water\w*|verwarming|warmte|electra)\b"
URGENT_RULES: tuple[tuple[str, str, str | None, str], ...] = (
    (
        "woning",
        r"\bontruim\w*|\bhuisuitzetting\w*|\buitzetting\w*|\bgeexmitteerd\b",
        None,
        "dreigende ontruiming: het verlies van de woning",
    ),
    (
        "woning",
        r"uit (mijn|ons|m'n|het|hun|haar|zijn) (huis|woning) (ge)?(zet|gezet|zetten)\b|"
        r"(huis|woning) uit( ge)?zet|op straat (ge)?zet",
        None,
        "dreigende ontruiming: het verlies van de woning",
    ),
    (
        "woning",
        r"\bdeurwaarder\w*",
        # Not "beslag": a garnishment of wages or goods is debt, not the loss of the home.
        r"\b(komt|komen|staat|stond|gaat|dreigt|aangekondigd|sloten|dagvaard\w*|zitting|"
        r"vonnis|ontruim\w*|morgen|volgende week|maandag|dinsdag|woensdag|donderdag|"
        r"vrijdag)\b",
        "de deurwaarder staat voor de deur",
    ),
    (
        "woning",
        r"\bsloten\b.{0,30}\b(vervangen|veranderd|verwisseld)\b|"
        r"\bmoet(en)? (ik|we|wij|zij|hij)? ?(het|mijn|ons|m'n|de) (huis|woning|kamer) uit\b|"
        r"\b(moet|moeten) (er|eruit|het huis uit) (voor|op|per|binnen|vandaag|morgen|deze)\b|"
        r"\b(huis|woning|kamer) uit (moeten|moet)\b",
        None,
        "dreigend verlies van de woning",
    ),
    (
        "woning",
        r"(huis|woning|huurhuis|kamer) (kwijt|verlies|verliezen)|"
        r"(raak|raken|verlies|verliezen) (ik|we|wij|zij|hij)? ?(mijn|ons|m'n|haar|zijn|hun) "
        r"(huis|woning)|huurcontract (is )?(opgezegd|ontbonden)|huur (is )?opgezegd",
        None,
        "dreigend verlies van de woning",
    ),
    (
        "dakloos",
        r"\bdakloo\w*|\bthuisloo\w*|geen (slaapplek|slaapplaats|dak boven)|"
        r"op straat (te )?(staan|slapen|komen|beland|belanden|terecht|leven)|"
        r"nergens (om )?(te )?(slapen|wonen)|\bslaa?p\w* .{0,30}\b(in|buiten) (mijn|de|zijn|haar|"
        r"onze|een) auto|\bin (mijn|de|zijn|haar|onze|een) auto (slapen|slaap\w*)",
        None,
        "dakloos of zonder slaapplek",
    ),
    (
        "dakloos",
        r"\b(slaa?p\w*|sliep\w*|overnacht\w*|verblijf\w*|logeer\w*|bivak\w*)\b.{0,40}"
        r"\b(op|in|bij|onder) (het|een|de)? ?(station|portiek|park|tent|straat|bankje|viaduct|"
        r"brug|trappenhuis|fietsenstalling|caravan|bushokje|bank bij|bank van)\b|"
        r"\b(op|bij) (vrienden|een vriend|een vriendin|kennissen|familie) (op de bank|"
        r"op de bank slapen|in huis)\b|\bbankslap\w*|\bnachtopvang\b|"
        r"geen (vaste )?(woon- of )?(verblijfplaats|woonplek|onderdak)\b|"
        r"\bvan bank naar bank\b|\bzwerf\w*",
        None,
        "dakloos of zonder slaapplek",
    ),
    (
        "energie",
        r"\bafgeslo?ten\b|\bafsluit\w*|\bafgesneden\b|\bdichtgedraaid\b|"
        r"\bdicht ?gedraaid\b|\bafgekoppeld\b|\baf te sluiten\b|\bsluit\w* .{0,30}\baf\b",
        ENERGY,
        "dreigende afsluiting van energie of water",
    ),
    (
        "energie",
        r"zonder (gas|stroom|licht|water|verwarming|energie)\b|in het donker|"
        r"\bin de kou\b",
        None,
        "zonder energie of water",
    ),
    (
        "zorgverzekering",
        r"\bzorgverzeker\w*|\bbasisverzekering\b|\bziektekostenverzeker\w*",
        # Not "wanbetaler": under the wanbetalersregeling the person stays insured (the
        # CAK collects a higher premium); arrears are a debt signal, not the end of cover.
        r"opgezegd|beeindigd|stopgezet|geroyeerd|royement|geschorst|"
        r"niet (meer )?verzekerd|onverzekerd|stopt|gestopt|beeindig\w*|opzeg\w*",
        "de zorgverzekering stopt of is gestopt",
    ),
    (
        "zorgverzekering",
        r"\bonverzekerd\b|niet (meer )?verzekerd voor (ziektekosten|zorg)",
        None,
        "de zorgverzekering stopt of is gestopt",
    ),
    (
        "inkomen",
        r"geen (geld|cent|euro|inkomen|inkomsten)( meer)? (voor|om) "
        r"(eten|boodschappen|voedsel|te eten|eten te kopen|boodschappen te doen)|"
        r"geen (eten|voedsel)( meer)?\b|\bhonger\w*|\bvoedselbank\b|"
        # Someone's own income, not "terwijl hij zelf geen inkomen heeft" (a kostendeler).
        r"geen (enkel |enkele )?(inkomen|inkomsten) meer\b|"
        r"\b(ik|we|wij) (heb|hebben) (nu |helemaal |dus |op dit moment )?geen (enkel |enkele )?"
        r"(inkomen|inkomsten)\b|helemaal geen geld|"
        r"\bkan\b.{0,20}\b(boodschappen|eten)\b.{0,15}\bniet (meer )?(doen|betalen|kopen)\b|"
        r"\bhelemaal geen (inkomen|inkomsten|geld)\b|"
        r"geen (cent|euro) meer|geen geld meer|zonder (enig )?inkomen|"
        r"niets (meer )?te eten|kan (geen|niet) (eten|boodschappen)",
        None,
        "geen inkomen of geen geld voor eten",
    ),
    (
        "inkomen",
        r"\b(kast|kasten|koelkast|vriezer|voorraadkast)\b.{0,15}\b(is|zijn|staat|staan) "
        r"(helemaal )?leeg\b|\bniks (meer )?(te eten|in huis|om te eten)\b|"
        r"\bgeen (geld|cent|euro)\b.{0,40}\b(eten|boodschappen|luiers|melk|brood|"
        r"babyvoeding|medicijnen)\b|"
        r"\b(bank)?rekening\b.{0,25}\b(geblokkeerd|bevroren|leeggehaald|op slot)\b|"
        r"\b(geblokkeerd|bevroren)\b.{0,15}\b(bank)?rekening\b",
        None,
        "geen inkomen of geen geld voor eten",
    ),
    (
        "inkomen",
        r"\b(bijstand\w*|uitkering\w*|leefgeld)\b.{0,40}\b(stopgezet|stop ?gezet|"
        r"geblokkeerd|opgeschort|ingetrokken|beeindigd|niet (meer )?(uitbetaald|betaald|gestort)|"
        r"niet ontvangen|blijft uit|gestopt)\b|\b(stopgezet|geblokkeerd|opgeschort|ingetrokken|"
        r"beeindigd)\b.{0,20}\b(bijstand\w*|uitkering\w*|leefgeld)\b|"
        r"maatregel van (100|honderd) ?(procent|%)|(100|honderd) ?(procent|%) gekort",
        None,
        "de uitkering of het leefgeld is gestopt: mogelijk geen inkomen",
    ),
    (
        "veiligheid",
        r"\bmishandel\w*|\bhuiselijk geweld\b|\bkindermishandeling\b|"
        r"\bmisbruik\w*|\bverwaarloos\w*|\bgeslagen\b|\bgeweld\b|"
        r"\bbedreig\w*\b(?! (mij |me |ons |hem |haar |hen )?met (een |de )?(boete|korting|"
        r"sanctie|maatregel|terugvordering|stopzetting|beslag|incasso|deurwaarder))|"
        r"\bonveilig\w*|\bblauwe plekken\b|\bslaat (mij|me|haar|hem|ons|mijn|onze|de|het)\b|"
        r"\b(man|partner|vriend|vader|moeder|ex) (slaat|schopt)\b",
        None,
        "de veiligheid van een kind of volwassene",
    ),
    (
        "veiligheid",
        r"niet (meer )?veilig",
        r"\b(kind\w*|zoon|dochter|baby|thuis|moeder|"
        r"vader|ik|wij|we|hij|zij|gezin)\b",
        "de veiligheid van een kind of volwassene",
    ),
    (
        "veiligheid",
        r"\bloverboy\w*|\buitbuit\w*|\bprostitu\w*|\baangerand\b|\bverkracht\w*|"
        r"\bseksueel\b.{0,30}\b(misbruik\w*|geweld|uitgebuit|overschrijdend)|"
        r"\bweggelopen\b|\bvan huis (weg)?gelopen\b|\bweg(ge)?lopen van huis\b|"
        r"\bvermist\b|\bspoorloos\b|\bniet (meer )?thuis(gekomen| gekomen| geslapen)\b|"
        r"\b(kind|kinderen|baby|peuter|kleuter)\b.{0,20}\balleen (thuis|gelaten|achtergelaten)\b|"
        r"\bin (acuut )?gevaar\b|\bcrisisopvang\b|\bblijf ?van ?m'?n ?lijf\w*|"
        r"\bvrouwenopvang\b|\bgevlucht\b.{0,30}\b(partner|man|vriend|ex|huis)\b",
        None,
        "de veiligheid van een kind of volwassene",
    ),
    (
        "veiligheid",
        r"\bzichzelf (iets |wat )?(wil |gaat |zal )?(aan ?doen|aandoet|snijdt|snijden|"
        r"beschadig\w*)\b|"
        r"\bzelfbeschadig\w*|\bpillen (ge)?(slikt|ingenomen)\b|\boverdosis\b|"
        r"\ber een einde aan (maken|te maken)\b|\bniet meer verder (wil|willen|kan)\b|"
        r"\bvoor de trein\b|\blevensmoe\b",
        None,
        "gevaar voor iemands leven",
    ),
    (
        "veiligheid",
        r"zelfmoord|suicid\w*|einde aan (mijn|zijn|haar) leven|"
        r"niet meer (willen |wil )?leven|wil niet meer leven|dood willen|niet meer wil(len)? leven",
        None,
        "gevaar voor iemands leven",
    ),
    # The same threats as residents and professionals describe them without the
    # obvious words (from the development set, data/dev.jsonl).
    (
        "dakloos",
        r"\b(woon|wonen|woont|leef|leven|leeft|slaap|slapen|slaapt|zit|zitten)\b.{0,40}"
        r"\b(in|op) (mijn|zijn|haar|onze|de|een|het) (auto|schuur|schuurtje|tent|bankje|"
        r"stacaravan|caravan|parkeerplaats)\b|"
        r"\bnergens (meer )?(een )?(bed|slaapplek)\b|"
        r"\bweet (echt |ook |nu )?niet waar (ik|we|wij|hij|zij|ze) (vannacht |vanavond )?"
        r"heen (moet|moeten|kan|kunnen)\b|"
        r"\bwaar (kan|kunnen|moet|moeten) (ik|we|wij|hij|zij|ze) (vannacht|vanavond|nu)\b|"
        r"\bgeen plek (om heen te gaan|om te slapen|meer om te slapen|om naartoe te gaan)\b|"
        r"\b(een paar )?nachten hier.{0,30}\bdaar\b|\bonder (de|een) (brug|viaduct)\b|"
        r"\bbuiten (slapen|slaapt|geslapen|overnacht\w*)\b",
        None,
        "dakloos of zonder slaapplek",
    ),
    (
        "dakloos",
        r"\b(vriezen|vriest|vorst|ijskoud|min (\w+|\d+)( graden)?)\b",
        r"\b(buiten|slaapt|slapen|brug|viaduct|schuur\w*|straat|geen verwarming|tent|auto)\b",
        "dakloos of zonder slaapplek, en het vriest",
    ),
    (
        "woning",
        r"\bmoet(en)? (ik|we|wij|hij|zij|ze)? ?er\b.{0,40}\buit\b|"
        r"\ber (\w+ ){0,3}uit (moet|moeten)\b|"
        r"\bmoet(en)?\b.{0,40}\b(het|mijn|ons|de) (huis|woning) uit\b|"
        r"\b(huurovereenkomst|huurcontract)\w*\b.{0,30}\b(ontbind\w*|ontbonden|opgezegd)\b|"
        r"\bontbinding van (de|het|mijn|ons) (huurovereenkomst|huurcontract)\b|"
        r"\b(kamer|woning|huur) (is |wordt )?(opgezegd|ontbonden)\b|"
        r"\buit (mijn|zijn|haar|de|het) (woonvoorziening|opvang|instelling|kamer|huis) "
        r"(ge)?zet\b",
        None,
        "dreigend verlies van de woning",
    ),
    (
        "woning",
        r"\b(corporatie|woningcorporatie|verhuurder|huisbaas|woningbouw\w*)\b",
        r"\b(naar de rechter|dagvaard\w*|rechtszaak|kort geding|vonnis|ontruim\w*)\b",
        "dreigende ontruiming: de verhuurder stapt naar de rechter",
    ),
    (
        "energie",
        r"\blevering\b.{0,20}\b(stop\w*|stopzetten|beeindig\w*|afsluiten)\b|"
        r"\b(stop\w*|stopzetten|beeindig\w*)\b.{0,20}\blevering\b",
        ENERGY,
        "dreigende afsluiting van energie of water",
    ),
    (
        "zorgverzekering",
        r"\b(polis|verzekeraar|zorgverzekeraar)\b",
        r"\b(opgezegd|beeindigd|stopgezet|geroyeerd|royement|geschorst)\b",
        "de zorgverzekering stopt of is gestopt",
    ),
    (
        "inkomen",
        r"\b(niets|niks|geen (geld|cent))( meer)? (op (mijn|de|onze) rekening|om van te leven|"
        r"in huis)\b|\bwaar moet(en)? (ik|we|wij) (tot die tijd |nu )?van (eten|leven)\b|"
        r"\b(vandaag|al dagen|al twee dagen|sinds gisteren) (nog )?niet gegeten\b|"
        r"\bgeen (uitkering|inkomen), geen\b|\bleef (ik )?van wat\b|\bleven van wat\b|"
        r"\b(uitkering|bijstand|loon|salaris|leefgeld)\b.{0,40}\bniet (is |zijn )?"
        r"(overgemaakt|binnengekomen|uitbetaald|gestort)\b",
        None,
        "geen inkomen of geen geld voor eten",
    ),
    (
        "veiligheid",
        r"\been eind(e)? aan (het|haar|zijn|mijn|hun) leven\b|\bafscheids(bericht|brief)\w*|"
        r"\b(wil|wilde|wou) (dood|er niet meer zijn|niet meer zijn)\b|"
        r"\bniet meer (uit)?maakt\b|\b(heeft een plan|een plan (heeft|heb|had))\b.{0,40}"
        r"\bgebeurt\b|"
        r"\bgeprobeerd\b.{0,30}\b(leven|dood|pillen)\b",
        None,
        "gevaar voor iemands leven",
    ),
    (
        "veiligheid",
        r"\b(oudere|volwassen|veel oudere) (mannen|man|jongens|jongen|vriend)\b|"
        r"\b(man|jongen|vriend) van (2\d|3\d|4\d|5\d)\b|\bgeld (en|of) cadeaus\b|"
        r"\bcadeautjes\b|\bdure spullen\b",
        r"\b(meisje|meisjes|meiden|meid|dochter|nichtje|pleegkind|pleegdochter|leerling\w*|"
        r"minderjarig\w*|1[0-7])\b",
        "de veiligheid van een kind: mogelijk uitbuiting",
    ),
    (
        "veiligheid",
        r"\bniet (meer )?(teruggekomen|terug(ge)?komen|aangekomen|thuisgekomen)\b|"
        r"\b(is|zijn) (al |sinds )?(gisteren|vannacht|dagen|twee dagen) (weg|zoek|vermist)\b|"
        r"\bthuis niet meer (mag|kan) komen\b|\btelefoon staat uit\b",
        r"\b(zoon|dochter|kind|pleegkind|nichtje|neefje|leerling|meisje|jongen|1[0-7])\b",
        "de veiligheid van een kind: vermist of zonder thuis",
    ),
    (
        "veiligheid",
        r"\b(geschreeuw|gebonk|gegil|gillen|schreeuwen|klappen)\b",
        r"\b(kind\w*|kleine|baby|peuter|huilt|huilen)\b",
        "de veiligheid van een kind: geweld in huis",
    ),
    (
        "veiligheid",
        r"\bop de (grond|vloer)\b",
        r"\b(aangetroffen|lag|ligt|gevallen|kan niet (meer )?op|niemand)\b",
        "iemand die zichzelf niet kan redden, zonder zorg",
    ),
)

# A threat that was averted, or lies in the past, in the same sentence as the trigger.
URGENT_CANCEL = (
    r"\bgelukkig\b|\bvoorkomen\b|\bafgewend\b|\bopgelost\b|\bteruggedraaid\b|"
    r"(?<!sinds )\bvorige (week|winter|maand|zomer)\b|\bweer terug\b|"
    r"\bniet (eens )?(is )?doorgegaan\b|\bhoef\w* .{0,25}\bniet meer\b|"
    r"\b(ging|gaat|is)\b.{0,25}\bniet door\b|\bniet doorgegaan\b|\bweer aangesloten\b|"
    r"\bgeen sprake (meer )?van\b|\bjaren geleden\b|\bvorig jaar\b|\bdestijds\b|"
    r"\bin het verleden\b|\bniet meer (aan de orde|nodig)\b|\bgeen gevaar\b|"
    r"\bvan tafel\b|\bgeen (dreiging|dreigende)\b"
)
# A negation just before the trigger: "niet afgesloten", "geen ontruiming".
URGENT_NEGATION = r"\b(niet|geen|nooit|zonder)\s+(\w+\s+){0,1}$"
