"""The one template syntax of letters: `{naam}` is replaced by a value from a fixed list;
nothing else is special. An edited template never reaches an object, an attribute or code:
the text is split on `{word}`, and each word is looked up in a plain dictionary of strings.

A `{` or `}` that is not part of a known placeholder is a mistake the administrator sees as
a form error (`template_problems`), never a crash while a letter is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# Only lower-case letters and underscores: no dots, brackets or format specs.
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def used_placeholders(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


def template_problems(text: str, allowed: Iterable[str]) -> list[str]:
    """What is wrong with the placeholders in `text`, in Dutch; empty when nothing is."""
    known = set(allowed)
    problems: list[str] = []
    for name in used_placeholders(text):
        if name not in known:
            message = f"De invulplek {{{name}}} bestaat niet bij deze brief."
            if message not in problems:
                problems.append(message)
    leftover = PLACEHOLDER.sub("", text)
    if "{" in leftover or "}" in leftover:
        problems.append(
            "Er staat een accolade ({ of }) die niet bij een invulplek hoort. Schrijf een "
            "invulplek zo: {naam}, met alleen kleine letters en een liggend streepje (_)."
        )
    return problems


def fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with each `{word}` replaced by `values[word]`. An unknown word stays as it is
    written (the Beheer form refuses it before it can be saved)."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
