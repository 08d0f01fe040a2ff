"""The CSV file in which a provider or GR hands in its own complaints in bulk.

The format (the upload page shows the same, from `COLUMNS`):

- UTF-8, with or without a byte order mark (Excel: "CSV UTF-8 (door lijstscheidingsteken
  gescheiden)"); at most 10 MB and 20,000 complaint rows.
- Columns separated by `;` (Dutch Excel) or `,`: whichever the header line holds more of.
  A value that contains the separator, a quote or a line break is put between double quotes,
  as every spreadsheet does by itself.
- The first line is the header with the column names below, in any order, in any case;
  a space or hyphen counts as an underscore ("Ontvangen op" is `ontvangen_op`). Unknown
  names are refused rather than skipped, so a typo never drops data silently.
- Every further line is one complaint about the uploading organisation itself. Empty lines
  are skipped.

    gemeente        required  CBS code of the resident's municipality, e.g. GM9901
    ontvangen_op    required  2026-03-24, 24-03-2026, or 2026-03-24T09:30:00+01:00
    domein          required  wmo, jeugd, werk-en-inkomen, schuldhulp or overig
    onderwerp                 a short title
    omschrijving    required  the complaint
    naam            required  who complains
    email                     } at least one of the two columns, and a value in one of
    telefoon                  } them on every row
    namens_naam               the person it is about, when someone complains for another
    namens_relatie            what the complainant is of them (mantelzorger …)
    urgentie                  normaal (also when empty) or spoed

This module only reads the file into rows of text; what the values mean and whether a
complaint may be registered is for `complaint_rows` and the intake service.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from regie.imports.report import FileRefused, Problem
from regie.limits import dutch_number

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    meaning: str
    example: str


COLUMNS = (
    Column("gemeente", True, "De gemeentecode van de gemeente van de inwoner.", "GM9901"),
    Column(
        "ontvangen_op",
        True,
        "De datum waarop u de klacht kreeg, zoals 2026-03-24 of 24-03-2026. Met een tijd "
        "erbij: 2026-03-24T09:30:00+01:00.",
        "2026-03-24",
    ),
    Column(
        "domein",
        True,
        "wmo, jeugd, werk-en-inkomen, schuldhulp of overig. Alleen een domein waarin uw "
        "organisatie werkt.",
        "wmo",
    ),
    Column("onderwerp", False, "Een korte titel van de klacht.", "Hulp kwam niet"),
    Column(
        "omschrijving",
        True,
        "Wat is de klacht?",
        "De hulp kwam twee weken niet en niemand belde.",
    ),
    Column("naam", True, "De naam van wie de klacht indient.", "Anna de Boer"),
    Column("email", False, "Het e-mailadres van wie de klacht indient.", "anna@example.org"),
    Column("telefoon", False, "Het telefoonnummer van wie de klacht indient.", "0612345678"),
    Column(
        "namens_naam",
        False,
        "Dient iemand de klacht in voor een ander? Dan de naam van die ander.",
        "",
    ),
    Column(
        "namens_relatie",
        False,
        "Wat is de indiener van die ander? Bijvoorbeeld mantelzorger.",
        "",
    ),
    Column("urgentie", False, "normaal of spoed. Leeg betekent normaal.", "normaal"),
)
KNOWN = {c.name for c in COLUMNS}
REQUIRED = [c.name for c in COLUMNS if c.required]
# A complaint needs a way to reach the person (the intake service says so per row); a file
# without either column would get that message on every row, so it is said once instead.
CONTACT = ("email", "telefoon")


@dataclass(frozen=True)
class Row:
    number: int  # as a spreadsheet shows it: the header is row 1
    values: dict[str, str]


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: list[Row]
    # Rows whose shape is wrong (too many or too few values); they are not read further.
    problems: list[Problem]


def read_table(content: bytes) -> Table:
    """The rows of an uploaded file, or `FileRefused` when the file as a whole is unusable."""
    text = _decode(content)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        columns = _header(next(reader, []))
        return _rows(reader, columns)
    except csv.Error as exc:
        raise FileRefused(
            [
                Problem(
                    f'Regel {reader.line_num} is niet te lezen. Staat er een aanhalingsteken (") '
                    "op een verkeerde plek, of is een waarde veel te lang?",
                )
            ]
        ) from exc


def _decode(content: bytes) -> str:
    if len(content) > MAX_BYTES:
        raise FileRefused(
            [Problem("Het bestand is groter dan 10 MB. Verdeel de klachten over meer bestanden.")]
        )
    if not content.strip():
        raise FileRefused([Problem("Het bestand is leeg.")])
    try:
        # utf-8-sig drops the byte order mark that Excel writes at the start.
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[: exc.start].count(b"\n") + 1
        raise FileRefused(
            [
                Problem(
                    f"Het bestand is niet opgeslagen als UTF-8 (de eerste fout staat in regel "
                    f"{line}). Sla het in Excel op als 'CSV UTF-8 (door lijstscheidingsteken "
                    "gescheiden)'."
                )
            ]
        ) from exc


def _delimiter(text: str) -> str:
    """`;` or `,`, whichever the header line holds more of (column names contain neither)."""
    first = text.lstrip("\r\n").split("\n", 1)[0]
    semicolons, commas = first.count(";"), first.count(",")
    if not semicolons and not commas:
        raise FileRefused(
            [
                Problem(
                    "Op de eerste regel staan geen kolommen. Zet daar de kolomnamen, gescheiden "
                    "door een puntkomma (;) of een komma (,)."
                )
            ]
        )
    return ";" if semicolons >= commas else ","


def _normalise(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_")


def _header(cells: list[str]) -> tuple[str, ...]:
    columns = tuple(_normalise(c) for c in cells)
    named = [c for c in columns if c]
    if not any(c in KNOWN for c in named):
        raise FileRefused(
            [
                Problem(
                    "De eerste regel moet de kopregel zijn, met kolomnamen zoals gemeente, "
                    "ontvangen_op, domein en omschrijving."
                )
            ]
        )
    problems = []
    for name in dict.fromkeys(named):
        if name not in KNOWN:
            problems.append(
                Problem(f"Onbekende kolom: {name}. Gebruik alleen de kolommen uit de uitleg.")
            )
        elif named.count(name) > 1:
            problems.append(Problem(f"De kolom {name} staat meer dan één keer in de kopregel."))
    for name in REQUIRED:
        if name not in named:
            problems.append(Problem(f"De kolom {name} ontbreekt."))
    if not any(name in named for name in CONTACT):
        problems.append(
            Problem(
                "De kolommen email en telefoon ontbreken allebei. Voeg er minstens één toe: "
                "van wie een klacht indient, moet bekend zijn hoe u hem bereikt."
            )
        )
    if problems:
        raise FileRefused(problems)
    return columns


def _rows(reader: Iterator[list[str]], columns: tuple[str, ...]) -> Table:
    rows: list[Row] = []
    problems: list[Problem] = []
    width = len(columns)
    # The record number, not reader.line_num: a value with a line break in it is one row in
    # a spreadsheet, and the spreadsheet's numbers are the ones people look up.
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # an empty line, or a row of separators that a spreadsheet left behind
        if len(rows) + len(problems) >= MAX_ROWS:
            raise FileRefused(
                [
                    Problem(
                        f"Het bestand heeft meer dan {dutch_number(MAX_ROWS)} rijen met "
                        "klachten. Verdeel ze over meer bestanden."
                    )
                ]
            )
        # Strict: a spreadsheet pads every row to the header's width, and a row one value
        # longer is nearly always a separator in an unquoted text, every value after it
        # shifted one column.
        if len(cells) != width:
            problems.append(
                Problem(
                    f"Deze rij heeft {len(cells)} waarden, maar de kopregel heeft {width} "
                    'kolommen. Staat er een ; of , in een tekst zonder aanhalingstekens (")?',
                    row=number,
                )
            )
            continue
        unnamed = [i for i, name in enumerate(columns) if not name and cells[i].strip()]
        if unnamed:
            problems.append(
                Problem(
                    f"In kolom {unnamed[0] + 1} staat een waarde, maar die kolom heeft geen naam "
                    "in de kopregel.",
                    row=number,
                )
            )
            continue
        rows.append(Row(number, {name: cells[i] for i, name in enumerate(columns) if name}))
    if not rows and not problems:
        raise FileRefused([Problem("Het bestand heeft een kopregel, maar geen klachten.")])
    return Table(columns=columns, rows=rows, problems=problems)
