"""Start and stop the real WSGI server (bench/server.py) in its own process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
START_TIMEOUT = 60.0


class WsgiServer:
    """`with WsgiServer(port, threads):` a waitress process serving Regie on 127.0.0.1.

    Its own process, as in production: the load generator must not share its GIL. It inherits
    this process's environment, so set DATABASE_URL and EMAIL_* first.
    """

    def __init__(self, port: int, threads: int) -> None:
        self.port = port
        self.threads = threads
        self._log = tempfile.NamedTemporaryFile(prefix="regie-bench-web-", suffix=".log")  # noqa: SIM115
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def __enter__(self) -> WsgiServer:
        arguments = ["--port", str(self.port), "--threads", str(self.threads)]
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bench.server", *arguments],
            cwd=REPO,
            env=dict(os.environ),
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                log = self._tail()
                self.__exit__()
                raise RuntimeError(f"the WSGI server stopped at start-up:\n{log}")
            try:
                # waitress binds only after Django has loaded, so a connection means ready.
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        log = self._tail()
        self.__exit__()
        raise RuntimeError(f"the WSGI server did not listen within {START_TIMEOUT:g} s:\n{log}")

    def __exit__(self, *exc: object) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
        self._log.close()

    def log_tail(self) -> str:
        return self._tail()

    def _tail(self) -> str:
        self._log.flush()
        return Path(self._log.name).read_text(errors="replace")[-3000:]
