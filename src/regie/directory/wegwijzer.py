"""The wegwijzer: who helps a resident with this problem in this municipality, what happens
next, which terms apply, and where to go when it does not work out (DESIGN.md point 1).

A read-only selector over the directory. It matches the resident's own words against the
topics' names and keywords, picks the municipality's responsibility for each topic found
(or for its domain when the municipality made no separate arrangement), and says all of it in
plain Dutch. Both faces (the public pages and the API) show this one answer.

It reads directory tables only, in a fixed number of queries, and nothing of cases.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import snowballstemmer  # type: ignore[import-untyped]
from django.db.models import Prefetch, Q

from regie.deadlines import Option, Regime, get_regime
from regie.deadlines.dutch import capitalize_first, format_date, join_list
from regie.directory.complaints import complaint_regime
from regie.directory.models import (
    ContactChannel,
    Municipality,
    Organisation,
    Responsibility,
    Team,
    Topic,
)
from regie.vocabulary import ComplaintRoute, ContactKind, Domain, OrganisationKind, Oversight

QUESTION_MAX = 500
MAX_RESULTS = 5

# The domains in words a resident uses (the vocabulary's labels are for staff).
DOMAIN_WORDS: dict[str, str] = {
    Domain.WMO: "Hulp en ondersteuning thuis (Wmo)",
    Domain.JEUGD: "Kinderen, jongeren en gezin",
    Domain.WERK_EN_INKOMEN: "Werk en inkomen",
    Domain.SCHULDHULP: "Geldzaken en schulden",
    Domain.OVERIG: "Iets anders",
}
DOMAIN_ORDER = [d.value for d in Domain]


class WegwijzerError(ValueError):
    """A question the wegwijzer cannot answer; `field` names the input that is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


# ---------------------------------------------------------------------------------------------
# Reading the resident's words
# ---------------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")
# Two Snowball stemmers for Dutch: the current one handles plurals in -s (boetes, taxi's), the
# classic one keeps -en plurals that the current one cuts differently (schulden, toeslagen).
# A word matches a keyword when either stemmer reduces both to the same stem.
_STEMMERS = (snowballstemmer.stemmer("dutch"), snowballstemmer.stemmer("dutch_porter"))
# Parts of a compound word ("thuiszorgmedewerker", "energierekening") count when this long:
# shorter ones ("werk", "kind") hide in too many unrelated words.
_COMPOUND_MIN = 6


