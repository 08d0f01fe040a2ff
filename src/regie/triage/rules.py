"""Triage by rules and lexicons (`lexicon.py`): the cold start, and the part of every
suggestion that a model may not overrule (urgency)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from regie.triage import lexicon
from regie.triage.words import normalise, stem, words

DOMAINS = ("wmo", "jeugd", "werk-en-inkomen", "schuldhulp", "overig")
KINDS = ("klacht", "hulpvraag", "signaal", "melding")
DOMAIN_LABELS = {
    "wmo": "Wmo",
    "jeugd": "jeugd",
    "werk-en-inkomen": "werk en inkomen",
    "schuldhulp": "schuldhulp",
    "overig": "overig",
}
# A domain needs at least this much evidence; below it the text is "overig" and unsure.
_MIN_DOMAIN_SCORE = 1.0
# A signal in so many words ("als jobcoach zie ik", "mijn buurvrouw"): it stays a signal
# when it ends in a question for help.
_CLEAR_SIGNAL = 2.5
# Parts of a compound count when this long ("huurachterstand" holds "achterstand").
_COMPOUND_MIN = 5
# Longer "words" are no Dutch compound but noise (a pasted link, a row of letters).
_COMPOUND_MAX = 40


@dataclass(frozen=True, slots=True)
class _Term:
    domain: str
    weight: float
    text: str


def _index() -> tuple[dict[str, list[_Term]], dict[str, list[_Term]], dict[str, list[tuple]]]:
    by_stem: dict[str, list[_Term]] = defaultdict(list)
    by_word: dict[str, list[_Term]] = defaultdict(list)
    phrases: dict[str, list[tuple]] = defaultdict(list)
    for domain, terms in lexicon.DOMAIN_TERMS.items():
        for text, weight in terms.items():
            term = _Term(domain, float(weight), text)
            parts = words(text)
            if len(parts) == 1:
                by_stem[stem(parts[0])].append(term)
                by_word[parts[0]].append(term)
            else:
                key = tuple(stem(p) for p in parts)
                phrases[key[0]].append((key, term))
    return dict(by_stem), dict(by_word), dict(phrases)


_BY_STEM, _BY_WORD, _PHRASES = _index()
_KIND_CUES = {
    kind: tuple((re.compile(p), w) for p, w in cues) for kind, cues in lexicon.KIND_CUES.items()
}
_NORM_CUES = tuple((norm, re.compile(p), w) for norm, p, w in lexicon.NORM_CUES)
_URGENT = tuple(
    (cls, re.compile(trigger), re.compile(companion) if companion else None, meaning)
    for cls, trigger, companion, meaning in lexicon.URGENT_RULES
)
_CANCEL = re.compile(lexicon.URGENT_CANCEL)
_NEGATION = re.compile(lexicon.URGENT_NEGATION)
_SENTENCE = re.compile(r"[.!?;\n]+")


@dataclass(frozen=True)
class RulesResult:
    domain: str
    domain_runner_up: str
    confidence: float  # of the domain, 0-1
    domain_scores: dict[str, float]
    domain_terms: dict[str, tuple[str, ...]]  # per domain, the lexicon terms found
    kind: str
    kind_scores: dict[str, float]
    norm: str
    urgent: bool
    urgent_reasons: tuple[str, ...]
    reasons: tuple[str, ...]


def _domain_terms(text: str) -> dict[str, dict[str, float]]:
    """Per domain, the lexicon terms the text holds and their weights (each term once)."""
    ws = words(text)
    ss = [stem(w) for w in ws]
    found: dict[str, dict[str, float]] = defaultdict(dict)

    def add(terms: list[_Term]) -> None:
        for term in terms:
            found[term.domain][term.text] = term.weight

    for i, (word, s) in enumerate(zip(ws, ss, strict=True)):
        for key, term in _PHRASES.get(s, ()):
            if tuple(ss[i : i + len(key)]) == key:
                add([term])
        exact = _BY_STEM.get(s) or _BY_WORD.get(word)
        if exact:
            add(exact)
            continue
        if not 2 * _COMPOUND_MIN - 2 <= len(word) <= _COMPOUND_MAX:
            continue
        # A compound: a known word at its start or its end.
        for k in range(len(word) - 3, _COMPOUND_MIN - 1, -1):
            head = _BY_WORD.get(word[:k])
            if head:
                add(head)
                break
        for k in range(3, len(word) - _COMPOUND_MIN + 1):
            tail = word[k:]
            hit = _BY_WORD.get(tail) or _BY_STEM.get(stem(tail))
            if hit:
                add(hit)
                break
    return found


def domain_confidence(top: float, second: float) -> float:
    """A rules score mapped to 0-1: more evidence and a wider lead mean surer."""
    if top < _MIN_DOMAIN_SCORE:
        return 0.2
    return round(min(0.97, top / (top + second + 2.0)), 3)


def _sentences(normalised: str) -> list[str]:
    return [s for s in _SENTENCE.split(normalised) if s.strip()]


def urgency(text: str) -> tuple[bool, tuple[str, ...]]:
    """Whether the text names an immediate threat to basic needs or safety, with the words
    that weighed. A threat that was averted or lies in the past ("de afsluiting is gelukkig
    voorkomen") or is denied ("niet afgesloten") does not count."""
    _classes, reasons = _threats(text)
    return bool(reasons), reasons


def _threats(text: str) -> tuple[set[str], tuple[str, ...]]:
    """The classes of threat found (woning, dakloos, energie, …) and their reasons."""
    reasons: list[str] = []
    seen: set[str] = set()
    normalised = normalise(text)
    # A trigger that matches nowhere in the text matches in none of its sentences (each is a
    # piece of it, cut at punctuation that no trigger reads), so only the rest are tried per
    # sentence: one search per rule instead of one per rule and sentence, and for most texts
    # none is left.
    live = [rule for rule in _URGENT if rule[1].search(normalised)]
    if not live:
        return seen, ()
    for sentence in _sentences(normalised):
        cancelled = _CANCEL.search(sentence)
        for cls, trigger, companion, meaning in live:
            if cls in seen:
                continue
            for match in trigger.finditer(sentence):
                if _NEGATION.search(sentence[: match.start()]) and not match.group().startswith(
                    ("geen", "zonder", "niet", "niets")
                ):
                    continue
                quote = f"'{match.group().strip()}'"
                if companion is not None:
                    other = companion.search(sentence)
                    if other is None:
                        continue
                    quote += f" en '{other.group().strip()}'"
                if cancelled:
                    break
                reasons.append(f"{quote}: {meaning}")
                seen.add(cls)
                break
    return seen, tuple(reasons)


# Which domain's rules answer a threat, as evidence for the domain when the words alone are
# few ("ik slaap onder de brug" names no service, but shelter is the Wmo's).
_THREAT_DOMAIN = {
    "dakloos": "wmo",
    "woning": "schuldhulp",
    "energie": "schuldhulp",
    "zorgverzekering": "schuldhulp",
    "inkomen": "werk-en-inkomen",
}
_THREAT_WEIGHT = 1.5
_CHILD = re.compile(
    r"\b(kind|kinderen|kindje|zoon|dochter|dochtertje|zoontje|baby|peuter|kleuter|meisje|"
    r"jongen|leerling|pleegkind|nichtje|neefje|tiener|puber|minderjarig\w*|1[0-7])\b|"
    r"\bik ben (1[0-7])\b"
)


# A child's care is youth care, a child's taxi is school transport, whatever words the
# parent uses: the Jeugdwet covers under-18s, leerlingenvervoer is not Wmo transport.
_ADULT_CHILD = re.compile(
    r"\b(zoon|dochter|kind) (van )?(1[89]|[2-9]\d)\b|\bvolwassen (zoon|dochter)\b"
)
_CARE = re.compile(
    r"\b(hulp|wachtlijst|behandeling|hulpverlener\w*|aanbieder|zorg|pgb|indicatie|"
    r"begeleiding|therapie|opname|crisisdienst|dagbehandeling|psycholoog|psychiater|"
    r"buurtteam|wijkteam|woedeaanval\w*|nachtmerries|faalangst|regie)\b"
)
_TRANSPORT = re.compile(r"\b(taxi|busje|chauffeur\w*|vervoerder|ophalen|opgehaald|ophaalt)\b")
_CONTEXT_WEIGHT = 1.5


def _context_evidence(normalised: str) -> dict[str, float]:
    if not _CHILD.search(normalised) or _ADULT_CHILD.search(normalised):
        return {}
    if _TRANSPORT.search(normalised):
        return {"overig": _CONTEXT_WEIGHT}
    if _CARE.search(normalised):
        return {"jeugd": _CONTEXT_WEIGHT}
    return {}


def _threat_evidence(classes: set[str], normalised: str) -> dict[str, float]:
    evidence: dict[str, float] = {}
    for cls in classes:
        if cls == "veiligheid":
            domain = "jeugd" if _CHILD.search(normalised) else "wmo"
        else:
            domain = _THREAT_DOMAIN.get(cls, "")
        if domain:
            evidence[domain] = max(evidence.get(domain, 0.0), _THREAT_WEIGHT)
    return evidence


def _kind(normalised: str) -> dict[str, float]:
    scores = dict.fromkeys(KINDS, 0.0)
    for kind, cues in _KIND_CUES.items():
        for pattern, weight in cues:
            if pattern.search(normalised):
                scores[kind] += weight
    return scores


def _norm(normalised: str) -> str:
    best, best_score = "", 0.0
    for norm, pattern, weight in _NORM_CUES:
        if pattern.search(normalised) and weight > best_score:
            best, best_score = norm, weight
    return best


def classify(text: str) -> RulesResult:
    found = _domain_terms(text)
    normalised = normalise(text)
    threats, urgent_reasons = _threats(text)
    urgent = bool(urgent_reasons)
    evidence = _threat_evidence(threats, normalised)
    for domain, weight in _context_evidence(normalised).items():
        evidence[domain] = evidence.get(domain, 0.0) + weight
    scores = {d: round(sum(found.get(d, {}).values()) + evidence.get(d, 0.0), 3) for d in DOMAINS}
    ranked = sorted(DOMAINS, key=lambda d: (-scores[d], DOMAINS.index(d)))
    top, second = ranked[0], ranked[1]
    if scores[top] < _MIN_DOMAIN_SCORE:
        domain, runner_up = "overig", (top if top != "overig" and scores[top] > 0 else "")
    else:
        domain, runner_up = top, (second if scores[second] > 0 else "")
    confidence = domain_confidence(scores[top], scores[second])

    kind_scores = _kind(normalised)
    kind = max(KINDS, key=lambda k: (kind_scores[k], -KINDS.index(k)))
    if kind == "hulpvraag" and kind_scores["signaal"] >= _CLEAR_SIGNAL:
        # "Wie kan er naar hem kijken?" asks for help for someone else: a signal.
        kind = "signaal"
    if urgent and kind == "klacht" and not kind_scores["klacht"]:
        # Someone whose home, income or safety is at stake and who voices no grievance
        # ("mijn uitkering is niet gestort, ik heb geen geld voor eten") asks for help: a
        # help request has the shorter path, and a person can still make it a complaint.
        kind = "hulpvraag"
    norm = _norm(normalised) if kind == "klacht" else ""

    reasons: list[str] = []
    if evidence.get(domain):
        reasons.append(f"wie het betreft of wat er dreigt, wijst op {DOMAIN_LABELS[domain]}")
    terms = found.get(domain, {})
    if terms:
        named = ", ".join(f"'{t}'" for t in sorted(terms, key=lambda t: -terms[t])[:4])
        reasons.append(f"{named}: wijst op {DOMAIN_LABELS[domain]}")
    elif not evidence.get(domain):
        reasons.append("geen woorden die op een domein wijzen: overig")
    if runner_up:
        reasons.append(f"ook mogelijk: {DOMAIN_LABELS[runner_up]}")
    if kind_scores[kind] > 0:
        reasons.append(f"soort {kind}: {_kind_words(normalised, kind)}")
    elif kind == "hulpvraag":
        reasons.append("soort hulpvraag: er dreigt iets en de inwoner klaagt niet")
    else:
        reasons.append("soort klacht: geen duidelijke aanwijzing, een mens beslist")
    reasons.extend(urgent_reasons)
    return RulesResult(
        domain=domain,
        domain_runner_up=runner_up,
        confidence=confidence,
        domain_scores=scores,
        domain_terms={d: tuple(found[d]) for d in found},
        kind=kind,
        kind_scores=kind_scores,
        norm=norm,
        urgent=urgent,
        urgent_reasons=urgent_reasons,
        reasons=tuple(reasons),
    )


def _kind_words(normalised: str, kind: str) -> str:
    quotes = []
    for pattern, _weight in _KIND_CUES[kind]:
        match = pattern.search(normalised)
        if match:
            quotes.append(f"'{match.group().strip()}'")
    return ", ".join(quotes[:3])
