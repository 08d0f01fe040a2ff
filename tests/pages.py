"""Reading rendered pages in tests the way a person reads them."""

from __future__ import annotations

import re


def field_error(page: str, field: str) -> str:
    """The error message shown next to a form field ('' when there is none)."""
    found = re.search(rf'id="id_{field}_error">(.*?)</div>', page, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)).replace("Fout: ", "").strip() if found else ""


def options(page: str, field: str) -> list[str]:
    """The visible labels of a select's options."""
    found = re.search(rf'<select name="{field}".*?</select>', page, re.S)
    assert found, f"no select named {field}"
    return [label.strip() for label in re.findall(r"<option[^>]*>(.*?)</option>", found.group(0))]
