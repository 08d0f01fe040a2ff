"""Reading the file: encoding, separator, header and the shape of every row. What the values
mean is for the intake service (see test_batches.py)."""

from __future__ import annotations

import pytest

from regie.imports import csv_format
from regie.imports.csv_format import read_table
from regie.imports.report import FileRefused
from tests.imports.files import HEADER, csv_bytes, row


def refusal(content: bytes) -> list[str]:
    with pytest.raises(FileRefused) as refused:
        read_table(content)
    return [p.text() for p in refused.value.problems]


@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("bom", [True, False])
def test_it_reads_excel_files_with_either_separator_and_with_or_without_bom(
    delimiter: str, bom: bool
) -> None:
    text = row(1, omschrijving='Hij zei: "nee; nooit",\nen hing op.')
    table = read_table(csv_bytes([text, row(2)], delimiter=delimiter, bom=bom))

    assert [r.number for r in table.rows] == [2, 3]
    assert table.rows[0].values["omschrijving"] == 'Hij zei: "nee; nooit",\nen hing op.'
    assert table.rows[0].values["gemeente"] == "GM9901"
    assert not table.problems


def test_column_names_are_read_as_people_write_them() -> None:
    content = csv_bytes([row()])
    header, rest = content.split(b"\r\n", 1)
    written = header.decode().replace("_", " ").title().replace("Namens Naam", "namens-naam")
    table = read_table(written.encode() + b"\r\n" + rest)  # "Ontvangen Op", "namens-naam"
    assert table.rows[0].values == row()


def test_a_file_that_is_not_utf8_is_refused_with_the_line_of_the_first_bad_byte() -> None:
    content = csv_bytes([row(1), row(2, naam="Zoë")]).decode().encode("latin-1")
    [message] = refusal(content)
    assert message.startswith("Het bestand is niet opgeslagen als UTF-8 (de eerste fout staat in")
    assert "regel 3" in message
    assert "CSV UTF-8" in message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Het bestand is leeg."),
        (b"\r\n \r\n", "Het bestand is leeg."),
        (
            b"gemeente\tomschrijving\r\n",
            "Op de eerste regel staan geen kolommen. Zet daar de kolomnamen, gescheiden door een "
            "puntkomma (;) of een komma (,).",
        ),
        (
            b"GM9901;2026-03-24;wmo;Klacht\r\n",
            "De eerste regel moet de kopregel zijn, met kolomnamen zoals gemeente, ontvangen_op, "
            "domein en omschrijving.",
        ),
        (
            ";".join(HEADER).encode() + b"\r\n;;;;;;;;;;\r\n",
            "Het bestand heeft een kopregel, maar geen klachten.",
        ),
    ],
)
def test_a_file_without_usable_content_is_refused_as_a_whole(content: bytes, message: str) -> None:
    assert refusal(content) == [message]


def test_unknown_and_missing_columns_are_each_named() -> None:
    header = [c for c in HEADER if c not in ("omschrijving", "email", "telefoon")] + ["adres"]
    assert refusal(csv_bytes([row()], header=header)) == [
        "Onbekende kolom: adres. Gebruik alleen de kolommen uit de uitleg.",
        "De kolom omschrijving ontbreekt.",
        "De kolommen email en telefoon ontbreken allebei. Voeg er minstens één toe: van wie een "
        "klacht indient, moet bekend zijn hoe u hem bereikt.",
    ]


def test_a_column_twice_is_refused() -> None:
    assert refusal(csv_bytes([row()], header=[*HEADER, "Email"])) == [
        "De kolom email staat meer dan één keer in de kopregel."
    ]


def test_optional_columns_may_be_left_out() -> None:
    header = ["gemeente", "ontvangen_op", "domein", "omschrijving", "naam", "telefoon"]
    table = read_table(csv_bytes([row()], header=header))
    assert set(table.rows[0].values) == set(header)


def test_a_row_with_too_many_or_too_few_values_is_reported_by_its_row_number() -> None:
    content = csv_bytes([row(1), row(2), row(3)])
    lines = content.decode().split("\r\n")
    lines[2] = lines[2].replace("Klacht 2.", "Klacht 2; met een puntkomma.")
    lines[3] = lines[3].rsplit(";", 3)[0]
    table = read_table("\r\n".join(lines).encode())

    assert [r.number for r in table.rows] == [2]
    assert [p.text() for p in table.problems] == [
        "Rij 3: Deze rij heeft 12 waarden, maar de kopregel heeft 11 kolommen. Staat er een ; of "
        ', in een tekst zonder aanhalingstekens (")?',
        "Rij 4: Deze rij heeft 8 waarden, maar de kopregel heeft 11 kolommen. Staat er een ; of "
        ', in een tekst zonder aanhalingstekens (")?',
    ]


def test_empty_rows_and_trailing_separators_are_skipped_but_keep_the_numbering() -> None:
    content = csv_bytes([row(1)]) + b";;;;;;;;;;\r\n\r\n" + csv_bytes([row(2)]).split(b"\r\n", 1)[1]
    table = read_table(content)
    assert [r.number for r in table.rows] == [2, 5]


def test_too_many_rows_or_bytes_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_format, "MAX_ROWS", 2)
    assert refusal(csv_bytes([row(1), row(2), row(3)])) == [
        "Het bestand heeft meer dan 2 rijen met klachten. Verdeel ze over meer bestanden."
    ]
    monkeypatch.setattr(csv_format, "MAX_BYTES", 100)
    assert refusal(csv_bytes([row(1)])) == [
        "Het bestand is groter dan 10 MB. Verdeel de klachten over meer bestanden."
    ]


def test_a_broken_quote_is_refused_with_its_line_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(csv_format, "MAX_BYTES", 10**9)
    huge = "x" * 200_000  # beyond what the csv module reads in one value
    [message] = refusal(csv_bytes([row(1, omschrijving=huge)]))
    assert message.startswith("Regel ")
    assert "aanhalingsteken" in message
