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


def test_a_missing_or_broken_model_file_means_rules_only(tmp_path: Path) -> None:
    assert learned.load(tmp_path / "absent.pickle") is None
    broken = tmp_path / "broken.pickle"
    broken.write_bytes(b"not a pickle")
    assert learned.load(broken) is None
    assert suggest("Mijn scootmobiel is kapot.", model_path=broken).source == "regels"


def test_suggest_uses_a_usable_model_and_its_probability_as_confidence(tmp_path: Path) -> None:
    path = tmp_path / "model.pickle"
    learned.save(train(EXAMPLES), path)
    s = suggest(
        "Mijn bewindvoerder reageert niet en de schuldhulpverlening ook niet.", model_path=path
    )
    assert s.source == "model"
    assert s.domain == "schuldhulp"
    assert 0.0 < s.confidence <= 1.0
    assert s.reasons[0].startswith("model (geleerd van 400 bevestigde zaken)")


def test_a_model_trained_on_too_few_cases_is_kept_but_not_used(tmp_path: Path) -> None:
    path = tmp_path / "small.pickle"
    learned.save(train(EXAMPLES[:50]), path)
    assert suggest("Mijn scootmobiel is kapot.", model_path=path).source == "regels"


def test_the_model_never_silences_an_urgent_rule(tmp_path: Path) -> None:
    # A model that learned "nothing is ever urgent" from its cases.
    calm = [Example(t, d, k, False) for t, d, k, _u in EXAMPLES]
    path = tmp_path / "calm.pickle"
    learned.save(train(calm), path)
    s = suggest("Mijn scootmobiel is kapot en morgen wordt het gas afgesloten.", model_path=path)
    assert s.source == "model"
    assert s.urgent
    assert any("afgesloten" in r for r in s.urgent_reasons)


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
