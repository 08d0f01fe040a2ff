"""Emerging topics: what residents recently wrote about that fits no known theme, grouped so
that a coordinator sees "six people wrote about the new stadspas app" and can name it.

How
---
1. The recent cases: received in the last `weeks` weeks, at most the `MAX_TEXTS` (500) most
   recent, so the page stays fast in a busy month (a municipality rarely gets more in eight
   weeks; if it does, the newest are what is emerging).
2. Only the texts (subject and description) that fit no known theme (`themes.KnownThemes`:
   the region's directory topics and the municipality's named themes).
3. Each text becomes a TF-IDF vector over its Dutch stems (`triage.words`, the triage
   model's features), without stop words, and only stems found in at least two texts: a word
   one resident used once cannot make a group, and so a name or a street rarely makes a term.
4. Clustering: agglomerative, average linkage on cosine distance, cut at `DISTANCE`.
   Chosen over KMeans because most recent texts belong to no topic at all: KMeans must put
   every text in some cluster and needs k (silhouette search over k costs a fit per k and
   still forces the noise in), while a distance cut leaves the noise as singletons and
   finds as many groups as there are. It has no randomness, so the page is the same on
   every reload. Groups of at least `MIN_SIZE` (3) cases are kept.
5. Each group is described by its top terms (the highest weights of its centre, each stem
   shown as the word residents used most for it; these are the suggested keywords), its size,
   its cases, and two or three representative sentences: the sentences of its texts nearest the
   centre, from different cases, each DE-IDENTIFIED with `regie.deidentify` and the case's
   own personal values.

Cost: a few hundred texts take tens of milliseconds (stemming is cached, the distance matrix
of 500 texts is 250 000 numbers); deidentifying the few shown sentences is the rest, after
`deduce`'s one-time load (seconds, once per process).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from django.db.models import QuerySet

from regie.cases.models import Case
from regie.deidentify import deidentify
from regie.directory.models import Municipality, Organisation, Team
from regie.learning.themes import KnownThemes, case_text
from regie.triage.words import normalise, stem, words

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

WINDOW_WEEKS = 8
MAX_TEXTS = 500
MIN_SIZE = 3
# Average cosine distance at which groups stop merging. Two short complaints about the same
# new thing share a few rare stems ("stadspas", "app", "inlog") and lie at 0.4 to 0.7; unrelated
# complaints share at most a common word and lie above 0.9.
DISTANCE = 0.8
TOP_TERMS = 5
SENTENCES = 3
SHOWN = 10  # groups on the page, the largest first

# Dutch function words (Snowball's Dutch stop-word list), words that every complaint uses
# ("gemeente", "week", "graag"; "nieuwe" would also be a useless keyword for a theme) and the
# frame of a letter or a phone note ("geachte", "hoogachtend", "beller"): they carry no
# topic. Compared before stemming. Neither the triage room nor the wegwijzer keeps such a
# list (they weigh known words instead).
_STOP_WORDS = """
    aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus
    een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand
    iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets
    nog nu of om omdat ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want
    waren was wat we werd wezen wie wij wil worden wordt zal ze zelf zich zij zijn zo zonder
    zou
    al alweer graag heel erg weer wel nooit steeds echt even gewoon zeer hele
    gaat ga gaan ging komt kom komen kwam krijg krijgen kreeg gekregen word geworden
    zeggen zegt zei gezegd vragen vraag vroeg gevraagd laten liet maken gemaakt kunt moeten
    dag dagen week weken maand maanden jaar keer gisteren vandaag morgen nu sinds
    gemeente klacht melding mevrouw meneer dhr mw hr
    nieuw nieuwe oud oude goed goede
    geachte heer beste goedendag hallo groet groeten vriendelijke hartelijke hoogachtend
    namens schrijf schrijven belt beller melder telefoonnotitie client inwoner
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_TAG = re.compile(r"\[[^\]]*\]")  # what deidentify put in: [PERSOON-1], [NUMMER]
_LETTERS = re.compile(r"[^\W\d_]+")
# Names everyone uses that are no person's: shown without suspicion (see `_names_left`).
_COMMON_NAMES = frozenset(
    [
        "digid",
        "wmo",
        "awb",
        "ggz",
        "uwv",
        "svb",
        "cak",
        "belastingdienst",
        "whatsapp",
        "google",
        "facebook",
        "nederland",
    ]
)
_MIN_SENTENCE_WORDS = 4
_MAX_SENTENCE_CHARS = 240


