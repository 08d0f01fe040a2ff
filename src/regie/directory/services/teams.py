"""A team's name, its shared mailbox (for the daily digest) and the domains it works in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db import transaction

from regie.directory.models import Responsibility, Team
from regie.directory.services import history
from regie.directory.services.common import NAME, Check, Editor, Saved, locked, moment, require
from regie.vocabulary import Domain

ROLES_OF_A_TEAM = {
    "help_team": "helpt dit team",
    "complaint_team": "behandelt dit team de klachten",
    "escalation_team": "is dit team het escalatieteam",
}


def chosen_domains(check: Check, field: str, domains: Iterable[str]) -> list[str]:
    """Known domains, in the vocabulary's order, each once."""
    chosen = set(domains)
    if not chosen:
        check.fail(field, "Kies minstens één domein.")
    elif not chosen <= set(Domain.values):
        check.fail(field, "Kies domeinen uit de lijst.")
    return [d for d in Domain.values if d in chosen]


def _still_fits(check: Check, team: Team, domains: list[str]) -> None:
    """Members of a team see only cases in the team's domains: a team named in a
    responsibility must keep its domain, or the cases routed there would vanish from view."""
    for field, role in ROLES_OF_A_TEAM.items():
        used = Responsibility.objects.filter(**{field: team}).exclude(domain__in=domains)
        first = used.select_related("topic", "municipality").first()
        if first is not None:
            check.fail(
                "domains",
                f"Bij {first} {role}. Houd het domein {Domain(first.domain).label} aan, of "
                "kies daar eerst een ander team.",
            )


def team_update(
    *,
    team: Team,
    by: Editor,
    name: str,
    email: str,
    domains: Sequence[str],
    at: dt.datetime | None = None,
) -> Saved[Team]:
    require(by, team)
    when = moment(at)
    check = Check()
    name = check.text("name", name, limit=NAME, required="Vul de naam van het team in.")
    email = check.email(
        "email",
        email,
        message="Vul een geldig e-mailadres in, zoals wmo@gemeente.nl, of laat het veld leeg.",
    )
    chosen = chosen_domains(check, "domains", domains)
    with transaction.atomic():
        current = locked(team)
        require(by, current)
        if check.ok("domains"):
            _still_fits(check, current, chosen)
        check.done()
        values = {"name": name, "email": email, "domains": chosen}
        return history.update(current, values, by=by, at=when)
