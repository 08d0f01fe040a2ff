"""Fictional residents of the demo world: names, streets, contact details.

The names mirror the population of a Dutch region (Dutch, Moroccan-Dutch, Turkish-Dutch,
Surinamese-Dutch, Antillean, Polish, Syrian and Eritrean backgrounds) so that the demo, the
de-identification work and the reports are tried on names as they really occur, not only on
"Jan Jansen". Every name is a common first name with a common surname; any match with a real
person is a coincidence. Contact details are fictional by construction: e-mail addresses use
the domain example.nl and mobile numbers the 06-1234xxxx block. Nothing here resembles a BSN.
"""

from __future__ import annotations

import hashlib
import random
import unicodedata
from dataclasses import dataclass


def _names(text: str) -> tuple[str, ...]:
    """Comma-separated names (surnames may contain spaces: "van der Meer")."""
    return tuple(name.strip() for name in text.split(",") if name.strip())


# (first names women, first names men, surnames) per background. Surnames with a particle
# ("de Vries") keep it lowercase: "mevrouw De Vries" capitalises it when it stands alone.
_BACKGROUNDS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "nl": (
        _names(
            "Annemieke, Ria, Wilma, Ineke, Sandra, Monique, Linda, Petra, Anouk, Lisa, Sanne,"
            "Joke, Gerda, Marieke, Femke, Tineke, Hennie, Bianca, Esther, Janneke, Corrie,"
            "Willeke, Demi, Romy, Truus, Margreet"
        ),
        _names(
            "Jan, Henk, Kees, Gerrit, Wim, Piet, Bert, Ruud, Erik, Martijn, Sander, Dennis, Bas,"
            "Jeroen, Klaas, Harm, Dirk, Arie, Johan, Rob, Niels, Koen, Teun, Hans, Albert, Roelof"
        ),
        _names(
            "de Boer, Visser, Bos, Meijer, de Groot, Mulder, Dekker, Brouwer, van der Meer, Kok,"
            "Hoekstra, Prins, Postma, Veenstra, Schouten, van Dam, Kuipers, de Wit, Vos, Huisman,"
            "Koster, Timmerman, Hendriks, van den Berg, Wiersma, Jonker, de Haan, Brink, Scholten,"
            "Zwart, Bouwman, van Vliet, Smits, Groen, Evers, Hofman, Lammers, Oosterhuis"
        ),
    ),
    "ma": (
        _names(
            "Fatiha, Samira, Naima, Khadija, Latifa, Malika, Nadia, Souad, Hanan, Imane, Salma,"
            "Yasmina, Loubna, Ikram"
        ),
        _names(
            "Mohamed, Ahmed, Youssef, Mustafa, Rachid, Hassan, Karim, Said, Abdel, Bilal, Nordin,"
            "Khalid, Hamid, Anouar"
        ),
        _names(
            "El Idrissi, Bouzian, Amrani, El Khatib, Benali, Ouali, Azzouz, El Ouardi, Boukhari,"
            "Chaouch, Ait Taleb, Ben Said, Haddouchi, Ziani"
        ),
    ),
    "tr": (
        _names("Ayşe, Fatma, Elif, Zeynep, Emine, Hatice, Gül, Özlem, Sevgi, Derya"),
        _names("Mehmet, Mustafa, Emre, Hasan, Hüseyin, Murat, Kemal, Ali, Osman"),
        # Turkish spelling keeps its dotless i: real names make real test data.
        _names(
            "Yıldız, Kaya, Demir, Çelik, Öztürk, Aydın,"  # noqa: RUF001
            "Arslan, Doğan, Kılıç, Şahin, Koç, Kurt, Polat"  # noqa: RUF001
        ),
    ),
    "sr": (
        _names("Shanti, Sharmila, Sharon, Jenny, Rosita, Marlene, Usha, Priya, Gladys"),
        _names("Ravi, Marciano, Roy, Anil, Glenn, Errol, Ricardo, Dinesh, Romeo"),
        _names(
            "Ramdin, Ramautar, Jagessar, Pinas, Wijngaarde, Sanches, Kromodimedjo, Biharie,"
            "Baldewsingh, Ameerali, Tjon A Fong, Lont, Doelwijt"
        ),
    ),
    "aw": (
        _names("Shirley, Giselle, Rudsel, Jacqueline, Milagros"),
        _names("Giovanni, Rignald, Jurich, Edsel, Ruthsel"),
        _names("Martina, Koeiman, Isenia, Statia, Rosaria, Leito, Sulvaran"),
    ),
    "pl": (
        _names("Agnieszka, Katarzyna, Magdalena, Joanna, Ewa"),
        _names("Piotr, Tomasz, Krzysztof, Paweł, Marek"),
        _names("Kowalski, Nowak, Wiśniewski, Wójcik, Kamiński, Lewandowski"),
    ),
    "sy": (
        _names("Rasha, Lina, Hiba, Nour, Senait, Helen, Ruta"),
        _names("Ahmad, Omar, Yonas, Samuel, Khaled, Tesfay, Amanuel"),
        _names("Haddad, Alkhatib, Al Hamwi, Darwish, Tesfamariam, Gebremedhin, Mahari"),
    ),
}
# Rough share of each background among the residents of the demo region.
_BACKGROUND_WEIGHTS = {"nl": 62, "ma": 9, "tr": 8, "sr": 8, "aw": 3, "pl": 5, "sy": 5}

