"""Errors for bad input to deadline computation; all are ``ValueError`` so callers can map
them to a form error or a 400 response in one place."""

from collections.abc import Iterable


class DeadlineError(ValueError):
    """Base class: the input cannot give a deadline."""


class UnknownRegime(DeadlineError, LookupError):
    def __init__(self, identifier: str, known: Iterable[str]) -> None:
        self.identifier = identifier
        self.known = tuple(sorted(known))
        super().__init__(f"unknown regime {identifier!r}; known regimes: {', '.join(self.known)}")


class UnsupportedOption(DeadlineError):
    def __init__(self, regime: str, option: str, accepted: Iterable[str]) -> None:
        self.regime = regime
        self.option = option
        self.accepted = tuple(sorted(accepted))
        accepts = ", ".join(self.accepted) if self.accepted else "no options"
        super().__init__(
            f"regime {regime!r} does not accept option {option!r}; it accepts: {accepts}"
        )


class ConflictingOptions(DeadlineError):
    """Two options that each replace the base term were chosen together."""


class InvalidStart(DeadlineError):
    """The start is not a date or an aware datetime."""
