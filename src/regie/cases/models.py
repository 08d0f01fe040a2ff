"""The register: one Case per complaint, signal, report or help request, with its
append-only timeline of Events.

Current state (status, handler, nearest deadline) is stored on the Case for fast worklists;
every change to it goes through `regie.cases.services` and leaves an Event behind.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from regie import limits
from regie.directory.models import Municipality, Organisation, Team
from regie.vocabulary import (
    CLOSED_STATUSES,
    Channel,
    Domain,
    EscalationLevel,
    Judgement,
    Kind,
    Norm,
    Outcome,
    Procedure,
    Status,
    Urgency,
)

# Cases still on someone's plate: follow-up and a case with the ombudsman are, too.
OPEN = ~models.Q(status__in=sorted(s.value for s in CLOSED_STATUSES))
# A case handed over this often after intake is flagged as bounced.
BOUNCED_AFTER = 2


class Case(models.Model):
    reference = models.CharField(max_length=20, unique=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="cases")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    domain = models.CharField(max_length=30, choices=Domain.choices, default=Domain.OVERIG)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    urgency = models.CharField(max_length=20, choices=Urgency.choices, default=Urgency.NORMAAL)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ONTVANGEN)
    # For a complaint: which procedure applies (written per Awb 9:4, or oral / incomplete).
    procedure = models.CharField(max_length=20, choices=Procedure.choices, blank=True)
    received_at = models.DateTimeField()
    subject = models.CharField(max_length=limits.SUBJECT, blank=True)
    description = models.TextField()

    # Who brought it in. Empty for an anonymous signal or report.
    submitter_name = models.CharField(max_length=limits.PERSON_NAME, blank=True)
    submitter_email = models.EmailField(max_length=limits.EMAIL, blank=True)
    submitter_phone = models.CharField(max_length=limits.PHONE, blank=True)
    submitter_anonymous = models.BooleanField(default=False)
    # The postal address, for a letter (Awb 9:4: name and address make a written complaint).
    submitter_street = models.CharField(max_length=limits.STREET, blank=True)
    submitter_house_number = models.CharField(max_length=limits.HOUSE_NUMBER, blank=True)
    submitter_postcode = models.CharField(max_length=limits.POSTCODE, blank=True)
    submitter_city = models.CharField(max_length=limits.CITY, blank=True)
    # The BSN only encrypted, with a keyed hash to find it, never in plain text (issue 11,
    # regie.cases.bsn). Given by staff or the API only where the task needs it.
    submitter_bsn_encrypted = models.TextField(blank=True)
    submitter_bsn_hash = models.CharField(max_length=64, blank=True, db_index=True)
    # The pseudonymous person key (regie.cases.person_key): links one person's cases for
    # learning and analytics without the identifier it was made from.
    person_key = models.CharField(max_length=64, blank=True, db_index=True)
    # The person it is about, when someone (a carer, a client supporter) submits for them.
    on_behalf_of_name = models.CharField(max_length=limits.PERSON_NAME, blank=True)
    on_behalf_of_relation = models.CharField(max_length=limits.RELATION, blank=True)

    # The outsourced party the case is about; empty means the municipality itself.
    about = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="cases_about"
    )
    # The party whose system or portal registered it (provider or GR), if any.
    source_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases_submitted",
    )

    handling_team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    # The provider or GR the work is with (routed or forwarded to it); the case stays in the
    # municipal register and the municipality keeps it in view.
    handling_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases_handling",
    )
    # When that organisation accepted the work; empty while it waits for acceptance.
    accepted_at = models.DateTimeField(null=True, blank=True)
    # How often the case went from one responsible party to another after intake. Two or more
    # is ping-pong: the case is flagged as bounced (a warning sign, DESIGN.md).
    handovers = models.PositiveSmallIntegerField(default=0)
    # A provider's own case where the council or college agreed to a summary only: the
    # municipality sees it in counts and themes, never in person (oversight "samenvatting").
    summary_only = models.BooleanField(default=False)
    # The employee whose conduct a complaint is about: they may not handle it (Awb 9:7).
    employee_concerned = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints_about",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="handled_cases",
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    concluded_at = models.DateTimeField(null=True, blank=True)
    # The nearest open deadline, kept here so the worklist sorts with one index.
    next_due = models.DateField(null=True, blank=True)

    # A capability link for the submitter: /status/<token>. Not guessable, not the reference.
    status_token = models.CharField(max_length=64, unique=True)
    # When the case was registered in Regie (set by the intake from its moment, so an import
    # of history keeps it); `received_at` is when it reached the municipality.
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    # Retention (regie.privacy.retention): a legal hold keeps a closed case whole past its
    # term (a court case, a request of the archive); only the privacy officer sets or lifts it.
    legal_hold = models.BooleanField(default=False)
    legal_hold_reason = models.TextField(blank=True)
    legal_hold_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    legal_hold_at = models.DateTimeField(null=True, blank=True)
    # When the retention run removed its personal data and free text; a case is anonymised once.
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        # The worklist asks "open cases of X, nearest deadline first". Partial indexes on
        # exactly that order let PostgreSQL read the first page straight from the index
        # instead of sorting every open case (bench/deadlines.py: 37 ms → 0.3 ms at 100,000).
        indexes = [
            models.Index(
                fields=["municipality", "next_due", "received_at", "id"],
                include=["summary_only"],
                condition=OPEN,
                name="case_open_by_municipality",
            ),
            models.Index(
                fields=["handling_team", "next_due", "received_at", "id"],
                include=["summary_only"],
                condition=OPEN,
                name="case_open_by_team",
            ),
            models.Index(
                fields=["handler", "next_due", "received_at", "id"],
                # The team queue asks for my cases in my team (a scope's alternatives, one
                # per grant): with the team and summary_only here PostgreSQL answers from
                # the index alone, not from a BitmapAnd of the handler's and the team's
                # indexes and the table (8-30 ms at 10M, bench/scale.py).
                include=["status", "handling_team", "summary_only"],
                condition=OPEN,
                name="case_open_by_handler",
            ),
            models.Index(
                fields=["next_due", "received_at", "id"], condition=OPEN, name="case_open_all"
            ),
            models.Index(
                fields=["handling_organisation", "next_due", "received_at", "id"],
                condition=OPEN,
                name="case_open_by_organisation",
            ),
            # The same orders over every status ("alle statussen", a deep page): one index per
            # kind of grant, read in order by selectors.worklist_page_ids, summary_only
            # included so the grant's condition needs no visit to the table (bench/scale.py).
            models.Index(
                fields=["municipality", "next_due", "received_at", "id"],
                include=["summary_only"],
                name="case_by_municipality_due",
            ),
            # One status of a municipality ("afgehandeld", "nazorg"): without it the capped
            # count of such a list scanned the whole table (bench.scale at 10M: 180 ms).
            models.Index(
                fields=["municipality", "status", "next_due", "received_at", "id"],
                include=["summary_only"],
                name="case_by_municipality_status",
            ),
            models.Index(
                fields=["handling_team", "next_due", "received_at", "id"],
                include=["summary_only"],
                name="case_by_team_due",
            ),
            models.Index(
                fields=["handler", "next_due", "received_at", "id"],
                include=["handling_team", "summary_only"],  # as case_open_by_handler
                name="case_by_handler_due",
            ),
            models.Index(fields=["about", "status"], name="case_about_status"),
            models.Index(fields=["received_at"], name="case_received"),
            # The aggregate read (issue 10): "a municipality's cases received (or concluded)
            # in a period", read from the index alone on PostgreSQL; the INCLUDE columns are
            # what the figures group by (bench/reports.py at 1,000,000 cases: 120 → 20 ms).
            # SQLite has no INCLUDE and gets the plain index.
            models.Index(
                fields=["municipality", "received_at"],
                include=["id", "kind", "domain", "channel", "about", "status"],
                name="case_municipality_received",
            ),
            models.Index(
                fields=["municipality", "concluded_at"],
                include=["id", "kind", "outcome"],
                condition=models.Q(concluded_at__isnull=False),
                name="case_municipality_concluded",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_about_municipality(self) -> bool:
        return self.about_id is None

    @property
    def postal_address(self) -> str:
        """The address as it goes on an envelope, or "" when there is none."""
        if not self.submitter_street:
            return ""
        return (
            f"{self.submitter_street} {self.submitter_house_number}, "
            f"{self.submitter_postcode} {self.submitter_city}"
        )

    @property
    def bounced(self) -> bool:
        return self.handovers >= BOUNCED_AFTER


class EventType(models.TextChoices):
    RECEIVED = "ontvangen", "Ontvangen"
    ASSIGNED = "toegewezen", "Toegewezen"
    NOTE_ADDED = "notitie", "Interne notitie"
    ACKNOWLEDGED = "ontvangst-bevestigd", "Ontvangstbevestiging verstuurd"
    STATUS_CHANGED = "status-gewijzigd", "Status gewijzigd"
    DEADLINE_SET = "termijn-berekend", "Termijn berekend"
    CONTACT = "contact", "Contact met indiener"
    POSTPONED = "verdaagd", "Behandeling verdaagd"
    COMMITTEE = "adviescommissie", "Klachtadviescommissie ingeschakeld"
    FIRST_CONVERSATION = "eerste-gesprek", "Eerste gesprek gevoerd"
    CONCLUDED = "afgehandeld", "Afgehandeld"
    ROUTED = "gerouteerd", "Naar de verantwoordelijke gestuurd"
    HANDED_OVER = "overgedragen", "Overgedragen"
    ACCEPTED = "geaccepteerd", "Geaccepteerd door de aanbieder"
    PROGRESS = "voortgang", "Voortgang van de aanbieder"
    EMPLOYEE_NAMED = "medewerker-genoemd", "Klacht over een medewerker"
    # The Awb procedure (complaint_procedure.py)
    HEARING_OFFERED = "horen-aangeboden", "Horen aangeboden"
    HEARING_HELD = "gehoord", "Indiener gehoord"
    HEARING_SKIPPED = "horen-overgeslagen", "Afgezien van horen"
    JUDGED = "beoordeeld", "Klacht beoordeeld"
    # Letters (regie.documents): every letter sent or printed
    LETTER = "brief", "Brief"
    # The internal ladder and the ombudsman
    ESCALATED = "geescaleerd", "Geëscaleerd"
    EXCEPTION_MADE = "uitzondering", "Uitzondering gemaakt"
    OMBUDSMAN_REFERRED = "naar-ombudsman", "Naar de ombudsman"
    OMBUDSMAN_OUTCOME = "oordeel-ombudsman", "Oordeel van de ombudsman"
    # Follow-up and the resident's own contributions (status page)
    FOLLOW_UP_PLANNED = "nazorg-gepland", "Nazorg gepland"
    FOLLOW_UP_ANSWERED = "nazorg-beantwoord", "Reactie op nazorg"
    INFORMATION_ADDED = "informatie-aangevuld", "Informatie aangevuld door de indiener"
    # Triage (issue 9, services/triage.py): the suggestion at intake, and a person's verdict
    TRIAGED = "triage-voorstel", "Triage-voorstel"
    TRIAGE_CONFIRMED = "triage-bevestigd", "Triage-voorstel bevestigd"
    TRIAGE_CORRECTED = "triage-aangepast", "Triage-voorstel aangepast"


class AppendOnlyError(Exception):
    pass


class Event(models.Model):
    """One entry of a case's timeline. Never edited, never deleted (DESIGN.md principles)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    type = models.CharField(max_length=40, choices=EventType.choices)
    at = models.DateTimeField()
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=200)
    payload = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["case", "at"], name="event_case_at")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.type} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Events are append-only; record a new event instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Events are append-only.")


