"""The wegwijzer selector reads a resident's own words: accents, capitals, punctuation and
Dutch inflection do not matter, whole words do."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regie.directory.models import Municipality, Topic
from regie.directory.wegwijzer import (
    Question,
    TopicIndex,
    WegwijzerError,
    normalise,
    tokens,
    wegwijzer_answer,
)

pytestmark = pytest.mark.usefixtures("world")


def answer(code: str, **question: str) -> object:
    return wegwijzer_answer(
        municipality=Municipality.objects.get(code=code), question=Question(**question)
    )


def best(code: str, **question: str) -> tuple[str, str]:
    """(slug of who helps, topic slug or domain) of the best result."""
    found = answer(code, **question).results[0]  # type: ignore[attr-defined]
    return found.responsible.slug, found.topic.slug if found.topic else found.domain


def test_normalising_drops_case_and_accents() -> None:
    assert normalise("Cliëntondersteuning") == "clientondersteuning"
    assert [t.word for t in tokens("Taxi's, WMO-vervoer!")] == ["taxi", "s", "wmo", "vervoer"]


def topics_matched(text: str) -> set[str]:
    topics = list(Topic.objects.all())
    slugs = {t.pk: t.slug for t in topics}
    return {slugs[m.topic_id] for m in TopicIndex(topics).matches(text)}


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("mijn huishoudelijke hulp komt steeds niet", "huishoudelijke-hulp"),
        ("De THUISZORG komt niet schoonmaken", "huishoudelijke-hulp"),
        ("de thuiszorgmedewerker was onbeleefd", "huishoudelijke-hulp"),  # a compound
        ("ik heb schulden", "schulden"),
        ("de deurwaarders staan voor de deur", "schulden"),  # plural
        ("ik krijg boetes", "terugvordering"),  # plural in -s
        ("de rolstoelen zijn kapot", "hulpmiddelen"),
        ("mijn cliëntondersteuner zegt: pgb!", "pgb"),
        ("de ambtenaar was onvriendelijk", "klacht-over-de-gemeente"),
    ],
)
def test_a_word_matches_its_topic_also_when_inflected(text: str, topic: str) -> None:
    assert topic in topics_matched(text)


def test_a_word_read_again_matches_as_the_first_time_and_the_memory_is_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from regie.directory.wegwijzer import words

    index = TopicIndex(list(Topic.objects.all()))
    text = "de thuiszorgmedewerker en de schuldhulpverlener, weer de thuiszorgmedewerker"
    first = index.matches(text)
    assert {m.quote for m in first} >= {"thuiszorgmedewerker"}
    assert index.matches(text) == first  # the second reading comes from what it kept
    monkeypatch.setattr(words, "_COMPOUNDS_KEPT", 3)
    for n in range(10):
        index.matches(f"onbekendewoordvorm{n} thuiszorgmedewerker")
        assert len(index._compounds) <= 3
    assert index.matches(text) == first


def test_a_keyword_inside_an_unrelated_word_does_not_match() -> None:
    # "werk" (finding work) hides in "huiswerk"; short keywords never count inside a compound.
    assert topics_matched("mijn zoon heeft veel huiswerk") == {"jeugdhulp"}
    assert topics_matched("ik heb een vraag") == set()


def test_a_phrase_counts_once_even_when_its_words_match_other_keywords() -> None:
    found = answer("GM9901", q="mijn huishoudelijke hulp komt steeds niet")
    assert found.results[0].reasons == (  # type: ignore[attr-defined]
        "U schreef 'huishoudelijke hulp': dat gaat over huishoudelijke hulp.",
    )


def test_home_care_is_het_anker_and_youth_care_de_linde_in_aa_en_zee() -> None:
    assert best("GM9901", q="mijn huishoudelijke hulp komt steeds niet") == (
        "het-anker",
        "huishoudelijke-hulp",
    )
    assert best("GM9901", q="mijn dochter heeft jeugdzorg nodig") == ("de-linde", "jeugdhulp")


def test_a_topic_without_its_own_arrangement_falls_back_to_its_domain() -> None:
    found = answer("GM9902", q="ik heb schulden").results[0]  # type: ignore[attr-defined]
    assert found.responsible.slug == "sociale-dienst"
    assert found.domain == "schuldhulp"
    assert found.topic is None
    assert "geen aparte afspraak" in found.reasons[-1]


def test_a_chosen_topic_wins_over_the_words() -> None:
    assert best("GM9901", q="ik heb schulden", topic="jeugdhulp") == ("de-linde", "jeugdhulp")


def test_a_chosen_domain_gives_its_team_and_then_its_separate_arrangements() -> None:
    results = answer("GM9901", domain="wmo").results  # type: ignore[attr-defined]
    assert [(r.responsible.slug, r.topic.slug if r.topic else None) for r in results] == [
        ("wmo", None),
        ("het-anker", "begeleiding"),
        ("het-anker", "huishoudelijke-hulp"),
    ]
    assert results[0].reasons == ("U koos 'Hulp en ondersteuning thuis (Wmo)'.",)


def test_a_chosen_domain_narrows_the_words() -> None:
    results = answer("GM9901", q="schulden en thuiszorg", domain="schuldhulp").results  # type: ignore[attr-defined]
    assert {r.domain for r in results} == {"schuldhulp"}


def test_nothing_matched_gives_the_municipality_and_a_suggestion() -> None:
    found = answer("GM9901", q="xyz qwerty")
    assert not found.matched  # type: ignore[attr-defined]
    (result,) = found.results  # type: ignore[attr-defined]
    assert result.domain == "overig"
    assert result.reasons == ("Wij vonden bij uw woorden geen onderwerp.",)
    assert "Bel de gemeente op 14 0000" in found.suggestion  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ({}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "x" * 501}, "q"),
        ({"domain": "belastingen"}, "domain"),
    ],
)
def test_a_question_that_cannot_be_answered_names_its_field(
    question: dict[str, str], field: str
) -> None:
    with pytest.raises(WegwijzerError) as caught:
        Question(**question)
    assert caught.value.field == field


def test_an_unknown_topic_is_named() -> None:
    with pytest.raises(WegwijzerError) as caught:
        answer("GM9901", topic="bestaat-niet")
    assert caught.value.field == "topic"


def test_the_answer_takes_four_queries_whatever_it_names() -> None:
    """The directory's generation, the responsibilities, their support organisations and
    every channel; the topics only once for as long as the directory stays the same."""
    municipality = Municipality.objects.get(code="GM9901")
    wegwijzer_answer(municipality=municipality, question=Question(q="thuiszorg"))
    for question in (
        Question(q="thuiszorg schulden jeugdhulp bijstand rolstoel"),
        Question(domain="wmo"),
        Question(q="xyz"),
    ):
        with CaptureQueriesContext(connection) as queries:
            wegwijzer_answer(municipality=municipality, question=question)
        assert len(queries) == 4, [q["sql"] for q in queries.captured_queries]
    Topic.objects.filter(slug="vervoer").update(name="Vervoer op maat")
    with CaptureQueriesContext(connection) as queries:
        wegwijzer_answer(municipality=municipality, question=Question(q="xyz"))
    assert "directory_topic" in queries.captured_queries[1]["sql"]