def normalise(word: str) -> str:
    """Lower case without accents: "Cliënt" → "client"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=20_000)
def stems(word: str) -> tuple[str, str]:
    """The stems of a normalised word, one per stemmer (cached: words repeat a lot)."""
    return (_STEMMERS[0].stemWord(word), _STEMMERS[1].stemWord(word))


@dataclass(frozen=True, slots=True)
class Token:
    word: str  # normalised
    start: int  # offsets in the original text, to quote the resident's own words
    end: int


def tokens(text: str) -> list[Token]:
    """Words and numbers; punctuation separates them ("wmo-vervoer" is two words)."""
    return [Token(normalise(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def _same_word(text_word: str, phrase_word: str) -> bool:
    if text_word == phrase_word:
        return True
    a, b = stems(text_word), stems(phrase_word)
    return a[0] == b[0] or a[1] == b[1]


def _compound_part(text_word: str, phrase_word: str) -> bool:
    """Dutch glues words together; the keyword may start or end the compound."""
    if len(text_word) <= len(phrase_word):
        return False
    if text_word.startswith(phrase_word):
        return True
    a, b = stems(text_word), stems(phrase_word)
    return a[0].endswith(b[0]) or a[1].endswith(b[1])


@dataclass(frozen=True, slots=True)
class Phrase:
    words: tuple[str, ...]
    topic_id: int
    # A topic's own name weighs more than one of its keywords.
    weight: float


@dataclass(frozen=True, slots=True)
class Match:
    topic_id: int
    score: float
    quote: str  # the resident's words as typed
    first: int  # the words matched, by position in the question
    last: int

    def overlaps(self, other: Match) -> bool:
        return self.first <= other.last and other.first <= self.last


# How much a match counts: exactly the keyword, the same word inflected, or part of a compound.
_EXACT, _INFLECTED, _COMPOUND = 1.0, 0.9, 0.5


class TopicIndex:
    """The topics' names and keywords as phrases, indexed by their first word's forms so that
    a question is read once, word by word. Build it with `topic_index`, which reuses it."""

    def __init__(self, topics: Iterable[Topic | _TopicData]) -> None:
        self._by_key: dict[str, list[Phrase]] = {}
        self._compoundable: list[Phrase] = []
        for topic in topics:
            name = tuple(t.word for t in tokens(re.sub(r"\(.*?\)", " ", topic.name)))
            phrases = {name: 1.5}
            for keyword in topic.keywords:
                phrases.setdefault(tuple(t.word for t in tokens(str(keyword))), 1.0)
            for words, weight in phrases.items():
                if words:
                    self._add(Phrase(words, topic.pk, weight))

    def _add(self, phrase: Phrase) -> None:
        first = phrase.words[0]
        for key in {f"w:{first}", *(f"{i}:{s}" for i, s in enumerate(stems(first)))}:
            self._by_key.setdefault(key, []).append(phrase)
        if len(phrase.words) == 1 and len(first) >= _COMPOUND_MIN:
            self._compoundable.append(phrase)

    def matches(self, text: str) -> list[Match]:
        words = tokens(text)
        found: list[Match] = []
        for i, token in enumerate(words):
            keys = {f"w:{token.word}", *(f"{n}:{s}" for n, s in enumerate(stems(token.word)))}
            candidates = {id(p): p for key in keys for p in self._by_key.get(key, ())}
            for phrase in candidates.values():
                span = words[i : i + len(phrase.words)]
                if len(span) < len(phrase.words):
                    continue
                pairs = list(zip((t.word for t in span), phrase.words, strict=True))
                if all(a == b for a, b in pairs):
                    quality = _EXACT
                elif all(_same_word(a, b) for a, b in pairs):
                    quality = _INFLECTED
                else:
                    continue
                score = quality * phrase.weight * len(phrase.words)
                quote = text[span[0].start : span[-1].end]
                found.append(Match(phrase.topic_id, score, quote, i, i + len(span) - 1))
            if len(token.word) <= _COMPOUND_MIN:
                continue
            for phrase in self._compoundable:
                if _compound_part(token.word, phrase.words[0]):
                    quote = text[token.start : token.end]
                    found.append(Match(phrase.topic_id, _COMPOUND * phrase.weight, quote, i, i))
        return _without_overlaps(found)


@functools.lru_cache(maxsize=8)
def _cached_index(fingerprint: tuple[tuple[int, str, tuple[str, ...]], ...]) -> TopicIndex:
    return TopicIndex(_TopicData(pk, name, list(words)) for pk, name, words in fingerprint)


@dataclass(frozen=True)
class _TopicData:
    pk: int
    name: str
    keywords: list[str]


def topic_index(topics: Iterable[Topic]) -> TopicIndex:
    """The index of these topics, built once for as long as no topic changes: the
    fingerprint holds everything the index reads, so a topic edited in Beheer is seen on the
    next question, in every process."""
    fingerprint = tuple(sorted((t.pk, t.name, tuple(map(str, t.keywords))) for t in topics))
    return _cached_index(fingerprint)


def _without_overlaps(matches: list[Match]) -> list[Match]:
    """Per topic, the longest and best matches that share no words: "huishoudelijke hulp"
    also matches the keyword "huishouden" in its first word, which must not count twice."""
    kept: list[Match] = []
    for match in sorted(matches, key=lambda m: (m.first - m.last, -m.score, m.first)):
        if not any(k.topic_id == match.topic_id and k.overlaps(match) for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.first)


# ---------------------------------------------------------------------------------------------
# The answer
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Channel:
    kind: str
    label: str
    value: str
    note: str
    href: str | None


@dataclass(frozen=True)
class Party:
    """Who: a municipal team, a provider, a joint arrangement, an independent body, or the
    ombudsman. `slug` is empty for the ombudsman, who is data on the municipality."""

    slug: str
    name: str
    kind: str  # "team", "ombudsman", or an OrganisationKind value
    kind_label: str
    description: str
    channels: tuple[Channel, ...]


@dataclass(frozen=True)
class TermInfo:
    label: str
    words: str
    regime: str
    legal_basis: str


@dataclass(frozen=True)
class EscalationStep:
    position: int
    action: str
    text: str
    party: Party
    term: str


@dataclass(frozen=True)
class ComplaintRouteInfo:
    handler: Party
    regime: str | None  # None when a provider's scheme sets no term on record
    regime_label: str
    term: str
    legal_basis: str
    scheme: str
    scheme_url: str
    steps: tuple[EscalationStep, ...]


@dataclass(frozen=True)
class OversightInfo:
    level: str | None  # None when the municipality does the work itself
    words: str
    decision_reference: str
    decision_date: str | None


@dataclass(frozen=True)
class TopicRef:
    slug: str
    name: str


@dataclass(frozen=True)
class Result:
    domain: str
    domain_label: str
    topic: TopicRef | None
    score: float
    reasons: tuple[str, ...]
    responsible: Party
    outsourced_to: str | None  # the provider or GR doing the work, for "about" in /melden
    what_happens: str
    terms: tuple[TermInfo, ...]
    complaint_route: ComplaintRouteInfo
    support: tuple[Party, ...]
    oversight: OversightInfo


@dataclass(frozen=True)
class MunicipalityInfo:
    code: str
    name: str
    channels: tuple[Channel, ...]
    ombudsman: Party


@dataclass(frozen=True)
class Answer:
    municipality: MunicipalityInfo
    results: tuple[Result, ...]
    matched: bool
    suggestion: str


@dataclass(frozen=True)
class Question:
    q: str = ""
    domain: str = ""
    topic: str = ""

    def __post_init__(self) -> None:
        if len(self.q) > QUESTION_MAX:
            raise WegwijzerError("q", f"Gebruik hooguit {QUESTION_MAX} tekens.")
        if self.domain and self.domain not in Domain.values:
            raise WegwijzerError("domain", f"{self.domain!r} is geen bekend domein.")
        if not (self.q.strip() or self.domain or self.topic):
            raise WegwijzerError(
                "q", "Schrijf in een paar woorden waar het over gaat, of kies een onderwerp."
            )


# ---------------------------------------------------------------------------------------------
# The selector
# ---------------------------------------------------------------------------------------------


def municipalities() -> list[Municipality]:
    return list(Municipality.objects.order_by("name"))


def topics_by_domain() -> list[tuple[str, str, list[Topic]]]:
    """Every topic, grouped by domain in the vocabulary's order: (domain, words, topics)."""
    grouped: dict[str, list[Topic]] = {}
    for topic in Topic.objects.only("slug", "name", "domain").order_by("name"):
        grouped.setdefault(topic.domain, []).append(topic)
    return [(d, DOMAIN_WORDS[d], grouped[d]) for d in DOMAIN_ORDER if d in grouped]


