"""Post-processing of the generated OpenAPI document for the NL API Design Rules."""

from __future__ import annotations

from typing import Any

API_VERSION_HEADER = {
    "API-Version": {
        "description": "De volledige versie van de API (semver).",
        "schema": {"type": "string", "example": "1.0.0"},
    }
}


def add_nl_api_rules(
    result: dict[str, Any], generator: Any, request: Any, public: bool
) -> dict[str, Any]:
    """Document the API-Version header on every 2xx/3xx and problem+json on every 4xx/5xx."""
    components = result.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas.setdefault(
        "Problem",
        {
            "type": "object",
            "description": "Een fout volgens RFC 9457 (application/problem+json).",
            "properties": {
                "type": {"type": "string", "format": "uri"},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "code": {"type": "string"},
                "invalidParams": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "name": {"type": "string"},
                            "code": {"type": "string"},
                            "reason": {"type": "string"},
                        },
                        "required": ["name", "code", "reason"],
                    },
                },
            },
            "required": ["title", "status", "detail"],
        },
    )
    components.setdefault("headers", {}).update(API_VERSION_HEADER)
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for code, response in operation["responses"].items():
                if code.startswith(("2", "3")):
                    response.setdefault("headers", {})["API-Version"] = {
                        "$ref": "#/components/headers/API-Version"
                    }
                elif code.startswith(("4", "5")):
                    response["content"] = {
                        "application/problem+json": {
                            "schema": {"$ref": "#/components/schemas/Problem"}
                        }
                    }
    return result
