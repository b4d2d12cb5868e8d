from __future__ import annotations

import datetime as dt

import pytest

from bot.domain.catalog import Catalog
from bot.domain.money import ExchangeRate
from bot.settings import PROJECT_ROOT
from bot.store.catalog_files import load_catalog

# A real PostgreSQL server for the tests that ask for `postgres_url`; a failed test for a
# secret in the logs.
pytest_plugins = ["tests.integration.postgres", "tests.fakes.slack_server", "tests.secret_scan"]


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    load = load_catalog(PROJECT_ROOT / "catalog")
    assert load.problems == []
    return load.catalog


@pytest.fixture(scope="session")
def rate() -> ExchangeRate:
    return ExchangeRate(150.0, dt.date(2026, 11, 22))
