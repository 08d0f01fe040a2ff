"""The "Werkvoorraad" and "Nieuwe melding vastleggen" links, for people who work with cases.
The college and the council have none: they get figures ("Cijfers"), never a case."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

from regie.accounts.scope import scope_for_user


def work_links(request: HttpRequest) -> dict[str, Callable[[], bool]]:
    # A callable: asked only inside the logged-in navigation, as beheer_link.
    return {"show_work": lambda: not scope_for_user(request.user).is_empty}
