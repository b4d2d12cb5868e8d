"""Vendors' pricing pages, served on loopback the ways real ones answer.

`pages[path] = (body_bytes, content_type)` serves a page (with an ETag, and a 304 to a request that
sends it back); `/missing` is a 404; `/hang` answers nothing until the server stops; `/huge` streams
30 MB of HTML without a length; `/loop` redirects to itself; `requests` keeps each request's path and
headers.
"""

from __future__ import annotations

import hashlib
from typing import ClassVar

from aiohttp import web

from tests.fakes.loopback import LoopbackServer

HANG_SECONDS = 3600.0
HUGE_BYTES = 30 * 1024 * 1024
CHUNK = b"<p>" + b"x" * 65_530 + b"</p>"


class VendorPages(LoopbackServer):
    name: ClassVar[str] = "the stand-in vendor pages"
    thread_name: ClassVar[str] = "vendor-pages"

    def __init__(self) -> None:
        super().__init__()
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []

    def url(self, path: str) -> str:
        return f"{self.origin}{path}"

    def _application(self) -> web.Application:
        application = web.Application()
        application.router.add_get("/missing", self._missing)
        application.router.add_get("/hang", self._hang)
        application.router.add_get("/huge", self._huge)
        application.router.add_get("/loop", self._redirect_to_itself)
        application.router.add_get("/{path:.*}", self._page)
        return application

    def _seen(self, request: web.Request) -> None:
        self.requests.append((request.path, dict(request.headers)))

    async def _page(self, request: web.Request) -> web.StreamResponse:
        self._seen(request)
        if request.path not in self.pages:
            raise web.HTTPNotFound()
        body, content_type = self.pages[request.path]
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=body, headers={"Content-Type": content_type, "ETag": etag})

    async def _missing(self, request: web.Request) -> web.Response:
        self._seen(request)
        return web.Response(status=404, text="<h1>Not found</h1>", content_type="text/html")

    async def _hang(self, request: web.Request) -> web.Response:
        self._seen(request)
        await self._pause(HANG_SECONDS)
        return web.Response(text="late")

    async def _huge(self, request: web.Request) -> web.StreamResponse:
        self._seen(request)
        response = web.StreamResponse(headers={"Content-Type": "text/html; charset=utf-8"})
        await response.prepare(request)
        sent = 0
        while sent < HUGE_BYTES:
            try:
                await response.write(CHUNK)
            except (ConnectionError, RuntimeError):
                break  # the reader had enough and hung up
            sent += len(CHUNK)
        return response

    async def _redirect_to_itself(self, request: web.Request) -> web.Response:
        self._seen(request)
        raise web.HTTPFound("/loop")
