"""Start and stop the production web server (`regie serve`, gunicorn) in its own processes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import cpu

REPO = Path(__file__).resolve().parent.parent
START_TIMEOUT = 90.0


def regie_command() -> list[str]:
    """`regie` from the same environment as this Python (the console script of the install)."""
    script = Path(sys.executable).with_name("regie")
    return [str(script)] if script.exists() else [sys.executable, "-m", "regie.cli"]


def children(pid: int) -> list[int]:
    """The direct children of `pid` (gunicorn's workers), read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # Fields after the command name: state, ppid, ...
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def tree_cpu(pid: int | None) -> float:
    """CPU seconds of a process and its living children. A worker that gunicorn restarts
    (max_requests) takes its CPU time with it; the master reaps it, so its cutime counts it."""
    if pid is None:
        return 0.0
    total = cpu.process_cpu(pid) + _reaped(pid)
    return total + sum(cpu.process_cpu(child) for child in children(pid))


def _reaped(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[13]) + int(fields[14])) / cpu.TICKS
    except (OSError, ValueError, IndexError):
        return 0.0


class WsgiServer:
    """`with WsgiServer(port, threads, workers):` `regie serve` on 127.0.0.1, as in production:
    gunicorn, `workers` processes with `threads` threads each, the app preloaded.

    Its own processes: the load generator must not share their GIL. They inherit this
    process's environment, so set DATABASE_URL, EMAIL_* and REGIE_* first.
    """

    def __init__(self, port: int, threads: int, workers: int = 1) -> None:
        self.port = port
        self.threads = threads
        self.workers = workers
        self._log = tempfile.NamedTemporaryFile(prefix="regie-bench-web-", suffix=".log")  # noqa: SIM115
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def cpu_seconds(self) -> float:
        """CPU seconds of the master and every worker so far."""
        return tree_cpu(self.pid)

    def __enter__(self) -> WsgiServer:
        arguments = [
            *("serve", "--host", "127.0.0.1", "--port", str(self.port)),
            *("--workers", str(self.workers), "--threads", str(self.threads)),
        ]
        self._process = subprocess.Popen(
            [*regie_command(), *arguments],
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
                raise RuntimeError(f"regie serve stopped at start-up:\n{log}")
            # gunicorn binds in the master before forking; wait for every worker too, or the
            # first seconds of a run would measure workers still starting.
            if len(children(self._process.pid)) >= self.workers and _listening(self.port):
                return self
            time.sleep(0.1)
        log = self._tail()
        self.__exit__()
        raise RuntimeError(f"regie serve did not listen within {START_TIMEOUT:g} s:\n{log}")

    def __exit__(self, *exc: object) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()  # gunicorn: graceful stop of master and workers
            try:
                self._process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=10)
        self._log.close()

    def log_tail(self) -> str:
        return self._tail()

    def _tail(self) -> str:
        self._log.flush()
        return Path(self._log.name).read_text(errors="replace")[-3000:]


def _listening(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False
