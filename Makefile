# Two commands for a new user: `make demo` and `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= trends.duckdb

.PHONY: demo test test-fast bench clean

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

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -n 2 -q

test-fast: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -n 2 -q -m "not slow"

# runs the benchmarks and rewrites docs/benchmarks.md from their output (BENCH_ARGS=--quick for smaller sizes)
bench: $(VENV)/.installed-dev
	$(BIN)/python bench/write_benchmarks.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(DB) $(DB).wal
