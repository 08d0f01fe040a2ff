"""The API for working on cases: list the caller's cases, and (for a provider or GR the case
was routed or forwarded to) accept it, report progress, and conclude it with an outcome.

The same write path as the portal and the staff pages; the same scope: a case outside it is a
404, also for a guessed reference.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.http import urlencode
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from regie import limits
from regie.accounts.models import ApiClient
from regie.accounts.scope import Scope, scope_for_api_client
from regie.api.fields import StrictCharField, StrictChoiceField
from regie.api.problems import problem_response
from regie.api.serializers import CaseSerializer
from regie.cases import selectors, services
from regie.cases.models import Case
from regie.cases.services.complaint_procedure import refused_under_awb
from regie.privacy.models import AccessLog
from regie.privacy.services import access_record, download_record
from regie.vocabulary import Judgement, Norm, Outcome, RefusalGround, Status

PAGE_SIZE = 100
# Keys of a refusal that are about the state of the case, not about what was sent.
STATE_KEYS = {"status", "deadline", "hearing"}

NOT_FOUND = OpenApiResponse(description="Niet gevonden of buiten uw bereik.")
PROBLEMS: dict[int | str, Any] = {
    400: OpenApiResponse(description="Ongeldige invoer; `invalidParams` noemt de velden."),
    401: OpenApiResponse(description="Geen of een ongeldige sleutel."),
    404: NOT_FOUND,
    406: OpenApiResponse(description="Het gevraagde antwoordformaat wordt niet ondersteund."),
    409: OpenApiResponse(description="Dit kan niet in de huidige stand van de zaak."),
    415: OpenApiResponse(description="Stuur JSON (application/json)."),
    500: OpenApiResponse(description="Er ging iets mis; het verzoek is niet verwerkt."),
}


def _scope(request: Request) -> Scope:
    assert isinstance(request.user, ApiClient)
    return scope_for_api_client(request.user)


class CaseListSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    results = CaseSerializer(many=True)


class UpdateSerializer(serializers.Serializer):
    text = StrictCharField(max_length=limits.STAFF_TEXT, trim_whitespace=True)


class ComplaintJudgementInputSerializer(serializers.Serializer):
    """One element of a complaint and its judgement (Awb 9:12)."""

    element = StrictCharField(
        max_length=limits.STAFF_TEXT,
        trim_whitespace=True,
        help_text="Het onderdeel van de klacht, in de woorden van de indiener of kort samengevat.",
    )
    judgement = StrictChoiceField(choices=Judgement.choices)
    norm = StrictChoiceField(
        choices=Norm.choices,
        required=False,
        allow_blank=True,
        help_text="De behoorlijkheidsnorm van de ombudsman die dit onderdeel raakt.",
    )
    reasons = StrictCharField(
        max_length=limits.STAFF_TEXT, trim_whitespace=True, help_text="Waarom dit oordeel."
    )
    measures = StrictCharField(
        max_length=limits.STAFF_TEXT,
        trim_whitespace=True,
        required=False,
        allow_blank=True,
        help_text="Wat er gaat gebeuren.",
    )


class ConclusionSerializer(serializers.Serializer):
    outcome = StrictChoiceField(
        choices=Outcome.choices,
        help_text=(
            "Met oordelen per onderdeel moet de uitkomst daaruit volgen: alles gegrond is "
            "gegrond, alles ongegrond is ongegrond, anders deels-gegrond (geen-oordeel telt "
            "niet mee)."
        ),
    )
    summary = StrictCharField(max_length=limits.STAFF_TEXT, trim_whitespace=True)
    refusalGround = StrictChoiceField(
        choices=RefusalGround.choices,
        required=False,
        help_text=(
            "Bij uitkomst niet-behandeld voor een klacht onder de Awb: de reden uit de wet "
            "(Awb 9:8). Alleen binnen 4 weken na ontvangst; daarna moet de klacht behandeld "
            "worden (409)."
        ),
    )
    judgements = ComplaintJudgementInputSerializer(
        many=True,
        required=False,
        help_text=(
            "Voor een klacht: het oordeel per onderdeel (Awb 9:12). Verplicht bij een "
            "schriftelijke klacht die formeel is behandeld en gegrond, deels gegrond of "
            "ongegrond wordt verklaard; dan moet de indiener ook gehoord zijn, of vastgelegd "
            "waarom niet (Awb 9:10)."
        ),
    )


class TransitionSerializer(serializers.Serializer):
    to = StrictChoiceField(
        choices=Status.choices,
        help_text="De nieuwe status. Welke stap mag, hangt af van de soort zaak en waar die nu is.",
    )
    reason = StrictCharField(
        max_length=limits.STAFF_TEXT,
        trim_whitespace=True,
        required=False,
        allow_blank=True,
        help_text="Nodig bij intrekken, stoppen, escaleren, de ombudsman en heropenen.",
    )


QUEUE_PARAMETER = OpenApiParameter(
    "queue",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=list(selectors.ORGANISATION_QUEUES),
    description=(
        "Voor een aanbieder of GR: bij-ons (standaard: open zaken die bij u liggen), nieuw "
        "(nog te accepteren), afgehandeld, over-ons (bij de gemeente), door-ons (door u "
        "gemeld). Een gemeente krijgt haar open zaken."
    ),
)
PAGE_PARAMETER = OpenApiParameter("page", OpenApiTypes.INT, OpenApiParameter.QUERY)


def case_list(request: Request) -> Response:
    """GET /cases: the caller's cases (see `QUEUE_PARAMETER`), a page of 100 at a time."""
    scope = _scope(request)
    queue = request.query_params.get("queue", "bij-ons")
    if queue not in selectors.ORGANISATION_QUEUES:
        return _field_problem("queue", "Kies een van: " + ", ".join(selectors.ORGANISATION_QUEUES))
    raw_page = request.query_params.get("page", "1")
    if not raw_page.isdigit() or not 1 <= int(raw_page) <= 100_000:
        return _field_problem("page", "Een paginanummer van 1 of hoger.")
    page = int(raw_page)
    if scope.organisation_ids():
        cases = selectors.organisation_worklist(scope, queue)
    else:
        cases = selectors.worklist(
            scope, selectors.WorklistFilter(queue="all"), user_id=None, team_ids=set()
        )
    total = cases.count()
    rows = list(cases[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    following = (
        request.build_absolute_uri("?" + urlencode({"queue": queue, "page": str(page + 1)}))
        if page * PAGE_SIZE < total
        else None
    )
    # One list, one record (issue 11): which list, which page, how many cases it held.
    download_record(
        subject=f"Zaaklijst {queue}, pagina {page}: {len(rows)} van {total} zaken",
        scope=scope,
        purpose=f"GET {request.path}",
        municipality_id=getattr(request.user, "municipality_id", None),
        action=AccessLog.Action.EXPORTED,
    )
    context = {"request": request, "scope": scope}
    return Response(
        {
            "count": total,
            "next": following,
            "results": CaseSerializer(rows, many=True, context=context).data,
        }
    )


LIST_SCHEMA = extend_schema(
    operation_id="case_list",
    summary="Uw zaken, eerst wat het eerst af moet",
    parameters=[QUEUE_PARAMETER, PAGE_PARAMETER],
    responses={200: CaseListSerializer, **{c: PROBLEMS[c] for c in (400, 401, 406, 500)}},
)


def _case(scope: Scope, reference: str) -> Case | None:
    return selectors.case_by_reference(scope, reference)


def _not_found() -> Response:
    return problem_response(404, "Geen zaak met dit kenmerk binnen uw bereik.", code="not-found")


def _field_problem(field: str, reason: str) -> Response:
    return problem_response(
        400,
        f"{field}: {reason}",
        invalid_params=[{"name": field, "code": "invalid", "reason": reason}],
        code="invalid",
    )


def _refused(exc: services.CaseError) -> Response:
    """A refusal about the state of the case is a conflict (409); about what was sent, 400."""
    params = [{"name": k, "code": "invalid", "reason": v} for k, v in exc.errors.items()]
    detail = "; ".join(f"{p['name']}: {p['reason']}" for p in params)
    if set(exc.errors) <= STATE_KEYS:
        return problem_response(409, detail, code="conflict")
    return problem_response(400, detail, invalid_params=params, code="invalid")


# The refusal service's field names, as the conclusion endpoint calls them.
REFUSAL_FIELDS = {"ground": "refusalGround", "explanation": "summary"}


def _renamed(exc: services.CaseError, names: Mapping[str, str]) -> services.CaseError:
    return services.CaseError({names.get(k, k): v for k, v in exc.errors.items()})


def _answer(request: Request, scope: Scope, case: Case, code: int = 200) -> Response:
    access_record(
        case=case, scope=scope, action=AccessLog.Action.EXPORTED, purpose=request.path[:200]
    )
    body = CaseSerializer(case, context={"request": request, "scope": scope}).data
    return Response(body, status=code)


# The service call of one endpoint: (case, scope, validated body) → whatever it returns.
Work = Callable[[Case, Scope, Mapping[str, Any]], object]


def work_on_case(
    request: Request,
    reference: str,
    serializer_class: type[serializers.Serializer] | None,
    call: Work,
    *,
    code: int = status.HTTP_200_OK,
    names: Mapping[str, str] | None = None,
) -> Response:
    """Every case-work endpoint: the case within the caller's scope (else 404), the body
    checked by its serializer (400 naming the field), the one service call, its refusal as
    409 or 400 with the API's field names (`names` maps the service's), and the case as it
    is afterwards."""
    scope = _scope(request)
    case = _case(scope, reference)
    if case is None:
        return _not_found()
    data: Mapping[str, Any] = {}
    if serializer_class is not None:
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
    try:
        call(case, scope, data)
    except services.PermissionRefused:
        return _not_found()
    except services.CaseError as exc:
        return _refused(_renamed(exc, names or {}))
    return _answer(request, scope, Case.objects.get(pk=case.pk), code)


class CaseAcceptance(APIView):
    @extend_schema(
        operation_id="case_accept",
        summary="Accepteer een zaak die naar u is gestuurd",
        request=None,
        responses={200: CaseSerializer, **{c: PROBLEMS[c] for c in (401, 404, 406, 409, 500)}},
    )
    def post(self, request: Request, reference: str) -> Response:
        return work_on_case(
            request,
            reference,
            None,
            lambda case, scope, _: services.case_accept(case=case, scope=scope),
        )


class CaseUpdates(APIView):
    @extend_schema(
        operation_id="case_update_create",
        summary="Geef voortgang door aan de gemeente",
        request=UpdateSerializer,
        responses={201: CaseSerializer, **PROBLEMS},
    )
    def post(self, request: Request, reference: str) -> Response:
        return work_on_case(
            request,
            reference,
            UpdateSerializer,
            lambda case, scope, d: services.case_add_update(case=case, scope=scope, text=d["text"]),
            code=status.HTTP_201_CREATED,
        )


def _conclude(case: Case, scope: Scope, data: Mapping[str, Any]) -> Case:
    if refused_under_awb(case, data["outcome"]):
        # Awb 9:8 goes through its own write path: the ground and the four weeks.
        return services.case_refuse_complaint(
            case=case,
            scope=scope,
            ground=data.get("refusalGround", ""),
            explanation=data["summary"],
        )
    return services.case_conclude(
        case=case,
        scope=scope,
        outcome=data["outcome"],
        summary=data["summary"],
        judgements=[dict(j) for j in data.get("judgements", [])],
    )


class CaseConclusion(APIView):
    @extend_schema(
        operation_id="case_conclude",
        summary="Handel een zaak af met een uitkomst",
        request=ConclusionSerializer,
        responses={200: CaseSerializer, **PROBLEMS},
    )
    def post(self, request: Request, reference: str) -> Response:
        return work_on_case(
            request, reference, ConclusionSerializer, _conclude, names=REFUSAL_FIELDS
        )


class CaseTransitions(APIView):
    @extend_schema(
        operation_id="case_transition_create",
        summary="Zet een zaak een stap verder in de behandeling",
        description=(
            "Intrekken, in gesprek, formeel, sluiten, heropenen, uitvallen. Een stap die niet "
            "mag vanuit de huidige status geeft 409 met de reden. Afhandelen met een uitkomst "
            "gaat via /conclusion, escaleren via /escalations; een stap met een eigen actie "
            "(horen, nazorg, de ombudsman) geeft 400 met de plek waar die wel kan."
        ),
        request=TransitionSerializer,
        responses={200: CaseSerializer, **PROBLEMS},
    )
    def post(self, request: Request, reference: str) -> Response:
        return work_on_case(
            request,
            reference,
            TransitionSerializer,
            lambda case, scope, d: services.case_move(
                case=case, scope=scope, to=d["to"], reason=d.get("reason", "")
            ),
        )
