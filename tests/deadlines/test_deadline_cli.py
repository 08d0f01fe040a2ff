"""The contract of ``regie deadline``: one JSON object on stdout, or one line on stderr and
exit code 2."""

import json

import pytest

from regie.deadlines.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_it_prints_one_json_object_with_the_due_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--regime", "awb-klacht", "--start", "2026-03-24")
    assert code == 0
    assert err == ""
    result = json.loads(out)
    assert result["regime"] == "awb-klacht"
    assert result["start"] == "2026-03-24"
    assert result["nominal"] == "2026-05-05"
    assert result["due"] == "2026-05-06"
    assert isinstance(result["explanation"], list)
    assert all(isinstance(sentence, str) for sentence in result["explanation"])
    assert "Dat is Bevrijdingsdag." in result["explanation"]


def test_it_writes_dutch_characters_as_they_are(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--regime", "wgs-eerste-gesprek", "--start", "2026-04-30", "--crisis")
    assert "beëindiging" in out
    assert json.loads(out)["due"] == "2026-05-06"


@pytest.mark.parametrize(
    ("start", "day"),
    [
        ("2026-03-23T23:30:00Z", "2026-03-24"),
        ("2026-03-23T23:30:00+00:00", "2026-03-24"),
        ("2026-03-24T00:30:00+01:00", "2026-03-24"),
        ("2026-03-23T22:30:00-01:00", "2026-03-24"),
    ],
)
def test_it_accepts_a_datetime_with_an_offset_and_uses_the_dutch_date(
    capsys: pytest.CaptureFixture[str], start: str, day: str
) -> None:
    code, out, _ = run(capsys, "--regime", "awb-klacht", "--start", start)
    assert code == 0
    result = json.loads(out)
    assert result["start"] == day
    assert result["due"] == "2026-05-06"
    assert "dinsdag 24 maart 2026 om 00:30 uur (Nederlandse tijd)" in result["explanation"][0]


@pytest.mark.parametrize(
    ("flags", "due"),
    [
        (["--committee"], "2026-06-02"),
        (["--extended"], "2026-06-02"),
        (["--committee", "--extended"], "2026-06-30"),
    ],
)
def test_it_applies_the_options(
    capsys: pytest.CaptureFixture[str], flags: list[str], due: str
) -> None:
    code, out, _ = run(capsys, "--regime", "awb-klacht", "--start", "2026-03-24", *flags)
    assert code == 0
    assert json.loads(out)["due"] == due


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--regime", "klacht", "--start", "2026-03-24"], "unknown regime 'klacht'"),
        (["--regime", "awb-klacht", "--start", "24-03-2026"], "--start"),
        (["--regime", "awb-klacht", "--start", "2026-02-30"], "not a valid date"),
        (["--regime", "awb-klacht", "--start", "2026-03-23T23:30:00"], "no offset"),
        (["--regime", "awb-klacht", "--start", "2026-03-24", "--crisis"], "'crisis'"),
        (["--regime", "wkkgz", "--start", "2026-03-24", "--committee"], "'committee'"),
        (["--regime", "wgs-besluit", "--start", "2026-03-24", "--extended"], "no options"),
        (["--regime", "awb-klacht", "--start", "1900-03-24"], "1950"),
        (["--regime", "awb-klacht"], "required"),
        (["--regime", "awb-klacht", "--start", "2026-03-24", "--bogus"], "unrecognized"),
        ([], "required"),
    ],
)
def test_bad_input_gives_one_line_on_stderr_and_exit_code_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.endswith("\n")
    assert err.startswith("regie deadline: error: ")
    assert message in err


def test_help_exits_zero_and_names_the_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert out.startswith("usage: regie deadline")
