"""The public wegwijzer page (/wegwijzer), driven like a browser without JavaScript: a GET
form, results on the same page, and a link to /melden with the answers filled in."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from tests.pages import field_error

pytestmark = pytest.mark.usefixtures("world")


def ask(client: Client, **params: str) -> str:
    query = {"gemeente": "GM9901", "vraag": "", "onderwerp": "", **params}
    response = client.get("/wegwijzer", query)
    assert response.status_code == 200
    return response.content.decode()


def melden_link(page: str) -> dict[str, str]:
    found = re.search(r'href="(/melden\?[^"]+)">Meld het hier</a>', page)
    assert found, "no 'Meld het hier' button"
    query = parse_qs(urlsplit(html.unescape(found.group(1))).query)
    return {k: v[0] for k, v in query.items()}


def test_the_page_asks_for_municipality_words_and_topic_without_scripts(client: Client) -> None:
    page = client.get("/wegwijzer").content.decode()
    assert '<form class="utrecht-form regie-form" method="get"' in page
    assert "Waar gaat het over?" in page
    assert '<optgroup label="Kinderen, jongeren en gezin">' in page
    assert "<script" not in page.split("</head>")[1]  # no scripts in the body
    assert 'href="/wegwijzer" aria-current="page">Wegwijzer</a>' in page


def test_the_municipality_in_the_address_is_preselected(client: Client) -> None:
    page = client.get("/wegwijzer?gemeente=GM9902").content.decode()
    assert '<option value="GM9902" selected>Gemeente Hooglanden</option>' in page


def test_home_care_shows_the_provider_the_terms_and_the_route_to_the_ombudsman(
    client: Client,
) -> None:
    page = ask(client, vraag="mijn huishoudelijke hulp komt steeds niet", soort="klacht")

    assert "Wie helpt u in Gemeente Aa en Zee?" in page
    assert '<h3 class="utrecht-heading-3" id="wie-helpt">Thuiszorg Het Anker</h3>' in page
    assert "U schreef &#x27;huishoudelijke hulp&#x27;" in page
    assert 'href="tel:0000123450"' in page
    assert "binnen 3 werkdagen contact met u op" in page
    assert "Klachtenregeling Thuiszorg Het Anker 2025" in page
    steps = re.findall(r"<strong>(.*?)</strong> \((.*?)\)", page)
    assert steps[:3] == [
        ("Klacht bij Thuiszorg Het Anker", "binnen 6 weken"),
        (
            "Klacht bij de gemeente",
            "binnen 6 weken; de gemeente mag dit één keer met 4 weken verlengen en laat u dat "
            "dan weten",
        ),
        ("Naar de Nationale ombudsman", "binnen een jaar na het antwoord van de gemeente"),
    ]
    assert "De gemeente volgt elke melding" in page


def test_meld_het_hier_carries_what_the_resident_told(client: Client) -> None:
    page = ask(client, vraag="mijn huishoudelijke hulp komt steeds niet", soort="klacht")

    assert melden_link(page) == {
        "soort": "klacht",
        "gemeente": "GM9901",
        "domein": "wmo",
        "over": "het-anker",
        "tekst": "mijn huishoudelijke hulp komt steeds niet",
    }


def test_a_help_request_is_not_about_the_provider(client: Client) -> None:
    link = melden_link(ask(client, vraag="de thuiszorg komt niet schoonmaken", soort="hulpvraag"))
    assert link["soort"] == "hulpvraag"
    assert "over" not in link


def test_debts_in_hooglanden_show_the_wgs_terms(client: Client) -> None:
    page = ask(client, gemeente="GM9902", vraag="de deurwaarder staat voor de deur")

    assert "Sociale Dienst Kust en Hooglanden" in page
    assert "Binnen 4 weken na uw hulpvraag" in page
    assert "Dan binnen 3 werkdagen." in page
    assert "Binnen 8 weken na het eerste gesprek" in page


def test_a_chosen_topic_answers_without_words(client: Client) -> None:
    page = ask(client, onderwerp="jeugdhulp")
    assert "Jeugdhulp De Linde" in page
    assert "U koos het onderwerp &#x27;Jeugdhulp&#x27;." in page
    assert "Vertrouwenspersoon jeugd (AKJ)" in page


def test_other_results_link_to_their_own_answer(client: Client) -> None:
    page = ask(client, vraag="schulden en jeugdhulp")
    assert "Dit kan ook over uw vraag gaan" in page
    assert re.search(r'href="/wegwijzer\?gemeente=GM9901&amp;(onderwerp|domein)=', page)


def test_words_that_match_nothing_get_the_municipality_and_a_suggestion(client: Client) -> None:
    page = ask(client, vraag="qwerty")
    assert "Wij weten niet zeker waar uw vraag over gaat." in page
    assert "Bel de gemeente op 14 0000" in page
    assert "Klachtenteam van Gemeente Aa en Zee" in page


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({}, "vraag", "Schrijf in een paar woorden waar het over gaat, of kies een onderwerp."),
        ({"vraag": "   "}, "vraag", "Schrijf in een paar woorden"),
        ({"vraag": "x" * 501}, "vraag", "Uw tekst is te lang. Gebruik hooguit 500 tekens"),
        ({"vraag": "nul\x00byte"}, "vraag", "onzichtbaar teken"),
        ({"onderwerp": "bestaat-niet"}, "onderwerp", "Kies een onderwerp uit de lijst."),
        ({"gemeente": "GM0000", "vraag": "schulden"}, "gemeente", "Kies een gemeente uit"),
        ({"gemeente": "", "vraag": "schulden"}, "gemeente", "Kies uw gemeente."),
        ({"vraag": "schulden", "soort": "bezwaar"}, "soort", "Kies een van de mogelijkheden"),
    ],
)
def test_bad_input_gets_a_dutch_message_at_its_field(
    client: Client, params: dict[str, str], field: str, message: str
) -> None:
    page = ask(client, **params)
    assert message in field_error(page, field)
    assert f'href="#id_{field}' in page  # the error summary links to the field
    assert "<title>Fout: " in page
    assert "Wie helpt u in" not in page


def test_an_unknown_domain_in_a_link_is_ignored(client: Client) -> None:
    page = ask(client, gemeente="GM9902", vraag="schulden", domein="belastingen")
    assert "Sociale Dienst Kust en Hooglanden" in page


def test_the_residents_words_stay_out_of_caches_and_search_engines(client: Client) -> None:
    response = client.get("/wegwijzer", {"gemeente": "GM9901", "vraag": "schulden"})
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_only_get_is_allowed(client: Client) -> None:
    assert client.post("/wegwijzer", {"vraag": "schulden"}).status_code == 405
