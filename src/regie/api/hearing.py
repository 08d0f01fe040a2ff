"""The API for the hearing of a formal complaint (Awb 9:10), through the same write paths as
the case page: the invitation (`case_offer_hearing`), the hearing held with its report
(`case_record_hearing`), and the reason not to hear (`case_skip_hearing`, only a ground of
9:10 lid 2). A joint arrangement or provider that handles a written complaint under the Awb
needs these before it can judge it through /conclusion."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from regie import limits
from regie.api.case_work import PROBLEMS, work_on_case
from regie.api.fields import (
    AwareDateTimeField,
    StrictBooleanField,
    StrictCharField,
    StrictChoiceField,
)
from regie.api.serializers import CaseSerializer
from regie.cases import services
from regie.vocabulary import HearingSkipGround


class StrictDateField(serializers.DateField):
    """A calendar date as "2026-11-30", and nothing else (no numbers, no date-times)."""

    default_error_messages = {"invalid": "Moet een datum zijn, bijvoorbeeld 2026-11-30."}

    def to_internal_value(self, value: Any) -> Any:
        if not isinstance(value, str):
            self.fail("invalid")
        return super().to_internal_value(value)


class InvitationSerializer(serializers.Serializer):
    plannedAt = AwareDateTimeField(help_text="Wanneer het gesprek is, met tijdzone.")
    place = StrictCharField(
        max_length=limits.STAFF_TEXT,
        trim_whitespace=True,
        required=False,
        allow_blank=True,
        help_text="Waar het gesprek is. Leeg bij een telefonisch gesprek.",
    )
    byPhone = StrictBooleanField(required=False, default=False)


class HearingSerializer(serializers.Serializer):
    heldOn = StrictDateField(help_text="De dag waarop de indiener is gehoord.")
    report = StrictCharField(
        max_length=limits.STAFF_TEXT,
        trim_whitespace=True,
        help_text="Het verslag van het horen (Awb 9:10 lid 3). Gaat naar de indiener.",
    )


class WaiverSerializer(serializers.Serializer):
    ground = StrictChoiceField(
        choices=HearingSkipGround.choices,
        help_text="Alleen de redenen van Awb 9:10 lid 2.",
    )
    explanation = StrictCharField(max_length=limits.STAFF_TEXT, trim_whitespace=True)


# Field names of the services, as the API calls them.
API_NAMES = {"planned_at": "plannedAt", "by_phone": "byPhone", "held_on": "heldOn"}


def _work(request: Request, reference: str, serializer_class: type, call: Any) -> Response:
    return work_on_case(
        request, reference, serializer_class, call, code=status.HTTP_201_CREATED, names=API_NAMES
    )


class HearingInvitations(APIView):
    @extend_schema(
        operation_id="case_hearing_invite",
        summary="Nodig de indiener uit voor het horen (Awb 9:10)",
        description="De klacht gaat van formeel naar hoorzitting. Opnieuw uitnodigen mag.",
        request=InvitationSerializer,
        responses={201: CaseSerializer, **PROBLEMS},
    )
    def post(self, request: Request, reference: str) -> Response:
        return _work(
            request,
            reference,
            InvitationSerializer,
            lambda case, scope, d: services.case_offer_hearing(
                case=case,
                scope=scope,
                planned_at=d["plannedAt"],
                place=d.get("place", ""),
                by_phone=d.get("byPhone", False),
            ),
        )


class Hearings(APIView):
    @extend_schema(
        operation_id="case_hearing_record",
        summary="Leg vast dat de indiener is gehoord, met het verslag",
        request=HearingSerializer,
        responses={201: CaseSerializer, **PROBLEMS},
    )
    def post(self, request: Request, reference: str) -> Response:
        return _work(
            request,
            reference,
            HearingSerializer,
            lambda case, scope, d: services.case_record_hearing(
                case=case, scope=scope, held_on=d["heldOn"], report=d["report"]
            ),
        )


class HearingWaivers(APIView):
    @extend_schema(
        operation_id="case_hearing_skip",
        summary="Leg vast waarom de indiener niet wordt gehoord (Awb 9:10 lid 2)",
        request=WaiverSerializer,
        responses={201: CaseSerializer, **PROBLEMS},
    )
    def post(self, request: Request, reference: str) -> Response:
        return _work(
            request,
            reference,
            WaiverSerializer,
            lambda case, scope, d: services.case_skip_hearing(
                case=case, scope=scope, ground=d["ground"], explanation=d["explanation"]
            ),
        )
