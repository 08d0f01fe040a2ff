"""`regie import-complaints`: the portal's bulk upload in the foreground."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from regie.cases.models import Case
from regie.cli import main
from regie.imports.models import ImportBatch
from tests.imports.files import csv_bytes, row, rows

pytestmark = pytest.mark.django_db


def command(path: Path, *extra: str, organisation: str = "het-anker") -> int:
    return main(["import-complaints", "--organisation", organisation, *extra, str(path)])


def write(tmp_path: Path, content: bytes) -> Path:
    path = tmp_path / "klachten.csv"
    path.write_bytes(content)
    return path


def test_it_writes_a_valid_file_and_says_how_many(world: None, tmp_path: Path, capsys: Any) -> None:
    path = write(tmp_path, csv_bytes(rows(3)))

    assert command(path) == 0

    assert capsys.readouterr().out == "3 klachten opgeslagen.\n"
    assert Case.objects.filter(channel="aanbieder", about__slug="het-anker").count() == 3
    first = Case.objects.order_by("reference")[0]
    assert first.events.all()[0].actor_label == "Opdrachtregel (regie import-complaints)"
    batch = ImportBatch.objects.get()
    assert (batch.state, batch.uploaded_by, batch.rows_written) == ("klaar", None, 3)


def test_a_dry_run_writes_nothing(world: None, tmp_path: Path, capsys: Any) -> None:
    assert command(write(tmp_path, csv_bytes(rows(2))), "--dry-run") == 0

    out = capsys.readouterr().out
    assert out == "Proefrun: alle 2 rijen zijn in orde. Er is niets opgeslagen.\n"
    assert not Case.objects.exists()


def test_bad_rows_give_the_report_on_stdout_and_one_line_on_stderr(
    world: None, tmp_path: Path, capsys: Any
) -> None:
    path = write(tmp_path, csv_bytes([row(1), row(2, email="anna@")]))

    assert command(path) == 2

    out, err = capsys.readouterr()
    assert out == (
        "Rij 3, kolom email: Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.\n"
    )
    assert err == (
        f"regie import-complaints: {path}: 1 van 2 rijen hebben problemen; er is niets opgeslagen\n"
    )
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("content", "organisation", "message"),
    [
        (b"\xff\xfeg\x00", "het-anker", "niet opgeslagen als UTF-8"),
        (b"gemeente;omschrijving\r\n", "het-anker", "De kolom ontvangen_op ontbreekt."),
        (b"", "het-anker", "Het bestand is leeg."),
        (b"-", "bestaat-niet", "onbekende organisatie 'bestaat-niet'"),
        (b"-", "akj", "is geen aanbieder of GR"),
    ],
)
def test_a_bad_file_or_organisation_exits_2_with_one_line(
    world: None, tmp_path: Path, capsys: Any, content: bytes, organisation: str, message: str
) -> None:
    assert command(write(tmp_path, content), organisation=organisation) == 2

    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("regie import-complaints: ")
    assert message in err
    assert not ImportBatch.objects.exists()


def test_a_missing_file_exits_2_with_one_line(world: None, tmp_path: Path, capsys: Any) -> None:
    assert command(tmp_path / "bestaat-niet.csv") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "niet te lezen (No such file or directory)" in err
