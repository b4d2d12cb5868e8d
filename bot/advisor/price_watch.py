"""The monthly price watch: each tool's pricing page read again and compared with the prices in force.

`advisor prices check` and the clock run it. Pages are read with httpx within fixed bounds (a few at
once, at most `PAGE_SECONDS` and `PAGE_BYTES` each, `MAX_REDIRECTS` redirects), with the ETag and
Last-Modified of the last read, so an unchanged page costs the vendor a 304. A page that cannot be
read is an error entry naming why, and the rest are still checked. Nothing found becomes a price:
the changed tools go to an admin, who records a price or dismisses it.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

import httpx

from bot.domain.catalog import Catalog, Tool
from bot.domain.price_watch import (
    Changed,
    PageFailure,
    SeenPrice,
    Unchanged,
    WatchReport,
    expected_prices,
    missing_from_page,
    prices_on_page,
)
from bot.domain.prices import effective_prices
from bot.store.price_pages import PageRead, signature

if TYPE_CHECKING:
    import datetime as dt

    from bot.store.inventory import PriceObservations
    from bot.store.price_pages import PricePages

PAGE_SECONDS = 10.0
"""The longest one page may take, from connecting to its last byte."""

PAGE_BYTES = 2 * 1024 * 1024
"""The most of a page that is read (after decompression); a larger page is an error."""

MAX_REDIRECTS = 5
PAGES_AT_ONCE = 4
SNIFF_BYTES = 4096
"""How far into a page its <meta charset> is looked for, when the server does not name one."""

_WEB_PAGES = {"text/html", "application/xhtml+xml", "text/plain"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def user_agent() -> str:
    try:
        release = version("ai-adoption-advisor")
    except PackageNotFoundError:  # run from a source tree that was never installed
        release = "dev"
    return f"AI-Adoption-Advisor/{release} (monthly price check of the tool catalog)"


class PageError(Exception):
    """A page that could not be read, with the reason a person can act on."""


@dataclass(frozen=True)
class Fetched:
    markup: str | None  # None: not modified since the last read
    etag: str | None
    last_modified: str | None


class PriceWatch:
    def __init__(
        self,
        catalog: Catalog,
        observations: PriceObservations,
        pages: PricePages,
        today: Callable[[], dt.date],
        transport: httpx.AsyncBaseTransport | None = None,
        page_seconds: float = PAGE_SECONDS,
    ) -> None:
        self.catalog = catalog
        self.page_seconds = min(page_seconds, PAGE_SECONDS)
        self.observations = observations
        self.pages = pages
        self.today = today
        self._transport = transport

    def tools(self, tool_ids: list[str] | None = None) -> list[Tool]:
        """The tools to check: all, or those named (an unknown id is a ValueError naming it)."""
        if not tool_ids:
            return list(self.catalog.tools)
        unknown = [tool_id for tool_id in tool_ids if self.catalog.tool(tool_id) is None]
        if unknown:
            raise ValueError(
                f"no tool with id {', '.join(map(repr, unknown))} in the catalog; see `advisor catalog list`"
            )
        return [tool for tool_id in dict.fromkeys(tool_ids) if (tool := self.catalog.tool(tool_id)) is not None]

    async def check(self, tool_ids: list[str] | None = None) -> WatchReport:
        tools = self.tools(tool_ids)
        in_force = await asyncio.to_thread(
            lambda: effective_prices(self.catalog, self.observations.all(), self.today())
        )
        gate = asyncio.Semaphore(PAGES_AT_ONCE)
        async with httpx.AsyncClient(
            transport=self._transport,
            timeout=httpx.Timeout(self.page_seconds),
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": user_agent(), "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"},
            limits=httpx.Limits(max_connections=PAGES_AT_ONCE),
        ) as client:
            on_page: dict[str, list[Tool]] = {}
            for tool in tools:  # several tools on one page: it is read once
                on_page.setdefault(str(tool.price_source), []).append(tool)
            reads = {url: asyncio.create_task(self._seen(client, gate, same, url)) for url, same in on_page.items()}
            report = WatchReport(checked=len(tools), unchanged=[], changed=[], errors=[])
            dismissed = await asyncio.to_thread(self.pages.dismissed)
            for tool in tools:
                url = str(tool.price_source)
                seen = await reads[url]
                if isinstance(seen, PageError):
                    report.errors.append(PageFailure(tool_id=tool.id, url=url, error=str(seen)))
                    continue
                expected = expected_prices(tool, in_force)
                missing = missing_from_page(tool, expected, seen)
                if expected and not seen:
                    report.errors.append(
                        PageFailure(
                            tool_id=tool.id,
                            url=url,
                            error="no prices on the page (drawn by a script, or moved to another page)",
                        )
                    )
                elif missing:
                    mark = signature(seen)
                    report.changed.append(
                        Changed(
                            tool_id=tool.id,
                            url=url,
                            seen=seen,
                            expected=expected,
                            missing=missing,
                            signature=mark,
                            dismissed=dismissed.get(tool.id) == mark,
                        )
                    )
                else:
                    report.unchanged.append(Unchanged(tool_id=tool.id, url=url))
        return report

    async def _seen(
        self, client: httpx.AsyncClient, gate: asyncio.Semaphore, tools: list[Tool], url: str
    ) -> list[SeenPrice] | PageError:
        """The prices on the page of `tools`, from a new read or, when the page has not changed, from the last;
        each tool keeps the read (a dismissal is a tool's own)."""
        known = await asyncio.to_thread(self.pages.get, tools[0].id)
        if known is not None and known.url != url:
            known = None  # the catalog points elsewhere now: its validators are another page's
        async with gate:
            try:
                fetched = await fetch(client, url, known, self.page_seconds)
            except PageError as error:
                return error
        if fetched.markup is None and known is not None:
            return known.seen
        seen = prices_on_page(fetched.markup or "")
        for tool in tools:
            read = PageRead(tool_id=tool.id, url=url, etag=fetched.etag, last_modified=fetched.last_modified, seen=seen)
            await asyncio.to_thread(self.pages.save, read)
        return seen


async def fetch(client: httpx.AsyncClient, url: str, known: PageRead | None, seconds: float = PAGE_SECONDS) -> Fetched:
    """The page's text, or `markup=None` when it has not changed since `known`; a PageError names why not."""
    headers = {}
    if known is not None and known.etag:
        headers["If-None-Match"] = known.etag
    if known is not None and known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    try:
        async with asyncio.timeout(seconds):
            return await _read(client, url, headers)
    except TimeoutError:
        raise PageError(f"no full answer within {seconds:g} s") from None
    except httpx.TooManyRedirects:
        raise PageError(f"more than {MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise PageError(f"no answer within {seconds:g} s") from None
    except httpx.ConnectError as error:
        raise PageError(f"could not connect ({error or 'refused'})") from None
    except (httpx.HTTPError, httpx.InvalidURL) as error:
        raise PageError(f"the page could not be read ({type(error).__name__}: {error})") from None


async def _read(client: httpx.AsyncClient, url: str, headers: dict[str, str]) -> Fetched:
    async with client.stream("GET", url, headers=headers) as response:
        if response.status_code == 304:
            return Fetched(None, response.headers.get("etag"), response.headers.get("last-modified"))
        if response.status_code >= 400:
            raise PageError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if media and media not in _WEB_PAGES:
            raise PageError(f"not a web page ({media})")
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > PAGE_BYTES:
            raise PageError(f"larger than {PAGE_BYTES // (1024 * 1024)} MB ({int(length):,} bytes)")
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) > PAGE_BYTES:
                raise PageError(f"larger than {PAGE_BYTES // (1024 * 1024)} MB")
        return Fetched(
            _decoded(bytes(body), response.charset_encoding),
            response.headers.get("etag"),
            response.headers.get("last-modified"),
        )


def _decoded(body: bytes, declared: str | None) -> str:
    """The page as text, in the encoding its server or its <meta charset> names (Shift_JIS, EUC-JP …),
    else UTF-8; bytes that do not decode become U+FFFD rather than an error."""
    sniffed = _META_CHARSET.search(body[:SNIFF_BYTES])
    for encoding in (declared, sniffed.group(1).decode("ascii") if sniffed else None, "utf-8"):
        if not encoding:
            continue
        try:
            return body.decode(encoding, errors="replace")
        except LookupError:  # an encoding Python does not know
            continue
    return body.decode("utf-8", errors="replace")
