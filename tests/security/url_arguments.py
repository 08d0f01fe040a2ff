"""How to fill a URL's arguments for one principal: with an item INSIDE its scope and with
items OUTSIDE it. Each filler returns a `Fill`; the rule in `access_rules.py` says whether
the principal may open the inside item (and the outside ones).

What "inside" and "outside" mean for a case is one table, `CASE_SIGHT`, so a change to who
sees which case is one line there, not an edit of every case rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from tests.security.matrix_world import MatrixWorld
from tests.security.principals import Principal

Kwargs = dict[str, Any]


@dataclass(frozen=True)
class Fill:
    """`inside`: the principal's own item; `outside`: items beyond its scope; `nobody`: an
    address stitched together from two scopes (one municipality's code, another's item) that
    no one may open; `glass`: cases that open only after giving a reason (break the glass).
    `__path__` in a kwargs dict replaces reversing; `__query__` is added to the address."""

    inside: Kwargs
    outside: tuple[Kwargs, ...] = field(default_factory=tuple)
    nobody: tuple[Kwargs, ...] = field(default_factory=tuple)
    glass: tuple[Kwargs, ...] = field(default_factory=tuple)


Filler = Callable[[Principal, MatrixWorld], Fill]

HOME, OTHER = "GM9901", "GM9902"
NO_SUCH_TOKEN = "dit-is-geen-geldige-code-0000000000000000"


# Which case is INSIDE a principal's sight, which are OUTSIDE it, and which open only after
# giving a reason (names of `MatrixWorld.case`): "klachten-wmo" is a Wmo case in the queue of
# GM9901's complaints team (the behandelaar's team), "wmo" one in the Wmo team's queue (the
# wmo-consulent's), "jeugd" one in the youth team's queue, "hooglanden" a case of the other
# municipality. Least privilege (issue 11): a handler sees their own team's queue and their
# own cases; another case of their municipality opens only through the glass, one of another
# municipality never. Who sees what is this table alone: the case page, its files, letters,
# dossier, actions and the API follow it.
@dataclass(frozen=True)
class Sight:
    inside: str
    outside: tuple[str, ...] = ("hooglanden",)
    glass: tuple[str, ...] = ()


CASE_SIGHT: dict[str, Sight] = {
    "behandelaar": Sight("klachten-wmo", glass=("jeugd", "wmo")),
    "behandelaar-wmo": Sight("wmo", glass=("jeugd", "klachten-wmo")),
    "aanbieder": Sight("about-anker", outside=("about-linde", "klachten-wmo")),
    "aanbieder-gr": Sight("about-sociale-dienst", outside=("about-anker", "klachten-wmo")),
    "api-organisatie": Sight("about-anker", outside=("about-linde", "klachten-wmo")),
}
# The municipality's employees without a team (kcc), its coordinator and ombudsfunctionaris
# see all its cases; for everyone else (no case access at all) these are the items tried.
DEFAULT_SIGHT = Sight("klachten-wmo")


def sight(principal: Principal) -> Sight:
    return CASE_SIGHT.get(principal.name, DEFAULT_SIGHT)


def nothing(p: Principal, w: MatrixWorld) -> Fill:
    return Fill({})


def _cases(p: Principal, w: MatrixWorld, make: Callable[[str], Kwargs]) -> Fill:
    seen = sight(p)
    return Fill(
        make(seen.inside),
        tuple(make(name) for name in seen.outside),
        glass=tuple(make(name) for name in seen.glass),
    )


def case(p: Principal, w: MatrixWorld) -> Fill:
    return _cases(p, w, lambda name: {"reference": w.case[name]})


def case_note(p: Principal, w: MatrixWorld) -> Fill:
    """An action on the staff case page (a note: every handler may write one)."""
    return _cases(p, w, lambda name: {"reference": w.case[name], "slug": "notitie"})


def case_with_bsn(p: Principal, w: MatrixWorld) -> Fill:
    """A case with a BSN (in the complaints team's queue), and one of the other municipality."""
    return Fill({"reference": w.case["bsn"]}, ({"reference": w.case["hooglanden-bsn"]},))


def privacy_request(p: Principal, w: MatrixWorld) -> Fill:
    requests: dict[str, int] = w.extra["privacy_requests"]
    return Fill({"pk": requests[HOME]}, ({"pk": requests[OTHER]},))


def privacy_request_step(p: Principal, w: MatrixWorld) -> Fill:
    requests: dict[str, int] = w.extra["privacy_requests"]
    return Fill(
        {"pk": requests[HOME], "step": "verlengen"},
        ({"pk": requests[OTHER], "step": "verlengen"},),
    )


def portal_case_progress(p: Principal, w: MatrixWorld) -> Fill:
    """An action in the provider portal (progress: the organisation's own report)."""
    return _cases(p, w, lambda name: {"reference": w.case[name], "slug": "voortgang"})


def _by_case_item(items: dict[str, int], p: Principal) -> Fill:
    # Letters and files exist on the complaints team's case, the Wmo team's and the other
    # municipality's; behind the glass they stay closed until the reason is given.
    seen = sight(p)
    inside = seen.inside if seen.inside in items else "klachten-wmo"
    return Fill(
        {"pk": items[inside]},
        ({"pk": items["hooglanden"]},),
        glass=tuple({"pk": items[name]} for name in seen.glass if name in items),
    )


def letter(p: Principal, w: MatrixWorld) -> Fill:
    return _by_case_item(w.letter, p)


def attachment(p: Principal, w: MatrixWorld) -> Fill:
    return _by_case_item(w.attachment, p)


def token(p: Principal, w: MatrixWorld) -> Fill:
    """The status link is the resident's key: only the resident holds the real one. Everyone
    else tries a made-up one (they hold none)."""
    if p.holds_token:
        return Fill({"token": w.token["klachten-wmo"]}, ({"token": NO_SUCH_TOKEN},))
    return Fill({"token": NO_SUCH_TOKEN})


def token_letter(p: Principal, w: MatrixWorld) -> Fill:
    """Their own letter; outside: another case's letter with their own key."""
    own = w.token["klachten-wmo"] if p.holds_token else NO_SUCH_TOKEN
    return Fill(
        {"token": own, "pk": w.letter["klachten-wmo"]},
        ({"token": own, "pk": w.letter["hooglanden"]},),
    )


def batch(p: Principal, w: MatrixWorld) -> Fill:
    own = p.organisation or "het-anker"
    other = "de-linde" if own != "de-linde" else "het-anker"
    return Fill({"batch_id": w.batch[own]}, ({"batch_id": w.batch[other]},))


def municipality(p: Principal, w: MatrixWorld) -> Fill:
    return Fill({"municipality": HOME}, ({"municipality": OTHER},))


def beheer_municipality(p: Principal, w: MatrixWorld) -> Fill:
    return Fill({"code": HOME}, ({"code": OTHER},))


def beheer_team(p: Principal, w: MatrixWorld) -> Fill:
    return Fill({"code": HOME, "slug": "klachten"}, ({"code": OTHER, "slug": "klachten"},))


def beheer_letter(p: Principal, w: MatrixWorld) -> Fill:
    kind = "ontvangstbevestiging"
    return Fill({"code": HOME, "kind": kind}, ({"code": OTHER, "kind": kind},))


def beheer_responsibility(p: Principal, w: MatrixWorld) -> Fill:
    return Fill(
        {"code": HOME, "pk": w.responsibility[HOME]},
        ({"code": OTHER, "pk": w.responsibility[OTHER]},),
    )


def channel(p: Principal, w: MatrixWorld) -> Fill:
    """A municipality's contact channel; outside: the other municipality's and a provider's."""
    return Fill(
        {"pk": w.channel[HOME]}, ({"pk": w.channel[OTHER]}, {"pk": w.channel["organisation"]})
    )


def organisation(p: Principal, w: MatrixWorld) -> Fill:
    """Organisations are the region's: inside and outside differ only for administrators of
    one municipality, who administer none of them."""
    return Fill({"slug": "het-anker"}, ({"slug": "de-linde"},))


def scorecard(p: Principal, w: MatrixWorld) -> Fill:
    """A provider working for the municipality; outside: an independent body, no provider."""
    return Fill({"slug": "het-anker"}, ({"slug": "akj"},))


def topic(p: Principal, w: MatrixWorld) -> Fill:
    return Fill({"slug": w.extra["topic"]})


def _per_municipality(items: dict[str, int], name: str = "pk") -> Fill:
    return Fill(
        {"municipality": HOME, name: items[HOME]},
        ({"municipality": OTHER, name: items[OTHER]},),
        nobody=({"municipality": HOME, name: items[OTHER]},),
    )


def sample(p: Principal, w: MatrixWorld) -> Fill:
    return _per_municipality(w.sample)


def sample_item(p: Principal, w: MatrixWorld) -> Fill:
    return Fill(
        {"municipality": HOME, "pk": w.sample[HOME], "item": w.sample_item[HOME]},
        ({"municipality": OTHER, "pk": w.sample[OTHER], "item": w.sample_item[OTHER]},),
        nobody=({"municipality": HOME, "pk": w.sample[HOME], "item": w.sample_item[OTHER]},),
    )


def recommendation(p: Principal, w: MatrixWorld) -> Fill:
    return _per_municipality(w.recommendation)


def investigation(p: Principal, w: MatrixWorld) -> Fill:
    return _per_municipality(w.investigation)


def story(p: Principal, w: MatrixWorld) -> Fill:
    return _per_municipality(w.story)


def spike(p: Principal, w: MatrixWorld) -> Fill:
    """The cases behind this week's web complaints."""
    args = {"dimension": "kanaal", "value": "web", "week": w.week}
    return Fill({"municipality": HOME, **args}, ({"municipality": OTHER, **args},))


def report(p: Principal, w: MatrixWorld) -> Fill:
    last_year = str(timezone.localdate().year - 1)
    args = {"kind": "annual", "period": last_year, "fmt": "csv"}
    return Fill({"municipality": HOME, **args}, ({"municipality": OTHER, **args},))


def casuistry_pdf(p: Principal, w: MatrixWorld) -> Fill:
    year = str(timezone.localdate().year)
    return Fill({"municipality": HOME, "period": year}, ({"municipality": OTHER, "period": year},))


def opendata_year(p: Principal, w: MatrixWorld) -> Fill:
    last_year = str(timezone.localdate().year - 1)
    return Fill(
        {"municipality": HOME, "year": last_year}, ({"municipality": OTHER, "year": last_year},)
    )


def report_run(p: Principal, w: MatrixWorld) -> Fill:
    """A run is its requester's alone: inside is the principal's own run (the wethouder's for
    those who cannot ask for one), outside another person's run and another municipality."""
    runs: dict[str, int] = w.extra["runs"]
    own = runs.get(p.username, runs["wethouder"])
    someone_else = runs["wethouder"] if p.username != "wethouder" else runs["coordinator"]
    return Fill(
        {"municipality": HOME, "pk": own},
        ({"municipality": HOME, "pk": someone_else},),
        nobody=({"municipality": OTHER, "pk": own},),
    )


def wegwijzer_question(p: Principal, w: MatrixWorld) -> Fill:
    return Fill({"__query__": "municipality=GM9901&q=huishoudelijke+hulp"})


def queued_intake(p: Principal, w: MatrixWorld) -> Fill:
    """Intakes that other clients (of the principal's own municipality or organisation)
    handed in with `Prefer: respond-async`; the own client's is read in tests/api."""
    queued: dict[str, str] = w.extra["queued"]
    return Fill({"queued_id": queued["GM9901"]}, ({"queued_id": queued["het-anker"]},))


def api_anything(p: Principal, w: MatrixWorld) -> Fill:
    """The API's catch-all (404 as problem+json for every unknown address)."""
    return Fill({"__path__": "/api/v1/bestaat-niet"})
