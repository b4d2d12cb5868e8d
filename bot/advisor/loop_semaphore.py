"""A limit on work under way at once, for whichever event loop asks."""

from __future__ import annotations

import asyncio
from weakref import WeakKeyDictionary


class LoopSemaphore:
    """An `asyncio.Semaphore` of `width` for each event loop that asks for one.

    An asyncio semaphore belongs to the loop it is first used on, and the terminal chat
    runs a loop of its own for each question; a served process has one loop, so one
    semaphore. Waiters are let in in the order they came.
    """

    def __init__(self, width: int) -> None:
        self.width = width
        self._by_loop: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = WeakKeyDictionary()

    def __call__(self) -> asyncio.Semaphore:
        """The running loop's semaphore."""
        loop = asyncio.get_running_loop()
        semaphore = self._by_loop.get(loop)
        if semaphore is None:
            semaphore = self._by_loop[loop] = asyncio.Semaphore(self.width)
        return semaphore
