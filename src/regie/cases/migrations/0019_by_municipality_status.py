"""The cases of one municipality in one status, in the worklist's order (issue 12): a
coordinator filtering on "afgehandeld" or "nazorg" got a capped count that scanned the whole
table and a page sorted from every such case (bench.scale at ten million cases: p95 180 ms,
the one sequential scan left among 206 queries).

SQLite has no INCLUDE; Django then creates the plain index.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0018_open_indexes_answer_alone"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["municipality", "status", "next_due", "received_at", "id"],
                include=["summary_only"],
                name="case_by_municipality_status",
            ),
        ),
    ]
