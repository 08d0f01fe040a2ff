"""`python -m bench.bulk_import [--rows N]`: how long a provider's upload of N complaints
takes, on the demo world in a throw-away PostgreSQL database.

The file is uploaded (read and stored), then processed as the tick processes it: every row
checked with the intake's check, progress committed every 250 rows; then every row written
through `case_intake` in one transaction. The phases are timed apart, and so is the work that
follows the commit: one acknowledgement e-mail per resident with an address, handed to the
outbox's delivery (here Django's dummy mail backend, so the figure is Regie's side of it).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import sys
import time

from bench.machine import describe, regie_revision
from bench.pg import DEFAULT_URL, Server, recreate_database
from bench.processes import REPO
from regie.imports.csv_format import COLUMNS

DATABASE = "regie_bench_imports"


def progress(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


def complaints_file(rows: int, today: dt.date) -> bytes:
    """Varied like a real export: both municipalities, e-mail or phone only, some on behalf
    of someone, a few urgent, dates over the past year."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.name for column in COLUMNS])
    for n in range(1, rows + 1):
        # In the order of COLUMNS.
        writer.writerow(
            [
                "GM9901" if n % 3 else "GM9902",
                (today - dt.timedelta(days=n % 365)).isoformat(),
                "wmo",
                f"Hulp kwam niet ({n})",
                f"De huishoudelijke hulp kwam niet op de afgesproken dag. Klacht {n}. " * 3,
                f"Inwoner {n}",
                f"inwoner{n}@example.org" if n % 4 else "",
                "0612345678" if n % 2 == 0 or n % 4 == 0 else "",
                "Kees de Vries" if n % 10 == 0 else "",
                "zoon" if n % 10 == 0 else "",
                "spoed" if n % 50 == 0 else "",
            ]
        )
    return out.getvalue().encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.bulk_import")
    parser.add_argument("--rows", type=int, default=10_000, help="default 10000")
    parser.add_argument("--pg-url", default=DEFAULT_URL)
    args = parser.parse_args(argv)
    if not 1 <= args.rows <= 20_000:
        parser.error("--rows must be in [1, 20000] (the upload's own limit)")

    server = Server.from_url(args.pg_url)
    progress(f"recreating database {DATABASE}")
    recreate_database(server, DATABASE)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "regie.settings",
            "DATABASE_URL": server.django_url(DATABASE),
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        }
    )
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.utils import timezone

    from regie.accounts.scope import scope_for_user
    from regie.cases.models import Case
    from regie.demo.world import build_world
    from regie.directory.models import Organisation
    from regie.imports import services
    from regie.notifications.models import OutboundEmail

    progress("migrating and building the demo world")
    call_command("migrate", interactive=False, verbosity=0)
    build_world()
    content = complaints_file(args.rows, timezone.localdate())
    anker = User.objects.get(username="anker")

    progress(f"uploading and processing {args.rows} rows ({len(content) / 1e6:.1f} MB)")
    marks: dict[str, float] = {}
    start = time.perf_counter()
    batch = services.batch_upload(
        scope=scope_for_user(anker),
        organisation=Organisation.objects.get(slug="het-anker"),
        file_name="bench.csv",
        content=content,
        dry_run=False,
        uploaded_by=anker,
        claim=True,
    )
    marks["uploaded"] = time.perf_counter()

    def mark(phase: str, done: int, total: int) -> None:
        marks[phase] = time.perf_counter()

    batch = services.batch_process(batch, on_progress=mark)
    end = time.perf_counter()
    if batch.state != "klaar" or Case.objects.count() != args.rows:
        print(f"bench: the batch ended {batch.state}: {batch.report[:3]}", file=sys.stderr)
        return 1

    phases = [
        ("upload: read and store the file", marks["uploaded"] - start),
        ("check every row, progress committed", marks["controleren"] - marks["uploaded"]),
        ("write every row in one transaction", marks["opslaan"] - marks["controleren"]),
        ("commit, then acknowledgements to the outbox's delivery", end - marks["opslaan"]),
    ]
    mails = OutboundEmail.objects.filter(state=OutboundEmail.State.SENT).count()
    machine = describe()
    print(f"Bulk import of {args.rows:,} complaint rows on PostgreSQL")
    print(
        f"revision {regie_revision(REPO)}, {machine['cpu_model']}, {machine['nproc']} CPUs, "
        f"Python {machine['python']}, Django {machine['django']}"
    )
    for label, seconds in phases:
        print(f"  {label:<55} {seconds:7.2f} s")
    total = end - start
    print(f"  {'total':<55} {total:7.2f} s  ({args.rows / total:,.0f} rows/s)")
    print(f"  acknowledgements handed to the mail backend: {mails:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
