"""A municipality's own letters count as directory: an edit moves the directory's generation
on (regie.directory.generation), so the intake may keep whether one was edited."""

from typing import Any

from django.db import migrations

from regie.directory.migrations import _generation_triggers as triggers

TABLES = ["documents_lettertemplate"]


def install(apps: Any, schema_editor: Any) -> None:
    triggers.install_triggers(schema_editor, TABLES)


def remove(apps: Any, schema_editor: Any) -> None:
    triggers.remove_triggers(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("directory", "0005_directory_generation"),
    ]

    operations = [migrations.RunPython(install, remove)]
