"""Drive POST /api/v1/cases over HTTP, two ways:

- `drive`: closed loop, K keep-alive clients each sending the next intake as soon as the last
  was answered, for a fixed time (the saturation rate);
- `drive_rate`: open loop, intakes sent at fixed scheduled moments (a fixed load), by enough
  sender threads that a slow answer does not delay the next send. Latency is measured from
  the scheduled moment, so a server that falls behind shows it (no coordinated omission), and
  from the actual send.

Threads, not processes: each client spends nearly all its time waiting for the server, and a
2-core machine has no cores to spare for extra client processes.
"""

from __future__ import annotations

import http.client
import itertools
import json
import math
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
    timeout: float = REQUEST_TIMEOUT,
    respond_async: bool = False,
) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = api_headers(token, respond_async)
    accepted = _accepted_status(respond_async)
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
            if response.status != accepted:
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


def api_headers(token: str, respond_async: bool = False) -> dict[str, str]:
    """What every benchmark client sends to the API; `respond_async` asks for the queue."""
    headers = {
        "Authorization": f"Token {token}",
        "Content-Type": "application/json",
        "Accept": "application/json",
    }
    if respond_async:
        # Answer once checked and stored; a worker registers the case (202, not 201).
        headers["Prefer"] = "respond-async"
    return headers


def _accepted_status(respond_async: bool) -> int:
    return 202 if respond_async else 201


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
    timeout: float = REQUEST_TIMEOUT,
    respond_async: bool = False,
) -> LoadResult:
    """Warm up, then count 201s that complete inside a window of `seconds`. `probe` is read at
    both ends of the window, and the result carries the difference. `timeout` bounds one
    request (longer for a server's very first requests)."""
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
                "timeout": timeout,
                "respond_async": respond_async,
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
        thread.join(timeout=warmup + seconds + timeout + 10)
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


# A send more than this after its scheduled moment counts as late: the load generator, not
# the server, fell behind (every sender was still waiting for an answer).
LATE_MS = 10.0
MAX_SENDERS = 256
# A server that cannot keep up would otherwise stretch the run without end, and the sends
# would all be the early ones: a send that could not leave within this long after its moment
# is dropped and counted as not sent, so the sends that do leave sample the whole window.
DROP_AFTER = 1.0


@dataclass(frozen=True)
class RateResult:
    rate: float  # the intakes per second asked for
    seconds: float
    scheduled: int  # sends scheduled inside the measured window
    accepted: int  # every 201, warm-up included
    accepted_with_email: int
    measured: int  # 201s of sends scheduled inside the measured window
    late: int  # measured sends that left more than LATE_MS after their moment
    not_sent: int  # measured sends dropped: more than DROP_AFTER behind their moment
    max_send_lag_ms: float
    senders: int
    errors: dict[str, int]
    error_samples: list[str]
    from_schedule_ms: list[float]  # answer time minus scheduled moment
    from_send_ms: list[float]  # answer time minus actual send
    # The window from the first scheduled measured send to the last answer.
    elapsed: float
    usage: dict[str, float]

    @property
    def achieved(self) -> float:
        return self.measured / self.elapsed if self.elapsed else 0.0


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


@dataclass
class _SenderTally(ClientTally):
    late: int = 0
    not_sent: int = 0
    max_lag: float = 0.0
    from_send: list[float] = field(default_factory=list)
    last_answer: float = 0.0


