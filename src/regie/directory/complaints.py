"""Which rules govern a complaint about a party (LEGAL.md §5), from the directory's data: one
answer for the deadline a case gets and for what the wegwijzer tells a resident."""

from __future__ import annotations

from regie.deadlines import COMPLAINT_SCHEME_PREFIX, Regime, complaint_scheme, get_regime
from regie.directory.models import Organisation
from regie.vocabulary import ComplaintRoute


def complaint_regime(organisation: Organisation | None) -> Regime | None:
    """The Awb for the municipality itself and for joint arrangements (public bodies); the
    Wkkgz for care under the Zvw or Wlz; else the provider's own complaint scheme with the
    term on record, which the Wkkgz does not replace for Wmo and youth care. None when the
    scheme's term is not on record: then there is no date to promise."""
    if organisation is None or organisation.route == ComplaintRoute.AWB:
        return get_regime("awb-klacht")
    if organisation.route == ComplaintRoute.WKKGZ:
        return get_regime("wkkgz")
    if not organisation.complaint_term_weeks:
        return None
    return complaint_scheme(
        f"{COMPLAINT_SCHEME_PREFIX}{organisation.slug}",
        organisation=organisation.name,
        weeks=organisation.complaint_term_weeks,
        scheme=organisation.complaint_scheme,
        basis=organisation.complaint_scheme_basis,
    )
