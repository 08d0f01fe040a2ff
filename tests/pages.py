"""Reading rendered pages in tests the way a person reads them."""

from __future__ import annotations

import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def field_error(page: str, field: str) -> str:
    """The error message shown next to a form field ('' when there is none)."""
    found = re.search(rf'id="id_{field}_error">(.*?)</div>', page, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)).replace("Fout: ", "").strip() if found else ""


def options(page: str, field: str) -> list[str]:
    """The visible labels of a select's options."""
    found = re.search(rf'<select name="{field}".*?</select>', page, re.S)
    assert found, f"no select named {field}"
    return [label.strip() for label in re.findall(r"<option[^>]*>(.*?)</option>", found.group(0))]


def statements(client: Client, url: str) -> int:
    """How many SQL statements one GET of `url` runs (it must answer 200)."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)
