"""Two years of demo cases, generated rather than dumped from a fixture.

The work is split in two halves so each can be tested on its own:

1. `plan_demo_cases` (this module) is pure Python. From a seed it decides which cases arrive
   when (volume per municipality, seasons, weekdays, office hours, two spikes and a slow
   trend), who brings them in and through which channel, what they write, and how staff
   handle them afterwards (assignments, contact, internal notes, a first debt-help
   conversation, now and then a postponement or the complaints committee) and how each case
   ends (its outcome, when, and the handler's summary). Same seed and `now`, same plan.
2. `regie.demo.replay.generate_demo_cases` replays that plan in time order through the one
   write path and the outbox, as the people and systems of the demo world. Nothing is
   written to the tables directly.

How cases end: every case's whole life is planned, also the part after `now`, and the plan
keeps what happened by then. So a case is open because its conclusion still lies ahead: the
recent cases, the ones waiting in a queue, a complaint whose answer comes late, a help
request that runs for months. Complaints are resolved informally first when there was a
conversation (Awb 9:5; about two in five), otherwise judged after a hearing in the last weeks
of the term (gegrond, deels gegrond, ongegrond; now and then too late), refused under Awb 9:8
within four weeks, or sent on (objection, the provider's own complaint scheme). Help
requests, reports and signals are done (afgerond) or handed on (doorverwezen).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal
from zoneinfo import ZoneInfo

from regie.deadlines import COMPLAINT_SCHEME_PREFIX, Regime, complaint_scheme, compute_due
from regie.deadlines.calendar import AtwCalendar
from regie.deadlines.dutch import MONTHS, WEEKDAYS
from regie.demo import people, texts
from regie.demo.catalogue import SCHEMES
from regie.demo.people import Resident
from regie.demo.texts import (
    CONCLUSIONS,
    FRAMES,
    KIND_SHARE,
    NOTES,
    SCENARIOS,
    Scenario,
    Slots,
    fill,
)
from regie.vocabulary import Channel, Kind, Outcome, Urgency

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DEFAULT_SEED = 2026

# Cases per month at scale 1: a coastal town of ~60,000 and an inland one of ~30,000. Two
# years of both, plus the spikes, lands near 2,500 cases.
MONTHLY_VOLUME = {"GM9901": 62.0, "GM9902": 34.0}
SEASON = {
    1: 1.25, 2: 1.1, 3: 1.05, 4: 0.95, 5: 0.9, 6: 0.95,
    7: 0.75, 8: 0.7, 9: 1.1, 10: 1.05, 11: 1.1, 12: 0.85,
}  # fmt: skip
# Monday brings the weekend's worries; Saturday and Sunday only web and e-mail.
WEEKDAY_WEIGHT = (1.3, 1.15, 1.05, 1.05, 0.9, 0.3, 0.25)
_WEEKDAY_NORM = 7 / sum(WEEKDAY_WEIGHT)
HOLIDAY_WEIGHT = 0.3

# Who does what in the demo world (regie.demo.world.USERS).
ASSIGNER = {"GM9901": "coordinator", "GM9902": "coordinator-hooglanden"}
# Team slug → (handler usernames with weights, chance the case first waits in the team queue
# until someone has room). Aa en Zee has a handler per team; Hooglanden, the smaller town,
# has one handler and a coordinator for everything, so its cases wait longer.
HANDLERS: dict[str, dict[str, tuple[tuple[tuple[str, float], ...], float]]] = {
    "GM9901": {
        "klachten": ((("behandelaar", 75), ("coordinator", 12), ("ombudsfunctionaris", 8)), 0.05),
        "wmo": ((("wmo-consulent", 90), ("coordinator", 10)), 0.1),
        "jeugd": ((("jeugdconsulent", 90), ("coordinator", 10)), 0.25),
        "schuldhulp": ((("schuldhulpverlener", 90), ("coordinator", 10)), 0.3),
    },
    "GM9902": {
        "klachten": ((("hooglanden", 1),), 0.05),
        "wmo": ((("hooglanden", 70), ("coordinator-hooglanden", 30)), 0.35),
        "jeugd": ((("hooglanden", 70), ("coordinator-hooglanden", 30)), 0.4),
        # Hooglanden leaves income and debt help to the joint arrangement (catalogue.py): the
        # Sociale Dienst accepts the case and works on it in its own portal.
        "schuldhulp": ((("sociale-dienst", 1),), 0.4),
    },
}
# Who sends the acknowledgement letter to someone without an e-mail address.
LETTER_SENDER = {"GM9901": "kcc", "GM9902": "hooglanden"}

# How cases end. Complaints: informal resolution first (Awb 9:5, the Ombudsvisie), which needs
# a conversation; otherwise the Awb judgement after a hearing, or the complaint goes elsewhere.
# Other kinds are done (afgerond) or handed on (doorverwezen). Weights per outcome.
COMPLAINT_OUTCOME_WEIGHTS = {
    Outcome.OPGELOST: 47.0,
    Outcome.GEGROND: 13.0,
    Outcome.DEELS_GEGROND: 15.0,
    Outcome.ONGEGROND: 14.0,
    Outcome.NIET_BEHANDELD: 4.0,
    Outcome.DOORVERWEZEN: 6.0,
}
# A disagreement with a decision is a matter for objection (bezwaar), not for a complaint.
DECISION_SCENARIOS = {"besluit-oneens", "terugvordering-brief"}
OTHER_OUTCOME_WEIGHTS = {
    Kind.HULPVRAAG: {Outcome.AFGEROND: 70.0, Outcome.DOORVERWEZEN: 30.0},
    Kind.MELDING: {Outcome.AFGEROND: 65.0, Outcome.DOORVERWEZEN: 35.0},
    Kind.SIGNAAL: {Outcome.AFGEROND: 85.0, Outcome.DOORVERWEZEN: 15.0},
}
FORMAL_OUTCOMES = {Outcome.GEGROND, Outcome.DEELS_GEGROND, Outcome.ONGEGROND}
# Complaints that are answered after their term ran out (the ombudsman asks about these).
LATE_ANSWER_CHANCE = 0.1
# Help requests, reports and signals that run on for months (a long Wmo procedure, a family
# followed for a while) before they are concluded.
SLOW_CASE_CHANCE = 0.06
PROVIDER_USER = {"het-anker": "anker", "de-linde": "linde", "sociale-dienst": "sociale-dienst"}
PROVIDER_NAME = {
    "het-anker": "Thuiszorg Het Anker",
    "de-linde": "Jeugdhulp De Linde",
    "sociale-dienst": "Sociale Dienst Kust en Hooglanden",
}
# The partner systems that send cases through the API (one client each, made by the replay).
API_CLIENT_NAME = {
    "het-anker": "Cliëntvolgsysteem Het Anker",
    "de-linde": "Dossiersysteem De Linde",
    "sociale-dienst": "Vroegsignalering Sociale Dienst",
}

# The regional Wmo transport contract changes hands at the start of the taxi spike: before,
# residents wrote about the old carrier, afterwards about the new one.
OLD_CARRIER, NEW_CARRIER = "Taxi Duinstra", "RegioRit"

DESTINATIONS = (
    "de dagbesteding", "het ziekenhuis", "de dialyse", "de fysiotherapeut", "de huisarts",
    "de tandarts", "mijn werk", "de kerk", "het revalidatiecentrum", "de oogarts",
)  # fmt: skip
AIDS = (
    "een scootmobiel", "een traplift", "een douchestoel", "een rolstoel",
    "een aangepaste fiets", "een verhoogd toilet", "een tillift", "een drempelhulp",
)  # fmt: skip
CARERS = ("Ineke", "Samira", "Marja", "Gül", "Bianca", "Anja", "Demi", "Yvonne", "Nicole")
CREDITORS = (
    "de woningcorporatie", "het energiebedrijf", "de zorgverzekeraar", "de Belastingdienst",
    "het CJIB", "een incassobureau", "de telefoonmaatschappij", "DUO",
)  # fmt: skip
CASEWORKERS = (
    "mevrouw De Groot", "meneer Boukhari", "mevrouw Hoekstra", "meneer Van Leeuwen",
    "mevrouw Ramdin", "meneer Kaya",
)  # fmt: skip
CONSULTANTS = (
    "mevrouw Veenstra", "meneer Bakker", "mevrouw El Khatib", "mevrouw Brouwer",
    "meneer Jonker",
)  # fmt: skip
SCHOOLS = {
    "GM9901": ("De Duinroos", "OBS Het Kompas", "SBO De Wissel", "het Zeewijk College"),
    "GM9902": ("De Esborg", "CBS De Brink", "SBO Het Veld", "het Hooglanden Lyceum"),
}
LANDLORDS = {"GM9901": "Aa en Zee Wonen", "GM9902": "Woonstichting Hooglanden"}
HOURS = (7, 8, 8, 9, 9, 10, 11, 13, 14, 15)
NUMBER_WORDS = ("twee keer", "drie keer", "vier keer", "vijf keer")

# Creditors in the vroegsignalering feed: (word in the template, submitter, relation).
EARLY_WARNING_SOURCES = (
    ("huurachterstand", "{landlord} (vroegsignalering)", "verhuurder"),
    ("{Energie}", "Energieleverancier (vroegsignalering)", "energieleverancier"),
    ("zorgverzekeraar", "Zorgverzekeraar (vroegsignalering)", "zorgverzekeraar"),
    ("waterbedrijf", "Waterbedrijf Kust en Hooglanden (vroegsignalering)", "waterbedrijf"),
)

# (e-mail address, phone number) given, by channel: the web form asks for an e-mail address,
# the KCC writes down a phone number and asks for an e-mail address for the confirmation.
CONTACT_CHANCES: dict[str, tuple[float, float]] = {
    "web": (0.85, 0.55),
    "email": (1.0, 0.4),
    "telefoon": (0.3, 0.95),
    "balie": (0.25, 0.9),
    "brief": (0.15, 0.5),
}
# Residents typing on a phone make more mistakes than people writing a letter.
TYPO_CHANCE: dict[str, float] = {"web": 0.3, "email": 0.15}

EARLY_WARNING_SUBJECTS = {
    "verhuurder": "Vroegsignalering huurachterstand",
    "energieleverancier": "Vroegsignalering energie",
    "zorgverzekeraar": "Vroegsignalering zorgverzekering",
    "waterbedrijf": "Vroegsignalering drinkwater",
}

Voice = Literal["self", "behalf", "staff", "pro"]


# ------------------------------------------------------------------------------ the plan
@dataclass(frozen=True)
class Actor:
    """Who performs a step: the public web form, a staff user, or a provider's API client."""

    kind: Literal["public", "user", "api"]
    name: str = ""


