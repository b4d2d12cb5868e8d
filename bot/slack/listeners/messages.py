"""Questions: a mention in a channel, a direct message, a reply in a thread the bot answered.

Slack delivers an event again when it thinks the first delivery was not acknowledged;
each event id is claimed in the database before any work, so a question is answered and
charged once however many times it arrives, and whichever process receives it. The claim
is finished once the answer is in Slack; one whose process died on the way is taken over
by the next delivery after its lease (see `bot.store.slack_state`).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.slack.asking import (
    Place,
    answer_question,
    finish_event,
    question_text,
    thread_history,
)
from bot.slack.services import SlackServices
from bot.store.slack_state import EventClaim

logger = logging.getLogger(__name__)


PEOPLES_SUBTYPES = frozenset({None, "thread_broadcast", "file_share"})
"""Messages a person wrote: plain ones, a reply also sent to the channel, and one with a file attached."""


def register(app: AsyncApp, services: SlackServices) -> None:
    @app.event("app_mention")
    async def answer_mention(
        event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        if event.get("bot_id") or event.get("channel", "").startswith("D"):
            return  # bots are not answered; a DM arrives as message.im too
        if not (claim := await _first_delivery(services, body, "app_mention")):
            return
        thread_root = event.get("thread_ts") or event["ts"]
        history = []
        if event.get("thread_ts"):
            history = await thread_history(client, event["channel"], thread_root, event["ts"], context.bot_user_id)
        place = Place(body["team_id"], event["channel"], event.get("user", ""), thread_root)
        await _answer(services, client, claim, place, question_text(event.get("text", "")), history, thread_root)

    @app.event("message")
    async def answer_message(
        event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient, context: AsyncBoltContext
    ) -> None:
        if event.get("subtype") not in PEOPLES_SUBTYPES or event.get("bot_id"):
            return  # edits, deletions, joins and other bots' messages
        text = event.get("text", "")
        if not text.strip():
            return  # a file shared without a word: nothing was asked
        channel = event["channel"]
        thread_ts = event.get("thread_ts")
        if event.get("channel_type") == "im":
            if not (claim := await _first_delivery(services, body, "message.im")):
                return
            history = []
            if thread_ts:
                history = await thread_history(client, channel, thread_ts, event["ts"], context.bot_user_id)
            place = Place(body["team_id"], channel, event.get("user", ""), thread_ts)
            await _answer(services, client, claim, place, question_text(text), history, thread_ts)
            return
        if not thread_ts or (context.bot_user_id and f"<@{context.bot_user_id}>" in text):
            return  # not in a thread, or a mention: app_mention answers it
        if not await asyncio.to_thread(services.threads.is_ours, body["team_id"], channel, thread_ts):
            return
        if not (claim := await _first_delivery(services, body, "message")):
            return
        history = await thread_history(client, channel, thread_ts, event["ts"], context.bot_user_id)
        place = Place(body["team_id"], channel, event.get("user", ""), thread_ts)
        await _answer(services, client, claim, place, question_text(text), history, thread_ts)


async def _first_delivery(services: SlackServices, body: dict[str, Any], kind: str) -> EventClaim | None:
    """The claim on the event, or None when another delivery of it is being or was answered."""
    event_id = body.get("event_id")
    if not event_id:
        return EventClaim(event_id="", attempt=1, reply_ts=None)  # nothing to deduplicate on
    claim = await asyncio.to_thread(services.events.claim, event_id, body.get("team_id", ""), kind)
    if claim is not None and claim.attempt > 1:
        logger.warning("event %s is answered again: the process that took it stopped before finishing", event_id)
    return claim


async def _answer(
    services: SlackServices,
    client: AsyncWebClient,
    claim: EventClaim,
    place: Place,
    text: str,
    history: list,
    thread_ts: str | None,
) -> None:
    answer = None
    try:
        if text:
            answer = await answer_question(services, client, place, text, history=history, claim=claim)
    finally:
        await finish_event(services, claim, place, thread_ts, answer)
