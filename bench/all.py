"""`python -m bench all`: every benchmark, each in its own process, into one markdown table.

    python -m bench all [--cases N] [--quick] [--table docs/benchmarks.md] [--json-dir var/bench]

Each benchmark runs as a subprocess with `--json-out`, so a crash, a missing module or a
failed run of one never stops the others; its stdout (the human table) goes to a log file
next to its JSON, its progress to this process's stderr. The table is always written; the
exit code is 1 when any benchmark failed or is missing.
"""

from __future__ import annotations

import collections
import datetime as dt
import importlib.util
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.table import Outcome, render

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CASES = 10_000_000
QUICK_CASES = 20_000
# Generous: the first `bench.scale` at ten million cases fills its register (about an hour).
TIMEOUT_SECONDS = 4 * 3600


@dataclass(frozen=True)
class Benchmark:
    name: str
    module: str  # the module that must exist, e.g. bench.crash
    arguments: tuple[str, ...]  # after `python -m`
    quick: tuple[str, ...] = ()  # appended with --quick
    # Passed only when the benchmark's --help lists the option (a module another helper is
    # still shaping may not have it yet).
    optional_quick: tuple[str, ...] = ()


def benchmarks(cases: int, quick: bool) -> list[Benchmark]:
    scale_cases = str(min(cases, QUICK_CASES) if quick else cases)
    return [
        Benchmark(
            "intake",
            "bench.intake",
            ("bench", "intake"),
            quick=(
                *("--seconds", "2", "--warmup", "1", "--clients", "4"),
                *("--rate", "20", "--rate-seconds", "2"),
            ),
        ),
        Benchmark(
            "crash",
            "bench.crash",
            ("bench.crash",),
            quick=("--intakes", "200", "--kills", "1"),
            optional_quick=("--quick",),
        ),
        # The same with Prefer: respond-async: every 202 must become one case (issue 12).
        Benchmark(
            "crash_queued",
            "bench.crash",
            ("bench.crash", "--respond-async"),
            quick=("--intakes", "200", "--kills", "1"),
        ),
        Benchmark(
            "scale",
            "bench.scale",
            ("bench.scale", "--cases", scale_cases),
            # A small register of its own: the quick run must not migrate or wait for the
            # large shared one.
            quick=("--database", "regie_bench_scale_quick"),
            optional_quick=("--quick",),
        ),
        Benchmark("triage", "bench.triage", ("bench.triage",), optional_quick=("--quick",)),
        Benchmark(
            "wegwijzer", "bench.wegwijzer", ("bench", "wegwijzer"), quick=("--questions", "40")
        ),
        Benchmark(
            "deadlines",
            "bench.deadlines",
            ("bench", "deadlines"),
            quick=("--cases", "2000", "--repeats", "2"),
        ),
    ]


def progress(text: str) -> None:
    print(f"bench all: {text}", file=sys.stderr, flush=True)


def _supports(arguments: tuple[str, ...], option: str) -> bool:
    completed = subprocess.run(
        [sys.executable, "-m", *arguments, "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return option in completed.stdout


def command_for(benchmark: Benchmark, quick: bool, json_path: Path) -> list[str]:
    command = [sys.executable, "-m", *benchmark.arguments]
    if quick:
        command += benchmark.quick
        command += [o for o in benchmark.optional_quick if _supports(benchmark.arguments, o)]
    return [*command, "--json-out", str(json_path)]


def run_one(benchmark: Benchmark, *, quick: bool, json_dir: Path, timeout: float) -> Outcome:
    json_path = json_dir / f"{benchmark.name}.json"
    log_path = json_dir / f"{benchmark.name}.log"
    json_path.unlink(missing_ok=True)  # an old file must not pass for this run's result
    if importlib.util.find_spec(benchmark.module) is None:
        return Outcome(
            name=benchmark.name,
            command=f"python -m {' '.join(benchmark.arguments)}",
            problem=f"missing: module {benchmark.module} does not exist",
        )
    command = command_for(benchmark, quick, json_path)
    shown = "python " + " ".join(command[1:])
    progress(f"{benchmark.name}: {shown}")
    started = time.monotonic()
    tail: collections.deque[str] = collections.deque(maxlen=40)
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, cwd=REPO, stdout=log, stderr=subprocess.PIPE, text=True, errors="replace"
        )
        assert process.stderr is not None
        reader = threading.Thread(
            target=_relay, args=(process.stderr, benchmark.name, tail), daemon=True
        )
        reader.start()
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
            code = None
        reader.join(timeout=10)
    seconds = time.monotonic() - started
    result, problem = _read(json_path)
    if code is None:
        problem = f"timed out after {timeout:,.0f} s"
    elif code != 0 and problem is None and result is not None and result.get("ok"):
        problem = f"exit code {code} although its JSON says ok"
    elif code != 0 and result is None:
        problem = f"exit code {code}, no JSON result" + (f" ({problem})" if problem else "")
    verdict = "ok" if problem is None and result and result.get("ok") else "FAILED"
    progress(f"{benchmark.name}: {verdict} in {seconds:,.0f} s")
    return Outcome(
        name=benchmark.name,
        command=shown,
        result=result,
        exit_code=code,
        problem=problem,
        seconds=seconds,
        stderr_tail="\n".join(tail),
    )


def _relay(stream: Any, name: str, tail: collections.deque[str]) -> None:
    for line in stream:
        tail.append(line.rstrip())
        print(f"  [{name}] {line.rstrip()}", file=sys.stderr, flush=True)


def _read(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    import json

    if not path.exists():
        return None, "no JSON written"
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        return None, f"unreadable JSON: {exc}"
    if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
        return None, "JSON without rows (not the benchmark protocol)"
    return data, None


def run_all(
    *,
    cases: int = DEFAULT_CASES,
    quick: bool = False,
    table: Path,
    json_dir: Path,
    only: list[str] | None = None,
    timeout: float = TIMEOUT_SECONDS,
    chosen: list[Benchmark] | None = None,
) -> int:
    from bench.machine import describe

    json_dir.mkdir(parents=True, exist_ok=True)
    selected = chosen if chosen is not None else benchmarks(cases, quick)
    if only:
        selected = [b for b in selected if b.name in only]
    outcomes = [run_one(b, quick=quick, json_dir=json_dir, timeout=timeout) for b in selected]
    argv = ["python -m bench all", f"--cases {cases}"] + (["--quick"] if quick else [])
    argv += [f"--only {name}" for name in only or []]
    text = render(
        outcomes,
        date=dt.datetime.now(dt.UTC).isoformat(timespec="minutes"),
        machine=describe(),
        command=" ".join(argv),
    )
    table.parent.mkdir(parents=True, exist_ok=True)
    table.write_text(text)
    failed = [o.name for o in outcomes if not o.ok]
    progress(
        f"table written to {table}"
        + (f"; failed or missing: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0
