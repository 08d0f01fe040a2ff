"""The handler's two worklist indexes also carry the team and summary_only (issue 12): the
team queue asks for "my cases in my team" as one of its alternatives, and PostgreSQL answered
it with a BitmapAnd of the handler's and the team's indexes and a read of the table (8 ms for
an open team queue, 16-31 ms for every status of a generated team, at ten million cases);
now from the index alone.

SQLite has no INCLUDE; Django then creates the plain index.
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0019_by_municipality_status'),
        ('directory', '0005_directory_generation'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='case',
            name='case_by_handler_due',
        ),
        migrations.RemoveIndex(
            model_name='case',
            name='case_open_by_handler',
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(condition=models.Q(('status__in', ['afgehandeld', 'gesloten', 'ingetrokken', 'uitgevallen']), _negated=True), fields=['handler', 'next_due', 'received_at', 'id'], include=('status', 'handling_team', 'summary_only'), name='case_open_by_handler'),
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['handler', 'next_due', 'received_at', 'id'], include=('handling_team', 'summary_only'), name='case_by_handler_due'),
        ),
    ]
