"""Reports made in the background (issue 10): asked for on the figures page, made by the tick
with its progress on the row, downloaded by the person who asked and by nobody else; bad input
gets Dutch answers and writes nothing; abandoned runs fail; old files are forgotten."""

from __future__ import annotations

import datetime as dt
import re
import socket
import time
from html import unescape
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from regie.accounts.models import Membership
from regie.accounts.scope import scope_for_public_web
from regie.cases import services
from regie.cases.aggregates import PERIOD_HELP, FiguresRefused, Period, aggregate_scope_for_user
from regie.directory.models import Municipality
from regie.reporting import runs
from regie.reporting.annual import build_report
from regie.reporting.models import ReportRun
from regie.reporting.render import render
from regie.tick import run_due_work
from regie.vocabulary import Role

pytestmark = pytest.mark.usefixtures("world")

ASK = "/bestuur/GM9901/verslagen"
State = ReportRun.State


def plant(count: int) -> None:
    """`count` complaints received now, so this year's report has figures to show."""
    for n in range(count):
        request = services.IntakeRequest(
            municipality=gm9901(),
            kind="klacht",
            channel="web",
            domain="wmo",
            subject=f"Vervoer te laat {n}",
            description="De taxi naar de dagbesteding kwam weer te laat.",
            submitter=services.Person(name=f"Inwoner {n}", email=f"inwoner{n}@example.nl"),
        )
        services.case_intake(scope=scope_for_public_web(), request=request)


def form(kind: str = "annual", period: str = "2025", fmt: str = "csv") -> dict[str, str]:
    return {"verslag-soort": kind, "verslag-periode": period, "verslag-formaat": fmt}


def user(username: str) -> User:
    return User.objects.get(username=username)


def gm9901() -> Municipality:
    return Municipality.objects.get(code="GM9901")


def ask(client: Client, **fields: str) -> ReportRun:
    response = client.post(ASK, form(**fields))
    assert response.status_code == 302, response.content.decode()
    run = ReportRun.objects.latest("pk")
    assert response["Location"] == f"/bestuur/GM9901/verslagen/{run.pk}"
    return run


def page_of(run: ReportRun) -> str:
    return f"/bestuur/GM9901/verslagen/{run.pk}"


def text(response: Any) -> str:
    return re.sub(r"\s+", " ", unescape(response.content.decode()))


def test_the_addresses() -> None:
    assert reverse("reporting:report_runs", kwargs={"municipality": "GM9901"}) == ASK
    assert (
        reverse("reporting:report_run_download", kwargs={"municipality": "GM9901", "pk": 7})
        == "/bestuur/GM9901/verslagen/7/download"
    )


def test_the_figures_page_offers_the_form(login: Any) -> None:
    page = text(login("wethouder").get("/bestuur"))
    assert "Verslag laten maken" in page
    assert 'name="verslag-periode"' in page
    assert "Kwartalen" in page  # the quarters are a group of their own in the select


def test_the_wethouder_asks_sees_progress_and_downloads_what_the_builder_makes(
    login: Any,
) -> None:
    plant(7)
    this_year = str(timezone.localdate().year)
    client = login("wethouder")
    run = ask(client, period=this_year)
    assert (run.state, run.kind, run.period, run.format) == (
        State.WAITING,
        "annual",
        this_year,
        "csv",
    )
    waiting = text(client.get(page_of(run)))
    assert "Regie begint er meestal binnen een minuut aan" in waiting
    assert "Vernieuwen" in waiting
    assert f'hx-get="{page_of(run)}/voortgang"' in waiting

    # The tick's own steps, read back from the row after each commit.
    seen: list[tuple[str, int, int]] = []

    def read_row(phase: str, done: int, total: int) -> None:
        row = ReportRun.objects.get(pk=run.pk)
        seen.append((row.state, row.steps_done, row.steps_total))

    claimed = runs.report_run_claim_next()
    assert claimed is not None
    assert claimed.pk == run.pk
    running = text(client.get(page_of(run)))
    assert "Regie is begonnen met het verslag" in running
    made = runs.report_run_make(claimed, on_progress=read_row)

    # An annual report has six parts, and writing the file is the seventh step.
    assert seen == [(State.RUNNING, n, 7) for n in range(1, 7)]
    assert (made.state, made.steps_done, made.steps_total) == (State.DONE, 7, 7)
    done = text(client.get(page_of(run)))
    assert "Het verslag is klaar." in done
    assert f"Jaarverslag klachten {this_year} downloaden (CSV," in done

    download = client.get(f"{page_of(run)}/download")
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download["Content-Disposition"] == (
        f'attachment; filename="klachtenjaarverslag-GM9901-{this_year}.csv"'
    )
    assert "no-store" in download["Cache-Control"]
    direct = build_report(
        "annual",
        aggregate_scope_for_user(user("wethouder")),
        gm9901(),
        Period.parse(this_year),
        as_of=timezone.localdate(),
    )
    assert download.content == render(direct, "csv")
    # The planted complaints, not only zeros.
    assert ",Ontvangen per soort,Klacht,Aantal,7\r\n" in download.content.decode("utf-8-sig")

    # The progress part asks htmx to load the finished page.
    finished = client.get(f"{page_of(run)}/voortgang")
    assert finished.status_code == 204
    assert finished["HX-Refresh"] == "true"


