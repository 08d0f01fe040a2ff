"""The `reports` alias of a read replica, as `REGIE_REPORTS_DATABASE_URL` adds it, for the
replica tests: a mirror of the test database (Django points it there when it sets up the
test databases). Unused until a test switches the setting on (test_replica.py's `replica`)."""

from __future__ import annotations

import copy

from django.db import DEFAULT_DB_ALIAS, connections

from regie.replica import REPORTS

if REPORTS not in connections.settings:
    _mirror = copy.deepcopy(connections.settings[DEFAULT_DB_ALIAS])
    _mirror["TEST"]["MIRROR"] = DEFAULT_DB_ALIAS
    connections.settings[REPORTS] = _mirror
