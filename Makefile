# Two entry points for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run demo test lint simulator models clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.run-installed

## Set everything up and run the bot (settings come from .env).
run: $(VENV)/.run-installed
	$(BIN)/wanbot run

## Set everything up and play the offline demo: no token, no key, no network (writes demo/transcript.html).
demo: $(VENV)/.run-installed
	$(BIN)/wanbot demo --out demo

## Set everything up and run the whole test suite (lint first).
test: $(VENV)/.test-installed
	$(BIN)/ruff check bot cogs tests bench scripts
	$(BIN)/pytest

lint: $(VENV)/.test-installed
	$(BIN)/ruff check bot cogs tests bench scripts

simulator: $(VENV)/.run-installed
	$(BIN)/wanbot simulator --port 8001 --speed 10

models: $(VENV)/.run-installed
	$(BIN)/wanbot models

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
