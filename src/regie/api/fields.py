"""Strict JSON field types: a number where text is expected is an error, not text.

DRF coerces 123 to "123" and "yes" to True; partner systems deserve to hear that they sent
the wrong type instead.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import RegexValidator
from rest_framework import serializers


def _has_unstorable_characters(text: str) -> bool:
    # NUL and lone UTF-16 surrogates (JSON "\ud800") cannot be stored as UTF-8 text in
    # PostgreSQL; refusing them here turns a database error into a clear 400.
    return "\x00" in text or any("\ud800" <= ch <= "\udfff" for ch in text)


class StrictCharField(serializers.CharField):
    default_error_messages = {
        "invalid": "Moet tekst zijn.",
        "unstorable": "Bevat tekens die niet kunnen worden opgeslagen (zoals \\u0000).",
    }

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        if _has_unstorable_characters(data):
            self.fail("unstorable")
        return super().to_internal_value(data)


class StrictRegexField(StrictCharField):
    """Text that must match a pattern; the pattern is also published in the OpenAPI document."""

    def __init__(self, pattern: str, message: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pattern = pattern
        self.validators.append(RegexValidator(pattern, message))


class StrictBooleanField(serializers.BooleanField):
    default_error_messages = {"invalid": "Moet true of false zijn."}

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class StrictChoiceField(serializers.ChoiceField):
    default_error_messages = {"invalid_choice": "{input} is geen geldige keuze."}

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            self.fail("invalid_choice", input=repr(data)[:50])
        return super().to_internal_value(data)


class StrictEmailField(serializers.EmailField):
    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str) or _has_unstorable_characters(data):
            self.fail("invalid")
        return super().to_internal_value(data)


class AwareDateTimeField(serializers.DateTimeField):
    default_error_messages = {
        "invalid": (
            "Moet een ISO 8601-tijdstip met tijdzone zijn, bijvoorbeeld 2026-03-24T09:30:00+01:00."
        ),
        "naive": "Geef het tijdstip met tijdzone (Z of +01:00).",
    }

    def to_internal_value(self, value: Any) -> Any:
        if not isinstance(value, str):
            self.fail("invalid")
        parsed = super().to_internal_value(value)
        return parsed

    def enforce_timezone(self, value: Any) -> Any:
        if value.tzinfo is None or value.utcoffset() is None:
            self.fail("naive")
        return super().enforce_timezone(value)
