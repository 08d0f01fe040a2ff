"""The pages of investigations and recommendations: from a spike to a recommendation and an
investigation, the status on the overview, bad input, and who may not."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from regie.cases import services
from regie.directory.models import Organisation
from regie.learning.models import Investigation, Recommendation, RecommendationUpdate

pytestmark = pytest.mark.django_db


def _spike(new_case: Any) -> tuple[str, list[Any]]:
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    cases = [
        new_case(
            kind="klacht",
            about="het-anker",
            submitter=services.Person(name=f"Inwoner {n}", email=f"i{n}@example.nl"),
            subject=f"Thuiszorg kwam niet ({n})",
        )
        for n in range(6)
    ]
    anker = Organisation.objects.get(slug="het-anker").pk
    return f"reeks=aanbieder&waarde={anker}&week={monday.isoformat()}", cases


def test_from_a_spike_to_a_recommendation_and_its_status_on_the_overview(
    login: Any, new_case: Any
) -> None:
    query, _ = _spike(new_case)
    client = login("coordinator")
    spike_page = client.get(
        "/werk/leren/GM9901/"
        + query.replace("reeks=", "").replace("&waarde=", "/").replace("&week=", "/")
    ).content.decode()
    assert "Aanbeveling maken" in spike_page
    assert f"/werk/leren/GM9901/aanbevelingen/nieuw?{query}" in spike_page.replace("&amp;", "&")

    form = client.get(f"/werk/leren/GM9901/aanbevelingen/nieuw?{query}").content.decode()
    assert "Naar aanleiding van de stijging bij Thuiszorg Het Anker" in form
    due = (timezone.localdate() + dt.timedelta(days=60)).isoformat()
    anker = Organisation.objects.get(slug="het-anker").pk
    answer = client.post(
        f"/werk/leren/GM9901/aanbevelingen/nieuw?{query}",
        {
            "title": "Thuiszorg belt vooraf als de hulp niet komt",
            "owner": "Contractmanager Wmo",
            "due_date": due,
            "series": f"aanbieder:{anker}",
            "spike_week": query.rsplit("=", 1)[1],
        },
    )
    assert answer.status_code == 302
    made = Recommendation.objects.get()
    assert made.dimension == "aanbieder"
    assert made.value == str(anker)
    assert made.spike_week is not None

    page = client.get(answer["Location"]).content.decode()
    assert "Heeft het geholpen?" in page
    assert "nog niet uitgevoerd" in page
    overview = client.get("/werk/leren").content.decode()
    assert "Thuiszorg belt vooraf als de hulp niet komt" in overview
    assert "Nog niet begonnen" in overview

    done = client.post(answer["Location"], {"status": "uitgevoerd", "note": "Afspraak gemaakt."})
    assert done.status_code == 302
    assert "Uitgevoerd" in client.get("/werk/leren").content.decode()
    assert RecommendationUpdate.objects.count() == 2


def test_bad_input_gives_dutch_errors_and_writes_nothing(login: Any, new_case: Any) -> None:
    client = login("coordinator")
    answer = client.post(
        "/werk/leren/GM9901/aanbevelingen/nieuw",
        {"title": "", "owner": "", "due_date": "31-02-2026", "series": "kleur:rood"},
    )
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "Schrijf op wat er moet veranderen." in page
    assert "Vul een bestaande datum in" in page
    assert "Kies een reeks uit de lijst." in page
    assert not Recommendation.objects.exists()

    answer = client.post(
        "/werk/leren/GM9901/onderzoeken/nieuw",
        {"title": "x" * 300, "question": "", "basis": "zomaar", "references": "GM9901-ZZZ"},
    )
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "Gebruik hooguit 200 tekens." in page
    assert "Schrijf de onderzoeksvraag op." in page
    assert "Kies de aanleiding." in page
    assert not Investigation.objects.exists()
    answer = client.post(
        "/werk/leren/GM9901/onderzoeken/nieuw",
        {"title": "T", "question": "V", "basis": "213a", "references": "GM9901-ZZZ"},
    )
    assert answer.status_code == 200
    assert "GM9901-ZZZ" in answer.content.decode()
    assert not Investigation.objects.exists()


def test_an_investigation_from_a_spike_holds_its_cases(login: Any, new_case: Any) -> None:
    query, cases = _spike(new_case)
    client = login("coordinator")
    form = client.get(f"/werk/leren/GM9901/onderzoeken/nieuw?{query}").content.decode()
    for case in cases:
        assert case.reference in form
    answer = client.post(
        "/werk/leren/GM9901/onderzoeken/nieuw",
        {
            "title": "Thuiszorg Het Anker",
            "question": "Waarom kwam de thuiszorg niet?",
            "basis": "signaal",
            "references": "\n".join(c.reference for c in cases[:4]),
        },
    )
    assert answer.status_code == 302
    page = client.get(answer["Location"]).content.decode()
    assert "Zaken (4)" in page
    added = client.post(
        answer["Location"], {"actie": "toevoegen", "toevoegen-more": cases[5].reference}
    )
    assert added.status_code == 302
    closed = client.post(answer["Location"], {"actie": "afronden", "afronden-findings": ""})
    assert closed.status_code == 200
    assert "Schrijf op wat het onderzoek heeft opgeleverd." in closed.content.decode()
    closed = client.post(
        answer["Location"], {"actie": "afronden", "afronden-findings": "Roosterfout."}
    )
    assert closed.status_code == 302
    page = client.get(answer["Location"]).content.decode()
    assert "Zaken (5)" in page
    assert "Roosterfout." in page
    assert "Aanbeveling bij dit onderzoek maken" in page
    assert "i1@example.nl" not in page


def test_who_may_not_learn_about_the_municipality_gets_404(login: Any, new_case: Any) -> None:
    client = login("coordinator")
    due = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    client.post(
        "/werk/leren/GM9901/aanbevelingen/nieuw",
        {"title": "T", "owner": "O", "due_date": due, "series": ""},
    )
    client.post(
        "/werk/leren/GM9901/onderzoeken/nieuw", {"title": "T", "question": "V", "basis": "213a"}
    )
    rec, inv = Recommendation.objects.get(), Investigation.objects.get()
    pages = [
        "/werk/leren/GM9901/aanbevelingen/nieuw",
        f"/werk/leren/GM9901/aanbevelingen/{rec.pk}",
        "/werk/leren/GM9901/onderzoeken/nieuw",
        f"/werk/leren/GM9901/onderzoeken/{inv.pk}",
    ]
    for user in ("behandelaar", "coordinator-hooglanden", "anker"):
        other = login(user)
        for page in pages:
            assert other.get(page).status_code == 404, (user, page)
            assert other.post(page, {"status": "bezig", "actie": "afronden"}).status_code == 404
    hooglanden = login("coordinator-hooglanden")
    assert hooglanden.get(f"/werk/leren/GM9902/aanbevelingen/{rec.pk}").status_code == 404
    assert hooglanden.get(f"/werk/leren/GM9902/onderzoeken/{inv.pk}").status_code == 404
    assert RecommendationUpdate.objects.count() == 1


def test_a_recommendation_about_a_named_theme_shows_that_themes_trend(
    login: Any, new_case: Any
) -> None:
    from django.contrib.auth.models import User

    from regie.directory.models import Municipality
    from regie.learning.themes import theme_name

    theme = theme_name(
        by=User.objects.get(username="coordinator"),
        municipality=Municipality.objects.get(code="GM9901"),
        name="Stadspas-app",
        keywords=["stadspas-app"],
    )
    for n in range(3):
        new_case(kind="klacht", description=f"De stadspas-app doet het weer niet ({n}).")
    client = login("coordinator")
    topics = client.get("/werk/leren/GM9901/onderwerpen").content.decode()
    link = f"/werk/leren/GM9901/aanbevelingen/nieuw?reeks=eigen-thema&waarde={theme.pk}"
    assert link in topics.replace("&amp;", "&")
    form = client.get(link).content.decode()
    assert f'value="eigen-thema:{theme.pk}" selected' in form
    due = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    answer = client.post(
        link,
        {
            "title": "App laten repareren",
            "owner": "Team digitaal",
            "due_date": due,
            "series": f"eigen-thema:{theme.pk}",
        },
    )
    assert answer.status_code == 302
    made = Recommendation.objects.get()
    assert (made.dimension, made.value) == ("eigen-thema", str(theme.pk))
    page = client.get(answer["Location"]).content.decode()
    assert "Eigen thema: Stadspas-app" in page
    assert "Heeft het geholpen?" in page

    # Another municipality's theme is refused.
    refused = client.post(
        "/werk/leren/GM9901/aanbevelingen/nieuw",
        {"title": "T", "owner": "O", "due_date": due, "series": "eigen-thema:999999"},
    )
    assert "Kies een reeks uit de lijst." in refused.content.decode()
