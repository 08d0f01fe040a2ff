"""The section "Mijn termijnen" on top of /werk (issue 10): a handler's own open cases by
their nearest term, each count a link to exactly those cases."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from regie.accounts.scope import scope_for_user
from regie.accounts.selectors import user_by_username
from regie.cases import deadlines as case_deadlines
from regie.cases import services
from regie.cases.models import Case, CaseDeadline
from regie.cases.selectors import week_end
from tests.pages import statements

ANNA = services.Person(name="Anna de Boer", email="anna@example.org", phone="0612345678")


def assign(case: Case, username: str = "behandelaar") -> Case:
    handler = user_by_username(username)
    return services.case_assign(case=case, scope=scope_for_user(handler), handler=handler)


def due_on(case: Case, day: dt.date, *, kind: str = "") -> None:
    """Move the case's open terms (or one kind of them) to `day`, as a postponement would."""
    terms = CaseDeadline.objects.filter(case=case, superseded=False, met_at__isnull=True)
    if kind:
        terms = terms.filter(type=kind)
    assert terms.update(due=day)
    case_deadlines.refresh_next_due(case, now=timezone.now())


@pytest.fixture
def complaint(new_case: Any) -> Any:
    """complaint(due=day, handler="behandelaar") → an assigned complaint whose terms (the
    acknowledgement, first contact and the handling) all fall on `day`."""

    def make(due: dt.date | None, handler: str = "behandelaar") -> Case:
        case = assign(new_case(kind="klacht", submitter=ANNA), handler)
        if due is not None:
            due_on(case, due)
        return case

    return make


def day_of(bucket: str, today: dt.date) -> dt.date | None:
    sunday = week_end(today)
    return {
        "te-laat": today - dt.timedelta(days=3),
        "vandaag": today,
        "deze-week": sunday,  # the same day as "vandaag" on a Sunday: see plant()
        "volgende-week": sunday + dt.timedelta(days=3),
        "later": sunday + dt.timedelta(days=30),
    }.get(bucket)


def the_section(page: str) -> str:
    start = page.index('id="termijnen-titel"')
    return page[start : page.index("</section>", start)]


def count_links(section: str) -> dict[str, str]:
    """The label before each count, and where its link goes."""
    return {
        label: html.unescape(href)
        for href, label in re.findall(
            r'<a class="utrecht-link utrecht-link--html-a" href="([^"]+)">(?:<strong>)?([^<(:]+)',
            section,
        )
    }


def listed(client: Client, href: str) -> set[str]:
    page = client.get(href).content.decode()
    return set(re.findall(r'data-label="Kenmerk" role="cell"><a [^>]*>([^<]+)</a>', page))


def test_each_count_links_to_exactly_those_cases(login: Any, new_case: Any, complaint: Any) -> None:
    today = timezone.localdate()
    planted: dict[str, set[str]] = {}
    for bucket, copies in [("te-laat", 2), ("vandaag", 1), ("deze-week", 1)]:
        for _ in range(copies):
            if bucket == "deze-week" and week_end(today) == today:
                continue  # on a Sunday this week has no day after today
            case = complaint(day_of(bucket, today))
            planted.setdefault(bucket, set()).add(case.reference)
    planted["volgende-week"] = {complaint(day_of("volgende-week", today)).reference}
    planted["later"] = {complaint(day_of("later", today)).reference}
    # A signal without contact details has no term at all.
    planted["geen"] = {assign(new_case(kind="signaal")).reference}
    new_case(kind="klacht", submitter=ANNA)  # nobody's: not counted

    client = login("behandelaar")
    section = the_section(client.get("/werk").content.decode())

    total = sum(len(refs) for refs in planted.values())
    assert f"U heeft {total} open zaken." in section
    links = count_links(section)
    labels = {
        "te-laat": "Te laat",
        "vandaag": "Vandaag",
        "deze-week": "Deze week ",
        "volgende-week": "Volgende week ",
        "later": "Later",
        "geen": "Zonder termijn",
    }
    for bucket, refs in planted.items():
        label = labels[bucket]
        assert label in links, bucket
        assert f"termijn={bucket}" in links[label]
        assert listed(client, links[label]) == refs, bucket
    assert "Te laat</strong>: 2 zaken" in section


