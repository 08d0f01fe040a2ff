"""What staff forms offer as choices: municipalities for a user, people by name.

Cases are never read here; they come from `regie.cases.selectors` with the user's scope, and
whom a case may be assigned to from `regie.cases.assignees`.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Q

from regie.accounts.scope import Scope
from regie.directory.models import Municipality


def municipalities_for_intake(scope: Scope) -> list[Municipality]:
    """Where this user may register a case, their own municipality first."""
    if scope.everything:
        return list(Municipality.objects.order_by("name"))
    own = [g.municipality_id for g in scope.grants if g.municipality_id is not None]
    own += [g.team_municipality_id for g in scope.grants if g.team_municipality_id is not None]
    organisation_ids = scope.organisation_ids()
    found = Municipality.objects.filter(
        Q(pk__in=own) | Q(organisations__pk__in=organisation_ids)
    ).distinct()
    by_pk = {m.pk: m for m in found}
    ordered = [by_pk[pk] for pk in dict.fromkeys(own) if pk in by_pk]
    return ordered + sorted((m for m in by_pk.values() if m not in ordered), key=lambda m: m.name)


def display_name(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
