"""The "Werkvoorraad" and "Nieuwe melding vastleggen" links, for people who work with cases.
The college and the council have none: they get figures ("Cijfers"), never a case."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import User
from django.http import HttpRequest

from regie.accounts.permissions import May, roles_that
from regie.accounts.scope import scope_for_user
from regie.accounts.selectors import memberships_of


def work_links(request: HttpRequest) -> dict[str, Callable[[], bool]]:
    # Callables: asked only inside the logged-in navigation, as beheer_link.
    return {
        "show_work": lambda: not scope_for_user(request.user).is_empty,
        "show_privacy": lambda: _guards_privacy(request.user),
    }


def _guards_privacy(user: object) -> bool:
    """The privacy officer's pages (audit log, retention, requests) in the menu."""
    if not isinstance(user, User) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    guarding = roles_that(May.GUARD_PRIVACY)
    return any(m.role in guarding for m in memberships_of(user))
