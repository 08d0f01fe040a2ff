"""What a regime is: a term, what starts it, and the options that change the term."""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from regie.deadlines.errors import ConflictingOptions, UnsupportedOption
from regie.deadlines.terms import Term

_IDENTIFIER = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class Option(StrEnum):
    COMMITTEE = "committee"
    EXTENDED = "extended"
    CRISIS = "crisis"


@dataclass(frozen=True, slots=True)
class TermOption:
    """An option of a regime. It either replaces the base term (an advisory committee, a
    crisis) or adds to it (a postponement). Additions never shorten a term."""

    option: Option
    term: Term
    adds: bool
    # A plain-Dutch sentence saying what happened, without numbers: the numbers are added
    # from ``term`` so they cannot disagree with what is computed.
    reason: str


@dataclass(frozen=True, slots=True)
class ResolvedTerm:
    """The term that applies after the chosen options, and the sentences that say why."""

    term: Term
    options: tuple[Option, ...]
    sentences: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Regime:
    identifier: str
    label: str
    legal_basis: str
    # A Dutch noun phrase with its article, used as "6 weken na {start_event} op ...".
    start_event: str
    term: Term
    options: tuple[TermOption, ...] = ()
    # Service norms are not bound by the Atw (LEGAL.md §3, scope) but are counted the same way;
    # the explanation must not claim the law applies.
    bound_by_atw: bool = True
    # An extra sentence for the explanation, e.g. that a by-law may set a shorter term.
    note: str = ""
    # For a term not bound by the Atw: whose rule it is, in a sentence for the explanation
    # (a service norm of the municipality, a provider's complaint scheme).
    own_rule: str = "Dit is een servicenorm van de gemeente, geen wettelijke termijn."

    def __post_init__(self) -> None:
        if not _IDENTIFIER.fullmatch(self.identifier):
            raise ValueError(f"regime identifier must be a lower-case slug: {self.identifier!r}")
        seen = [option.option for option in self.options]
        if len(seen) != len(set(seen)):
            raise ValueError(f"regime {self.identifier!r} lists an option twice")
        base_terms = [self.term, *(o.term for o in self.options if not o.adds)]
        for addition in (o for o in self.options if o.adds):
            if any(base.unit is not addition.term.unit for base in base_terms):
                raise ValueError(
                    f"regime {self.identifier!r}: option {addition.option} adds"
                    f" {addition.term.unit} to a term in another unit"
                )

    @property
    def accepted_options(self) -> frozenset[Option]:
        return frozenset(option.option for option in self.options)

    def resolve(self, chosen: Iterable[Option | str]) -> ResolvedTerm:
        """The term after applying ``chosen``; raises ``UnsupportedOption`` for any option this
        regime does not have, rather than silently ignoring it."""
        by_name = {option.option.value: option for option in self.options}
        picked: list[TermOption] = []
        for name in sorted({str(choice) for choice in chosen}):
            if name not in by_name:
                raise UnsupportedOption(self.identifier, name, by_name)
            picked.append(by_name[name])

        replacements = [option for option in picked if not option.adds]
        if len(replacements) > 1:
            names = " and ".join(option.option.value for option in replacements)
            raise ConflictingOptions(f"regime {self.identifier!r}: choose one of {names}")

        term = self.term
        sentences: list[str] = []
        for replacement in replacements:
            sentences += [
                replacement.reason,
                (
                    f"Daarom is de termijn {replacement.term.in_dutch()} in plaats van"
                    f" {term.in_dutch()}."
                ),
            ]
            term = replacement.term
        for addition in (option for option in picked if option.adds):
            # Postponement adds to the nominal term; the roll-forward comes once, at the end.
            term = term + addition.term
            sentences += [
                addition.reason,
                f"De termijn wordt {addition.term.in_dutch()} langer: {term.in_dutch()} in totaal.",
            ]
        return ResolvedTerm(
            term=term,
            options=tuple(option.option for option in picked),
            sentences=tuple(sentences),
        )
