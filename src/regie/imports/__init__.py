"""Bulk imports: a provider or GR hands in its own complaints as one CSV file.

A file is stored as an `ImportBatch` and processed in the background (`regie tick`, the demo's
ticker, Celery beat) or at once by `regie import-complaints`: every row is checked with the
intake service's own check, progress is committed as it goes, and only a file without a single
problem is written, all of it in one transaction, each row through `case_intake`.

    csv_format.py      the file: encoding, separator, header, rows (the format is documented there)
    complaint_rows.py  a row to an IntakeRequest; the service's answer back to columns
    report.py          the problems, row by row and column by column, in Dutch
    models.py          ImportBatch: the file, its state, its progress and its report
    services.py        upload, claim, check, write; what the tick runs
    selectors.py       an organisation's batches, and only its own

It sits above the register (it calls the intake service) and below the faces that show it
(the provider portal) and the entry points that run it (tick, the CLI).
"""
