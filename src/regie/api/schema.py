"""Post-processing of the generated OpenAPI document for the NL API Design Rules."""

from __future__ import annotations

from typing import Any

API_VERSION_HEADER = {
    "API-Version": {
        "description": "De volledige versie van de API (semver).",
        "schema": {"type": "string", "example": "1.0.0"},
    }
}


# Which fields were refused and why: in a problem+json, and in a refused queued intake.
INVALID_PARAMS: dict[str, Any] = {
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
                "invalidParams": INVALID_PARAMS,
            },
            "required": ["title", "status", "detail"],
        },
    )
    schemas.setdefault(
        "OnBehalfOf",
        {
            "type": "object",
            "description": "De persoon om wie het gaat, als iemand anders de zaak indient.",
            "properties": {
                "name": {"type": "string", "maxLength": 200},
                "relation": {
                    "type": "string",
                    "maxLength": 100,
                    "description": "Bijvoorbeeld mantelzorger, dochter of cliëntondersteuner.",
                },
            },
        },
    )
    components.setdefault("headers", {}).update(API_VERSION_HEADER)
    _add_case_examples_and_links(result)
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


EXAMPLE_INTAKE = {
    "municipality": "GM9901",
    "kind": "klacht",
    "channel": "api",
    "domain": "wmo",
    "subject": "Taxi kwam niet",
    "description": "De Wmo-taxi voor mijn moeder kwam drie keer niet opdagen.",
    "submitter": {"name": "Ayşe Demir", "email": "ayse@example.nl"},
    "onBehalfOf": {"name": "Fatma Demir", "relation": "dochter"},
}


def _add_case_examples_and_links(result: dict[str, Any]) -> None:
    """A worked example for partner developers, and the link from a created case to reading
    it back (OpenAPI links let clients and test tools follow it)."""
    create = result.get("paths", {}).get("/cases", {}).get("post")
    if not create:
        return
    content = create.get("requestBody", {}).get("content", {}).get("application/json")
    if content is not None:
        content["example"] = EXAMPLE_INTAKE
    created = create.get("responses", {}).get("201")
    if created is not None:
        created["links"] = {
            "GetCaseByReference": {
                "operationId": "case_retrieve",
                "parameters": {"reference": "$response.body#/reference"},
                "description": "Lees de zaak terug met het kenmerk uit het antwoord.",
            }
        }