@dataclass
class _Hit:
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)

    def add(self, score: float, reason: str) -> None:
        self.score += score
        if reason not in self.reasons:
            self.reasons.append(reason)


def wegwijzer_answer(*, municipality: Municipality, question: Question) -> Answer:
    """The municipality's responsibilities for this question, best first.

    Four queries whatever the question: topics, responsibilities with their parties,
    their support organisations, and every channel of everyone named.
    """
    topics = {t.pk: t for t in Topic.objects.only("slug", "name", "domain", "keywords")}
    chosen = next((t for t in topics.values() if t.slug == question.topic), None)
    if question.topic and chosen is None:
        raise WegwijzerError("topic", f"{question.topic!r} is geen bekend onderwerp.")

    topic_hits = _topic_hits(topics, question, chosen)
    rows = _responsibilities(municipality, topics)
    by_topic = {r.topic_id: r for r in rows if r.topic_id is not None}
    by_domain = {r.domain: r for r in rows if r.topic_id is None}

    hits: dict[int, _Hit] = {}
    for topic_id, hit in topic_hits.items():
        topic = topics[topic_id]
        row = by_topic.get(topic_id)
        reasons = list(hit.reasons)
        if row is None:
            row = by_domain.get(topic.domain)
            if topic.domain != Domain.OVERIG:
                reasons.append(
                    f"Voor {topic.name.lower()} heeft de gemeente geen aparte afspraak: dat "
                    f"valt onder {DOMAIN_WORDS[topic.domain].lower()}."
                )
        if row is not None:
            for reason in reasons:
                hits.setdefault(row.pk, _Hit()).add(0, reason)
            hits[row.pk].score += hit.score
    if question.domain:
        _add_domain(hits, rows, question.domain)

    matched = bool(hits)
    suggestion = ""
    if not matched and (fallback := by_domain.get(Domain.OVERIG)) is not None:
        hits[fallback.pk] = _Hit(0, ["Wij vonden bij uw woorden geen onderwerp."])
    by_pk = {r.pk: r for r in rows}
    ranked = sorted(
        hits.items(),
        key=lambda item: (
            -item[1].score,
            DOMAIN_ORDER.index(by_pk[item[0]].domain),
            _topic_name(by_pk[item[0]]),
        ),
    )[:MAX_RESULTS]

    channels = _channels(municipality, [by_pk[pk] for pk, _ in ranked])
    about = _MunicipalityParties(municipality, channels)
    if not matched:
        suggestion = _suggestion(about.info.channels)
    results = tuple(_result(by_pk[pk], hit, about, channels) for pk, hit in ranked)
    return Answer(municipality=about.info, results=results, matched=matched, suggestion=suggestion)


