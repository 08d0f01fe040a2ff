"""What every directory change shares: the errors, the editor, the checks of what was typed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar, cast

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models
from django.utils import timezone

from regie import limits
from regie.directory.models import (
    ContactChannel,
    DirectoryChange,
    EquatedDay,
    Municipality,
    Organisation,
    Responsibility,
    Team,
    Topic,
)

# Everything in the directory that Beheer changes.
Administered = (
    Municipality | Team | Organisation | Topic | Responsibility | ContactChannel | EquatedDay
)
M = TypeVar("M", bound=Administered)

NAME = 200  # the width of the name columns
URL = 200  # the width of Django's URLField
NUL = "Deze tekst bevat een onzichtbaar teken (NUL) dat niet kan worden opgeslagen."
URL_INVALID = (
    "Vul een geldig internetadres in dat begint met https://, zoals https://www.voorbeeld.nl."
)
EMAIL_INVALID = "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."


class DirectoryError(Exception):
    """A change was refused. `errors` maps argument names to Dutch messages for the form."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class PermissionRefused(Exception):
    """The editor may not change this; pages answer 404, as for anything outside a scope."""


class Editor(Protocol):
    """Who makes a change and what they may change: `accounts.administration.Administration`."""

    @property
    def user_id(self) -> int | None: ...

    @property
    def label(self) -> str: ...

    def may_administer(self, target: Administered) -> bool: ...


@dataclass(frozen=True)
class Saved(Generic[M]):
    obj: M
    # None when nothing changed: then nothing was written and nothing recorded.
    change: DirectoryChange | None


def municipality_of(target: Administered) -> Municipality | None:
    """The municipality a piece of the directory belongs to; None for the region's own data
    (organisations and their channels, topics, decree days)."""
    if isinstance(target, Municipality):
        return target
    if isinstance(target, Team | Responsibility):
        return target.municipality
    if isinstance(target, ContactChannel):
        if target.municipality is not None:
            return target.municipality
        return target.team.municipality if target.team is not None else None
    return None


def require(by: Editor, target: Administered) -> None:
    if not by.may_administer(target):
        # Not the row's str(): a row not saved yet may not have what its name is made of.
        raise PermissionRefused(
            f"{by.label or 'Nobody'} may not administer {type(target).__name__} {target.pk}."
        )


def moment(at: dt.datetime | None) -> dt.datetime:
    """The moment of the change; the clock is read at most once."""
    when = timezone.now() if at is None else at
    if timezone.is_naive(when):
        raise ValueError("A directory change needs an aware moment.")
    return when


def locked(obj: M) -> M:
    """The row as it is now, locked until the transaction ends: the history's old values are
    exactly what was overwritten, also when two administrators save at once."""
    return cast(M, type(obj)._default_manager.select_for_update().get(pk=obj.pk))


class Check:
    """Collects one Dutch message per argument; `done()` raises them all at once, so a form
    shows every problem in one go."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def ok(self, field: str) -> bool:
        return field not in self.errors

    def done(self) -> None:
        if self.errors:
            raise DirectoryError(self.errors)

    def text(self, field: str, value: str, *, limit: int, required: str = "") -> str:
        value = value.strip()
        if required and not value:
            self.fail(field, required)
        elif len(value) > limit:
            self.fail(field, limits.too_long(limit))
        elif "\x00" in value:
            self.fail(field, NUL)
        return value

    def number(
        self,
        field: str,
        value: int | None,
        bounds: tuple[int, int],
        message: str,
        *,
        required: bool = False,
    ) -> None:
        """A whole number within bounds; None only for a field that may stay empty."""
        if value is None:
            if required:
                self.fail(field, message)
        elif not bounds[0] <= value <= bounds[1]:
            self.fail(field, message)

    def url(self, field: str, value: str, *, required: str = "") -> str:
        value = self.text(field, value, limit=URL, required=required)
        if value and self.ok(field):
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                self.fail(field, URL_INVALID)
        return value

    def email(self, field: str, value: str, *, message: str = EMAIL_INVALID) -> str:
        value = self.text(field, value, limit=limits.EMAIL)
        if value and self.ok(field):
            try:
                validate_email(value)
            except ValidationError:
                self.fail(field, message)
        return value

    def choice(
        self, field: str, value: str, choices: type[models.TextChoices], message: str
    ) -> None:
        if value not in choices.values:
            self.fail(field, message)
