"""What every write of `regie.learning` shares: the Dutch field errors (as the directory's
`Check`, one message per field, all at once) and the permission rule."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from regie.directory.models import Municipality
from regie.directory.services.common import Check as DirectoryCheck
from regie.learning.access import may_learn_about


class LearningError(Exception):
    """A change was refused. `errors` maps field names to Dutch messages for the form."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class PermissionRefused(Exception):
    """This person does not learn about this municipality; pages answer 404."""


class Check(DirectoryCheck):
    def done(self) -> None:
        if self.errors:
            raise LearningError(self.errors)


def require_learner(user: AbstractBaseUser | AnonymousUser, municipality: Municipality) -> None:
    if not may_learn_about(user, municipality):
        raise PermissionRefused
