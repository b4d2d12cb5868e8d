"""LiteLLM's published cost map, served on loopback as raw.githubusercontent.com serves it.

`map` is the JSON served at `url` (a dict of model entries, as LiteLLM publishes it);
`fail_with(status)` answers errors instead, `hang()` answers nothing until the server
stops. `requests` counts what was asked for.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from aiohttp import web

from tests.fakes.loopback import LoopbackServer

PATH = "/BerriAI/litellm/main/model_prices_and_context_window.json"
HANG_SECONDS = 3600.0


class FakeCostMap(LoopbackServer):
    name: ClassVar[str] = "the stand-in cost map"
    thread_name: ClassVar[str] = "fake-cost-map"

    def __init__(self, cost_map: dict[str, Any]) -> None:
        super().__init__()
        self.map = cost_map
        self.requests = 0
        self._status: int | None = None
        self._hang = False

    @property
    def url(self) -> str:
        return f"{self.origin}{PATH}"

    def fail_with(self, status: int) -> None:
        self._status = status

    def hang(self) -> None:
        self._hang = True

    def _application(self) -> web.Application:
        application = web.Application()
        application.router.add_get(PATH, self._serve_map)
        return application

    async def _serve_map(self, request: web.Request) -> web.Response:
        self.requests += 1
        if self._hang:
            await self._pause(HANG_SECONDS)
        if self._status is not None:
            return web.Response(status=self._status, text="unavailable")
        # GitHub serves the raw file as text/plain.
        return web.Response(body=json.dumps(self.map).encode(), content_type="text/plain", charset="utf-8")
