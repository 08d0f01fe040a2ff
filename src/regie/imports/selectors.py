"""Reading batches: an organisation's own, and nobody else's (404 for the rest, as for cases)."""

from __future__ import annotations

from django.db.models import QuerySet

from regie.accounts.scope import Scope
from regie.imports.models import ImportBatch


def batches_of(scope: Scope) -> QuerySet[ImportBatch]:
    """The batches of the caller's organisations, newest first. Municipal staff, the public
    and a superuser's scope hold no organisation, and see none."""
    return ImportBatch.objects.filter(organisation_id__in=scope.organisation_ids()).defer("content")


def batch_for(scope: Scope, batch_id: int) -> ImportBatch | None:
    return batches_of(scope).select_related("organisation").filter(pk=batch_id).first()


def follow_up_of(batch: ImportBatch) -> ImportBatch | None:
    """The batch that wrote this dry run's file, if one did."""
    return ImportBatch.objects.filter(follows=batch).defer("content").first()
