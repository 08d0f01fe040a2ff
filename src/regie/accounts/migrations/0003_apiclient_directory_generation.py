"""API clients count as directory: creating or revoking a token moves the directory's
generation on (regie.directory.generation), so the API may keep its clients in the process
and still refuse a revoked token on its very next request."""

from typing import Any

from django.db import migrations

from regie.directory.migrations import _generation_triggers as triggers

TABLES = ["accounts_apiclient"]


def install(apps: Any, schema_editor: Any) -> None:
    triggers.install_triggers(schema_editor, TABLES)


def remove(apps: Any, schema_editor: Any) -> None:
    triggers.remove_triggers(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_case_grants_break_the_glass"),
        ("directory", "0005_directory_generation"),
    ]

    operations = [migrations.RunPython(install, remove)]
