"""The real Slack app (Bolt `AsyncApp` behind its aiohttp server) on 127.0.0.1, for the tests.

It runs on its own event loop in a background thread, like the stand-in servers, so a
test sends signed requests over real HTTP and waits for the Web API calls the app makes.
"""

from __future__ import annotations

import asyncio
import threading
from types import TracebackType

from aiohttp import web

from bot.service import Advisor
from bot.settings import Settings
from bot.slack.app import build_app
from bot.slack.server import http_application

START_TIMEOUT = 10.0
STOP_TIMEOUT = 10.0


class RunningSlackApp:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.advisor = Advisor(settings)
        self.advisor.database.session().close()  # migrations before the first request
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="slack-app", daemon=True)
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/slack/events"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _start(self) -> None:
        app = build_app(self.settings, self.advisor)
        self._runner = web.AppRunner(http_application(app, self.advisor, 0), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def _stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        # Work still running on this loop (LiteLLM's logging worker) ends with it.
        others = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in others:
            task.cancel()
        await asyncio.gather(*others, return_exceptions=True)

    def __enter__(self) -> RunningSlackApp:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(START_TIMEOUT)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        try:
            asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(STOP_TIMEOUT)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(STOP_TIMEOUT)
            self._loop.close()
            self.advisor.database.engine.dispose()
