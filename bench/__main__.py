"""Run a benchmark (`make bench` runs them all and writes docs/benchmarks.md):

    python -m bench [intake] [--seconds S] [--clients K] [--warmup W] [--workers W]
                    [--threads T] [--rate R] [--rate-seconds S]
    python -m bench deadlines [--cases N] [--repeats R]
    python -m bench wegwijzer [--questions N]
    python -m bench all [--cases N] [--quick] [--table docs/benchmarks.md] [--json-dir var/bench]

Each takes `--json-out PATH` (the result protocol that `bench all` tabulates).

Every benchmark works in its own throw-away PostgreSQL database, dropped and recreated on each
run, so it never touches the dev or test databases.
"""

from __future__ import annotations

import argparse
import sys

from bench.pg import DEFAULT_URL as DEFAULT_PG_URL

BENCHMARKS = ("intake", "deadlines", "wegwijzer", "all")


def _database_name(value: str) -> str:
    # A typo must never point DROP DATABASE at the dev or test database.
    if not value.startswith("regie_bench"):
        raise argparse.ArgumentTypeError("must start with regie_bench: it is dropped every run")
    return value


def _common(parser: argparse.ArgumentParser, database: str) -> None:
    parser.add_argument(
        "--pg-url",
        default=DEFAULT_PG_URL,
        help=f"PostgreSQL server, without a database (default {DEFAULT_PG_URL})",
    )
    parser.add_argument(
        "--database",
        type=_database_name,
        default=database,
        help=f"database to DROP and recreate for this run (default {database})",
    )
    parser.add_argument("--json-out", metavar="PATH", help="also write the result as JSON here")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Regie benchmarks on a throw-away PostgreSQL database."
    )
    sub = parser.add_subparsers(dest="benchmark", required=True)

    intake = sub.add_parser("intake", help="accepted intakes per second vs raw INSERTs")
    intake.add_argument(
        "--seconds", type=float, default=10.0, help="length of each measurement (default 10)"
    )
    intake.add_argument(
        "--clients",
        type=int,
        default=8,
        help="concurrent HTTP clients and pgbench clients (default 8)",
    )
    intake.add_argument(
        "--workers", type=int, default=3, help="regie serve worker processes (default 3)"
    )
    intake.add_argument(
        "--threads", type=int, default=4, help="threads per worker process (default 4)"
    )
    intake.add_argument(
        "--rate", type=float, default=200.0, help="intakes per second of the fixed-load run"
    )
    intake.add_argument(
        "--rate-seconds",
        type=float,
        default=10.0,
        help="length of the fixed-load run (default 10; 0 skips it)",
    )
    intake.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379",
        help="Redis for Celery and the rate-limit cache, without a database number",
    )
    intake.add_argument(
        "--redis-dbs",
        default="11,12",
        help="Redis database numbers for Celery and the cache, emptied each run (default 11,12)",
    )
    intake.add_argument(
        "--warmup", type=float, default=2.0, help="unmeasured seconds before each HTTP run"
    )
    intake.add_argument(
        "--celery-nice",
        type=int,
        default=0,
        help="niceness of the Celery worker (default 0: the same priority as the web server)",
    )
    _common(intake, "regie_bench")

    deadlines = sub.add_parser("deadlines", help="worklist deadlines on a large register")
    deadlines.add_argument("--cases", type=int, default=100_000, help="default 100000")
    deadlines.add_argument("--repeats", type=int, default=5, help="default 5")
    # Its own database, so the two benchmarks can run side by side without dropping each
    # other's data.
    _common(deadlines, "regie_bench_deadlines")

    wegwijzer = sub.add_parser("wegwijzer", help="time per wegwijzer question vs raw SQL")
    wegwijzer.add_argument("--questions", type=int, default=300, help="default 300")
    _common(wegwijzer, "regie_bench_wegwijzer")

    every = sub.add_parser("all", help="every benchmark, one markdown table")
    every.add_argument(
        "--cases",
        type=int,
        default=10_000_000,
        help="register size for bench.scale (default 10000000; filled once, then reused)",
    )
    every.add_argument("--quick", action="store_true", help="small sizes (CI smoke test)")
    every.add_argument("--table", default="docs/benchmarks.md", help="markdown file to write")
    every.add_argument("--json-dir", default="var/bench", help="where each result JSON goes")
    every.add_argument(
        "--only", action="append", metavar="NAME", help="run only this benchmark (repeatable)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    # `python -m bench` alone, or with options only, is the intake benchmark.
    if not args_list or args_list[0] not in (*BENCHMARKS, "-h", "--help"):
        args_list.insert(0, "intake")
    parser = _parser()
    args = parser.parse_args(args_list)

    if args.benchmark == "deadlines":
        return _deadlines(parser, args)
    if args.benchmark == "wegwijzer":
        return _wegwijzer(parser, args)
    if args.benchmark == "all":
        return _all(parser, args)

    if not 0 < args.seconds <= 600:
        parser.error("--seconds must be in (0, 600]")
    if not 1 <= args.clients <= 64:
        parser.error("--clients must be between 1 and 64")
    if not 0 <= args.warmup <= 60:
        parser.error("--warmup must be in [0, 60]")
    if not 1 <= args.workers <= 32 or not 1 <= args.threads <= 64:
        parser.error("--workers must be in [1, 32] and --threads in [1, 64]")
    if not 1 <= args.rate <= 5000 or not 0 <= args.rate_seconds <= 600:
        parser.error("--rate must be in [1, 5000] and --rate-seconds in [0, 600]")
    if not 0 <= args.celery_nice <= 19:
        parser.error("--celery-nice must be in [0, 19]")
    try:
        broker_db, cache_db = (int(n) for n in args.redis_dbs.split(","))
    except ValueError:
        parser.error("--redis-dbs must be two numbers, such as 11,12")
    if broker_db == cache_db or not (0 < broker_db < 16 and 0 < cache_db < 16):
        # Database 0 is Celery's default, perhaps a real queue: it is emptied every run.
        parser.error("--redis-dbs must be two different numbers from 1 to 15")
    # Imported here: a benchmark's imports must not slow down or break another's start.
    from bench.intake import IntakeOptions, run_intake

    return run_intake(
        IntakeOptions(
            seconds=args.seconds,
            clients=args.clients,
            warmup=args.warmup,
            pg_url=args.pg_url,
            database=args.database,
            workers=args.workers,
            threads=args.threads,
            rate=args.rate,
            rate_seconds=args.rate_seconds,
            redis_url=args.redis_url.rstrip("/"),
            broker_db=broker_db,
            cache_db=cache_db,
            celery_nice=args.celery_nice,
            json_out=args.json_out,
        )
    )


def _all(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from pathlib import Path

    from bench.all import run_all

    if not 1 <= args.cases <= 100_000_000:
        parser.error("--cases must be in [1, 100000000]")
    return run_all(
        cases=args.cases,
        quick=args.quick,
        table=Path(args.table),
        json_dir=Path(args.json_dir),
        only=args.only,
    )


def _deadlines(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if not 1 <= args.cases <= 10_000_000 or not 1 <= args.repeats <= 1000:
        parser.error("--cases must be in [1, 10000000] and --repeats in [1, 1000]")
    try:
        from bench.deadlines import DeadlineOptions, run_deadlines
    except ImportError as exc:
        print(f"python -m bench deadlines: not available here ({exc})", file=sys.stderr)
        return 2
    return run_deadlines(
        DeadlineOptions(
            cases=args.cases,
            repeats=args.repeats,
            pg_url=args.pg_url,
            database=args.database,
            json_out=args.json_out,
        )
    )


def _wegwijzer(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if not 20 <= args.questions <= 100_000:
        parser.error("--questions must be in [20, 100000]")
    from bench.wegwijzer import WegwijzerOptions, run_wegwijzer

    return run_wegwijzer(
        WegwijzerOptions(
            questions=args.questions,
            pg_url=args.pg_url,
            database=args.database,
            json_out=args.json_out,
        )
    )


if __name__ == "__main__":
    sys.exit(main())
