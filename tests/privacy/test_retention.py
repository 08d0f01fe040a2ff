"""Retention (issue 11, LEGAL.md §6): past its term a closed case loses its personal data and
free text everywhere, the figures stay the same, a legal hold keeps a case whole, every
anonymised case is logged, and a dry run writes nothing. The clock is moved by passing `now`."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import ForeignKey, ManyToManyField, OneToOneField
from django.utils import timezone

from regie.cases import services
from regie.cases.aggregates import AggregateScope, Period
from regie.cases.models import (
    Attachment,
    Case,
    ComplaintJudgement,
    Escalation,
    Event,
    FollowUp,
    OmbudsmanReferral,
    TriageSuggestion,
)
from regie.cli import main
from regie.documents.models import Letter
from regie.learning.models import ReviewItem
from regie.notifications.models import OutboundEmail
from regie.privacy.models import AccessLog, Destruction
from regie.privacy.retention import (
    INVENTORY,
    MARKER,
    legal_hold_lift,
    legal_hold_set,
    retention_run,
)
from regie.privacy.retention_rules import add_years
from regie.reporting.annual import build_report
from regie.reporting.models import CaseStory
from regie.reporting.render import figures
from regie.tick import run_due_work
from tests.privacy.worlds import (
    DESCRIPTION,
    EMAIL,
    NAME,
    NOTE,
    PHONE,
    STREET,
    concluded,
    everything,
    intake,
    user,
)

pytestmark = pytest.mark.django_db

PERSONAL = (NAME, "Brouwer", EMAIL, PHONE, STREET, "Truus", "Kerkstraat 7a")


@pytest.fixture(autouse=True)
def _no_daily_marker() -> None:
    cache.clear()


def closed_at(case: Case) -> dt.datetime:
    """The closure moment the rules count from: the last thing that happened to the case."""
    return Event.objects.filter(case=case).latest("at", "pk").at


def texts_of(case: Case) -> str:
    """Every text Regie holds about the case, in one string to search."""
    case = Case.objects.get(pk=case.pk)
    parts: list[Any] = [
        [getattr(case, f.attname) for f in Case._meta.concrete_fields],
        list(Event.objects.filter(case=case).values_list("payload", flat=True)),
        list(ComplaintJudgement.objects.filter(case=case).values()),
        list(Escalation.objects.filter(case=case).values()),
        list(OmbudsmanReferral.objects.filter(case=case).values()),
        list(FollowUp.objects.filter(case=case).values()),
        list(Attachment.objects.filter(case=case).values("name")),
        list(TriageSuggestion.objects.filter(case=case).values()),
        list(Letter.objects.filter(case=case).values()),
        list(OutboundEmail.objects.filter(case=case).values()),
        list(AccessLog.objects.filter(case=case).values("reason")),
        list(ReviewItem.objects.filter(case=case).values("note")),
        list(CaseStory.objects.filter(case=case).values("text")),
    ]
    return repr(parts)


def report_figures(case: Case) -> list[Any]:
    municipality = case.municipality
    period = Period.parse(str(case.received_at.year))
    report = build_report("annual", AggregateScope(everything=True), municipality, period)
    return [(f.table, f.row, f.column, f.cell) for f in figures(report)]


def test_past_the_term_personal_data_and_free_text_go_figures_stay_and_it_is_logged(
    world: None, settings: Any
) -> None:
    # Nothing hidden as "< 5": the comparison below is of the real counts.
    settings.REGIE_SMALL_NUMBER = 1
    rich = everything(intake())  # a complaint that went to the ombudsman: 10 years
    on_hold = concluded(intake())
    withdrawn = services.case_withdraw(case=intake(), reason="Meneer Brouwer is verhuisd.")
    still_open = intake()
    legal_hold_set(user=user("privacy"), case=on_hold, reason="Rechtszaak van de vervoerder.")
    assert NAME in texts_of(rich)
    assert NOTE in texts_of(rich)
    before = report_figures(rich)
    assert sum(cell.value or 0 for *_, cell in before) >= 10
    now = add_years(closed_at(rich), 10) + dt.timedelta(days=1)

    # A dry run lists what would go and changes nothing.
    rich_texts = texts_of(rich)
    dry = retention_run(now=now, dry_run=True)
    assert {c.reference for c in dry.cases} == {rich.reference, withdrawn.reference}
    assert Destruction.objects.count() == 0
    assert texts_of(rich) == rich_texts
    assert Case.objects.get(pk=rich.pk).anonymised_at is None

    done = retention_run(now=now, dry_run=False)

    assert [c.reference for c in done.cases] == [c.reference for c in dry.cases]
    for gone in (rich, withdrawn):
        texts = texts_of(gone)
        for value in (
            *PERSONAL,
            DESCRIPTION,
            NOTE,
            "Taxi te laat",
            "in de kou",
            "met de pers",
            "2026.01234",
        ):
            assert value not in texts, (gone.reference, value)
        after = Case.objects.get(pk=gone.pk)
        assert after.anonymised_at == now
        assert after.status_token != gone.status_token
        assert after.description == MARKER
    # What the figures count stays.
    after = Case.objects.get(pk=rich.pk)
    for field in ("kind", "domain", "channel", "status", "outcome", "municipality_id",
                  "received_at", "concluded_at", "handling_team_id", "procedure"):  # fmt: skip
        assert getattr(after, field) == getattr(rich, field), field
    assert report_figures(rich) == before
    assert list(ComplaintJudgement.objects.filter(case=rich).values_list("judgement", "norm")) == [
        ("gegrond", "voortvarendheid")
    ]
    assert OmbudsmanReferral.objects.get(case=rich).judgement == "deels-gegrond"
    assert FollowUp.objects.get(case=rich).score == 4
    assert not Attachment.objects.filter(case=rich).exists()
    assert Letter.objects.get(case=rich).pdf in (b"", memoryview(b""))
    assert set(OutboundEmail.objects.filter(case=rich).values_list("to", flat=True)) == {""}
    assert CaseStory.objects.get(case=rich).text == MARKER  # a concept: never approved
    # The timeline keeps its shape and its codes; the status link no longer opens the case.
    events = list(Event.objects.filter(case=rich).order_by("at", "pk"))
    assert [e.type for e in events][:1] == ["ontvangen"]
    concluded_event = next(e for e in events if e.type == "afgehandeld")
    assert concluded_event.payload["outcome"] == "gegrond"
    assert concluded_event.payload["summary"] == MARKER
    assert next(e for e in events if e.type == "notitie").payload["text"] == MARKER
    assert not Case.objects.filter(status_token=rich.status_token).exists()

    # Untouched: the case on hold, the open case.
    for kept in (on_hold, still_open):
        assert NAME in texts_of(kept)
        assert Case.objects.get(pk=kept.pk).anonymised_at is None

    # Logged, without personal data.
    log = {d.case_reference: d for d in Destruction.objects.all()}
    assert set(log) == {rich.reference, withdrawn.reference}
    assert (log[rich.reference].rule, log[rich.reference].term_years) == ("klacht-ombudsman", 10)
    assert (log[withdrawn.reference].rule, log[withdrawn.reference].term_years) == (
        "niet-behandeld",
        1,
    )
    assert log[rich.reference].closed_at == closed_at(rich)
    assert log[rich.reference].removed["bijlagen"] == 1
    assert log[rich.reference].removed["brieven"] == 1
    assert NAME not in repr(list(Destruction.objects.values()))

    # A second run finds nothing more.
    assert retention_run(now=now, dry_run=False).count == 0
    assert Destruction.objects.count() == 2


def test_a_day_before_its_term_a_case_stays_and_a_day_after_it_goes(world: None) -> None:
    case = concluded(intake(domain="overig"))  # a handled complaint: 5 years
    expires = add_years(closed_at(case), 5)

    assert retention_run(now=expires - dt.timedelta(days=1), dry_run=False).count == 0
    assert Case.objects.get(pk=case.pk).submitter_name == NAME

    assert retention_run(now=expires + dt.timedelta(days=1), dry_run=False).count == 1
    assert Case.objects.get(pk=case.pk).submitter_name == ""


def test_a_help_request_in_youth_care_is_kept_twenty_years(world: None) -> None:
    case = concluded(intake(kind="hulpvraag", domain="jeugd"), outcome="afgerond", by="coordinator")
    expires = add_years(closed_at(case), 20)
    assert retention_run(now=expires - dt.timedelta(days=1), dry_run=True).count == 0
    [found] = retention_run(now=expires + dt.timedelta(days=1), dry_run=True).cases
    assert (found.term.rule, found.term.years) == ("jeugd", 20)


def test_only_the_privacy_officer_sets_or_lifts_a_hold_and_the_audit_log_says_why(
    world: None,
) -> None:
    case = concluded(intake())
    for refused in ("coordinator", "behandelaar", "wethouder"):
        with pytest.raises(services.PermissionRefused):
            legal_hold_set(user=user(refused), case=case, reason="Waarom niet.")
    with pytest.raises(services.CaseError) as error:
        legal_hold_set(user=user("privacy"), case=case, reason="  ")
    assert error.value.errors == {"reason": "Schrijf op waarom."}

    held = legal_hold_set(user=user("privacy"), case=case, reason="Verzoek van het archief.")
    assert held.legal_hold
    assert held.legal_hold_by == user("privacy")
    with pytest.raises(services.CaseError):
        legal_hold_set(user=user("privacy"), case=case, reason="Nog een keer.")
    now = add_years(closed_at(case), 5) + dt.timedelta(days=1)
    assert retention_run(now=now, dry_run=False).count == 0

    # A superuser may too; lifting lets the next run take it.
    lifted = legal_hold_lift(user=user("beheer"), case=case, reason="Archief is klaar.")
    assert not lifted.legal_hold
    logged = list(
        AccessLog.objects.filter(
            case=case, action=AccessLog.Action.CHANGED, purpose__startswith="Bewaartermijn"
        )
        .order_by("at", "pk")
        .values_list("actor_label", "reason")
    )
    assert [reason for _, reason in logged] == ["Verzoek van het archief.", "Archief is klaar."]
    assert retention_run(now=now, dry_run=False).count == 1
    with pytest.raises(services.CaseError):
        legal_hold_set(user=user("privacy"), case=case, reason="Te laat.")


def test_the_daily_tick_anonymises_once_a_day(world: None, smtp_server: Any) -> None:
    first = concluded(intake())
    second = concluded(intake())
    # Today's tick sends the acknowledgements: the last thing that happens to these cases.
    run_due_work(now=timezone.now())
    legal_hold_set(user=user("privacy"), case=second, reason="Even wachten.")
    # Mid-morning, so that an hour later is still the same day in Amsterdam whatever the
    # hour this test runs at (run at 22:20 UTC, +1 h crossed midnight there).
    now = (add_years(closed_at(second), 5) + dt.timedelta(days=2)).replace(hour=9, minute=0)

    assert run_due_work(now=now).cases_anonymised == 1
    assert Case.objects.get(pk=first.pk).anonymised_at is not None
    legal_hold_lift(user=user("privacy"), case=second, reason="Klaar.")
    # The same day: the job has had its turn.
    assert run_due_work(now=now + dt.timedelta(hours=1)).cases_anonymised == 0
    assert run_due_work(now=now + dt.timedelta(days=1)).cases_anonymised == 1


def test_a_full_batch_lets_the_next_tick_go_on(
    world: None, smtp_server: Any, settings: Any
) -> None:
    settings.REGIE_RETENTION_BATCH = 1
    cases = [concluded(intake()) for _ in range(2)]
    run_due_work(now=timezone.now())
    now = add_years(max(closed_at(c) for c in cases), 5) + dt.timedelta(days=1)
    assert run_due_work(now=now).cases_anonymised == 1
    assert run_due_work(now=now).cases_anonymised == 1
    assert run_due_work(now=now).cases_anonymised == 0


def test_the_command_line_dry_run_prints_what_would_go(
    world: None, capsys: pytest.CaptureFixture[str]
) -> None:
    case = services.case_withdraw(case=intake(), reason="Niet meer nodig.")
    day = (add_years(closed_at(case), 1) + dt.timedelta(days=2)).date().isoformat()

    assert main(["retention", "--dry-run", "--as-of", day, "--municipality", "gm9901"]) == 0
    out = capsys.readouterr().out
    assert f"{case.reference}\tniet-behandeld\t1 jaar" in out
    assert "1 zaken zouden worden geanonimiseerd" in out
    assert Case.objects.get(pk=case.pk).anonymised_at is None
    assert main(["retention", "--as-of", day]) == 2
    assert "alleen met --dry-run" in capsys.readouterr().err
    assert main(["retention", "--dry-run", "--municipality", "GM0000"]) == 2


def test_the_resident_status_token_no_longer_works(world: None) -> None:
    case = services.case_withdraw(case=intake(), reason="Niet meer nodig.")
    token = case.status_token
    retention_run(now=add_years(closed_at(case), 1) + dt.timedelta(days=1), dry_run=False)
    assert not Case.objects.filter(status_token=token).exists()


def test_every_table_that_points_at_a_case_has_a_decision() -> None:
    pointing = {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, ForeignKey | OneToOneField | ManyToManyField)
        and field.related_model is Case
    }
    assert pointing | {"cases.Case"} == set(INVENTORY)


def test_a_wrong_retention_setting_stops_the_start(settings: Any) -> None:
    settings.REGIE_RETENTION_YEARS = '{"klachten": 5}'
    with pytest.raises(ImproperlyConfigured, match="onbekende regel 'klachten'"):
        apps.get_app_config("privacy").ready()


@pytest.mark.django_db(transaction=True)
def test_a_case_another_run_is_working_on_is_skipped_not_done_twice(world: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks; select_for_update is a no-op there")
    case = services.case_withdraw(case=intake(), reason="Niet meer nodig.")
    now = add_years(closed_at(case), 1) + dt.timedelta(days=1)
    holding, release = threading.Event(), threading.Event()

    def other_run() -> None:
        with transaction.atomic():
            Case.objects.select_for_update().get(pk=case.pk)
            holding.set()
            release.wait(30)
        connection.close()

    thread = threading.Thread(target=other_run)
    thread.start()
    assert holding.wait(30)
    try:
        report = retention_run(now=now, dry_run=False)
    finally:
        release.set()
        thread.join()
    assert (report.count, report.skipped) == (0, 1)
    assert retention_run(now=now, dry_run=False).count == 1
    assert Destruction.objects.filter(case_reference=case.reference).count() == 1
