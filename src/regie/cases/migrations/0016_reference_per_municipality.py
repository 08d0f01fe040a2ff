"""Reference numbers per municipality (issue 12): KL-0363-2026-000123.

The old counters (prefix and year for the whole region) stay as rows without a municipality:
history, never raised again. Existing cases keep the references their residents were sent.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0015_submitter_bsn"),
        ("directory", "0004_directory_change_history"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="referencecounter",
            name="one_counter_per_year",
        ),
        migrations.AddField(
            model_name="referencecounter",
            name="municipality",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                to="directory.municipality",
            ),
        ),
        migrations.AddConstraint(
            model_name="referencecounter",
            constraint=models.UniqueConstraint(
                fields=("municipality", "prefix", "year"), name="one_counter_per_municipality"
            ),
        ),
        migrations.AddConstraint(
            model_name="referencecounter",
            constraint=models.UniqueConstraint(
                condition=models.Q(("municipality__isnull", True)),
                fields=("prefix", "year"),
                name="one_global_counter_per_year",
            ),
        ),
    ]