def _topic_hits(
    topics: dict[int, Topic], question: Question, chosen: Topic | None
) -> dict[int, _Hit]:
    hits: dict[int, _Hit] = {}
    if chosen is not None:
        hits.setdefault(chosen.pk, _Hit()).add(100, f"U koos het onderwerp '{chosen.name}'.")
    if question.q.strip():
        matches = topic_index(topics.values()).matches(question.q)
        quotes: dict[int, list[str]] = {}
        for match in matches:
            hits.setdefault(match.topic_id, _Hit()).score += match.score
            said = quotes.setdefault(match.topic_id, [])
            if match.quote.casefold() not in (s.casefold() for s in said):
                said.append(match.quote)
        for topic_id, said in quotes.items():
            words = join_list([f"'{q}'" for q in said])
            hits[topic_id].add(
                0, f"U schreef {words}: dat gaat over {topics[topic_id].name.lower()}."
            )
    if question.domain:
        # A chosen domain narrows the words' matches to that domain.
        hits = {k: v for k, v in hits.items() if topics[k].domain == question.domain}
    return hits


def _topic_name(row: Responsibility) -> str:
    # The domain's own row ("") before its topics, the topics alphabetically.
    return row.topic.name if row.topic else ""


def _add_domain(hits: dict[int, _Hit], rows: Sequence[Responsibility], domain: str) -> None:
    words = DOMAIN_WORDS[domain]
    for row in rows:
        if row.domain != domain:
            continue
        if row.topic_id is None:
            hits.setdefault(row.pk, _Hit()).add(10, f"U koos '{words}'.")
        elif row.pk not in hits:
            # The separate arrangements in the domain come after the domain itself.
            assert row.topic is not None
            hits[row.pk] = _Hit(5, [f"{row.topic.name} hoort bij '{words}'."])


def _responsibilities(municipality: Municipality, topics: dict[int, Topic]) -> list[Responsibility]:
    # All of the municipality's rows: a few dozen at most, and a chosen domain, a topic's
    # fallback to its domain and the "overig" row are then decided without another query.
    # No ORDER BY (the ranking sorts) and no join for the topic (already loaded): each extra
    # table made PostgreSQL plan for milliseconds longer than it executes.
    rows = list(
        Responsibility.objects.filter(municipality=municipality)
        .order_by()
        .select_related(
            "help_team",
            "help_organisation",
            "complaint_team",
            "complaint_organisation",
            "escalation_team",
        )
        .prefetch_related(Prefetch("support", queryset=Organisation.objects.order_by("name")))
    )
    for row in rows:
        if row.topic_id is not None:
            row.topic = topics[row.topic_id]
    return rows


