"""The databases the store tests run on, a clock they move by hand, and races between processes.

A test that asks for `database_url` (or `database`, a `Database` on it) runs twice: on a
SQLite file and on a fresh database of the session's PostgreSQL server (see
`tests.integration.postgres`). Import the fixtures into the test module::

    from tests.integration.databases import clock, database, database_url  # noqa: F401

`race_across_processes` runs contenders in spawned OS processes, each with its own engine
and a few threads, all let go at the same moment, which is how production's several
workers meet on one database.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import queue
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any

import pytest

from bot.store.db import Database
from tests.integration.postgres import fresh_database

PROCESSES = 4
THREADS_PER_PROCESS = 4
BARRIER_TIMEOUT = 60  # seconds for every process of a race to be ready
RUN_TIMEOUT = 120  # seconds for a whole concurrent run

Contender = Callable[[Database], tuple[Callable[[Any], Any], Sequence[Any]]]
"""One process of a race: given the process's own `Database`, it makes what it needs and
returns the attempt to race with and the items to attempt it on, one call an item."""


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'advisor.db'}"
    return fresh_database(request.getfixturevalue("postgres_url"))


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    yield db
    db.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock(dt.datetime(2026, 12, 10, 3, 0, tzinfo=dt.UTC))


def race_across_processes(database_url: str, contenders: Sequence[Contender]) -> list[list[Any]]:
    """Run each contender in a spawned process, on `THREADS_PER_PROCESS` threads there.

    The processes start attempting together, once every one has connected. Returns the
    results of each process (in item order), in the order the processes finished; fails
    the test when one reports an error, is not done within `RUN_TIMEOUT` or exits badly.
    Contenders cross to the processes pickled: module-level functions or partials of them.
    """
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(len(contenders))
    results = context.Queue()
    processes = [
        context.Process(target=_contend, args=(database_url, contender, barrier, results)) for contender in contenders
    ]
    for process in processes:
        process.start()
    try:
        deadline = time.monotonic() + RUN_TIMEOUT
        reports: list[list[Any]] = []
        for _ in processes:
            try:
                reported = results.get(timeout=max(1.0, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"a worker process did not report within {RUN_TIMEOUT} s")
            if not isinstance(reported, list):
                pytest.fail(f"a worker process failed: {reported}")
            reports.append(reported)
        for process in processes:
            process.join(timeout=max(1.0, deadline - time.monotonic()))
            if process.exitcode != 0:
                pytest.fail(f"a worker process ended with exit code {process.exitcode}")
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
                process.join(timeout=10)
    return reports


def _contend(database_url: str, contender: Contender, barrier: Barrier, results: Queue[list[Any] | str]) -> None:
    """One process of `race_across_processes`: its own engine, its own connections."""
    database = Database(database_url)
    try:
        attempt, items = contender(database)
        database.session().close()  # connect and check the schema before the race starts
        barrier.wait(timeout=BARRIER_TIMEOUT)
        with ThreadPoolExecutor(max_workers=THREADS_PER_PROCESS) as pool:
            results.put(list(pool.map(attempt, items, timeout=RUN_TIMEOUT)))
    except BaseException as error:  # report anything to the test instead of dying silently
        results.put(f"{type(error).__name__}: {error}")
        raise
    finally:
        database.dispose()
