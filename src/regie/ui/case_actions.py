"""What a case action on the case page is: its form, its check and service, its template.

The rules live in the services: `check` is the service's own `case_<action>_check`, so the
page offers exactly what the service will accept, and `execute` calls the service, which
checks again under its lock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.contrib.auth.models import User
from django.utils import dateformat

from regie.accounts.scope import Scope
from regie.cases import services
from regie.cases.models import Case
from regie.ui import formkit


@dataclass(frozen=True)
class Offer:
    """What the check answered: whether the action is open, and what it found (for most
    deadline facts the deadline concerned, which the template shows)."""

    available: bool
    found: Any = None


@dataclass(frozen=True)
class ActionRequest:
    """Who acts on which case, when: what `execute` and `context` get."""

    case: Case
    scope: Scope
    user: User
    now: dt.datetime


class ActionForm(formkit.RegieForm):
    """A form of one action. A message that belongs to no field (e.g. "already postponed")
    links from the error summary to the action's section as a whole."""

    section_id: ClassVar[str] = ""

    def error_summary(self) -> list[formkit.SummaryItem]:
        return [
            item if item.anchor else formkit.SummaryItem(self.section_id, item.message)
            for item in super().error_summary()
        ]

    def moment(self, data: dict[str, Any], day_field: str, time_field: str) -> dt.datetime | None:
        """The aware moment of a date and a time field, in Dutch time."""
        day, time = data.get(day_field), data.get(time_field)
        if day is None or time is None:
            return None
        moment = formkit.dutch_moment(day, time)
        if moment is None:
            self.add_error(time_field, formkit.TIME_SKIPPED)
        return moment


def in_the_minute(moment: dt.datetime, not_before: dt.datetime) -> dt.datetime:
    """A time typed to the minute means some moment in that minute. When the case came in
    during that same minute (a call registered and recorded at once), take the moment of
    receipt, so the person does not get "before receipt" for the time on the clock."""
    if moment.second or moment.microsecond:
        return moment
    if moment < not_before < moment + dt.timedelta(minutes=1):
        return not_before
    return moment


def long_date(day: dt.date) -> str:
    return dateformat.format(day, "l j F Y")


@dataclass(frozen=True)
class CaseAction:
    """One entry of the case page's actions (see `regie.web.case_actions.ACTIONS`)."""

    slug: str  # the address segment: /werk/zaken/<kenmerk>/<slug>
    template: str  # the section on the case page, under web/actions/
    form: Callable[[ActionRequest, Mapping[str, Any] | None], ActionForm]
    check: Callable[..., Any]  # services.case_<action>_check(*, case, scope, at)
    execute: Callable[[ActionRequest, dict[str, Any]], Any]
    done: Callable[[ActionRequest, Any], str]  # the message after it went well
    column: str = "main"  # "main" beside the facts, "side" beside the timeline
    # What the section shows beside the form, from what the check found.
    context: Callable[[ActionRequest, Offer, ActionForm], dict[str, Any]] = field(
        default=lambda req, offer, form: {}
    )

    def offer(self, req: ActionRequest) -> Offer:
        """Ask the service's check. A refusal for lack of rights is the caller's 404 (see
        `offer_or_refuse`); a refusal for the state of the case just means "not now"."""
        try:
            found = self.check(case=req.case, scope=req.scope, at=req.now)
        except (services.CaseError, services.PermissionRefused):
            return Offer(available=False)
        return Offer(available=True, found=found)

    def may_try(self, req: ActionRequest) -> bool:
        """False when this person may never do this to this case: a post answers 404."""
        try:
            self.check(case=req.case, scope=req.scope, at=req.now)
        except services.PermissionRefused:
            return False
        except services.CaseError:
            return True
        return True


@dataclass(frozen=True)
class Section:
    """One action's part of the page: its template with the form and what the check found."""

    action: CaseAction
    form: ActionForm
    offer: Offer
    extra: dict[str, Any]

    @property
    def template(self) -> str:
        return self.action.template


def offered_sections(
    actions: Iterable[CaseAction],
    req: ActionRequest,
    failed: tuple[CaseAction, ActionForm] | None,
) -> list[Section]:
    """Every action the person can take now, and the one that just failed (with its errors)
    even when it is no longer open (a colleague was first)."""
    sections = []
    for action in actions:
        offer = action.offer(req)
        form = failed[1] if failed and failed[0] is action else None
        if not offer.available and form is None:
            continue
        form = form or action.form(req, None)
        sections.append(Section(action, form, offer, action.context(req, offer, form)))
    return sections
