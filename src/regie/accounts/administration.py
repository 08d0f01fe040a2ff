"""Who may administer what in the directory (Beheer). One rule, used by the Beheer pages, the
command line, the tests, and the directory's write path through the `Editor` they hand it:

- a superuser, or anyone with a `beheerder` membership, administers the whole region: the
  organisations with their channels and complaint schemes, the topics, the decree days, and
  every municipality's norms, teams and responsibilities;
- a `coordinator` of a whole municipality administers what concerns that municipality: its
  service norms and ombudsman, its teams and their mailboxes, its responsibilities and its own
  contact channels. Nothing regional, nothing of another municipality;
- everyone else administers nothing (Beheer answers 404, as Regie does outside a scope).

The directory sits below accounts and cannot import this module; its services take an
`Administration` as their `by` argument and ask it `may_administer(...)` before they write.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from regie.accounts.models import Membership
from regie.accounts.permissions import May, roles_that
from regie.accounts.request_memo import remembered
from regie.accounts.selectors import memberships_of
from regie.directory.models import DirectoryChange, Municipality
from regie.directory.services import Administered, municipality_of
from regie.vocabulary import Role

COMMAND_LINE = "Opdrachtregel (regie decree-day)"


@dataclass(frozen=True)
class Administration:
    """What one person may administer, and how the change history names them."""

    user_id: int | None = None
    label: str = ""
    region: bool = False
    municipality_ids: frozenset[int] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not self.region and not self.municipality_ids

    def may_administer_region(self) -> bool:
        return self.region

    def may_administer(self, target: Administered) -> bool:
        """May this person change `target` (or, for a row not saved yet, add it)?"""
        if self.region:
            return True
        municipality = municipality_of(target)
        return municipality is not None and municipality.pk in self.municipality_ids


def _coordinates_municipality(membership: Membership) -> bool:
    # A coordinator of one team, or of one domain, does not set the norms of the municipality.
    return (
        membership.role == Role.COORDINATOR
        and membership.municipality_id is not None
        and not membership.domain
    )


def administration_for_user(user: AbstractBaseUser | AnonymousUser) -> Administration:
    if not isinstance(user, User) or not user.is_active:
        return Administration()
    label = user.get_full_name() or user.get_username()
    if user.is_superuser:
        return Administration(user_id=user.pk, label=label, region=True)
    return remembered(("administration", user.pk), lambda: _administration_of(user, label))


def _administration_of(user: User, label: str) -> Administration:
    administering = roles_that(May.ADMINISTER)
    memberships = [m for m in memberships_of(user) if m.role in administering]
    if any(m.role == Role.BEHEERDER for m in memberships):
        return Administration(user_id=user.pk, label=label, region=True)
    municipality_ids = frozenset(
        m.municipality_id
        for m in memberships
        if _coordinates_municipality(m) and m.municipality_id is not None
    )
    return Administration(user_id=user.pk, label=label, municipality_ids=municipality_ids)


def administration_for_command_line(label: str = COMMAND_LINE) -> Administration:
    """Whoever runs `regie` on the server can change the database anyway: the region."""
    return Administration(label=label, region=True)


def municipalities_administered(admin: Administration) -> QuerySet[Municipality]:
    municipalities = Municipality.objects.order_by("name")
    if admin.region:
        return municipalities
    return municipalities.filter(pk__in=admin.municipality_ids)


def changes_visible_to(
    admin: Administration, *, municipality: Municipality | None = None
) -> QuerySet[DirectoryChange]:
    """The change history, newest first: everything for the region's administrators, the own
    municipality's changes for a coordinator (regional changes are not theirs to judge)."""
    changes = DirectoryChange.objects.select_related("municipality").order_by("-at", "-pk")
    if not admin.region:
        changes = changes.filter(municipality_id__in=admin.municipality_ids)
    if municipality is not None:
        changes = changes.filter(municipality=municipality)
    return changes
