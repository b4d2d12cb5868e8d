"""Refusing what anyone can send without filling the log: one line per reason a minute, never a traceback."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from aiohttp.http_exceptions import HttpProcessingError

REFUSALS_REMEMBERED = 256


class OncePerMinute:
    """Whether a reason was given in the last minute: what anyone can send is logged once a minute at most."""

    def __init__(self, seconds: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self._last: dict[str, float] = {}

    def allow(self, reason: str) -> bool:
        now = self.clock()
        last = self._last.get(reason)
        if last is not None and now - last < self.seconds:
            return False
        if len(self._last) >= REFUSALS_REMEMBERED:
            self._last.clear()
        self._last[reason] = now
        return True


_CLIENTS_FAULT = (HttpProcessingError, ConnectionError, asyncio.IncompleteReadError)
"""What a client causes: a request aiohttp cannot parse, or a connection it dropped."""


class QuietBadRequests(logging.Filter):
    """aiohttp logs every request it cannot parse (a broken request line, a header too long) with a traceback.
    Anyone who can reach the address can send those: each kind becomes one line a minute, without one."""

    def __init__(self) -> None:
        super().__init__()
        self.once = OncePerMinute()

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if not isinstance(error, _CLIENTS_FAULT) or not str(record.msg).startswith("Error handling request"):
            return True  # a fault of ours keeps its traceback
        kind = type(error).__name__
        if not self.once.allow(kind):
            return False
        record.msg, record.args = "refused a request that is not HTTP as Slack sends it (%s: %.120s)", (kind, error)
        record.exc_info, record.exc_text = None, None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def quiet_bad_requests() -> None:
    """Install `QuietBadRequests` on aiohttp's server log, once."""
    server_log = logging.getLogger("aiohttp.server")
    if not any(isinstance(existing, QuietBadRequests) for existing in server_log.filters):
        server_log.addFilter(QuietBadRequests())