def drive_rate(
    *,
    port: int,
    token: str,
    pool: list[dict[str, Any]],
    rate: float,
    seconds: float,
    warmup: float = 1.0,
    probe: Callable[[], dict[str, float]] | None = None,
    respond_async: bool = False,
) -> RateResult:
    """Send `rate` intakes per second for `warmup + seconds`, at evenly spaced moments; only
    sends scheduled after the warm-up are measured."""
    bodies = _encode(pool)
    total = int((warmup + seconds) * rate)
    first_measured = int(warmup * rate)
    # Enough senders for every request of a quarter second (at least 16) to be in flight at
    # once: at 200/s an answer may take 80 ms at p99 without the schedule slipping.
    senders = max(16, min(MAX_SENDERS, math.ceil(rate / 4)))
    start = time.perf_counter() + 0.5  # time to start the threads before the first moment
    counter = itertools.count()
    lock = threading.Lock()
    tallies = [_SenderTally() for _ in range(senders)]

    def sender(tally: _SenderTally) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        headers = api_headers(token, respond_async)
        accepted = _accepted_status(respond_async)
        try:
            while True:
                with lock:
                    n = next(counter)
                if n >= total:
                    return
                moment = start + n / rate
                _sleep_until_exact(moment)
                if time.perf_counter() - moment > DROP_AFTER:
                    tally.not_sent += n >= first_measured
                    continue
                body, with_email = bodies[n % len(bodies)]
                headers["Idempotency-Key"] = str(uuid.uuid4())
                sent = time.perf_counter()
                try:
                    conn.request("POST", "/api/v1/cases", body=body, headers=headers)
                    response = conn.getresponse()
                    answer = response.read()
                except (OSError, http.client.HTTPException) as exc:
                    tally.errors[type(exc).__name__] += 1
                    _sample(tally, f"{type(exc).__name__}: {exc}")
                    conn.close()
                    continue
                finished = time.perf_counter()
                if response.status != accepted:
                    tally.errors[f"HTTP {response.status}"] += 1
                    _sample(
                        tally, f"HTTP {response.status}: {answer[:300].decode(errors='replace')}"
                    )
                    continue
                tally.accepted += 1
                tally.accepted_with_email += with_email
                if n >= first_measured:
                    lag = (sent - moment) * 1000
                    tally.measured += 1
                    tally.late += lag > LATE_MS
                    tally.max_lag = max(tally.max_lag, lag)
                    tally.latencies.append((finished - moment) * 1000)
                    tally.from_send.append((finished - sent) * 1000)
                    tally.last_answer = max(tally.last_answer, finished)
        finally:
            conn.close()

    threads = [
        threading.Thread(target=sender, args=(tally,), name=f"sender-{i}", daemon=True)
        for i, tally in enumerate(tallies)
    ]
    for thread in threads:
        thread.start()
    measure_from = start + first_measured / rate
    usage: dict[str, float] = {}
    before: dict[str, float] = {}
    if probe is not None:
        _sleep_until(measure_from)
        before = probe()
    for thread in threads:
        thread.join(timeout=warmup + seconds + 2 * REQUEST_TIMEOUT + 10)
    if probe is not None:
        usage = {key: value - before[key] for key, value in probe().items()}
    errors: Counter[str] = Counter()
    stuck = sum(thread.is_alive() for thread in threads)
    if stuck:
        errors["sender did not finish"] = stuck
    for tally in tallies:
        errors.update(tally.errors)
    last = max((t.last_answer for t in tallies), default=0.0)
    return RateResult(
        rate=rate,
        seconds=seconds,
        scheduled=total - first_measured,
        accepted=sum(t.accepted for t in tallies),
        accepted_with_email=sum(t.accepted_with_email for t in tallies),
        measured=sum(t.measured for t in tallies),
        late=sum(t.late for t in tallies),
        not_sent=sum(t.not_sent for t in tallies),
        max_send_lag_ms=max((t.max_lag for t in tallies), default=0.0),
        senders=senders,
        errors=dict(errors),
        error_samples=[s for t in tallies for s in t.error_samples][:5],
        from_schedule_ms=[x for t in tallies for x in t.latencies],
        from_send_ms=[x for t in tallies for x in t.from_send],
        # At least the scheduled window: a rate is never higher than the rate asked for.
        elapsed=max(last - measure_from, seconds) if last else seconds,
        usage=usage,
    )


def _sleep_until_exact(moment: float) -> None:
    # time.sleep overshoots by up to a millisecond or so; good enough for 200/s.
    left = moment - time.perf_counter()
    if left > 0:
        time.sleep(left)
