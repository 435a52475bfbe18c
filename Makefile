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

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/ingest_weekly.py
	$(BIN)/python bench/models.py
	$(BIN)/python bench/skill.py

clean:
	rm -rf $(VENV) $(DB) $(DB).wal
