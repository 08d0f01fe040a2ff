"""The learned half: train, save, load lazily, blend with the rules (never silencing the
rules' urgency), and fall back to the rules without a usable model."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from bench.triage import generated

from regie.triage import model as learned
from regie.triage import suggest, train
from regie.triage.model import Example
from regie.triage.seed import seed_examples

EXAMPLES = generated(400, seed=3)


def test_train_save_and_load_round_trip(tmp_path: Path) -> None:
    fitted = train(EXAMPLES)
    assert fitted.usable
    assert fitted.cases == 400
    path = tmp_path / "model.pickle"
    learned.save(fitted, path)
    loaded = learned.load(path)
    assert loaded is not None
    text = EXAMPLES[0][0]
    assert loaded.domain_probabilities(text) == pytest.approx(fitted.domain_probabilities(text))
    assert learned.cached(path) is learned.cached(path)  # loaded once, then cached


def test_one_text_is_vectorised_once_for_its_three_questions(tmp_path: Path) -> None:
    fitted = train(EXAMPLES)
    calls: list[str] = []
    scorer = fitted._scorer()
    row = scorer.row

    def counting(text: str) -> object:
        calls.append(text)
        return row(text)

    object.__setattr__(scorer, "row", counting)
    first, second = EXAMPLES[0][0], EXAMPLES[1][0]
    expected = fitted.domain_probabilities(first)
    fitted.kind_probabilities(first)
    fitted.urgent_probability(first)
    assert calls == [first]
    # Another text gets its own row, not the previous one's.
    assert fitted.domain_probabilities(second) != expected
    assert calls == [first, second]
    assert fitted.domain_probabilities(first) == pytest.approx(expected)

    path = tmp_path / "model.pickle"
    learned.save(fitted, path)
    kept = path.read_bytes().decode("latin-1")
    assert first not in kept  # no resident's text kept on disk
    assert "_Scorer" not in kept  # nor the arrays derived at run time
    assert learned.load(path).domain_probabilities(first) == pytest.approx(expected)


TEXTS = [text for text, *_ in generated(150, seed=11)] + [
    "",
    "xyzzy plugh",  # no word the model knows: the intercepts alone
    "thuiszorg thuiszorg thuiszorg komt niet, schulden, schulden",  # counts above one
    "Mijn uitkering is niet gestort en ik heb geen geld voor eten! " * 20,
]


def _assert_scored_as_scikit_learn(fitted: learned.TriageModel) -> None:
    named = {"domain": fitted.domain_clf, "kind": fitted.kind_clf, "urgent": fitted.urgent_clf}
    for text in TEXTS:
        x = fitted.vectorizer.transform([text])
        for name, classifier in named.items():
            assert classifier is not None
            probabilities = classifier.predict_proba(x)[0]
            expected = dict(zip(map(str, classifier.classes_), probabilities, strict=True))
            got = fitted._scorer().probabilities(name, fitted._scorer().row(text))
            assert got == pytest.approx(expected, abs=1e-6), (name, text)


def test_probabilities_are_scikit_learns_own_for_the_logistic_regression() -> None:
    fitted = train(EXAMPLES)
    assert type(fitted.domain_clf).__name__ == "LogisticRegression"
    assert len(fitted.domain_clf.classes_) > 2
    assert fitted.urgent_clf is not None
    assert len(fitted.urgent_clf.classes_) == 2
    _assert_scored_as_scikit_learn(fitted)


def test_probabilities_are_scikit_learns_own_for_gradient_descent() -> None:
    """Above LARGE training cases the classifiers are SGD, scored one-vs-rest."""
    fitted = train(EXAMPLES)
    x = fitted.vectorizer.transform([text for text, *_ in EXAMPLES])
    labels = {
        "domain_clf": [domain for _, domain, _, _ in EXAMPLES],
        "kind_clf": [kind for _, _, kind, _ in EXAMPLES],
        "urgent_clf": [bool(urgent) for *_, urgent in EXAMPLES],
    }
    for attribute, y in labels.items():
        classifier = learned._classifier(learned.LARGE + 1)
        classifier.fit(x, y)
        setattr(fitted, attribute, classifier)
    assert type(fitted.domain_clf).__name__ == "SGDClassifier"
    _assert_scored_as_scikit_learn(fitted)


def test_a_classifier_without_probabilities_is_refused() -> None:
    from sklearn.svm import LinearSVC

    fitted = train(EXAMPLES)
    fitted.kind_clf = LinearSVC()
    with pytest.raises(TypeError):
        fitted._scorer()


def test_a_missing_or_broken_model_file_means_rules_only(tmp_path: Path) -> None:
    assert learned.load(tmp_path / "absent.pickle") is None
    broken = tmp_path / "broken.pickle"
    broken.write_bytes(b"not a pickle")
    assert learned.load(broken) is None
    assert suggest("Mijn scootmobiel is kapot.", model_path=broken, use_seed=False).source == (
        "regels"
    )
    # Without a model of its own, a municipality gets the seed model Regie ships with.
    seeded = suggest("Mijn scootmobiel is kapot.", model_path=broken)
    assert seeded.source == "model"
    assert seeded.reasons[0].startswith(f"model (geleerd van {len(seed_examples())} voorbeelden)")


def test_suggest_uses_a_usable_model_and_its_probability_as_confidence(tmp_path: Path) -> None:
    path = tmp_path / "model.pickle"
    learned.save(train(EXAMPLES), path)
    s = suggest(
        "Mijn bewindvoerder reageert niet en de schuldhulpverlening ook niet.", model_path=path
    )
    assert s.source == "model"
    assert s.domain == "schuldhulp"
    assert 0.0 < s.confidence <= 1.0
    assert s.reasons[0].startswith("model (geleerd van 400 voorbeelden)")


def test_a_model_trained_on_too_few_cases_is_kept_but_not_used(tmp_path: Path) -> None:
    path = tmp_path / "small.pickle"
    learned.save(train(EXAMPLES[:50]), path)
    assert suggest("Mijn scootmobiel is kapot.", model_path=path, use_seed=False).source == (
        "regels"
    )
    used = suggest("Mijn scootmobiel is kapot.", model_path=path)
    assert used.reasons[0].startswith(f"model (geleerd van {len(seed_examples())} voorbeelden)")


def test_the_model_never_silences_an_urgent_rule(tmp_path: Path) -> None:
    # A model that learned "nothing is ever urgent" from its cases.
    calm = [Example(t, d, k, False) for t, d, k, _u in EXAMPLES]
    path = tmp_path / "calm.pickle"
    learned.save(train(calm), path)
    s = suggest("Mijn scootmobiel is kapot en morgen wordt het gas afgesloten.", model_path=path)
    assert s.source == "model"
    assert s.urgent
    assert any("afgesloten" in r for r in s.urgent_reasons)


def test_the_seed_model_adds_urgency_the_rules_missed_and_says_so(tmp_path: Path) -> None:
    # A missing child in words no rule knows, which the seed model learned from similar texts.
    text = "Mijn dochter van 13 is sinds zaterdag niet meer thuis geweest en neemt niet op."
    path = tmp_path / "absent.pickle"
    assert not suggest(text, model_path=path, use_seed=False).urgent
    seeded = suggest(text, model_path=path)
    assert seeded.urgent
    assert seeded.urgent_reasons[0].startswith("lijkt op eerdere zaken met spoed (kans ")
    assert learned.train(EXAMPLES).urgent_probability(text) is not None


def test_training_needs_two_domains() -> None:
    with pytest.raises(learned.TooFewExamples):
        train([Example("tekst", "wmo", "klacht", False)] * 10)


def test_suggest_never_raises_on_a_thousand_texts(tmp_path: Path) -> None:
    rng = random.Random(7)
    alphabet = "abcdeéëfghijklmnopqrstuvwxyz 0123456789.,;!?-'\"\n\t€ü\u200b😀ĳ"
    texts = [t for t, *_ in generated(600, seed=11)]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400))) for _ in range(390)]
    texts += ["", " ", "\x00", "a" * 100_000, "geen " * 5000, "...", "ontruiming " * 300]
    texts += ["Mijn uitkering " + "x" * 50_000 + " is stopgezet", "🙂" * 1000, "\ufeff" * 10]
    assert len(texts) >= 1000
    path = tmp_path / "model.pickle"
    learned.save(train(EXAMPLES), path)
    for model_path in (tmp_path / "absent.pickle", path):
        for text in texts:
            s = suggest(text, model_path=model_path)
            assert s.domain in {"wmo", "jeugd", "werk-en-inkomen", "schuldhulp", "overig"}
            assert s.kind in {"klacht", "hulpvraag", "signaal", "melding"}
            assert 0.0 <= s.confidence <= 1.0


def test_the_seed_never_learns_from_a_held_out_set() -> None:
    from regie.triage.evaluate import read_labelled
    from regie.triage.seed import DATA, NEVER_TRAINED_ON, SEED_FILES

    held_out = {p.name for p in DATA.glob("holdout*.jsonl")}
    assert held_out == set(NEVER_TRAINED_ON)  # every held-out file is named as one
    assert not held_out & set(SEED_FILES)
    seed_texts = {e.text for name in SEED_FILES for e in read_labelled(DATA / name)}
    for name in held_out:
        assert not seed_texts & {e.text for e in read_labelled(DATA / name)}, name
