"""Validate API responses against the committed OpenAPI document (STYLE.md habit 10)."""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from regie.api.documents import OPENAPI_PATH


@cache
def _openapi() -> OpenAPI:
    spec: dict[str, Any] = copy.deepcopy(json.loads(OPENAPI_PATH.read_text()))
    # The document names the production server; tests talk to Django's test server.
    spec["servers"] = [{"url": "http://testserver/api/v1"}]
    # problem+json is JSON; openapi-core needs to be told so.
    config = Config(extra_media_type_deserializers={"application/problem+json": json.loads})
    return OpenAPI.from_dict(spec, config=config)


def assert_matches_openapi(response: Any) -> None:
    _openapi().validate_response(
        DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
    )
