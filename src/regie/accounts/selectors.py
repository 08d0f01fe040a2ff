"""Reads of people, for the CLI, the demo and tests; cases are read in `regie.cases.selectors`."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User


def user_by_username(username: str) -> User | None:
    found = get_user_model().objects.filter(username=username).first()
    return found if isinstance(found, User) else None
