"""`regie triage`: a text on stdin to JSON, `train` from a file or the register, and
`evaluate` on a labelled file (figures, and a clear message for a malformed file)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from bench.triage import generated

from regie.cli import main
from regie.triage import model as learned


def _jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    return path


@pytest.fixture
def no_model(tmp_path: Path, monkeypatch: Any, settings: Any) -> Path:
    """Triage reads its model from a place of the test's own (empty until trained)."""
    path = tmp_path / "triage-model.pickle"
    settings.REGIE_TRIAGE_MODEL = str(path)
    monkeypatch.setenv("REGIE_TRIAGE_MODEL", str(path))
    learned.forget()
    return path


def test_triage_reads_one_text_on_stdin_and_prints_json(
    no_model: Path, monkeypatch: Any, capsys: Any
) -> None:
    text = "Volgende week worden gas en licht afgesloten, ik heb geen geld meer."
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert main(["triage"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["urgent"] is True
    assert out["domain"] in {"schuldhulp", "werk-en-inkomen"}
    assert 0 <= out["confidence"] <= 1
    assert any("afgesloten" in r for r in out["reasons"])
    for key in ("kind", "domain_runner_up", "topic", "norm", "urgent_reasons", "source", "sure"):
        assert key in out


def test_triage_refuses_empty_input(no_model: Path, monkeypatch: Any, capsys: Any) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("  \n"))
    assert main(["triage"]) == 2
    assert "geen tekst" in capsys.readouterr().err


def test_evaluate_prints_accuracy_per_class_figures_and_a_confusion_matrix(
    no_model: Path, tmp_path: Path, capsys: Any
) -> None:
    rows = [
        {"text": "Mijn scootmobiel is kapot.", "domain": "wmo", "kind": "melding", "urgent": False},
        {
            "text": "De deurwaarder komt morgen voor de ontruiming.",
            "domain": "schuldhulp",
            "kind": "hulpvraag",
            "urgent": True,
            "source": "voorbeeld",
        },
        {
            "text": "Mijn parkeervergunning is te duur.",
            "domain": "overig",
            "kind": "klacht",
            "urgent": False,
        },
    ]
    assert main(["triage", "evaluate", str(_jsonl(tmp_path / "e.jsonl", rows))]) == 0
    out = capsys.readouterr().out
    assert "3 voorbeelden" in out
    assert "Domein: nauwkeurigheid" in out
    assert "Soort: nauwkeurigheid" in out
    assert "verwarringsmatrix" in out
    assert "Spoed: precisie 1.00, recall 1.00" in out

    assert main(["triage", "evaluate", "--json", str(tmp_path / "e.jsonl")]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["domain"]["accuracy"] == 1.0
    assert figures["urgent"]["recall"] == 1.0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json}\n", "regel 1: geen geldige JSON"),
        ('{"text": "x", "domain": "wmo", "kind": "klacht"}\n', "'urgent' moet true of false"),
        (
            '{"text": "x", "domain": "zorg", "kind": "klacht", "urgent": false}\n',
            "'domain' is 'zorg'",
        ),
        ("[1, 2]\n", "verwacht een JSON-object"),
        ("\n\n", "geen voorbeelden"),
    ],
)
def test_evaluate_refuses_a_malformed_file_with_a_clear_message(
    no_model: Path, tmp_path: Path, capsys: Any, content: str, message: str
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content)
    assert main(["triage", "evaluate", str(bad)]) == 2
    assert message in capsys.readouterr().err


def test_evaluate_refuses_a_missing_file(no_model: Path, tmp_path: Path, capsys: Any) -> None:
    assert main(["triage", "evaluate", str(tmp_path / "absent.jsonl")]) == 2
    assert "niet te lezen" in capsys.readouterr().err


def test_train_from_a_file_writes_the_model_triage_then_uses(
    no_model: Path, tmp_path: Path, monkeypatch: Any, capsys: Any
) -> None:
    rows = [{"text": t, "domain": d, "kind": k, "urgent": u} for t, d, k, u in generated(300)]
    source = _jsonl(tmp_path / "train.jsonl", rows)
    assert main(["triage", "train", "--from", str(source)]) == 0
    out = capsys.readouterr().out
    assert "300 voorbeelden uit het bestand" in out
    assert no_model.exists()
    monkeypatch.setattr("sys.stdin", io.StringIO("Mijn bewindvoerder reageert niet."))
    assert main(["triage"]) == 0
    assert json.loads(capsys.readouterr().out)["source"] == "model"


@pytest.mark.django_db
def test_train_without_a_file_reads_the_register(
    no_model: Path, world: None, new_case: Any, capsys: Any
) -> None:
    from regie.cases.triage_data import training_examples
    from regie.triage.seed import seed_examples

    new_case(description="Mijn scootmobiel is kapot.")  # open, no verdict: not training data
    assert list(training_examples()) == []
    # An empty register still trains: on the examples Regie ships with.
    assert main(["triage", "train"]) == 0
    out = capsys.readouterr().out
    assert f"model geleerd van {len(seed_examples())} voorbeelden" in out
    assert "in het register (0)" in out
    assert no_model.exists()
