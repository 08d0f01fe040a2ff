"""Roles as data: what each role may do, in one table (issue 11).

Every rule that asks "may this person…" starts from this table: the case scope
(`accounts.scope`), the figures (`cases.aggregates`), learning (`learning.access`), the
management dashboard, the provider scorecards, administration (`accounts.administration`),
and the privacy officer's pages. A role is always held *somewhere* (a membership's municipality,
team, domain or organisation), so the table says what, the membership says where.

Who is not in the table: the resident, whose permission is the private status link for one
case (`scope_for_resident`), and API clients, whose token is anchored to one municipality or
organisation (`scope_for_api_client`). A superuser may do everything.
"""

from __future__ import annotations

import enum

from regie.vocabulary import Role


class May(enum.StrEnum):
    # Case files with personal data, within the scope of the membership.
    SEE_CASES = "zaken inzien"
    # Assign, hand over, record deadline facts, conclude: the municipality's own work.
    HANDLE_CASES = "zaken behandelen"
    # A team membership reaches the team's domains, not only its own queue.
    OVERSEE_TEAM_DOMAINS = "alle zaken in de domeinen van het team inzien"
    # Open a case of one's municipality outside one's own work, after giving a reason.
    BREAK_THE_GLASS = "zaak buiten eigen werk openen (met reden)"
    # Aggregated figures: dashboards, reports, the council's thermometer. Never a case.
    SEE_FIGURES = "cijfers inzien"
    # The management figures beyond the thermometer (outcomes, providers, recommendations).
    SEE_MANAGEMENT_FIGURES = "managementcijfers inzien"
    # Trends, spikes, investigations, recommendations, review samples.
    LEARN = "leren van klachten"
    # Counts per provider and GR (the municipality keeps outsourced work in view).
    OVERSEE_PROVIDERS = "aanbieders volgen"
    # Directory, norms, teams, letters: for the region or for one's municipality.
    ADMINISTER = "beheren"
    # The audit log, retention and legal holds, data-subject requests.
    GUARD_PRIVACY = "privacy bewaken"
    # The provider or GR portal: the cases about, from or with one's organisation.
    WORK_IN_PORTAL = "werken in het aanbiedersportaal"


ROLE_PERMISSIONS: dict[Role, frozenset[May]] = {
    # Front-line (KCC, wijkteam, consulent): registers and handles, within the membership.
    Role.MEDEWERKER: frozenset({May.SEE_CASES, May.HANDLE_CASES, May.BREAK_THE_GLASS}),
    Role.BEHANDELAAR: frozenset({May.SEE_CASES, May.HANDLE_CASES, May.BREAK_THE_GLASS}),
    Role.COORDINATOR: frozenset(
        {
            May.SEE_CASES,
            May.HANDLE_CASES,
            May.OVERSEE_TEAM_DOMAINS,
            May.BREAK_THE_GLASS,
            May.SEE_FIGURES,
            May.SEE_MANAGEMENT_FIGURES,
            May.LEARN,
            May.OVERSEE_PROVIDERS,
            May.ADMINISTER,
        }
    ),
    Role.OMBUDSFUNCTIONARIS: frozenset(
        {
            May.SEE_CASES,
            May.HANDLE_CASES,
            May.OVERSEE_TEAM_DOMAINS,
            May.BREAK_THE_GLASS,
            May.SEE_FIGURES,
            May.SEE_MANAGEMENT_FIGURES,
            May.LEARN,
            May.OVERSEE_PROVIDERS,
        }
    ),
    Role.AANBIEDER: frozenset({May.SEE_CASES, May.WORK_IN_PORTAL}),
    Role.MANAGEMENT: frozenset({May.SEE_FIGURES, May.SEE_MANAGEMENT_FIGURES}),
    Role.RAAD: frozenset({May.SEE_FIGURES}),
    Role.PRIVACY: frozenset({May.GUARD_PRIVACY}),
    Role.BEHEERDER: frozenset(
        {
            May.SEE_CASES,
            May.SEE_FIGURES,
            May.SEE_MANAGEMENT_FIGURES,
            May.LEARN,
            May.OVERSEE_PROVIDERS,
            May.ADMINISTER,
        }
    ),
}


def roles_that(may: May) -> frozenset[Role]:
    """The roles whose holders may do this (somewhere)."""
    return frozenset(role for role, permissions in ROLE_PERMISSIONS.items() if may in permissions)


def role_may(role: str, may: May) -> bool:
    return may in ROLE_PERMISSIONS.get(Role(role), frozenset()) if role in Role.values else False


def as_markdown() -> str:
    """The table as docs/roles.md shows it (a test keeps the two the same)."""
    roles = list(ROLE_PERMISSIONS)
    lines = [
        "| | " + " | ".join(Role(r).label for r in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for may in May:
        marks = ["ja" if may in ROLE_PERMISSIONS[r] else "" for r in roles]
        lines.append(f"| {may.value} | " + " | ".join(marks) + " |")
    return "\n".join(lines) + "\n"
