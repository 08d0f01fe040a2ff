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


def memberships_of(user: User) -> tuple[Membership, ...]:
    """Every role `user` holds, with its team: one query, once per request (request_memo).

    Why one read: a staff page asks who the user may be five ways (the scope, the figures,
    learning, Beheer, privacy), and each asked the same rows of its own before."""
    return remembered(
        ("memberships", user.pk),
        lambda: tuple(Membership.objects.filter(user=user).select_related("team")),
    )


def municipality_ids_in_roles(user: User, roles: Iterable[str]) -> frozenset[int]:
    """The municipalities where `user` holds one of `roles`, directly or through a team. Who
    learns (regie.learning.access) and who sees figures (regie.cases.aggregates) both start
    here."""
    wanted = set(roles)
    return frozenset(
        place
        for m in memberships_of(user)
        if m.role in wanted
        for place in (m.municipality_id, m.team.municipality_id if m.team else None)
        if place is not None
    )
