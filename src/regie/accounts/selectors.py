"""Reads of people, for the CLI, the demo and tests; cases are read in `regie.cases.selectors`."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import Q

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
