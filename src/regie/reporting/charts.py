"""Bar charts drawn on the server as inline SVG: no JavaScript, no chart library, no CSS.

A chart is geometry computed here from aggregate cells (`regie.cases.aggregates.Cell`), so
the template only places rectangles and text. Bars are horizontal with the label above each
bar, because long Dutch labels ("Niet in behandeling genomen (Awb 9:8)") then fit on a phone.

A hidden cell ("< 5") is never drawn at its real size: the chart does not know it. It gets
an outlined, hatched box of a fixed width, and the label "< 5". The scale is set by the
largest visible cell only, so no bar length hints at a hidden value either.

Every chart is followed on the page by a data table of the same cells; the SVG is an image
(`role="img"` with an aria-label that reads out every bar) for those who look.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from regie.cases.aggregates import Cell, CrossTable, Table

# The drawing's own coordinate system; the SVG scales to the width of its container.
WIDTH = 400
BAR_SPACE = 330  # the longest bar; the rest of the width holds its number
LABEL_HEIGHT = 22
BAR_HEIGHT = 18
ROW_GAP = 12
ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
HIDDEN_WIDTH = 40  # a hidden value's box: wide enough to see, unrelated to the value
# Colours with enough contrast on white (WCAG 1.4.11 asks 3:1 for graphics, 1.4.3 4.5:1 for
# text): the bar #1d4f91 is 8.1:1, the hatching and outline #595959 7:1, the text #1a1a1a.
BAR_COLOUR = "#1d4f91"
HIDDEN_COLOUR = "#595959"
TEXT_COLOUR = "#1a1a1a"


@dataclass(frozen=True)
class Bar:
    label: str
    cell: Cell
    width: int  # in drawing units; HIDDEN_WIDTH for a hidden cell
    label_y: int
    bar_y: int
    value_x: int

    @property
    def hidden(self) -> bool:
        return self.cell.hidden

    @property
    def text(self) -> str:
        return str(self.cell)


@dataclass(frozen=True)
class BarChart:
    slug: str  # unique on the page: the ids of the chart's pattern and table derive from it
    title: str
    bars: tuple[Bar, ...]
    unit: str  # "zaken", "klachten": read out after each number

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * ROW_HEIGHT

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT

    @property
    def pattern_id(self) -> str:
        return f"{self.slug}-arcering"

    @property
    def colours(self) -> dict[str, str]:
        return {"bar": BAR_COLOUR, "hidden": HIDDEN_COLOUR, "text": TEXT_COLOUR}

    @property
    def description(self) -> str:
        """What a screen reader hears: the title and every bar, "< 5" as "minder dan 5"."""
        parts = [f"{bar.label}: {spoken(bar.cell)} {self.unit}" for bar in self.bars]
        return f"{self.title}. " + "; ".join(parts) + "." if parts else f"{self.title}."


def spoken(cell: Cell) -> str:
    return f"minder dan {cell.k}" if cell.value is None else str(cell)


def bar_chart(slug: str, title: str, rows: Sequence[tuple[str, Cell]], unit: str) -> BarChart:
    """A chart of labelled cells, in the given order."""
    largest = max((cell.value for _, cell in rows if cell.value is not None), default=0)
    bars = []
    for index, (label, cell) in enumerate(rows):
        top = index * ROW_HEIGHT
        if cell.value is None:
            width = HIDDEN_WIDTH
        elif largest == 0:
            width = 0
        else:
            # A visible non-zero value is at least 2 units long, so it never looks like nothing.
            width = max(round(BAR_SPACE * cell.value / largest), 2 if cell.value else 0)
        bars.append(
            Bar(
                label=label,
                cell=cell,
                width=width,
                label_y=top + LABEL_HEIGHT - 6,
                bar_y=top + LABEL_HEIGHT,
                value_x=width + 8,
            )
        )
    return BarChart(slug=slug, title=title, bars=tuple(bars), unit=unit)


def table_chart(slug: str, table: Table, unit: str = "zaken") -> BarChart:
    """The rows of a breakdown (its total is in the data table, not drawn)."""
    return bar_chart(slug, table.title, [(row.label, row.cell) for row in table.rows], unit)


def row_totals_chart(slug: str, title: str, table: CrossTable, unit: str = "zaken") -> BarChart:
    """The row totals of a cross table, e.g. cases per provider."""
    rows = [(label, table.row_totals[key]) for key, label in table.row_labels]
    return bar_chart(slug, title, rows, unit)


def column_chart(
    slug: str, title: str, table: CrossTable, column: str, unit: str = "zaken"
) -> BarChart:
    """One column of a cross table per row, e.g. complaints per quarter."""
    rows = [(label, table.cells[key][column]) for key, label in table.row_labels]
    return bar_chart(slug, title, rows, unit)
