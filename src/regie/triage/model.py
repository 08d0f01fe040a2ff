"""The learned half of triage: TF-IDF over Dutch stems (words and word pairs) with a
logistic regression for the domain and one for the kind, trained on the municipality's own
confirmed cases. No downloads: everything it knows comes from `train(examples)`.

Kept on disk with pickle at `settings.REGIE_TRIAGE_MODEL`; loaded once, lazily, and cached
until the file changes."""

from __future__ import annotations

import itertools
import os
import pickle
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from regie.triage.words import stem, words

# Below this many cases the model is kept but not used: the rules alone decide.
MIN_CASES = 200
FORMAT = 2  # 2: with the urgency classifier


class Example(NamedTuple):
    text: str
    domain: str
    kind: str
    urgent: bool


def analyse(text: str) -> list[str]:
    """The features of a text: its stems and pairs of neighbouring stems."""
    ss = [stem(w) for w in words(text)]
    return ss + [f"{a} {b}" for a, b in itertools.pairwise(ss)]


@dataclass
class TriageModel:
    vectorizer: Any
    domain_clf: Any
    kind_clf: Any | None
    cases: int
    urgent_clf: Any | None = None
    domains: dict[str, int] = field(default_factory=dict)  # training cases per domain
    format: int = FORMAT

    @property
    def usable(self) -> bool:
        return self.cases >= MIN_CASES

    def features(self, text: str) -> Any:
        """The text's TF-IDF row, computed once for the three classifiers that read it (the
        intake asks all three about one text in a row). One pair is kept per model; a tuple
        is swapped in whole, so threads never see one text with another's row."""
        last = getattr(self, "_last_features", None)
        if last is not None and last[0] == text:
            return last[1]
        x = self.vectorizer.transform([text])
        self._last_features = (text, x)
        return x

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_last_features", None)  # a resident's text never lands in the model file
        return state

    def domain_probabilities(self, text: str) -> dict[str, float]:
        x = self.features(text)
        probs = self.domain_clf.predict_proba(x)[0]
        return {str(c): float(p) for c, p in zip(self.domain_clf.classes_, probs, strict=True)}

    def kind_probabilities(self, text: str) -> dict[str, float]:
        if self.kind_clf is None:
            return {}
        x = self.features(text)
        probs = self.kind_clf.predict_proba(x)[0]
        return {str(c): float(p) for c, p in zip(self.kind_clf.classes_, probs, strict=True)}

    def urgent_probability(self, text: str) -> float | None:
        """How much the text resembles the urgent cases it learned from; None without
        urgent examples to learn from."""
        if self.urgent_clf is None:
            return None
        x = self.features(text)
        probs = self.urgent_clf.predict_proba(x)[0]
        classes = [bool(c) for c in self.urgent_clf.classes_]
        return float(probs[classes.index(True)])


class TooFewExamples(ValueError):
    pass


def train(examples: Iterable[Example | tuple[str, str, str, bool]]) -> TriageModel:
    """A fitted model from labelled examples (text, domain, kind, urgent). Needs at least two
    domains; a kind model only when at least two kinds occur."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts: list[str] = []
    domains: list[str] = []
    kinds: list[str] = []
    urgents: list[bool] = []
    for example in examples:
        text, domain, kind, urgent = example
        if not text or not text.strip():
            continue
        texts.append(text)
        domains.append(domain)
        kinds.append(kind)
        urgents.append(bool(urgent))
    if len(set(domains)) < 2:
        raise TooFewExamples("minstens twee domeinen nodig om te leren")
    vectorizer = TfidfVectorizer(
        analyzer=analyse,
        sublinear_tf=True,
        min_df=2 if len(texts) >= 1000 else 1,
        max_features=200_000,
        dtype=_float32(),
    )
    x = vectorizer.fit_transform(texts)
    domain_clf = _classifier(len(texts))
    domain_clf.fit(x, domains)
    kind_clf = None
    if len(set(kinds)) >= 2:
        kind_clf = _classifier(len(texts))
        kind_clf.fit(x, kinds)
    urgent_clf = None
    # Urgency is learned only from enough urgent examples; below that the rules alone say.
    if MIN_URGENT <= sum(urgents) <= len(urgents) - MIN_URGENT:
        urgent_clf = _classifier(len(texts))
        urgent_clf.fit(x, urgents)
    counts: dict[str, int] = {}
    for domain in domains:
        counts[domain] = counts.get(domain, 0) + 1
    return TriageModel(
        vectorizer, domain_clf, kind_clf, cases=len(texts), urgent_clf=urgent_clf, domains=counts
    )


MIN_URGENT = 20


def _classifier(cases: int) -> Any:
    """A logistic regression: solved exactly for a municipality's few thousand cases, by
    stochastic gradient descent for very many (retraining on 100,000 stays well under a
    minute). Both give probabilities, which become the suggestion's confidence."""
    from sklearn.linear_model import LogisticRegression, SGDClassifier

    if cases <= LARGE:
        return LogisticRegression(C=4.0, max_iter=300, class_weight="balanced")
    return SGDClassifier(
        loss="log_loss",
        alpha=2e-6,
        max_iter=10,
        tol=None,
        class_weight="balanced",
        random_state=0,
    )


# Above this many training cases the classifier is fitted by stochastic gradient descent.
LARGE = 20_000


def _float32() -> Any:
    import numpy as np

    return np.float32


def save(model: TriageModel, path: Path) -> None:
    """Written to a temporary file first, so a reader never sees half a model."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # One temporary file per process: two processes training at once never write into each
    # other's file.
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with tmp.open("wb") as out:
        pickle.dump(model, out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    forget()


def load(path: Path) -> TriageModel | None:
    """The model at `path`, or None when there is none (or it is unreadable or of another
    format: then the rules decide, as without a model)."""
    try:
        with path.open("rb") as f:
            # The file is Regie's own, written by `save` under var/; never a download.
            model = pickle.load(f)  # noqa: S301
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    if not isinstance(model, TriageModel) or model.format != FORMAT:
        return None
    return model


_lock = threading.Lock()
_cache: dict[str, tuple[float, TriageModel | None]] = {}


def default_path() -> Path:
    from django.conf import settings

    if settings.configured and getattr(settings, "REGIE_TRIAGE_MODEL", None):
        return Path(settings.REGIE_TRIAGE_MODEL)
    env = os.environ.get("REGIE_TRIAGE_MODEL")
    if env:
        return Path(env)
    from regie.settings import VAR_DIR  # only reached without configured Django settings

    return VAR_DIR / "triage-model.pickle"


def cached(path: Path | None = None) -> TriageModel | None:
    """The model, loaded once and kept until its file changes."""
    path = path or default_path()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    key = str(path)
    hit = _cache.get(key)
    if hit is not None and hit[0] == mtime:
        return hit[1]
    with _lock:
        model = load(path)
        _cache[key] = (mtime, model)
    return model


def forget() -> None:
    _cache.clear()
