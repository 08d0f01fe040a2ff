"""A provider's file of its own complaints: checked row by row with the intake service's own
check, and then written all or nothing, in the background of `run_due_work`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from regie.accounts.models import Membership
from regie.accounts.scope import scope_for_user
from regie.cases import services
from regie.cases.models import Case, CaseDeadline, Event, ReferenceCounter
from regie.directory.models import Municipality, Organisation, Region
from regie.imports import services as imports
from regie.imports.models import ImportBatch
from regie.imports.report import FileRefused
from regie.notifications.models import OutboundEmail
from regie.tick import run_due_work
from tests.imports.files import csv_bytes, row, rows

pytestmark = pytest.mark.django_db

State = ImportBatch.State


def user(name: str = "anker") -> User:
    return User.objects.get(username=name)


def organisation(slug: str = "het-anker") -> Organisation:
    return Organisation.objects.get(slug=slug)


def upload(content: bytes, *, dry_run: bool = False, by: str = "anker") -> ImportBatch:
    return imports.batch_upload(
        scope=scope_for_user(user(by)),
        organisation=organisation(),
        file_name="klachten.csv",
        content=content,
        dry_run=dry_run,
        uploaded_by=user(by),
    )


def processed(batch: ImportBatch) -> ImportBatch:
    """The batch after the tick has run, as cron, the demo or Celery beat would run it."""
    assert run_due_work().imports_processed == 1
    batch.refresh_from_db()
    return batch


def report(batch: ImportBatch) -> list[str]:
    return [p.text() for p in batch.problems]


def nothing_written() -> bool:
    return not (
        Case.objects.exists()
        or Event.objects.exists()
        or CaseDeadline.objects.exists()
        or OutboundEmail.objects.exists()
    )


def test_a_file_with_bad_rows_gets_a_report_per_row_and_column_and_writes_nothing(
    world: None,
) -> None:
    elsewhere = Municipality.objects.create(
        region=Region.objects.get(), code="GM9903", name="Gemeente Verweg"
    )
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    content = csv_bytes(
        [
            row(1),
            row(2, email="anna@"),
            row(3, gemeente="GM1234"),
            row(4, ontvangen_op=tomorrow.isoformat()),
            row(5, domein="jeugd"),
            row(6, naam="", email="", telefoon=""),
            row(7, ontvangen_op="31-02-2026"),
            row(8, gemeente="", email="nee"),
            row(9, urgentie="hoog"),
            row(10, gemeente=elsewhere.code),
            row(11, ontvangen_op="2026-03-24T09:30:00"),
            row(12, omschrijving="x" * 20_001),
        ]
    )

    batch = processed(upload(content))

    assert batch.state == State.REFUSED
    assert report(batch) == [
        "Rij 3, kolom email: Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.",
        "Rij 4, kolom gemeente: Onbekende gemeentecode: GM1234. Gebruik een code zoals GM9901.",
        "Rij 5, kolom ontvangen_op: Het tijdstip van ontvangst ligt in de toekomst.",
        "Rij 6, kolom domein: Kies een domein waarin uw organisatie werkt.",
        "Rij 7, kolom naam: Vul de naam in van wie de klacht indient.",
        "Rij 7, kolom email: Vul een e-mailadres of telefoonnummer in.",
        "Rij 8, kolom ontvangen_op: Vul een bestaande datum in, zoals 2026-03-24 of 24-03-2026.",
        # An unreadable gemeente does not hide the row's other problems.
        "Rij 9, kolom gemeente: Vul de gemeentecode in, zoals GM9901.",
        "Rij 9, kolom email: Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.",
        "Rij 10, kolom urgentie: Kies normaal of spoed.",
        "Rij 11, kolom gemeente: U mag geen zaken registreren voor deze gemeente.",
        "Rij 12, kolom ontvangen_op: Geef een tijdstip met tijdzone, bijvoorbeeld "
        "2026-03-24T09:30:00+01:00.",
        "Rij 13, kolom omschrijving: Gebruik hooguit 20.000 tekens.",
    ]
    assert (batch.rows_total, batch.rows_checked, batch.rows_refused) == (12, 12, 11)
    assert batch.rows_written == 0
    assert nothing_written()
    assert not ReferenceCounter.objects.exists()  # not even a number was taken
    assert bytes(batch.content) == b""  # the personal data in the file is not kept


def test_a_file_that_cannot_be_read_is_refused_at_upload_and_not_stored(world: None) -> None:
    with pytest.raises(FileRefused) as refused:
        upload(csv_bytes([row(1, naam="Zoë")]).decode().encode("utf-16"))
    assert "UTF-8" in refused.value.problems[0].message
    assert not ImportBatch.objects.exists()


def test_a_dry_run_writes_nothing_and_can_then_be_written_once(world: None) -> None:
    dry = processed(upload(csv_bytes(rows(5)), dry_run=True))

    assert dry.state == State.DONE
    assert (dry.rows_total, dry.rows_checked, dry.rows_written) == (5, 5, 0)
    assert nothing_written()

    real = imports.batch_write_dry_run(scope=scope_for_user(user()), batch=dry, uploaded_by=user())
    assert real.state == State.WAITING
    assert processed(real).rows_written == 5
    assert Case.objects.count() == 5
    dry.refresh_from_db()
    assert bytes(dry.content) == b""
    with pytest.raises(imports.BatchError, match="al opgeslagen"):
        imports.batch_write_dry_run(scope=scope_for_user(user()), batch=dry, uploaded_by=user())


def shape(case: Case) -> dict[str, Any]:
    """Everything about a case except what is unique to it (reference, token, keys, times)."""
    return {
        "fields": {
            name: getattr(case, name)
            for name in (
                "municipality_id",
                "kind",
                "domain",
                "channel",
                "urgency",
                "status",
                "received_at",
                "subject",
                "description",
                "submitter_name",
                "submitter_email",
                "submitter_phone",
                "submitter_anonymous",
                "about_id",
                "source_organisation_id",
                "handling_team_id",
                "handling_organisation_id",
                "summary_only",
                "next_due",
            )
        },
        "accepted": case.accepted_at is not None,
        "deadlines": sorted(
            (d.type, d.regime, d.start, d.due, tuple(d.explanation)) for d in case.deadlines.all()
        ),
        "events": [
            (e.type, e.at, e.actor_user_id, e.actor_label, _without_ids(e.payload))
            for e in case.events.all()
        ],
        "mail": [(m.purpose, m.to) for m in OutboundEmail.objects.filter(case=case)],
    }


def _without_ids(payload: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in payload.items() if k != "case"}


def test_a_valid_file_is_written_exactly_as_one_by_one_intake_would(world: None) -> None:
    received = timezone.localdate() - dt.timedelta(days=3)
    records = [
        row(1),
        row(2, email="", telefoon="0201234567", urgentie="spoed"),
        row(3, gemeente="GM9902", namens_naam="Kees", namens_relatie="zoon"),
        row(4, ontvangen_op=f"{received.isoformat()}T09:30:00+01:00"),
    ]

    batch = processed(upload(csv_bytes(records)))

    assert batch.state == State.DONE
    assert batch.rows_written == 4
    imported = list(Case.objects.order_by("reference"))
    assert len(imported) == 4
    # The same complaints typed in one by one by the same person, through the same service.
    scope = scope_for_user(user())
    anker = organisation()
    for case in imported:
        twin = services.case_intake(
            scope=scope,
            request=services.IntakeRequest(
                municipality=case.municipality,
                kind="klacht",
                channel="aanbieder",
                domain=case.domain,
                subject=case.subject,
                description=case.description,
                received_at=case.received_at,
                urgency=case.urgency,
                submitter=services.Person(
                    name=case.submitter_name,
                    email=case.submitter_email,
                    phone=case.submitter_phone,
                ),
                on_behalf_of_name=case.on_behalf_of_name,
                on_behalf_of_relation=case.on_behalf_of_relation,
                about=anker,
            ),
        ).case
        assert shape(case) == shape(twin)
    first = imported[0]
    assert first.handling_organisation == anker  # its own complaint, with it at once
    assert first.accepted_at is not None
    assert {e.actor_label for e in first.events.all()} == {"Peter Smit"}
    assert OutboundEmail.objects.filter(purpose="ontvangstbevestiging").count() == 6
    year = timezone.localdate().year
    # Numbered per municipality, in the file's order (the third row is GM9902's first).
    assert [c.reference for c in imported] == [
        *(f"KL-9901-{year}-{n:06d}" for n in range(1, 4)),
        f"KL-9902-{year}-000001",
    ]


def test_one_bad_row_among_many_writes_nothing(world: None) -> None:
    records = rows(200)
    records[149] = row(150, email="anna.example.org")

    batch = processed(upload(csv_bytes(records)))

    assert batch.state == State.REFUSED
    assert report(batch) == [
        "Rij 151, kolom email: Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
    ]
    assert batch.rows_checked == 200
    assert nothing_written()


def test_a_row_that_fails_while_writing_rolls_everything_back(world: None) -> None:
    """Between the check and the writing the municipality stopped working with Het Anker:
    the fifth row is refused by the intake itself, and the four before it go too."""
    records = [*rows(4), row(5, gemeente="GM9902")]
    batch = upload(csv_bytes(records))
    claimed = imports._claim_next(timezone.now())
    assert claimed is not None

    def meanwhile(phase: str, done: int, total: int) -> None:
        if phase == "controleren" and done == total:
            organisation().municipalities.remove(Municipality.objects.get(code="GM9902"))

    batch = imports.batch_process(claimed, on_progress=meanwhile)

    assert batch.state == State.REFUSED
    assert report(batch) == [
        imports.CHANGED_WHILE_WRITING,
        "Rij 6, kolom gemeente: U mag geen zaken registreren voor deze gemeente.",
    ]
    assert nothing_written()
    # The numbers taken for the file stay unused: a gap, never a number given twice.
    counters = ReferenceCounter.objects.values_list("municipality__code", "last")
    assert dict(counters) == {"GM9901": 4, "GM9902": 1}


def test_a_crash_in_the_middle_of_writing_rolls_everything_back(
    world: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real_intake = imports.case_intake
    calls = []

    def intake_until_the_disk_is_full(**kwargs: Any) -> services.IntakeResult:
        calls.append(kwargs["reference"])
        if len(calls) == 3:
            raise OSError("No space left on device")
        return real_intake(**kwargs)

    monkeypatch.setattr(imports, "case_intake", intake_until_the_disk_is_full)

    batch = processed(upload(csv_bytes(rows(5))))

    assert len(calls) == 3
    assert batch.state == State.FAILED
    assert report(batch) == [imports.FAILED_MESSAGE]
    assert nothing_written()
    assert "Import batch" in caplog.text


def test_a_second_tick_finds_nothing_left_to_do(world: None) -> None:
    batch = upload(csv_bytes(rows(3)))

    first, second = run_due_work(), run_due_work()

    assert (first.imports_processed, second.imports_processed) == (1, 0)
    assert Case.objects.count() == 3
    batch.refresh_from_db()
    assert batch.state == State.DONE


def test_a_batch_abandoned_by_a_dead_process_is_failed_by_the_next_tick(world: None) -> None:
    batch = upload(csv_bytes(rows(2)))
    claimed = imports._claim_next(timezone.now())
    assert claimed == batch  # ...and then the process died

    run_due_work(now=timezone.now() + imports.ABANDONED_AFTER / 2)
    batch.refresh_from_db()
    assert batch.state == State.CHECKING

    run_due_work(now=timezone.now() + imports.ABANDONED_AFTER * 2)
    batch.refresh_from_db()
    assert batch.state == State.FAILED
    assert report(batch) == [imports.ABANDONED_MESSAGE]
    assert nothing_written()


def test_an_uploader_who_left_the_organisation_writes_nothing(world: None) -> None:
    batch = upload(csv_bytes(rows(2)))
    Membership.objects.filter(user=user()).delete()

    batch = processed(batch)

    assert batch.state == State.REFUSED
    assert report(batch) == [
        "U werkt niet (meer) voor Thuiszorg Het Anker. Er is niets opgeslagen."
    ]
    assert nothing_written()


@pytest.mark.parametrize("who", ["coordinator", "linde", "beheer"])
def test_only_the_organisations_own_people_upload_for_it(world: None, who: str) -> None:
    with pytest.raises(services.PermissionRefused):
        upload(csv_bytes(rows(1)), by=who)
    assert not ImportBatch.objects.exists()


def test_the_same_file_is_not_written_twice(world: None) -> None:
    content = csv_bytes(rows(2))
    processed(upload(content))

    with pytest.raises(FileRefused) as refused:
        upload(content)

    assert refused.value.problems[0].message.startswith("Dit bestand is al eens opgeslagen, op ")
    assert Case.objects.count() == 2


def test_a_dry_runs_file_is_forgotten_after_a_day(world: None) -> None:
    dry = processed(upload(csv_bytes(rows(2)), dry_run=True))

    run_due_work(now=timezone.now() + dt.timedelta(hours=25))

    dry.refresh_from_db()
    assert bytes(dry.content) == b""
    with pytest.raises(imports.BatchError, match="niet meer bewaard"):
        imports.batch_write_dry_run(scope=scope_for_user(user()), batch=dry, uploaded_by=user())


# Committed for real, so that a delivery asked for after commit would run (and fail this test).
@pytest.mark.django_db(transaction=True)
def test_a_written_import_leaves_its_acknowledgements_to_the_regular_delivery_run(
    world: None, smtp_server: Any
) -> None:
    """Thousands of mails must not leave one process right after the commit: they wait in
    the outbox for the next delivery run, which sends and records each."""
    from regie.tick import run_due_work

    batch = processed(upload(csv_bytes([row(1), row(2), row(3, email="", telefoon="0201234")])))

    assert batch.state == State.DONE
    pending = OutboundEmail.objects.filter(state=OutboundEmail.State.PENDING)
    assert pending.count() == 2
    assert smtp_server.messages == []
    assert run_due_work().emails_sent == 2
    assert len(smtp_server.messages) == 2
    acknowledged = Case.objects.filter(events__type="ontvangst-bevestigd").distinct().count()
    assert acknowledged == 2
