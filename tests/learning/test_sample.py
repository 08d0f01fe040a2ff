"""Steekproeven: a fair, repeatable draw of concluded cases (`regie.learning.sample`), the
verdicts of the reviewers, and the pages (`regie.web.learning_review`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.cases import services
from regie.cases.models import Case
from regie.directory.models import Municipality
from regie.learning import sample as sampling
from regie.learning.common import LearningError, PermissionRefused
from regie.learning.models import ReviewItem, ReviewSample

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NOW = dt.datetime(2026, 6, 15, 12, tzinfo=AMSTERDAM)
FROM = dt.date(2026, 3, 1)
TO = dt.date(2026, 3, 31)

pytestmark = pytest.mark.django_db


def user(username: str) -> User:
    return User.objects.get(username=username)


def concluded(
    on: dt.date,
    *,
    kind: str = "signaal",
    domain: str = "overig",
    outcome: str = "afgerond",
    municipality: str = "GM9901",
    at: dt.time = dt.time(12),
) -> Case:
    """A case taken in by phone ten days earlier and concluded on `on` (Dutch time)."""
    received = dt.datetime.combine(on - dt.timedelta(days=10), dt.time(10), tzinfo=AMSTERDAM)
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code=municipality),
        kind=kind,
        domain=domain,
        channel="telefoon",
        received_at=received,
        description="Ik wacht al weken op een antwoord.",
        submitter=services.Person(name="Anna de Boer", phone="0612345678"),
    )
    case = services.case_intake(scope=scope_for_public_web(), request=request, at=received).case
    handler = "coordinator" if municipality == "GM9901" else "coordinator-hooglanden"
    return services.case_conclude(
        case=case,
        scope=scope_for_user(user(handler)),
        outcome=outcome,
        summary="Afgehandeld.",
        at=dt.datetime.combine(on, at, tzinfo=AMSTERDAM),
    )


def draw(by: str = "coordinator", municipality: str = "GM9901", **kwargs: Any) -> ReviewSample:
    arguments: dict[str, Any] = {
        "purpose": "Klachtenpanel, eerste kwartaal",
        "size": 5,
        "concluded_from": FROM,
        "concluded_to": TO,
        "at": NOW,
    }
    arguments.update(kwargs)
    return sampling.sample_draw(
        by=user(by),
        scope=scope_for_user(user(by)),
        municipality=Municipality.objects.get(code=municipality),
        **arguments,
    )


def drawn(sample: ReviewSample) -> list[int]:
    return sampling.sample_drawn_ids(sample)


# The draw itself


def test_every_case_of_a_small_population_is_drawn_about_equally_often() -> None:
    population = [41, 7, 13, 99, 3, 56, 28, 71, 64, 12]
    draws = 6000
    counts: Counter[int] = Counter()
    for seed in range(draws):
        picked = sampling.draw(population, 3, seed)
        assert len(picked) == len(set(picked)) == 3  # without replacement
        counts.update(picked)
    expected = draws * 3 / len(population)  # 1800, with a standard deviation of about 35
    assert set(counts) == set(population)
    assert all(abs(n - expected) < 0.1 * expected for n in counts.values()), counts
    # The order the database returns the ids in does not matter; the seed does.
    assert sampling.draw(population, 3, 7) == sampling.draw(sorted(population), 3, 7)
    assert sorted(sampling.draw(population, 20, 7)) == sorted(population)


def test_the_same_seed_draws_the_same_cases_and_the_check_agrees(world: None) -> None:
    cases = [concluded(FROM + dt.timedelta(days=n)) for n in range(8)]
    first = draw(seed=12345)
    second = draw(seed=12345)
    other = draw(seed=54321)

    assert drawn(first) == drawn(second) == sampling.draw([c.pk for c in cases], 5, 12345)
    assert drawn(other) != drawn(first)
    assert first.population_size == 8
    assert first.seed == 12345
    assert first.population == {
        "kind": "",
        "domain": "",
        "outcome": "",
        "concluded_from": "2026-03-01",
        "concluded_to": "2026-03-31",
        "requested": 5,
    }
    assert sampling.sample_redraw_check(first) == drawn(first)
    assert sampling.sample_redraw_check(other) == drawn(other)

    # A case concluded in the period after the draw changes the population: the check says
    # how large it is now, so a different result can be explained.
    concluded(TO)
    assert sampling.sample_population_size_now(first) == 9


def test_without_a_seed_one_is_drawn_from_the_system_and_kept(world: None) -> None:
    for n in range(4):
        concluded(FROM + dt.timedelta(days=n))
    sample = draw(size=2)
    assert 0 <= sample.seed < 2**63
    assert sampling.sample_redraw_check(sample) == drawn(sample)


def test_filters_and_the_dutch_period_restrict_the_population(world: None) -> None:
    wanted = concluded(dt.date(2026, 3, 10), kind="klacht", domain="wmo", outcome="gegrond")
    # 00:10 on the first day in Amsterdam is still the last day of February in UTC.
    first_minute = concluded(
        FROM, kind="klacht", domain="wmo", outcome="gegrond", at=dt.time(0, 10)
    )
    late = concluded(TO, kind="klacht", domain="wmo", outcome="gegrond", at=dt.time(23, 50))
    concluded(  # 1 April 00:10 in Amsterdam is 31 March in UTC: outside the period
        TO + dt.timedelta(days=1), kind="klacht", domain="wmo", outcome="gegrond", at=dt.time(0, 10)
    )
    concluded(FROM - dt.timedelta(days=1), kind="klacht", domain="wmo", outcome="gegrond")
    concluded(dt.date(2026, 3, 10), kind="klacht", domain="jeugd", outcome="gegrond")
    concluded(dt.date(2026, 3, 10), kind="klacht", domain="wmo", outcome="ongegrond")
    concluded(dt.date(2026, 3, 10), kind="signaal", domain="wmo", outcome="afgerond")

    sample = draw(kind="klacht", domain="wmo", outcome="gegrond", size=200)

    assert set(drawn(sample)) == {wanted.pk, first_minute.pk, late.pk}
    assert sample.population_size == 3
    words = sampling.sample_population(sample).in_words()
    assert words == (
        "Klachten, domein Wmo (ondersteuning), uitkomst klacht gegrond, "
        "afgehandeld van 1 maart 2026 tot en met 31 maart 2026"
    )
    assert draw(size=200).population_size == 6  # no filters: the whole period


def test_another_municipalitys_cases_are_never_drawn(world: None) -> None:
    ours = {concluded(FROM + dt.timedelta(days=n)).pk for n in range(3)}
    for n in range(5):
        concluded(FROM + dt.timedelta(days=n), municipality="GM9902")

    for by in ("coordinator", "beheer"):  # beheer is a superuser: sees every case
        sample = draw(by=by, size=200)
        assert set(drawn(sample)) == ours
        assert sample.population_size == 3


def test_a_sample_larger_than_the_population_takes_all_of_it(world: None) -> None:
    cases = {concluded(FROM + dt.timedelta(days=n)).pk for n in range(3)}
    sample = draw(size=50)
    assert set(drawn(sample)) == cases
    assert sampling.sample_population(sample).requested == 50
    assert sampling.sample_redraw_check(sample) == drawn(sample)


@pytest.mark.parametrize(
    ("arguments", "field", "message"),
    [
        ({"purpose": "  "}, "purpose", "Schrijf op waarvoor deze steekproef is."),
        ({"purpose": "x" * 201}, "purpose", "Gebruik hooguit 200 tekens."),
        ({"size": 0}, "size", "Kies een aantal van 1 tot en met 200."),
        ({"size": 201}, "size", "Kies een aantal van 1 tot en met 200."),
        ({"kind": "brief"}, "kind", "Kies een soort uit de lijst."),
        ({"domain": "zorg"}, "domain", "Kies een domein uit de lijst."),
        ({"outcome": "prima"}, "outcome", "Kies een uitkomst uit de lijst."),
        (
            {"concluded_from": TO, "concluded_to": FROM},
            "concluded_to",
            "De laatste dag kan niet voor de eerste dag liggen.",
        ),
        (
            {"concluded_to": dt.date(2026, 6, 16)},
            "concluded_to",
            "De periode kan niet na vandaag eindigen.",
        ),
        (
            {"concluded_from": dt.date(2021, 3, 30)},
            "concluded_from",
            "Kies een periode van hooguit 5 jaar.",
        ),
        ({"concluded_from": None}, "concluded_from", "Vul de eerste dag van de periode in."),
        (
            {"concluded_from": dt.date(1, 1, 1), "concluded_to": dt.date(1, 1, 2)},
            "concluded_from",
            "Vul een bestaande datum in, zoals 1-1-2026.",
        ),
        ({"kind": "melding"}, "population", sampling.EMPTY_POPULATION),
    ],
)
def test_bad_input_gets_a_dutch_message_and_writes_nothing(
    world: None, arguments: dict[str, Any], field: str, message: str
) -> None:
    concluded(FROM)
    with pytest.raises(LearningError) as refused:
        draw(**arguments)
    assert refused.value.errors[field] == message
    assert not ReviewSample.objects.exists()
    assert not ReviewItem.objects.exists()


def test_five_years_is_allowed_today_is_allowed(world: None) -> None:
    concluded(FROM)
    sample = draw(concluded_from=dt.date(2021, 6, 15), concluded_to=NOW.date())
    assert sample.population_size == 1


def test_only_who_learns_about_the_municipality_may_draw(world: None) -> None:
    concluded(FROM)
    for by in ("coordinator-hooglanden", "behandelaar", "wethouder"):
        with pytest.raises(PermissionRefused):
            draw(by=by)
    assert not ReviewSample.objects.exists()


# Reviewing


def test_verdicts_are_recorded_changed_and_counted(world: None) -> None:
    for n in range(4):
        concluded(FROM + dt.timedelta(days=n))
    sample = draw(size=4, seed=1)
    first, second, third, fourth = list(sample.items.order_by("pk"))
    by = user("ombudsfunctionaris")

    sampling.review_record(by=by, item=first, verdict="goed", note="", at=NOW)
    sampling.review_record(by=by, item=second, verdict="goed", note="", at=NOW)
    sampling.review_record(
        by=by, item=second, verdict="kan-beter", note="Te laat teruggebeld.", at=NOW
    )
    sampling.review_record(
        by=by, item=third, verdict="niet-goed", note="Geen excuses gemaakt.", at=NOW
    )

    second.refresh_from_db()
    assert (second.verdict, second.note, second.reviewed_by, second.reviewed_at) == (
        "kan-beter",
        "Te laat teruggebeld.",
        by,
        NOW,
    )
    findings = sampling.sample_findings(sample)
    assert (findings.total, findings.reviewed, findings.open) == (4, 3, 1)
    assert [(c.verdict, c.count) for c in findings.counts] == [
        ("goed", 1),
        ("kan-beter", 1),
        ("niet-goed", 1),
    ]
    assert [i.note for i in findings.notes] == ["Te laat teruggebeld.", "Geen excuses gemaakt."]
    listed = sampling.samples_of(sample.municipality).get(pk=sample.pk)
    counted = (listed.total, listed.reviewed, listed.good, listed.could_be_better)
    assert (*counted, listed.not_good) == (4, 3, 1, 1, 1)
    fourth.refresh_from_db()
    assert fourth.verdict == ""


@pytest.mark.parametrize(
    ("verdict", "note", "field", "message"),
    [
        ("", "", "verdict", "Kies een oordeel."),
        ("prima", "", "verdict", "Kies een oordeel uit de lijst."),
        ("kan-beter", " ", "note", "Schrijf op wat beter kan: daar leert de gemeente van."),
        ("niet-goed", "", "note", "Schrijf op wat beter kan: daar leert de gemeente van."),
        ("goed", "x" * 10_001, "note", "Gebruik hooguit 10.000 tekens."),
    ],
)
def test_a_bad_verdict_gets_a_dutch_message_and_changes_nothing(
    world: None, verdict: str, note: str, field: str, message: str
) -> None:
    concluded(FROM)
    item = draw(size=1).items.get()
    with pytest.raises(LearningError) as refused:
        sampling.review_record(by=user("coordinator"), item=item, verdict=verdict, note=note)
    assert refused.value.errors[field] == message
    item.refresh_from_db()
    assert (item.verdict, item.note, item.reviewed_by, item.reviewed_at) == ("", "", None, None)


def test_only_who_learns_about_the_municipality_may_review(world: None) -> None:
    concluded(FROM)
    item = draw(size=1).items.get()
    for by in ("coordinator-hooglanden", "behandelaar"):
        with pytest.raises(PermissionRefused):
            sampling.review_record(by=user(by), item=item, verdict="goed", note="")
    item.refresh_from_db()
    assert item.verdict == ""


# The pages


def test_a_coordinator_draws_a_sample_reviews_a_case_and_sees_the_findings(
    world: None, login: Any
) -> None:
    today = timezone.localdate()
    cases = [concluded(today - dt.timedelta(days=n + 1)) for n in range(6)]
    client = login("coordinator")

    page = client.get("/werk/leren/GM9901/steekproeven")
    assert page.status_code == 200
    assert "Nieuwe steekproef" in page.content.decode()
    assert "Er zijn nog geen steekproeven getrokken." in page.content.decode()

    answer = client.post(
        "/werk/leren/GM9901/steekproeven",
        {
            "purpose": "Klachtenpanel juni",
            "size": "4",
            "kind": "",
            "domain": "",
            "outcome": "",
            "concluded_from": (today - dt.timedelta(days=30)).isoformat(),
            "concluded_to": today.isoformat(),
        },
    )
    sample = ReviewSample.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == f"/werk/leren/GM9901/steekproeven/{sample.pk}"
    assert sample.items.count() == 4
    assert sample.population_size == len(cases)

    shown = client.get(answer["Location"]).content.decode()
    assert "De steekproef van 4 zaken is getrokken." in shown
    assert "Dezelfde zaken: ja." in shown
    assert str(sample.seed) in shown
    item = sample.items.order_by("pk").select_related("case").first()
    assert item is not None
    assert f'href="/werk/zaken/{item.case.reference}"' in shown

    url = f"/werk/leren/GM9901/steekproeven/{sample.pk}/{item.pk}"
    prefix = f"item-{item.pk}"
    saved = client.post(
        url, {f"{prefix}-verdict": "niet-goed", f"{prefix}-note": "Geen hoorzitting."}
    )
    assert saved.status_code == 302
    assert saved["Location"] == f"/werk/leren/GM9901/steekproeven/{sample.pk}#item-{item.pk}"
    item.refresh_from_db()
    assert (item.verdict, item.note) == ("niet-goed", "Geen hoorzitting.")

    shown = client.get(f"/werk/leren/GM9901/steekproeven/{sample.pk}").content.decode()
    assert "Geen hoorzitting." in shown
    assert "Niet goed afgehandeld: 1" in shown
    listing = client.get("/werk/leren/GM9901/steekproeven").content.decode()
    assert "Klachtenpanel juni" in listing
    assert "1 van 4" in listing


def test_bad_input_on_the_pages_gets_dutch_errors_and_changes_nothing(
    world: None, login: Any
) -> None:
    today = timezone.localdate()
    concluded(today - dt.timedelta(days=1))
    client = login("coordinator")

    page = client.post(
        "/werk/leren/GM9901/steekproeven",
        {"purpose": "", "size": "veel", "concluded_from": "31-02-2026", "concluded_to": ""},
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Vul een heel getal in, zoals 20." in text
    assert "Vul een bestaande datum in" in text
    assert "Vul de laatste dag van de periode in." in text
    assert not ReviewSample.objects.exists()

    page = client.post(
        "/werk/leren/GM9901/steekproeven",
        {
            "purpose": "",
            "size": "500",
            "kind": "melding",
            "concluded_from": today.isoformat(),
            "concluded_to": today.isoformat(),
        },
    )
    text = page.content.decode()
    assert "Schrijf op waarvoor deze steekproef is." in text
    assert "Kies een aantal van 1 tot en met 200." in text
    assert not ReviewSample.objects.exists()

    page = client.post(
        "/werk/leren/GM9901/steekproeven",
        {
            "purpose": "Panel",
            "size": "5",
            "kind": "melding",
            "concluded_from": today.isoformat(),
            "concluded_to": today.isoformat(),
        },
    )
    assert sampling.EMPTY_POPULATION in page.content.decode()
    assert not ReviewSample.objects.exists()

    sample = draw(concluded_from=today - dt.timedelta(days=5), concluded_to=today, at=None)
    item = sample.items.get()
    prefix = f"item-{item.pk}"
    page = client.post(
        f"/werk/leren/GM9901/steekproeven/{sample.pk}/{item.pk}",
        {f"{prefix}-verdict": "kan-beter", f"{prefix}-note": ""},
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Schrijf op wat beter kan" in text
    assert "<title>Fout: " in text
    item.refresh_from_db()
    assert item.verdict == ""
    assert client.get(f"/werk/leren/GM9901/steekproeven/{sample.pk}/{item.pk}").status_code == 405


@pytest.mark.parametrize("username", ["coordinator-hooglanden", "behandelaar", "anker"])
def test_who_may_not_learn_about_the_municipality_gets_404_on_every_page(
    world: None, login: Any, username: str
) -> None:
    today = timezone.localdate()
    concluded(today - dt.timedelta(days=1))
    sample = draw(concluded_from=today - dt.timedelta(days=5), concluded_to=today, at=None)
    item = sample.items.get()
    client = login(username)
    base = "/werk/leren/GM9901/steekproeven"
    prefix = f"item-{item.pk}"

    assert client.get(base).status_code == 404
    assert client.post(base, {"purpose": "x", "size": "1"}).status_code == 404
    assert client.get(f"{base}/{sample.pk}").status_code == 404
    answer = client.post(f"{base}/{sample.pk}/{item.pk}", {f"{prefix}-verdict": "goed"})
    assert answer.status_code == 404
    assert not ReviewSample.objects.exclude(pk=sample.pk).exists()
    item.refresh_from_db()
    assert item.verdict == ""


def test_a_sample_of_another_municipality_is_not_found(world: None, login: Any) -> None:
    today = timezone.localdate()
    concluded(today - dt.timedelta(days=1))
    concluded(today - dt.timedelta(days=1), municipality="GM9902")
    period = {"concluded_from": today - dt.timedelta(days=5), "concluded_to": today, "at": None}
    ours = draw(**period)
    theirs = draw(by="coordinator-hooglanden", municipality="GM9902", **period)
    their_item = theirs.items.get()
    client = login("coordinator")

    assert client.get(f"/werk/leren/GM9901/steekproeven/{ours.pk}").status_code == 200
    assert client.get(f"/werk/leren/GM9901/steekproeven/{theirs.pk}").status_code == 404
    assert client.get(f"/werk/leren/GM9902/steekproeven/{theirs.pk}").status_code == 404
    assert client.get("/werk/leren/GM9902/steekproeven").status_code == 404
    # An item of another sample under ours
    answer = client.post(
        f"/werk/leren/GM9901/steekproeven/{ours.pk}/{their_item.pk}",
        {f"item-{their_item.pk}-verdict": "goed"},
    )
    assert answer.status_code == 404
    their_item.refresh_from_db()
    assert their_item.verdict == ""