def test_the_progress_part_says_how_far_in_words_and_in_a_bar(login: Any) -> None:
    client = login("wethouder")
    run = ask(client, kind="quarterly", period="2025-Q3", fmt="pdf")
    ReportRun.objects.filter(pk=run.pk).update(state=State.RUNNING, steps_done=3, steps_total=5)
    part = text(client.get(f"{page_of(run)}/voortgang"))
    assert "3 van 5 onderdelen klaar." in part
    assert '<progress id="voortgang-balk" max="5" value="3"' in part
    ReportRun.objects.filter(pk=run.pk).update(steps_done=4)
    assert "Regie maakt nu het bestand." in text(client.get(f"{page_of(run)}/voortgang"))


def test_the_tick_makes_waiting_reports_and_counts_them(login: Any) -> None:
    client = login("raadslid")
    run = ask(client, kind="quarterly", period="2025-Q4", fmt="pdf")
    report = run_due_work()
    assert report.reports_made == 1
    assert "verslagen gemaakt: 1" in str(report)
    run.refresh_from_db()
    assert run.state == State.DONE
    assert run.file_name == "kwartaalrapportage-GM9901-2025-Q4.pdf"
    assert client.get(f"{page_of(run)}/download").content.startswith(b"%PDF-")
    assert run_due_work().reports_made == 0


@pytest.mark.parametrize("other", ["coordinator", "raadslid", "coordinator-hooglanden", "anker"])
def test_someone_else_gets_404_for_the_run(login: Any, other: str) -> None:
    run = ask(login("wethouder"))
    runs.report_runs_due()
    client = login(other)
    for address in (page_of(run), f"{page_of(run)}/voortgang", f"{page_of(run)}/download"):
        assert client.get(address).status_code == 404, (other, address)


def test_a_council_member_of_another_municipality_gets_404(login: Any) -> None:
    """Also under their own municipality's address: a run is found only with its own."""
    run = ask(login("wethouder"))
    runs.report_runs_due()
    elsewhere = User.objects.create_user("raadslid-hooglanden")
    Membership.objects.create(
        user=elsewhere, role=Role.RAAD, municipality=Municipality.objects.get(code="GM9902")
    )
    client = Client()
    client.force_login(elsewhere)
    assert client.get(page_of(run)).status_code == 404
    assert client.get(f"{page_of(run)}/download").status_code == 404
    assert client.get(f"/bestuur/GM9902/verslagen/{run.pk}/download").status_code == 404
    assert client.post(ASK, form()).status_code == 404
    assert client.get(f"/bestuur/GM9902/verslagen/{run.pk}").status_code == 404


def test_the_requester_who_lost_the_role_gets_nothing(login: Any) -> None:
    client = login("wethouder")
    made = ask(client)
    runs.report_runs_due()
    waiting = ask(client, fmt="ods")
    Membership.objects.filter(user__username="wethouder").delete()

    # Checked when it is made: the scope of now, not the one of when it was asked.
    runs.report_runs_due()
    waiting.refresh_from_db()
    assert waiting.state == State.FAILED
    assert waiting.error == runs.NOT_ALLOWED_MESSAGE
    assert waiting.content == b""
    # And again at the download.
    assert client.get(f"{page_of(made)}/download").status_code == 404
    assert client.get(page_of(made)).status_code == 404


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (form(kind="monthly"), "soort", "Kies een verslag uit de lijst."),
        (form(period="2025-Q5"), "periode", "Kies een periode uit de lijst."),
        (form(period=""), "periode", "Kies een periode."),
        (form(fmt="docx"), "formaat", "Kies een soort bestand uit de lijst."),
    ],
)
def test_bad_input_gets_a_dutch_answer_and_writes_nothing(
    login: Any, fields: dict[str, str], field: str, message: str
) -> None:
    response = login("wethouder").post(ASK, fields)
    assert response.status_code == 200
    page = text(response)
    assert "Er is 1 probleem" in page
    assert message in page
    assert f'id="id_verslag-{field}_error"' in response.content.decode()
    assert not ReportRun.objects.exists()


