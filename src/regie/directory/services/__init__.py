"""The write path for the directory: every change an administrator makes in Beheer, or with
`regie decree-day add`, is one function here. Each one checks permission, validates into a
Dutch field error (`DirectoryError`), writes, and appends a `DirectoryChange` (who, when, what,
old and new value) in the same transaction. A save that changes nothing writes nothing and
records nothing.

Who may change what is decided in `regie.accounts.administration`. That room sits *above* this
one (accounts imports the directory), so it cannot be imported here: the rule comes in as the
`by` argument, an `Editor`, which every service asks before it writes (and again after it
locked the row). The caller cannot skip the question and the rule stays in one place, as the
outbox gets `after_sent` from its callers instead of importing them.
"""

from regie.directory.services.channels import channel_add, channel_delete, channel_update
from regie.directory.services.common import (
    Administered,
    DirectoryError,
    Editor,
    PermissionRefused,
    Saved,
    municipality_of,
)
from regie.directory.services.decree_days import equated_day_add, equated_day_known
from regie.directory.services.norms import municipality_update_norms
from regie.directory.services.organisations import organisation_update
from regie.directory.services.responsibilities import (
    ResponsibilityValues,
    responsibility_add,
    responsibility_update,
)
from regie.directory.services.teams import team_update
from regie.directory.services.topics import topic_add, topic_update

__all__ = [
    "Administered",
    "DirectoryError",
    "Editor",
    "PermissionRefused",
    "ResponsibilityValues",
    "Saved",
    "channel_add",
    "channel_delete",
    "channel_update",
    "equated_day_add",
    "equated_day_known",
    "municipality_of",
    "municipality_update_norms",
    "organisation_update",
    "responsibility_add",
    "responsibility_update",
    "team_update",
    "topic_add",
    "topic_update",
]
