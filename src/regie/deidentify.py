"""De-identify Dutch free text: what a resident wrote, made fit to show where the person must
not be recognisable (the representative sentences of an emerging topic; the council's
casuistry of issue 10).

Two layers, because neither is enough alone:
- Regie's own knowledge: the strings it knows belong to the person (name, address, e-mail,
  phone, BSN, as the caller passes them) are replaced first, wherever they occur;
- patterns a register can be sure of (e-mail addresses, IBANs, postcodes, long digit runs
  such as BSNs and phone numbers), then `deduce` (a Dutch de-identification library built
  for clinical notes: names, places, institutions, dates, ages) for everything else.

Loading deduce's lookup tables takes seconds (and a minute the first time after install,
while it builds them), so one instance is made per process, on first use.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

PERSONAL = "[PERSOONSGEGEVEN]"

_PATTERNS = (
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[E-MAIL]"),
    (re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d{2,4}){2,5}\b"), "[IBAN]"),
    (re.compile(r"\b\d{4}\s?[A-Z]{2}\b"), "[POSTCODE]"),
    # Dates: "27 januari", "3 feb. 2026", "12-03-1980" (deduce leaves a day without a year).
    (
        re.compile(
            r"\b\d{1,2}\s+(januari|februari|maart|april|mei|juni|juli|augustus|september|"
            r"oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\b"
            r"\.?(\s+\d{4})?",
            re.IGNORECASE,
        ),
        "[DATUM]",
    ),
    (re.compile(r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b"), "[DATUM]"),
    # BSNs, phone numbers, client and file numbers: any run of seven or more digits, also
    # written in groups ("06-12 34 56 78", "+31 6 1234 5678", "1234.56.782").
    (re.compile(r"(?<![\w])\+?\d(?:[\s.-]?\d){6,}(?![\w])"), "[NUMMER]"),
)


@functools.cache
def _deduce() -> Any:
    from deduce import Deduce  # imported here: loading it costs seconds

    return Deduce()


def _known_patterns(known: Iterable[str]) -> list[re.Pattern[str]]:
    """The case's own values as patterns: longest first, so "Jan de Vries" goes before
    "Jan"; whole words only, any case; values under three characters would eat words."""
    values = sorted({k.strip() for k in known if k and len(k.strip()) >= 3}, key=len)[::-1]
    return [re.compile(rf"(?<!\w){re.escape(v)}(?!\w)", re.IGNORECASE) for v in values]


def _known(text: str, known: Iterable[str]) -> str:
    for pattern in _known_patterns(known):
        text = pattern.sub(PERSONAL, text)
    return text


def sure_findings(text: str, *, known: Iterable[str] = ()) -> list[str]:
    """What in `text` certainly identifies someone, without deduce (fast, no guesses): the
    tags of the patterns that match ("[E-MAIL]", "[NUMMER]", …) and PERSONAL for a known
    value. For checking a text a person wrote, where a replacement would be a surprise."""
    found = [PERSONAL] if any(p.search(text) for p in _known_patterns(known)) else []
    for pattern, tag in _PATTERNS:
        # In the order `deidentify` replaces them, so a date is not a number as well.
        text, count = pattern.subn(tag, text)
        if count and tag not in found:
            found.append(tag)
    return found


def deidentify(text: str, *, known: Iterable[str] = ()) -> str:
    """`text` without what identifies a person; `known`: the case's own personal values."""
    text = _known(text, known)
    for pattern, tag in _PATTERNS:
        text = pattern.sub(tag, text)
    return str(_deduce().deidentify(text).deidentified_text)


__all__ = ["PERSONAL", "deidentify", "sure_findings"]
