"""What is wrong with an uploaded file, row by row and column by column, in Dutch.

Row numbers are the ones a spreadsheet shows: the header is row 1, the first complaint row 2,
so "Rij 14" is the row a person sees as 14 when they open the file to fix it. A problem of
the file as a whole (not UTF-8, no header, too large) has no row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# A file in which every row is wrong would fill the page with thousands of lines; the first
# ones show the pattern, and the count says how many there are.
MAX_REPORTED = 1000


@dataclass(frozen=True)
class Problem:
    message: str
    row: int | None = None
    column: str = ""

    def text(self) -> str:
        """ "Rij 14, kolom email: Vul een geldig e-mailadres in." (or less, as far as known)."""
        if self.row is None:
            return self.message
        where = f"Rij {self.row}" + (f", kolom {self.column}" if self.column else "")
        return f"{where}: {self.message}"

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Problem:
        return cls(message=str(data["message"]), row=data.get("row"), column=data["column"])


class FileRefused(Exception):
    """The file as a whole cannot be read: nothing in it is checked row by row."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.text() for p in problems))
        self.problems = problems


def rows_with_problems(problems: list[Problem]) -> int:
    return len({p.row for p in problems if p.row is not None})
