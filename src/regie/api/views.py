"""API views: parse, call the one write path or a scoped selector, answer."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from regie.accounts.models import ApiClient
from regie.accounts.scope import scope_for_api_client
from regie.api import case_work
from regie.api.problems import problem_response
from regie.api.serializers import CaseIntakeSerializer, CaseSerializer, QueuedIntakeSerializer
from regie.cases import selectors, services
from regie.directory.generation import directory_pinned
from regie.directory.selectors import municipality_by_code, organisation_by_slug
from regie.privacy.models import AccessLog
from regie.privacy.services import access_record
from regie.vocabulary import Domain, Urgency

IDEMPOTENCY_KEY_MAX = 200

PROBLEM_RESPONSES: dict[int | str, Any] = {
    400: OpenApiResponse(description="Ongeldige invoer; `invalidParams` noemt de velden."),
    401: OpenApiResponse(description="Geen of een ongeldige sleutel."),
    404: OpenApiResponse(description="Niet gevonden of buiten uw bereik."),
    406: OpenApiResponse(description="Het gevraagde antwoordformaat wordt niet ondersteund."),
    415: OpenApiResponse(description="Stuur JSON (application/json)."),
    500: OpenApiResponse(description="Er ging iets mis; het verzoek is niet verwerkt."),
}
LOCATION = OpenApiResponse(
    response=CaseSerializer,
    description="De zaak is geregistreerd.",
)
QUEUED = OpenApiResponse(
    response=QueuedIntakeSerializer,
    description=(
        "Aangenomen (met `Prefer: respond-async`): de zaak wordt zo geregistreerd. `Location` "
        "wijst naar `/api/v1/intakes/{id}`, waar het kenmerk verschijnt."
    ),
)
# How long a client waits before it asks again: a worker registers a queued intake within
# a second when the machine is not overloaded.
RETRY_AFTER_SECONDS = "1"


def _client(request: Request) -> ApiClient:
    assert isinstance(request.user, ApiClient)
    return request.user


def _field_problem(field: str, reason: str, code: str = "invalid") -> Response:
    return problem_response(
        400,
        f"{field}: {reason}",
        invalid_params=[{"name": field, "code": code, "reason": reason}],
        code="invalid",
    )


class CaseCollection(APIView):
    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        if request.method != "POST":
            return super().dispatch(request, *args, **kwargs)
        # An intake reads the directory's generation once (regie.directory.generation), for
        # its API client as for the municipality, the organisation and the routing.
        with directory_pinned():
            return super().dispatch(request, *args, **kwargs)

    @case_work.LIST_SCHEMA
    def get(self, request: Request) -> Response:
        return case_work.case_list(request)

    @extend_schema(
        operation_id="case_create",
        summary="Registreer een klacht, signaal, melding of hulpvraag",
        request=CaseIntakeSerializer,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="Een herhaald verzoek met dezelfde sleutel geeft dezelfde zaak terug.",
            ),
            OpenApiParameter(
                "Location",
                OpenApiTypes.URI,
                OpenApiParameter.HEADER,
                response=[201, 202],
                description="201: de zaak (`/api/v1/cases/{kenmerk}`); 202: de aangenomen "
                "intake (`/api/v1/intakes/{id}`).",
            ),
            OpenApiParameter(
                "Idempotent-Replayed",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                response=[201, 202],
                description="`true`: een herhaling; het antwoord is dat op het eerste verzoek.",
            ),
            OpenApiParameter(
                "Preference-Applied",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                response=[202],
                description="`respond-async`: het verzoek is in de wachtrij gezet.",
            ),
            OpenApiParameter(
                "Retry-After",
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                response=[202],
                description="Na hoeveel seconden `Location` het kenmerk waarschijnlijk toont.",
            ),
            OpenApiParameter(
                "Prefer",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description=(
                    "`respond-async` (RFC 7240): antwoord 202 zodra het verzoek gecontroleerd "
                    "en bewaard is, en registreer de zaak direct daarna. Voor koppelingen die "
                    "veel tegelijk sturen; het kenmerk staat dan op `/api/v1/intakes/{id}`."
                ),
            ),
        ],
        responses={
            201: LOCATION,
            202: QUEUED,
            **PROBLEM_RESPONSES,
            422: OpenApiResponse(
                description="De Idempotency-Key is al gebruikt voor een ander verzoek."
            ),
        },
    )
    def post(self, request: Request) -> Response:
        client = _client(request)
        scope = scope_for_api_client(client)
        key = request.headers.get("Idempotency-Key", "")
        if len(key) > IDEMPOTENCY_KEY_MAX or (key and not key.isprintable()):
            return _field_problem(
                "Idempotency-Key", f"Hooguit {IDEMPOTENCY_KEY_MAX} leesbare tekens."
            )

        serializer = CaseIntakeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data

        municipality = municipality_by_code(data["municipality"])
        if municipality is None:
            return _field_problem("municipality", "Onbekende gemeentecode.", "unknown")
        about = None
        if data.get("about"):
            about = organisation_by_slug(data["about"])
            if about is None:
                return _field_problem("about", "Onbekende organisatie.", "unknown")
        submitter = data.get("submitter", {})
        on_behalf = data.get("onBehalfOf", {})
        intake = services.IntakeRequest(
            municipality=municipality,
            kind=data["kind"],
            channel=data["channel"],
            description=data["description"],
            domain=data.get("domain") or Domain.OVERIG,
            subject=data.get("subject", ""),
            received_at=data.get("receivedAt"),
            urgency=data.get("urgency") or Urgency.NORMAAL,
            submitter=services.Person(
                name=submitter.get("name", ""),
                email=submitter.get("email", ""),
                phone=submitter.get("phone", ""),
                anonymous=submitter.get("anonymous", False),
                address=_address(submitter.get("address") or {}),
                bsn=submitter.get("bsn", ""),
            ),
            on_behalf_of_name=on_behalf.get("name", ""),
            on_behalf_of_relation=on_behalf.get("relation", ""),
            about=about,
        )
        if _prefers_async(request):
            return _accept(request, scope, intake, key)
        try:
            result = services.case_intake(
                scope=scope,
                request=intake,
                idempotency_key=key,
                fingerprint=services.request_fingerprint(request.data) if key else "",
            )
        except services.CaseError as exc:
            return _case_error(exc)
        except services.IdempotencyConflict:
            return _key_reused()
        # What the intake just wrote goes along, so the answer reads none of it back.
        context = {"request": request, "scope": scope, "written": result}
        body = CaseSerializer(result.case, context=context).data
        headers = {"Location": request.build_absolute_uri(f"/api/v1/cases/{result.case.reference}")}
        if not result.created:
            headers["Idempotent-Replayed"] = "true"
        return Response(body, status=status.HTTP_201_CREATED, headers=headers)


def _prefers_async(request: Request) -> bool:
    """`Prefer: respond-async` among the preferences (RFC 7240: a comma-separated list of
    tokens, each with optional parameters; unknown ones are ignored)."""
    prefer = request.headers.get("Prefer", "")
    return any(
        part.split(";", 1)[0].split("=", 1)[0].strip().lower() == "respond-async"
        for part in prefer.split(",")
    )


def _accept(request: Request, scope: Any, intake: services.IntakeRequest, key: str) -> Response:
    try:
        accepted = services.intake_accept(
            scope=scope,
            request=intake,
            idempotency_key=key,
            fingerprint=services.request_fingerprint(request.data) if key else "",
        )
    except services.CaseError as exc:
        return _case_error(exc)
    except services.IdempotencyConflict:
        return _key_reused()
    queued = accepted.queued
    body = QueuedIntakeSerializer(queued, context={"request": request}).data
    headers = {
        "Location": request.build_absolute_uri(f"/api/v1/intakes/{queued.pk}"),
        "Preference-Applied": "respond-async",
        "Retry-After": RETRY_AFTER_SECONDS,
    }
    if not accepted.created:
        headers["Idempotent-Replayed"] = "true"
    return Response(body, status=status.HTTP_202_ACCEPTED, headers=headers)


def _case_error(exc: services.CaseError) -> Response:
    params = [{"name": k, "code": "invalid", "reason": v} for k, v in exc.errors.items()]
    detail = "; ".join(f"{p['name']}: {p['reason']}" for p in params)
    return problem_response(400, detail, invalid_params=params, code="invalid")


def _key_reused() -> Response:
    return problem_response(
        422,
        "Deze Idempotency-Key is al gebruikt voor een ander verzoek.",
        code="idempotency-key-reused",
    )


class QueuedIntakeDetail(APIView):
    @extend_schema(
        operation_id="intake_retrieve",
        summary="Volg een intake die met `Prefer: respond-async` is aangenomen",
        responses={
            200: QueuedIntakeSerializer,
            **{code: PROBLEM_RESPONSES[code] for code in (401, 404, 406, 500)},
        },
    )
    def get(self, request: Request, queued_id: str) -> Response:
        scope = scope_for_api_client(_client(request))
        queued = selectors.queued_intake_of(scope, queued_id)
        if queued is None:
            return problem_response(
                404, "Geen intake met dit nummer van uw koppeling.", code="not-found"
            )
        body = QueuedIntakeSerializer(queued, context={"request": request}).data
        waiting = queued.state == queued.State.WAITING
        return Response(body, headers={"Retry-After": RETRY_AFTER_SECONDS} if waiting else None)


class CaseDetail(APIView):
    @extend_schema(
        operation_id="case_retrieve",
        summary="Haal een zaak op met haar kenmerk",
        responses={
            200: CaseSerializer,
            **{code: PROBLEM_RESPONSES[code] for code in (401, 404, 406, 500)},
        },
    )
    def get(self, request: Request, reference: str) -> Response:
        scope = scope_for_api_client(_client(request))
        case = selectors.case_by_reference(scope, reference)
        if case is None:
            return problem_response(
                404, "Geen zaak met dit kenmerk binnen uw bereik.", code="not-found"
            )
        access_record(
            case=case, scope=scope, action=AccessLog.Action.EXPORTED, purpose="GET /api/v1/cases"
        )
        return Response(CaseSerializer(case, context={"request": request, "scope": scope}).data)


def _address(data: dict[str, str]) -> services.Address:
    return services.Address(
        street=data.get("street", ""),
        house_number=data.get("houseNumber", ""),
        postcode=data.get("postcode", ""),
        city=data.get("city", ""),
    )
