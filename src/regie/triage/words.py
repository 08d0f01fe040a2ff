"""Reading a resident's words for triage: normalise (lower case, no accents), split into
words, stem with the Dutch Snowball stemmer. Its own small copy rather than the wegwijzer's
(`regie.directory.wegwijzer.words`), which is tied to the directory's topics and the database;
triage must run without either (the command line, the benchmark, the intake's hot path)."""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer  # type: ignore[import-untyped]

_WORD = re.compile(r"[^\W_]+")
_STEMMER = snowballstemmer.stemmer("dutch")


def normalise(text: str) -> str:
    """Lower case without accents: "Cliënt" → "client"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The stem of a normalised word (cached: words repeat a lot)."""
    result: str = _STEMMER.stemWord(word)
    return result


def words(text: str) -> list[str]:
    """The normalised words of a text, in order ("wmo-vervoer" is two words)."""
    return _WORD.findall(normalise(text))


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]
