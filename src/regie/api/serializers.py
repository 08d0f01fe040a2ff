"""The external shape of a case in the API (lowerCamelCase, NL API Design Rules)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from regie import limits
from regie.api.fields import (
    AwareDateTimeField,
    StrictBooleanField,
    StrictCharField,
    StrictChoiceField,
    StrictEmailField,
    StrictRegexField,
)
from regie.api.schema import INVALID_PARAMS
from regie.cases.bsn import TYPED_MAX as BSN_TYPED_MAX
from regie.cases.bsn import case_bsn_masked
from regie.cases.models import Case, ComplaintJudgement, QueuedIntake, TriageSuggestion
from regie.cases.presentation import DeadlineRow, deadline_rows
from regie.cases.services.intake import IntakeResult
from regie.vocabulary import Channel, Domain, Judgement, Kind, Status, Urgency


class AddressSerializer(serializers.Serializer):
    """A Dutch postal address (Awb 9:4: a letter with a name and an address is a complaint)."""

    street = StrictCharField(max_length=limits.STREET)
    houseNumber = StrictCharField(max_length=limits.HOUSE_NUMBER, help_text="Bijvoorbeeld 12a.")
    postcode = StrictRegexField(
        r"^[1-9][0-9]{3} ?[A-Za-z]{2}$",
        "Een postcode ziet eruit als 1234 AB.",
        max_length=limits.POSTCODE,
        help_text="Bijvoorbeeld 1234 AB.",
    )
    city = StrictCharField(max_length=limits.CITY)


class SubmitterSerializer(serializers.Serializer):
    name = StrictCharField(required=False, allow_blank=True, max_length=limits.PERSON_NAME)
    email = StrictEmailField(required=False, allow_blank=True, max_length=limits.EMAIL)
    phone = StrictCharField(required=False, allow_blank=True, max_length=limits.PHONE)
    anonymous = StrictBooleanField(required=False, default=False)
    address = AddressSerializer(required=False)
    # Checked by the intake service (eleven-test), which names `submitter.bsn` when wrong.
    bsn = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=BSN_TYPED_MAX,
        help_text=(
            "Burgerservicenummer, alleen waar de taak het nodig heeft (Wabb art. 10). "
            "Wordt versleuteld opgeslagen en nooit volledig teruggegeven."
        ),
    )


class OnBehalfOfSerializer(serializers.Serializer):
    name = StrictCharField(required=False, allow_blank=True, max_length=limits.PERSON_NAME)
    relation = StrictCharField(required=False, allow_blank=True, max_length=limits.RELATION)


@extend_schema_field(
    {
        "oneOf": [
            {"$ref": "#/components/schemas/OnBehalfOf"},
            {"type": "string", "maxLength": limits.PERSON_NAME, "description": "Alleen de naam."},
        ]
    }
)
class OnBehalfOfField(serializers.Field):
    """The person concerned: an object {name, relation}, or just a name as text."""

    default_error_messages = {"invalid": "Moet een object met name en relation zijn, of tekst."}

    def to_internal_value(self, data: Any) -> dict[str, str]:
        if isinstance(data, str):
            data = {"name": data}
        if not isinstance(data, dict):
            self.fail("invalid")
        inner = OnBehalfOfSerializer(data=data)
        inner.is_valid(raise_exception=True)
        return dict(inner.validated_data)

    def to_representation(self, value: Any) -> Any:
        return value


class CaseIntakeSerializer(serializers.Serializer):
    municipality = StrictRegexField(
        r"^GM[0-9]{4}$",
        "Een gemeentecode ziet eruit als GM0363.",
        max_length=6,
        help_text="CBS-gemeentecode, bijvoorbeeld GM9901.",
    )
    kind = StrictChoiceField(choices=Kind.choices)
    channel = StrictChoiceField(choices=Channel.choices)
    description = StrictCharField(max_length=limits.DESCRIPTION, trim_whitespace=True)
    domain = StrictChoiceField(choices=Domain.choices, required=False)
    subject = StrictCharField(required=False, allow_blank=True, max_length=limits.SUBJECT)
    receivedAt = AwareDateTimeField(required=False)
    urgency = StrictChoiceField(choices=Urgency.choices, required=False)
    submitter = SubmitterSerializer(required=False)
    onBehalfOf = OnBehalfOfField(required=False)
    about = StrictRegexField(
        r"^[a-z0-9]+(-[a-z0-9]+)*$",
        "Gebruik de slug van de organisatie, bijvoorbeeld het-anker.",
        required=False,
        allow_blank=True,
        max_length=50,
        help_text="Slug van de aanbieder of GR, bijvoorbeeld het-anker. Leeg: de gemeente zelf.",
    )


class DeadlineSerializer(serializers.Serializer):
    type = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    regime = serializers.CharField()
    due = serializers.DateField()
    met = serializers.BooleanField()
    state = serializers.ChoiceField(choices=["met", "open", "due-soon", "overdue"])
    explanation = serializers.ListField(child=serializers.CharField())


class ComplaintJudgementSerializer(serializers.Serializer):
    """The judgement on one element of a complaint (Awb 9:12), as concluded."""

    position = serializers.IntegerField()
    element = serializers.CharField()
    judgement = serializers.ChoiceField(choices=Judgement.choices)
    norm = serializers.CharField(help_text="Behoorlijkheidsnorm; leeg: geen gekozen.")
    reasons = serializers.CharField()
    measures = serializers.CharField(help_text="Wat er gaat gebeuren; leeg: niets genoemd.")


_TEXTS = {"type": "array", "items": {"type": "string"}}
# Inline, nullable: OpenAPI 3.0 has no nullable reference to a component.
TRIAGE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "nullable": True,
    "description": (
        "Wat triage bij binnenkomst voorstelde en of iemand het bevestigde of aanpaste. Nooit "
        "vanzelf toegepast: domain, kind en urgency van de zaak zelf gelden."
    ),
    "required": ["suggested", "state", "confirmedAt"],
    "properties": {
        "suggested": {
            "type": "object",
            "required": [
                "domain",
                "kind",
                "urgent",
                "confidence",
                "reasons",
                "urgentReasons",
                "domainRunnerUp",
                "topic",
                "norm",
                "source",
            ],
            "properties": {
                "domain": {"type": "string", "enum": list(Domain.values)},
                "kind": {"type": "string", "enum": list(Kind.values)},
                "urgent": {"type": "boolean"},
                "confidence": {
                    "type": "number",
                    "minimum": 0,
                    "maximum": 1,
                    "description": "Hoe zeker triage is van het domein.",
                },
                "reasons": _TEXTS,
                "urgentReasons": _TEXTS,
                "domainRunnerUp": {
                    "type": "string",
                    "description": "Het op een na meest waarschijnlijke domein; leeg: geen.",
                },
                "topic": {"type": "string"},
                "norm": {"type": "string", "description": "Behoorlijkheidsnorm; leeg: geen."},
                "source": {"type": "string", "description": "regels of model."},
            },
        },
        "state": {
            "type": "string",
            "description": "open: nog niet beoordeeld; confirmed: bevestigd; corrected: aangepast.",
        },
        "confirmedAt": {"type": "string", "format": "date-time", "nullable": True},
    },
}


class CaseSerializer(serializers.Serializer):
    reference = serializers.CharField()
    municipality = serializers.CharField(source="municipality.code")
    kind = serializers.ChoiceField(choices=Kind.choices)
    domain = serializers.ChoiceField(choices=Domain.choices)
    channel = serializers.ChoiceField(choices=Channel.choices)
    urgency = serializers.ChoiceField(choices=Urgency.choices)
    status = serializers.ChoiceField(choices=Status.choices)
    receivedAt = serializers.DateTimeField(source="received_at")
    subject = serializers.CharField()
    about = serializers.SerializerMethodField()
    handlingOrganisation = serializers.SerializerMethodField(
        help_text="De aanbieder of GR waar de zaak ligt; leeg: bij de gemeente."
    )
    acceptedAt = serializers.DateTimeField(
        source="accepted_at",
        allow_null=True,
        help_text="Wanneer die organisatie de zaak accepteerde; leeg: nog niet.",
    )
    procedure = serializers.CharField(
        help_text=(
            "Voor een klacht: schriftelijk (Awb 9:4 tot en met 9:12), mondeling of onvolledig "
            "(Awb 9:2). Een klacht zonder naam wordt een signaal."
        )
    )
    handovers = serializers.IntegerField(help_text="Hoe vaak de zaak is overgedragen.")
    bounced = serializers.BooleanField(help_text="Twee keer of vaker overgedragen.")
    outcome = serializers.CharField(help_text="De uitkomst; leeg zolang de zaak open is.")
    deadlines = serializers.SerializerMethodField()
    judgements = serializers.SerializerMethodField(
        help_text=(
            "Voor een afgehandelde klacht: het oordeel per onderdeel (Awb 9:12). Alleen voor "
            "de gemeente en de organisatie die de klacht behandelde."
        )
    )
    statusUrl = serializers.SerializerMethodField()
    submitterBsn = serializers.SerializerMethodField(
        help_text=(
            "Het BSN van de indiener, gemaskeerd (*****6782). Alleen voor de gemeente zelf; "
            "leeg: geen BSN of geen gemeente. Het volledige nummer geeft de API nooit."
        )
    )
    triage = serializers.SerializerMethodField(
        help_text=(
            "Het triage-voorstel bij binnenkomst en of het is bevestigd. Alleen voor de "
            "gemeente zelf; leeg: geen voorstel."
        )
    )

    def _written(self, case: Case) -> IntakeResult | None:
        """The intake that just created `case`, when the view passed it: its deadlines and
        triage are in memory, so the answer needs no query to read them back."""
        written = self.context.get("written")
        if isinstance(written, IntakeResult) and written.created and written.case is case:
            return written
        return None

    @extend_schema_field(TRIAGE_SCHEMA)
    def get_triage(self, case: Case) -> dict[str, Any] | None:
        scope = self.context.get("scope")
        if scope is not None and not (scope.everything or scope.municipality_ids()):
            return None  # internal to the municipality: not for providers or GRs
        written = self._written(case)
        if written is not None:
            triage = written.triage
        else:
            triage = TriageSuggestion.objects.filter(case=case).first()
        if triage is None:
            return None
        return {
            "suggested": {
                "domain": triage.domain,
                "kind": triage.kind,
                "urgent": triage.urgent,
                "confidence": triage.confidence,
                "reasons": list(triage.reasons),
                "urgentReasons": list(triage.urgent_reasons),
                "domainRunnerUp": triage.domain_runner_up,
                "topic": triage.topic,
                "norm": triage.norm,
                "source": triage.source,
            },
            "state": triage.state,
            "confirmedAt": triage.confirmed_at.isoformat() if triage.confirmed_at else None,
        }

    @extend_schema_field({"type": "string", "nullable": True})
    def get_submitterBsn(self, case: Case) -> str | None:
        # Issue 11: the municipality's systems hold the BSN themselves; a masked value lets
        # them see which person it is, without widening where the full number travels.
        # Providers and GRs get nothing (they never get the BSN, see cases.bsn).
        scope = self.context.get("scope")
        if scope is None or not (scope.everything or scope.municipality_ids()):
            return None
        return case_bsn_masked(case) or None

    def get_about(self, case: Case) -> str | None:
        return case.about.slug if case.about else None

    def get_handlingOrganisation(self, case: Case) -> str | None:
        return case.handling_organisation.slug if case.handling_organisation else None

    @extend_schema_field(DeadlineSerializer(many=True))
    def get_deadlines(self, case: Case) -> list[dict[str, Any]]:
        written = self._written(case)
        rows: list[DeadlineRow] = deadline_rows(
            case, stored=written.deadlines if written is not None else None
        )
        return [
            {
                "type": r.type,
                "label": r.label,
                "regime": r.regime,
                "due": r.due.isoformat(),
                "met": r.met,
                "state": r.state,
                "explanation": list(r.explanation),
            }
            for r in rows
        ]

    @extend_schema_field(ComplaintJudgementSerializer(many=True))
    def get_judgements(self, case: Case) -> list[dict[str, Any]]:
        if case.kind != Kind.KLACHT or case.concluded_at is None:
            return []
        scope = self.context.get("scope")
        if (
            scope is not None
            and not scope.municipality_ids()
            and case.handling_organisation_id not in scope.organisation_ids()
        ):
            return []
        rows = ComplaintJudgement.objects.filter(case=case, concluded_at=case.concluded_at)
        return [
            {
                "position": j.position,
                "element": j.element,
                "judgement": j.judgement,
                "norm": j.norm,
                "reasons": j.reasons,
                "measures": j.measures,
            }
            for j in rows.order_by("position")
        ]

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_statusUrl(self, case: Case) -> str | None:
        """The resident's private status link, for the municipality and for the party that
        registered the case; a provider reading a case about itself does not get it."""
        from regie.cases.urls_public import status_url

        scope = self.context.get("scope")
        outsider = (
            scope is not None
            and not scope.municipality_ids()
            and case.source_organisation_id not in scope.organisation_ids()
        )
        if outsider:
            return None
        return status_url(case, self.context.get("request"))


class QueuedIntakeSerializer(serializers.Serializer):
    """An intake accepted with `Prefer: respond-async`, at `/api/v1/intakes/{id}`."""

    id = serializers.UUIDField()
    status = serializers.ChoiceField(
        choices=QueuedIntake.State.choices,
        source="state",
        help_text=(
            "wachtend: aangenomen, de zaak wordt zo geregistreerd; geregistreerd: zie "
            "`reference`; afgewezen: zie `invalidParams`."
        ),
    )
    acceptedAt = serializers.DateTimeField(
        source="accepted_at", help_text="Ontvangen; de wettelijke termijnen tellen vanaf hier."
    )
    handledAt = serializers.DateTimeField(source="handled_at", allow_null=True)
    reference = serializers.SerializerMethodField(help_text="Het kenmerk van de zaak.")
    case = serializers.SerializerMethodField(help_text="Waar de zaak te lezen is.")
    invalidParams = serializers.SerializerMethodField(
        help_text="Waarom de zaak niet geregistreerd kon worden, per veld."
    )

    @extend_schema_field({"type": "string", "nullable": True})
    def get_reference(self, queued: QueuedIntake) -> str | None:
        return queued.case.reference if queued.case is not None else None

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_case(self, queued: QueuedIntake) -> str | None:
        if queued.case is None:
            return None
        path = f"/api/v1/cases/{queued.case.reference}"
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    @extend_schema_field(INVALID_PARAMS)
    def get_invalidParams(self, queued: QueuedIntake) -> list[dict[str, str]]:
        return [
            {"name": name, "code": "invalid", "reason": reason}
            for name, reason in queued.errors.items()
        ]
