"""The seed model: what triage knows before a municipality has confirmed cases of its own.

Trained in the process, on first use, from the labelled texts that ship with Regie
(`data/dev.jsonl` and `data/eval.jsonl`: paraphrased situations from public ombudsman
reports and news, each with its source; see `data/README.md`). Training them takes well under
a second, so no model file is shipped or downloaded. A municipality's own model
(`regie triage train`, at `REGIE_TRIAGE_MODEL`) replaces it once it is trained on enough
confirmed cases (`model.MIN_CASES`).

The sealed sets (`data/holdout.jsonl`, `data/holdout2.jsonl`) are never trained on: they are
what the figures in data/README.md are measured on.
"""

from __future__ import annotations

import threading
from pathlib import Path

from regie.triage import model as learned
from regie.triage.evaluate import read_labelled

DATA = Path(__file__).resolve().parent / "data"
SEED_FILES = ("dev.jsonl", "dev2.jsonl", "eval.jsonl")
NEVER_TRAINED_ON = ("holdout.jsonl", "holdout2.jsonl")

_lock = threading.Lock()
_model: list[learned.TriageModel] = []


def seed_examples() -> list[learned.Example]:
    examples: list[learned.Example] = []
    for name in SEED_FILES:
        examples += read_labelled(DATA / name)
    return examples


def seed_model() -> learned.TriageModel:
    """Trained once per process, on first use."""
    if _model:
        return _model[0]
    with _lock:
        if not _model:
            _model.append(learned.train(seed_examples()))
    return _model[0]


def is_seed_file(path: Path) -> bool:
    """Figures on these files flatter: the seed model learned from them."""
    try:
        return path.resolve().parent == DATA and path.name in SEED_FILES
    except OSError:
        return False
