"""The regimes Regie knows (LEGAL.md §3), and service norms built from a municipality's data.

To add a statutory regime: add a ``Regime`` to ``_STATUTORY`` below, with its Dutch label,
legal basis and start event, and example tests in ``tests/deadlines/test_regimes.py``. The
identifier is part of the CLI and API contract: never rename one.
"""

from collections.abc import Mapping
from types import MappingProxyType

from regie.deadlines.errors import UnknownRegime
from regie.deadlines.regime import Option, Regime, TermOption
from regie.deadlines.terms import Term

SERVICE_NORM_PREFIX = "servicenorm-"
COMPLAINT_SCHEME_PREFIX = "klachtenregeling-"

_COMPLAINT_RECEIVED = "de ontvangst van de klacht"

_STATUTORY = (
    Regime(
        identifier="awb-klacht",
        label="Klacht over de gemeente (Awb)",
        legal_basis="Awb artikel 9:11",
        start_event=_COMPLAINT_RECEIVED,
        term=Term.weeks(6),
        options=(
            TermOption(
                Option.COMMITTEE,
                Term.weeks(10),
                adds=False,
                reason="Een klachtadviescommissie geeft advies over de klacht.",
            ),
            TermOption(
                Option.EXTENDED,
                Term.weeks(4),
                adds=True,
                reason="De gemeente heeft de behandeling verdaagd.",
            ),
        ),
    ),
    Regime(
        identifier="awb-klacht-niet-behandelen",
        label="Bericht dat de gemeente een klacht niet behandelt (Awb)",
        legal_basis="Awb artikel 9:8",
        start_event=_COMPLAINT_RECEIVED,
        term=Term.weeks(4),
    ),
    Regime(
        identifier="wkkgz",
        label="Klacht bij een zorgaanbieder (Wkkgz)",
        legal_basis="Wkkgz artikel 17",
        start_event="de ontvangst van de klacht door de zorgaanbieder",
        term=Term.weeks(6),
        options=(
            TermOption(
                Option.EXTENDED,
                Term.weeks(4),
                adds=True,
                reason="De zorgaanbieder heeft de termijn verlengd.",
            ),
        ),
    ),
    Regime(
        identifier="wgs-eerste-gesprek",
        label="Eerste gesprek schuldhulpverlening (Wgs)",
        legal_basis="Wgs artikel 4",
        start_event="de hulpvraag",
        term=Term.weeks(4),
        options=(
            TermOption(
                Option.CRISIS,
                Term.working_days(3),
                adds=False,
                reason=(
                    "Er dreigt een huisuitzetting, afsluiting van energie of water,"
                    " of beëindiging van de zorgverzekering."
                ),
            ),
        ),
    ),
    Regime(
        identifier="wgs-besluit",
        label="Besluit over schuldhulpverlening (Wgs)",
        legal_basis="Wgs artikel 4a",
        start_event="het eerste gesprek",
        term=Term.weeks(8),
        note="De gemeente kan in een verordening een kortere termijn vastleggen.",
    ),
    Regime(
        identifier="awb-bezwaar",
        label="Beslissing op bezwaar (Awb)",
        legal_basis="Awb artikel 7:10",
        start_event="de laatste dag van de bezwaartermijn",
        term=Term.weeks(6),
        options=(
            TermOption(
                Option.COMMITTEE,
                Term.weeks(12),
                adds=False,
                reason="Een adviescommissie voor bezwaarschriften geeft advies over het bezwaar.",
            ),
            TermOption(
                Option.EXTENDED,
                Term.weeks(6),
                adds=True,
                reason="De gemeente heeft de beslissing verdaagd.",
            ),
        ),
    ),
)

REGIMES: Mapping[str, Regime] = MappingProxyType({r.identifier: r for r in _STATUTORY})


def get_regime(identifier: str) -> Regime:
    """The statutory regime with this identifier; service norms are passed as ``Regime``."""
    try:
        return REGIMES[identifier]
    except KeyError:
        raise UnknownRegime(identifier, REGIMES) from None


def service_norm(
    identifier: str,
    label: str,
    *,
    working_days: int | None = None,
    weeks: int | None = None,
    start_event: str = "de ontvangst",
) -> Regime:
    """A municipality's own norm, e.g. acknowledgement within 5 working days.

    The ``servicenorm-`` prefix keeps a municipality's identifiers apart from the statutory
    ones, so a configured norm can never shadow the law.
    """
    if not identifier.startswith(SERVICE_NORM_PREFIX):
        raise ValueError(f"a service norm identifier starts with {SERVICE_NORM_PREFIX!r}")
    if working_days is not None and weeks is None:
        term = Term.working_days(working_days)
    elif weeks is not None and working_days is None:
        term = Term.weeks(weeks)
    else:
        raise ValueError("give a service norm either working_days or weeks")
    return Regime(
        identifier=identifier,
        label=label,
        legal_basis="servicenorm van de gemeente",
        start_event=start_event,
        term=term,
        bound_by_atw=False,
    )


def complaint_scheme(
    identifier: str, *, organisation: str, weeks: int, scheme: str = "", basis: str = ""
) -> Regime:
    """The term a provider's own complaint scheme sets (LEGAL.md §5): a Wmo or youth-care
    provider handles complaints under its scheme, not under the Wkkgz. The term is data on
    the provider; no law sets it, so it is not bound by the Atw, and the explanation says
    whose rule it is.
    """
    if not identifier.startswith(COMPLAINT_SCHEME_PREFIX):
        raise ValueError(f"a complaint scheme identifier starts with {COMPLAINT_SCHEME_PREFIX!r}")
    if weeks <= 0:
        raise ValueError("a complaint scheme sets a term of at least one week")
    named = f" ({scheme})" if scheme else ""
    obliged = f", verplicht door {basis}" if basis else ""
    return Regime(
        identifier=identifier,
        label=f"Klachtenregeling van {organisation}",
        legal_basis=f"{scheme or 'klachtenregeling van ' + organisation}{obliged}",
        start_event="de ontvangst van de klacht",
        term=Term.weeks(weeks),
        bound_by_atw=False,
        own_rule=(
            f"Deze termijn komt uit de klachtenregeling van {organisation}{named}, niet uit de wet."
        ),
    )


# The examples from LEGAL.md §3; a municipality configures its own, these are a starting point.
EXAMPLE_SERVICE_NORMS: tuple[Regime, ...] = (
    service_norm("servicenorm-ontvangstbevestiging", "Ontvangstbevestiging", working_days=5),
    service_norm("servicenorm-eerste-contact", "Eerste contact", working_days=3),
)