ChannelIndex = dict[tuple[str, int], tuple[Channel, ...]]


def _channels(municipality: Municipality, rows: Sequence[Responsibility]) -> ChannelIndex:
    """Every channel of the municipality and of everyone the results name, in one query."""
    teams: set[int] = set()
    organisations: set[int] = set()
    for row in rows:
        teams.update(
            t for t in (row.help_team_id, row.complaint_team_id, row.escalation_team_id) if t
        )
        organisations.update(
            o for o in (row.help_organisation_id, row.complaint_organisation_id) if o
        )
        organisations.update(o.pk for o in row.support.all())
    found: dict[tuple[str, int], list[Channel]] = {}
    query = ContactChannel.objects.filter(
        Q(municipality=municipality) | Q(team_id__in=teams) | Q(organisation_id__in=organisations)
    ).order_by("position", "pk")
    for channel in query:
        if channel.municipality_id:
            owner = ("municipality", channel.municipality_id)
        elif channel.team_id:
            owner = ("team", channel.team_id)
        else:
            assert channel.organisation_id is not None
            owner = ("organisation", channel.organisation_id)
        found.setdefault(owner, []).append(_channel(channel))
    return {owner: tuple(items) for owner, items in found.items()}


def _channel(channel: ContactChannel) -> Channel:
    value = channel.value
    href: str | None = None
    if channel.kind == ContactKind.TELEFOON:
        href = "tel:" + re.sub(r"[^\d+]", "", value)
    elif channel.kind == ContactKind.EMAIL:
        href = f"mailto:{value}"
    elif channel.kind in (ContactKind.WEBSITE, ContactKind.WEBFORMULIER):
        href = value
    return Channel(channel.kind, ContactKind(channel.kind).label, value, channel.note, href)


# ---------------------------------------------------------------------------------------------
# Saying it in plain Dutch
# ---------------------------------------------------------------------------------------------


class _MunicipalityParties:
    """The municipality, its ombudsman and its teams as parties, for one answer."""

    def __init__(self, municipality: Municipality, channels: ChannelIndex) -> None:
        self.municipality = municipality
        self.channels = channels
        own = channels.get(("municipality", municipality.pk), ())
        self.ombudsman = Party(
            slug="",
            name=capitalize_first(municipality.ombudsman_name),
            kind="ombudsman",
            kind_label="Ombudsman",
            description=(
                "Onafhankelijk. Kijkt of de gemeente u goed heeft behandeld. Dat is gratis."
            ),
            channels=(
                Channel(
                    ContactKind.WEBSITE,
                    ContactKind.WEBSITE.label,
                    municipality.ombudsman_url,
                    "",
                    municipality.ombudsman_url,
                ),
            ),
        )
        self.info = MunicipalityInfo(
            code=municipality.code,
            name=municipality.name,
            channels=own,
            ombudsman=self.ombudsman,
        )

    def party(self, who: Team | Organisation) -> Party:
        if isinstance(who, Team):
            return Party(
                slug=who.slug,
                name=f"{who.name} van {self.municipality.name}",
                kind="team",
                kind_label="Team van de gemeente",
                description=f"Een team van {self.municipality.name}.",
                channels=self.channels.get(("team", who.pk), ()),
            )
        return Party(
            slug=who.slug,
            name=who.name,
            kind=who.kind,
            kind_label=OrganisationKind(who.kind).label,
            description=who.description,
            channels=self.channels.get(("organisation", who.pk), ()),
        )