def test_the_service_refuses_what_the_form_would_not_offer() -> None:
    wethouder = user("wethouder")
    with pytest.raises(runs.ReportRunError) as refused:
        runs.report_run_request(
            user=wethouder, municipality=gm9901(), kind="monthly", period="2025-Q5", fmt="docx"
        )
    assert refused.value.errors == {
        "kind": "Kies het jaarverslag of de kwartaalrapportage.",
        "format": "Kies PDF, HTML, ODS of CSV.",
        "period": f"Deze periode kent Regie niet. {PERIOD_HELP}",
    }
    next_year = str(timezone.localdate().year + 1)
    with pytest.raises(runs.ReportRunError) as future:
        runs.report_run_request(
            user=wethouder, municipality=gm9901(), kind="annual", period=next_year, fmt="csv"
        )
    assert future.value.errors["period"].startswith("Deze periode is nog niet begonnen.")
    with pytest.raises(FiguresRefused):
        runs.report_run_request(
            user=user("behandelaar"), municipality=gm9901(), kind="annual", period="2025", fmt="csv"
        )
    assert not ReportRun.objects.exists()


def test_a_double_click_makes_one_run_and_the_queue_per_person_is_short(login: Any) -> None:
    client = login("wethouder")
    first = ask(client)
    assert ask(client) == first
    for fmt in ("pdf", "ods", "html"):
        ask(client, fmt=fmt)
    response = client.post(ASK, form(period="2024"))
    assert response.status_code == 200
    assert "U heeft al 4 verslagen die nog gemaakt worden." in text(response)
    assert ReportRun.objects.count() == 4


def test_an_abandoned_run_fails_and_says_so(login: Any) -> None:
    client = login("wethouder")
    run = ask(client)
    claimed = runs.report_run_claim_next()
    assert claimed is not None
    now = timezone.now()
    # The process that claimed it died: no heartbeat for longer than ABANDONED_AFTER.
    runs.report_runs_due(now=now + runs.ABANDONED_AFTER + dt.timedelta(minutes=1))
    run.refresh_from_db()
    assert run.state == State.FAILED
    assert run.error == runs.ABANDONED_MESSAGE
    page = text(client.get(page_of(run)))
    assert "Het verslag is niet gemaakt." in page
    assert runs.ABANDONED_MESSAGE in page

    # Its process, should it wake up, stores nothing over the failure.
    runs.report_run_make(claimed)
    run.refresh_from_db()
    assert (run.state, run.content) == (State.FAILED, b"")


def test_a_running_report_that_still_moves_is_left_alone(login: Any) -> None:
    run = ask(login("wethouder"))
    assert runs.report_run_claim_next() is not None
    runs.report_runs_fail_abandoned(now=timezone.now() + dt.timedelta(minutes=5))
    run.refresh_from_db()
    assert run.state == State.RUNNING


def test_the_file_is_forgotten_after_a_week(login: Any) -> None:
    client = login("wethouder")
    run = ask(client)
    runs.report_runs_due()
    run.refresh_from_db()
    assert run.content != b""
    runs.report_runs_due(now=timezone.now() + runs.KEEP_RESULT - dt.timedelta(minutes=1))
    run.refresh_from_db()
    assert run.forgotten_at is None

    later = timezone.now() + runs.KEEP_RESULT + dt.timedelta(minutes=1)
    runs.report_runs_due(now=later)
    run.refresh_from_db()
    assert (bytes(run.content), run.forgotten_at) == (b"", later)
    assert client.get(f"{page_of(run)}/download").status_code == 404
    assert "Dit bestand is niet meer bewaard" in text(client.get(page_of(run)))


def test_the_list_shows_only_the_persons_own_runs(login: Any) -> None:
    ask(login("wethouder"), kind="quarterly", period="2025-Q2")
    coordinator = login("coordinator")
    assert "U heeft nog geen verslagen laten maken." in text(coordinator.get(ASK))
    ask(coordinator)
    page = text(coordinator.get(ASK))
    assert "Jaarverslag klachten 2025" in page
    assert "Kwartaalrapportage 2025-Q2" not in page


def test_without_login_to_the_login_page() -> None:
    response = Client().get(ASK)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen")


def redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not redis_is_up(), reason="no Redis on 127.0.0.1:6379")
def test_with_celery_a_worker_makes_the_report_at_once(login: Any, settings: Any) -> None:
    from celery.contrib.testing.worker import start_worker

    from regie.celery import app

    settings.REGIE_DELIVERY = "celery"
    app.conf.broker_url = "redis://127.0.0.1:6379/15"
    settings.CELERY_BROKER_URL = app.conf.broker_url  # where the request sends its task
    app.conf.result_backend = None
    with start_worker(app, perform_ping_check=False, pool="solo", shutdown_timeout=10):
        run = ask(login("wethouder"))
        for _ in range(200):
            run.refresh_from_db()
            if not run.is_unfinished:
                break
            time.sleep(0.1)
    assert run.state == State.DONE


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_the_run_waits_for_the_tick(login: Any, settings: Any) -> None:
    from tests.conftest import free_port

    settings.REGIE_DELIVERY = "celery"
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens
    run = ask(login("wethouder"))
    assert run.state == State.WAITING
    assert run_due_work().reports_made == 1
    run.refresh_from_db()
    assert run.state == State.DONE
