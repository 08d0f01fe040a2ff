"""The API for the internal ladder: put a case higher up (teamleider → manager → doorbraak),
through the same write path as the case page (`services.case_escalate`)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from regie import limits
from regie.api.case_work import PROBLEMS, work_on_case
from regie.api.fields import StrictCharField, StrictChoiceField
from regie.api.serializers import CaseSerializer
from regie.cases import services
from regie.vocabulary import EscalationLevel


class EscalationSerializer(serializers.Serializer):
    level = StrictChoiceField(
        choices=EscalationLevel.choices,
        help_text=(
            "teamleider (5 werkdagen), manager (5 werkdagen) of doorbraak (10 werkdagen). "
            "Een geëscaleerde zaak gaat alleen naar een hoger niveau; overslaan mag."
        ),
    )
    reason = StrictCharField(
        max_length=limits.STAFF_TEXT,
        trim_whitespace=True,
        help_text="Waarom de zaak hoger in de organisatie moet worden gelegd.",
    )


class CaseEscalations(APIView):
    @extend_schema(
        operation_id="case_escalate",
        summary="Leg een zaak hoger in de organisatie (escaleren)",
        description=(
            "De zaak gaat naar geëscaleerd, met de termijn van het niveau. Een stap die niet "
            "mag vanuit de huidige status, of een lager niveau, geeft een foutmelding met de "
            "reden."
        ),
        request=EscalationSerializer,
        responses={201: CaseSerializer, **PROBLEMS},
    )
    def post(self, request: Request, reference: str) -> Response:
        return work_on_case(
            request,
            reference,
            EscalationSerializer,
            lambda case, scope, d: services.case_escalate(
                case=case, scope=scope, level=d["level"], reason=d["reason"]
            ),
            code=status.HTTP_201_CREATED,
        )
