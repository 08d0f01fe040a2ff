"""`regie report`: each format is written as the system sees it (every municipality, small
numbers still hidden); bad input is refused in Dutch with exit code 2 and no file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from regie.cli import main
from tests.documents.support import pdf_text
from tests.reporting.support import demo_register

pytestmark = pytest.mark.django_db


def test_the_command_writes_every_format(world: None, tmp_path: Path, capsys: Any) -> None:
    demo_register()
    for kind in ("annual", "quarterly"):
        for fmt in ("pdf", "html", "ods", "csv"):
            output = tmp_path / f"{kind}.{fmt}"
            argv = ["report", kind, "--municipality", "GM9901", "--period", "2025"]
            assert main([*argv, "--format", fmt, "--output", str(output)]) == 0
            assert output.stat().st_size > 0
    out = capsys.readouterr().out
    assert "Jaarverslag klachten 2025 van Gemeente Aa en Zee geschreven naar" in out
    assert "Kwartaalrapportage" in out
    assert (tmp_path / "annual.pdf").read_bytes().startswith(b"%PDF-")
    assert "Per gemeente in de regio" in pdf_text((tmp_path / "annual.pdf").read_bytes())
    assert '<th scope="row">Gemeente Hooglanden</th>' in (tmp_path / "annual.html").read_text()
    assert (tmp_path / "quarterly.csv").read_text(encoding="utf-8-sig").startswith("onderdeel,")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--period": "2025-Q5"}, "Onbekende periode '2025-Q5'. Schrijf een jaar (2025)"),
        ({"--period": "vorig jaar"}, "Onbekende periode"),
        ({"--municipality": "GM0000"}, "onbekende gemeente 'GM0000'"),
        ({"--format": "docx"}, "onbekend formaat 'docx' (kies pdf, html, ods, csv of opendata)"),
        ({"kind": "maandelijks"}, "onbekende soort 'maandelijks' (kies annual of quarterly)"),
    ],
)
def test_bad_input_is_refused_in_dutch(
    world: None, tmp_path: Path, capsys: Any, change: dict[str, str], message: str
) -> None:
    options = {"--municipality": "GM9901", "--period": "2025", "--format": "csv"} | change
    output = tmp_path / "verslag"
    argv = ["report", change.get("kind", "annual"), "--output", str(output)]
    for name, value in options.items():
        if name != "kind":
            argv += [name, value]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.startswith("regie report: ")
    assert err.count("\n") == 1
    assert not output.exists()


def test_an_unwritable_output_is_refused(world: None, tmp_path: Path, capsys: Any) -> None:
    output = tmp_path / "bestaat-niet" / "verslag.csv"
    argv = ["report", "annual", "--municipality", "GM9901", "--period", "2025"]
    assert main([*argv, "--format", "csv", "--output", str(output)]) == 2
    assert "niet te schrijven" in capsys.readouterr().err
