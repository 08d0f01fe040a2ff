"""The logged-in staff member of a request."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest


def staff_user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user
