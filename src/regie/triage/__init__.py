"""Triage: from a resident's text, a suggested domain (with the runner-up), kind, topic and
behoorlijkheidsnorm, and whether it is urgent, each with its reasons and a confidence
(issue 9). Rules and lexicons for a cold start; a model trained on the municipality's own
confirmed cases once there are enough. A person confirms or corrects; Regie never routes on
a guess.

Below the register: the intake asks it, and it reads no cases (training data is handed to
it). The one entry point is `suggest(text) -> Suggestion` (`regie.triage.suggestion`).
"""

from regie.triage.engine import suggest
from regie.triage.model import Example, TriageModel, train
from regie.triage.suggestion import SURE, Suggestion

__all__ = ["SURE", "Example", "Suggestion", "TriageModel", "suggest", "train"]
