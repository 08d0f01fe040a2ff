"""Rate limits on the public form, the status page and the API (issue 11), per client address
and per API token, with a clear 429; and who the client is behind a proxy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django_ratelimit.core import get_usage

from regie.cases.models import Case, Event
from regie.notifications.models import OutboundEmail
from regie.ui.throttle import client_address

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _fresh_counters(request: pytest.FixtureRequest) -> None:
    # Counters live in the cache (the database's, by default), which outlives a test that
    # commits (transaction=True). Tests without a database count nothing.
    if "db" in request.fixturenames:
        request.getfixturevalue("db")
    if request.node.get_closest_marker("django_db") or "db" in request.fixturenames:
        cache.clear()


def address_with_a_fresh_window(group: str, rate: str) -> str:
    """A client address whose fixed window (django-ratelimit staggers them per key) has at
    least 40 seconds left, so that a burst of posts in a test never straddles two windows."""
    for last in range(1, 255):
        address = f"10.11.12.{last}"
        request = RequestFactory().get("/", REMOTE_ADDR=address)
        usage = get_usage(request, group=group, key=lambda _g, _r: address, rate=rate)
        assert usage is not None
        if usage["time_left"] >= 40 and usage["count"] == 0:
            return address
    raise AssertionError("no address with a fresh window")


@pytest.mark.django_db(transaction=True)
def test_the_13th_form_post_in_a_minute_is_refused_and_sends_no_mail(
    world: None, smtp_server: Any, form_data: Any, settings: Any
) -> None:
    settings.REGIE_RATE_FORM = "12/m"
    address = address_with_a_fresh_window("intake:form", "12/m")
    client = Client(REMOTE_ADDR=address)

    for n in range(12):
        response = client.post("/melden", form_data(email=f"bewoner{n}@example.org"))
        assert response.status_code == 302, n
    response = client.post("/melden", form_data(email="nummer13@example.org"))

    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    page = response.content.decode()
    assert "Even wachten, dan opnieuw proberen" in page
    assert "niets opgeslagen" in page
    assert "geen e-mail verstuurd" in page
    assert Case.objects.count() == 12
    assert OutboundEmail.objects.count() == 12
    assert not OutboundEmail.objects.filter(to="nummer13@example.org").exists()
    assert smtp_server.to("nummer13@example.org") == []
    assert len(smtp_server.messages) == 12


@pytest.mark.django_db
def test_another_address_may_still_post_and_reading_the_form_is_not_counted(
    world: None, form_data: Any, settings: Any
) -> None:
    settings.REGIE_RATE_FORM = "2/h"
    busy = Client(REMOTE_ADDR="10.0.0.1")
    for _ in range(2):
        assert busy.post("/melden", form_data()).status_code == 302
    assert busy.post("/melden", form_data()).status_code == 429

    assert busy.get("/melden").status_code == 200
    assert Client(REMOTE_ADDR="10.0.0.2").post("/melden", form_data()).status_code == 302


@pytest.mark.django_db
def test_the_status_page_and_its_actions_are_limited_per_address(
    world: None, new_case: Any, settings: Any
) -> None:
    settings.REGIE_RATE_STATUS = "3/h"
    case = new_case(kind="klacht", submitter=_person())
    client = Client(REMOTE_ADDR="10.0.0.3")
    for _ in range(3):
        assert client.get(f"/status/{case.status_token}").status_code == 200

    refused = client.post(f"/status/{case.status_token}/aanvullen", {"text": "Nog iets."})

    assert refused.status_code == 429
    assert refused["Retry-After"]
    assert "Even wachten" in refused.content.decode()
    assert not Event.objects.filter(case=case, type="informatie-aangevuld").exists()
    assert client.get("/status/onbekend-token").status_code == 429  # guessing counts too
    other = Client(REMOTE_ADDR="10.0.0.4")
    assert other.get(f"/status/{case.status_token}").status_code == 200


def _person() -> Any:
    from regie.cases.services import Person

    return Person(name="Anna de Boer", email="anna@example.org")


def problem(response: Any) -> dict[str, Any]:
    assert response.status_code == 429, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) >= 1
    body: dict[str, Any] = json.loads(response.content)
    assert body["status"] == 429
    assert body["title"] == "Te veel verzoeken."
    assert "Wacht" in body["detail"]
    assert "niet verwerkt" in body["detail"]
    return body


def test_an_api_token_is_limited_wherever_its_requests_come_from(
    api_for: Any, settings: Any
) -> None:
    settings.REGIE_RATE_API_TOKEN = "3/h"
    api = api_for("GM9901")
    for n in range(3):
        api.defaults["REMOTE_ADDR"] = f"10.0.1.{n}"
        assert api.get("/api/v1/cases").status_code == 200

    api.defaults["REMOTE_ADDR"] = "10.0.1.99"
    problem(api.get("/api/v1/cases"))
    other = api_for("GM9902")
    other.defaults["REMOTE_ADDR"] = "10.0.1.99"
    assert other.get("/api/v1/cases").status_code == 200


def test_an_address_is_limited_across_api_tokens(api_for: Any, settings: Any) -> None:
    settings.REGIE_RATE_API = "3/h"
    clients = [api_for("GM9901"), api_for("GM9902")]
    for api in clients:
        api.defaults["REMOTE_ADDR"] = "10.0.2.1"
    for n in range(3):
        assert clients[n % 2].get("/api/v1/cases").status_code == 200

    problem(clients[1].get("/api/v1/cases"))
    body = problem(clients[0].post("/api/v1/cases", {"kind": "signaal"}, format="json"))
    assert body["code"] == "throttled"
    assert Case.objects.count() == 0


def test_the_public_wegwijzer_api_is_limited_per_address(db: None, settings: Any) -> None:
    settings.REGIE_RATE_API = "2/h"
    client = Client(REMOTE_ADDR="10.0.3.1")
    for _ in range(2):
        assert client.get("/api/v1/wegwijzer", {"q": "schulden"}).status_code < 429
    problem(client.get("/api/v1/wegwijzer", {"q": "schulden"}))


# Who the client is -----------------------------------------------------------------------


def request_from(remote: str, forwarded: str | None = None) -> Any:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_trusted_proxies_x_forwarded_for_is_ignored(settings: Any) -> None:
    settings.REGIE_TRUSTED_PROXIES = []
    assert client_address(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_behind_a_trusted_proxy_the_nearest_untrusted_address_is_the_client(
    settings: Any,
) -> None:
    settings.REGIE_TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.5"]

    # The client put a made-up address in front; the proxies appended what they saw.
    request = request_from("10.0.0.2", "1.2.3.4, 198.51.100.1, 192.0.2.5")
    assert client_address(request) == "198.51.100.1"
    # A request that did not come through the proxy keeps its own address.
    assert client_address(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"
    # Only proxies in the header: the proxy itself.
    assert client_address(request_from("10.0.0.2", "10.0.0.3")) == "10.0.0.2"
    assert client_address(request_from("10.0.0.2")) == "10.0.0.2"


@pytest.mark.django_db
def test_rotating_x_forwarded_for_does_not_escape_the_limit(
    world: None, form_data: Any, settings: Any
) -> None:
    settings.REGIE_RATE_FORM = "2/h"
    settings.REGIE_TRUSTED_PROXIES = ["10.9.9.9"]
    client = Client(REMOTE_ADDR="10.9.9.9")
    statuses = [
        client.post(
            "/melden", form_data(), HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, 198.51.100.20"
        ).status_code
        for n in range(3)
    ]
    assert statuses == [302, 302, 429]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("REGIE_RATE_FORM", "twaalf"),
        ("REGIE_RATE_API", "12/x"),
        ("REGIE_CACHE_URL", "memcached://127.0.0.1"),
        ("REGIE_TRUSTED_PROXIES", "proxy.example"),
        ("REGIE_LOGIN_FAILURES_TOTAL", "0"),
    ],
)
def test_a_bad_abuse_setting_stops_the_process(name: str, value: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), name: value}
    result = subprocess.run(
        [sys.executable, "-c", "import regie.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert name in result.stderr


@pytest.mark.django_db
def test_a_cache_that_is_down_lets_residents_through(
    world: None, form_data: Any, settings: Any
) -> None:
    from tests.conftest import free_port

    settings.REGIE_RATE_FORM = "1/h"
    settings.CACHES = {
        "default": {
            "BACKEND": "regie.redis_cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        }
    }
    client = Client(REMOTE_ADDR="10.0.4.1")

    assert [client.post("/melden", form_data()).status_code for _ in range(2)] == [302, 302]
    assert Case.objects.count() == 2
