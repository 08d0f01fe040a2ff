"""GET /api/v1/wegwijzer: who is responsible for a resident's problem, public and without a
token. The answer is the directory's wegwijzer selector, shaped for programs (lowerCamelCase,
NL API Design Rules); the public page shows the same answer to people.

An unknown municipality is a 400 naming `municipality`, not a 404: the resource (the
wegwijzer) exists, one of its query parameters is wrong, as with an unknown `topic`.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from regie.api.fields import StrictCharField, StrictChoiceField, StrictRegexField
from regie.api.problems import problem_response
from regie.directory import wegwijzer as selector
from regie.directory.selectors import municipality_by_code
from regie.vocabulary import Domain

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class WegwijzerQuerySerializer(serializers.Serializer):
    municipality = StrictRegexField(
        r"^GM[0-9]{4}$", "Een gemeentecode ziet eruit als GM0363.", max_length=6
    )
    q = StrictCharField(required=False, allow_blank=True, max_length=selector.QUESTION_MAX)
    domain = StrictChoiceField(choices=Domain.choices, required=False)
    topic = StrictRegexField(
        SLUG,
        "Gebruik de slug van een onderwerp, bijvoorbeeld schulden.",
        required=False,
        max_length=50,
    )


class ChannelSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="telefoon, email, adres, postadres, website, …")
    label = serializers.CharField()  # type: ignore[assignment]
    value = serializers.CharField()
    note = serializers.CharField()
    href = serializers.CharField(allow_null=True, help_text="tel:, mailto: of https-link")


class PartySerializer(serializers.Serializer):
    slug = serializers.CharField(help_text="Leeg voor de ombudsman (gegevens van de gemeente).")
    name = serializers.CharField()
    # Plain text, not an enum: the values overlap the case's `kind` enum by name only.
    kind = serializers.CharField(
        help_text="team, gemeente, ombudsman, aanbieder, gr of onafhankelijk."
    )
    kindLabel = serializers.CharField(source="kind_label")
    description = serializers.CharField()
    channels = ChannelSerializer(many=True)


class TermSerializer(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]
    words = serializers.CharField()
    regime = serializers.CharField(
        help_text="Regime-identificatie, bijvoorbeeld wgs-eerste-gesprek."
    )
    legalBasis = serializers.CharField(source="legal_basis")


class EscalationStepSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    action = serializers.CharField()
    text = serializers.CharField()
    term = serializers.CharField()
    party = PartySerializer()


class ComplaintRouteSerializer(serializers.Serializer):
    handler = PartySerializer()
    regime = serializers.CharField(
        allow_null=True,
        help_text="awb-klacht, wkkgz of klachtenregeling-<aanbieder>; leeg zonder bekende termijn.",
    )
    regimeLabel = serializers.CharField(source="regime_label")
    term = serializers.CharField(help_text="De termijn in woorden, bijvoorbeeld 6 weken.")
    legalBasis = serializers.CharField(source="legal_basis")
    scheme = serializers.CharField(help_text="Naam van de klachtenregeling van de aanbieder.")
    schemeUrl = serializers.CharField(source="scheme_url")
    steps = EscalationStepSerializer(many=True)


class OversightSerializer(serializers.Serializer):
    level = serializers.CharField(
        allow_null=True,
        help_text="volledig, samenvatting of geen; leeg als de gemeente het werk zelf doet.",
    )
    words = serializers.CharField()
    decisionReference = serializers.CharField(source="decision_reference")
    decisionDate = serializers.DateField(source="decision_date", allow_null=True)


class ResultSerializer(serializers.Serializer):
    domain = serializers.ChoiceField(choices=Domain.choices)
    domainLabel = serializers.CharField(source="domain_label")
    # Flat, not a nested nullable object: OpenAPI 3.0 cannot say "this $ref or null" plainly.
    topic = serializers.CharField(
        source="topic.slug", allow_null=True, help_text="Leeg bij een heel domein."
    )
    topicName = serializers.CharField(source="topic.name", allow_null=True)
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())
    responsible = PartySerializer(help_text="Wie helpt: een team, aanbieder of GR.")
    outsourcedTo = serializers.CharField(
        source="outsourced_to", allow_null=True, help_text="Slug van de aanbieder of GR."
    )
    whatHappens = serializers.CharField(source="what_happens")
    terms = TermSerializer(many=True)
    complaintRoute = ComplaintRouteSerializer(source="complaint_route")
    support = PartySerializer(many=True)
    oversight = OversightSerializer()


class MunicipalityInfoSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    channels = ChannelSerializer(many=True)
    ombudsman = PartySerializer()


class WegwijzerAnswerSerializer(serializers.Serializer):
    municipality = MunicipalityInfoSerializer()
    matched = serializers.BooleanField(help_text="Onwaar als niets bij de vraag paste.")
    suggestion = serializers.CharField(help_text="Wat de inwoner kan doen als niets paste.")
    results = ResultSerializer(many=True)


def _problem(params: list[tuple[str, str, str]]) -> Response:
    invalid = [{"name": n, "code": c, "reason": r} for n, c, r in params]
    detail = "; ".join(f"{n}: {r}" for n, _, r in params)
    return problem_response(400, detail, invalid_params=invalid, code="invalid")


class Wegwijzer(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="wegwijzer",
        summary="Wie helpt bij dit probleem in deze gemeente?",
        description=(
            "De verantwoordelijkheden van de gemeente die bij de vraag passen, de beste eerst: "
            "wie helpt en hoe u hen bereikt, welke termijnen gelden, de klachtroute tot en met "
            "de ombudsman, onafhankelijke ondersteuning en het toezicht van de gemeente. "
            "Geef q, domain of topic (of een combinatie). Openbaar, zonder sleutel."
        ),
        auth=[],
        parameters=[
            OpenApiParameter(
                "municipality",
                OpenApiTypes.STR,
                required=True,
                pattern=r"^GM[0-9]{4}$",
                description="CBS-gemeentecode, bijvoorbeeld GM9901. Onbekend: 400.",
            ),
            OpenApiParameter(
                "q",
                OpenApiTypes.STR,
                description=f"De vraag in de woorden van de inwoner, hooguit "
                f"{selector.QUESTION_MAX} tekens.",
            ),
            OpenApiParameter("domain", OpenApiTypes.STR, enum=Domain.values),
            OpenApiParameter(
                "topic", OpenApiTypes.STR, pattern=SLUG, description="Slug van een onderwerp."
            ),
        ],
        responses={
            200: WegwijzerAnswerSerializer,
            400: OpenApiResponse(
                description="Ongeldige of onbekende parameter; `invalidParams` noemt hem."
            ),
            406: OpenApiResponse(
                description="Het gevraagde antwoordformaat wordt niet ondersteund."
            ),
            500: OpenApiResponse(description="Er ging iets mis."),
        },
    )
    def get(self, request: Request) -> Response:
        query = WegwijzerQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(query.validated_data)
        municipality = municipality_by_code(data["municipality"])
        if municipality is None:
            return _problem([("municipality", "unknown", "Onbekende gemeentecode.")])
        try:
            question = selector.Question(
                q=data.get("q", ""), domain=data.get("domain", ""), topic=data.get("topic", "")
            )
            answer = selector.wegwijzer_answer(municipality=municipality, question=question)
        except selector.WegwijzerError as exc:
            if exc.field == "q":
                # Nothing was asked (the length was checked above): any of the three will do.
                return _problem([(n, "required", exc.message) for n in ("q", "domain", "topic")])
            return _problem([(exc.field, "unknown", exc.message)])
        return Response(WegwijzerAnswerSerializer(answer).data)
