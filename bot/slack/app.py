"""The Bolt app: one `AsyncApp` with every listener, and the Web API client it talks through.

Listeners acknowledge first and work after (Bolt runs the rest of a listener once it has
answered Slack), so Slack always gets its answer well within three seconds.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, cast

import aiohttp
from slack_bolt import BoltResponse
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.advisor.service import Advisor
from bot.domain.messages import say
from bot.settings import Settings
from bot.slack.finishing import FinishingApp, OnFailure
from bot.slack.payloads import shape_problem
from bot.slack.people import People
from bot.slack.services import SlackServices

logger = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 3  # each waits the Retry-After Slack sends
SERVER_ERROR_RETRIES = 2
CONNECTION_RETRIES = 2
UNREACHABLE = (aiohttp.ClientError, SlackApiError, SlackClientError, TimeoutError)
MAX_COMMAND_TEXT = 1_000
"""Characters after a slash command: the longest real one (a savings scenario, a budget change) is under 200."""


class SlackNotConfigured(RuntimeError):
    """A Slack token or secret the chosen mode needs is not set."""


def too_long(command: str, length: int, language: str) -> str:
    return say(
        language,
        "That is {length:,} characters after {command}; a command takes at most {most:,}. "
        "Shorten it, or ask in a message to the app.",
        length=length,
        command=command[:40],
        most=MAX_COMMAND_TEXT,
    )


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


def failure_reporter(settings: Settings) -> OnFailure:
    """What a listener's failure does (see `bot.slack.finishing`)."""

    async def failed(error: Exception, given: dict[str, Any]) -> None:
        """A listener that failed: one log line (not the body: it carries the request's verification token),
        and the person told, where Slack gave a way to reach them."""
        body, context = given.get("body") or {}, given.get("context")
        kind = body.get("type") or "command"
        if isinstance(error, UNREACHABLE):  # Slack or a response URL did not answer: not a fault of ours
            logger.warning("a %s request could not reach Slack: %s: %s", kind, type(error).__name__, error)
        else:
            logger.error("unhandled %s in a %s request: %s", type(error).__name__, kind, error)
        respond = getattr(context, "respond", None)
        if respond is None:
            return
        try:
            await respond(
                text=say(
                    settings.language, "Something went wrong with that, and nothing was changed. Please try again."
                ),
                response_type="ephemeral",
                replace_original=False,
            )
        except Exception as unreachable:  # an expired response URL, say: the log has it
            logger.warning("could not tell the person about the failure: %s", type(unreachable).__name__)

    return failed


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
    from bot.slack.listeners import actions, assistant, commands, home, messages, prices, submissions

    advisor = advisor or Advisor(settings)
    app = AsyncApp(
        client=client,
        request_verification_enabled=False,
        logger=logging.getLogger("bot.slack.bolt"),
    )

    if socket_mode:  # over HTTP, bot.slack.server checks the shape at the edge, before Bolt

        @app.middleware
        async def shaped_as_slack_sends(body: dict, next_: Callable[[], Awaitable[None]]) -> BoltResponse | None:
            """A payload of the wrong shape goes no further."""
            problem = shape_problem(body)
            if problem is not None:
                logger.warning("refused a payload Slack would not send: %s", problem)
                return BoltResponse(status=400, body="")
            await next_()
            return None

    @app.middleware
    async def acknowledge_commands_first(
        body: dict, ack: AsyncAck, respond: AsyncRespond, next_: Callable[[], Awaitable[None]]
    ) -> BoltResponse | None:
        """A slash command is acknowledged here, before its listener is even scheduled, and nowhere else.

        Under load the listener may start late, and Slack must hear back within three
        seconds; no command acknowledges with a body, so nothing is lost by acking here.
        (Over HTTP, `bot.slack.server` has already answered the request with an empty 200.)
        A command longer than any real one is answered here, and goes no further.
        """
        if body.get("command"):
            await ack()
            text = body.get("text") or ""
            if len(text) > MAX_COMMAND_TEXT:
                await respond(text=too_long(body["command"], len(text), settings.language))
                return BoltResponse(status=200, body="")  # answered: no listener runs
        await next_()
        return None

    services = SlackServices(settings, advisor, People(settings.admins, settings.language))
    # The listeners register through FinishingApp's event, command, action and view.
    registrar = cast(AsyncApp, FinishingApp(app, failure_reporter(settings)))
    for listeners in (messages, commands, actions, submissions, home, prices, assistant):
        listeners.register(registrar, services)

    @app.error
    async def log_unexpected(error: Exception, body: dict) -> None:
        # Failures outside a listener (a middleware, Bolt itself); the body is left out, as above.
        logger.error("unhandled %s in a %s request: %s", type(error).__name__, body.get("type") or "command", error)

    return app
