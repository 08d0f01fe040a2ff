"""bench.triage with tiny numbers: the protocol rows are there, every time a number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import triage


@pytest.mark.slow
def test_the_triage_benchmark_writes_its_rows(tmp_path: Path) -> None:
    out = tmp_path / "triage.json"
    assert triage.main(["--texts", "20", "--train", "300", "--json-out", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["benchmark"] == "triage"
    assert result["ok"] is True
    measures = {r["measure"]: r for r in result["rows"]}
    for name in ("rules only", "rules + seed model", "rules + own model"):
        assert measures[f"triage per text, {name}: p95"]["value"] >= 0
        assert measures[f"triage per text, {name}: p95"]["target"] == "< 20 ms"
    assert "retrain on 300 texts" in measures
