"""How long each piece of text may be: one number per field, used everywhere.

The write path (`regie.cases.services`) enforces these limits with a Dutch field error, so an
importer, the CLI or a future entry point without checks of its own can never push an
over-long value into a column (PostgreSQL would answer with a database error, SQLite would
silently store it). The models take their column widths from here, and forms and
serializers import the same numbers to answer early, next to the field.
"""

from __future__ import annotations

SUBJECT = 200
DESCRIPTION = 20_000
PERSON_NAME = 200
EMAIL = 254  # RFC 5321: the longest address a mail server accepts
PHONE = 40
RELATION = 100
# Free text a staff member writes for the timeline: notes, reasons, summaries.
STAFF_TEXT = 10_000
POSTAL_ADDRESS = 300
# A postal address in parts (Awb 9:4: a written complaint gives name and address).
STREET = 200
HOUSE_NUMBER = 20  # "12", "12a", "12-3", "12 bis"
POSTCODE = 7  # "1234 AB"
CITY = 100
SEARCH = 100
# What a resident adds on the status page: more information, an answer to the follow-up.
RESIDENT_TEXT = 10_000
# One attachment from a resident: its size, and the length of the name it keeps.
ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_NAME = 200


def dutch_number(n: int) -> str:
    """20000 → "20.000", as a Dutch reader writes it."""
    return f"{n:,}".replace(",", ".")


def too_long(limit: int) -> str:
    return f"Gebruik hooguit {dutch_number(limit)} tekens."
