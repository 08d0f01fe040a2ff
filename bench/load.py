"""Drive POST /api/v1/cases with K keep-alive clients for a fixed time.

Threads, not processes: each client spends nearly all its time waiting for the server, and a
2-core machine has no cores to spare for extra client processes.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bench.bodies import has_email

# Bounds, so a mistake cannot turn the benchmark into a flood: no client sends more than this,
# and no request waits longer than the timeout.
MAX_REQUESTS_PER_CLIENT = 1_000_000
REQUEST_TIMEOUT = 30.0


@dataclass
class ClientTally:
    accepted: int = 0  # every 201, warm-up included
    accepted_with_email: int = 0
    measured: int = 0  # 201s completed inside the measured window
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    error_samples: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LoadResult:
    clients: int
    seconds: float
    measured: int
    accepted: int
    accepted_with_email: int
    errors: dict[str, int]
    error_samples: list[str]
    latencies_ms: list[float]
    # Counter differences over the measured window, from the caller's probe (CPU seconds).
    usage: dict[str, float]

    @property
    def rate(self) -> float:
        return self.measured / self.seconds

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def _encode(pool: list[dict[str, Any]]) -> list[tuple[bytes, bool]]:
    return [(json.dumps(body).encode(), has_email(body)) for body in pool]


def _client(
    *,
    port: int,
    token: str,
    bodies: list[tuple[bytes, bool]],
    offset: int,
    measure_from: float,
    measure_until: float,
    tally: ClientTally,
) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    headers = {
        "Authorization": f"Token {token}",
        "Content-Type": "application/json",
        "Accept": "application/json",
    }
    try:
        for n in range(MAX_REQUESTS_PER_CLIENT):
            started = time.perf_counter()
            if started >= measure_until:
                return
            body, with_email = bodies[(offset + n) % len(bodies)]
            # A partner system sends a fresh key per new case; the check is part of the path.
            headers["Idempotency-Key"] = str(uuid.uuid4())
            try:
                conn.request("POST", "/api/v1/cases", body=body, headers=headers)
                response = conn.getresponse()
                answer = response.read()
            except (OSError, http.client.HTTPException) as exc:
                tally.errors[type(exc).__name__] += 1
                _sample(tally, f"{type(exc).__name__}: {exc}")
                conn.close()  # http.client reconnects on the next request
                continue
            finished = time.perf_counter()
            if response.status != 201:
                tally.errors[f"HTTP {response.status}"] += 1
                _sample(tally, f"HTTP {response.status}: {answer[:300].decode(errors='replace')}")
                continue
            tally.accepted += 1
            tally.accepted_with_email += with_email
            if measure_from <= finished <= measure_until:
                tally.measured += 1
                tally.latencies.append((finished - started) * 1000)
    finally:
        conn.close()


def _sample(tally: ClientTally, text: str) -> None:
    if len(tally.error_samples) < 3:
        tally.error_samples.append(text)


def drive(
    *,
    port: int,
    token: str,
    pool: list[dict[str, Any]],
    clients: int,
    warmup: float,
    seconds: float,
    probe: Callable[[], dict[str, float]] | None = None,
) -> LoadResult:
    """Warm up, then count 201s that complete inside a window of `seconds`. `probe` is read at
    both ends of the window, and the result carries the difference."""
    bodies = _encode(pool)
    start = time.perf_counter()
    measure_from = start + warmup
    measure_until = measure_from + seconds
    tallies = [ClientTally() for _ in range(clients)]
    threads = [
        threading.Thread(
            target=_client,
            kwargs={
                "port": port,
                "token": token,
                "bodies": bodies,
                # Each client starts elsewhere in the pool, so they do not send in lockstep.
                "offset": i * len(bodies) // clients,
                "measure_from": measure_from,
                "measure_until": measure_until,
                "tally": tally,
            },
            name=f"client-{i}",
            daemon=True,
        )
        for i, tally in enumerate(tallies)
    ]
    for thread in threads:
        thread.start()
    usage: dict[str, float] = {}
    if probe is not None:
        _sleep_until(measure_from)
        before = probe()
        _sleep_until(measure_until)
        usage = {key: value - before[key] for key, value in probe().items()}
    for thread in threads:
        thread.join(timeout=warmup + seconds + REQUEST_TIMEOUT + 10)
    errors: Counter[str] = Counter()
    # A client still running here is stuck on a request far beyond the timeout.
    stuck = sum(thread.is_alive() for thread in threads)
    if stuck:
        errors["client did not finish"] = stuck
    for tally in tallies:
        errors.update(tally.errors)
    return LoadResult(
        clients=clients,
        seconds=seconds,
        measured=sum(t.measured for t in tallies),
        accepted=sum(t.accepted for t in tallies),
        accepted_with_email=sum(t.accepted_with_email for t in tallies),
        errors=dict(errors),
        error_samples=[s for t in tallies for s in t.error_samples][:5],
        latencies_ms=[x for t in tallies for x in t.latencies],
        usage=usage,
    )


def _sleep_until(moment: float) -> None:
    while (left := moment - time.perf_counter()) > 0:
        time.sleep(min(left, 0.5))
