"""Saying the answer in plain Dutch (B1): who helps, the terms, the complaint route up to the
ombudsman, the oversight level. Numbers and terms come from the data and regie.deadlines."""

from __future__ import annotations

from collections.abc import Sequence

from regie.deadlines import Option, Regime, get_regime
from regie.deadlines.dutch import capitalize_first, format_date
from regie.directory.complaints import complaint_regime
from regie.directory.models import Municipality, Organisation, Responsibility, Team
from regie.directory.wegwijzer.shapes import (
    DOMAIN_WORDS,
    Channel,
    ChannelIndex,
    ComplaintRouteInfo,
    EscalationStep,
    Hit,
    MunicipalityInfo,
    OversightInfo,
    Party,
    Result,
    TermInfo,
    TopicRef,
)
from regie.vocabulary import ComplaintRoute, ContactKind, Domain, OrganisationKind, Oversight


class MunicipalityParties:
    """The municipality, its ombudsman and its teams as parties, for one answer."""

    def __init__(self, municipality: Municipality, channels: ChannelIndex) -> None:
        self.municipality = municipality
        self.channels = channels
        own = channels.get(("municipality", municipality.pk), ())
        self.ombudsman = Party(
            slug="",
            name=capitalize_first(municipality.ombudsman_name),
            kind="ombudsman",
            kind_label="Ombudsman",
            description=(
                "Onafhankelijk. Kijkt of de gemeente u goed heeft behandeld. Dat is gratis."
            ),
            channels=(
                Channel(
                    ContactKind.WEBSITE,
                    ContactKind.WEBSITE.label,
                    municipality.ombudsman_url,
                    "",
                    municipality.ombudsman_url,
                ),
            ),
        )
        self.info = MunicipalityInfo(
            code=municipality.code,
            name=municipality.name,
            channels=own,
            ombudsman=self.ombudsman,
        )

    def party(self, who: Team | Organisation) -> Party:
        if isinstance(who, Team):
            return Party(
                slug=who.slug,
                name=f"{who.name} van {self.municipality.name}",
                kind="team",
                kind_label="Team van de gemeente",
                description=f"Een team van {self.municipality.name}.",
                channels=self.channels.get(("team", who.pk), ()),
            )
        return Party(
            slug=who.slug,
            name=who.name,
            kind=who.kind,
            kind_label=OrganisationKind(who.kind).label,
            description=who.description,
            channels=self.channels.get(("organisation", who.pk), ()),
        )


def result_for(
    row: Responsibility, hit: Hit, about: MunicipalityParties, channels: ChannelIndex
) -> Result:
    helper = row.helper
    # A row without a helper still answers: the municipality's complaint team or the municipality.
    responsible = about.party(helper) if helper is not None else _municipality_party(about)
    outsourced = row.outsourced_to
    what_happens = row.what_happens or (
        f"{responsible.name} bekijkt uw vraag en neemt contact met u op."
    )
    return Result(
        domain=row.domain,
        domain_label=DOMAIN_WORDS[row.domain],
        topic=TopicRef(row.topic.slug, row.topic.name) if row.topic else None,
        score=round(hit.score, 2),
        reasons=tuple(hit.reasons),
        responsible=responsible,
        outsourced_to=outsourced.slug if outsourced else None,
        what_happens=what_happens,
        terms=_terms(row, about.municipality),
        complaint_route=_complaint_route(row, about),
        support=tuple(about.party(o) for o in row.support.all()),
        oversight=_oversight(row),
    )


def _municipality_party(about: MunicipalityParties) -> Party:
    info = about.info
    return Party(info.code, info.name, "gemeente", "Gemeente", "", info.channels)


def _terms(row: Responsibility, municipality: Municipality) -> tuple[TermInfo, ...]:
    """The terms that start when the resident asks for help here: the municipality's service
    norm for first contact, and for debt help the Wgs terms (LEGAL.md §4)."""
    days = municipality.norm_first_contact_working_days
    terms = [
        TermInfo(
            label="Eerste contact",
            words=(
                f"Meldt u uw vraag hier? Dan neemt de gemeente binnen {days} "
                f"{'werkdag' if days == 1 else 'werkdagen'} contact met u op."
            ),
            regime="servicenorm-eerste-contact",
            legal_basis="servicenorm van de gemeente",
        )
    ]
    if row.domain == Domain.SCHULDHULP:
        first = get_regime("wgs-eerste-gesprek")
        crisis = next(o.term for o in first.options if o.option is Option.CRISIS)
        terms.append(
            TermInfo(
                label="Eerste gesprek over uw schulden",
                words=(
                    f"Binnen {first.term.in_dutch()} na uw hulpvraag. Dreigt er een "
                    "huisuitzetting, afsluiting van gas, licht of water, of het stoppen van uw "
                    f"zorgverzekering? Dan binnen {crisis.in_dutch()}."
                ),
                regime=first.identifier,
                legal_basis=first.legal_basis,
            )
        )
        decision = get_regime("wgs-besluit")
        weeks = municipality.wgs_decision_weeks
        terms.append(
            TermInfo(
                label="Besluit over uw schuldhulp",
                words=(
                    f"Binnen {weeks} {'week' if weeks == 1 else 'weken'} na het eerste gesprek "
                    "krijgt u een besluit op papier, met een plan van aanpak."
                ),
                regime=decision.identifier,
                legal_basis=decision.legal_basis,
            )
        )
    return tuple(terms)


