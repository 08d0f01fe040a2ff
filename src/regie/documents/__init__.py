"""The written side of a case: letters from the municipality's templates (Awb 9:6, 9:8,
9:10, 9:11, 9:12), sent by e-mail or printed as PDF/A for the post, and the dossier that goes
to the ombudsman. Depends on cases; cases never imports it."""
