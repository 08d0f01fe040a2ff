from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def form_data() -> Any:
    """A valid public form submission; override fields per test."""

    def make(**overrides: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": "klacht",
            "municipality": "GM9901",
            "domain": "wmo",
            "subject": "Taxi te laat",
            "description": "De taxi naar de dagbesteding kwam drie keer te laat.",
            "about": "",
            "name": "Anna de Boer",
            "email": "anna@example.org",
            "phone": "",
        }
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}

    return make
