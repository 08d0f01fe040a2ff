"""Indexes for the worklist over every status (issue 12): "alle statussen" and deep pages of
a municipality, a team or a handler, in the list's order (next_due, received_at, id).
`selectors.worklist_page_ids` reads one of these per grant of the scope in order, instead of
PostgreSQL sorting every case of the municipality for each page (bench/scale.py: the first
page of a coordinator's "alle statussen" at 1,000,000 cases took 0.5-0.8 s). summary_only
is included so the grant's condition is answered from the index.

SQLite has no INCLUDE; Django then creates the plain index.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0016_reference_per_municipality"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["municipality", "next_due", "received_at", "id"],
                include=["summary_only"],
                name="case_by_municipality_due",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["handling_team", "next_due", "received_at", "id"],
                include=["summary_only"],
                name="case_by_team_due",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["handler", "next_due", "received_at", "id"], name="case_by_handler_due"
            ),
        ),
    ]
