"""The selector: the municipality's responsibilities for a question, best first, read in a
fixed number of queries from directory tables only."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.db.models import Prefetch, Q

from regie.deadlines.dutch import join_list
from regie.directory.models import (
    ContactChannel,
    Municipality,
    Organisation,
    Responsibility,
    Topic,
)
from regie.directory.selectors import all_topics
from regie.directory.wegwijzer.shapes import (
    DOMAIN_ORDER,
    DOMAIN_WORDS,
    MAX_RESULTS,
    Answer,
    Channel,
    ChannelIndex,
    Hit,
    Question,
    WegwijzerError,
)
from regie.directory.wegwijzer.wording import MunicipalityParties, no_match_suggestion, result_for
from regie.directory.wegwijzer.words import topic_index
from regie.vocabulary import ContactKind, Domain


def municipalities() -> list[Municipality]:
    return list(Municipality.objects.order_by("name"))


def topics_by_domain() -> list[tuple[str, str, list[Topic]]]:
    """Every topic, grouped by domain in the vocabulary's order: (domain, words, topics)."""
    grouped: dict[str, list[Topic]] = {}
    for topic in Topic.objects.only("slug", "name", "domain").order_by("name"):
        grouped.setdefault(topic.domain, []).append(topic)
    return [(d, DOMAIN_WORDS[d], grouped[d]) for d in DOMAIN_ORDER if d in grouped]


def wegwijzer_answer(*, municipality: Municipality, question: Question) -> Answer:
    """The municipality's responsibilities for this question, best first.

    Four queries whatever the question: topics, responsibilities with their parties,
    their support organisations, and every channel of everyone named.
    """
    topics = all_topics()
    chosen = next((t for t in topics.values() if t.slug == question.topic), None)
    if question.topic and chosen is None:
        raise WegwijzerError("topic", f"{question.topic!r} is geen bekend onderwerp.")

    topic_hits = _topic_hits(topics, question, chosen)
    rows = _responsibilities(municipality, topics)
    by_topic = {r.topic_id: r for r in rows if r.topic_id is not None}
    by_domain = {r.domain: r for r in rows if r.topic_id is None}

    hits: dict[int, Hit] = {}
    for topic_id, hit in topic_hits.items():
        topic = topics[topic_id]
        row = by_topic.get(topic_id)
        reasons = list(hit.reasons)
        if row is None:
            row = by_domain.get(topic.domain)
            if topic.domain != Domain.OVERIG:
                reasons.append(
                    f"Voor {topic.name.lower()} heeft de gemeente geen aparte afspraak: dat "
                    f"valt onder {DOMAIN_WORDS[topic.domain].lower()}."
                )
        if row is not None:
            for reason in reasons:
                hits.setdefault(row.pk, Hit()).add(0, reason)
            hits[row.pk].score += hit.score
    if question.domain:
        _add_domain(hits, rows, question.domain)

    matched = bool(hits)
    suggestion = ""
    if not matched and (fallback := by_domain.get(Domain.OVERIG)) is not None:
        hits[fallback.pk] = Hit(0, ["Wij vonden bij uw woorden geen onderwerp."])
    by_pk = {r.pk: r for r in rows}
    ranked = sorted(
        hits.items(),
        key=lambda item: (
            -item[1].score,
            DOMAIN_ORDER.index(by_pk[item[0]].domain),
            _topic_name(by_pk[item[0]]),
        ),
    )[:MAX_RESULTS]

    channels = _channels(municipality, [by_pk[pk] for pk, _ in ranked])
    about = MunicipalityParties(municipality, channels)
    if not matched:
        suggestion = no_match_suggestion(about.info.channels)
    results = tuple(result_for(by_pk[pk], hit, about, channels) for pk, hit in ranked)
    return Answer(municipality=about.info, results=results, matched=matched, suggestion=suggestion)


