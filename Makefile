# Two commands for a new user: `make demo` and `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= trends.duckdb

.PHONY: demo test test-fast lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(VENV)/.installed $@

demo: $(VENV)/.installed
	$(BIN)/trends demo --db $(DB) --out reports/

# ruff (pyflakes, pycodestyle, isort, bugbear, pyupgrade), the formatter and mypy on the public API modules;
# the same checks as .pre-commit-config.yaml (see CONTRIBUTING.md)
lint: $(VENV)/.installed-dev
	$(BIN)/python -m ruff check trends tests bench
	$(BIN)/python -m ruff format --check trends tests bench
	$(BIN)/python -m mypy

test: lint
	$(BIN)/python -m pytest -n 2 -q

test-fast: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -n 2 -q -m "not slow"

# runs the benchmarks and rewrites docs/benchmarks.md from their output (BENCH_ARGS=--quick for smaller sizes)
bench: $(VENV)/.installed-dev
	$(BIN)/python bench/write_benchmarks.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(DB) $(DB).wal
