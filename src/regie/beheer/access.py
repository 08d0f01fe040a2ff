"""Who is asking, and the 404 for what they may not administer (Regie's answer outside a
scope: a refusal reveals nothing, not even that the thing exists)."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from regie.accounts.administration import Administration, administration_for_user
from regie.directory.models import Municipality
from regie.directory.services import Administered


def administration(request: HttpRequest) -> Administration:
    """What the logged-in person may administer; 404 when that is nothing."""
    admin = administration_for_user(request.user)
    if admin.is_empty:
        raise Http404("Niet gevonden")
    return admin


def administered(admin: Administration, target: Administered) -> None:
    if not admin.may_administer(target):
        raise Http404("Niet gevonden")


def regional(admin: Administration) -> None:
    """The region's own data (organisations, topics, decree days) is for its administrators."""
    if not admin.may_administer_region():
        raise Http404("Niet gevonden")


def municipality_or_404(admin: Administration, code: str) -> Municipality:
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None or not admin.may_administer(municipality):
        raise Http404("Niet gevonden")
    return municipality
