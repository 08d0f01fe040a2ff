"""Open data: the annual report's figures of completed years for anyone, counts as numbers and
hidden ones empty and marked, never a running year."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from regie.cases.aggregates import AggregateScope, Period
from regie.directory.models import Municipality
from regie.reporting.annual import ANNUAL, build_report
from regie.reporting.render import figures
from tests.reporting.support import demo_register

pytestmark = pytest.mark.django_db


def rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def test_anyone_downloads_a_completed_years_figures(world: None, client: Client) -> None:
    demo_register()
    last_year = str(timezone.localdate().year - 1)
    index = client.get("/open-data")
    assert index.status_code == 200
    link = f"/open-data/GM9901/klachten-{last_year}.csv"
    assert link in index.content.decode()

    answer = client.get(link)
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/csv")
    found = rows(answer.content)
    report = build_report(
        ANNUAL,
        AggregateScope(everything=True),
        Municipality.objects.get(code="GM9901"),
        Period.parse(last_year),
    )
    expected = list(figures(report))
    assert len(found) == len(expected)
    for row, figure in zip(found, expected, strict=True):
        assert (row["gemeente"], row["periode"]) == ("GM9901", last_year)
        assert (row["tabel"], row["rij"], row["kolom"]) == (figure.table, figure.row, figure.column)
        if figure.cell.hidden:
            assert (row["aantal"], row["verborgen"]) == ("", "ja")
        else:
            assert (int(row["aantal"]), row["verborgen"]) == (figure.cell.value, "nee")
            assert int(row["aantal"]) >= int(row["drempel"])


@pytest.mark.parametrize(
    "path",
    [
        "/open-data/GM9901/klachten-{this_year}.csv",  # a running year changes every day
        "/open-data/GM9901/klachten-2014.csv",
        "/open-data/GM9901/klachten-abcd.csv",
        "/open-data/GM0000/klachten-{last_year}.csv",
    ],
)
def test_no_running_year_no_unknown_municipality(world: None, client: Client, path: str) -> None:
    year = timezone.localdate().year
    url = path.format(this_year=year, last_year=year - 1)
    assert client.get(url).status_code == 404


def test_the_cli_writes_open_data(world: None, tmp_path: Any) -> None:
    from regie.cli import main

    output = tmp_path / "open.csv"
    assert (
        main(
            [
                "report",
                "annual",
                "--municipality",
                "GM9901",
                "--period",
                "2025",
                "--format",
                "opendata",
                "--output",
                str(output),
            ]
        )
        == 0
    )
    found = rows(output.read_bytes())
    assert found
    assert set(found[0]) >= {"gemeente", "aantal", "verborgen", "drempel"}
