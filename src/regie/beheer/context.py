"""The "Beheer" link in the staff navigation, for people who may administer something."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

from regie.accounts.administration import administration_for_user


def beheer_link(request: HttpRequest) -> dict[str, Callable[[], bool]]:
    # A callable: the template calls it only inside the logged-in navigation, so public
    # pages never pay for the membership query.
    return {"show_beheer": lambda: not administration_for_user(request.user).is_empty}
