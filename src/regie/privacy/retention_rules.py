"""How long a closed case is kept: the terms of the Selectielijst gemeenten 2020 (LEGAL.md §6),
counted from the case's closure. Pure Python, no database: the facts of a case in, the rule
that applies and its term out, so the rules can be read and tested on one screen.

A case that is still open (also in follow-up or with the ombudsman) never expires; the caller
only asks about closed cases.

The rules, by name (the names are what REGIE_RETENTION_YEARS overrides):

  klacht                 a complaint handled (also informally, Awb 9:5)           5 years
  klacht-ombudsman       a complaint the resident took to the ombudsman          10 years
  niet-behandeld         a complaint refused (Awb 9:8) or withdrawn; a request
                         without a domain file that was withdrawn or stopped      1 year
  wmo                    a help request, signal or report in the Wmo domain:
                         part of the Wmo provision file                          15 years
  jeugd                  ... in youth care: part of the youth-care file          20 years
  schuldhulp             ... in debt assistance: the debt-assistance file         5 years
  werk-en-inkomen        ... in work and income. The Selectielijst keeps the
                         Participatiewet file 5 years after the last payment or
                         decision; a request here is part of that file.           5 years
  overig                 ... with no domain file: kept as long as a handled
                         complaint, the general term for a handled request        5 years

Which rule wins when several apply: the longest. Destroying too early cannot be undone, and
each rule is a minimum the archive law asks for. So a withdrawn complaint that still went to
the ombudsman is kept 10 years; a Wmo help request that stopped is part of the Wmo file and is
kept 15 years (the file term applies to everything in the file, whatever its outcome).

Complaints keep the complaint terms whatever their domain: the Selectielijst files complaint
handling as its own process, separate from the provision file the complaint is about.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass

# Values of regie.vocabulary, spelled out so this module stays free of Django.
KLACHT = "klacht"
NOT_HANDLED_OUTCOME = "niet-behandeld"
STOPPED_STATUSES = frozenset({"ingetrokken", "uitgevallen"})
DOMAIN_FILES = ("wmo", "jeugd", "schuldhulp", "werk-en-inkomen")


@dataclass(frozen=True)
class Rule:
    name: str
    years: int
    label: str


DEFAULT_RULES: tuple[Rule, ...] = (
    Rule("klacht", 5, "Klacht afgehandeld"),
    Rule("klacht-ombudsman", 10, "Klacht behandeld via de ombudsman"),
    Rule("niet-behandeld", 1, "Niet behandeld, ingetrokken of gestopt"),
    Rule("wmo", 15, "Dossier Wmo-voorziening"),
    Rule("jeugd", 20, "Dossier jeugdhulp"),
    Rule("schuldhulp", 5, "Dossier schuldhulpverlening"),
    Rule("werk-en-inkomen", 5, "Dossier werk en inkomen"),
    Rule("overig", 5, "Hulpvraag, signaal of melding zonder dossier"),
)
RULE_NAMES = tuple(rule.name for rule in DEFAULT_RULES)
# A term longer than this is a typo (20 is the longest in the Selectielijst).
MAX_YEARS = 100


class RetentionConfigError(ValueError):
    """REGIE_RETENTION_YEARS is not what it should be; the message says what to fix."""


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know of a closed case."""

    kind: str
    domain: str
    status: str
    outcome: str
    went_to_ombudsman: bool


@dataclass(frozen=True)
class Term:
    rule: str
    years: int
    label: str

    def expires_at(self, closed_at: dt.datetime) -> dt.datetime:
        return add_years(closed_at, self.years)


class Schedule:
    """The rules with their terms in force (the defaults with the configured overrides)."""

    def __init__(self, overrides: Mapping[str, int] | None = None) -> None:
        overrides = validated(overrides or {})
        self.rules = {
            rule.name: Rule(rule.name, overrides.get(rule.name, rule.years), rule.label)
            for rule in DEFAULT_RULES
        }

    def applicable(self, facts: CaseFacts) -> list[Rule]:
        """Every rule that applies to the case, in the order of DEFAULT_RULES."""
        names: set[str] = set()
        stopped = facts.status in STOPPED_STATUSES
        if facts.kind == KLACHT:
            if stopped or facts.outcome == NOT_HANDLED_OUTCOME:
                names.add("niet-behandeld")
            else:
                names.add("klacht")
            if facts.went_to_ombudsman:
                names.add("klacht-ombudsman")
        elif facts.domain in DOMAIN_FILES:
            names.add(facts.domain)
        else:
            names.add("niet-behandeld" if stopped else "overig")
        return [rule for name, rule in self.rules.items() if name in names]

    def term_for(self, facts: CaseFacts) -> Term:
        """The rule that wins: the longest term that applies (first in order on a tie)."""
        rules = self.applicable(facts)
        longest = max(rules, key=lambda rule: rule.years)
        return Term(rule=longest.name, years=longest.years, label=longest.label)


def validated(overrides: Mapping[str, object]) -> dict[str, int]:
    """The overrides, checked: known rule names, whole years from 1 to MAX_YEARS."""
    checked: dict[str, int] = {}
    for name, years in overrides.items():
        if name not in RULE_NAMES:
            raise RetentionConfigError(
                f"REGIE_RETENTION_YEARS: onbekende regel {name!r} (bekend: {', '.join(RULE_NAMES)})"
            )
        if isinstance(years, bool) or not isinstance(years, int):
            raise RetentionConfigError(
                f"REGIE_RETENTION_YEARS: {name} moet een heel aantal jaren zijn, niet {years!r}"
            )
        if not 1 <= years <= MAX_YEARS:
            raise RetentionConfigError(
                f"REGIE_RETENTION_YEARS: {name} moet tussen 1 en {MAX_YEARS} jaar liggen, "
                f"niet {years}"
            )
        checked[name] = years
    return checked


def parse_overrides(raw: str) -> dict[str, int]:
    """REGIE_RETENTION_YEARS as written in the environment: a JSON object such as
    '{"klacht-ombudsman": 12}'. Empty means no overrides."""
    if not raw.strip():
        return {}
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as error:
        raise RetentionConfigError(
            f"REGIE_RETENTION_YEARS is geen geldige JSON ({error.msg}); "
            'schrijf het zo: {"klacht-ombudsman": 12}'
        ) from None
    if not isinstance(value, dict):
        raise RetentionConfigError(
            'REGIE_RETENTION_YEARS moet een JSON-object zijn, zoals {"klacht-ombudsman": 12}'
        )
    return validated(value)


def add_years(moment: dt.datetime, years: int) -> dt.datetime:
    """The same moment `years` later; 29 February becomes 28 February in a common year."""
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:
        return moment.replace(year=moment.year + years, day=28)
