"""The seed model: what triage knows before a municipality has confirmed cases of its own.

Trained from the labelled texts that ship with Regie (`SEED_FILES`: paraphrased situations
from public ombudsman reports and news, each with its source; see `data/README.md`), once per
machine: the fitted model is kept beside the municipality's model (under var/), named by a
hash of the texts and the model format, so a changed text or format trains a new one. No
model file is shipped or downloaded. A municipality's own model
(`regie triage train`, at `REGIE_TRIAGE_MODEL`) replaces it once it is trained on enough
confirmed cases (`model.MIN_CASES`).

The held-out sets (`NEVER_TRAINED_ON`) are never trained on: they are
what the figures in data/README.md are measured on.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from pathlib import Path

from regie.triage import model as learned
from regie.triage.evaluate import read_labelled

DATA = Path(__file__).resolve().parent / "data"
SEED_FILES = ("dev.jsonl", "dev2.jsonl", "eval.jsonl")
NEVER_TRAINED_ON = ("holdout.jsonl", "holdout2.jsonl", "holdout3.jsonl")

_lock = threading.Lock()
_model: list[learned.TriageModel] = []


def seed_examples() -> list[learned.Example]:
    examples: list[learned.Example] = []
    for name in SEED_FILES:
        examples += read_labelled(DATA / name)
    return examples


def _fingerprint() -> str:
    digest = hashlib.sha256(f"format {learned.FORMAT}".encode())
    for name in SEED_FILES:
        digest.update((DATA / name).read_bytes())
    return digest.hexdigest()[:16]


def seed_path() -> Path:
    return learned.default_path().with_name(f"triage-seed-{_fingerprint()}.pickle")


def seed_model() -> learned.TriageModel:
    """Loaded (or, the first time on this machine, trained and kept) once per process."""
    if _model:
        return _model[0]
    with _lock:
        if not _model:
            path = seed_path()
            fitted = learned.load(path)
            if fitted is None:
                fitted = learned.train(seed_examples())
                # On a read-only disk it stays in memory only.
                with contextlib.suppress(OSError):
                    learned.save(fitted, path)
            _model.append(fitted)
    return _model[0]


_started: list[threading.Thread] = []


def seed_model_if_ready() -> learned.TriageModel | None:
    """The seed model if this process has it; otherwise None, and it is loaded (or trained)
    in a background thread. For the intake: a resident's case is never kept waiting for a
    model, the first cases after a start get the rules' suggestion."""
    if _model:
        return _model[0]
    with _lock:
        if not _started:
            thread = threading.Thread(target=seed_model, name="triage-seed", daemon=True)
            _started.append(thread)
            thread.start()
    return None


def is_seed_file(path: Path) -> bool:
    """Figures on these files flatter: the seed model learned from them."""
    try:
        return path.resolve().parent == DATA and path.name in SEED_FILES
    except OSError:
        return False
