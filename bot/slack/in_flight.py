"""The listeners under way in a serving process, so that a process told to stop lets them finish.

A deploy or a platform restart stops a process with SIGTERM, and Slack does not deliver
again what was acknowledged. So a stopping process takes no new requests, lets the
answers under way finish for a while (`ADVISOR_SHUTDOWN_SECONDS`), and stops the ones
still running then: each replaces its "thinking…" with a request to ask again and gives
its budget hold back (`bot.slack.asking`, `bot.advisor.open_questions`) before the process exits.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.listener.async_listener_completion_handler import (
    AsyncListenerCompletionHandler,
)
from slack_bolt.listener.async_listener_start_handler import AsyncListenerStartHandler
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

logger = logging.getLogger(__name__)

WIND_DOWN_SECONDS = 3.0  # for a stopped listener to tell its asker and give its budget hold back


class ListenersInFlight:
    """The tasks Bolt runs listeners in, from its listener-start hook to its listener-completion hook.

    With an acknowledgement before the work (Bolt's default), each listener runs in a task
    of its own that nothing else waits for.
    """

    def __init__(self, app: AsyncApp) -> None:
        """Track every listener `app` runs from now on."""
        self._tasks: set[asyncio.Task[Any]] = set()
        runner = app.listener_runner
        runner.listener_start_handler = _Started(self._tasks)
        runner.listener_completion_handler = _Completed(self._tasks)

    def running(self) -> set[asyncio.Task[Any]]:
        return {task for task in self._tasks if not task.done()}

    async def finish(self, seconds: float, starting: Iterable[asyncio.Task[Any]] = ()) -> int:
        """Let the listeners under way (and those `starting` tasks still to dispatch) run for up
        to `seconds`, then stop the rest; return how many were stopped."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        pending = {task for task in starting if not task.done()} | self.running()
        if pending:
            logger.info("stopping: %d request(s) under way get up to %g s to finish", len(pending), seconds)
        while pending and (left := deadline - loop.time()) > 0:
            await asyncio.wait(pending, timeout=left)
            pending = {task for task in pending if not task.done()} | self.running()  # dispatched meanwhile
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=WIND_DOWN_SECONDS)
            logger.warning("stopping: %d request(s) did not finish in %g s and were stopped", len(pending), seconds)
        return len(pending)


class _Started(AsyncListenerStartHandler):
    def __init__(self, tasks: set[asyncio.Task[Any]]) -> None:
        self._tasks = tasks

    async def handle(self, request: AsyncBoltRequest, response: BoltResponse | None) -> None:
        if (task := asyncio.current_task()) is not None:
            self._tasks.add(task)


class _Completed(AsyncListenerCompletionHandler):
    def __init__(self, tasks: set[asyncio.Task[Any]]) -> None:
        self._tasks = tasks

    async def handle(self, request: AsyncBoltRequest, response: BoltResponse | None) -> None:
        self._tasks.discard(asyncio.current_task())
