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

    def features(self, text: str) -> _Row:
        """The text's TF-IDF row, computed once for the three classifiers that read it (the
        intake asks all three about one text in a row). One pair is kept per model; a tuple
        is swapped in whole, so threads never see one text with another's row."""
        last = getattr(self, "_last_features", None)
        if last is not None and last[0] == text:
            return last[1]
        row = self._scorer().row(text)
        self._last_features = (text, row)
        return row

    def _scorer(self) -> _Scorer:
        # Built on first use from the fitted numbers; never pickled (see __getstate__).
        scorer = getattr(self, "_fast", None)
        if scorer is None:
            scorer = _Scorer.of(self)
            self._fast = scorer
        return scorer

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_last_features", None)  # a resident's text never lands in the model file
        state.pop("_fast", None)
        return state

    def domain_probabilities(self, text: str) -> dict[str, float]:
        return self._scorer().probabilities("domain", self.features(text))

    def kind_probabilities(self, text: str) -> dict[str, float]:
        if self.kind_clf is None:
            return {}
        return self._scorer().probabilities("kind", self.features(text))

    def urgent_probability(self, text: str) -> float | None:
        """How much the text resembles the urgent cases it learned from; None without
        urgent examples to learn from."""
        if self.urgent_clf is None:
            return None
        return self._scorer().probabilities("urgent", self.features(text))["True"]


class _Row(NamedTuple):
    """One text's TF-IDF row, sparse: the vocabulary's columns it has and their weights."""

    columns: Any  # numpy int array
    values: Any  # numpy float array, l2-normalised


@dataclass(frozen=True)
class _Linear:
    """A fitted linear classifier's weights, columns first, so that a row of a few dozen
    columns is scored by reading only those columns."""

    classes: tuple[str, ...]
    weights: Any  # (features, outputs)
    intercept: Any  # (outputs,)
    softmax: bool  # a multinomial logistic regression; else one-vs-rest (or binary) logits

    @classmethod
    def of(cls, classifier: Any) -> _Linear:
        import numpy as np
        from sklearn.linear_model import LogisticRegression, SGDClassifier

        if isinstance(classifier, SGDClassifier) and classifier.loss != "log_loss":
            raise TypeError(f"{classifier!r} gives no probabilities")
        if not isinstance(classifier, LogisticRegression | SGDClassifier):
            raise TypeError(f"{type(classifier).__name__} is not scored here")
        classes = tuple(str(c) for c in classifier.classes_)
        return cls(
            classes=classes,
            weights=np.ascontiguousarray(np.asarray(classifier.coef_, dtype=np.float64).T),
            intercept=np.asarray(classifier.intercept_, dtype=np.float64).reshape(-1),
            softmax=isinstance(classifier, LogisticRegression) and len(classes) > 2,
        )

    def probabilities(self, row: _Row) -> dict[str, float]:
        """What scikit-learn's predict_proba gives for this row (tests hold the two equal):
        softmax of the logits for a multinomial model; otherwise the logistic of each logit,
        as [1 - p, p] for two classes and normalised to sum 1 for more."""
        import numpy as np

        logits = row.values @ self.weights[row.columns] + self.intercept
        if self.softmax:
            shifted = np.exp(logits - logits.max())
            probs = shifted / shifted.sum()
        else:
            p = 1.0 / (1.0 + np.exp(-logits))
            if p.shape[0] == 1:
                probs = np.array([1.0 - p[0], p[0]])
            else:
                total = p.sum()
                probs = p / total if total > 0 else np.full(p.shape, 1.0 / p.shape[0])
        return {c: float(v) for c, v in zip(self.classes, probs, strict=True)}


@dataclass(frozen=True)
class _Scorer:
    """The fitted vectorizer and classifiers as plain arrays. scikit-learn's own transform
    and predict_proba check their input on every call, which cost the intake more than half
    a millisecond per text; the arithmetic itself is a few dozen multiplications."""

    vocabulary: dict[str, int]
    idf: Any
    sublinear: bool
    classifiers: dict[str, _Linear]

    @classmethod
    def of(cls, model: TriageModel) -> _Scorer:
        import numpy as np

        vectorizer = model.vectorizer
        # What `train` fits; anything else would be scored wrongly, so it is refused.
        if vectorizer.norm != "l2" or not vectorizer.use_idf or vectorizer.binary:
            raise TypeError("only an l2-normalised TF-IDF with idf is scored here")
        named = {"domain": model.domain_clf, "kind": model.kind_clf, "urgent": model.urgent_clf}
        return cls(
            vocabulary=dict(vectorizer.vocabulary_),
            idf=np.asarray(vectorizer.idf_, dtype=np.float64),
            sublinear=bool(vectorizer.sublinear_tf),
            classifiers={k: _Linear.of(c) for k, c in named.items() if c is not None},
        )

    def row(self, text: str) -> _Row:
        """TfidfVectorizer.transform for one text: counts of the known features, log-scaled
        (sublinear_tf), times their idf, scaled to length 1."""
        import numpy as np

        counts: dict[int, int] = {}
        for feature in analyse(text):
            column = self.vocabulary.get(feature)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        columns = np.fromiter(counts, dtype=np.intp, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        if self.sublinear:
            tf = np.log(tf) + 1.0
        values = tf * self.idf[columns]
        length = float(np.sqrt(values @ values))
        if length > 0:
            values = values / length
        return _Row(columns, values)

    def probabilities(self, name: str, row: _Row) -> dict[str, float]:
        return self.classifiers[name].probabilities(row)


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
