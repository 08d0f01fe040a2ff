"""Emerging topics and named themes: a planted group of complaints about one new thing is found
among complaints about known topics, shown without the people in it, named as a theme by a
coordinator, and from then on counted as that theme.

The planted thing is the new stadspas app. The issue's example, "de nieuwe regiotaxi-app werkt
niet", fits a known theme in the demo region (the directory's topic Vervoer knows the word
"regiotaxi"), so it never emerges: that is tested too."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from regie.cases import services
from regie.cases.models import Case
from regie.directory.models import Municipality
from regie.learning.common import LearningError, PermissionRefused
from regie.learning.emerging import emerging_topics
from regie.learning.models import Theme
from regie.learning.themes import KnownThemes, case_text, theme_counts, theme_name
from regie.learning.trends import week_start, weeks_between

pytestmark = pytest.mark.django_db

PAGE = "/werk/leren/GM9901/onderwerpen"

# Six residents about the new stadspas app, each with personal data in what they wrote.
PLANTED = [
    (
        "Ilse Vermeulen",
        "ilse.vermeulen@example.nl",
        "06-23456781",
        "Stadspas-app doet het niet",
        "De nieuwe stadspas-app werkt niet. Ik kan niet inloggen en zie mijn tegoed niet. "
        "Mijn naam is Ilse Vermeulen, BSN 123456782.",
    ),
    (
        "Kees Hoogendoorn",
        "kees.hoogendoorn@example.nl",
        "06-34567812",
        "Tegoed stadspas weg",
        "Sinds de nieuwe app van de stadspas zie ik mijn tegoed niet meer. Inloggen lukt niet. "
        "Bel mij op 06 3456 7812, Kees Hoogendoorn.",
    ),
    (
        "Nadia Bouzid",
        "nadia.bouzid@example.nl",
        "06-45678123",
        "Stadspas app",
        "De stadspas app geeft een foutmelding bij inloggen. Mijn tegoed voor de zwemles is "
        "niet te zien. Mail naar nadia.bouzid@example.nl.",
    ),
    (
        "Wouter Brinkhuis",
        "wouter.brinkhuis@example.nl",
        "06-56781234",
        "Inloggen stadspas-app",
        "Ik kan niet inloggen op de nieuwe stadspas-app. Zo kan ik het tegoed niet gebruiken. "
        "Groet, Wouter Brinkhuis, Lindelaan 14.",
    ),
    (
        "Sevda Arslan",
        "sevda.arslan@example.nl",
        "06-67812345",
        "App stadspas werkt niet",
        "De app van de stadspas werkt niet op mijn telefoon. Inloggen mislukt elke keer en "
        "mijn tegoed is weg. BSN 987654321.",
    ),
    (
        "Gijs Terpstra",
        "gijs.terpstra@example.nl",
        "06-78123456",
        "Stadspas tegoed",
        "Mijn tegoed op de stadspas staat niet in de nieuwe app. Het inloggen gaat mis. "
        "Gijs Terpstra, telefoon 0678123456.",
    ),
]

# Thirty complaints about things the directory's topics know.
KNOWN = [
    f"{opening} {topic}"
    for opening in ("Ik heb een probleem:", "Graag uw hulp.", "Ik ben boos.")
    for topic in (
        "De taxi naar de dagbesteding kwam een uur te laat.",
        "Mijn huishoudelijke hulp is al drie weken niet geweest.",
        "Ik heb schulden en de deurwaarder staat voor de deur.",
        "Mijn rolstoel is kapot en niemand repareert hem.",
        "Mijn uitkering is nog steeds niet betaald.",
        "Mijn zoon wacht al maanden op jeugdhulp.",
        "Ik vraag een aanpassing van de badkamer aan, maar hoor niets.",
        "Ik ben mantelzorger en overbelast.",
        "Het pgb is niet uitbetaald aan mijn zorgverlener.",
        "De consulent was onbeleefd aan de balie.",
    )
]

# Things that fit no known theme but that nobody else wrote about: noise, never a topic.
LONERS = [
    "Het dak van de flat lekt bij elke regenbui.",
    "De lantaarnpaal in onze straat is al een maand stuk.",
    "Er ligt steeds hondenpoep in het speeltuintje.",
]


def plant(new_case: Any) -> dict[str, list[Case]]:
    planted = [
        new_case(
            kind="klacht",
            subject=subject,
            description=description,
            submitter=services.Person(name=name, email=email, phone=phone),
        )
        for name, email, phone, subject, description in PLANTED
    ]
    known = [new_case(kind="signaal", description=text) for text in KNOWN]
    loners = [new_case(kind="signaal", description=text) for text in LONERS]
    return {"planted": planted, "known": known, "loners": loners}


def gm9901() -> Municipality:
    return Municipality.objects.get(code="GM9901")


def coordinator() -> User:
    return User.objects.get(username="coordinator")


def test_the_planted_group_is_found_among_known_topics_and_noise(new_case: Any) -> None:
    cases = plant(new_case)
    known = KnownThemes(gm9901().pk)
    assert all(known.fits(case_text(c.subject, c.description)) for c in cases["known"])
    assert not any(known.fits(case_text(c.subject, c.description)) for c in cases["planted"])

    topics = emerging_topics(Case.objects.filter(municipality=gm9901()), timezone.localdate())

    assert len(topics) == 1
    topic = topics[0]
    assert {c.reference for c in topic.cases} == {c.reference for c in cases["planted"]}
    assert topic.size == 6
    assert {"stadspas", "tegoed"} <= set(topic.terms)
    assert 2 <= len(topic.sentences) <= 3
    shown = " ".join(topic.sentences + topic.terms)
    for name, email, phone, _subject, _description in PLANTED:
        for secret in (*name.split(), email, phone):
            assert secret not in shown
    for secret in ("123456782", "987654321", "Lindelaan"):
        assert secret not in shown


def test_the_issue_example_fits_the_known_topic_vervoer(new_case: Any) -> None:
    known = KnownThemes(gm9901().pk)
    assert known.fits("De nieuwe regiotaxi-app werkt niet")
    # "werkt" shares its stem with the topic Werk zoeken's "werk", yet is no match.
    assert not known.fits("De nieuwe stadspas-app werkt niet")


def test_old_cases_and_other_municipalities_do_not_emerge(new_case: Any) -> None:
    plant(new_case)
    later = timezone.localdate() + dt.timedelta(weeks=9)
    assert emerging_topics(Case.objects.filter(municipality=gm9901()), later) == []
    other = Case.objects.filter(municipality__code="GM9902")
    assert emerging_topics(other, timezone.localdate()) == []


def test_the_page_shows_the_topic_without_the_people_in_it(login: Any, new_case: Any) -> None:
    cases = plant(new_case)
    response = login("coordinator").get(PAGE)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Onderwerp 1: stadspas, " in html
    for case in cases["planted"]:
        assert f'href="/werk/zaken/{case.reference}"' in html
    for case in cases["known"] + cases["loners"]:
        assert case.reference not in html
    for name, email, phone, _subject, _description in PLANTED:
        for secret in (*name.split(), email, phone, phone.replace("-", "")):
            assert secret not in html, secret
    for secret in ("123456782", "987654321", "Lindelaan", "06 3456 7812"):
        assert secret not in html
    assert "De gemeente heeft nog geen thema's." in html


def test_naming_a_theme_creates_it_and_the_texts_then_fit_it(login: Any, new_case: Any) -> None:
    cases = plant(new_case)
    client = login("coordinator")
    key = str(min(c.pk for c in cases["planted"]))
    # The form is prefilled with the top terms.
    assert f'name="onderwerp-{key}-keywords"' in client.get(PAGE).content.decode()

    response = client.post(
        PAGE,
        {
            "formulier": key,
            f"onderwerp-{key}-name": "  Stadspas-app ",
            f"onderwerp-{key}-keywords": "Stadspas\ntegoed, stadspas-app\n\n",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == PAGE + "#themas-titel"
    theme = Theme.objects.get(municipality=gm9901())
    assert theme.name == "Stadspas-app"
    assert theme.keywords == ["stadspas", "tegoed", "stadspas-app"]
    assert theme.created_by == coordinator()
    known = KnownThemes(gm9901().pk)
    assert all(known.fits(case_text(c.subject, c.description)) for c in cases["planted"])
    assert emerging_topics(Case.objects.filter(municipality=gm9901()), timezone.localdate()) == []

    page = client.get(PAGE).content.decode()
    assert "Het thema Stadspas-app is opgeslagen." in page
    assert "Er zijn nu geen nieuwe onderwerpen." in page
    assert '<th class="utrecht-table__cell" scope="row" role="rowheader">Stadspas-app</th>' in page
    assert '<td class="utrecht-table__cell" role="cell">6</td>' in page  # this week and total


def test_theme_counts_are_weekly(new_case: Any) -> None:
    plant(new_case)
    new_case(
        description="Mijn stadspas is kwijt.",
        received_at=timezone.now() - dt.timedelta(weeks=2),
    )
    new_case(municipality="GM9902", description="Ook in Hooglanden: de stadspas-app hapert.")
    theme = theme_name(
        by=coordinator(), municipality=gm9901(), name="Stadspas", keywords=["stadspas"]
    )
    today = timezone.localdate()
    weeks = weeks_between(week_start(today) - dt.timedelta(weeks=3), today)

    counts = theme_counts(Case.objects.all(), theme, weeks)

    assert counts == (0, 1, 0, 6)


def test_bad_input_gives_dutch_errors_and_creates_nothing(login: Any, new_case: Any) -> None:
    client = login("coordinator")
    response = client.post(
        PAGE, {"formulier": "nieuw", "nieuw-name": " ", "nieuw-keywords": " , \n"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er zijn 2 problemen" in html
    assert "Geef het thema een naam." in html
    assert "Vul minstens één zoekwoord in." in html
    assert 'href="#id_nieuw-name"' in html
    assert not Theme.objects.exists()

    bad = {
        "x" * 101: ["stadspas"],
        "Nul\x00": ["stadspas"],
        "Te veel": [f"woord{n}" for n in range(21)],
        "Te lang": ["w" * 101],
        "Geen woord": ["?!"],
        "Onzichtbaar": ["stads\x00pas"],
    }
    for name, keywords in bad.items():
        with pytest.raises(LearningError) as refused:
            theme_name(by=coordinator(), municipality=gm9901(), name=name, keywords=keywords)
        assert set(refused.value.errors) <= {"name", "keywords"}
    assert not Theme.objects.exists()

    theme_name(by=coordinator(), municipality=gm9901(), name="Stadspas", keywords=["stadspas"])
    response = client.post(
        PAGE, {"formulier": "nieuw", "nieuw-name": "stadspas", "nieuw-keywords": "pas"}
    )
    assert "Er is al een thema met deze naam in" in response.content.decode()
    assert Theme.objects.count() == 1

    # A topic that is gone meanwhile (new cases regrouped the texts): its form comes back in
    # the place of the own form, so the error summary's links still lead to the fields.
    response = client.post(PAGE, {"formulier": "999999", "onderwerp-999999-name": "Pas"})
    html = response.content.decode()
    assert 'href="#id_onderwerp-999999-keywords"' in html
    assert 'id="id_onderwerp-999999-keywords"' in html
    assert 'value="Pas"' in html

    response = client.post(
        PAGE, {"formulier": "nieuw", "nieuw-name": "Leefgeld", "nieuw-keywords": "leefgeld"}
    )
    assert response.status_code == 302
    assert Theme.objects.get(name="Leefgeld").keywords == ["leefgeld"]


def test_who_may_not_learn_about_the_municipality_gets_404(login: Any, new_case: Any) -> None:
    plant(new_case)
    data = {"formulier": "nieuw", "nieuw-name": "Stadspas", "nieuw-keywords": "stadspas"}
    for username in ("coordinator-hooglanden", "behandelaar", "anker"):
        client = login(username)
        assert client.get(PAGE).status_code == 404
        assert client.post(PAGE, data).status_code == 404
    assert login("coordinator").get("/werk/leren/GM0000/onderwerpen").status_code == 404
    assert not Theme.objects.exists()
    with pytest.raises(PermissionRefused):
        theme_name(
            by=User.objects.get(username="behandelaar"),
            municipality=gm9901(),
            name="Stadspas",
            keywords=["stadspas"],
        )
