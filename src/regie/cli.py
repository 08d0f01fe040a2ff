"""The `regie` command.

regie demo [--port N]            migrate, seed the demo world, serve on 127.0.0.1
regie migrate                     prepare an empty database (or bring it up to date)
regie serve [--port N] [--host H] [--workers N] [--threads N]
                                  the production server (gunicorn, several workers)
regie token create --organisation GM9901|het-anker
regie token revoke <sleutel of de eerste 8 tekens>
regie deadline --regime R --start YYYY-MM-DD [--committee] [--extended] [--crisis]
regie tick                        run due background work once (for cron)
regie import-complaints --organisation SLUG FILE [--dry-run]
                                  a provider's or GR's own complaints from a CSV file
regie report annual|quarterly --municipality CODE --period 2025|2025-Q3
             --format pdf|html|ods|csv|opendata --output PATH
                                              the annual or quarterly report
regie retention [--dry-run] [--as-of YYYY-MM-DD] [--municipality CODE]
                                  cases past their retention term: listed or anonymised
regie triage < TEXT              suggested domain, kind and urgency as JSON
regie triage train [--from FILE]  retrain triage from confirmed cases (or a JSONL file)
regie triage evaluate FILE.jsonl  accuracy, precision/recall and confusion on a labelled file
regie generate --cases N [--municipalities M] [--seed S] [--years Y]
                                  a large register in bulk, for benchmarks (PostgreSQL)
regie manage <django command…>   any Django management command
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from regie.imports.models import ImportBatch


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
    import django

    django.setup()


def _cmd_token(args: argparse.Namespace) -> int:
    _setup_django()
    from regie.accounts.tokens import UnknownOrganisation, api_client_create

    try:
        _client, raw = api_client_create(organisation=args.organisation, name=args.name or "")
    except UnknownOrganisation:
        print(
            f"regie token: onbekende organisatie {args.organisation!r} "
            "(gebruik een gemeentecode zoals GM9901 of een slug zoals het-anker)",
            file=sys.stderr,
        )
        return 2
    print(raw)
    return 0


def _cmd_token_revoke(args: argparse.Namespace) -> int:
    _setup_django()
    from regie.accounts.tokens import TokenNotFound, api_client_revoke

    try:
        client = api_client_revoke(args.token)
    except TokenNotFound:
        print(
            "regie token revoke: geen actieve sleutel gevonden die hierbij past (geef de hele "
            "sleutel of de eerste 8 tekens; bij twee sleutels met dezelfde 8 tekens: de hele)",
            file=sys.stderr,
        )
        return 2
    print(f"Ingetrokken: {client}. De API weigert deze sleutel vanaf het volgende verzoek.")
    return 0


def _cmd_tick(args: argparse.Namespace) -> int:
    _setup_django()
    from regie.tick import run_due_work

    report = run_due_work()
    print(report)
    return 0


def _cmd_decree_day(args: argparse.Namespace) -> int:
    """Days equated with a holiday by royal decree (Atw art. 3) are data: an administrator
    adds a new one when the decree is published, and every new deadline counts with it."""
    import datetime as dt

    _setup_django()
    from regie.accounts.administration import administration_for_command_line
    from regie.deadlines import KNOWN_DECREE_DAYS
    from regie.directory import services
    from regie.directory.models import EquatedDay

    if args.decree_command == "list":
        extra = {d.day: d.decree for d in EquatedDay.objects.all()}
        for day in sorted(set(KNOWN_DECREE_DAYS) | set(extra)):
            source = extra.get(day, "ingebouwd (regie.deadlines.decrees)")
            print(f"{day.isoformat()}  {source}")
        return 0
    try:
        day = dt.date.fromisoformat(args.day)
    except ValueError:
        print(
            f"regie decree-day: geen geldige datum: {args.day!r} (gebruik JJJJ-MM-DD)",
            file=sys.stderr,
        )
        return 2
    # Adding a day twice is no error here: a script may run the same command again.
    if services.equated_day_known(day):
        print(f"{day} staat er al in")
        return 0
    try:
        # The same write path as Beheer: the same checks, and a row in the change history.
        services.equated_day_add(day=day, decree=args.decree, by=administration_for_command_line())
    except services.DirectoryError as exc:
        print(f"regie decree-day: {day}: {' '.join(exc.errors.values())}", file=sys.stderr)
        return 2
    print(f"{day} toegevoegd: nieuwe termijnen tellen deze dag niet meer als werkdag")
    return 0


def _cmd_import_complaints(args: argparse.Namespace) -> int:
    """The portal's bulk upload in the foreground: the same checks and report, all rows
    written or none. Exit 2 with one line on stderr when nothing was written."""
    _setup_django()
    from regie.cases.services import PermissionRefused
    from regie.directory.selectors import organisation_by_slug
    from regie.imports import services
    from regie.imports.report import FileRefused

    command = "regie import-complaints"
    organisation = organisation_by_slug(args.organisation)
    if organisation is None:
        print(
            f"{command}: onbekende organisatie {args.organisation!r} "
            "(gebruik een slug zoals het-anker)",
            file=sys.stderr,
        )
        return 2
    path = Path(args.file)
    try:
        content = path.read_bytes()
    except OSError as exc:
        print(f"{command}: {path}: niet te lezen ({exc.strerror})", file=sys.stderr)
        return 2
    try:
        batch = services.batch_upload(
            scope=services.command_line_scope(organisation),
            organisation=organisation,
            file_name=path.name,
            content=content,
            dry_run=args.dry_run,
            claim=True,
        )
    except PermissionRefused:
        print(
            f"{command}: {organisation.name} is geen aanbieder of GR; alleen die leggen zo "
            "hun eigen klachten vast",
            file=sys.stderr,
        )
        return 2
    except FileRefused as refused:
        print(f"{command}: {path}: {' '.join(p.text() for p in refused.problems)}", file=sys.stderr)
        return 2
    bar = _ProgressBar(sys.stderr)
    batch = services.batch_process(batch, on_progress=bar.show)
    bar.close()
    return _import_outcome(command, path, batch)


def _import_outcome(command: str, path: Path, batch: ImportBatch) -> int:
    from regie.imports.models import ImportBatch
    from regie.limits import dutch_number

    rows = dutch_number(batch.rows_total)
    if batch.state == ImportBatch.State.DONE and batch.dry_run:
        print(f"Proefrun: alle {rows} rijen zijn in orde. Er is niets opgeslagen.")
        return 0
    if batch.state == ImportBatch.State.DONE:
        print(f"{dutch_number(batch.rows_written)} klachten opgeslagen.")
        return 0
    problems = batch.problems
    for problem in problems:
        print(problem.text())
    if batch.problem_count > len(problems):
        print(f"… en nog {dutch_number(batch.problem_count - len(problems))} problemen.")
    if batch.state == ImportBatch.State.FAILED:
        print(
            f"{command}: {path}: de verwerking is mislukt; er is niets opgeslagen", file=sys.stderr
        )
        return 1
    what = (
        f"{dutch_number(batch.rows_refused)} van {rows} rijen hebben problemen"
        if batch.rows_refused
        else problems[0].message.rstrip(".")
    )
    print(f"{command}: {path}: {what}; er is niets opgeslagen", file=sys.stderr)
    return 2


class _ProgressBar:
    """A bar on stderr that redraws itself in place; on a pipe or in a log it stays silent."""

    WIDTH = 30
    LABELS = {"controleren": "Controleren", "opslaan": "Opslaan"}

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.drawn = False

    def show(self, phase: str, done: int, total: int) -> None:
        if not self.live or not total:
            return
        filled = self.WIDTH * done // total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        label = self.LABELS.get(phase, phase)
        self.stream.write(f"\r{label:<12}[{bar}] {done} van {total} rijen")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")


def _cmd_report(args: argparse.Namespace) -> int:
    """`regie report <kind>`: the annual or quarterly report of one municipality, as the
    system (every municipality's figures), with small numbers hidden as on the site. Exit 2
    with one Dutch line on stderr for a bad period, municipality, format or output path."""
    _setup_django()
    from regie.cases.aggregates import AggregateScope, Period
    from regie.directory.models import Municipality
    from regie.reporting.annual import KINDS, build_report
    from regie.reporting.render import FORMATS, render

    command = "regie report"
    if args.kind not in KINDS:
        print(
            f"{command}: onbekende soort {args.kind!r} (kies annual of quarterly)", file=sys.stderr
        )
        return 2
    if args.format not in FORMATS:
        print(
            f"{command}: onbekend formaat {args.format!r} (kies pdf, html, ods, csv of opendata)",
            file=sys.stderr,
        )
        return 2
    try:
        period = Period.parse(args.period)
    except ValueError as error:
        print(f"{command}: {error}", file=sys.stderr)
        return 2
    municipality = Municipality.objects.filter(code=args.municipality.strip().upper()).first()
    if municipality is None:
        print(
            f"{command}: onbekende gemeente {args.municipality!r} "
            "(gebruik een gemeentecode zoals GM9901)",
            file=sys.stderr,
        )
        return 2
    bar = _ReportProgress(sys.stderr)
    report = build_report(
        args.kind, AggregateScope(everything=True), municipality, period, on_progress=bar.show
    )
    content = render(report, args.format)
    bar.close()
    output = Path(args.output)
    try:
        output.write_bytes(content)
    except OSError as exc:
        print(f"{command}: {output}: niet te schrijven ({exc.strerror})", file=sys.stderr)
        return 2
    _export_record(f"{report.file_stem}.{args.format}", command, municipality.pk)
    print(f"{report.title} van {municipality.name} geschreven naar {output}.")
    return 0


def _export_record(subject: str, command: str, municipality_id: int) -> None:
    """One export at the command line, one audit record: the system as actor (named after the
    operating-system account that ran it), no address."""
    import getpass

    from regie.accounts.scope import Scope
    from regie.privacy.services import download_record

    try:
        account = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        account = "onbekend"
    download_record(
        subject=subject,
        scope=Scope(actor_label=f"Opdrachtregel ({account})"),
        purpose=command,
        municipality_id=municipality_id,
    )


class _ReportProgress(_ProgressBar):
    """The import's bar, counting the report's parts instead of rows."""

    def show(self, phase: str, done: int, total: int) -> None:
        if not self.live or not total:
            return
        filled = self.WIDTH * done // total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.stream.write(f"\rVerslag     [{bar}] {done} van {total} onderdelen")
        self.stream.flush()
        self.drawn = True


def _cmd_triage(args: argparse.Namespace) -> int:
    """`regie triage`: one text on stdin, the suggestion as JSON on stdout."""
    import dataclasses
    import json

    from regie.triage import suggest

    if getattr(args, "triage_command", None) == "train":
        return _cmd_triage_train(args)
    if getattr(args, "triage_command", None) == "evaluate":
        return _cmd_triage_evaluate(args)
    text = sys.stdin.read()
    if not text.strip():
        print("regie triage: geen tekst op standaardinvoer", file=sys.stderr)
        return 2
    suggestion = suggest(text)
    out = dataclasses.asdict(suggestion)
    out["sure"] = suggestion.sure
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


def _cmd_triage_train(args: argparse.Namespace) -> int:
    """Retrain from the register's confirmed cases, or from a labelled JSONL file."""
    from regie.triage import model as learned
    from regie.triage.evaluate import LabelledFileError, read_labelled

    command = "regie triage train"
    if args.source:
        try:
            examples: list[tuple[str, str, str, bool]] = list(read_labelled(Path(args.source)))
        except LabelledFileError as exc:
            print(f"{command}: {exc}", file=sys.stderr)
            return 2
        origin = f"het bestand {args.source}"
    else:
        _setup_django()
        from regie.cases.triage_data import training_examples
        from regie.triage.seed import seed_examples

        own = list(training_examples())
        # The municipality's own cases, with the examples Regie ships with: a small register
        # alone would teach the model less than the seed already knows.
        examples = own + list(seed_examples())
        origin = (
            f"bevestigde en afgehandelde zaken in het register ({len(own)}) "
            "en de meegeleverde voorbeelden"
        )
    try:
        fitted = learned.train(examples)
    except learned.TooFewExamples as exc:
        print(f"{command}: {len(examples)} voorbeelden uit {origin}: {exc}", file=sys.stderr)
        return 2
    path = Path(args.output) if args.output else learned.default_path()
    learned.save(fitted, path)
    print(f"{command}: model geleerd van {fitted.cases} voorbeelden uit {origin}")
    print(f"opgeslagen in {path}")
    if not fitted.usable:
        print(
            f"let op: onder {learned.MIN_CASES} voorbeelden gebruikt triage dit model nog niet, "
            "maar het meegeleverde startmodel"
        )
    return 0


def _cmd_triage_evaluate(args: argparse.Namespace) -> int:
    import json

    from regie.triage import suggest
    from regie.triage.evaluate import LabelledFileError, evaluate, read_labelled, render

    try:
        examples = read_labelled(Path(args.file))
    except LabelledFileError as exc:
        print(f"regie triage evaluate: {exc}", file=sys.stderr)
        return 2
    from regie.triage.seed import is_seed_file

    if is_seed_file(Path(args.file)):
        print(
            "let op: het startmodel is op dit bestand getraind; de cijfers zijn te mooi. "
            "Eerlijke cijfers geven holdout.jsonl en holdout2.jsonl.",
            file=sys.stderr,
        )
    result = evaluate(examples, suggest)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(render(result, show_misses=args.misses))
    return 0


def _cmd_retention(args: argparse.Namespace) -> int:
    """`regie retention`: the cases past their retention term, one line each (reference, rule,
    term, closed on); without --dry-run they are anonymised and logged. Exit 2 with one Dutch
    line on stderr for a bad date or municipality."""
    _setup_django()
    import datetime as dt

    from django.utils import timezone

    from regie.directory.models import Municipality
    from regie.privacy.retention import retention_run

    command = "regie retention"
    today = timezone.localdate()
    as_of = today
    if args.as_of:
        try:
            as_of = dt.date.fromisoformat(args.as_of)
        except ValueError:
            print(f"{command}: {args.as_of!r} is geen datum (gebruik JJJJ-MM-DD)", file=sys.stderr)
            return 2
    # Destroying "as of" a later day would destroy before the term has passed.
    if as_of > today and not args.dry_run:
        print(f"{command}: een datum in de toekomst kan alleen met --dry-run", file=sys.stderr)
        return 2
    municipality_id = None
    if args.municipality:
        municipality = Municipality.objects.filter(code=args.municipality.strip().upper()).first()
        if municipality is None:
            print(
                f"{command}: onbekende gemeente {args.municipality!r} "
                "(gebruik een gemeentecode zoals GM9901)",
                file=sys.stderr,
            )
            return 2
        municipality_id = municipality.pk
    # The end of the day asked about (Dutch time); today: this moment.
    now = (
        timezone.now()
        if as_of == today
        else timezone.make_aware(dt.datetime.combine(as_of, dt.time(23, 59, 59)))
    )
    report = retention_run(
        now=now,
        dry_run=args.dry_run,
        municipality_id=municipality_id,
        by="opdrachtregel (regie retention)",
    )
    for item in report.cases:
        closed = timezone.localtime(item.closed_at).date().isoformat()
        print(f"{item.reference}\t{item.term.rule}\t{item.term.years} jaar\tgesloten {closed}")
    if args.dry_run:
        print(f"{report.count} zaken zouden worden geanonimiseerd (proef: niets veranderd).")
    else:
        print(f"{report.count} zaken geanonimiseerd en vastgelegd in het vernietigingslog.")
    return 0


class _GenerateProgress:
    """`regie generate`'s bar on stderr, drawn only on a terminal."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.drawn = False

    def show(self, phase: str, done: int, total: int) -> None:
        if not self.live or not total:
            return
        filled = self.WIDTH * done // total
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.stream.write(f"\rZaken       [{bar}] {done:,} van {total:,}".replace(",", "."))
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")


def _cmd_generate(args: argparse.Namespace) -> int:
    """`regie generate --cases N`: a large register in bulk (PostgreSQL only); exit 2 with one
    Dutch line on stderr for SQLite, an empty database or a bad number."""
    _setup_django()
    from regie.generate import GenerateError, analyze, generate

    bar = _GenerateProgress(sys.stderr)
    try:
        result = generate(
            cases=args.cases,
            municipalities=args.municipalities,
            seed=args.seed,
            years=args.years,
            on_progress=bar.show,
        )
    except GenerateError as error:
        bar.close()
        print(f"regie generate: {error}", file=sys.stderr)
        return 2
    bar.close()
    analyze()
    rows = ", ".join(f"{name} {count}" for name, count in result.rows.items())
    print(
        f"{result.cases} zaken geschreven in {result.seconds:.1f} s "
        f"({result.rows_per_second:.0f} rijen per seconde; {rows})."
    )
    return 0


def _cmd_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["regie manage", *args.rest])
    return 0


def _planted_failure(text: str) -> object:
    from regie.demo.generator import PlantedFailure

    try:
        return PlantedFailure.parse(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text}: {error}") from None


def _cmd_demo(args: argparse.Namespace) -> int:
    from regie.demo.serve import run_demo

    return run_demo(port=args.port, seed_cases=not args.no_cases, plant_failure=args.plant_failure)


def _cmd_migrate(args: argparse.Namespace) -> int:
    from regie.serve import migrate

    print(migrate())
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from regie.envparse import ImproperEnvironment
    from regie.serve import ServerOptions, default_threads, default_workers, serve

    try:
        workers = args.workers or default_workers()
        threads = args.threads or default_threads()
    except ImproperEnvironment as exc:
        print(f"regie serve: {exc}", file=sys.stderr)
        return 2
    options = ServerOptions(host=args.host, port=args.port, workers=workers, threads=threads)
    return serve(options)


def _at_least_one(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"geen geheel getal: {text!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"moet minstens 1 zijn, niet {number}")
    return number


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `deadline` is pure Python and owns its argument parsing (exit code 2 on bad input).
    if argv[:1] == ["deadline"]:
        from regie.deadlines.cli import main as deadline_main

        return deadline_main(argv[1:])

    parser = argparse.ArgumentParser(
        prog="regie", description="Regie: het register voor het sociaal domein."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="start de demo op 127.0.0.1")
    demo.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8000))
    demo.add_argument("--no-cases", action="store_true", help="zonder voorbeeldzaken")
    demo.add_argument(
        "--plant-failure",
        type=_planted_failure,
        default=None,
        metavar="AANBIEDER:DATUM:DAGEN",
        help="plant een storing, bv. het-anker:2026-03-02:21 (leren van klachten)",
    )
    demo.set_defaults(func=_cmd_demo)

    migrate = sub.add_parser(
        "migrate", help="zet een lege database klaar of werk hem bij (zonder demogegevens)"
    )
    migrate.set_defaults(func=_cmd_migrate)

    serve = sub.add_parser(
        "serve",
        help="de productieserver (gunicorn, meerdere processen)",
        description="Start de productieserver. Achter een load balancer: --host 0.0.0.0.",
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="adres om op te luisteren (standaard 127.0.0.1; achter een load balancer 0.0.0.0)",
    )
    serve.add_argument(
        "--port",
        type=_at_least_one,
        default=int(os.environ.get("PORT") or 8000),
        help="poort (standaard PORT, anders 8000)",
    )
    serve.add_argument(
        "--workers",
        type=_at_least_one,
        default=None,
        help="aantal processen (standaard REGIE_WEB_WORKERS, anders 2 x cpu's + 1, hoogstens 8)",
    )
    serve.add_argument(
        "--threads",
        type=_at_least_one,
        default=None,
        help="threads per proces (standaard REGIE_WEB_THREADS, anders 4)",
    )
    serve.set_defaults(func=_cmd_serve)

    token = sub.add_parser("token", help="API-sleutels")
    token_sub = token.add_subparsers(dest="token_command", required=True)
    create = token_sub.add_parser("create", help="maak een nieuwe API-sleutel")
    create.add_argument(
        "--organisation", required=True, help="gemeentecode (GM9901) of slug (het-anker)"
    )
    create.add_argument("--name", default="")
    create.set_defaults(func=_cmd_token)
    revoke = token_sub.add_parser("revoke", help="trek een API-sleutel in")
    revoke.add_argument(
        "token",
        help="de sleutel, of de eerste 8 tekens ervan (begint die met een streepje, "
        "zet er dan -- voor: regie token revoke -- -Ab12…)",
    )
    revoke.set_defaults(func=_cmd_token_revoke)

    sub.add_parser("deadline", help="bereken een termijn (zie regie deadline --help)")

    decree = sub.add_parser("decree-day", help="dagen gelijkgesteld aan een feestdag (Atw)")
    decree_sub = decree.add_subparsers(dest="decree_command", required=True)
    add = decree_sub.add_parser("add", help="voeg een dag toe")
    add.add_argument("day", help="JJJJ-MM-DD")
    add.add_argument("--decree", required=True, help="het besluit, bijvoorbeeld Stb. 2029, 123")
    decree_sub.add_parser("list", help="toon alle gelijkgestelde dagen")
    decree.set_defaults(func=_cmd_decree_day)

    tick = sub.add_parser("tick", help="voer achtergrondwerk uit dat nu aan de beurt is")
    tick.set_defaults(func=_cmd_tick)

    imports = sub.add_parser(
        "import-complaints",
        help="eigen klachten van een aanbieder of GR uit een CSV-bestand: alles of niets",
    )
    imports.add_argument("--organisation", required=True, help="slug, zoals het-anker")
    imports.add_argument("--dry-run", action="store_true", help="alleen controleren")
    imports.add_argument("file", help="het CSV-bestand (het formaat: regie.imports.csv_format)")
    imports.set_defaults(func=_cmd_import_complaints)

    report = sub.add_parser(
        "report", help="maak het jaarverslag of de kwartaalrapportage van een gemeente"
    )
    report.add_argument("kind", help="annual (jaarverslag) of quarterly (kwartaalrapportage)")
    report.add_argument("--municipality", required=True, help="gemeentecode, zoals GM9901")
    report.add_argument("--period", required=True, help="een jaar (2025) of kwartaal (2025-Q3)")
    report.add_argument("--format", required=True, help="pdf, html, ods, csv of opendata")
    report.add_argument("--output", required=True, help="het bestand dat Regie schrijft")
    report.set_defaults(func=_cmd_report)

    triage = sub.add_parser(
        "triage",
        help="stel domein, soort en spoed voor bij een tekst op standaardinvoer (JSON)",
    )
    triage.set_defaults(func=_cmd_triage)
    triage_sub = triage.add_subparsers(dest="triage_command", required=False)
    train = triage_sub.add_parser(
        "train", help="leer opnieuw van bevestigde zaken (of van een JSONL-bestand met --from)"
    )
    train.add_argument(
        "--from", dest="source", metavar="FILE", help="een JSONL-bestand met gelabelde teksten"
    )
    train.add_argument(
        "--output", metavar="FILE", help="waar het model komt (standaard: REGIE_TRIAGE_MODEL)"
    )
    evaluate = triage_sub.add_parser(
        "evaluate", help="nauwkeurigheid op een gelabeld JSONL-bestand (text, domain, kind, urgent)"
    )
    evaluate.add_argument("file", help="het JSONL-bestand")
    evaluate.add_argument("--misses", action="store_true", help="toon ook de missers")
    evaluate.add_argument("--json", action="store_true", help="de cijfers als JSON")

    retention = sub.add_parser(
        "retention", help="zaken waarvan de bewaartermijn voorbij is: tonen of anonimiseren"
    )
    retention.add_argument(
        "--dry-run", action="store_true", help="toon alleen wat zou gaan; verander niets"
    )
    retention.add_argument("--as-of", metavar="JJJJ-MM-DD", help="kijk vanaf deze dag")
    retention.add_argument("--municipality", help="alleen deze gemeente, zoals GM9901")
    retention.set_defaults(func=_cmd_retention)

    generate = sub.add_parser(
        "generate", help="vul PostgreSQL met veel gegenereerde zaken (voor metingen)"
    )
    generate.add_argument("--cases", type=int, required=True, help="aantal zaken")
    generate.add_argument(
        "--municipalities", type=int, default=2, help="aantal gemeenten, de twee van de demo mee"
    )
    generate.add_argument("--seed", type=float, default=0.2026, help="tussen -1 en 1")
    generate.add_argument("--years", type=int, default=3, help="over hoeveel jaar terug")
    generate.set_defaults(func=_cmd_generate)

    manage = sub.add_parser("manage", help="een Django-beheeropdracht")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=_cmd_manage)

    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
