"""Beheer (/beheer): the pages where administrators and coordinators keep the directory up to
date: service norms, teams and their mailboxes, organisations and their complaint schemes,
contact channels, topics, responsibilities, decree days, and the history of every change.

A face: it reads what a person may administer from `regie.accounts.administration` and
changes the directory only through `regie.directory.services`.
"""