PUBLIC = Actor("public")


Action = Literal[
    "assign",
    "note",
    "contact",
    "first_conversation",
    "postpone",
    "committee",
    "acknowledge",
    "conclude",
]


@dataclass(frozen=True)
class Step:
    at: dt.datetime
    action: Action
    actor: str  # username
    team: str = ""
    handler: str = ""
    # A note, a contact summary, a postponement's reason, the conclusion's summary, or the
    # address an acknowledgement letter went to.
    text: str = ""
    # When the thing itself happened, if it is recorded later (a first conversation).
    moment: dt.datetime | None = None
    outcome: str = ""  # for "conclude"


@dataclass(frozen=True)
class PlannedCase:
    scenario: str
    municipality: str
    kind: str
    domain: str
    channel: str
    urgency: str
    subject: str
    description: str
    received_at: dt.datetime
    # When the case is typed in: later than receipt for post and e-mail read next morning.
    registered_at: dt.datetime
    intake_by: Actor
    submitter_name: str = ""
    submitter_email: str = ""
    submitter_phone: str = ""
    anonymous: bool = False
    # A postal address when the person wrote a letter (Awb 9:4: name and address).
    submitter_address: tuple[str, str, str, str] | None = None
    on_behalf_of_name: str = ""
    on_behalf_of_relation: str = ""
    about: str = ""
    steps: tuple[Step, ...] = ()

    @property
    def outcome(self) -> str:
        """How the case ended by `now`; empty while it is open."""
        return next((s.outcome for s in self.steps if s.action == "conclude"), "")


@dataclass
class _Parties:
    voice: Voice
    person: Resident
    submitter: Resident | None  # None: anonymous
    submitter_label: str = ""  # a professional's or a creditor's name instead of a resident
    relation: str = ""
    on_behalf_name: str = ""
    child: tuple[str, bool, int] | None = None  # name, girl, age
    professional: bool = False
    email: bool = False
    phone: bool = False
    neighbourhood: str = ""  # the wijkteam's, when a wijkteam reports


@dataclass(frozen=True)
class PlantedFailure:
    """A system failure to plant (issue 9): from `start`, for `days` days, a provider's care
    stops, and residents complain about it and staff report it, on top of the usual cases.
    `regie.learning` must flag the rise within a week. Written "het-anker:2026-03-02:21"."""

    provider: str
    start: dt.date
    days: int = 21
    # Extra cases per working day at scale 1, over both municipalities.
    per_day: float = 5.0

    @classmethod
    def parse(cls, text: str) -> PlantedFailure:
        provider, _, rest = text.partition(":")
        start, _, days = rest.partition(":")
        if provider not in PROVIDER_NAME:
            raise ValueError(f"onbekende aanbieder {provider!r}")
        return cls(provider, dt.date.fromisoformat(start), int(days or 21))


def plan_demo_cases(
    *,
    seed: int = DEFAULT_SEED,
    years: int = 2,
    now: dt.datetime,
    scale: float = 1.0,
    plant_failure: PlantedFailure | None = None,
) -> list[PlannedCase]:
    """The demo's history as data: every case with its handling steps, oldest first."""
    if timezone_naive(now):
        raise ValueError("now must be an aware datetime")
    planner = _Planner(seed=seed, years=years, now=now, scale=scale)
    planner.failure = plant_failure
    return planner.plan()


def example_slots(seed: int = DEFAULT_SEED) -> Slots:
    """Every slot the generator fills, with the values of one invented case.

    For tests, and for anyone adding a template: `texts.fill(template, example_slots())`
    fails with the name of a slot the generator does not know.
    """
    planner = _Planner(seed=seed, years=1, now=dt.datetime(2026, 3, 2, 12, tzinfo=AMSTERDAM))
    scenario = texts.SCENARIO_BY_KEY["anker-hulp-komt-niet"]
    parties = planner._parties(scenario, "GM9901", Channel.TELEFOON, scenario.kind)
    slots = planner._slots(scenario, "GM9901", parties, planner.now)
    return planner._note_slots(parties, slots)


def timezone_naive(moment: dt.datetime) -> bool:
    return moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None


