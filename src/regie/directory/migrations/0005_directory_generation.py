"""A row that moves on with every change to the directory, so that processes may keep what
they read of it (regie.directory.generation, issue 12)."""

from typing import Any

from django.db import migrations, models

from regie.directory.migrations import _generation_triggers as triggers

TABLES = [
    "directory_region",
    "directory_municipality",
    "directory_organisation",
    "directory_organisation_municipalities",
    "directory_team",
    "directory_equatedday",
    "directory_topic",
    "directory_responsibility",
    "directory_responsibility_support",
    "directory_contactchannel",
]


def install(apps: Any, schema_editor: Any) -> None:
    # 0 is the directory as migrated; the sequence starts at 1, so no change gives 0 again.
    apps.get_model("directory", "DirectoryGeneration").objects.create(id=1, value=0)
    triggers.install_function(schema_editor)
    triggers.install_triggers(schema_editor, TABLES)


def remove(apps: Any, schema_editor: Any) -> None:
    triggers.remove_triggers(schema_editor, TABLES)
    triggers.remove_function(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_directory_change_history"),
    ]

    operations = [
        migrations.CreateModel(
            name="DirectoryGeneration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("value", models.BigIntegerField(default=0)),
            ],
            options={"db_table": "directory_generation"},
        ),
        migrations.RunPython(install, remove),
    ]
