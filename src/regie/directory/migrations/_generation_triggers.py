"""The triggers that move `directory_generation` on (regie.directory.generation), for the
migrations of directory and documents. Not a migration itself (the leading underscore keeps
Django's loader away)."""

from __future__ import annotations

from typing import Any

FUNCTION = "directory_generation_bump"


def install_function(schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE SEQUENCE IF NOT EXISTS directory_generation_seq")
    schema_editor.execute(
        f"""
        CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE directory_generation SET value = nextval('directory_generation_seq')
            WHERE id = 1;
            RETURN NULL;
        END
        $$
        """
    )


def remove_function(schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
    schema_editor.execute("DROP SEQUENCE IF EXISTS directory_generation_seq")


def install_triggers(schema_editor: Any, tables: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    for table in tables:
        if vendor == "postgresql":
            # Once per statement, whatever it changed: a bulk update moves it on once.
            schema_editor.execute(
                f"CREATE TRIGGER {FUNCTION} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
            )
        elif vendor == "sqlite":
            # SQLite knows row triggers only, and no sequence that survives a rollback:
            # random() gives a value that will not come back.
            for operation in ("INSERT", "UPDATE", "DELETE"):
                schema_editor.execute(
                    f"CREATE TRIGGER {table}_generation_{operation.lower()} "
                    f"AFTER {operation} ON {table} BEGIN "
                    "UPDATE directory_generation SET value = random() WHERE id = 1; END"
                )


def remove_triggers(schema_editor: Any, tables: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    for table in tables:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {FUNCTION} ON {table}")
        elif vendor == "sqlite":
            for operation in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_generation_{operation}")
