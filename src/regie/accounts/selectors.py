"""Reads of people, for the CLI, the demo and tests; cases are read in `regie.cases.selectors`."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Q

from regie.accounts.models import Membership
from regie.accounts.request_memo import remembered
from regie.vocabulary import Role


def user_by_username(username: str) -> User | None:
    found = get_user_model().objects.filter(username=username).first()
    return found if isinstance(found, User) else None


def coordinators_of(municipality_id: int) -> list[User]:
    """Active coordinators of a municipality who have an e-mail address (for warnings about
    outsourced work)."""
    found = (
        get_user_model()
        .objects.filter(is_active=True, memberships__role=Role.COORDINATOR)
        .filter(
            Q(memberships__municipality_id=municipality_id)
            | Q(memberships__team__municipality_id=municipality_id)
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    return [u for u in found if isinstance(u, User)]


def municipality_ids_in_roles(user: User, roles: Iterable[str]) -> frozenset[int]:
    """The municipalities where `user` holds one of `roles`, directly or through a team: one
    query. Who learns (regie.learning.access) and who sees figures (regie.cases.aggregates)
    both start here."""
    wanted = tuple(sorted(roles))

    def read() -> frozenset[int]:
        rows = Membership.objects.filter(user=user, role__in=list(wanted)).values_list(
            "municipality_id", "team__municipality_id"
        )
        return frozenset(m for pair in rows for m in pair if m is not None)

    return remembered(("municipalities in roles", user.pk, wanted), read)
