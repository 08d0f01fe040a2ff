"""The production mail path for the benchmarks: a Celery worker on Redis.

`with CeleryWorker(broker_url):` starts `celery -A regie.celery worker` in its own process
group, as `docs/deployment.md` says to run it, after emptying its Redis database (a task left
from an earlier run would point at an e-mail in a database that no longer exists). It inherits
this process's environment: set DATABASE_URL and EMAIL_* first.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.processes import REPO, children, tree_cpu

START_TIMEOUT = 60.0
# A Redis database of the benchmark's own; Celery's default /0 may be someone's real queue.
DEFAULT_BROKER = "redis://127.0.0.1:6379/11"


def empty_broker(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=5)
    try:
        client.flushdb()
    finally:
        client.close()


class CeleryWorker:
    def __init__(
        self, broker_url: str = DEFAULT_BROKER, concurrency: int = 2, nice: int = 0
    ) -> None:
        self.broker_url = broker_url
        self.concurrency = concurrency
        # Above 0: the worker yields the CPU to the web server (systemd's Nice=).
        self.nice = nice
        self._log = tempfile.NamedTemporaryFile(prefix="regie-bench-celery-", suffix=".log")  # noqa: SIM115
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def cpu_seconds(self) -> float:
        """CPU seconds of the worker's main process and its pool processes so far."""
        return tree_cpu(self.pid)

    def __enter__(self) -> CeleryWorker:
        empty_broker(self.broker_url)
        celery = Path(sys.executable).with_name("celery")
        command = [str(celery)] if celery.exists() else [sys.executable, "-m", "celery"]
        if self.nice:
            command = ["nice", "-n", str(self.nice), *command]
        self._process = subprocess.Popen(
            [
                *command,
                *("-A", "regie.celery", "worker", "--loglevel", "warning"),
                *("--concurrency", str(self.concurrency), "--without-heartbeat"),
                *("--without-gossip", "--without-mingle", "--hostname", "regie-bench@%h"),
            ],
            cwd=REPO,
            env=dict(os.environ, CELERY_BROKER_URL=self.broker_url),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + START_TIMEOUT
        # The prefork pool is up when its child processes exist.
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                log = self.log_tail()
                raise RuntimeError(f"the Celery worker stopped at start-up:\n{log}")
            if len(children(self._process.pid)) >= self.concurrency:
                time.sleep(1.0)  # connecting to the broker comes after forking the pool
                return self
            time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"the Celery worker did not start within {START_TIMEOUT:g} s")

    def __exit__(self, *exc: object) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)  # warm shutdown: finish running tasks
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self._process.pid, signal.SIGKILL)
                self._process.wait(timeout=10)
        self._log.close()

    def log_tail(self) -> str:
        self._log.flush()
        return Path(self._log.name).read_text(errors="replace")[-3000:]
