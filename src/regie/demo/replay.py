"""Replaying the planned demo history (`regie.demo.generator`) through the one write path.

`generate_demo_cases` replays the plan in time order through the services (`case_intake`,
`case_assign`, `case_add_note`, `case_record_contact`, `case_conclude`, …) and through the
outbox delivery of the real ticker, as the people and systems of the demo world: the public
web form, KCC and handlers, providers' portal users and API clients. Nothing is written to
the tables directly.

Historical moments: every service takes the moment of its fact as an argument (`at=` for
intake, assign, note, postponement, committee and conclusion; the moment of contact, of the
first conversation, of the acknowledgement), and the outbox delivery takes `now=`. The replay
passes each its planned moment, so nothing here touches the clock. `updated_at` is the moment
the demo was generated, which is true.

Why historical acknowledgements are delivered during the replay: a case with an e-mail
address queues an acknowledgement (Awb 9:6). Mailing two years of them at demo start would
flood the mail folder and stamp them all "sent today"; leaving them pending would make the
ticker do the same a minute later. Instead the replay delivers the outbox a few minutes
after each intake, at that moment and through Django's dummy e-mail connection, so the
outbox says "sent" and the timeline shows the acknowledgement when it would have happened,
and nothing leaves the machine. The intakes ask for no delivery after commit
(`mail_at_once=False`): the replayed ticker is the delivery. Cases registered after the demo
starts get real e-mail.
People without an e-mail address get the acknowledgement by post: a staff member records
the letter (`case_record_acknowledgement`, sent to the postal address) a few working days
after registration.
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from regie.accounts.scope import scope_for_api_client, scope_for_public_web, scope_for_user
from regie.accounts.tokens import api_client_create
from regie.cases import services
from regie.cases.models import Case
from regie.cases.services import Address, IntakeRequest, Person, request_fingerprint
from regie.cases.services.complaint_procedure import refused_under_awb
from regie.demo.generator import (
    AMSTERDAM,
    API_CLIENT_NAME,
    DEFAULT_SEED,
    PROVIDER_USER,
    Actor,
    PlannedCase,
    PlantedFailure,
    Step,
    plan_demo_cases,
)
from regie.directory.models import Municipality, Organisation, Team
from regie.notifications.outbox import outbox_deliver_due
from regie.vocabulary import RefusalGround

PROVIDER_USERS = frozenset(PROVIDER_USER.values())


@dataclass
class _World:
    """The demo world's objects and the scopes of its actors, loaded once."""

    municipalities: dict[str, Any] = field(default_factory=dict)
    organisations: dict[str, Any] = field(default_factory=dict)
    teams: dict[tuple[str, str], Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    scopes: dict[Actor, Any] = field(default_factory=dict)

    @classmethod
    def load(cls) -> _World:
        world = cls()
        world.municipalities = {m.code: m for m in Municipality.objects.all()}
        world.organisations = {o.slug: o for o in Organisation.objects.all()}
        world.teams = {
            (t.municipality.code, t.slug): t for t in Team.objects.select_related("municipality")
        }
        world.users = {u.get_username(): u for u in get_user_model().objects.all()}
        return world

    def scope(self, actor: Actor) -> Any:
        if actor not in self.scopes:
            if actor.kind == "public":
                self.scopes[actor] = scope_for_public_web()
            elif actor.kind == "user":
                self.scopes[actor] = scope_for_user(self.users[actor.name])
            else:
                # The raw token is thrown away: these clients exist so the cases carry their
                # real source; nobody needs to call the API as them.
                client, _ = api_client_create(
                    organisation=actor.name, name=API_CLIENT_NAME[actor.name]
                )
                self.scopes[actor] = scope_for_api_client(client)
        return self.scopes[actor]


def generate_demo_cases(
    *,
    seed: int = DEFAULT_SEED,
    years: int = 2,
    now: dt.datetime | None = None,
    scale: float = 1.0,
    plant_failure: PlantedFailure | None = None,
) -> int:
    """Fill an empty register with `years` of demo history. Returns the number of cases made.

    Idempotent: when any case exists (a previous run, or real use) it does nothing and
    returns 0. The whole history is written in one transaction, so a failure leaves an
    empty register and the next start tries again. `scale` shrinks or grows the volume
    (tests use a tenth).
    """
    if Case.objects.exists():
        return 0
    now = now or timezone.now()
    plan = plan_demo_cases(
        seed=seed, years=years, now=now, scale=scale, plant_failure=plant_failure
    )
    if not plan:
        return 0
    with transaction.atomic():
        # Checked again under the transaction: with SQLite's IMMEDIATE transactions a second
        # demo starting at the same moment waits here and then finds the cases.
        if Case.objects.exists():
            return 0
        world = _World.load()
        made = _replay(plan, world, now)
    return made


# Order of actions at the same moment: intake before its own follow-up.
_INTAKE, _TICK, _STEP = 0, 1, 2


def _replay(plan: list[PlannedCase], world: _World, now: dt.datetime) -> int:
    # History is not mailed to anyone (see the module docstring).
    nowhere = get_connection("django.core.mail.backends.dummy.EmailBackend")

    queue: list[tuple[dt.datetime, int, int, int, int]] = []
    for index, case in enumerate(plan):
        heapq.heappush(queue, (case.registered_at, _INTAKE, index, 0, 0))
        for number, step in enumerate(case.steps):
            heapq.heappush(queue, (step.at, _STEP, index, number, 0))

    made: dict[int, Any] = {}
    while queue:
        at, action, index, number, _ = heapq.heappop(queue)
        planned = plan[index]
        if action == _INTAKE:
            key, fingerprint = _idempotency(planned, index)
            result = services.case_intake(
                scope=world.scope(planned.intake_by),
                request=_intake_request(planned, world),
                at=at,
                idempotency_key=key,
                fingerprint=fingerprint,
                # The replay delivers the outbox itself, at the moment of history (below).
                mail_at_once=False,
            )
            made[index] = result.case
            if result.case.submitter_email:
                # The ticker runs every minute; the acknowledgement leaves within a few (and
                # never later than the end of the history).
                moment = min(at + dt.timedelta(minutes=1 + index % 4), now)
                heapq.heappush(queue, (moment, _TICK, index, 0, 0))
        elif action == _TICK:
            outbox_deliver_due(now=at, after_sent=services.acknowledgement_sent, connection=nowhere)
        else:
            made[index] = _replay_step(planned.steps[number], made[index], planned, world)
    return len(made)


def _replay_step(step: Step, case: Any, planned: PlannedCase, world: _World) -> Any:
    """One handling step through its service, at its own moment. Returns the case."""
    at = step.at
    scope = world.scope(Actor("user", step.actor))
    if step.action == "assign":
        return _assign(step, case, planned, world)
    if step.action == "note":
        services.case_add_note(case=case, scope=scope, text=step.text, at=at)
    elif step.action == "contact":
        services.case_record_contact(case=case, scope=scope, at=at, summary=step.text)
    elif step.action == "first_conversation":
        assert step.moment is not None
        services.case_add_note(case=case, scope=scope, text=step.text, at=at)
        services.case_record_first_conversation(case=case, scope=scope, held_at=step.moment)
    elif step.action == "acknowledge":
        services.case_record_acknowledgement(case=case, scope=scope, to=step.text, sent_at=at)
    elif step.action == "conclude":
        if refused_under_awb(case, step.outcome):
            return services.case_refuse_complaint(
                case=case,
                scope=scope,
                ground=_refusal_ground(step.text),
                explanation=step.text,
                at=at,
            )
        return services.case_conclude(
            case=case, scope=scope, outcome=step.outcome, summary=step.text, at=at
        )
    elif step.action == "postpone":
        services.case_postpone(
            case=case,
            scope=scope,
            notice_sent_on=at.astimezone(AMSTERDAM).date(),
            reason=step.text,
            at=at,
        )
    else:
        services.case_choose_committee(case=case, scope=scope, at=at)
    return case


def _refusal_ground(text: str) -> str:
    """The Awb 9:8 ground the demo's refusal text names (texts.py, klacht-niet-behandeld)."""
    lowered = text.lower()
    if "bezwaar" in lowered:
        return RefusalGround.BEZWAAR
    if "jaar" in lowered:
        return RefusalGround.OUDER_DAN_JAAR
    if "eerder" in lowered:
        return RefusalGround.AL_BEHANDELD
    return RefusalGround.TE_GERING


def _assign(step: Step, case: Any, planned: PlannedCase, world: _World) -> Any:
    """A planned assignment, on a case the intake already routed (`case_intake` gives it to
    the responsible team or organisation). A case with an organisation is accepted by it;
    a team that already holds the case is not assigned again, only its member."""
    if case.handling_organisation_id is not None:
        organisation_user = step.handler if step.handler in PROVIDER_USERS else ""
        if not organisation_user or case.accepted_at is not None:
            return case
        return services.case_accept(
            case=case, scope=world.scope(Actor("user", organisation_user)), at=step.at
        )
    team = world.teams[(planned.municipality, step.team)] if step.team else None
    if team is not None and team.pk == case.handling_team_id:
        team = None
    if team is None and not step.handler:
        return case
    return services.case_assign(
        case=case,
        scope=world.scope(Actor("user", step.actor)),
        team=team,
        handler=world.users[step.handler] if step.handler else None,
        at=step.at,
    )


def _intake_request(planned: PlannedCase, world: _World) -> Any:
    return IntakeRequest(
        municipality=world.municipalities[planned.municipality],
        kind=planned.kind,
        channel=planned.channel,
        description=planned.description,
        domain=planned.domain,
        subject=planned.subject,
        received_at=planned.received_at,
        urgency=planned.urgency,
        submitter=Person(
            name=planned.submitter_name,
            email=planned.submitter_email,
            phone=planned.submitter_phone,
            anonymous=planned.anonymous,
            address=Address(*planned.submitter_address) if planned.submitter_address else Address(),
        ),
        on_behalf_of_name=planned.on_behalf_of_name,
        on_behalf_of_relation=planned.on_behalf_of_relation,
        about=world.organisations[planned.about] if planned.about else None,
    )


def _idempotency(planned: PlannedCase, index: int) -> tuple[str, str]:
    """Partner systems send an Idempotency-Key with every POST; so does the replay."""
    if planned.intake_by.kind != "api":
        return "", ""
    key = f"{planned.intake_by.name}-{planned.registered_at:%Y%m%d%H%M}-{index}"
    return key, request_fingerprint(planned.description)