class CaseDeadline(models.Model):
    """A computed due date with its explanation, stored when the fact that starts it is
    recorded. `met_at` is set when the fact that ends it is recorded."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    type = models.CharField(max_length=40)
    regime = models.CharField(max_length=60)
    start = models.DateField()
    due = models.DateField()
    explanation = models.JSONField(default=list)
    # The regime options in force (committee, extended, crisis): recomputing from start,
    # regime and options gives the same date again.
    options = models.JSONField(default=list)
    legal_basis = models.CharField(max_length=100, blank=True)
    met_at = models.DateTimeField(null=True, blank=True)
    # A recomputation (postponement, committee) supersedes the row instead of editing it, so
    # the history of every date stays visible.
    superseded = models.BooleanField(default=False)

    class Meta:
        ordering = ["due", "pk"]
        indexes = [
            models.Index(fields=["case", "superseded"], name="deadline_case_current"),
            # The open terms of a case, read from the index alone: "Mijn termijnen" counts
            # them per type and week for every case of a handler (bench.scale at 10M).
            models.Index(
                fields=["case"],
                include=["type", "due"],
                condition=models.Q(met_at__isnull=True, superseded=False),
                name="deadline_open_by_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.type} {self.due}"


class ReferenceCounter(models.Model):
    """The last number handed out per municipality, prefix and year (KL-0363-2026-000123).

    One counter per municipality (issue 12), so that one municipality in a region cannot
    read another's volume from its own reference numbers. Rows without a municipality are the
    counters of the old region-wide format (KL-2026-000123): kept as history, never raised
    again, because a reference a resident has been sent is never rewritten.
    """

    municipality = models.ForeignKey(
        "directory.Municipality", on_delete=models.PROTECT, null=True, blank=True
    )
    prefix = models.CharField(max_length=4)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            # Not a partial index: `regie generate` names these columns in ON CONFLICT.
            models.UniqueConstraint(
                fields=["municipality", "prefix", "year"], name="one_counter_per_municipality"
            ),
            # NULLs are distinct in the one above; the old global rows stay one per year.
            models.UniqueConstraint(
                fields=["prefix", "year"],
                condition=models.Q(municipality__isnull=True),
                name="one_global_counter_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.municipality_id or 'regio'}-{self.year}: {self.last}"


class IdempotencyRecord(models.Model):
    """Maps an API client's Idempotency-Key to the case it created, so a retry returns the same
    case instead of a second one."""

    api_client = models.ForeignKey("accounts.ApiClient", on_delete=models.CASCADE)
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)
    case = models.ForeignKey(Case, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["api_client", "key"], name="one_case_per_idempotency_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} → {self.case_id}"


class QueuedIntake(models.Model):
    """An API intake accepted with `Prefer: respond-async`: answered 202 once this row has
    committed, registered as a case by a worker soon after (`cases.services.intake_queue`).

    The request is kept as the intake service's own input, with the BSN encrypted, and
    emptied once the case exists or the intake was refused: from then on the case (or the
    reasons) is what the client reads at `/api/v1/intakes/{id}`.
    """

    class State(models.TextChoices):
        WAITING = "wachtend", "Wacht op registratie"
        REGISTERED = "geregistreerd", "Geregistreerd"
        REFUSED = "afgewezen", "Afgewezen"

    # Not a counter: the id is in the Location header, and a number would tell one client
    # how many intakes all the others sent.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # PROTECT: what a client handed in stays, also when the client is removed.
    api_client = models.ForeignKey("accounts.ApiClient", on_delete=models.PROTECT)
    idempotency_key = models.CharField(max_length=200, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    request = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.WAITING)
    accepted_at = models.DateTimeField()
    # When a worker may (next) try it; a failed try waits longer each time.
    next_attempt_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0)
    handled_at = models.DateTimeField(null=True, blank=True)
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Refused: field name to Dutch message, as the API's invalidParams.
    errors = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["api_client", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="one_queued_intake_per_idempotency_key",
            )
        ]
        indexes = [
            # The workers' scan: only waiting rows, oldest turn first.
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(state="wachtend"),
                name="queued_intake_waiting",
            ),
            # The tick's clean-up; a row enters it only once handled, so the accept's
            # INSERT (handled_at empty) does not pay for it.
            models.Index(
                fields=["handled_at"],
                condition=models.Q(handled_at__isnull=False),
                name="queued_intake_handled",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.id} ({self.state})"


class ComplaintJudgement(models.Model):
    """The judgement on one element of a complaint (Awb 9:12): what the resident complained
    about, whether it holds, which behoorlijkheidsnorm it touches, why, and what will be done.
    Written once with the conclusion; a reopened complaint gets new rows, the old stay."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="judgements")
    position = models.PositiveSmallIntegerField()
    element = models.TextField()
    judgement = models.CharField(max_length=20, choices=Judgement.choices)
    norm = models.CharField(max_length=40, choices=Norm.choices, blank=True)
    reasons = models.TextField()
    measures = models.TextField(blank=True)
    # The conclusion this judgement belongs to (a reopened complaint is concluded again).
    concluded_at = models.DateTimeField()

    class Meta:
        ordering = ["concluded_at", "position"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.position}: {self.judgement}"


