"""How good triage is on a labelled file (`regie triage evaluate FILE.jsonl`): one JSON
object per line with `text`, `domain`, `kind` and `urgent` (other fields, such as `source`,
are ignored). Also how training files are read (`regie triage train --from FILE.jsonl`)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from regie.triage.model import Example
from regie.triage.rules import DOMAINS, KINDS
from regie.triage.suggestion import Suggestion


class LabelledFileError(ValueError):
    """The file is not what `evaluate` and `train` read; the message says where and why."""


def read_labelled(path: Path) -> list[Example]:
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LabelledFileError(f"{path}: niet te lezen ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise LabelledFileError(f"{path}: geen UTF-8-tekst") from exc
    examples = list(parse_lines(raw.splitlines(), name=str(path)))
    if not examples:
        raise LabelledFileError(f"{path}: het bestand bevat geen voorbeelden")
    return examples


def parse_lines(lines: list[str], *, name: str) -> Iterator[Example]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}, regel {number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LabelledFileError(f"{where}: geen geldige JSON ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise LabelledFileError(f"{where}: verwacht een JSON-object per regel")
        text, domain, kind, urgent = (row.get(k) for k in ("text", "domain", "kind", "urgent"))
        if not isinstance(text, str) or not text.strip():
            raise LabelledFileError(f"{where}: 'text' ontbreekt of is leeg")
        if domain not in DOMAINS:
            raise LabelledFileError(
                f"{where}: 'domain' is {domain!r}; kies uit {', '.join(DOMAINS)}"
            )
        if kind not in KINDS:
            raise LabelledFileError(f"{where}: 'kind' is {kind!r}; kies uit {', '.join(KINDS)}")
        if not isinstance(urgent, bool):
            raise LabelledFileError(f"{where}: 'urgent' moet true of false zijn, niet {urgent!r}")
        yield Example(text, domain, kind, urgent)


@dataclass
class ClassReport:
    labels: tuple[str, ...]
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)  # truth -> predicted

    def add(self, truth: str, predicted: str) -> None:
        row = self.confusion.setdefault(truth, {})
        row[predicted] = row.get(predicted, 0) + 1

    def total(self) -> int:
        return sum(sum(r.values()) for r in self.confusion.values())

    def correct(self) -> int:
        return sum(r.get(t, 0) for t, r in self.confusion.items())

    def accuracy(self) -> float:
        return self.correct() / self.total() if self.total() else 0.0

    def precision(self, label: str) -> float | None:
        predicted = sum(r.get(label, 0) for r in self.confusion.values())
        return self.confusion.get(label, {}).get(label, 0) / predicted if predicted else None

    def recall(self, label: str) -> float | None:
        actual = sum(self.confusion.get(label, {}).values())
        return self.confusion.get(label, {}).get(label, 0) / actual if actual else None


@dataclass
class Evaluation:
    domain: ClassReport
    kind: ClassReport
    urgent_tp: int = 0
    urgent_fp: int = 0
    urgent_fn: int = 0
    urgent_tn: int = 0
    misses: list[tuple[Example, Suggestion]] = field(default_factory=list)

    def urgent_precision(self) -> float | None:
        flagged = self.urgent_tp + self.urgent_fp
        return self.urgent_tp / flagged if flagged else None

    def urgent_recall(self) -> float | None:
        actual = self.urgent_tp + self.urgent_fn
        return self.urgent_tp / actual if actual else None

    def as_dict(self) -> dict[str, object]:
        def per_class(report: ClassReport) -> dict[str, object]:
            return {
                "accuracy": round(report.accuracy(), 4),
                "per_class": {
                    label: {"precision": report.precision(label), "recall": report.recall(label)}
                    for label in report.labels
                },
                "confusion": report.confusion,
            }

        return {
            "examples": self.domain.total(),
            "domain": per_class(self.domain),
            "kind": per_class(self.kind),
            "urgent": {
                "precision": self.urgent_precision(),
                "recall": self.urgent_recall(),
                "true_positive": self.urgent_tp,
                "false_positive": self.urgent_fp,
                "false_negative": self.urgent_fn,
                "true_negative": self.urgent_tn,
            },
        }


def evaluate(examples: list[Example], suggest: Callable[[str], Suggestion]) -> Evaluation:
    result = Evaluation(domain=ClassReport(DOMAINS), kind=ClassReport(KINDS))
    for example in examples:
        s = suggest(example.text)
        result.domain.add(example.domain, s.domain)
        result.kind.add(example.kind, s.kind)
        if s.urgent and example.urgent:
            result.urgent_tp += 1
        elif s.urgent:
            result.urgent_fp += 1
        elif example.urgent:
            result.urgent_fn += 1
        else:
            result.urgent_tn += 1
        if s.domain != example.domain or s.urgent != example.urgent:
            result.misses.append((example, s))
    return result


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{value:.2f}"


def _table(title: str, report: ClassReport) -> list[str]:
    width = max(len(label) for label in report.labels) + 2
    lines = [
        f"{title}: nauwkeurigheid {report.accuracy():.3f} "
        f"({report.correct()} van {report.total()} goed)",
        f"  {'':<{width}}precisie  recall  aantal",
    ]
    for label in report.labels:
        count = sum(report.confusion.get(label, {}).values())
        lines.append(
            f"  {label:<{width}}{_pct(report.precision(label)):>8}  "
            f"{_pct(report.recall(label)):>6}  {count:>6}"
        )
    lines.append(f"  verwarringsmatrix (rij: juist, kolom: voorgesteld; {_legend(report)})")
    short = [_short(label) for label in report.labels]
    lines.append(f"  {'':<{width}}" + "".join(f"{s:>8}" for s in short))
    for label in report.labels:
        row = report.confusion.get(label, {})
        lines.append(f"  {label:<{width}}" + "".join(f"{row.get(p, 0):>8}" for p in report.labels))
    return lines


def _short(label: str) -> str:
    return {"werk-en-inkomen": "w&i", "schuldhulp": "schuld", "hulpvraag": "hulpvr"}.get(
        label, label[:7]
    )


def _legend(report: ClassReport) -> str:
    pairs = [f"{_short(lb)}={lb}" for lb in report.labels if _short(lb) != lb]
    return ", ".join(pairs) if pairs else "volledige namen"


def render(result: Evaluation, *, show_misses: bool = False) -> str:
    lines = [f"{result.domain.total()} voorbeelden", ""]
    lines += _table("Domein", result.domain)
    lines.append("")
    lines += _table("Soort", result.kind)
    lines.append("")
    lines.append(
        f"Spoed: precisie {_pct(result.urgent_precision())}, "
        f"recall {_pct(result.urgent_recall())} "
        f"(terecht {result.urgent_tp}, onterecht {result.urgent_fp}, "
        f"gemist {result.urgent_fn}, terecht niet {result.urgent_tn})"
    )
    if show_misses:
        lines.append("")
        lines.append("Missers (domein of spoed):")
        for example, s in result.misses:
            lines.append(
                f"- juist {example.domain}/{'spoed' if example.urgent else 'normaal'}, "
                f"voorgesteld {s.domain}/{'spoed' if s.urgent else 'normaal'} "
                f"({s.confidence:.2f}): {example.text[:100]}"
            )
    return "\n".join(lines)
