"""Reading the resident's words: normalise, stem (two Dutch Snowball stemmers), and match
them against the topics' names and keywords."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import snowballstemmer  # type: ignore[import-untyped]

from regie.directory.models import Topic

_WORD = re.compile(r"[^\W_]+")
# Two Snowball stemmers for Dutch: the current one handles plurals in -s (boetes, taxi's), the
# classic one keeps -en plurals that the current one cuts differently (schulden, toeslagen).
# A word matches a keyword when either stemmer reduces both to the same stem.
_STEMMERS = (snowballstemmer.stemmer("dutch"), snowballstemmer.stemmer("dutch_porter"))
# Parts of a compound word ("thuiszorgmedewerker", "energierekening") count when this long:
# shorter ones ("werk", "kind") hide in too many unrelated words.
_COMPOUND_MIN = 6
# How many words' compound parts one index keeps (a few MB at most).
_COMPOUNDS_KEPT = 50_000


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
        # Per long word, the compoundable phrases it holds: comparing a word with every one
        # of them was most of a question's cost, and residents use the same words again.
        self._compounds: dict[str, tuple[Phrase, ...]] = {}
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
            for phrase in self._compound_phrases(token.word):
                quote = text[token.start : token.end]
                found.append(Match(phrase.topic_id, _COMPOUND * phrase.weight, quote, i, i))
        return _without_overlaps(found)

    def _compound_phrases(self, word: str) -> tuple[Phrase, ...]:
        hit = self._compounds.get(word)
        if hit is None:
            hit = tuple(p for p in self._compoundable if _compound_part(word, p.words[0]))
            if len(self._compounds) >= _COMPOUNDS_KEPT:
                self._compounds.clear()  # made-up words must not grow the process
            self._compounds[word] = hit
        return hit


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
