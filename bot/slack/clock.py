"""`advisor clock`: posts the month's inventory to Slack on the first of each month, once; a few days
before, reads the tools' pricing pages and sends the tools whose prices moved to the admins (unless
ADVISOR_PRICE_WATCH is off); and fetches LiteLLM's published cost map again each month when
ADVISOR_REMOTE_COST_MAP is set.

Several clock processes may run (or one may restart): before posting, the workspace and
month are claimed in the database, and only the claimant posts. A clock that was down at
posting time posts when it comes back during that month.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.advisor.service import Advisor
from bot.domain.price_watch import WatchReport
from bot.domain.schedule import inventory_due, next_posting, watch_due
from bot.settings import Settings
from bot.slack.errors import slack_error
from bot.store.questions import utc_now

logger = logging.getLogger(__name__)

CHECK_SECONDS = 60.0
"""How often the clock looks at the time; a post is at most this late."""


class InventoryClock:
    def __init__(
        self,
        settings: Settings,
        client: AsyncWebClient,
        advisor: Advisor | None = None,
        now: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        if not settings.inventory_channel:
            raise ValueError(
                "ADVISOR_INVENTORY_CHANNEL is not set: the channel id (C…) to post the monthly inventory in"
            )
        self.settings = settings
        self.client = client
        self.advisor = advisor or Advisor(settings)
        self.now = now
        self._workspace_id: str | None = None
        self._settled: set[str] = set()  # months known to be posted: no more Slack or database calls for them
        self._watched: set[str] = set()  # months whose price watch ran (here or in another clock)

    async def _workspace(self) -> str:
        if self._workspace_id is None:
            self._workspace_id = (await self.client.auth_test())["team_id"]
        return self._workspace_id

    async def tick(self) -> str | None:
        """Post the inventory if it is due and no one has; return the month posted, if any.

        A new month's LiteLLM map is fetched first (with ADVISOR_REMOTE_COST_MAP), so that the
        inventory shows the providers' current prices and shutdown dates.
        """
        from bot.store.inventory import InventoryPosts

        await self.advisor.cost_map_refresh.due()
        if self.settings.price_watch:
            await self.watch_prices()
        month = inventory_due(self.now(), self.settings.tz, self.settings.inventory_time)
        if month is None or month in self._settled or self.settings.inventory_channel is None:
            return None
        workspace_id = await self._workspace()
        posts = InventoryPosts(self.advisor.database)
        channel = self.settings.inventory_channel
        assert channel is not None  # checked above
        if not await asyncio.to_thread(posts.claim, workspace_id, month, channel):
            if await asyncio.to_thread(posts.message_ts, workspace_id, month) is not None:
                self._settled.add(month)  # another clock posted it; a claim still open may yet be given back
            return None
        message_ts: str | None = None
        try:
            message_ts = await self.post(month)
        finally:
            if message_ts is None:  # nothing reached Slack: give the month back for the next tick
                await asyncio.to_thread(posts.release, workspace_id, month)
        if message_ts is None:
            return None
        await asyncio.to_thread(posts.record_message, workspace_id, month, message_ts)
        self._settled.add(month)
        return month

    async def watch_prices(self) -> str | None:
        """Read the pricing pages once a month, a few days before the inventory, and send the admins the
        tools whose prices moved; return the month watched, if this clock did it."""
        from bot.store.price_pages import PriceWatchRuns

        month = watch_due(self.now(), self.settings.tz, self.settings.inventory_time)
        if month is None or month in self._watched:
            return None
        workspace_id = await self._workspace()
        runs = PriceWatchRuns(self.advisor.database)
        self._watched.add(month)
        if not await asyncio.to_thread(runs.claim, workspace_id, month):
            return None  # another clock has it
        report = await self.advisor.price_watch.check()
        logger.info(
            "price watch for %s: %d pages checked, %d changed, %d not read",
            month,
            report.checked,
            len(report.changed),
            len(report.errors),
        )
        await self.send_watch(report)
        await asyncio.to_thread(runs.finish, workspace_id, month)
        return month

    async def send_watch(self, report: WatchReport) -> None:
        """The summary to the inventory channel (or to each of ADVISOR_ADMINS), each changed tool in its thread."""
        from bot.slack.price_watch_blocks import watch_messages

        names = {tool.id: tool.name for tool in self.advisor.catalog.tools}
        head, *proposals = watch_messages(report, names, self.settings.language)
        places = [self.settings.inventory_channel] if self.settings.inventory_channel else self.settings.admins
        for place in places:
            if place is None:
                continue
            try:
                posted = await self.client.chat_postMessage(channel=place, **head)
                for proposal in proposals:
                    await self.client.chat_postMessage(channel=place, thread_ts=posted["ts"], **proposal)
            except SlackApiError as error:
                logger.error("sending the price watch to %s failed: %s", place, slack_error(error))

    async def post(self, month: str) -> str | None:
        """The inventory as a message, with its chart as a file in the message's thread."""
        from bot.slack.inventory_blocks import inventory_message

        language = self.settings.language
        inventories = self.advisor.inventories
        inventory = await asyncio.to_thread(inventories.current, month, language)
        chart = await asyncio.to_thread(inventories.chart, language, month)
        channel = self.settings.inventory_channel
        if channel is None:
            return None
        try:
            message = await self.client.chat_postMessage(
                channel=channel, **inventory_message(inventory, self.advisor.catalog, language)
            )
        except SlackApiError as error:
            reason = slack_error(error)
            hint = (
                ": invite the app to that channel (type /invite @AI Adoption Advisor there), or check "
                "ADVISOR_INVENTORY_CHANNEL is the channel's id (C…)"
                if reason in {"not_in_channel", "channel_not_found"}
                else ""
            )
            logger.error("posting the %s inventory to %s failed: %s%s", month, channel, reason, hint)
            return None
        try:  # the report is out: a chart that fails is logged, never a reason to post the report twice
            await self.client.files_upload_v2(
                channel=channel,
                thread_ts=message["ts"],
                file=chart,
                filename=f"inventory-{month}.png",
                title=f"{month}",
            )
        except SlackApiError as error:
            logger.error("uploading the %s inventory chart failed: %s", month, slack_error(error))
        return message["ts"]

    async def run(self, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        while True:
            try:
                posted = await self.tick()
                if posted:
                    logger.info("posted the %s inventory", posted)
            except Exception:
                logger.exception("the inventory clock failed; trying again shortly")
            until_next = next_posting(self.now(), self.settings.tz, self.settings.inventory_time) - self.now()
            await sleep(max(1.0, min(CHECK_SECONDS, until_next.total_seconds())))
