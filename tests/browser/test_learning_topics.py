"""In a real Chromium: six residents wrote about the new stadspas app, which no topic of the
wegwijzer knows. A coordinator opens "Nieuwe onderwerpen en thema's", sees the group, first
sends the form empty (the errors, checked by axe-core too), then names it as a theme and sees
it in the themes table. axe-core checks the page, also on a phone."""

from __future__ import annotations

import re
from typing import Any

import pytest

from regie.accounts.scope import scope_for_public_web
from regie.cases import services
from regie.deidentify import deidentify
from regie.directory.models import Municipality
from regie.learning.models import Theme
from tests.browser.conftest import assert_accessible
from tests.browser.test_learning import PHONE, log_in, sideways_scroll

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("world")]

STADSPAS = [
    "De nieuwe stadspas-app werkt niet. Ik kan niet inloggen en zie mijn tegoed niet.",
    "Sinds de nieuwe app van de stadspas zie ik mijn tegoed niet meer. Inloggen lukt niet.",
    "De stadspas app geeft een foutmelding bij inloggen. Mijn tegoed is niet te zien.",
    "Ik kan niet inloggen op de stadspas-app. Zo kan ik het tegoed niet gebruiken.",
]


def complaints_about_the_stadspas_app() -> None:
    for n, text in enumerate(STADSPAS):
        request = services.IntakeRequest(
            municipality=Municipality.objects.get(code="GM9901"),
            kind="klacht",
            channel="web",
            subject="Stadspas-app",
            description=text,
            submitter=services.Person(name=f"Inwoner {n + 1}", email=f"inwoner{n}@example.nl"),
        )
        services.case_intake(scope=scope_for_public_web(), request=request)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_a_coordinator_names_an_emerging_topic_as_a_theme(
    page: Any, viewport: dict[str, int] | None
) -> None:
    complaints_about_the_stadspas_app()
    # deduce loads its lookup tables once per process (seconds): before the browser's
    # timeout starts, as on a server that has been running for a while.
    deidentify("")
    if viewport:
        page.set_viewport_size(viewport)
    log_in(page, "coordinator")

    page.goto("/werk/leren/GM9901/onderwerpen")
    topic = page.get_by_role("article").filter(has_text="Onderwerp 1")
    assert "(4 zaken)" in topic.get_by_role("heading", level=3).inner_text()
    assert topic.get_by_role("link", name=re.compile(r"^KL-")).count() == 4
    assert "Inwoner 1" not in topic.inner_text()
    assert_accessible(page)
    assert sideways_scroll(page) <= 0

    form = topic.get_by_role("form")
    form.get_by_label("Naam van het thema").fill("")
    form.get_by_label("Zoekwoorden").fill("")
    form.get_by_role("button", name="Maak hier een thema van").click()
    page.wait_for_load_state()
    assert page.title().startswith("Fout:")
    assert page.get_by_role("alert").get_by_text("Geef het thema een naam.").is_visible()
    assert not Theme.objects.exists()
    assert_accessible(page)
    assert sideways_scroll(page) <= 0

    form = page.get_by_role("article").filter(has_text="Onderwerp 1").get_by_role("form")
    form.get_by_label("Naam van het thema").fill("Stadspas-app")
    form.get_by_label("Zoekwoorden").fill("stadspas\ntegoed")
    form.get_by_role("button", name="Maak hier een thema van").click()
    page.wait_for_url(re.compile(r"/werk/leren/GM9901/onderwerpen#themas-titel$"))

    assert page.get_by_text("Het thema Stadspas-app is opgeslagen.").is_visible()
    assert page.get_by_text("Er zijn nu geen nieuwe onderwerpen.").is_visible()
    themes = page.get_by_role("table", name="Thema's: zaken per week")
    row = themes.get_by_role("row").filter(has_text="Stadspas-app")
    assert row.count() == 1
    assert row.get_by_role("cell").last.inner_text() == "4"
    assert_accessible(page)
    assert sideways_scroll(page) <= 0
