"""The Bolt app: one `AsyncApp` with every listener, and the Web API client it talks through.

Listeners acknowledge first and work after (Bolt runs the rest of a listener once it has
answered Slack), so Slack always gets its answer well within three seconds.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.advisor.service import Advisor
from bot.settings import Settings
from bot.slack.people import People
from bot.slack.services import SlackServices

logger = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 3  # each waits the Retry-After Slack sends
SERVER_ERROR_RETRIES = 2
CONNECTION_RETRIES = 2


class SlackNotConfigured(RuntimeError):
    """A Slack token or secret the chosen mode needs is not set."""


def web_client(settings: Settings) -> AsyncWebClient:
    """The Web API client: retries 429 after `Retry-After`, and server and connection errors a few times."""
    if settings.slack_bot_token is None:
        raise SlackNotConfigured("SLACK_BOT_TOKEN is not set: copy the bot token (xoxb-…) of your Slack app into .env")
    return AsyncWebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=settings.slack_api_url or AsyncWebClient.BASE_URL,
        retry_handlers=[
            AsyncConnectionErrorRetryHandler(max_retry_count=CONNECTION_RETRIES),
            AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
            AsyncServerErrorRetryHandler(max_retry_count=SERVER_ERROR_RETRIES),
        ],
    )


def build_app(settings: Settings, advisor: Advisor | None = None, *, socket_mode: bool = False) -> AsyncApp:
    """The app with every listener.

    In HTTP mode it is served by `bot.slack.server.SlackEndpoint`, which checks each
    request's signature before Bolt reads the body; Bolt does not check it a second time.
    """
    client = web_client(settings)
    if not socket_mode and settings.slack_signing_secret is None:
        raise SlackNotConfigured(
            "SLACK_SIGNING_SECRET is not set: HTTP mode needs it to check that requests come from Slack "
            "(Basic Information → App Credentials in your app's settings)"
        )
    from bot.slack.listeners import actions, commands, home, messages, prices, submissions

    advisor = advisor or Advisor(settings)
    app = AsyncApp(
        client=client,
        request_verification_enabled=False,
        logger=logging.getLogger("bot.slack.bolt"),
    )

    @app.middleware
    async def acknowledge_commands_first(body: dict, ack: AsyncAck, next_: Callable[[], Awaitable[None]]) -> None:
        """A slash command is acknowledged here, before its listener is even scheduled, and nowhere else.

        Under load the listener may start late, and Slack must hear back within three
        seconds; no command acknowledges with a body, so nothing is lost by acking here.
        (Over HTTP, `bot.slack.server` has already answered the request with an empty 200.)
        """
        if body.get("command"):
            await ack()
        await next_()

    services = SlackServices(settings, advisor, People(settings.admins, settings.language))
    for listeners in (messages, commands, actions, submissions, home, prices):
        listeners.register(app, services)

    @app.error
    async def log_unexpected(error: Exception, body: dict) -> None:
        # The body is left out: it carries the request's verification token.
        logger.error("unhandled %s in a %s request: %s", type(error).__name__, body.get("type") or "command", error)

    return app