@dataclass(frozen=True)
class CaseLink:
    reference: str
    received_on: dt.date


@dataclass(frozen=True)
class EmergingTopic:
    key: str  # stable while the group's oldest case is in it: which form was posted
    terms: tuple[str, ...]  # the suggested keywords, most telling first
    sentences: tuple[str, ...]  # de-identified
    cases: tuple[CaseLink, ...]  # newest first

    @property
    def size(self) -> int:
        return len(self.cases)


_PERSONAL_FIELDS = (
    "submitter_name",
    "on_behalf_of_name",
    "submitter_email",
    "submitter_phone",
    "submitter_postcode",
    "submitter_city",
)


def personal_values(case: Case) -> list[str]:
    """What `deidentify` must take out of this case's texts: the case's own person."""
    values = [str(getattr(case, f)) for f in _PERSONAL_FIELDS]
    street = f"{case.submitter_street} {case.submitter_house_number}".strip()
    return [v for v in (*values, street, case.submitter_street) if v]


def _terms(text: str, surface: Counter[tuple[str, str]] | None = None) -> list[str]:
    found = []
    for word in words(text):
        if word in STOP_WORDS or len(word) < 2 or word.isdigit():
            continue
        s = stem(word)
        found.append(s)
        if surface is not None:
            surface[(s, word)] += 1
    return found


def _identity(doc: list[str]) -> list[str]:
    return doc


def _recent(cases: QuerySet[Case], today: dt.date, weeks: int) -> list[Case]:
    first = today - dt.timedelta(weeks=weeks) + dt.timedelta(days=1)
    start = dt.datetime.combine(first, dt.time.min, tzinfo=AMSTERDAM)
    end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min, tzinfo=AMSTERDAM)
    fields = ["reference", "received_at", "municipality_id", "subject", "description"]
    fields += [*_PERSONAL_FIELDS, "submitter_street", "submitter_house_number"]
    return list(
        cases.filter(received_at__gte=start, received_at__lt=end)
        .order_by("-received_at", "-pk")
        .only(*fields)[:MAX_TEXTS]
    )


def _sentences(case: Case) -> list[str]:
    parts = [case.subject, *_SENTENCE_END.split(case.description)]
    return [p.strip() for p in parts if len(words(p)) >= _MIN_SENTENCE_WORDS]


def _shortened(sentence: str) -> str:
    if len(sentence) <= _MAX_SENTENCE_CHARS:
        return sentence
    return sentence[:_MAX_SENTENCE_CHARS].rsplit(" ", 1)[0] + " …"


def _names_left(sentence: str, safe: frozenset[str]) -> bool:
    """Does a capitalised word remain that may be a name or a street `deduce` missed
    ("aan de Golfslag")? Not the first word, not a word of the directory's own names
    (organisations, teams, municipalities: "De Linde", "Sociale Dienst"), not a tag."""
    found = _LETTERS.findall(_TAG.sub(" ", sentence))
    return any(w[0].isupper() and normalise(w) not in safe for w in found[1:])


def directory_words() -> frozenset[str]:
    names = [
        *Organisation.objects.values_list("name", flat=True),
        *Team.objects.values_list("name", flat=True),
        *Municipality.objects.values_list("name", flat=True),
    ]
    return frozenset({w for n in names for w in words(n)} | _COMMON_NAMES)


def _cosine(matrix: Any, centre: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(centre)) or 1.0
    return np.asarray(matrix @ centre).ravel() / norm  # the rows are already unit length


