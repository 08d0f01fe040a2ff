"""The logged-in staff member of a request, and where a provider's people work instead."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest

from regie.accounts.scope import Scope, may_handle_cases


def staff_user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def works_in_the_portal(scope: Scope) -> bool:
    """People of a provider or GR work in their portal (/aanbieder), which shows what they
    need and never the municipality's internal notes; the staff pages are the municipality's."""
    return bool(scope.organisation_ids()) and not may_handle_cases(scope)
