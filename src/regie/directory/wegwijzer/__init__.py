"""The wegwijzer: who helps a resident with this problem in this municipality, what happens
next, which terms apply, and where to go when it does not work out (DESIGN.md point 1).

A read-only selector over the directory. It matches the resident's own words against the
topics' names and keywords, picks the municipality's responsibility for each topic found
(or for its domain when the municipality made no separate arrangement), and says all of it in
plain Dutch. Both faces (the public pages and the API) show this one answer.

It reads directory tables only, in a fixed number of queries, and nothing of cases.
"""

from regie.directory.wegwijzer.selector import municipalities, topics_by_domain, wegwijzer_answer
from regie.directory.wegwijzer.shapes import (
    DOMAIN_ORDER,
    DOMAIN_WORDS,
    MAX_RESULTS,
    QUESTION_MAX,
    Answer,
    Channel,
    ChannelIndex,
    ComplaintRouteInfo,
    EscalationStep,
    Hit,
    MunicipalityInfo,
    OversightInfo,
    Party,
    Question,
    Result,
    TermInfo,
    TopicRef,
    WegwijzerError,
)
from regie.directory.wegwijzer.words import TopicIndex, normalise, stems, tokens, topic_index

__all__ = [
    "DOMAIN_ORDER",
    "DOMAIN_WORDS",
    "MAX_RESULTS",
    "QUESTION_MAX",
    "Answer",
    "Channel",
    "ChannelIndex",
    "ComplaintRouteInfo",
    "EscalationStep",
    "Hit",
    "MunicipalityInfo",
    "OversightInfo",
    "Party",
    "Question",
    "Result",
    "TermInfo",
    "TopicIndex",
    "TopicRef",
    "WegwijzerError",
    "municipalities",
    "normalise",
    "stems",
    "tokens",
    "topic_index",
    "topics_by_domain",
    "wegwijzer_answer",
]
