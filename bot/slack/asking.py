"""A question asked in Slack, from the status or "Thinking…" to the answer, and the thread it is asked in."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.advisor.answer import Answer
from bot.domain.conversation import Turn
from bot.domain.language import detect_language
from bot.domain.locales import TABLES
from bot.domain.messages import say
from bot.slack.errors import slack_error
from bot.slack.replying import Place, Reply
from bot.slack.services import SlackServices
from bot.store.slack_state import BotThread, EventClaim

logger = logging.getLogger(__name__)

THREAD_HISTORY_LIMIT = 50  # messages read back from a thread; the prompt keeps the latest that fit
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def question_text(text: str) -> str:
    """The question without the bot's mention (and any other mention at its start)."""
    return _MENTION.sub(" ", text).strip()


async def answer_question(
    services: SlackServices,
    client: AsyncWebClient,
    place: Place,
    text: str,
    *,
    history: list[Turn] | None = None,
    at_least_tier: int | None = None,
    escalated_from: int | None = None,
    claim: EventClaim | None = None,
) -> Answer | None:
    """Show the question is being answered, answer it (a model's answer streams in), and put the answer
    in its place (several messages when long); see `bot.slack.replying`.

    What shows the question is taken is noted on the event's `claim`, and a claim taken over from
    a process that died answers in the message that process posted. Cancelled while answering (the
    process is stopping), it asks the asker to try again there. Returns the answer, or None when
    Slack would not take the reply.
    """
    language = detect_language(text, services.settings.language)
    reply = Reply(services, client, place, language, claim)
    if not await reply.open():
        return None
    advisor = services.advisor
    asker = advisor.asker(place.workspace_id, place.channel_id, place.user_id)
    try:
        answer = await advisor.answer(
            text,
            asker,
            at_least_tier,
            history=history,
            escalated_from=escalated_from,
            on_text=reply.write if reply.streams else None,
        )
    except asyncio.CancelledError:
        # The process is stopping and this answer ran out of time (`bot.slack.in_flight`); the
        # question is on record as failed and its budget hold given back by now.
        await reply.fail("restart")
        raise
    except Exception:
        logger.exception("answering a question in %s failed", place.channel_id)
        await reply.fail("answer")
        return None
    deeper = answer.path == "llm" and answer.status == "answered" and (answer.tier or 3) < 3
    await reply.finish(answer, deeper_button=deeper)
    return answer


async def thread_history(
    client: AsyncWebClient, channel_id: str, thread_ts: str, before_ts: str, bot_user_id: str | None
) -> list[Turn]:
    """The thread's earlier turns: people's questions and the bot's answers, oldest first.

    A bot answer is read back from its sections (the fallback text is shortened); the
    "thinking…" placeholder, the cost line and buttons are left out.
    """
    try:
        response = await client.conversations_replies(channel=channel_id, ts=thread_ts, limit=THREAD_HISTORY_LIMIT)
    except SlackApiError as error:
        logger.warning("could not read thread %s in %s: %s", thread_ts, channel_id, slack_error(error))
        return []
    turns: list[Turn] = []
    messages: list[dict[str, Any]] = response.get("messages", [])
    for message in messages:
        if float(message.get("ts", "0")) >= float(before_ts):
            break
        if message.get("bot_id") or (bot_user_id and message.get("user") == bot_user_id):
            text = _section_text(message.get("blocks") or []) or _streamed_text(message)
            if text:
                turns.append(Turn("assistant", text))
        elif not message.get("subtype"):
            text = question_text(message.get("text", ""))
            if text:
                turns.append(Turn("user", text))
    return turns


def _streamed_text(message: dict[str, Any]) -> str:
    """A streamed answer's text (its blocks are only what closes it); nothing for "Thinking…"."""
    text = str(message.get("text") or "").strip()
    return "" if text in _THINKING else text


_THINKING = frozenset(say(language, "Thinking…") for language in ("en", *TABLES))


def _section_text(blocks: list[dict[str, Any]]) -> str:
    parts = []
    for block in blocks:
        if block.get("type") == "section" and isinstance(block.get("text"), dict):
            parts.append(block["text"].get("text", ""))
        elif block.get("type") == "markdown":
            parts.append(block.get("text", ""))
    return "\n".join(part for part in parts if part).strip()


async def finish_event(
    services: SlackServices, claim: EventClaim, place: Place, thread_ts: str | None, answer: Answer | None
) -> None:
    """The event is dealt with; the thread its answer went in (if any) is remembered as the bot's.

    Both in one transaction, so that an event is never finished without its thread.
    """
    thread = None
    if answer is not None and thread_ts:
        thread = BotThread(place.workspace_id, place.channel_id, thread_ts, answer.question_id)
    if claim.event_id:
        await asyncio.to_thread(services.events.finish, claim.event_id, thread)
    elif thread is not None:
        await asyncio.to_thread(services.threads.remember, thread)
