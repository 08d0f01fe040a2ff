"""Learning from complaints (issue 9): weekly counts per theme, team, provider and channel,
spikes against each series' own baseline, and the "between two stools" signals.

Reads the register through querysets (`regie.cases.selectors` for anything that lists cases)
and aggregates in the database; it stores no personal data of its own.
"""