def _topic_hits(
    topics: dict[int, Topic], question: Question, chosen: Topic | None
) -> dict[int, Hit]:
    hits: dict[int, Hit] = {}
    if chosen is not None:
        hits.setdefault(chosen.pk, Hit()).add(100, f"U koos het onderwerp '{chosen.name}'.")
    if question.q.strip():
        matches = topic_index(topics.values()).matches(question.q)
        quotes: dict[int, list[str]] = {}
        for match in matches:
            hits.setdefault(match.topic_id, Hit()).score += match.score
            said = quotes.setdefault(match.topic_id, [])
            if match.quote.casefold() not in (s.casefold() for s in said):
                said.append(match.quote)
        for topic_id, said in quotes.items():
            words = join_list([f"'{q}'" for q in said])
            hits[topic_id].add(
                0, f"U schreef {words}: dat gaat over {topics[topic_id].name.lower()}."
            )
    if question.domain:
        # A chosen domain narrows the words' matches to that domain.
        hits = {k: v for k, v in hits.items() if topics[k].domain == question.domain}
    return hits


def _topic_name(row: Responsibility) -> str:
    # The domain's own row ("") before its topics, the topics alphabetically.
    return row.topic.name if row.topic else ""


def _add_domain(hits: dict[int, Hit], rows: Sequence[Responsibility], domain: str) -> None:
    words = DOMAIN_WORDS[domain]
    for row in rows:
        if row.domain != domain:
            continue
        if row.topic_id is None:
            hits.setdefault(row.pk, Hit()).add(10, f"U koos '{words}'.")
        elif row.pk not in hits:
            # The separate arrangements in the domain come after the domain itself.
            assert row.topic is not None
            hits[row.pk] = Hit(5, [f"{row.topic.name} hoort bij '{words}'."])


def _responsibilities(municipality: Municipality, topics: dict[int, Topic]) -> list[Responsibility]:
    # All of the municipality's rows: a few dozen at most, and a chosen domain, a topic's
    # fallback to its domain and the "overig" row are then decided without another query.
    # No ORDER BY (the ranking sorts) and no join for the topic (already loaded): each extra
    # table made PostgreSQL plan for milliseconds longer than it executes.
    rows = list(
        Responsibility.objects.filter(municipality=municipality)
        .order_by()
        .select_related(
            "help_team",
            "help_organisation",
            "complaint_team",
            "complaint_organisation",
            "escalation_team",
        )
        .prefetch_related(Prefetch("support", queryset=Organisation.objects.order_by("name")))
    )
    for row in rows:
        if row.topic_id is not None:
            row.topic = topics[row.topic_id]
    return rows


def _channels(municipality: Municipality, rows: Sequence[Responsibility]) -> ChannelIndex:
    """Every channel of the municipality and of everyone the results name, in one query."""
    teams: set[int] = set()
    organisations: set[int] = set()
    for row in rows:
        teams.update(
            t for t in (row.help_team_id, row.complaint_team_id, row.escalation_team_id) if t
        )
        organisations.update(
            o for o in (row.help_organisation_id, row.complaint_organisation_id) if o
        )
        organisations.update(o.pk for o in row.support.all())
    found: dict[tuple[str, int], list[Channel]] = {}
    query = ContactChannel.objects.filter(
        Q(municipality=municipality) | Q(team_id__in=teams) | Q(organisation_id__in=organisations)
    ).order_by("position", "pk")
    for channel in query:
        if channel.municipality_id:
            owner = ("municipality", channel.municipality_id)
        elif channel.team_id:
            owner = ("team", channel.team_id)
        else:
            assert channel.organisation_id is not None
            owner = ("organisation", channel.organisation_id)
        found.setdefault(owner, []).append(_channel(channel))
    return {owner: tuple(items) for owner, items in found.items()}


def _channel(channel: ContactChannel) -> Channel:
    value = channel.value
    href: str | None = None
    if channel.kind == ContactKind.TELEFOON:
        href = "tel:" + re.sub(r"[^\d+]", "", value)
    elif channel.kind == ContactKind.EMAIL:
        href = f"mailto:{value}"
    elif channel.kind in (ContactKind.WEBSITE, ContactKind.WEBFORMULIER):
        href = value
    return Channel(channel.kind, ContactKind(channel.kind).label, value, channel.note, href)
