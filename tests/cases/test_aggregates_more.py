"""The aggregate read's figures for the annual report (issue 10): refusal grounds from the
CONCLUDED event, timeliness per regime, ombudsman referrals, and the received figures with
the regional split hidden together, so that one table cannot undo another."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web, scope_for_user
from regie.cases import services
from regie.cases.aggregates import (
    AggregateScope,
    FiguresRefused,
    Period,
    Table,
    breakdown,
    concluded_figures,
    ombudsman_referrals,
    received_figures,
    timeliness,
)
from regie.cases.models import Case, CaseDeadline
from regie.directory.models import Municipality
from regie.vocabulary import Judgement, Kind, Outcome, RefusalGround

pytestmark = pytest.mark.django_db
EVERYTHING = AggregateScope(everything=True)


def staff() -> services.Scope:
    return scope_for_user(User.objects.get(username="behandelaar"))


def complaint(n: int, code: str = "GM9901", kind: str = "klacht", days_ago: int = 3) -> Case:
    request = services.IntakeRequest(
        municipality=Municipality.objects.get(code=code),
        kind=kind,
        channel="web",
        description="Niemand belt mij terug over mijn aanvraag.",
        submitter=services.Person(name=f"Inwoner {n}", email=f"inwoner{n}@example.org"),
        received_at=timezone.now() - dt.timedelta(days=days_ago),
    )
    return services.case_intake(scope=scope_for_public_web(), request=request).case


def this_year() -> Period:
    return Period.parse(str(timezone.localdate().year))


def gm9901() -> Municipality:
    return Municipality.objects.get(code="GM9901")


def row(table: Table, key: str) -> str:
    return str(next(r.cell for r in table.rows if r.key == key))


def refuse(case: Case, ground: str) -> Case:
    return services.case_refuse_complaint(
        case=case, scope=staff(), ground=ground, explanation="Dit kan via bezwaar."
    )


def test_refusal_grounds_come_from_the_event_and_add_up_to_the_outcome(world: None) -> None:
    if timezone.localdate().timetuple().tm_yday < 5:
        pytest.skip("the complaints must be received in this calendar year")
    cases = [complaint(n) for n in range(7)]
    for case in cases[:6]:
        refuse(case, RefusalGround.BEZWAAR)
    refuse(cases[6], RefusalGround.TE_GERING)

    outcomes, grounds = concluded_figures(
        EVERYTHING,
        municipalities=[gm9901()],
        period=this_year(),
        outcome_labels={o.value: str(o.label) for o in Outcome},
        refused_outcome=Outcome.NIET_BEHANDELD.value,
        ground_labels={g.value: str(g.label) for g in RefusalGround} | {"": "zonder"},
        title="Uitkomsten",
        refusal_title="Redenen",
    )

    assert row(outcomes, Outcome.NIET_BEHANDELD) == "7"
    assert str(outcomes.total) == "7"
    assert row(outcomes, Outcome.GEGROND) == "< 5"
    assert row(grounds, RefusalGround.BEZWAAR) == "6"
    assert row(grounds, RefusalGround.TE_GERING) == "< 5"
    assert row(grounds, "") == "< 5"
    # The grounds' total is the outcome's cell: the same figure, shown or hidden alike.
    assert grounds.total == next(r.cell for r in outcomes.rows if r.key == "niet-behandeld")

    with pytest.raises(ValueError, match="must be one of the outcomes"):
        concluded_figures(
            EVERYTHING,
            municipalities=[gm9901()],
            period=this_year(),
            outcome_labels={"gegrond": "Gegrond"},
            refused_outcome=Outcome.NIET_BEHANDELD.value,
            ground_labels={},
            title="",
            refusal_title="",
        )


def test_referrals_to_the_ombudsman_per_judgement(world: None) -> None:
    if timezone.localdate().timetuple().tm_yday < 5:
        pytest.skip("the referrals must be made in this calendar year")
    cases = [refuse(complaint(n), RefusalGround.BEZWAAR) for n in range(7)]
    for case in cases:
        services.case_refer_to_ombudsman(case=case, scope=staff())
    services.case_record_ombudsman_outcome(
        case=cases[0], scope=staff(), judgement=Judgement.GEGROND, findings="Te laat gereageerd."
    )

    table = ombudsman_referrals(
        EVERYTHING,
        municipalities=[gm9901()],
        period=this_year(),
        judgement_labels={j.value: str(j.label) for j in Judgement} | {"": "Nog geen oordeel"},
        title="Ombudsman",
    )

    assert row(table, "") == "6"
    assert row(table, Judgement.GEGROND) == "< 5"
    assert str(table.total) == "7"
    only_hooglanden = AggregateScope(municipality_ids=frozenset({gm9901().pk + 1000}))
    with pytest.raises(FiguresRefused):
        ombudsman_referrals(
            only_hooglanden,
            municipalities=[gm9901()],
            period=this_year(),
            judgement_labels={},
            title="",
        )


def test_timeliness_counts_on_time_late_and_open_per_regime(world: None) -> None:
    if timezone.localdate().timetuple().tm_yday < 5:
        pytest.skip("the complaints must be received in this calendar year")
    cases = [complaint(n) for n in range(13)]
    terms = CaseDeadline.objects.filter(case__in=cases, regime="awb-klacht", superseded=False)
    assert terms.count() == 13
    ids = list(terms.order_by("pk").values_list("pk", flat=True))
    for pk in ids[:6]:
        term = CaseDeadline.objects.get(pk=pk)
        term.met_at = dt.datetime.combine(
            term.due, dt.time(23, 30), tzinfo=timezone.get_current_timezone()
        )
        term.save()
    for pk in ids[6:11]:
        term = CaseDeadline.objects.get(pk=pk)
        term.met_at = dt.datetime.combine(
            term.due + dt.timedelta(days=1), dt.time(0, 30), tzinfo=timezone.get_current_timezone()
        )
        term.save()
    # Two left open: one overdue (as of a day after its term), one still running.
    late_open, running = ids[11:]
    due = CaseDeadline.objects.get(pk=running).due
    CaseDeadline.objects.filter(pk=late_open).update(due=due - dt.timedelta(days=30))

    table = timeliness(
        EVERYTHING,
        municipalities=[gm9901()],
        period=this_year(),
        as_of=due,
        regime_labels={"awb-klacht": "Awb", "klachtenregeling-": "Aanbieders"},
        title="Termijnen",
        prefixes=("klachtenregeling-",),
    )

    cells = table.cells["awb-klacht"]
    assert str(cells["op-tijd"]) == "6"
    assert str(cells["te-laat"]) == "5"
    assert cells["open-verlopen"].hidden
    assert cells["open-lopend"].hidden
    # 13, unless hidden because the empty providers' row makes the rows' sum give it away.
    assert table.row_totals["awb-klacht"].value in (None, 13)
    rows = [r for r, _ in table.row_labels]
    assert sum(1 for r in rows if table.row_totals[r].hidden) != 1
    assert dict(table.row_labels)["__overig"] == "Overig"  # the service norms, unlabelled


def test_the_regional_split_and_the_municipalitys_own_tables_are_hidden_together(
    world: None,
) -> None:
    if timezone.localdate().timetuple().tm_yday < 5:
        pytest.skip("the cases must be received in this calendar year")
    for n in range(6):
        complaint(n, kind="signaal")
    for n in range(2):
        complaint(n, code="GM9902", kind="signaal")
    home = gm9901()
    region = list(Municipality.objects.filter(region=home.region))
    kinds = {k.value: str(k.label) for k in Kind}

    alone = breakdown(
        EVERYTHING,
        municipalities=[home],
        period=this_year(),
        field="kind",
        labels=kinds,
        title="Soort",
    )
    assert row(alone, "signaal") == "6"  # on its own, this table would show the 6

    figures = received_figures(
        EVERYTHING,
        municipality=home,
        region=region,
        period=this_year(),
        fields=(("kind", kinds, "Soort"), ("channel", {"web": "Website"}, "Kanaal")),
        region_field="kind",
        region_title="Per gemeente",
    )
    own, channels = figures.tables
    split = figures.region
    assert split is not None
    # Hooglanden's 2 is hidden; shown next to the region's 8 the 6 would give it away.
    assert str(split.column_totals["signaal"]) == "8"
    assert split.cells["GM9902"]["signaal"].hidden
    assert split.cells["GM9901"]["signaal"].hidden
    assert row(own, "signaal") == "< 5"
    # Every table of the municipality has the split's row total as its total.
    assert own.total == split.row_totals["GM9901"] == channels.total
    assert split.row_totals["GM9901"].hidden  # else 8 - 6 = Hooglanden's 2
    assert row(channels, "web") == "< 5"  # the only channel: it would be the hidden total

    # Only GM9901's figures: no split.
    mine = received_figures(
        EVERYTHING,
        municipality=home,
        region=[home],
        period=this_year(),
        fields=(("kind", kinds, "Soort"),),
        region_field="kind",
        region_title="Per gemeente",
    )
    assert mine.region is None
    assert row(mine.tables[0], "signaal") == "6"
    assert str(mine.tables[0].total) == "6"
