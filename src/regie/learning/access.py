"""Who learns from complaints, and about which municipalities: the one rule the pages, the
write path of `regie.learning.services` and the CLI share.

As the scorecards (web/scorecards.py): those who keep the municipality's work in view — the
coordinator, the ombudsfunctionaris, the administrator — for the municipalities of their
memberships (directly or through a team); a superuser for all. Management and the council
have no case access; per ADR 3 their figures come from the aggregate read of issue 10.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User

from regie.accounts.permissions import May, roles_that
from regie.accounts.scope import may_handle_cases, scope_for_user
from regie.accounts.selectors import municipality_ids_in_roles
from regie.directory.models import Municipality

LEARNING_ROLES = tuple(sorted(roles_that(May.LEARN)))


def learning_municipalities(user: AbstractBaseUser | AnonymousUser) -> list[Municipality]:
    """The municipalities this person learns about, by name; empty for anyone else."""
    if not isinstance(user, User) or not may_handle_cases(scope_for_user(user)):
        return []
    if user.is_superuser:
        return list(Municipality.objects.order_by("name"))
    found = municipality_ids_in_roles(user, LEARNING_ROLES)
    return list(Municipality.objects.filter(pk__in=found).order_by("name"))


def learns_anywhere(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether `learning_municipalities(user)` holds any, without reading them (the
    worklist's link, on every page view)."""
    if not isinstance(user, User) or not may_handle_cases(scope_for_user(user)):
        return False
    return user.is_superuser or bool(municipality_ids_in_roles(user, LEARNING_ROLES))


def may_learn_about(user: AbstractBaseUser | AnonymousUser, municipality: Municipality) -> bool:
    return any(m.pk == municipality.pk for m in learning_municipalities(user))