def _result(
    row: Responsibility, hit: _Hit, about: _MunicipalityParties, channels: ChannelIndex
) -> Result:
    helper = row.helper
    # A row without a helper still answers: the municipality's complaint team or the municipality.
    responsible = about.party(helper) if helper is not None else _municipality_party(about)
    outsourced = row.outsourced_to
    what_happens = row.what_happens or (
        f"{responsible.name} bekijkt uw vraag en neemt contact met u op."
    )
    return Result(
        domain=row.domain,
        domain_label=DOMAIN_WORDS[row.domain],
        topic=TopicRef(row.topic.slug, row.topic.name) if row.topic else None,
        score=round(hit.score, 2),
        reasons=tuple(hit.reasons),
        responsible=responsible,
        outsourced_to=outsourced.slug if outsourced else None,
        what_happens=what_happens,
        terms=_terms(row, about.municipality),
        complaint_route=_complaint_route(row, about),
        support=tuple(about.party(o) for o in row.support.all()),
        oversight=_oversight(row),
    )


def _municipality_party(about: _MunicipalityParties) -> Party:
    info = about.info
    return Party(info.code, info.name, "gemeente", "Gemeente", "", info.channels)


def _terms(row: Responsibility, municipality: Municipality) -> tuple[TermInfo, ...]:
    """The terms that start when the resident asks for help here: the municipality's service
    norm for first contact, and for debt help the Wgs terms (LEGAL.md §4)."""
    days = municipality.norm_first_contact_working_days
    terms = [
        TermInfo(
            label="Eerste contact",
            words=(
                f"Meldt u uw vraag hier? Dan neemt de gemeente binnen {days} "
                f"{'werkdag' if days == 1 else 'werkdagen'} contact met u op."
            ),
            regime="servicenorm-eerste-contact",
            legal_basis="servicenorm van de gemeente",
        )
    ]
    if row.domain == Domain.SCHULDHULP:
        first = get_regime("wgs-eerste-gesprek")
        crisis = next(o.term for o in first.options if o.option is Option.CRISIS)
        terms.append(
            TermInfo(
                label="Eerste gesprek over uw schulden",
                words=(
                    f"Binnen {first.term.in_dutch()} na uw hulpvraag. Dreigt er een "
                    "huisuitzetting, afsluiting van gas, licht of water, of het stoppen van uw "
                    f"zorgverzekering? Dan binnen {crisis.in_dutch()}."
                ),
                regime=first.identifier,
                legal_basis=first.legal_basis,
            )
        )
        decision = get_regime("wgs-besluit")
        weeks = municipality.wgs_decision_weeks
        terms.append(
            TermInfo(
                label="Besluit over uw schuldhulp",
                words=(
                    f"Binnen {weeks} {'week' if weeks == 1 else 'weken'} na het eerste gesprek "
                    "krijgt u een besluit op papier, met een plan van aanpak."
                ),
                regime=decision.identifier,
                legal_basis=decision.legal_basis,
            )
        )
    return tuple(terms)


def _awb_words() -> str:
    awb = get_regime("awb-klacht")
    extended = next(o.term for o in awb.options if o.option is Option.EXTENDED)
    return (
        f"binnen {awb.term.in_dutch()}; de gemeente mag dit één keer met "
        f"{extended.in_dutch()} verlengen en laat u dat dan weten"
    )


def _term_words(regime: Regime | None) -> str:
    if regime is None:
        return "de klachtenregeling noemt geen termijn"
    if regime.identifier == "awb-klacht":
        return _awb_words()
    return f"binnen {regime.term.in_dutch()}"


