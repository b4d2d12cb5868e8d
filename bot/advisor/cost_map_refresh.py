"""LiteLLM's published cost map, fetched again once a month (`ADVISOR_REMOTE_COST_MAP=true`).

A process that uses the published map fetches it when it imports LiteLLM; a process that
runs for months would keep that month's prices and shutdown dates. The monthly clock and
each serving process's housekeeping ask `due()` now and then: on the first day of a month
the map is fetched again (bounded in time; on failure the map already loaded stays, the
failure is logged, and it is tried again the next day), and the models are read anew.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable

from bot.advisor.roster import Roster
from bot.domain.schedule import first_of_next_month, local_day
from bot.llm.cost_map import REFRESH_TIMEOUT_SECONDS, refresh
from bot.settings import Settings
from bot.store.questions import utc_now

logger = logging.getLogger(__name__)


class CostMapRefresh:
    def __init__(
        self,
        settings: Settings,
        roster: Roster,
        clock: Callable[[], dt.datetime] = utc_now,
        timeout_seconds: float = REFRESH_TIMEOUT_SECONDS,
    ) -> None:
        self._settings, self._roster, self._clock, self._timeout = settings, roster, clock, timeout_seconds
        self._next_try = first_of_next_month(self._today())  # this month's map came with the import

    def _today(self) -> dt.date:
        return local_day(self._clock(), self._settings.tz)

    async def due(self) -> bool:
        """Refresh the map if a month has begun since it was last fetched; whether it was refreshed."""
        today = self._today()
        if not self._settings.remote_cost_map or today < self._next_try:
            return False
        url = await asyncio.to_thread(_published_map_url)  # imports LiteLLM if this process has not yet
        if await refresh(url, self._timeout) is None:
            self._next_try = today + dt.timedelta(days=1)
            return False
        self._next_try = first_of_next_month(today)
        self._roster.reload()
        return True


def _published_map_url() -> str:
    from bot.llm.runtime import litellm

    return str(litellm(True).model_cost_map_url)
