"""Known themes: what a complaint is about when the region or the municipality already has a
word for it, and the write path that names a new theme from an emerging topic.

A text *fits a known theme* when it matches the name or a keyword of a directory `Topic` (the
region's topics, as the wegwijzer reads them) or a keyword of one of the municipality's own
`Theme`s. Matching is the wegwijzer's (`directory.wegwijzer.words`): normalised words and
their Dutch stems, a phrase as consecutive words, a long keyword also as part of a compound
("thuiszorgmedewerker"). One reader of residents' words for "which topic is this", so the
wegwijzer and the learning pages never disagree about it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from regie.cases.models import Case
from regie.directory.models import Municipality, Topic
from regie.directory.selectors import all_topics
from regie.directory.wegwijzer.words import TopicIndex, tokens, topic_index
from regie.learning.common import Check, LearningError, require_learner
from regie.learning.models import Theme

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

NAME_LIMIT = 100  # Theme.name's column
KEYWORD_LIMIT = 100
MAX_KEYWORDS = 20

# Everyday verb forms that share their stem with a topic's keyword: "de app werkt niet" is
# not about finding work (topic "Werk zoeken": "werk"), "het kost veel tijd" not about costs
# (topic "Bijzondere bijstand": "kosten"). Without this, nearly every complaint about
# something that does not work would "fit" a known theme and never emerge.
_NOT_A_MATCH = frozenset({"werkt", "werkte", "werkten", "kost", "kostte", "kostten"})


# A phrase is consecutive words within one sentence: "Inloggen lukt niet. Bel mij" is not
# the keyword "niet gebeld" of the topic "Klacht over de gemeente".
_SENTENCE_END = re.compile(r"[.!?;:\n]+")


def _matches(index: TopicIndex, text: str) -> bool:
    for sentence in _SENTENCE_END.split(text):
        found = index.matches(sentence)
        if any(" ".join(t.word for t in tokens(m.quote)) not in _NOT_A_MATCH for m in found):
            return True
    return False


def _theme_index(themes: Iterable[Theme]) -> TopicIndex:
    # The wegwijzer's index reads a topic's pk, name and keywords; a theme is recognised by
    # its keywords only (its name is the coordinator's label, not the residents' words).
    return TopicIndex(Topic(pk=t.pk, name="", keywords=list(t.keywords)) for t in themes)


class KnownThemes:
    """The region's topics and one municipality's themes, read once, asked per text."""

    def __init__(self, municipality_id: int) -> None:
        self.topics = topic_index(all_topics().values())
        self.themes = list(Theme.objects.filter(municipality_id=municipality_id))
        self._themes = _theme_index(self.themes)

    def fits(self, text: str) -> bool:
        return _matches(self.topics, text) or _matches(self._themes, text)


def case_text(subject: str, description: str) -> str:
    return f"{subject}\n{description}" if subject else description


def fits_theme(theme: Theme, text: str) -> bool:
    return _matches(_theme_index([theme]), text)


def _window(weeks: Sequence[dt.date]) -> tuple[dt.datetime, dt.datetime]:
    first = dt.datetime.combine(weeks[0], dt.time.min, tzinfo=AMSTERDAM)
    end = dt.datetime.combine(weeks[-1] + dt.timedelta(days=7), dt.time.min, tzinfo=AMSTERDAM)
    return first, end


def themes_counts(
    cases: QuerySet[Case], themes: Sequence[Theme], weeks: Sequence[dt.date]
) -> dict[int, tuple[int, ...]]:
    """Per theme (by pk), the number of its municipality's cases received in each week
    (`weeks`: consecutive Mondays) whose subject or description matches its keywords.

    Counted in Python, not in the database: matching needs stems and phrases that SQL cannot
    do portably, and the window is small. A municipality receives a few thousand cases a year,
    so twelve weeks are at most some hundreds of texts, read once (only the columns needed)
    for all themes together, at well under a millisecond per text and theme."""
    if not weeks or not themes:
        return {t.pk: tuple(0 for _ in weeks) for t in themes}
    first, end = _window(weeks)
    position = {week: i for i, week in enumerate(weeks)}
    indexes = {t.pk: _theme_index([t]) for t in themes}
    counts = {t.pk: [0] * len(weeks) for t in themes}
    municipalities = {t.municipality_id for t in themes}
    rows = (
        cases.filter(
            municipality_id__in=municipalities, received_at__gte=first, received_at__lt=end
        )
        .order_by()
        .values_list("municipality_id", "received_at", "subject", "description")
    )
    for municipality_id, received_at, subject, description in rows.iterator():
        day = timezone.localtime(received_at, AMSTERDAM).date()
        week = position.get(day - dt.timedelta(days=day.weekday()))
        if week is None:
            continue
        text = case_text(subject, description)
        for theme in themes:
            if theme.municipality_id == municipality_id and _matches(indexes[theme.pk], text):
                counts[theme.pk][week] += 1
    return {pk: tuple(found) for pk, found in counts.items()}


def theme_counts(cases: QuerySet[Case], theme: Theme, weeks: Sequence[dt.date]) -> tuple[int, ...]:
    """The weekly counts of one theme: its trend (see `themes_counts`)."""
    return themes_counts(cases, [theme], weeks)[theme.pk]


# The write path ----------------------------------------------------------------------------

NAME_REQUIRED = "Geef het thema een naam."
NAME_TAKEN = "Er is al een thema met deze naam in {municipality}. Kies een andere naam."
KEYWORDS_REQUIRED = "Vul minstens één zoekwoord in."
TOO_MANY_KEYWORDS = f"Vul hooguit {MAX_KEYWORDS} zoekwoorden in."
KEYWORD_TOO_LONG = f"Een zoekwoord mag hooguit {KEYWORD_LIMIT} tekens lang zijn."
KEYWORD_NUL = "Een zoekwoord bevat een onzichtbaar teken (NUL) dat niet kan worden opgeslagen."
KEYWORD_NO_WORD = "Een zoekwoord moet letters of cijfers bevatten: {keyword}"


def _keywords(check: Check, keywords: Iterable[str]) -> list[str]:
    """Lower case, trimmed, each once, in the order typed."""
    found: list[str] = []
    for raw in keywords:
        keyword = " ".join(str(raw).split()).lower()
        if not keyword or keyword in found:
            continue
        if "\x00" in keyword:
            check.fail("keywords", KEYWORD_NUL)
        elif len(keyword) > KEYWORD_LIMIT:
            check.fail("keywords", KEYWORD_TOO_LONG)
        elif not tokens(keyword):
            check.fail("keywords", KEYWORD_NO_WORD.format(keyword=keyword))
        found.append(keyword)
    if not found:
        check.fail("keywords", KEYWORDS_REQUIRED)
    elif len(found) > MAX_KEYWORDS:
        check.fail("keywords", TOO_MANY_KEYWORDS)
    return found


def theme_name(
    *,
    by: User,
    municipality: Municipality,
    name: str,
    keywords: list[str],
    at: dt.datetime | None = None,
) -> Theme:
    """Name a theme of `municipality`: from now on, texts with these keywords fit a known
    theme (they leave the emerging topics) and the theme has a weekly trend. Raises
    `PermissionRefused` for who may not learn about the municipality and `LearningError`
    ({"name"|"keywords": Dutch message}) for what was typed."""
    require_learner(by, municipality)
    when = timezone.now() if at is None else at
    if timezone.is_naive(when):
        raise ValueError("Naming a theme needs an aware moment.")
    check = Check()
    name = check.text("name", name, limit=NAME_LIMIT, required=NAME_REQUIRED)
    found = _keywords(check, keywords)
    taken = NAME_TAKEN.format(municipality=municipality.name)
    same = Theme.objects.filter(municipality=municipality, name__iexact=name)
    if check.ok("name") and same.exists():
        check.fail("name", taken)
    check.done()
    try:
        with transaction.atomic():
            return Theme.objects.create(
                municipality=municipality,
                name=name,
                keywords=found,
                created_by=by,
                created_at=when,
            )
    except IntegrityError:  # named at the same moment by a colleague
        raise LearningError({"name": taken}) from None


__all__ = ["KnownThemes", "case_text", "fits_theme", "theme_counts", "theme_name"]
__all__ += ["themes_counts"]
