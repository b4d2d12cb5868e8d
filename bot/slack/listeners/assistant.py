"""Slack's AI-app view (the app's Messages tab, on paid plans): suggested prompts in the person's language.

A conversation opened there (`assistant_thread_started`) is offered four questions the advisor
answers at 0 tokens: where to start, what got cheaper this month, a savings calculation, the
budget left. What is then asked in that thread arrives as a direct message in a thread
(`messages`), with the thread's status while it is answered (`bot.slack.replying`). Without the
view (a free plan, or not enabled), mentions and direct messages work as before.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.domain.messages import say
from bot.slack.errors import slack_error
from bot.slack.services import SlackServices

logger = logging.getLogger(__name__)


def suggested_prompts(language: str) -> list[dict[str, str]]:
    """The four prompts, each a title and the question it asks (all answered at 0 tokens)."""
    return [
        {"title": say(language, "Where to start"), "message": say(language, "Where should we start with AI?")},
        {"title": say(language, "What got cheaper"), "message": say(language, "What got cheaper this month?")},
        {
            "title": say(language, "A savings calculation"),
            "message": say(language, "20 proposals a month, 5 hours each, 1 hour with AI, staff at 3,000 yen an hour"),
        },
        {"title": say(language, "The budget left"), "message": say(language, "How much of our AI budget is left?")},
    ]


def register(app: AsyncApp, services: SlackServices) -> None:
    @app.event("assistant_thread_started")
    async def offer_prompts(event: dict[str, Any], client: AsyncWebClient) -> None:
        thread = event.get("assistant_thread")
        if not isinstance(thread, dict):
            return  # not as Slack sends it: nothing to offer prompts in
        channel_id, thread_ts, user_id = thread.get("channel_id"), thread.get("thread_ts"), thread.get("user_id")
        if not (isinstance(channel_id, str) and isinstance(thread_ts, str)):
            return
        language = (
            await services.people.language(client, user_id) if isinstance(user_id, str) else services.settings.language
        )
        try:
            await client.assistant_threads_setSuggestedPrompts(
                channel_id=channel_id,
                thread_ts=thread_ts,
                title=say(language, "Ask about AI tools, prices and savings, or try one of these:"),
                prompts=suggested_prompts(language),
            )
        except SlackApiError as error:
            logger.warning("could not suggest prompts in %s: %s", channel_id, slack_error(error))

    @app.event("assistant_thread_context_changed")
    async def note_context(event: dict[str, Any]) -> None:
        """The person moved to another channel with the view open; the advisor does not read channels."""
