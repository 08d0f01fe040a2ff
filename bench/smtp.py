"""A real SMTP server on loopback that accepts and counts mail, so sending the
acknowledgement is part of the measured path without mail leaving the machine.

It runs in its own process: in the benchmark's process it would compete for the GIL with the
load generator and the in-process service loop, and its delays would be measured as Regie's.
"""

from __future__ import annotations

import multiprocessing
import socket
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event
from typing import Any


class CountingHandler:
    def __init__(self, counter: Synchronized[int]) -> None:
        self._counter = counter

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        # Count only: keeping tens of thousands of messages would cost the bench memory.
        with self._counter.get_lock():
            self._counter.value += 1
        return "250 OK"


def _serve(port: int, counter: Synchronized[int], ready: Event, stop: Event) -> None:
    from aiosmtpd.controller import Controller

    controller = Controller(CountingHandler(counter), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    try:
        stop.wait()
    finally:
        controller.stop()


class SmtpSink:
    def __init__(self) -> None:
        # spawn, not fork: the parent may already hold threads and database connections.
        context = multiprocessing.get_context("spawn")
        self.port = free_port()
        self._counter: Synchronized[int] = context.Value("q", 0)
        self._ready = context.Event()
        self._stop = context.Event()
        self._process = context.Process(
            target=_serve,
            args=(self.port, self._counter, self._ready, self._stop),
            name="regie-bench-smtp",
            daemon=True,
        )

    def __enter__(self) -> SmtpSink:
        self._process.start()
        if not self._ready.wait(timeout=30):
            self._process.terminate()
            raise RuntimeError("the loopback SMTP server did not start within 30 s")
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=5)

    @property
    def received(self) -> int:
        return int(self._counter.value)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
