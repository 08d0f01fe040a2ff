"""An index for the acknowledgement window (issue 12): every intake with an e-mail address
asks whether that address got an acknowledgement in the last minutes
(`cases.services.acknowledgement._recently_acknowledged`, `to__iexact`). Without an index
PostgreSQL read the whole outbox for it, so each intake cost more with every mail ever sent
(`bench intake`: 7 ms more PostgreSQL CPU per intake with e-mail after a few thousand mails).
"""

import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0002_outbox_dedupe_key"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="outboundemail",
            index=models.Index(
                models.F("purpose"),
                django.db.models.functions.text.Upper("to"),
                models.F("created_at"),
                name="outbox_ack_window",
            ),
        ),
    ]
