"""The write path without HTTP: `services.case_intake` called in this process.

Django must be set up before anything here runs; imports of regie happen inside functions.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bench.bodies import has_email

if TYPE_CHECKING:
    from regie.accounts.models import ApiClient
    from regie.cases.services import IntakeRequest
    from regie.directory.models import Municipality, Organisation

WARMUP_INTAKES = 20
MAX_INTAKES = 10_000_000


@dataclass(frozen=True)
class ServiceResult:
    seconds: float
    measured: int
    python_cpu_s: float
    errors: dict[str, int]
    error_samples: list[str]

    @property
    def rate(self) -> float:
        return self.measured / self.seconds if self.seconds else 0.0


def intake_request(
    body: dict[str, Any], municipality: Municipality, organisations: dict[str, Organisation]
) -> IntakeRequest:
    """What the API view builds from a body, built up front so the loop measures the intake."""
    from regie.cases import services

    submitter = body.get("submitter", {})
    on_behalf = body.get("onBehalfOf", {})
    received = body.get("receivedAt")
    return services.IntakeRequest(
        municipality=municipality,
        kind=body["kind"],
        channel=body["channel"],
        description=body["description"],
        domain=body.get("domain", "overig"),
        subject=body.get("subject", ""),
        received_at=dt.datetime.fromisoformat(received) if received else None,
        urgency=body.get("urgency", "normaal"),
        submitter=services.Person(
            name=submitter.get("name", ""),
            email=submitter.get("email", ""),
            phone=submitter.get("phone", ""),
            anonymous=submitter.get("anonymous", False),
        ),
        on_behalf_of_name=on_behalf.get("name", ""),
        on_behalf_of_relation=on_behalf.get("relation", ""),
        about=organisations[body["about"]] if body.get("about") else None,
    )


def intake_requests(pool: list[dict[str, Any]]) -> list[tuple[IntakeRequest, dict[str, Any]]]:
    from regie.directory.models import Municipality, Organisation

    municipality = Municipality.objects.get(code="GM9901")
    organisations = {o.slug: o for o in Organisation.objects.all()}
    return [(intake_request(body, municipality, organisations), body) for body in pool]


def measure(client: ApiClient, pool: list[dict[str, Any]], seconds: float) -> ServiceResult:
    """`case_intake` in a loop on one thread, with a fresh idempotency key like the API client
    sends, for `seconds` after a short warm-up."""
    from regie.accounts.scope import scope_for_api_client
    from regie.cases import services

    scope = scope_for_api_client(client)
    requests = intake_requests(pool)
    errors: dict[str, int] = {}
    samples: list[str] = []

    def one(n: int) -> bool:
        request, body = requests[n % len(requests)]
        try:
            result = services.case_intake(
                scope=scope,
                request=request,
                idempotency_key=str(uuid.uuid4()),
                # The API view fingerprints the body too; it belongs to the path.
                fingerprint=services.request_fingerprint(body),
            )
        except Exception as exc:  # every failure is reported, none may stop the run
            name = type(exc).__name__
            errors[name] = errors.get(name, 0) + 1
            if len(samples) < 3:
                samples.append(f"{name}: {exc}")
            return False
        return result.created

    # The first intakes pay for connecting and for Django's lazy imports.
    for n in range(WARMUP_INTAKES):
        one(n)
    measured = 0
    n = WARMUP_INTAKES
    cpu_before = time.process_time()
    started = time.perf_counter()
    until = started + seconds
    while time.perf_counter() < until and n < MAX_INTAKES:
        measured += one(n)
        n += 1
    elapsed = time.perf_counter() - started
    return ServiceResult(
        seconds=elapsed,
        measured=measured,
        python_cpu_s=time.process_time() - cpu_before,
        errors=errors,
        error_samples=samples,
    )


def statements_per_intake(
    client: ApiClient, token: str, pools: dict[str, list[dict[str, Any]]]
) -> dict[str, int]:
    """SQL statements one intake sends, through the service and through the API. Counted once,
    outside the timing: a count explains a rate and does not vary with machine noise."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from regie.accounts.scope import scope_for_api_client
    from regie.cases import services

    counts: dict[str, int] = {}
    scope = scope_for_api_client(client)
    api = Client(HTTP_AUTHORIZATION=f"Token {token}")
    # The first body with an e-mail address, and the same body without it.
    index = next(i for i, body in enumerate(pools["with_email"]) if has_email(body))
    for name, pool in pools.items():
        body = pool[index]
        request, _ = intake_requests([body])[0]
        # Once unmeasured: the first intake of a kind in a year also creates its reference
        # counter, and the first request of a process loads what Django loads lazily and
        # what the process keeps (the directory's rows, the API clients).
        services.case_intake(scope=scope, request=request)
        api.post("/api/v1/cases", data=body, content_type="application/json")
        with CaptureQueriesContext(connection) as service_queries:
            services.case_intake(
                scope=scope,
                request=request,
                idempotency_key=str(uuid.uuid4()),
                fingerprint=services.request_fingerprint(body),
            )
        counts[f"service_{name}"] = len(service_queries)
        with CaptureQueriesContext(connection) as api_queries:
            response = api.post(
                "/api/v1/cases",
                data=body,
                content_type="application/json",
                headers={"Idempotency-Key": str(uuid.uuid4())},
            )
        if response.status_code != 201:
            raise RuntimeError(f"API intake refused ({response.status_code}): {response.content!r}")
        counts[f"http_{name}"] = len(api_queries)
    return counts
