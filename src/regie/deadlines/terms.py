"""A term's length: a number of weeks or a number of working days."""

from dataclasses import dataclass
from enum import StrEnum

from regie.deadlines.dutch import count_noun


class TermUnit(StrEnum):
    # Weeks are counted in calendar days and then rolled forward (Atw artikel 1); working days
    # skip every Saturday, Sunday and holiday while counting, so they never need rolling.
    WEEKS = "weeks"
    WORKING_DAYS = "working_days"


@dataclass(frozen=True, slots=True)
class Term:
    amount: int
    unit: TermUnit

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 1:
            raise ValueError(f"a term is at least 1 {self.unit}, got {self.amount!r}")

    @classmethod
    def weeks(cls, amount: int) -> "Term":
        return cls(amount, TermUnit.WEEKS)

    @classmethod
    def working_days(cls, amount: int) -> "Term":
        return cls(amount, TermUnit.WORKING_DAYS)

    def __add__(self, other: "Term") -> "Term":
        if other.unit is not self.unit:
            raise ValueError(f"cannot add {other.unit} to {self.unit}")
        return Term(self.amount + other.amount, self.unit)

    def in_dutch(self) -> str:
        """``6 weken``, ``1 week``, ``3 werkdagen``."""
        if self.unit is TermUnit.WEEKS:
            return count_noun(self.amount, "week", "weken")
        return count_noun(self.amount, "werkdag", "werkdagen")

    def to_dict(self) -> dict[str, int | str]:
        return {"amount": self.amount, "unit": self.unit.value}
