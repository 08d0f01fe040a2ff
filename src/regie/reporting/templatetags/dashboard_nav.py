"""The "Cijfers" link in the staff navigation, for people who may see figures (ADR 3).

A template tag rather than a context processor, so that the link needs no change to the
settings: the base template asks for it inside the logged-in navigation only, so public
pages never pay for the membership query.
"""

from __future__ import annotations

from typing import Any

from django import template

from regie.cases.aggregates import aggregate_scope_for_user

register = template.Library()


@register.simple_tag(takes_context=True)
def may_see_figures(context: dict[str, Any]) -> bool:
    request = context.get("request")
    if request is None:
        return False
    scope = aggregate_scope_for_user(request.user)
    return scope.everything or bool(scope.municipality_ids)