def _describe(
    group: Sequence[int],
    cases: Sequence[Case],
    matrix: Any,
    vectorizer: Any,
    surface: dict[str, str],
    safe: frozenset[str],
) -> EmergingTopic:
    centre = np.asarray(matrix[list(group)].mean(axis=0)).ravel()
    vocabulary = vectorizer.get_feature_names_out()
    in_texts = np.asarray((matrix[list(group)] > 0).sum(axis=0)).ravel()
    personal = {w for i in group for v in personal_values(cases[i]) for w in words(v)}
    terms: list[str] = []
    for column in np.argsort(-centre, kind="stable"):
        if len(terms) == TOP_TERMS or centre[column] <= 0:
            break
        word = surface[str(vocabulary[column])]
        # A term is a suggested keyword and shown on the page: it must be shared by two of
        # the texts and be nobody's name or address.
        if in_texts[column] < 2 or word in personal or deidentify(word) != word:
            continue
        terms.append(word)

    candidates = [(i, s) for i in group for s in _sentences(cases[i])]
    sentences: list[str] = []
    if candidates:
        vectors = vectorizer.transform([_terms(s) for _, s in candidates])
        scores = _cosine(vectors, centre)
        used: set[int] = set()
        for n in np.argsort(-scores, kind="stable"):
            i, sentence = candidates[n]
            if i in used or scores[n] <= 0:
                continue
            shown = _shortened(deidentify(sentence, known=personal_values(cases[i])))
            # What deduce may have missed is not shown at all: fewer sentences, never a name.
            if shown in sentences or _names_left(shown, safe):
                continue
            used.add(i)
            sentences.append(shown)
            if len(sentences) == SENTENCES:
                break
    members = sorted((cases[i] for i in group), key=lambda c: (c.received_at, c.pk))
    return EmergingTopic(
        key=str(min(cases[i].pk for i in group)),
        terms=tuple(terms),
        sentences=tuple(sentences),
        cases=tuple(
            CaseLink(c.reference, c.received_at.astimezone(AMSTERDAM).date())
            for c in reversed(members)
        ),
    )


def _groups(labels: Iterable[int]) -> list[list[int]]:
    found: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        found.setdefault(int(label), []).append(i)
    return [g for g in found.values() if len(g) >= MIN_SIZE]


def emerging_topics(
    cases: QuerySet[Case], today: dt.date, *, weeks: int = WINDOW_WEEKS
) -> list[EmergingTopic]:
    """`cases`: one municipality's cases as the caller may see them (themes are read for
    the municipalities of the recent ones). The largest groups first, at most `SHOWN`."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    recent = _recent(cases, today, weeks)
    known = {m: KnownThemes(m) for m in {c.municipality_id for c in recent}}
    unknown = [
        c for c in recent if not known[c.municipality_id].fits(case_text(c.subject, c.description))
    ]
    if len(unknown) < MIN_SIZE:
        return []
    seen: Counter[tuple[str, str]] = Counter()
    docs = [_terms(case_text(c.subject, c.description), seen) for c in unknown]
    vectorizer = TfidfVectorizer(analyzer=_identity, min_df=2, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform(docs)
    except ValueError:  # no stem occurs in two texts: nothing in common
        return []
    surface: dict[str, str] = {}
    for (s, word), _n in sorted(seen.items(), key=lambda item: (-item[1], item[0])):
        surface.setdefault(s, word)
    labels = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=DISTANCE
    ).fit_predict(cosine_distances(matrix))
    safe = directory_words()
    # The largest first (then the oldest case); only the shown ones are described.
    groups = sorted(_groups(labels), key=lambda g: (-len(g), min(unknown[i].pk for i in g)))
    return [_describe(g, unknown, matrix, vectorizer, surface, safe) for g in groups[:SHOWN]]


__all__ = ["CaseLink", "EmergingTopic", "emerging_topics", "personal_values"]
