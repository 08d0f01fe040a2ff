"""Errors as application/problem+json (RFC 9457), as the NL API Design Rules require.

Validation errors name each invalid field in `invalidParams` ({name, code, reason}), the
shape used by the ZGW/Common Ground APIs.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from regie.ui.errors import too_large_detail

TITLES = {
    400: "De invoer is niet geldig.",
    401: "U bent niet aangemeld.",
    403: "U heeft geen toegang.",
    404: "Niet gevonden.",
    405: "Deze methode is hier niet toegestaan.",
    406: "Dit antwoordformaat wordt niet ondersteund.",
    409: "Conflict.",
    413: "Het verzoek is te groot.",
    415: "Dit inhoudstype wordt niet ondersteund.",
    422: "Het verzoek kan niet worden verwerkt.",
    429: "Te veel verzoeken.",
    500: "Er ging iets mis aan onze kant.",
}

PROBLEM_JSON = "application/problem+json"


def problem_response(
    status_code: int,
    detail: str,
    *,
    invalid_params: list[dict[str, str]] | None = None,
    code: str = "",
    headers: dict[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {
        "type": f"https://regie.example/problemen/{code or status_code}",
        "title": TITLES.get(status_code, "Fout"),
        "status": status_code,
        "detail": detail,
    }
    if code:
        body["code"] = code
    if invalid_params:
        body["invalidParams"] = invalid_params
    response = Response(body, status=status_code, headers=headers, content_type=PROBLEM_JSON)
    return response


def too_large_params() -> list[dict[str, str]]:
    return [{"name": "body", "code": "too_large", "reason": too_large_detail()}]


def _flatten(errors: Any, prefix: str = "") -> list[dict[str, str]]:
    params: list[dict[str, str]] = []
    if isinstance(errors, dict):
        for key, value in errors.items():
            if key == "non_field_errors":
                # An error about a nested object as a whole names that object.
                params += _flatten(value, prefix or "body")
                continue
            if isinstance(key, int):
                # One object of a list, as DRF reports it by index: `judgements[0].judgement`.
                params += _flatten(value, f"{prefix}[{key}]")
                continue
            params += _flatten(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(errors, list):
        for index, item in enumerate(errors):
            if isinstance(item, dict):
                # One object of a list (`judgements[0].judgement`): name its place.
                params += _flatten(item, f"{prefix}[{index}]" if prefix else f"[{index}]")
            elif isinstance(item, list):
                params += _flatten(item, prefix)
            else:
                code = getattr(item, "code", "invalid")
                params.append({"name": prefix or "body", "code": str(code), "reason": str(item)})
    else:
        code = getattr(errors, "code", "invalid")
        params.append({"name": prefix or "body", "code": str(code), "reason": str(errors)})
    return params


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    # Django raises these while reading the body (DATA_UPLOAD_MAX_*); they are the client's
    # doing, so they are answered, not logged as a server error.
    if isinstance(exc, RequestDataTooBig):
        return problem_response(
            413, too_large_detail(), invalid_params=too_large_params(), code="too_large"
        )
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        return problem_response(400, "Het verzoek heeft te veel velden.", code="invalid")
    if isinstance(exc, exceptions.ValidationError):
        params = _flatten(exc.detail)
        detail = "; ".join(f"{p['name']}: {p['reason']}" for p in params) or "Ongeldige invoer."
        return problem_response(
            status.HTTP_400_BAD_REQUEST, detail, invalid_params=params, code="invalid"
        )
    response = exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
    headers = {
        k: v
        for k, v in response.items()
        if k.lower() in ("www-authenticate", "retry-after", "allow")
    }
    return problem_response(
        response.status_code, str(detail), code=getattr(detail, "code", ""), headers=headers
    )
