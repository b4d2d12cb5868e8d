"""`use_worker_threads`: a serving loop's `asyncio.to_thread` work runs in `ADVISOR_WORKER_THREADS` threads."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from pydantic import ValidationError

from bot.settings import Settings
from bot.slack.server import use_worker_threads


def _thread_name() -> str:
    time.sleep(0.02)  # long enough that the jobs overlap, and every thread the loop has is used
    return threading.current_thread().name


def test_the_loops_jobs_run_in_as_many_worker_threads_as_configured() -> None:
    async def jobs() -> list[str]:
        use_worker_threads(2)
        return await asyncio.gather(*(asyncio.to_thread(_thread_name) for _ in range(12)))

    names = asyncio.run(jobs())

    assert len(set(names)) == 2
    assert all(name.startswith("advisor-worker") for name in names)


def test_worker_threads_are_three_by_default_and_at_least_one() -> None:
    assert Settings(_env_file=None).worker_threads == 3
    with pytest.raises(ValidationError, match="ADVISOR_WORKER_THREADS"):
        Settings(_env_file=None, ADVISOR_WORKER_THREADS=0)  # type: ignore[call-arg]
