"""`suggest(text)`: the rules, blended with the model when there is one trained on enough of
the municipality's own cases. The rules' urgency always counts: a model never silences it."""

from __future__ import annotations

from pathlib import Path

from regie.triage import model as learned
from regie.triage.rules import DOMAIN_LABELS, DOMAINS, KINDS, RulesResult, classify
from regie.triage.seed import seed_model, seed_model_if_ready
from regie.triage.suggestion import Suggestion

# How much the rules weigh against a usable model, when the rules found any evidence.
RULES_WEIGHT = 0.35
# Texts longer than this are cut: the first part says what it is about, and triage stays fast.
MAX_CHARS = 20_000
# The model may add urgency the rules missed (it never removes it) from this probability.
# Measured on the sealed held-out sets (data/README.md): the rules alone miss threats
# written in words they do not know; the model catches many of them at some cost in
# precision.
URGENT_FROM_MODEL = 0.5


def _rules_distribution(scores: dict[str, float]) -> dict[str, float]:
    total = sum(scores.values())
    if total <= 0:
        return {d: 1.0 / len(scores) for d in scores}
    return {d: s / total for d, s in scores.items()}


def _rules_kinds(scores: dict[str, float]) -> dict[str, float]:
    total = sum(scores.values())
    if total <= 0:
        return {}
    return {k: s / total for k, s in scores.items()}


def suggest(
    text: str, *, model_path: Path | None = None, use_seed: bool = True, wait: bool = True
) -> Suggestion:
    """What triage suggests for a resident's text. Never raises on odd text: an empty or
    unreadable text is "overig", not urgent, and unsure."""
    text = (text or "")[:MAX_CHARS]
    rules = classify(text)
    if not text.strip():
        return _from_rules(rules)
    model = learned.cached(model_path)
    if model is None or not model.usable:
        # The municipality has no model of its own yet: the one Regie ships with. Without
        # `wait` (the intake), the rules answer until this process has it.
        model = None
        if use_seed:
            model = seed_model() if wait else seed_model_if_ready()
    if model is None:
        return _from_rules(rules)
    return _blended(text, rules, model)


def _from_rules(rules: RulesResult) -> Suggestion:
    return Suggestion(
        domain=rules.domain,
        kind=rules.kind,
        urgent=rules.urgent,
        confidence=rules.confidence,
        reasons=rules.reasons,
        domain_runner_up=rules.domain_runner_up,
        norm=rules.norm,
        urgent_reasons=rules.urgent_reasons,
        source="regels",
    )


def _blended(text: str, rules: RulesResult, model: learned.TriageModel) -> Suggestion:
    from_model = model.domain_probabilities(text)
    evidence = max(rules.domain_scores.values()) >= 1.0
    weight = RULES_WEIGHT if evidence else 0.0
    from_rules = _rules_distribution(rules.domain_scores)
    blended = {
        d: (1 - weight) * from_model.get(d, 0.0) + weight * from_rules.get(d, 0.0) for d in DOMAINS
    }
    ranked = sorted(DOMAINS, key=lambda d: -blended[d])
    domain, second = ranked[0], ranked[1]
    runner_up = second if blended[second] >= 0.05 else ""

    kind = rules.kind
    model_kinds = model.kind_probabilities(text)
    if model_kinds:
        rule_kinds = _rules_kinds(rules.kind_scores)
        kw = RULES_WEIGHT if rule_kinds else 0.0
        kind = max(
            KINDS,
            key=lambda k: (1 - kw) * model_kinds.get(k, 0.0) + kw * rule_kinds.get(k, 0.0),
        )

    reasons = [
        f"model (geleerd van {model.cases} voorbeelden): "
        f"{DOMAIN_LABELS[domain]} met kans {blended[domain]:.2f}",
        *rules.reasons,
    ]
    # The rules' urgency always counts; the model may add what they missed, never silence it.
    urgent, urgent_reasons = rules.urgent, rules.urgent_reasons
    chance = model.urgent_probability(text)
    if not urgent and chance is not None and chance >= URGENT_FROM_MODEL:
        urgent = True
        urgent_reasons = (
            f"lijkt op eerdere zaken met spoed (kans {chance:.2f}); kijk zelf wat er dreigt",
        )
        reasons.append(urgent_reasons[0])
        if kind == "klacht" and not rules.kind_scores.get("klacht"):
            kind = "hulpvraag"
    return Suggestion(
        domain=domain,
        kind=kind,
        urgent=urgent,
        confidence=round(blended[domain], 3),
        reasons=tuple(reasons),
        domain_runner_up=runner_up,
        norm=rules.norm if kind == "klacht" else "",
        urgent_reasons=urgent_reasons,
        source="model",
    )
