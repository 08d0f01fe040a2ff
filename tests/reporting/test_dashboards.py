"""Cijfers (/bestuur): the figures equal the aggregate read's cells, hidden values never show
as digits, the filters, who gets a 404, and the council member who never reaches a case."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from regie.accounts.scope import scope_for_public_web
from regie.cases import aggregates, services
from regie.cases.aggregates import (
    Cell,
    Period,
    aggregate_scope_for_user,
    breakdown,
    crosstab,
)
from regie.directory.models import Municipality, Organisation
from regie.learning.models import Recommendation, RecommendationStatus
from regie.reporting.dashboards import Quarter, last_four_quarters, trend_sentence
from regie.vocabulary import Domain, Kind
from tests.pages import field_error

pytestmark = pytest.mark.usefixtures("world")

URL = "/bestuur"


def plant(
    count: int, *, domain: str, received_at: dt.datetime | None = None, **extra: Any
) -> list[Any]:
    """`count` written complaints with a name, an e-mail address and a street."""
    municipality = Municipality.objects.get(code=extra.get("municipality", "GM9901"))
    cases = []
    for n in range(count):
        request = services.IntakeRequest(
            municipality=municipality,
            kind="klacht",
            channel="web",
            domain=domain,
            subject=f"Geplante klacht {domain} {n}",
            description="De taxi kwam weer niet. Ik heb drie keer gebeld.",
            submitter=services.Person(
                name=f"Gerrit Plantinga {domain} {n}", email=f"plant.{domain}.{n}@example.nl"
            ),
            received_at=received_at,
        )
        cases.append(services.case_intake(scope=scope_for_public_web(), request=request).case)
    return cases


def cell_text(page: str, slug: str, key: str) -> str:
    found = re.search(rf'data-cel="{re.escape(slug)}:{re.escape(key)}">(.*?)</td>', page, re.S)
    assert found, f"no cell {slug}:{key}"
    return unescape(found.group(1)).strip()


def text_of(page: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", page))


def get(client: Client, **params: str) -> Any:
    return client.get(URL, params)


# Figures ------------------------------------------------------------------------------------


def test_the_figures_are_the_aggregate_cells(login: Any) -> None:
    plant(6, domain=Domain.WMO)
    plant(2, domain=Domain.JEUGD)
    client = login("wethouder")
    response = get(client)
    assert response.status_code == 200
    page = response.content.decode()

    from regie.accounts.selectors import user_by_username

    scope = aggregate_scope_for_user(user_by_username("wethouder"))
    gm9901 = Municipality.objects.get(code="GM9901")
    today = timezone.localdate()
    year = Period.parse(str(today.year))
    # The page counts each grouping in one table only (see dashboards.py): kinds in the
    # thermometer's quarter x kind table, domains in the providers' about x domain table.
    quarters = last_four_quarters(year, today)
    by_quarter = crosstab(
        scope,
        municipalities=[gm9901],
        period=Period("", quarters[0].period.first, quarters[-1].period.last),
        rows=("received_at__quarter", {q.key: q.short for q in quarters}),
        columns=("kind", dict(Kind.choices)),
        title="",
    )
    providers = Organisation.objects.filter(municipalities=gm9901, kind__in=["aanbieder", "gr"])
    by_provider = crosstab(
        scope,
        municipalities=[gm9901],
        period=year,
        rows=("about", {"None": ""} | {str(o.pk): o.name for o in providers}),
        columns=("domain", dict(Domain.choices)),
        title="",
    )
    for slug, table in [("soorten", by_quarter), ("domeinen", by_provider)]:
        for key, _ in table.column_labels:
            assert cell_text(page, slug, key) == str(table.column_totals[key]), (slug, key)
        assert cell_text(page, slug, "totaal") == str(table.total)
    # ... and they agree with a plain breakdown by domain here.
    plain = breakdown(
        scope,
        municipalities=[gm9901],
        period=year,
        field="domain",
        labels=dict(Domain.choices),
        title="",
    )
    for row in plain.rows:
        assert cell_text(page, "domeinen", row.key) == str(row.cell)

    assert cell_text(page, "domeinen", Domain.WMO) == "6"
    assert cell_text(page, "domeinen", Domain.JEUGD) == "< 5"
    assert cell_text(page, "domeinen", "totaal") == "8"


def test_a_hidden_value_never_appears_as_a_number(login: Any) -> None:
    plant(6, domain=Domain.WMO)
    plant(2, domain=Domain.JEUGD)
    page = get(login("wethouder"), domein=Domain.JEUGD).content.decode()
    # Only the two jeugd complaints are counted: every figure is hidden, the total too.
    assert cell_text(page, "domeinen", Domain.JEUGD) == "< 5"
    assert cell_text(page, "domeinen", "totaal") == "< 5"
    assert ">2<" not in page
    assert not re.search(r"\b2 (klachten|zaken)\b", text_of(page))
    assert "minder dan 5 klachten" in text_of(page)
    # The chart draws the hidden bar as a hatched box, and reads it out as "minder dan 5".
    assert 'fill="url(#domeinen-arcering)"' in page
    assert re.search(r'aria-label="[^"]*Jeugd: minder dan 5 zaken', page)

    page = get(login("wethouder")).content.decode()
    assert not re.search(r"Jeugd: 2\b", page)
    assert cell_text(page, "domeinen", Domain.JEUGD) == "< 5"


def test_the_thermometer_compares_quarters_only_when_both_are_visible(login: Any) -> None:
    today = timezone.localdate()
    quarters = last_four_quarters(Period.parse(str(today.year)), today)
    previous = quarters[-2].period
    moment = dt.datetime.combine(previous.first + dt.timedelta(days=10), dt.time(10), tzinfo=dt.UTC)
    plant(6, domain=Domain.WMO, received_at=moment)
    plant(9, domain=Domain.WMO)
    text = " ".join(text_of(get(login("raadslid")).content.decode()).split())
    current, before = quarters[-1], quarters[-2]
    assert f"{current.name[0].upper()}{current.name[1:]}" not in text  # sentences start "In …"
    assert f"In {current.name} kwamen er tot nu toe 9 klachten binnen" in text
    ordinal = ["", "eerste", "tweede", "derde", "vierde"][before.number]
    assert f"3 meer dan in het {ordinal} kwartaal" in text
    assert f"In {before.name} kwamen er 6 klachten binnen" in text
    earliest = quarters[0]
    assert f"In {earliest.name} kwamen er minder dan 5 klachten binnen." in text


def test_a_sentence_never_computes_with_a_hidden_value() -> None:
    this = Quarter(Period.parse("2025-Q3"), 2025, 3, running=False)
    before = Quarter(Period.parse("2025-Q2"), 2025, 2, running=False)
    assert trend_sentence(this, Cell(42, 5), before, Cell(34, 5)) == (
        "In het derde kwartaal van 2025 kwamen er 42 klachten binnen, 8 meer dan in het "
        "tweede kwartaal."
    )
    assert trend_sentence(this, Cell(None, 5), before, Cell(34, 5)) == (
        "In het derde kwartaal van 2025 kwamen er minder dan 5 klachten binnen."
    )
    assert trend_sentence(this, Cell(12, 5), before, Cell(None, 5)) == (
        "In het derde kwartaal van 2025 kwamen er 12 klachten binnen; in het tweede kwartaal "
        "waren het er minder dan 5."
    )
    assert trend_sentence(this, Cell(30, 5), before, Cell(34, 5)).endswith(
        ", 4 minder dan in het tweede kwartaal."
    )


def test_the_four_quarters_end_at_the_period_or_today() -> None:
    today = dt.date(2026, 11, 30)
    labels = [q.period.label for q in last_four_quarters(Period.parse("2026"), today)]
    assert labels == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    labels = [q.period.label for q in last_four_quarters(Period.parse("2026-Q2"), today)]
    assert labels == ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]
    assert [q.running for q in last_four_quarters(Period.parse("2026"), today)][-1] is True


# Filters ------------------------------------------------------------------------------------


def test_filter_by_period_and_domain(login: Any) -> None:
    plant(6, domain=Domain.WMO)
    client = login("wethouder")
    last_year = str(timezone.localdate().year - 1)
    page = get(client, periode=last_year).content.decode()
    assert cell_text(page, "domeinen", Domain.WMO) == "< 5"  # nothing came in then
    assert f"U kijkt naar {last_year}" in text_of(page)
    page = get(client, domein=Domain.WMO).content.decode()
    assert cell_text(page, "domeinen", Domain.WMO) == "6"
    page = get(client, domein=Domain.JEUGD).content.decode()
    assert cell_text(page, "domeinen", Domain.WMO) == "< 5"
    today = timezone.localdate()
    quarter = Period.parse(f"{today.year}-Q{(today.month - 1) // 3 + 1}")
    page = get(client, periode=quarter.label.lower()).content.decode()
    assert cell_text(page, "domeinen", Domain.WMO) == "6"


@pytest.mark.parametrize("period", ["2025-Q5", "volgend jaar", "20255", "1800", "3000", "x" * 30])
def test_a_bad_period_gives_a_dutch_error_and_no_figures(login: Any, period: str) -> None:
    response = get(login("wethouder"), periode=period)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Schrijf een jaar (2025) of een kwartaal (2025-Q3)." in field_error(page, "periode")
    assert "Er is 1 probleem" in page
    assert "Thermometer" not in page


def test_a_period_that_has_not_started_is_refused(login: Any) -> None:
    page = get(login("wethouder"), periode=str(timezone.localdate().year + 1)).content.decode()
    assert field_error(page, "periode").startswith("Deze periode is nog niet begonnen.")


def test_an_unknown_domain_is_a_form_error(login: Any) -> None:
    page = get(login("wethouder"), domein="ruimte").content.decode()
    assert field_error(page, "domein") == "Kies een domein uit de lijst."


# Who may see it -----------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["behandelaar", "kcc", "anker", "privacy"])
def test_people_without_figures_access_get_404(login: Any, username: str) -> None:
    assert get(login(username)).status_code == 404


def test_anonymous_people_are_sent_to_the_login(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen")


@pytest.mark.parametrize("code", ["GM9902", "GM0000"])
def test_another_municipality_is_404(login: Any, code: str) -> None:
    assert get(login("wethouder"), gemeente=code).status_code == 404


def test_a_coordinator_sees_their_own_municipality(login: Any) -> None:
    plant(5, domain=Domain.WMO, municipality="GM9902")
    page = get(login("coordinator-hooglanden"), gemeente="GM9902").content.decode()
    assert cell_text(page, "domeinen", Domain.WMO) == "5"
    assert get(login("coordinator-hooglanden"), gemeente="GM9901").status_code == 404


def test_the_council_gets_the_thermometer_but_not_the_management_figures(login: Any) -> None:
    page = get(login("raadslid")).content.decode()
    assert "Thermometer" in page
    assert 'id="aanbieders-titel"' not in page
    assert 'id="aanbevelingen-titel"' not in page
    assert 'id="uitkomsten-titel"' not in page


def test_the_college_sees_providers_and_recommendations_with_overdue_marked(login: Any) -> None:
    from regie.accounts.selectors import user_by_username

    gm9901 = Municipality.objects.get(code="GM9901")
    today = timezone.localdate()
    Recommendation.objects.create(
        municipality=gm9901,
        title="Vervoer vooraf bellen",
        owner="Team Wmo",
        due_date=today - dt.timedelta(days=7),
        status=RecommendationStatus.IN_PROGRESS,
        created_by=user_by_username("coordinator"),
    )
    page = get(login("wethouder")).content.decode()
    assert 'id="aanbieders-titel"' in page
    assert "Thuiszorg Het Anker" in page
    assert "De gemeente zelf" in page
    row = re.search(r"Vervoer vooraf bellen.*?</tr>", page, re.S)
    assert row is not None
    assert "te laat" in row.group(0)
    assert "In uitvoering" in row.group(0)


def test_the_navigation_offers_cijfers_to_those_with_figures_access(login: Any) -> None:
    assert 'href="/bestuur"' in login("wethouder").get("/bestuur").content.decode()
    assert 'href="/bestuur" aria-current="page">Cijfers' in get(login("raadslid")).content.decode()
    assert 'href="/bestuur"' not in login("behandelaar").get("/werk").content.decode()


def test_the_dashboard_links_to_the_released_casuistry(login: Any) -> None:
    for user in ("wethouder", "raadslid"):
        page = get(login(user)).content.decode()
        assert 'href="/bestuur/GM9901/casuistiek"' in page, user


def test_the_annual_report_link(login: Any) -> None:
    try:
        expected = reverse(
            "reporting:report_download",
            kwargs={"municipality": "GM9901", "kind": "annual", "period": "2025", "fmt": "pdf"},
        )
    except NoReverseMatch:
        pytest.skip("the download view (reporting:report_download) does not exist yet")
    page = get(login("wethouder"), periode="2025").content.decode()
    assert f'href="{expected}"' in page


# The council member never reaches a case ----------------------------------------------------


def test_the_council_member_reaches_no_case_and_no_personal_data(login: Any) -> None:
    planted = plant(6, domain=Domain.WMO) + plant(2, domain=Domain.JEUGD)
    client = login("raadslid")
    page = get(client).content.decode()
    for case in planted:
        assert case.reference not in page
        assert case.submitter_name not in page
        assert case.submitter_email not in page
        assert case.subject not in page
        assert client.get(f"/werk/zaken/{case.reference}").status_code == 404
    assert client.get("/werk/leren").status_code == 404
    # The worklist is the landing page after login; someone without case access is sent on
    # to the figures (web/worklist.py), and cannot register a case either.
    worklist = client.get("/werk")
    assert client.get("/werk/nieuw").status_code == 404
    assert worklist.status_code == 302  # to the figures (web.worklist)
    assert worklist["Location"] == "/bestuur"
    for case in planted:
        assert case.reference not in worklist.content.decode()
    # The API knows no logged-in people, only API clients: a council member gets nothing.
    for path in ["/api/v1/cases", f"/api/v1/cases/{planted[0].reference}"]:
        response = client.get(path)
        assert response.status_code in (401, 403, 404)
        assert planted[0].reference not in response.content.decode()


@pytest.mark.parametrize("period", ["2025", "2025-Q1", "2025-q4", " 2026-Q2 "])
def test_every_year_and_quarter_shows_its_figures(login: Any, period: str) -> None:
    plant(5, domain=Domain.WMO)
    response = get(login("wethouder"), periode=period)
    assert response.status_code == 200
    page = response.content.decode()
    assert field_error(page, "periode") == ""
    assert "Thermometer" in page
    assert cell_text(page, "soorten", "totaal") == "< 5"  # nothing came in then


def test_timeliness_shows_the_aggregate_terms(login: Any) -> None:
    from regie.accounts.selectors import user_by_username
    from regie.reporting.dashboards import regime_labels

    plant(6, domain=Domain.WMO)
    page = get(login("wethouder")).content.decode()
    scope = aggregate_scope_for_user(user_by_username("wethouder"))
    terms = aggregates.timeliness(
        scope,
        municipalities=[Municipality.objects.get(code="GM9901")],
        period=Period.parse(str(timezone.localdate().year)),
        as_of=timezone.localdate(),
        regime_labels=regime_labels(),
        prefixes=("klachtenregeling-",),
        title="",
    )
    assert terms.total.value  # the planted complaints have terms
    for key, _ in terms.column_labels:
        assert cell_text(page, "tijdigheid", key) == str(terms.column_totals[key])
    assert cell_text(page, "tijdigheid", "totaal") == str(terms.total)