def test_a_count_per_kind_of_term_links_to_that_term(login: Any, complaint: Any) -> None:
    today = timezone.localdate()
    next_week = day_of("volgende-week", today)
    assert next_week is not None
    # The acknowledgement is late, the handling itself is due next week.
    case = complaint(next_week)
    due_on(case, today - dt.timedelta(days=1), kind="ontvangstbevestiging")
    other = complaint(next_week)

    client = login("behandelaar")
    section = the_section(client.get("/werk").content.decode())

    # By the nearest term the first case is late, the other is due next week.
    links = count_links(section)
    assert listed(client, links["Te laat"]) == {case.reference}
    assert listed(client, links["Volgende week "]) == {other.reference}
    # Per kind (its own page, linked from the block) the handling of both falls next week.
    assert count_links(section)["Bekijk uw open termijnen per soort termijn"] == "/werk/termijnen"
    per_kind = client.get("/werk/termijnen").content.decode()
    handling = re.search(r"Afhandeling van de klacht</th>(.*?)</tr>", per_kind, re.S)
    assert handling is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", handling.group(1))
    assert [re.sub(r"<[^>]+>", "", c) for c in cells] == ["0", "0", "0", "2", "0"]
    href = html.unescape(re.findall(r'href="([^"]+)"', handling.group(1))[0])
    assert "termijnsoort=afhandeling" in href
    assert "termijn=volgende-week" in href
    assert listed(client, href) == {case.reference, other.reference}
    assert listed(client, "/werk?termijn=te-laat&termijnsoort=ontvangstbevestiging") == {
        case.reference
    }
    # Neither is a debt-help request: neither has a first conversation to plan.
    assert listed(client, "/werk?termijn=geen&termijnsoort=eerste-gesprek") == {
        case.reference,
        other.reference,
    }


def test_a_handler_sees_only_their_own_terms(login: Any, complaint: Any) -> None:
    today = timezone.localdate()
    mine = complaint(today)
    theirs = complaint(today, handler="coordinator")

    client = login("behandelaar")
    section = the_section(client.get("/werk").content.decode())

    assert "U heeft 1 open zaak." in section
    assert listed(client, count_links(section)["Vandaag"]) == {mine.reference}
    assert theirs.reference not in section


def test_a_closed_case_is_not_counted(login: Any, complaint: Any) -> None:
    case = complaint(timezone.localdate())
    Case.objects.filter(pk=case.pk).update(status="gesloten")

    section = the_section(login("behandelaar").get("/werk").content.decode())

    assert "geen open zaken op uw naam" in section


def test_someone_without_cases_gets_a_kind_sentence_not_an_empty_table(login: Any) -> None:
    section = the_section(login("kcc").get("/werk").content.decode())

    assert "Er staan nu geen open zaken op uw naam" in section
    assert "<table" not in section
    assert "<a " not in section


def test_a_bad_term_filter_is_ignored(login: Any, complaint: Any) -> None:
    today = timezone.localdate()
    late = complaint(today - dt.timedelta(days=2))
    later = complaint(today + dt.timedelta(days=40))

    client = login("behandelaar")
    response = client.get("/werk?wachtrij=mine&termijn=gisteren&termijnsoort=<b>")

    assert response.status_code == 200
    assert 'aria-invalid="true"' not in response.content.decode()
    assert listed(client, "/werk?wachtrij=mine&termijn=gisteren&termijnsoort=<b>") == {
        late.reference,
        later.reference,
    }


def test_the_term_filter_shows_in_the_form_and_the_heading(login: Any, complaint: Any) -> None:
    complaint(timezone.localdate() - dt.timedelta(days=2))

    page = login("behandelaar").get("/werk?wachtrij=mine&termijn=te-laat").content.decode()

    assert "Mijn zaken, te laat: 1 zaak" in page
    assert re.search(r'<option value="te-laat" selected>Te laat</option>', page)


def test_the_counts_cost_the_same_queries_for_few_or_many_cases(login: Any, complaint: Any) -> None:
    today = timezone.localdate()
    client = login("behandelaar")
    complaint(today)

    def queries() -> int:
        return statements(client, "/werk")

    queries()  # the first request after login notes the session's start (one write)
    few = queries()
    for days in (-5, 1, 9, 30):
        complaint(today + dt.timedelta(days=days))
    assert queries() == few


def test_the_page_per_kind_is_for_handlers_only(login: Any) -> None:
    assert login("kcc").get("/werk/termijnen").status_code == 200
    page = login("behandelaar").get("/werk/termijnen").content.decode()
    assert "Er staan nu geen open termijnen op uw naam." in page
    assert login("raadslid").get("/werk/termijnen").status_code == 302
