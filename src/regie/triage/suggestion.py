"""What triage answers: the contract between the triage room and its callers (the intake,
the case page, the API, `regie triage`)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Suggestion:
    domain: str  # a `vocabulary.Domain` value
    kind: str  # a `vocabulary.Kind` value
    urgent: bool
    confidence: float  # 0-1: how sure triage is of the domain
    reasons: tuple[str, ...]  # in Dutch, for staff: which words or facts weighed
    domain_runner_up: str = ""  # the next most likely domain, "" when none
    topic: str = ""  # a topic slug from the directory, "" when none fits
    norm: str = ""  # a `vocabulary.Norm` value for a complaint, "" when none
    urgent_reasons: tuple[str, ...] = field(default_factory=tuple)
    source: str = "regels"  # "regels" (rules and lexicons) or "model" (trained)

    @property
    def sure(self) -> bool:
        """High enough to show as the first choice; below it a person decides unaided."""
        return self.confidence >= SURE


# Below this confidence the suggestion is shown as a hint only (never pre-selected).
SURE = 0.6
