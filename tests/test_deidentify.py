"""De-identification: planted personal data never survives, the complaint itself does."""

from __future__ import annotations

from regie.deidentify import PERSONAL, deidentify

TEXT = (
    "Mijn naam is Karin Bosman, ik woon aan de Lindenlaan 14, 3521 AB Utrecht. Mijn BSN is "
    "123456782 en u kunt mij bellen op 06-12 34 56 78 of mailen naar k.bosman@example.nl. "
    "Ik ben geboren op 12 maart 1961. Mijn zoon Pieter kreeg sinds 3 februari geen "
    "huishoudelijke hulp meer van de thuiszorg. Rekening NL91ABNA0417164300."
)


def test_planted_personal_data_is_gone() -> None:
    out = deidentify(TEXT, known=["Karin Bosman", "Lindenlaan 14"])
    for planted in (
        "Karin",
        "Bosman",
        "Lindenlaan",
        "3521",
        "123456782",
        "12 34 56 78",
        "k.bosman",
        "1961",
        "Pieter",
        "NL91",
        "3 februari",
    ):
        assert planted not in out, (planted, out)
    assert "huishoudelijke hulp" in out
    assert "thuiszorg" in out


def test_known_values_are_replaced_in_any_case() -> None:
    out = deidentify("mevrouw BOSMAN belde weer over de wachttijd", known=["Bosman"])
    assert "BOSMAN" not in out
    assert PERSONAL in out
    assert "wachttijd" in out


def test_short_known_values_do_not_eat_words() -> None:
    # A two-letter value ("Al") would remove every "al" in the text.
    assert "al drie weken" in deidentify("Ik wacht al drie weken", known=["Al"])


def test_sure_findings_name_what_a_written_text_gives_away() -> None:
    from regie.deidentify import sure_findings

    assert sure_findings("Mevrouw belde over de wachttijd in maart.", known=["Bosman"]) == []
    found = sure_findings(
        "Mevrouw bosman (k.bosman@example.nl, 06-12 34 56 78) woont in 3521 AB.",
        known=["Bosman"],
    )
    assert found == [PERSONAL, "[E-MAIL]", "[POSTCODE]", "[NUMMER]"]
    assert sure_findings("Geboren op 12-03-1961.") == ["[DATUM]"]