class Escalation(models.Model):
    """One step up the internal ladder, with its own term, and what came of it. An exception
    made by the doorbraak function is recorded with who made it and at what cost, so the
    municipality can learn which rules get in residents' way."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="escalations")
    level = models.CharField(max_length=20, choices=EscalationLevel.choices)
    reason = models.TextField()
    raised_at = models.DateTimeField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Who takes it up at this level (the team lead, the manager, the doorbraak function).
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due = models.DateField()
    exception = models.TextField(blank=True)
    cost_euros = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["raised_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.level}"


class OmbudsmanReferral(models.Model):
    """The complainant went to the ombudsman (Awb 9:18 and further). What the ombudsman found
    and recommended is recorded, and how the municipality follows it up."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="ombudsman_referrals")
    ombudsman = models.CharField(max_length=200)
    referred_at = models.DateTimeField()
    their_reference = models.CharField(max_length=100, blank=True)
    judgement = models.CharField(max_length=20, choices=Judgement.choices, blank=True)
    findings = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    response = models.TextField(blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["referred_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.ombudsman}"


class FollowUp(models.Model):
    """After the solution, someone asks again how it is going ("hoe gaat het nu?"): a check-in
    on the handler's worklist and a short question to the resident (score and free text)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="follow_ups")
    due = models.DateField()
    planned_at = models.DateTimeField()
    # When the resident was asked (by e-mail or on the status page).
    asked_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    solved = models.BooleanField(null=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)  # 1-5
    comment = models.TextField(blank=True)
    # When the handler did the check-in (called, wrote) and what they found.
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["due"], name="followup_due")]

    def __str__(self) -> str:
        return f"{self.case_id} nazorg {self.due}"


class Attachment(models.Model):
    """A file the resident (or staff) added to a case. Only safe types and sizes are kept;
    the type is read from the bytes, not from the name."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="attachments")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    added_at = models.DateTimeField()
    by_resident = models.BooleanField(default=False)

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.name}"


class TriageState(models.TextChoices):
    OPEN = "open", "Nog niet beoordeeld"
    CONFIRMED = "confirmed", "Bevestigd"
    CORRECTED = "corrected", "Aangepast"


class TriageSuggestion(models.Model):
    """What triage (`regie.triage.suggest`) suggested for a case at intake, and what a person
    made of it. Shown, never applied by itself: the case's own domain, kind and urgency are
    what the submitter or staff gave until someone confirms or corrects (services/triage.py).
    Confirmed and corrected rows are the training data (`regie.cases.triage_data`)."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="triage")
    domain = models.CharField(max_length=30, choices=Domain.choices)
    domain_runner_up = models.CharField(max_length=30, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    topic = models.CharField(max_length=100, blank=True)
    norm = models.CharField(max_length=40, blank=True)
    urgent = models.BooleanField(default=False)
    confidence = models.FloatField()
    reasons = models.JSONField(default=list)
    urgent_reasons = models.JSONField(default=list)
    source = models.CharField(max_length=20, default="regels")  # "regels" or "model"
    created_at = models.DateTimeField(default=timezone.now)

    state = models.CharField(max_length=20, choices=TriageState.choices, default=TriageState.OPEN)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # What the verdict settled on: the person's choice when corrected; when confirmed, what
    # the confirmation applied (the suggested domain and urgency, the case's own kind).
    chosen_domain = models.CharField(max_length=30, choices=Domain.choices, blank=True)
    chosen_kind = models.CharField(max_length=20, choices=Kind.choices, blank=True)
    chosen_urgent = models.BooleanField(null=True, blank=True)

    class Meta:
        # The worklist's "Mogelijk spoed" block: open urgent suggestions, a handful at most.
        indexes = [
            models.Index(
                fields=["case"],
                condition=models.Q(state="open", urgent=True),
                name="triage_open_urgent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.domain} {self.state}"

    @property
    def verdict_domain(self) -> str:
        """The domain a person settled on (the suggestion itself while nobody judged it)."""
        return self.chosen_domain or self.domain

    @property
    def verdict_kind(self) -> str:
        return self.chosen_kind or self.kind

    @property
    def verdict_urgent(self) -> bool:
        return self.urgent if self.chosen_urgent is None else self.chosen_urgent
