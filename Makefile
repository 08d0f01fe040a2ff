# Regie — the two commands you need: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: install demo test lint format bench openapi lock clean

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

bench: install
	$(BIN)/python -m bench intake
	$(BIN)/python -m bench deadlines
	$(BIN)/python -m bench wegwijzer

# Regenerate the committed OpenAPI document (a test fails when it is stale).
openapi: install
	$(BIN)/regie manage spectacular --file src/regie/api/openapi.json --format openapi-json --validate

lock:
	$(BIN)/pip-compile --quiet --allow-unsafe --strip-extras --generate-hashes requirements/base.in -o requirements/base.txt
	$(BIN)/pip-compile --quiet --allow-unsafe --strip-extras --generate-hashes requirements/dev.in -o requirements/dev.txt

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .mypy_cache .ruff_cache
