# Regie — the two commands you need: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
# Cases in the register that `make bench` measures the worklist and reports on.
BENCH_CASES ?= 10000000

.PHONY: install demo test lint format bench crash-test soak openapi lock clean

# Idempotent: reinstalls only when a lock file changed.
install: $(STAMP)

$(STAMP): requirements/dev.txt package.json package-lock.json pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

demo: install
	$(BIN)/regie demo --port $(PORT)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

# Every benchmark on the local PostgreSQL, one table in docs/benchmarks.md (JSON in var/bench).
# The first run on a fresh clone fills the large register for bench.scale once (BENCH_CASES,
# about an hour at ten million cases); later runs reuse it. `make bench BENCH_CASES=100000`
# for a short run.
bench: install
	$(BIN)/python -m bench all --cases $(BENCH_CASES)

# Regenerate the committed OpenAPI document (a test fails when it is stale).
openapi: install
	$(BIN)/regie manage spectacular --file src/regie/api/openapi.json --format openapi-json --validate

# kill -9 the production server twice in a burst of intakes, answered 201 and then queued
# (202): nothing acknowledged may be lost or duplicated (issue 12; database regie_bench_crash).
crash-test: install
	$(BIN)/python -m bench.crash
	$(BIN)/python -m bench.crash --respond-async

# 30 minutes of steady load on regie serve: no errors, schedule kept, stable worker memory.
soak: install
	$(BIN)/python -m bench.soak

lock:
	$(BIN)/pip-compile --quiet --allow-unsafe --strip-extras --generate-hashes requirements/base.in -o requirements/base.txt
	$(BIN)/pip-compile --quiet --allow-unsafe --strip-extras --generate-hashes requirements/dev.in -o requirements/dev.txt

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .mypy_cache .ruff_cache
