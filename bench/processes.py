"""The benchmarks' own processes: `regie serve` (gunicorn) started, crashed and stopped as
in production, and what /proc says of a process and its children.

Each server runs in its own session, so its own process group: one signal reaches the master
and every worker, as a real crash would. The benchmark process never shares a GIL with it.
"""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import cpu

REPO = Path(__file__).resolve().parent.parent
# `regie` from the same environment as this Python (the console script of the install).
REGIE = str(Path(sys.executable).with_name("regie"))
START_TIMEOUT = 120.0


def _pid_stat(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (state first), or None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name in parentheses may hold spaces; the fields after it are fixed.
    return stat.rsplit(")", 1)[1].split()


def _living_processes() -> list[tuple[int, list[str]]]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _pid_stat(int(entry.name))
            # A zombie has released its memory and sockets; it waits only to be reaped.
            if fields is not None and fields[0] != "Z":
                found.append((int(entry.name), fields))
    return found


def children(pid: int) -> list[int]:
    return sorted(p for p, fields in _living_processes() if int(fields[1]) == pid)


def group_members(pgid: int) -> list[int]:
    return sorted(p for p, fields in _living_processes() if int(fields[2]) == pgid)


def rss_mib(pid: int) -> float | None:
    """Resident memory of a process (VmRSS), in MiB; None when it has gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


class Gunicorn:
    """`regie serve` in its own session (so its own process group), restartable on the same
    port. Output of every start is appended to one log file."""

    def __init__(self, env: dict[str, str], *, port: int, workers: int, threads: int) -> None:
        self.env = env
        self.port = port
        self.workers = workers
        self.threads = threads
        self._log = tempfile.NamedTemporaryFile(prefix="regie-bench-serve-", suffix=".log")  # noqa: SIM115
        self._process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    @property
    def pid(self) -> int:
        assert self._process is not None
        return self._process.pid

    def cpu_seconds(self) -> float:
        """CPU seconds of the master and every worker so far."""
        return tree_cpu(self._process.pid) if self._process is not None else 0.0

    def start(self) -> float:
        """Start and wait until it answers and every worker runs; returns the seconds it took."""
        started = time.monotonic()
        self._process = subprocess.Popen(
            [
                *(REGIE, "serve", "--port", str(self.port)),
                *("--workers", str(self.workers), "--threads", str(self.threads)),
            ],
            env=self.env,
            cwd=REPO,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            # A new session is a new process group with the master's pid as its id; the
            # workers it forks stay in it.
            start_new_session=True,
        )
        self.starts += 1
        deadline = started + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"regie serve stopped at start-up:\n{self.log_tail()}")
            if self._answers() and len(children(self.pid)) >= self.workers:
                return time.monotonic() - started
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"regie serve did not answer within {START_TIMEOUT:g} s")

    def _answers(self) -> bool:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", "/")
            conn.getresponse().read()
            return True
        except (OSError, http.client.HTTPException):
            return False
        finally:
            conn.close()

    def crash(self) -> None:
        """kill -9 the master and every worker at once: no graceful stop, no atexit, no
        rollback from Python; PostgreSQL sees the connections drop."""
        assert self._process is not None
        pgid = self._process.pid
        os.killpg(pgid, signal.SIGKILL)
        self._process.wait(timeout=30)
        deadline = time.monotonic() + 30
        while group_members(pgid):
            if time.monotonic() > deadline:
                raise RuntimeError(f"processes of group {pgid} survived SIGKILL")
            time.sleep(0.05)

    def stop(self) -> int | None:
        """Stop gracefully (SIGTERM to the master); returns its exit code."""
        if self._process is None or self._process.poll() is not None:
            return None if self._process is None else self._process.returncode
        self._process.send_signal(signal.SIGTERM)
        try:
            return self._process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait(timeout=10)
            return None

    def worker_pids(self) -> list[int]:
        return children(self.pid) if self._process is not None else []

    def log_tail(self, size: int = 3000) -> str:
        self._log.flush()
        return Path(self._log.name).read_text(errors="replace")[-size:]

    def close(self) -> None:
        self.stop()
        self._log.close()

    def __enter__(self) -> Gunicorn:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
