"""What the wegwijzer answers: the shapes both faces (pages and API) show, and the question."""

from __future__ import annotations

from dataclasses import dataclass, field

from regie.vocabulary import Domain

QUESTION_MAX = 500
MAX_RESULTS = 5

# The domains in words a resident uses (the vocabulary's labels are for staff).
DOMAIN_WORDS: dict[str, str] = {
    Domain.WMO: "Hulp en ondersteuning thuis (Wmo)",
    Domain.JEUGD: "Kinderen, jongeren en gezin",
    Domain.WERK_EN_INKOMEN: "Werk en inkomen",
    Domain.SCHULDHULP: "Geldzaken en schulden",
    Domain.OVERIG: "Iets anders",
}
DOMAIN_ORDER = [d.value for d in Domain]


class WegwijzerError(ValueError):
    """A question the wegwijzer cannot answer; `field` names the input that is wrong."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Channel:
    kind: str
    label: str
    value: str
    note: str
    href: str | None


@dataclass(frozen=True)
class Party:
    """Who: a municipal team, a provider, a joint arrangement, an independent body, or the
    ombudsman. `slug` is empty for the ombudsman, who is data on the municipality."""

    slug: str
    name: str
    kind: str  # "team", "ombudsman", or an OrganisationKind value
    kind_label: str
    description: str
    channels: tuple[Channel, ...]


@dataclass(frozen=True)
class TermInfo:
    label: str
    words: str
    regime: str
    legal_basis: str


@dataclass(frozen=True)
class EscalationStep:
    position: int
    action: str
    text: str
    party: Party
    term: str


@dataclass(frozen=True)
class ComplaintRouteInfo:
    handler: Party
    regime: str | None  # None when a provider's scheme sets no term on record
    regime_label: str
    term: str
    legal_basis: str
    scheme: str
    scheme_url: str
    steps: tuple[EscalationStep, ...]


@dataclass(frozen=True)
class OversightInfo:
    level: str | None  # None when the municipality does the work itself
    words: str
    decision_reference: str
    decision_date: str | None


@dataclass(frozen=True)
class TopicRef:
    slug: str
    name: str


@dataclass(frozen=True)
class Result:
    domain: str
    domain_label: str
    topic: TopicRef | None
    score: float
    reasons: tuple[str, ...]
    responsible: Party
    outsourced_to: str | None  # the provider or GR doing the work, for "about" in /melden
    what_happens: str
    terms: tuple[TermInfo, ...]
    complaint_route: ComplaintRouteInfo
    support: tuple[Party, ...]
    oversight: OversightInfo


@dataclass(frozen=True)
class MunicipalityInfo:
    code: str
    name: str
    channels: tuple[Channel, ...]
    ombudsman: Party


@dataclass(frozen=True)
class Answer:
    municipality: MunicipalityInfo
    results: tuple[Result, ...]
    matched: bool
    suggestion: str


@dataclass(frozen=True)
class Question:
    q: str = ""
    domain: str = ""
    topic: str = ""

    def __post_init__(self) -> None:
        if len(self.q) > QUESTION_MAX:
            raise WegwijzerError("q", f"Gebruik hooguit {QUESTION_MAX} tekens.")
        if self.domain and self.domain not in Domain.values:
            raise WegwijzerError("domain", f"{self.domain!r} is geen bekend domein.")
        if not (self.q.strip() or self.domain or self.topic):
            raise WegwijzerError(
                "q", "Schrijf in een paar woorden waar het over gaat, of kies een onderwerp."
            )


# Every contact channel of a team or organisation, by ("team" | "organisation", pk).
ChannelIndex = dict[tuple[str, int], tuple[Channel, ...]]


@dataclass
class Hit:
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)

    def add(self, score: float, reason: str) -> None:
        self.score += score
        if reason not in self.reasons:
            self.reasons.append(reason)
