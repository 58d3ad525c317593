# Every target creates the virtual environment it needs: `make run` and `make test` work on a
# fresh machine with only Python 3.11+.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean

# Where `make run` keeps the tags you make: a copy of the repository's hand-made
# annotations.json, made once, so the gold that `dipreader evaluate` and the tests read stays
# as it is. git ignores it.
RUN_DB ?= my-annotations.json

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# What running needs, and what testing needs on top: each install is remembered by a stamp.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	@test -e $(RUN_DB) || cp annotations.json $(RUN_DB)
	@echo "dipreader: your tags go to $(RUN_DB); run it again with $(BIN)/dipreader --db $(RUN_DB)"
	$(BIN)/dipreader --db $(RUN_DB)

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
