"""``regie deadline``: compute one due date and print it as JSON.

The project's ``regie`` command hands its ``deadline`` arguments to ``main``. Every failure is
one line on stderr and exit code 2, so scripts can rely on both.
"""

import argparse
import json
import re
import sys
from collections.abc import Sequence
from datetime import date, datetime
from typing import NoReturn

from regie.deadlines.due import compute_due
from regie.deadlines.regimes import REGIMES

PROG = "regie deadline"
EXIT_USAGE = 2

_PLAIN_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _UsageError(Exception):
    pass


class _OneLineParser(argparse.ArgumentParser):
    # argparse's own error() prints the multi-line usage and exits; we want one line and a
    # return code, so that the project CLI can call main() without catching SystemExit.
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def parse_start(text: str) -> date | datetime:
    """``YYYY-MM-DD``, or an ISO datetime with an offset (``Z`` or ``+01:00``)."""
    if _PLAIN_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a valid date: {text!r}") from None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected YYYY-MM-DD or an ISO datetime with offset, got {text!r}"
        ) from None
    if moment.utcoffset() is None:
        raise argparse.ArgumentTypeError(
            f"datetime {text!r} has no offset; add Z or +01:00 so the Dutch date is certain"
        )
    return moment


def build_parser() -> argparse.ArgumentParser:
    parser = _OneLineParser(
        prog=PROG,
        description="Compute a due date under the Algemene termijnenwet and print it as JSON.",
    )
    parser.add_argument(
        "--regime", required=True, help=f"one of: {', '.join(sorted(REGIMES))}", metavar="R"
    )
    parser.add_argument(
        "--start",
        required=True,
        type=parse_start,
        help="the day the term starts (YYYY-MM-DD) or an ISO datetime with offset",
        metavar="DATE",
    )
    parser.add_argument("--committee", action="store_true", help="an advisory committee is used")
    parser.add_argument("--extended", action="store_true", help="the term was postponed once")
    parser.add_argument("--crisis", action="store_true", help="urgent case (Wgs: 3 working days)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        result = compute_due(
            args.regime,
            args.start,
            committee=args.committee,
            extended=args.extended,
            crisis=args.crisis,
        )
    except SystemExit as stop:  # --help
        return stop.code if isinstance(stop.code, int) else 0
    except (_UsageError, ValueError, OverflowError) as error:
        # ValueError covers UnknownRegime, UnsupportedOption and dates out of range.
        message = " ".join(str(error).split())
        print(f"{PROG}: error: {message}", file=sys.stderr)
        return EXIT_USAGE
    print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    return 0
