"""Topics: what residents come with, in their own words (the wegwijzer matches on them)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction

from regie import limits
from regie.directory.models import Topic
from regie.directory.services import history
from regie.directory.services.common import (
    NAME,
    NUL,
    Check,
    DirectoryError,
    Editor,
    Saved,
    locked,
    moment,
    require,
)
from regie.vocabulary import Domain

FIELDS = ("slug", "name", "domain", "keywords", "description")
SLUG = 50
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEYWORD = 100
MOST_KEYWORDS = 100
TAKEN = "Er is al een onderwerp met dit adres. Kies een ander."


def _keywords(check: Check, keywords: Iterable[str]) -> list[str]:
    """Lower case, each once, in the order given: the wegwijzer matches lower case."""
    words: list[str] = []
    for word in keywords:
        cleaned = " ".join(word.split()).lower()
        if cleaned and cleaned not in words:
            words.append(cleaned)
    if any(len(w) > KEYWORD for w in words):
        check.fail("keywords", f"Een zoekwoord mag hooguit {KEYWORD} tekens hebben.")
    elif len(words) > MOST_KEYWORDS:
        check.fail("keywords", f"Gebruik hooguit {MOST_KEYWORDS} zoekwoorden.")
    elif any("\x00" in w for w in words):
        check.fail("keywords", NUL)
    return words


def _values(
    check: Check, *, name: str, domain: str, keywords: Iterable[str], description: str
) -> dict[str, Any]:
    check.choice("domain", domain, Domain, "Kies een domein.")
    return {
        "name": check.text("name", name, limit=NAME, required="Vul de naam van het onderwerp in."),
        "domain": domain,
        "keywords": _keywords(check, keywords),
        "description": check.text("description", description, limit=limits.STAFF_TEXT),
    }


def topic_add(
    *,
    by: Editor,
    slug: str,
    name: str,
    domain: str,
    keywords: Iterable[str] = (),
    description: str = "",
    at: dt.datetime | None = None,
) -> Saved[Topic]:
    require(by, Topic())
    when = moment(at)
    check = Check()
    slug = check.text("slug", slug, limit=SLUG, required="Vul een adres in, zoals pgb.")
    if slug and check.ok("slug") and not SLUG_PATTERN.match(slug):
        check.fail(
            "slug",
            "Gebruik alleen kleine letters, cijfers en streepjes, zoals huishoudelijke-hulp.",
        )
    if check.ok("slug") and Topic.objects.filter(slug=slug).exists():
        check.fail("slug", TAKEN)
    values = _values(check, name=name, domain=domain, keywords=keywords, description=description)
    check.done()
    topic = Topic(slug=slug, **values)
    try:
        with transaction.atomic():
            topic.save()
            return history.created(topic, FIELDS, by=by, at=when)
    except IntegrityError as exc:  # the same slug, added by someone else a moment ago
        raise DirectoryError({"slug": TAKEN}) from exc


def topic_update(
    *,
    topic: Topic,
    by: Editor,
    name: str,
    domain: str,
    keywords: Iterable[str] = (),
    description: str = "",
    at: dt.datetime | None = None,
) -> Saved[Topic]:
    """The slug stays as it is: the wegwijzer and the API link to a topic by it."""
    require(by, topic)
    when = moment(at)
    check = Check()
    values = _values(check, name=name, domain=domain, keywords=keywords, description=description)
    with transaction.atomic():
        current = locked(topic)
        require(by, current)
        # A responsibility for a topic is in the topic's domain; moving the topic would break
        # that quietly.
        elsewhere = current.responsibilities.exclude(domain=domain).first()
        if elsewhere is not None and check.ok("domain"):
            check.fail(
                "domain",
                f"Bij {elsewhere} staat dit onderwerp in het domein "
                f"{Domain(elsewhere.domain).label}. Pas daar eerst de verantwoordelijkheid aan.",
            )
        check.done()
        return history.update(current, values, by=by, at=when)