class _Planner:
    def __init__(self, *, seed: int, years: int, now: dt.datetime, scale: float = 1.0) -> None:
        # Not for security: a seeded generator is the point, so the demo is reproducible.
        self.rng = random.Random(seed)  # noqa: S311
        self.now = now.astimezone(AMSTERDAM)
        self.scale = scale
        self.calendar = AtwCalendar()
        self.last_day = self.now.date()
        self.first_day = self.last_day - dt.timedelta(days=round(365.25 * years))
        self.taxi_spike = self._spike_start(month=9, day=1, settle_days=35)
        self.letter_spike = self._spike_start(month=1, day=8, settle_days=28)
        self.returning: dict[str, list[Resident]] = {code: [] for code in MONTHLY_VOLUME}
        self.failure: PlantedFailure | None = None
        self.cases: list[PlannedCase] = []

    # -- volume ----------------------------------------------------------------------------
    def plan(self) -> list[PlannedCase]:
        day = self.first_day
        while day <= self.last_day:
            for municipality, monthly in MONTHLY_VOLUME.items():
                expected = monthly * 12 / 365.25 * self.scale * SEASON[day.month]
                expected *= self._day_weight(day)
                for _ in range(self._poisson(expected)):
                    self._add(day, municipality, self._pick_scenario(day))
                self._spikes(day, municipality)
            day += dt.timedelta(days=1)
        self.cases.sort(key=lambda c: c.registered_at)
        return self.cases

    def _day_weight(self, day: dt.date) -> float:
        if day.weekday() < 5 and self.calendar.is_holiday(day):
            return HOLIDAY_WEIGHT * _WEEKDAY_NORM
        return WEEKDAY_WEIGHT[day.weekday()] * _WEEKDAY_NORM

    def _poisson(self, expected: float) -> int:
        # Knuth's method: fine for the small daily numbers here.
        limit, k, product = math.exp(-expected), 0, self.rng.random()
        while product > limit:
            k += 1
            product *= self.rng.random()
        return k

    def _spike_start(self, *, month: int, day: int, settle_days: int) -> dt.date:
        """The most recent such date whose spike has played out before `now`, inside the
        window; a short window gets its spike in the middle instead."""
        for year in range(self.last_day.year, self.first_day.year - 1, -1):
            candidate = dt.date(year, month, day)
            if candidate + dt.timedelta(days=settle_days) <= self.last_day:
                if candidate >= self.first_day:
                    return candidate
                break
        return self.first_day + (self.last_day - self.first_day) / 2

    def _spikes(self, day: dt.date, municipality: str) -> None:
        share = 0.6 if municipality == "GM9901" else 0.4
        # A new carrier for Wmo and school transport: complaints rise in the first week,
        # peak in weeks two and three, and ebb away as the planning is fixed.
        offset = (day - self.taxi_spike).days
        if 0 <= offset < 42 and day.weekday() < 6:
            shape = (0.4, 1.0, 1.0, 0.7, 0.4, 0.2)[offset // 7]
            for _ in range(self._poisson(3.4 * shape * share * self.scale)):
                key = self.rng.choices(
                    ("wmo-taxi-te-laat", "leerlingenvervoer", "taxi-signaal"), (70, 18, 12)
                )[0]
                self._add(day, municipality, texts.SCENARIO_BY_KEY[key])
        # The joint social service sends a faulty batch of recovery letters in January.
        offset = (day - self.letter_spike).days
        if 0 <= offset < 21 and day.weekday() < 5:
            shape = (1.0, 0.6, 0.3)[offset // 7]
            for _ in range(self._poisson(2.6 * shape * share * self.scale)):
                key = self.rng.choices(("terugvordering-brief", "brief-onduidelijk"), (80, 20))[0]
                self._add(day, municipality, texts.SCENARIO_BY_KEY[key])
        if self.failure is not None:
            self._planted_failure(day, municipality, share, self.failure)

    def _planted_failure(
        self, day: dt.date, municipality: str, share: float, failure: PlantedFailure
    ) -> None:
        # How many comes from its own random stream; the cases themselves from the plan's.
        offset = (day - failure.start).days
        if not 0 <= offset < failure.days or day.weekday() >= 5:
            return
        rng = random.Random(f"{failure}:{day}:{municipality}")  # noqa: S311
        about = [s for s in SCENARIOS if s.about == failure.provider]
        expected = failure.per_day * share * self.scale
        limit, count, product = math.exp(-expected), 0, rng.random()
        while product > limit:
            count += 1
            product *= rng.random()
        for _ in range(count):
            self._add(day, municipality, rng.choices(about, [s.weight for s in about])[0])

    def _progress(self, day: dt.date) -> float:
        span = (self.last_day - self.first_day).days or 1
        return (day - self.first_day).days / span

    def _pick_scenario(self, day: dt.date) -> Scenario:
        working = self.calendar.is_working_day(day)
        kinds = list(KIND_SHARE)
        kind = self.rng.choices(kinds, [KIND_SHARE[k] for k in kinds])[0]
        candidates = [s for s in SCENARIOS if s.kind == kind]
        if not working:
            # Outside office hours only the website and e-mail take anything in.
            candidates = [s for s in candidates if {"web", "email"} & set(s.channels)]
        progress = self._progress(day)
        weights = [
            s.weight
            * s.season.get(day.month, 1.0)
            * (s.trend[0] + (s.trend[1] - s.trend[0]) * progress)
            for s in candidates
        ]
        return self.rng.choices(candidates, weights)[0]

    # -- one case --------------------------------------------------------------------------
    def _add(self, day: dt.date, municipality: str, scenario: Scenario) -> None:
        channel = self._pick_channel(day, scenario)
        received, registered = self._moments(day, channel, scenario)
        if registered > self.now:
            return  # still in the post or the mailbox: not registered yet
        kind = scenario.kind
        parties = self._parties(scenario, municipality, channel, kind)
        slots = self._slots(scenario, municipality, parties, received)
        description, fitting = self._describe(scenario, kind, channel, parties, slots)
        general = scenario.lines("subject")
        # Mostly a subject that fits this story; sometimes the general one people also use.
        options = fitting if fitting and (not general or self.rng.random() < 0.75) else general
        subject = fill(self.rng.choice(options), slots)
        if scenario.key == "vroegsignalering":
            subject = EARLY_WARNING_SUBJECTS[parties.relation]
        urgency = Urgency.SPOED if self.rng.random() < scenario.spoed else Urgency.NORMAAL
        submitter = parties.submitter
        name = parties.submitter_label or (submitter.name if submitter else "")
        case = PlannedCase(
            scenario=scenario.key,
            municipality=municipality,
            kind=kind,
            domain=scenario.domain,
            channel=channel,
            urgency=urgency,
            subject=subject[:200],
            description=description,
            received_at=received,
            registered_at=registered,
            intake_by=self._intake_actor(municipality, channel, scenario),
            submitter_name=name if submitter or parties.submitter_label else "",
            submitter_email=submitter.email if submitter and parties.email else "",
            submitter_phone=submitter.phone if submitter and parties.phone else "",
            anonymous=submitter is None and not parties.submitter_label,
            submitter_address=(
                (submitter.street, submitter.number, submitter.postcode, submitter.place)
                if submitter is not None and channel == Channel.BRIEF
                else None
            ),
            on_behalf_of_name=parties.on_behalf_name,
            on_behalf_of_relation=parties.relation if parties.on_behalf_name else "",
            about=scenario.about,
        )
        steps = self._handling(case, scenario, parties, slots)
        done = tuple(s for s in steps if s.at <= self.now)
        self.cases.append(dataclasses.replace(case, steps=done))

    def _pick_channel(self, day: dt.date, scenario: Scenario) -> str:
        weights = texts.channels_for(scenario)
        if not self.calendar.is_working_day(day):
            weights = {c: w for c, w in weights.items() if c in ("web", "email")}
        options = list(weights)
        return self.rng.choices(options, [weights[c] for c in options])[0]

    def _moments(
        self, day: dt.date, channel: str, scenario: Scenario
    ) -> tuple[dt.datetime, dt.datetime]:
        rng = self.rng
        if channel in (Channel.WEB, Channel.EMAIL):
            roll = rng.random()
            office = 0.62 if channel == Channel.WEB else 0.75
            if roll < office:
                hours = rng.uniform(7.5, 18.0)
            elif roll < office + 0.3:
                hours = rng.uniform(18.0, 23.9)
            else:
                hours = rng.uniform(0.0, 7.5)
            received = _at(day, hours)
            if channel == Channel.WEB:
                return received, received
            # Someone at the KCC reads the mailbox during office hours.
            return received, self._office_after(received, rng.uniform(0.1, 2.5))
        if channel == Channel.BRIEF:
            received = _at(day, rng.uniform(9.0, 11.5))  # the morning post, date-stamped
            return received, self._office_after(received, rng.uniform(0.2, 6.0))
        if channel == Channel.BALIE and day.weekday() == 3 and rng.random() < 0.15:
            received = _at(day, rng.uniform(17.0, 19.9))  # Thursday late opening
            return received, received + dt.timedelta(minutes=rng.randrange(3, 20))
        if channel == Channel.API and scenario.provider == "sociale-dienst":
            received = _at(day, rng.uniform(6.0, 6.5))  # the nightly vroegsignalering batch
            return received, received
        start, end = (9.0, 16.5) if channel == Channel.BALIE else (8.5, 17.0)
        hours = rng.uniform(start, 12.5) if rng.random() < 0.6 else rng.uniform(12.5, end)
        received = _at(day, hours)
        # A call or visit is typed in right after it ends.
        return received, received + dt.timedelta(minutes=rng.randrange(2, 15))

    def _office_after(self, moment: dt.datetime, hours: float) -> dt.datetime:
        """`hours` of office time after `moment` (08:30 to 17:00 on working days)."""
        local = moment.astimezone(AMSTERDAM)
        day = local.date()
        position = local.hour + local.minute / 60
        if not self.calendar.is_working_day(day) or position >= 17.0:
            day = self.calendar.next_working_day_after(day)
            position = 8.5
        position = max(position, 8.5)
        while position + hours > 17.0:
            hours -= 17.0 - position
            day = self.calendar.next_working_day_after(day)
            position = 8.5
        return _at(day, position + hours)

    def _working_days_later(self, moment: dt.datetime, days: int) -> dt.datetime:
        """A moment during office hours `days` working days later (0: later the same day)."""
        if days == 0:
            return self._office_after(moment, self.rng.uniform(0.2, 4.0))
        day = moment.astimezone(AMSTERDAM).date()
        for _ in range(days):
            day = self.calendar.next_working_day_after(day)
        return _at(day, self.rng.uniform(8.5, 16.9))

    def _intake_actor(self, municipality: str, channel: str, scenario: Scenario) -> Actor:
        rng = self.rng
        if channel == Channel.WEB:
            return PUBLIC
        if channel == Channel.API:
            return Actor("api", scenario.provider)
        if channel == Channel.AANBIEDER:
            return Actor("user", PROVIDER_USER[scenario.provider])
        if municipality == "GM9902":
            return Actor("user", "hooglanden")
        if channel == Channel.WIJKTEAM:
            return Actor("user", "wmo-consulent")
        complaints_line = channel in (Channel.TELEFOON, Channel.EMAIL)
        if scenario.kind == Kind.KLACHT and complaints_line and rng.random() < 0.3:
            # The complaints line and mailbox go straight to the complaints handler.
            return Actor("user", "behandelaar")
        if scenario.domain == "wmo" and channel == Channel.TELEFOON and rng.random() < 0.12:
            return Actor("user", "wmo-consulent")  # a client calls their own consultant
        return Actor("user", "kcc")

    # -- people ----------------------------------------------------------------------------
    def _resident(self, municipality: str) -> Resident:
        pool = self.returning[municipality]
        # Some households come back with a second problem in another domain: exactly what
        # "see this resident's other open items" is for.
        if pool and self.rng.random() < 0.1:
            return self.rng.choice(pool)
        resident = people.new_resident(self.rng, municipality)
        if len(pool) < 400:
            pool.append(resident)
        return resident

    def _parties(self, scenario: Scenario, municipality: str, channel: str, kind: str) -> _Parties:
        rng = self.rng
        professional_channel = channel in (Channel.WIJKTEAM, Channel.AANBIEDER, Channel.API)
        anonymous = (
            kind in (Kind.MELDING, Kind.SIGNAAL)
            and channel in (Channel.WEB, Channel.TELEFOON, Channel.EMAIL, Channel.BRIEF)
            and rng.random() < scenario.anonymous
        )
        person = self._resident(municipality)
        child: tuple[str, bool, int] | None = None
        if scenario.youth:
            girl = rng.random() < 0.45
            child = (people.child_name(rng, girl=girl), girl, rng.randrange(4, 18))
        # A signal about many people with no resident's story (staffing at a provider,
        # waiting lists) comes from professionals, also when they phone or e-mail it.
        professional_story = not scenario.concerns_person and not scenario.lines("first")
        voice: Voice
        if professional_channel or scenario.professional_only or professional_story:
            voice = "pro"
        elif channel in (Channel.TELEFOON, Channel.BALIE):
            voice = "staff"
        else:
            voice = "self"
        parties = _Parties(voice=voice, person=person, submitter=person, child=child)

        if scenario.key == "vroegsignalering":
            return self._early_warning(parties)
        if voice == "pro" and not (kind == Kind.KLACHT and channel in ("aanbieder", "api")):
            # A wijkteam worker or a provider's employee reports about the person.
            worker = people.new_resident(rng, municipality)
            parties.neighbourhood = rng.choice(people.NEIGHBOURHOODS[municipality])
            where = (
                f"wijkteam {parties.neighbourhood}"
                if channel in (Channel.WIJKTEAM, Channel.EMAIL, Channel.TELEFOON)
                else PROVIDER_NAME[scenario.provider]
            )
            parties.submitter = worker
            parties.submitter_label = f"{worker.name} ({where})"
            parties.professional = True
            parties.phone = True
            parties.relation = (
                "wijkteammedewerker" if where.startswith("wijkteam") else "zorgverlener"
            )
            if scenario.concerns_person:
                parties.on_behalf_name = _child_full_name(child, person) or person.name
            return parties
        if anonymous:
            parties.submitter = None
            if rng.random() < scenario.on_behalf:
                parties.voice = "behalf" if voice == "self" else voice
                parties.relation = "buurvrouw" if rng.random() < 0.6 else "buurman"
            return parties

        if scenario.youth:
            parties.relation = "moeder" if person.female else "vader"
            parties.on_behalf_name = _child_full_name(child, person)
        elif scenario.concerns_person and rng.random() < scenario.on_behalf:
            self._behalf(parties, scenario, municipality)
        self._contact_details(parties, channel)
        return parties

    def _behalf(self, parties: _Parties, scenario: Scenario, municipality: str) -> None:
        rng = self.rng
        relation = rng.choice(scenario.relations or ("dochter",))
        person = parties.person
        if relation in ("buurvrouw", "buurman"):
            neighbour = people.new_resident(rng, municipality, female=relation == "buurvrouw")
            neighbour = _same_street(neighbour, person, rng)
            parties.submitter = neighbour
        elif relation == "cliëntondersteuner":
            parties.submitter = people.new_resident(rng, municipality)
        else:
            female = {"dochter": True, "zoon": False}.get(relation)
            if relation == "partner":
                female = not person.female
            parties.submitter = people.relative_of(rng, person, female=female)
        parties.relation = relation
        parties.on_behalf_name = person.name
        if parties.voice == "self":
            parties.voice = "behalf"

    def _early_warning(self, parties: _Parties) -> _Parties:
        # The text decides which creditor reported: see _describe, which picks the template
        # first and fixes the submitter to match (EARLY_WARNING_SOURCES).
        parties.voice = "pro"
        parties.professional = True
        parties.on_behalf_name = parties.person.name
        return parties

    def _contact_details(self, parties: _Parties, channel: str) -> None:
        rng = self.rng
        if parties.submitter is None:
            return
        email_chance, phone_chance = CONTACT_CHANCES.get(channel, (0.3, 0.9))
        parties.email = rng.random() < email_chance
        parties.phone = rng.random() < phone_chance
        if not (parties.email or parties.phone):
            # A complaint or help request needs a way back (Awb 9:4; services refuse it).
            parties.phone = True

    # -- words -----------------------------------------------------------------------------
    def _slots(
        self, scenario: Scenario, municipality: str, parties: _Parties, received: dt.datetime
    ) -> Slots:
        rng = self.rng
        day = received.astimezone(AMSTERDAM).date()
        person = parties.person
        female = person.female
        older = scenario.domain == "wmo" or scenario.key == "bereikbaarheid"
        child_name, girl, child_age = parties.child or (
            people.child_name(rng, girl=False),
            False,
            rng.randrange(4, 18),
        )
        submitter = parties.submitter
        when, then = self._when(day)
        month = _add_months(day, -rng.randrange(1, 6))
        ahead = self.calendar.next_working_day_on_or_after(day + dt.timedelta(rng.randrange(3, 15)))
        slots = Slots(
            naam=person.name,
            achternaam=people.capitalise_surname(person.surname),
            aanhef=person.salutation,
            hij="ze" if female else "hij",
            zijn="haar" if female else "zijn",
            hem="haar" if female else "hem",
            leeftijd=str(rng.randrange(67, 96) if older else rng.randrange(23, 65)),
            straat=person.street,
            nr=person.number,
            plaats=person.place,
            wijk=parties.neighbourhood or rng.choice(people.NEIGHBOURHOODS[municipality]),
            kind=child_name,
            kind_leeftijd=str(child_age),
            zoon="dochter" if girl else "zoon",
            kind_hij="ze" if girl else "hij",
            kind_zijn="haar" if girl else "zijn",
            kind_hem="haar" if girl else "hem",
            ouder="moeder" if female else "vader",
            # A partner is assumed to be of the other sex; the texts need one word.
            partner="man" if female else "vrouw",
            partner_hij="hij" if female else "ze",
            school=rng.choice(SCHOOLS[municipality]),
            toen=when,
            datum=f"{then.day} {MONTHS[then.month - 1]}",
            maand=MONTHS[month.month - 1],
            afspraak=_date_words(ahead),
            tijd=f"{rng.choice(HOURS)}:{rng.choice(('00', '15', '30', '45'))}",
            minuten=str(rng.randrange(20, 100, 5)),
            weken=str(rng.randrange(3, 17)),
            maanden=str(rng.randrange(2, 10)),
            keer=rng.choice(NUMBER_WORDS),
            aantal=str(rng.randrange(2, 6)),
            bedrag=_euros(rng.randrange(140, 2400)),
            schuld=_euros(rng.randrange(25, 400) * 100),
            vervoerder=NEW_CARRIER if day >= self.taxi_spike else OLD_CARRIER,
            bestemming=rng.choice(DESTINATIONS),
            hulpmiddel=rng.choice(AIDS),
            hulp=rng.choice(CARERS),
            schuldeiser=rng.choice(CREDITORS),
            klantmanager=rng.choice(CASEWORKERS),
            consulent=rng.choice(CONSULTANTS),
            verhuurder=LANDLORDS[municipality],
            energie=rng.choice(("het energiebedrijf", "de energieleverancier")),
            provider_naam=PROVIDER_NAME.get(scenario.provider, "de aanbieder"),
            naam_melder=parties.submitter_label.split(" (")[0] or "de melder",
            telefoon_melder=submitter.phone if submitter else "",
            naam_beller=submitter.name if submitter else "",
            achternaam_beller=people.capitalise_surname(submitter.surname) if submitter else "",
            telefoon_beller=submitter.phone if submitter else "onbekend",
            aanhef_kort=("mw." if submitter.female else "dhr.") if submitter else "beller",
            rol=parties.relation or "melder",
        )
        slots.update(self._behalf_words(parties, slots))
        slots["p"] = self._p(parties, slots)
        return slots

    def _when(self, day: dt.date) -> tuple[str, dt.date]:
        """When it happened, as the resident says it, and the date a handler looks up."""
        back = self.rng.randrange(0, 12)
        then = day - dt.timedelta(days=back)
        if back == 0:
            return self.rng.choice(("vanochtend", "vandaag")), then
        if back == 1:
            return "gisteren", then
        if back < 7:
            return f"afgelopen {WEEKDAYS[then.weekday()]}", then
        phrase = self.rng.choice(
            (f"vorige week {WEEKDAYS[then.weekday()]}", f"op {then.day} {MONTHS[then.month - 1]}")
        )
        return phrase, then

    def _behalf_words(self, parties: _Parties, slots: Slots) -> dict[str, str]:
        """How the writer (and staff) refer to the person concerned."""
        person, relation = parties.person, parties.relation
        submitter = parties.submitter
        own = "haar" if submitter is None or submitter.female else "zijn"
        title = person.title
        if relation in ("dochter", "zoon"):
            noun = "moeder" if person.female else "vader"
        elif relation == "partner":
            noun = "vrouw" if person.female else "man"
        elif relation == "mantelzorger":
            noun = self.rng.choice(
                ("moeder", "schoonmoeder", "zus") if person.female else ("vader", "broer", "man")
            )
        elif relation in ("buurvrouw", "buurman"):
            noun = "buurvrouw" if person.female else "buurman"
        elif relation == "cliëntondersteuner":
            noun = "cliënt"
        else:
            noun = "moeder" if person.female else "vader"
        role_sentence = {
            "dochter": "de dochter",
            "zoon": "de zoon",
            "partner": "de partner",
            "mantelzorger": "mantelzorger",
            "cliëntondersteuner": "onafhankelijk cliëntondersteuner",
            "buurvrouw": "de buurvrouw",
            "buurman": "de buurman",
        }.get(relation, "familie")
        return {
            "p_behalf": f"mijn {noun}",
            "p_behalf_staff": f"{own} {noun} ({title})",
            "rol_zin": role_sentence,
        }

    def _p(self, parties: _Parties, slots: Slots) -> str:
        person, rng = parties.person, self.rng
        short = "mw." if person.female else "dhr."
        if parties.voice == "behalf":
            return slots["p_behalf"]
        if parties.voice == "staff":
            if parties.relation in ("moeder", "vader"):
                return rng.choice((parties.relation, short, person.title))
            return rng.choice((short, person.salutation, person.title))
        if parties.voice == "pro":
            if parties.child:
                # In youth care the client is the child; the text speaks about the parent.
                return rng.choice(("moeder" if person.female else "vader", person.title))
            return rng.choice(("cliënt", person.title))
        return person.salutation

    def _describe(
        self, scenario: Scenario, kind: str, channel: str, parties: _Parties, slots: Slots
    ) -> tuple[str, tuple[str, ...]]:
        """The description, and the subjects that fit the story it tells."""
        rng = self.rng
        voice = parties.voice
        first = scenario.lines("first")
        if voice == "self" and not first:
            # Situations only ever told about someone else (a neighbour's worries).
            voice = parties.voice = "behalf"
            slots["p"] = slots["p_behalf"]
        if voice == "self":
            core_lines, extra_lines = first, scenario.lines("extra_first")
        elif voice == "behalf":
            core_lines = scenario.lines("told") + scenario.lines("other")
            extra_lines = scenario.lines("extra_told") + scenario.lines("extra_other")
        else:
            core_lines, extra_lines = scenario.lines("other"), scenario.lines("extra_other")
        subjects, core_template = texts.split_subjects(rng.choice(core_lines))
        if scenario.key == "vroegsignalering":
            self._early_warning_submitter(parties, core_template, slots)
        core = fill(core_template, slots)
        extras = [fill(line, slots) for line in _sample(rng, extra_lines, 0.55)]
        if voice in ("self", "behalf"):
            text = self._resident_text(kind, channel, parties, slots, core, extras)
        elif voice == "staff":
            text = self._staff_text(kind, channel, parties, slots, core, extras)
        else:
            text = self._pro_text(kind, channel, parties, slots, core, extras)
        return text, subjects

    def _early_warning_submitter(self, parties: _Parties, template: str, slots: Slots) -> None:
        for marker, label, relation in EARLY_WARNING_SOURCES:
            if marker in template:
                parties.submitter_label = label.format(landlord=slots["verhuurder"])
                parties.relation = relation
                parties.submitter = None
                return

    def _resident_text(
        self,
        kind: str,
        channel: str,
        parties: _Parties,
        slots: Slots,
        core: str,
        extras: list[str],
    ) -> str:
        rng = self.rng
        frame = FRAMES
        parts: list[str] = []
        anonymous = parties.submitter is None
        if parties.voice == "behalf" and not anonymous and rng.random() < 0.7:
            parts.append(fill(rng.choice(frame["behalf_open"]), slots))
        parts.append(core)
        parts.extend(extras)
        if kind == Kind.KLACHT and rng.random() < 0.45:
            parts.append(fill(rng.choice(frame["history"]), slots))
        if rng.random() < (0.35 if kind == Kind.KLACHT else 0.12):
            parts.append(rng.choice(frame["emotion"]))
        if rng.random() < 0.75:
            parts.append(fill(rng.choice(frame[f"ask_{kind}"]), slots))
        if anonymous and rng.random() < 0.5:
            parts.append(rng.choice(frame["anonymous_close"]))

        terse = channel == Channel.WEB and rng.random() < 0.12
        if terse:
            # Typed in a hurry on a phone: one sentence and the question.
            body = " ".join([_first_sentence(core), *parts[-1:]]).lower()
        elif channel == Channel.WEB:
            body = " ".join(parts) if rng.random() < 0.7 else "\n\n".join(_paragraphs(parts, rng))
        else:
            body = "\n\n".join(_paragraphs(parts, rng))
        roughen_chance = TYPO_CHANCE.get(channel, 0.05)
        if rng.random() < roughen_chance:
            body = texts.roughen(body, rng)

        submitter = parties.submitter
        signature = "" if anonymous or submitter is None else submitter.name
        if channel == Channel.EMAIL:
            greeting = rng.choice(frame["self_open"]) if rng.random() < 0.7 else ""
            close = rng.choice(frame["self_close_email"])
            if signature and rng.random() < 0.4:
                signature = submitter.first_name if submitter else signature
            tail = f"{close}\n{signature}" if signature else close
            return "\n\n".join(p for p in (greeting, body, tail) if p)
        if channel == Channel.BRIEF:
            opening = rng.choice(frame["letter_open"])
            close = rng.choice(frame["letter_close"])
            address = f"\n{submitter.address}\n{submitter.place}" if submitter and signature else ""
            tail = f"{close}\n\n{signature}{address}" if signature else close
            return "\n\n".join((opening, body, tail))
        greeting = rng.choice(frame["self_open"]) + " " if rng.random() < 0.2 else ""
        sign = (
            f"\n\n{submitter.first_name}" if signature and submitter and rng.random() < 0.2 else ""
        )
        return f"{greeting}{body}{sign}"

    def _staff_text(
        self,
        kind: str,
        channel: str,
        parties: _Parties,
        slots: Slots,
        core: str,
        extras: list[str],
    ) -> str:
        rng = self.rng
        if parties.submitter is None:
            opening = rng.choice(FRAMES["staff_open_anonymous"])
        elif parties.relation in ("buurvrouw", "buurman"):
            opening = fill(rng.choice(FRAMES[f"staff_open_neighbour_{channel}"]), slots)
        elif parties.on_behalf_name and parties.relation not in ("moeder", "vader"):
            opening = fill(rng.choice(FRAMES[f"staff_open_behalf_{channel}"]), slots)
        else:
            opening = fill(rng.choice(FRAMES[f"staff_open_{channel}"]), slots)
        parts = [opening, core, *extras[:1]]
        if rng.random() < 0.7:
            parts.append(fill(rng.choice(FRAMES[f"staff_ask_{kind}"]), slots))
        if parties.submitter is None:
            parts.append(FRAMES["staff_anonymous_close"][0])
        return " ".join(parts)

    def _pro_text(
        self,
        kind: str,
        channel: str,
        parties: _Parties,
        slots: Slots,
        core: str,
        extras: list[str],
    ) -> str:
        rng = self.rng
        if channel == Channel.WIJKTEAM or "(wijkteam " in parties.submitter_label:
            opening = fill(rng.choice(FRAMES["pro_open_wijkteam"]), slots)
        elif channel in (Channel.AANBIEDER, Channel.API) and kind == Kind.KLACHT:
            opening = rng.choice(FRAMES["pro_open_provider_klacht"])
        elif channel in (Channel.AANBIEDER, Channel.API) and parties.submitter_label:
            opening = fill(rng.choice(FRAMES["pro_open_provider"]), slots)
        else:
            opening = ""
        parts = [p for p in (opening, core, *extras[:2]) if p]
        if parties.professional and parties.submitter is not None and rng.random() < 0.5:
            slots["naam_melder"] = parties.submitter_label.split(" (")[0]
            slots["telefoon_melder"] = parties.submitter.phone
            parts.append(fill(rng.choice(FRAMES["pro_close"]), slots))
        separator = "\n" if channel == Channel.API else " "
        return separator.join(parts)

    # -- handling --------------------------------------------------------------------------
    def _handling(
        self, case: PlannedCase, scenario: Scenario, parties: _Parties, slots: Slots
    ) -> list[Step]:
        """Who picks the case up, what they write on its timeline, and how it ends.

        The whole life of the case is planned, also the part after `now`: `_add` keeps what
        happened by then. So a recent case is open because its conclusion still lies ahead,
        and an old one is open only when its handling really ran long.
        """
        rng = self.rng
        municipality = case.municipality
        own = _registered_about_itself(case)
        steps = self._acknowledgement_letter(case, parties, own)
        team = _team_for(case)
        pool, waiting_chance = HANDLERS[municipality][team]
        if own:
            # A provider's or GR's own complaint stays with it (routing at intake): its own
            # people handle it, and the municipality sees it at the agreed oversight level.
            pool, waiting_chance = ((own, 1),), 0.0
        handler = rng.choices([u for u, _ in pool], [w for _, w in pool])[0]
        if case.kind == Kind.HULPVRAAG and case.domain == "overig" and municipality == "GM9901":
            handler = "kcc"  # a form or a letter: the KCC helps at the first line
        spoed = case.urgency == Urgency.SPOED
        waits_in_team = not spoed and rng.random() < waiting_chance
        assigner = own or ASSIGNER[municipality]

        start = case.registered_at
        if spoed:
            assign_at = self._office_after(start, rng.uniform(0.2, 2.0))
        elif case.intake_by.name == handler and case.kind == Kind.KLACHT and rng.random() < 0.6:
            # The handler who took the call keeps it.
            assign_at = start + dt.timedelta(minutes=rng.randrange(5, 40))
            assigner = handler
        elif rng.random() < 0.03:
            # Slipped through: it lay in the unassigned queue until the weekly check found it.
            assign_at = self._working_days_later(start, rng.randrange(6, 16))
        else:
            # Most cases are shared out within a day or two; some lie around longer.
            days = (
                rng.choice((0, 0, 1, 1, 1, 2, 2, 3)) if rng.random() < 0.85 else rng.randrange(3, 9)
            )
            assign_at = self._working_days_later(start, days)

        waiting_until: dt.datetime | None = None
        writer = handler
        if waits_in_team:
            # The team gets it and it waits in the team queue until someone has room; the
            # coordinator makes the first call meanwhile. Hooglanden, with one handler for
            # everything, has the longer queue.
            steps.append(Step(assign_at, "assign", assigner, team=team))
            writer = assigner
            wait = rng.randrange(4, 16) if municipality == "GM9902" else rng.randrange(2, 10)
            waiting_until = self._working_days_later(assign_at, wait)
        elif assigner != handler and rng.random() < 0.3:
            # The team gets it first; a team member picks it up from the team queue.
            steps.append(Step(assign_at, "assign", assigner, team=team))
            assign_at = self._working_days_later(assign_at, rng.choice((0, 0, 1, 2)))
            steps.append(Step(assign_at, "assign", handler, team=team, handler=handler))
        else:
            steps.append(Step(assign_at, "assign", assigner, team=team, handler=handler))

        note_slots = self._note_slots(parties, slots)
        pace = _Pace(self, assign_at, note_slots)
        later = pace.later

        # First contact (Ombudsvisie: explore the real problem with the resident first).
        # Vroegsignalering has its own outreach (a letter, a visit), told by its own notes.
        contacted = False
        if scenario.key != "vroegsignalering" and rng.random() < (0.98 if spoed else 0.95):
            if case.anonymous:
                steps.append(
                    Step(later(0, 2), "note", writer, text=self._note("anonymous", note_slots))
                )
            elif not scenario.concerns_person:
                steps.append(
                    Step(later(0, 3), "note", writer, text=self._note("signal", note_slots))
                )
            else:
                if rng.random() < 0.25:
                    kind = (
                        "no_answer_email"
                        if case.submitter_email and rng.random() < 0.3
                        else "no_answer"
                    )
                    steps.append(
                        Step(later(0, 1), "note", writer, text=self._note(kind, note_slots))
                    )
                kind = "professional" if parties.professional else "contact"
                at = later(0, 0 if spoed else 1)
                steps.append(Step(at, "contact", writer, text=self._note(kind, note_slots)))
                contacted = True
        if waiting_until is not None:
            if rng.random() < 0.4:
                steps.append(Step(later(0, 2), "note", writer, text=self._note("team", slots)))
            picked_up = max(waiting_until, later(0, 1))
            steps.append(Step(picked_up, "assign", handler, team=team, handler=handler))
            pace.moment = picked_up
            writer = handler
        if case.kind == Kind.HULPVRAAG and case.domain == "schuldhulp" and rng.random() < 0.9:
            # The Wgs term: a first conversation within four weeks, three working days in a
            # crisis. Mostly in time; the ones that are not are what the ombudsman asks about.
            if spoed:
                held = self._working_days_later(start, rng.choice((0, 1, 1, 2, 2, 3, 4)))
            else:
                held = self._working_days_later(start, rng.choice((5, 8, 10, 12, 15, 18, 24, 30)))
            if held > pace.moment:
                pace.moment = held
                text = self._note("first_conversation", note_slots)
                recorded = self._office_after(held, rng.uniform(0.5, 3.0))
                steps.append(Step(recorded, "first_conversation", writer, text=text, moment=held))
                pace.moment = recorded
        if case.kind == Kind.KLACHT:
            outcome = self._complaint_outcome(case, scenario, contacted)
        else:
            weights = OTHER_OUTCOME_WEIGHTS[Kind(case.kind)]
            outcome = rng.choices(list(weights), list(weights.values()))[0]
        quick = outcome in (Outcome.OPGELOST, Outcome.NIET_BEHANDELD, Outcome.DOORVERWEZEN)
        scenario_notes = scenario.lines("note")
        if case.anonymous:
            # Nobody to report back to.
            scenario_notes = tuple(n for n in scenario_notes if "Terugkoppeling" not in n)
        if scenario_notes and rng.random() < (0.5 if quick else 0.7):
            at = later(1, 4 if quick else 6)
            text = fill(rng.choice(scenario_notes), note_slots)
            steps.append(Step(at, "note", writer, text=text))
        provider = _provider_that_sees(case, scenario)
        if provider and scenario.lines("provider_note") and rng.random() < 0.7:
            at = later(1, 5 if quick else 8)
            text = fill(rng.choice(scenario.lines("provider_note")), note_slots)
            steps.append(Step(at, "note", PROVIDER_USER[provider], text=text))
        if rng.random() < 0.04:
            others = [u for u, _ in pool if u != handler]
            if others:
                at = later(2, 15)
                new_handler = rng.choice(others)
                steps.append(Step(at, "note", writer, text=self._note("reassign", note_slots)))
                reassigned = at + dt.timedelta(minutes=2)
                steps.append(Step(reassigned, "assign", assigner, team=team, handler=new_handler))
                pace.moment = reassigned
                writer = new_handler
        if case.kind == Kind.KLACHT:
            steps.extend(self._complaint_course(case, outcome, writer, note_slots, pace))
        else:
            steps.extend(self._other_course(case, outcome, writer, note_slots, pace))
        # The conclusion comes last, also after an acknowledgement letter still underway.
        last = max(s.at for s in steps)
        concluded = max(pace.moment, last + dt.timedelta(minutes=rng.randrange(5, 60)))
        if outcome == Outcome.NIET_BEHANDELD and self._too_late_to_refuse(case, concluded):
            # Awb 9:8 allows not handling only within four weeks of receipt; a complaint whose
            # course ran longer is handled, and here found unfounded.
            outcome = Outcome.ONGEGROND
        summary = self._conclusion(case, scenario, outcome, note_slots)
        steps.append(Step(concluded, "conclude", writer, text=summary, outcome=outcome))
        return steps

    def _too_late_to_refuse(self, case: PlannedCase, at: dt.datetime) -> bool:
        if _complaint_regime(case.about) != "awb-klacht":
            return False  # a provider's own scheme: 9:8 is not its rule
        received = case.received_at.astimezone(AMSTERDAM)
        due = compute_due("awb-klacht-niet-behandelen", received, calendar=self.calendar).due
        return at.astimezone(AMSTERDAM).date() > due

    def _acknowledgement_letter(
        self, case: PlannedCase, parties: _Parties, own: str = ""
    ) -> list[Step]:
        """Someone without an e-mail address gets the acknowledgement by post (Awb 9:6, within
        the norm of five working days); e-mail goes through the outbox during the replay."""
        if case.anonymous or case.submitter_email or not case.submitter_phone:
            return []
        rng = self.rng
        days = rng.choice((1, 1, 2, 2, 2, 3, 4)) if rng.random() < 0.93 else rng.randrange(6, 10)
        at = self._working_days_later(case.registered_at, days)
        submitter = parties.submitter
        if parties.professional or submitter is None:
            to = parties.submitter_label.replace(" (", ", ").rstrip(")")
        else:
            to = f"{submitter.name}, {submitter.address}, {submitter.place}"
        return [Step(at, "acknowledge", own or LETTER_SENDER[case.municipality], text=to)]

    def _complaint_outcome(self, case: PlannedCase, scenario: Scenario, contacted: bool) -> str:
        weights = dict(COMPLAINT_OUTCOME_WEIGHTS)
        if not contacted:
            # Nobody talked with the complainant: no informal resolution either.
            weights[Outcome.OPGELOST] = 0.0
        if scenario.key in DECISION_SCENARIOS:
            weights[Outcome.DOORVERWEZEN] += 20.0
            weights[Outcome.NIET_BEHANDELD] += 8.0
        if case.about in ("het-anker", "de-linde"):
            weights[Outcome.DOORVERWEZEN] += 3.0  # to the provider's own complaint scheme
        return str(self.rng.choices(list(weights), list(weights.values()))[0])

    def _complaint_course(
        self, case: PlannedCase, outcome: str, writer: str, slots: Slots, pace: _Pace
    ) -> list[Step]:
        """From the conversation to the answer. Informal resolution takes days; an Awb 9:8
        refusal is sent within four weeks; a judgement comes in the last weeks of the term
        (committee and postponement included), now and then too late. Leaves `pace` at the
        moment of the answer."""
        rng = self.rng
        later = pace.later
        steps: list[Step] = []
        if outcome == Outcome.OPGELOST:
            if rng.random() < 0.6:
                text = self._note("informal_klacht", slots)
                steps.append(Step(later(0, 3), "note", writer, text=text))
            later(0, 3)
            return steps
        if outcome == Outcome.DOORVERWEZEN:
            later(1, 5)
            return steps
        received = case.received_at.astimezone(AMSTERDAM)
        if outcome == Outcome.NIET_BEHANDELD:
            # Awb 9:8: the complainant hears within four weeks of receipt.
            notice = self._working_days_later(received, rng.randrange(5, 19))
            pace.moment = max(notice, later(0, 2))
            return steps

        # A formal judgement (Awb 9:9-9:12): hearing, report, a reasoned letter.
        regime = _complaint_regime(case.about)
        due = compute_due(regime, received, calendar=self.calendar).due
        committee = extended = False
        if rng.random() < 0.7:
            steps.append(Step(later(0, 3), "note", writer, text=self._note("formal_klacht", slots)))
        if regime == "awb-klacht" and rng.random() < 0.12:
            at = later(1, 6)
            if at.date() <= due:  # chosen within the six weeks, or it cannot be chosen
                steps.append(Step(at, "committee", writer))
                committee = True
        # Only the municipality postpones its own handling (Awb 9:11); a provider's scheme
        # term is the provider's. The draw is made either way, so the plan stays the same.
        if rng.random() < 0.18 and regime == "awb-klacht":
            # The notice goes out in week five, well before the six weeks run out.
            notice_day = self.calendar.next_working_day_on_or_after(
                received.date() + dt.timedelta(days=rng.randrange(28, 36))
            )
            at = _at(notice_day, rng.uniform(9.0, 16.5))
            current_due = compute_due(
                regime, received, committee=committee, calendar=self.calendar
            ).due
            if pace.moment < at and notice_day <= current_due:
                steps.append(Step(at, "postpone", writer, text=self._note("postpone", slots)))
                pace.moment = at
                extended = True
        if rng.random() < 0.8:
            steps.append(Step(later(1, 6), "note", writer, text=self._note("hearing", slots)))
        if rng.random() < 0.08:
            steps.append(Step(later(1, 5), "note", writer, text=self._note("escalate", slots)))
        if rng.random() < 0.5:
            steps.append(Step(later(1, 4), "note", writer, text=self._note("draft", slots)))
        final_due = compute_due(
            regime, received, committee=committee, extended=extended, calendar=self.calendar
        ).due
        if rng.random() < LATE_ANSWER_CHANCE:
            answer_day = final_due + dt.timedelta(days=rng.randrange(3, 25))
        else:
            # The answer goes out in the last weeks of the term (the due date is a working day).
            answer_day = final_due - dt.timedelta(days=rng.randrange(0, 15))
        answer = _at(self.calendar.next_working_day_on_or_after(answer_day), rng.uniform(9.0, 16.5))
        pace.moment = max(answer, later(0, 1))
        return steps

    def _other_course(
        self, case: PlannedCase, outcome: str, writer: str, slots: Slots, pace: _Pace
    ) -> list[Step]:
        """A help request, report or signal: a progress note, then done or handed on. A few
        run on for months. Leaves `pace` at the moment of the conclusion."""
        rng = self.rng
        later = pace.later
        steps: list[Step] = []
        kind = "anonymous" if case.anonymous else case.kind
        if rng.random() < 0.5:
            text = self._note(f"progress_{kind}", slots)
            steps.append(Step(later(1, 8), "note", writer, text=text))
        if case.kind == Kind.SIGNAAL:
            later(1, 8)
        elif case.kind == Kind.MELDING:
            later(2, 12)
        elif case.domain == "schuldhulp":
            later(5, 25)  # the decision on debt help comes within eight weeks of the conversation
        else:
            later(3, 20)
        if rng.random() < SLOW_CASE_CHANCE:
            later(15, 50)
        return steps

    def _conclusion(self, case: PlannedCase, scenario: Scenario, outcome: str, slots: Slots) -> str:
        """The handler's summary: the scenario's own words for this outcome, or the words that
        fit every case of its kind; a judgement ends with the letter that was sent."""
        rng = self.rng
        general = CONCLUSIONS.get(f"{case.kind}-{outcome}", ())
        if outcome == Outcome.DOORVERWEZEN and case.about in ("het-anker", "de-linde"):
            general = CONCLUSIONS["klacht-doorverwezen-aanbieder"]
        own = scenario.lines(outcome)
        if case.anonymous:
            # Nobody to speak with or report back to.
            own = tuple(line for line in own if "{contact" not in line.lower())
            general = tuple(line for line in general if "{contact" not in line.lower())
        lines = own if own and (not general or rng.random() < 0.7) else general
        summary = fill(rng.choice(lines), slots)
        if outcome in FORMAL_OUTCOMES:
            summary += " " + fill(rng.choice(CONCLUSIONS["letter"]), slots)
        return summary

    def _note_slots(self, parties: _Parties, slots: Slots) -> Slots:
        note_slots = Slots(slots)
        submitter = parties.submitter
        female = submitter.female if submitter else True
        if parties.professional:
            contact = parties.submitter_label.split(" (")[0] or "de melder"
        elif submitter is None:
            contact = "de melder"
        elif parties.on_behalf_name and parties.relation not in ("moeder", "vader"):
            contact = f"de {parties.relation}" if parties.relation != "partner" else "de partner"
        else:
            contact = self.rng.choice((submitter.salutation, submitter.title))
        note_slots.update(
            contact=contact,
            contact_hem="haar" if female else "hem",
            contact_hij="ze" if female else "hij",
        )
        return note_slots

    def _note(self, kind: str, slots: Slots) -> str:
        return fill(self.rng.choice(NOTES[kind]), slots)


class _Pace:
    """How far a case's handling has got, moved on in working days at a handler's pace.

    Each step is planned some working days after the previous one; `afspraak` in the note
    slots follows, so an appointment in a note always lies after the note.
    """

    def __init__(self, planner: _Planner, moment: dt.datetime, slots: Slots) -> None:
        self.planner = planner
        self.moment = moment
        self.slots = slots

    def later(self, low: int, high: int) -> dt.datetime:
        planner, rng = self.planner, self.planner.rng
        self.moment = planner._working_days_later(self.moment, rng.randrange(low, high + 1))
        self.slots["afspraak"] = _date_words(
            planner.calendar.next_working_day_on_or_after(
                self.moment.date() + dt.timedelta(days=rng.randrange(2, 12))
            )
        )
        return self.moment


def _complaint_regime(about: str) -> Regime | str:
    """The term of a complaint about `about` (LEGAL.md §5): the provider's own scheme as the
    directory records it, else Awb chapter 9 (the municipality, or a joint arrangement)."""
    scheme = SCHEMES.get(about)
    if scheme is None or scheme.complaint_term_weeks is None:
        return "awb-klacht"
    return complaint_scheme(
        f"{COMPLAINT_SCHEME_PREFIX}{scheme.slug}",
        organisation=scheme.name,
        weeks=scheme.complaint_term_weeks,
        scheme=scheme.complaint_scheme,
        basis=scheme.complaint_scheme_basis,
    )


def _registered_about_itself(case: PlannedCase) -> str:
    """The provider's or GR's user when it registered this case about itself, else ""."""
    user = PROVIDER_USER.get(case.about, "")
    if user and case.intake_by.name in (case.about, user):
        return user
    return ""


def _team_for(case: PlannedCase) -> str:
    if case.kind == Kind.KLACHT or case.domain == "overig":
        return "klachten"
    return {"wmo": "wmo", "jeugd": "jeugd"}.get(case.domain, "schuldhulp")


def _provider_that_sees(case: PlannedCase, scenario: Scenario) -> str:
    """The provider whose staff can write on this case: it is about them, or their own API
    client registered it (a portal registration is not linked to the provider; see report)."""
    if case.about:
        return case.about
    if case.intake_by.kind == "api":
        return case.intake_by.name
    return ""


def _child_full_name(child: tuple[str, bool, int] | None, parent: Resident) -> str:
    return f"{child[0]} {parent.surname}" if child else ""


def _same_street(neighbour: Resident, person: Resident, rng: random.Random) -> Resident:
    digits = "".join(ch for ch in person.number if ch.isdigit()) or "1"
    number = str(max(1, int(digits) + rng.choice((-2, -1, 1, 2))))
    return dataclasses.replace(neighbour, street=person.street, number=number)


def _at(day: dt.date, hours: float) -> dt.datetime:
    minutes = min(int(hours * 60), 24 * 60 - 1)
    return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=AMSTERDAM)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _date_words(day: dt.date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def _euros(amount: int) -> str:
    return "€ " + f"{amount:,}".replace(",", ".")


def _sample(rng: random.Random, lines: Sequence[str], chance: float) -> list[str]:
    if not lines or rng.random() >= chance:
        return []
    return rng.sample(list(lines), k=min(len(lines), rng.choice((1, 1, 2))))


def _first_sentence(text: str) -> str:
    head, _, _ = text.partition(". ")
    return head.rstrip(".") + "."


def _paragraphs(parts: list[str], rng: random.Random) -> list[str]:
    """Group sentences into two or three paragraphs, as people do in e-mails and letters."""
    if len(parts) <= 2:
        return parts
    cut = rng.randrange(1, len(parts))
    return [" ".join(parts[:cut]), " ".join(parts[cut:])]
