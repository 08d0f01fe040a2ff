"""Roles as data: one table, read by every rule, and the same table in docs/roles.md."""

from __future__ import annotations

from pathlib import Path

from regie.accounts import permissions
from regie.accounts.permissions import ROLE_PERMISSIONS, May, roles_that
from regie.accounts.scope import CASE_ROLES, HANDLING_ROLES, OVERSEEING_ROLES
from regie.cases.aggregates import AGGREGATE_ROLES
from regie.learning.access import LEARNING_ROLES
from regie.vocabulary import Role

DOCS = Path(__file__).resolve().parents[2] / "docs" / "roles.md"


def test_every_role_has_a_row() -> None:
    assert set(ROLE_PERMISSIONS) == set(Role)


def test_the_council_the_college_and_the_privacy_officer_never_open_a_case() -> None:
    for role in (Role.RAAD, Role.MANAGEMENT, Role.PRIVACY):
        assert May.SEE_CASES not in ROLE_PERMISSIONS[role]
        assert May.BREAK_THE_GLASS not in ROLE_PERMISSIONS[role]
    assert roles_that(May.GUARD_PRIVACY) == {Role.PRIVACY}


def test_the_rules_read_the_table() -> None:
    assert roles_that(May.SEE_CASES) == CASE_ROLES
    assert roles_that(May.HANDLE_CASES) == HANDLING_ROLES
    assert roles_that(May.OVERSEE_TEAM_DOMAINS) == OVERSEEING_ROLES
    assert set(AGGREGATE_ROLES) == roles_that(May.SEE_FIGURES)
    assert set(LEARNING_ROLES) == roles_that(May.LEARN)
    # Breaking the glass is for those who handle cases, and only them.
    assert roles_that(May.BREAK_THE_GLASS) == HANDLING_ROLES


def test_docs_show_the_table_the_code_has() -> None:
    assert permissions.as_markdown() in DOCS.read_text(encoding="utf-8")