CHILD_NAMES_GIRLS = _names(
    "Emma, Julia, Mila, Sara, Noor, Lotte, Amira, Zeynep, Yara, Fenna, Shanice, Lina,"
    "Tess, Hiba, Ivy, Nina, Aaliyah, Evi, Maud, Hajar"
)
CHILD_NAMES_BOYS = _names(
    "Daan, Sem, Noah, Lucas, Levi, Finn, Yassin, Ayoub, Emir, Jayden, Milan, Bram, Adam,"
    "Mees, Luuk, Rayan, Stijn, Tygo, Kerem, Dylan"
)

# Street names and neighbourhoods, per municipality code. Invented to fit a coastal town and
# an inland one; they may exist somewhere in the country, but not with these residents.
STREETS = {
    "GM9901": _names(
        "Duinweg, Zeereep, Strandvonderlaan, Schelpenpad, Helmgrasstraat, Vuurtorenstraat,"
        "Havenkade, Kerklaan, Dorpsstraat, Meeuwenlaan, Zandloperweg, Badhuisstraat,"
        "Kotterstraat, Golfslag, Wierstraat, Zeedijk, Noorderhaven, Reddingsweg, Kaapstander,"
        "Loodsmanstraat, Duinroosstraat, Visafslagweg"
    ),
    "GM9902": _names(
        "Heideweg, Hoge Esch, Brink, Berkenlaan, Molenberg, Schaapskooiweg, Eikenhof,"
        "Boslaan, Veldkamp, Kerkstraat, Essenlaan, Dennenweg, Markeweg, Hunebedstraat,"
        "Bosrand, Akkerweg, Vijverhof, Marktstraat, Plaggenweg, Heidebloemstraat"
    ),
}
NEIGHBOURHOODS = {
    "GM9901": _names("Duinzicht, Oude Haven, Zeewijk, Aa-Noord, Strandwijk"),
    "GM9902": _names("De Esch, Hoogveld, Molenkamp, Brinkdorp, Heidepark"),
}
PLACES = {
    "GM9901": _names("Aa en Zee, Aa en Zee, Aa en Zee, Zeedorp"),
    "GM9902": _names("Hooglo, Hooglo, Esdorp, Brinkhorst"),
}


