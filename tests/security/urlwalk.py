"""Every address the site answers, read from the URL configuration itself (not from a list
someone keeps), so an endpoint added tomorrow is in the matrix tomorrow.

An endpoint's key is its qualified URL name ("web:case", "api:cases"): stable when a route
is reworded, and what templates and `reverse` already use. A pattern without a name (a third
party's, or one added in a hurry) is keyed by its full route instead ("route:beheer/x/<int:pk>"),
so it still needs a rule and cannot hide.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Endpoint:
    key: str
    route: str  # the full route, prefixes of includes joined
    converters: tuple[tuple[str, str], ...]  # (argument, converter class name)
    callback: Any


def _route(pattern: URLPattern | URLResolver) -> str:
    return str(pattern.pattern)


def _converters(pattern: URLPattern | URLResolver) -> dict[str, str]:
    found = getattr(pattern.pattern, "converters", {}) or {}
    return {name: type(converter).__name__ for name, converter in found.items()}


def _walk(
    patterns: list[Any], prefix: str, namespace: str, converters: dict[str, str]
) -> Iterator[Endpoint]:
    for pattern in patterns:
        route = prefix + _route(pattern)
        known = {**converters, **_converters(pattern)}
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, route, inner, known)
            continue
        if pattern.name:
            key = f"{namespace}:{pattern.name}" if namespace else pattern.name
        else:
            key = f"route:{route}"
        yield Endpoint(key, route, tuple(sorted(known.items())), pattern.callback)


def endpoints(urlconf: str | None = None) -> list[Endpoint]:
    """Every pattern of the URL configuration, includes walked through, in resolving order."""
    return list(_walk(get_resolver(urlconf).url_patterns, "", "", {}))


if __name__ == "__main__":  # the list itself: python -m tests.security.urlwalk
    import django

    django.setup()
    for found in endpoints():
        arguments = ", ".join(f"{name}:{kind}" for name, kind in found.converters)
        print(f"{found.key:45} /{found.route}  {arguments}")
