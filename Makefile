# The two commands that matter: `make run` and `make test`. Both create .venv and
# install from the hash-locked requirement files first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --quiet --disable-pip-version-check

.PHONY: run test bench lock clean

run: $(VENV)/.runtime-installed
	$(BIN)/advisor start

test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest

bench: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/report.py

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.lock pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes -r requirements.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.dev-installed: requirements-dev.lock pyproject.toml | $(BIN)/python
	$(PIP) install --require-hashes -r requirements-dev.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $@ $(VENV)/.runtime-installed

# Re-resolve the locks after changing pyproject.toml (needs uv on PATH).
lock:
	uv pip compile pyproject.toml build-requirements.in --python-version 3.11 --generate-hashes --universal -o requirements.lock
	uv pip compile pyproject.toml build-requirements.in --extra dev --python-version 3.11 --generate-hashes --universal -o requirements-dev.lock

clean:
	rm -rf $(VENV) .pytest_cache
