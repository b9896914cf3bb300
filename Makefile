# The two commands of the README do all the set-up: `make run` and `make test` create .venv
# when it is missing and install planner (editable) with its test and dev tools into it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTEST_FLAGS ?= -q

.PHONY: run test test-faults check lint format bench demo clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/planner $(ARGS)

demo: $(STAMP)
	$(BIN)/planner demo

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_FLAGS)

test-faults: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_FLAGS) -m faults -o addopts="" tests/faults

lint: $(STAMP)
	$(BIN)/ruff format --check planner tests benchmarks
	$(BIN)/ruff check planner tests benchmarks
	$(BIN)/mypy

check: lint test

format: $(STAMP)
	$(BIN)/ruff format planner tests benchmarks
	$(BIN)/ruff check --fix planner tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