def _awb_words() -> str:
    awb = get_regime("awb-klacht")
    extended = next(o.term for o in awb.options if o.option is Option.EXTENDED)
    return (
        f"binnen {awb.term.in_dutch()}; de gemeente mag dit één keer met "
        f"{extended.in_dutch()} verlengen en laat u dat dan weten"
    )


def _term_words(regime: Regime | None) -> str:
    if regime is None:
        return "de klachtenregeling noemt geen termijn"
    if regime.identifier == "awb-klacht":
        return _awb_words()
    return f"binnen {regime.term.in_dutch()}"


def _complaint_route(row: Responsibility, about: MunicipalityParties) -> ComplaintRouteInfo:
    organisation = row.complaint_organisation
    handler_model = row.complaint_handler or row.escalation_team
    handler = about.party(handler_model) if handler_model else _municipality_party(about)
    regime = complaint_regime(organisation)
    steps: list[EscalationStep] = []

    scheme = organisation.complaint_scheme if organisation else ""
    if organisation is not None and organisation.route == ComplaintRoute.KLACHTENREGELING:
        named = f"de {scheme}" if scheme else f"de klachtenregeling van {organisation.name}"
        steps.append(
            EscalationStep(
                position=1,
                action=f"Klacht bij {organisation.name}",
                text=(
                    f"Bespreek het eerst met {organisation.name}. Komt u er samen niet uit? "
                    f"Dien dan een klacht in bij {organisation.name}. Daarvoor geldt {named}."
                ),
                party=handler,
                term=_term_words(regime),
            )
        )
    elif organisation is not None:
        steps.append(
            EscalationStep(
                position=1,
                action=f"Klacht bij {organisation.name}",
                text=(
                    f"Dien een klacht in bij {organisation.name}. Vaak lossen zij het eerst "
                    "met u op in een gesprek."
                ),
                party=handler,
                term=_term_words(regime),
            )
        )
    else:
        steps.append(
            EscalationStep(
                position=1,
                action="Klacht bij de gemeente",
                text=(
                    f"Dien een klacht in bij {about.municipality.name}. Vaak lossen we het eerst "
                    "samen op in een gesprek."
                ),
                party=handler,
                term=_awb_words(),
            )
        )
    escalation = row.escalation_team
    if organisation is not None and escalation is not None:
        steps.append(
            EscalationStep(
                position=2,
                action="Klacht bij de gemeente",
                text=(
                    f"{organisation.name} werkt in opdracht van {about.municipality.name}. Gaat "
                    "uw klacht over wat de gemeente zelf deed, zoals de indicatie, de inkoop of "
                    f"het toezicht? Of bent u niet tevreden over hoe {organisation.name} uw "
                    "klacht behandelde? Dan kunt u een klacht indienen bij de gemeente."
                ),
                party=about.party(escalation),
                term=_awb_words(),
            )
        )
    steps.append(
        EscalationStep(
            position=len(steps) + 1,
            action=f"Naar {about.municipality.ombudsman_name}",
            text=(
                "Bent u niet tevreden over het antwoord van de gemeente op uw klacht? Dan kunt u "
                f"naar {about.municipality.ombudsman_name}. Dat is gratis."
            ),
            party=about.ombudsman,
            term="binnen een jaar na het antwoord van de gemeente",
        )
    )
    return ComplaintRouteInfo(
        handler=handler,
        regime=regime.identifier if regime else None,
        regime_label=regime.label if regime else f"Klachtenregeling van {handler.name}",
        term=regime.term.in_dutch() if regime else "",
        legal_basis=regime.legal_basis if regime else "",
        scheme=scheme,
        scheme_url=organisation.complaint_scheme_url if organisation else "",
        steps=tuple(steps),
    )


def _oversight(row: Responsibility) -> OversightInfo:
    outsourced = row.outsourced_to
    decision = ""
    if row.decision_reference:
        when = f" van {format_date(row.decision_date)}" if row.decision_date else ""
        decision = f" Dat is afgesproken in {row.decision_reference}{when}."
    if outsourced is None:
        words = "De gemeente doet dit zelf."
    elif row.oversight == Oversight.VOLLEDIG:
        words = (
            f"{outsourced.name} doet dit werk voor de gemeente. De gemeente volgt elke melding: "
            f"zij ziet hoe het gaat en hoe het afloopt.{decision}"
        )
    elif row.oversight == Oversight.SAMENVATTING:
        words = (
            f"{outsourced.name} doet dit werk voor de gemeente. De gemeente ziet alleen "
            "aantallen en onderwerpen, geen namen. Wilt u dat de gemeente meekijkt? Meld het "
            f"dan hier.{decision}"
        )
    else:
        words = f"{outsourced.name} doet dit werk voor de gemeente.{decision}"
    return OversightInfo(
        level=row.oversight or None,
        words=words,
        decision_reference=row.decision_reference,
        decision_date=row.decision_date.isoformat() if row.decision_date else None,
    )


def no_match_suggestion(channels: Sequence[Channel]) -> str:
    phone = next((c.value for c in channels if c.kind == ContactKind.TELEFOON), "")
    call = f"Bel de gemeente op {phone}" if phone else "Neem contact op met de gemeente"
    return (
        f"{call}, of kies een onderwerp uit de lijst. Dan zoeken wij samen met u uit wie u "
        "kan helpen."
    )
