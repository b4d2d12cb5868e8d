# The two commands that matter: `make run` and `make test`. Both create .venv and
# install from the hash-locked requirement files first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --quiet --disable-pip-version-check

.PHONY: run test lint bench lock clean

run: $(VENV)/.runtime-installed
	$(BIN)/advisor start

test: lint
	$(BIN)/python -m pytest

# Lint, format and types first: ruff's rules and format, and mypy (strict on bot/domain), as
# pyproject.toml sets them. `ruff format bot tests benchmarks` formats what the check refuses.
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check bot tests benchmarks
	$(BIN)/ruff format --check bot tests benchmarks
	$(BIN)/mypy

bench: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/report.py

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# A lock is installed exactly as it is: every package is in it with its hashes, so pip
# resolves nothing (--no-deps: not even an extra such as litellm's httpx[http2], which pip
# would otherwise look up on the index and take the newest release of) and builds nothing
# (--only-binary: no sdist pulls unpinned build tools). `pip check` then fails at once if
# the lock is missing a dependency, instead of some later day.
INSTALL_LOCK = $(PIP) install --require-hashes --no-deps --only-binary :all: -r

$(VENV)/.runtime-installed: requirements.lock pyproject.toml | $(BIN)/python
	$(INSTALL_LOCK) requirements.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	$(PIP) check
	touch $@

$(VENV)/.dev-installed: requirements-dev.lock pyproject.toml | $(BIN)/python
	$(INSTALL_LOCK) requirements-dev.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	$(PIP) check
	touch $@ $(VENV)/.runtime-installed

# Re-resolve the locks after changing a pin in pyproject.toml, with the uv that the dev lock
# itself pins. Versions already locked are kept unless you ask for a newer one:
# `make lock UPGRADE="--upgrade-package httpx"`. Then check the new locks on a clean machine
# (README, "Changing a dependency") before committing them.
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml build-requirements.in --python-version 3.11 --generate-hashes \
	--universal --quiet $(UPGRADE)

lock: $(VENV)/.dev-installed
	$(UV_COMPILE) -o requirements.lock
	$(UV_COMPILE) --extra dev -o requirements-dev.lock
	$(BIN)/python -m pytest -q tests/unit/test_locks.py

clean:
	rm -rf $(VENV) .pytest_cache
