"""The "Leren" pages, and the detector on the real demo generator (through the write path) at a
small volume."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from regie.cases import services
from regie.cases.models import Case
from regie.demo.generator import PlantedFailure
from regie.demo.replay import generate_demo_cases
from regie.directory.models import Municipality, Organisation
from regie.learning.overview import overview

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


def test_the_real_generator_plants_a_failure_that_is_flagged_within_a_week(world: None) -> None:
    failure = PlantedFailure.parse("het-anker:2026-03-02:21")
    made = generate_demo_cases(
        years=0.5,  # type: ignore[arg-type]
        now=dt.datetime(2026, 3, 9, 12, tzinfo=AMSTERDAM),
        scale=0.3,
        plant_failure=failure,
    )
    assert made > 100
    anker = str(Organisation.objects.get(slug="het-anker").pk)

    flagged = []
    for municipality in Municipality.objects.all():
        cases = Case.objects.filter(municipality=municipality)
        view = overview(cases, dt.date(2026, 3, 8))  # day seven of the failure
        flagged += [
            f.spike
            for f in view.spikes
            if f.spike.key.dimension == "aanbieder" and f.spike.key.value == anker
        ]

    assert flagged, "the failure of Het Anker was not flagged within seven days"
    assert {s.week for s in flagged} == {dt.date(2026, 3, 2)}


def test_a_coordinator_sees_the_spike_and_the_cases_behind_it(login: Any, new_case: Any) -> None:
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    for n in range(6):
        new_case(
            kind="klacht",
            about="het-anker",
            submitter=services.Person(name=f"Inwoner {n}", email=f"i{n}@example.nl"),
            subject=f"Thuiszorg kwam niet ({n})",
        )
    anker = Organisation.objects.get(slug="het-anker").pk

    client = login("coordinator")
    page = client.get("/werk/leren").content.decode()
    link = f"/werk/leren/GM9901/aanbieder/{anker}/{monday.isoformat()}"
    spike = client.get(link).content.decode()

    assert "Opvallende stijgingen" in page
    assert "Thuiszorg Het Anker" in page
    assert link in page
    assert "Tussen wal en schip" in page
    assert "Per kanaal" in page
    assert "Zaken achter de stijging: Thuiszorg Het Anker" in spike
    assert spike.count("Thuiszorg kwam niet") == 6
    assert "i1@example.nl" not in page + spike
    assert "Leren van klachten" in client.get("/werk").content.decode()
    assert "/werk/leren/GM9901/steekproeven" in page
    assert "/werk/leren/GM9901/onderwerpen" in page


def test_who_may_not_learn_gets_404_and_bad_links_too(login: Any, new_case: Any) -> None:
    new_case()
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    assert login("behandelaar").get("/werk/leren").status_code == 404
    assert login("anker").get("/werk/leren").status_code == 404
    assert "Leren van klachten" not in login("behandelaar").get("/werk").content.decode()
    client = login("coordinator")
    assert client.get("/werk/leren/GM9902/thema/overig/" + monday.isoformat()).status_code == 404
    assert client.get("/werk/leren/GM9901/kleur/overig/" + monday.isoformat()).status_code == 404
    assert client.get("/werk/leren/GM9901/thema/overig/2026-13-01").status_code == 404
    tuesday = (monday + dt.timedelta(days=1)).isoformat()
    assert client.get("/werk/leren/GM9901/thema/overig/" + tuesday).status_code == 404
    assert client.get("/werk/leren/GM9901/thema/overig/" + monday.isoformat()).status_code == 200
    page = client.get("/werk/leren?gemeente=GM0000").content.decode()
    assert "Kies een gemeente uit de lijst." in page


def test_the_coordinator_sees_each_teams_load(login: Any, new_case: Any) -> None:
    from regie.learning.workload import team_load

    for n in range(3):
        new_case(kind="signaal", subject=f"Signaal {n}")
    gm = Municipality.objects.get(code="GM9901")
    cases = Case.objects.filter(municipality=gm)
    Case.objects.filter(pk=cases.first().pk).update(next_due=dt.date(2020, 1, 1), handovers=2)
    loads = team_load(cases, timezone.localdate())
    assert sum(load.open for load in loads) == 3
    assert sum(load.overdue for load in loads) == 1
    assert sum(load.bounced for load in loads) == 1
    assert sum(load.unassigned for load in loads) == 3
    page = login("coordinator").get("/werk/leren").content.decode()
    assert "Werkdruk per team" in page
    assert loads[0].team in page