def _complaint_route(row: Responsibility, about: _MunicipalityParties) -> ComplaintRouteInfo:
    organisation = row.complaint_organisation
    handler_model = row.complaint_handler or row.escalation_team
    handler = about.party(handler_model) if handler_model else _municipality_party(about)
    regime = complaint_regime(organisation)
    steps: list[EscalationStep] = []

    scheme = organisation.complaint_scheme if organisation else ""
    if organisation is not None and organisation.route == ComplaintRoute.KLACHTENREGELING:
        named = f"de {scheme}" if scheme else f"de klachtenregeling van {organisation.name}"
        steps.append(
            EscalationStep(
                position=1,
                action=f"Klacht bij {organisation.name}",
                text=(
                    f"Bespreek het eerst met {organisation.name}. Komt u er samen niet uit? "
                    f"Dien dan een klacht in bij {organisation.name}. Daarvoor geldt {named}."
                ),
                party=handler,
                term=_term_words(regime),
            )
        )
    elif organisation is not None:
        steps.append(
            EscalationStep(
                position=1,
                action=f"Klacht bij {organisation.name}",
                text=(
                    f"Dien een klacht in bij {organisation.name}. Vaak lossen zij het eerst "
                    "met u op in een gesprek."
                ),
                party=handler,
                term=_term_words(regime),
            )
        )
    else:
        steps.append(
            EscalationStep(
                position=1,
                action="Klacht bij de gemeente",
                text=(
                    f"Dien een klacht in bij {about.municipality.name}. Vaak lossen we het eerst "
                    "samen op in een gesprek."
                ),
                party=handler,
                term=_awb_words(),
            )
        )
    escalation = row.escalation_team
    if organisation is not None and escalation is not None:
        steps.append(
            EscalationStep(
                position=2,
                action="Klacht bij de gemeente",
                text=(
                    f"{organisation.name} werkt in opdracht van {about.municipality.name}. Gaat "
                    "uw klacht over wat de gemeente zelf deed, zoals de indicatie, de inkoop of "
                    f"het toezicht? Of bent u niet tevreden over hoe {organisation.name} uw "
                    "klacht behandelde? Dan kunt u een klacht indienen bij de gemeente."
                ),
                party=about.party(escalation),
                term=_awb_words(),
            )
        )
    steps.append(
        EscalationStep(
            position=len(steps) + 1,
            action=f"Naar {about.municipality.ombudsman_name}",
            text=(
                "Bent u niet tevreden over het antwoord van de gemeente op uw klacht? Dan kunt u "
                f"naar {about.municipality.ombudsman_name}. Dat is gratis."
            ),
            party=about.ombudsman,
            term="binnen een jaar na het antwoord van de gemeente",
        )
    )
    return ComplaintRouteInfo(
        handler=handler,
        regime=regime.identifier if regime else None,
        regime_label=regime.label if regime else f"Klachtenregeling van {handler.name}",
        term=regime.term.in_dutch() if regime else "",
        legal_basis=regime.legal_basis if regime else "",
        scheme=scheme,
        scheme_url=organisation.complaint_scheme_url if organisation else "",
        steps=tuple(steps),
    )


def _oversight(row: Responsibility) -> OversightInfo:
    outsourced = row.outsourced_to
    decision = ""
    if row.decision_reference:
        when = f" van {format_date(row.decision_date)}" if row.decision_date else ""
        decision = f" Dat is afgesproken in {row.decision_reference}{when}."
    if outsourced is None:
        words = "De gemeente doet dit zelf."
    elif row.oversight == Oversight.VOLLEDIG:
        words = (
            f"{outsourced.name} doet dit werk voor de gemeente. De gemeente volgt elke melding: "
            f"zij ziet hoe het gaat en hoe het afloopt.{decision}"
        )
    elif row.oversight == Oversight.SAMENVATTING:
        words = (
            f"{outsourced.name} doet dit werk voor de gemeente. De gemeente ziet alleen "
            "aantallen en onderwerpen, geen namen. Wilt u dat de gemeente meekijkt? Meld het "
            f"dan hier.{decision}"
        )
    else:
        words = f"{outsourced.name} doet dit werk voor de gemeente.{decision}"
    return OversightInfo(
        level=row.oversight or None,
        words=words,
        decision_reference=row.decision_reference,
        decision_date=row.decision_date.isoformat() if row.decision_date else None,
    )


def _suggestion(channels: Sequence[Channel]) -> str:
    phone = next((c.value for c in channels if c.kind == ContactKind.TELEFOON), "")
    call = f"Bel de gemeente op {phone}" if phone else "Neem contact op met de gemeente"
    return (
        f"{call}, of kies een onderwerp uit de lijst. Dan zoeken wij samen met u uit wie u "
        "kan helpen."
    )
