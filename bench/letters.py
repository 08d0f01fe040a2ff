"""`python -m bench.letters [--letters N]`: what a letter and an ombudsman dossier cost, on the
demo world in a throw-away PostgreSQL database.

`letter_send` renders the PDF/A while it holds the case's row lock (the letter and its event
are one change). The figure that matters is how much longer the whole write path takes than
rendering the same letter's PDF/A on its own: that is the price of the lock, the template,
the queries and the event. Measured as a ratio in the same run, so the machine's speed
cancels out. The dossier of a case with a long timeline is timed the same way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time

from bench.machine import describe, regie_revision
from bench.pg import DEFAULT_URL, Server, recreate_database
from bench.processes import REPO

DATABASE = "regie_bench_letters"


def progress(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.letters")
    parser.add_argument("--letters", type=int, default=40, help="default 40")
    parser.add_argument("--pg-url", default=DEFAULT_URL)
    args = parser.parse_args(argv)
    if not 1 <= args.letters <= 1_000:
        parser.error("--letters must be in [1, 1000]")

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

    from regie.accounts.scope import scope_for_public_web, scope_for_user
    from regie.cases import services
    from regie.cases.models import Case
    from regie.demo.world import build_world
    from regie.directory.models import Municipality
    from regie.documents import dossier, pdf, rendering
    from regie.documents import services as letters

    progress("migrating and building the demo world")
    call_command("migrate", interactive=False, verbosity=0)
    build_world()
    staff = scope_for_user(User.objects.get(username="behandelaar"))
    municipality = Municipality.objects.get(code="GM9901")

    def judged_complaint(n: int) -> Case:
        """A letter complaint (name and postal address), heard and judged on three elements."""
        case = services.case_intake(
            scope=scope_for_public_web(),
            request=services.IntakeRequest(
                municipality=municipality,
                kind="klacht",
                channel="brief",
                description=f"Mijn traplift is al weken kapot en niemand belt terug ({n}).",
                submitter=services.Person(
                    name=f"Inwoner {n}",
                    address=services.Address(
                        street="Dorpsstraat", house_number=str(n), postcode="1234 AB", city="Aa"
                    ),
                ),
                received_at=timezone.now() - dt.timedelta(days=14),
            ),
        ).case
        services.case_move(case=case, scope=staff, to="formeel", reason="Formeel.")
        services.case_skip_hearing(
            case=case, scope=staff, ground="afgezien", explanation="Wil niet gehoord worden."
        )
        for i in range(20):  # a long timeline, for the dossier
            services.case_add_note(case=case, scope=staff, text=f"Gebeld ({i}).", shareable=True)
        element = {
            "judgement": "gegrond",
            "norm": "voortvarendheid",
            "reasons": "Drie keer niet teruggebeld. " * 5,
            "measures": "Wij bellen voortaan binnen twee dagen.",
        }
        return services.case_conclude(
            case=case,
            scope=staff,
            outcome="gegrond",
            summary="Gegrond.",
            judgements=[{**element, "element": f"Onderdeel {k}"} for k in range(3)],
        )

    progress(f"preparing {args.letters} judged complaints")
    cases = [judged_complaint(n) for n in range(args.letters)]

    # Warm up fonts and templates, so neither side pays for the first render.
    rendering_html = rendering.letter_html(
        rendering.letter_text(cases[0], "conclusie", timezone.now())
    )
    pdf.render_pdf(rendering_html)

    progress("rendering alone, then the whole write path, interleaved")
    alone: list[float] = []
    whole: list[float] = []
    for case in cases:
        html = rendering.letter_html(rendering.letter_text(case, "conclusie", timezone.now()))
        start = time.perf_counter()
        pdf.render_pdf(html)
        alone.append(time.perf_counter() - start)
        start = time.perf_counter()
        letters.letter_send(case=case, scope=staff, kind="conclusie")
        whole.append(time.perf_counter() - start)

    progress("dossiers")
    dossier_html_only: list[float] = []
    dossier_whole: list[float] = []
    for case in cases[: min(10, len(cases))]:
        html = dossier.dossier_html(case)
        start = time.perf_counter()
        pdf.render_pdf(html)
        dossier_html_only.append(time.perf_counter() - start)
        start = time.perf_counter()
        dossier.dossier_pdf(case)
        dossier_whole.append(time.perf_counter() - start)

    machine = describe()
    print(f"Letters and dossiers on PostgreSQL ({args.letters} conclusion letters)")
    print(
        f"revision {regie_revision(REPO)}, {machine['cpu_model']}, {machine['nproc']} CPUs, "
        f"Python {machine['python']}, Django {machine['django']}"
    )
    for label, baseline, measured in (
        ("conclusion letter", alone, whole),
        ("ombudsman dossier (23+ events, 1 letter)", dossier_html_only, dossier_whole),
    ):
        base = statistics.median(baseline)
        full = statistics.median(measured)
        print(
            f"  {label:<42} PDF/A alone {base * 1000:6.0f} ms, whole {full * 1000:6.0f} ms "
            f"(median), ratio {full / base:4.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
