"""The committed OpenAPI document is generated, current, and follows the NL API Design Rules."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from regie.api.documents import OPENAPI_PATH


def test_the_committed_document_is_current(tmp_path: Path) -> None:
    fresh = tmp_path / "openapi.json"
    call_command("spectacular", "--file", str(fresh), "--format", "openapi-json", "--validate")
    assert json.loads(fresh.read_text()) == json.loads(OPENAPI_PATH.read_text()), (
        "src/regie/api/openapi.json is stale: run `make openapi` and commit it"
    )


@pytest.fixture
def document() -> dict[str, Any]:
    return dict(json.loads(OPENAPI_PATH.read_text()))


def test_it_follows_the_nl_api_design_rules(document: dict[str, Any]) -> None:
    info = document["info"]
    assert {"name", "email", "url"} <= set(info["contact"])
    major, minor, patch = info["version"].split(".")
    assert all(part.isdigit() for part in (major, minor, patch))
    assert all(
        s["url"].startswith("https://") and s["url"].endswith("/v1") for s in document["servers"]
    )
    for path, item in document["paths"].items():
        assert not path.endswith("/"), path
        assert path == path.lower() or "{" in path, path
        for operation in item.values():
            for code, response in operation["responses"].items():
                if code[0] in "23":
                    assert "API-Version" in response.get("headers", {}), (path, code)
                if code[0] in "45":
                    assert list(response["content"]) == ["application/problem+json"], (path, code)


@pytest.mark.django_db
def test_it_is_served_with_cors(client: Any) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["API-Version"] == "1.0.0"
    assert response.json()["openapi"].startswith("3.")
