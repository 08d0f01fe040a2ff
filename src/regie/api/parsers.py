"""JSON bodies with a bound on their nesting.

Python's json module recurses once per level, so a body of thousands of `[` raises
RecursionError, and one that just fits can still exhaust the stack later (in validation, in
json.dumps of a payload). No Regie resource nests deeper than a few levels, so anything past
MAX_DEPTH is refused at the door with a 400 that names the body.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32
TOO_DEEP = "De inhoud is te diep genest."


def json_depth(value: Any) -> int:
    """How deep arrays and objects nest in a parsed JSON value, counted without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, Mapping):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        stack.extend((child, depth + 1) for child in children)
    return deepest


def too_deep() -> ValidationError:
    # Named `body` in invalidParams, as every other error about the body as a whole.
    return ValidationError({"body": [ErrorDetail(TOO_DEEP, code="too_deep")]})


class BoundedJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise too_deep() from None
        if json_depth(data) > MAX_DEPTH:
            raise too_deep()
        return data
