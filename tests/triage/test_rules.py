"""Triage by rules alone (no model): clear cases per domain, each kind of urgency, and the
threats that are averted, denied or past."""

from __future__ import annotations

import pytest

from regie.triage.rules import classify, urgency


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        ("Mijn scootmobiel is al weken kapot en de leverancier komt niet.", "wmo"),
        ("De huishoudelijke hulp is zonder overleg verminderd.", "wmo"),
        ("Ik wacht al maanden op een traplift en een woningaanpassing.", "wmo"),
        ("Mijn vader kan niet meer naar de dagbesteding.", "wmo"),
        ("Er is geen plek in de maatschappelijke opvang voor mij.", "wmo"),
        ("De jeugdzorg voor mijn zoon staat al een jaar op de wachtlijst.", "jeugd"),
        ("De gecertificeerde instelling heeft de ondertoezichtstelling verlengd.", "jeugd"),
        ("Het pgb voor jeugdhulp onder de Jeugdwet is stopgezet.", "jeugd"),
        ("De gemeente vordert mijn bijstand terug.", "werk-en-inkomen"),
        ("Mijn energietoeslag is afgewezen.", "werk-en-inkomen"),
        ("Ik word gekort door de kostendelersnorm.", "werk-en-inkomen"),
        ("De Tozo-uitkering moet ik terugbetalen.", "werk-en-inkomen"),
        ("De bewindvoerder betaalt mijn huur niet.", "schuldhulp"),
        ("Ik wil me aanmelden voor schuldhulpverlening.", "schuldhulp"),
        ("Het budgetbeheer van de kredietbank loopt slecht.", "schuldhulp"),
        ("Het leerlingenvervoer komt elke dag te laat.", "overig"),
        ("Mijn parkeervergunning is niet verlengd.", "overig"),
        ("De aanslag afvalstoffenheffing klopt niet.", "overig"),
        ("Mijn urgentieverklaring voor een woning is afgewezen.", "overig"),
    ],
)
def test_clear_cases_land_in_their_domain(text: str, domain: str) -> None:
    assert classify(text).domain == domain


def test_the_rules_that_govern_what_is_wanted_decide_and_the_runner_up_is_named() -> None:
    result = classify("Mijn bijstand is stopgezet en nu kan ik de huur niet betalen.")
    assert result.domain == "werk-en-inkomen"
    assert result.domain_runner_up == "schuldhulp"
    assert classify("De bewindvoerder betaalt mijn huur niet.").domain == "schuldhulp"


def test_a_text_without_any_domain_word_is_overig_and_unsure() -> None:
    result = classify("Ik heb een vraag.")
    assert result.domain == "overig"
    assert result.confidence < 0.6


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ik ben ontevreden: ik ben nooit teruggebeld.", "klacht"),
        ("De medewerker was onbeschoft tegen mij.", "klacht"),
        ("Ik heb hulp nodig met mijn administratie, kunnen jullie helpen?", "hulpvraag"),
        ("Ik maak me zorgen om mijn buurvrouw, ze komt niet meer buiten.", "signaal"),
        ("Ik wil melden dat de lantaarnpaal kapot is.", "melding"),
        ("Ik ben leerkracht en een leerling komt steeds zonder ontbijt op school.", "signaal"),
        ("Per 1 maart ga ik samenwonen, dat wilde ik even laten weten.", "melding"),
        ("Hoe vraag ik bijzondere bijstand aan voor een nieuwe wasmachine?", "hulpvraag"),
        # Urgent and no grievance voiced: a help request, not a complaint.
        ("Mijn uitkering is niet gestort en ik heb geen geld voor eten.", "hulpvraag"),
        # Urgent but a grievance: still a complaint.
        ("Ik werd bij het loket weggestuurd terwijl ik op straat slaap.", "klacht"),
    ],
)
def test_kind(text: str, kind: str) -> None:
    assert classify(text).kind == kind


def test_a_complaint_about_conduct_gets_the_norm_of_decent_treatment() -> None:
    result = classify("Ik heb een klacht: de medewerker was onbeschoft.")
    assert result.norm == "fatsoenlijke-bejegening"
    assert classify("Ik wil melden dat de lantaarnpaal kapot is.").norm == ""


