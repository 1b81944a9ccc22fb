# Gazette: `make run` opens the sample article, `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAMPLE := resources/samples/harbour-summit.txt
BOOK ?= ../shared/corpus/war-and-peace.txt

.PHONY: install run test lint typecheck contracts pytest bench accuracy clean

install: $(STAMP)

# The lock file pins every package by version and sha256 (pip --require-hashes).
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --config-settings editable_mode=compat -e .
	touch $(STAMP)

run: install
	$(BIN)/gazette $(SAMPLE)

lint: install
	$(BIN)/ruff check reader tests benchmarks tools

typecheck: install
	$(BIN)/mypy

contracts: install
	$(BIN)/lint-imports

pytest: install
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

test: lint typecheck contracts pytest

bench: install
	$(BIN)/python benchmarks/bench_open.py $(BOOK)

accuracy: install
	$(BIN)/python benchmarks/accuracy.py

# Regenerate the lock file after changing pyproject.toml's pins.
lock:
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra dev -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