@dataclass(frozen=True)
class Resident:
    first_name: str
    surname: str
    female: bool
    municipality: str
    street: str
    number: str
    place: str
    email: str
    phone: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.surname}"

    @property
    def title(self) -> str:
        """ "mevrouw De Boer", "meneer Öztürk": how staff write about someone."""
        return f"{'mevrouw' if self.female else 'meneer'} {capitalise_surname(self.surname)}"

    @property
    def salutation(self) -> str:
        return "mevrouw" if self.female else "meneer"

    @property
    def address(self) -> str:
        return f"{self.street} {self.number}"

    @property
    def postcode(self) -> str:
        """A fictional but well-formed Dutch postcode, the same for the same street and place
        (derived, not drawn, so the plan's random numbers stay as they were)."""
        digest = hashlib.sha256(f"{self.place}/{self.street}".encode()).digest()
        digits = 1000 + int.from_bytes(digest[:2], "big") % 9000
        letters = "".join(POSTCODE_LETTERS[b % len(POSTCODE_LETTERS)] for b in digest[2:4])
        if letters in ("SA", "SD", "SS"):  # not used in Dutch postcodes
            letters = "AB"
        return f"{digits} {letters}"


POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"


def capitalise_surname(surname: str) -> str:
    # Dutch spelling: "de Vries" after a first name, "De Vries" on its own.
    return surname[:1].upper() + surname[1:]


def ascii_slug(text: str) -> str:
    """'Öztürk' → 'ozturk', 'van der Meer' → 'vandermeer', 'Ben Said' → 'bensaid'."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u0131", "i").replace("\u0142", "l"))
    plain = decomposed.encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def mobile_number(rng: random.Random) -> str:
    # The 06-1234xxxx block is the agreed fictional range for the demo.
    return f"06-1234{rng.randrange(10_000):04d}"


def email_for(rng: random.Random, first_name: str, surname: str) -> str:
    first, last = ascii_slug(first_name), ascii_slug(surname)
    style = rng.random()
    if style < 0.45:
        local = f"{first}.{last}"
    elif style < 0.65:
        local = f"{first[0]}{last}"
    elif style < 0.8:
        local = f"{first}{last}{rng.randrange(60, 100)}"
    elif style < 0.9:
        local = f"fam.{last}"
    else:
        local = f"{first}{rng.randrange(1, 99)}"
    return f"{local}@example.nl"


def pick_background(rng: random.Random) -> str:
    backgrounds = list(_BACKGROUND_WEIGHTS)
    return rng.choices(backgrounds, weights=[_BACKGROUND_WEIGHTS[b] for b in backgrounds])[0]


def new_resident(
    rng: random.Random,
    municipality: str,
    *,
    female: bool | None = None,
    surname: str | None = None,
    background: str | None = None,
) -> Resident:
    background = background or pick_background(rng)
    women, men, surnames = _BACKGROUNDS[background]
    if female is None:
        # Women bring in more social-domain questions (as carers, too), as in real registers.
        female = rng.random() < 0.6
    first_name = rng.choice(women if female else men)
    surname = surname or rng.choice(surnames)
    number = str(rng.randrange(1, 180))
    if rng.random() < 0.15:
        number += rng.choice(("a", "b", "-2", "-12", " bis"))
    return Resident(
        first_name=first_name,
        surname=surname,
        female=female,
        municipality=municipality,
        street=rng.choice(STREETS[municipality]),
        number=number,
        place=rng.choice(PLACES[municipality]),
        email=email_for(rng, first_name, surname),
        phone=mobile_number(rng),
    )


def relative_of(rng: random.Random, person: Resident, *, female: bool | None = None) -> Resident:
    """A family member: often the same surname, living elsewhere in the region."""
    background = next(
        (b for b, (_, _, names) in _BACKGROUNDS.items() if person.surname in names), None
    )
    same_surname = rng.random() < 0.6
    return new_resident(
        rng,
        person.municipality,
        female=female,
        surname=person.surname if same_surname else None,
        background=background,
    )


def child_name(rng: random.Random, *, girl: bool) -> str:
    return rng.choice(CHILD_NAMES_GIRLS if girl else CHILD_NAMES_BOYS)