@pytest.mark.parametrize(
    "text",
    [
        "Volgende week worden gas en licht afgesloten, ik heb geen geld meer.",  # energy
        "De energieleverancier dreigt de stroom af te sluiten.",  # separable verb
        "Het waterbedrijf sluit morgen het water af.",
        "Op 3 mei is de ontruiming van mijn woning.",  # eviction
        "We worden volgende maand uit ons huis gezet.",
        "De deurwaarder komt morgen.",
        "Ik ben dakloos en heb geen slaapplek.",  # homelessness
        "Ik slaap al een week in mijn auto.",
        "Mijn zorgverzekering is opgezegd.",  # health insurance
        "Ik heb geen geld voor eten voor de kinderen.",  # no income
        "Mijn uitkering is stopgezet.",
        "Ik denk dat het kind van de buren niet veilig is.",  # a child's safety
        "Er is sprake van huiselijk geweld.",
        "Mijn dochter wordt mishandeld.",
        # The same threats in other words.
        "De deurwaarder komt donderdag de sloten vervangen.",
        "Ik moet mijn huis uit voor het eind van de maand en heb nog niets.",
        "Sinds vorige week slaap ik op het station.",
        "We slapen nu bij vrienden op de bank, om de paar nachten ergens anders.",
        "De koelkast is leeg en pas over twee weken komt er geld.",
        "Mijn bankrekening is geblokkeerd en ik kan niets meer betalen.",
        "Mijn dochter van vijftien is weggelopen en een oudere jongen haalt haar op.",
        "Ik denk dat een meisje uit mijn klas door een loverboy wordt uitgebuit.",
        "Mijn zoon zei gisteren dat hij zichzelf iets wil aandoen.",
    ],
)
def test_each_kind_of_urgency_is_flagged_with_reasons(text: str) -> None:
    urgent, reasons = urgency(text)
    assert urgent, text
    assert reasons
    assert all(":" in r for r in reasons)


def test_the_reason_names_the_words_that_weighed() -> None:
    _urgent, reasons = urgency("Volgende week worden gas en licht afgesloten.")
    assert reasons == ("'afgesloten' en 'gas': dreigende afsluiting van energie of water",)


@pytest.mark.parametrize(
    "text",
    [
        "De afsluiting van gas is gelukkig voorkomen.",
        "De ontruiming ging vorige maand niet door, de schulden zijn geregeld.",
        "Mijn gas is niet afgesloten, maar de rekening is hoog.",
        "Vorig jaar was ik dakloos, nu woon ik in een eigen huis.",
        "Ik vraag urgentie aan voor een grotere woning.",  # housing urgency is no threat
        "Mijn zorgverzekering is duur.",
        "De huishoudelijke hulp kwam niet.",
        # Debt words that are no immediate threat.
        "De deurwaarder heeft beslag gelegd op mijn loon, ik wil een regeling.",
        "Ik betaal de wanbetalerspremie voor mijn zorgverzekering via het CAK.",
        "De gemeente bedreigt mij met een boete als ik het formulier niet inlever.",
    ],
)
def test_averted_denied_past_and_ordinary_texts_are_not_urgent(text: str) -> None:
    assert urgency(text) == (False, ())


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        # What threatens says which rules answer, when the words name no service.
        ("Ik slaap sinds gisteren onder de brug en het gaat vriezen.", "wmo"),
        # A child's care is youth care; a child's taxi is school transport.
        ("Onze zoon van 7 gaat achteruit en staat nog op de wachtlijst.", "jeugd"),
        ("De taxi haalt mijn dochter steeds te laat op van school.", "overig"),
        # An adult child is not youth care.
        ("Mijn zoon van 34 met een beperking zoekt begeleiding bij het wonen.", "wmo"),
    ],
)
def test_who_it_is_about_and_what_threatens_weigh_in_the_domain(text: str, domain: str) -> None:
    assert classify(text).domain == domain


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Als jobcoach zie ik dat statushouders maanden op een taaltraject wachten.", "signaal"),
        ("Er slaapt een man in het portiek van onze flat. Wie kan er naar hem kijken?", "signaal"),
        ("Hierbij geef ik door dat ik per 1 februari een baan heb gevonden.", "melding"),
    ],
)
def test_signals_and_reports_in_other_words(text: str, kind: str) -> None:
    assert classify(text).kind == kind
