"""Running the app: HTTP mode (`/slack/events`, `/healthz`) or Socket Mode (no public URL).

Both run a housekeeping task beside the app (every ADVISOR_HOUSEKEEPING_SECONDS): budget
holds of calls that never settled are given back once their lease ran out, questions a
dead process left half-answered are marked failed, and event claims older than a day
(Slack stops retrying long before) are forgotten. Told to stop (SIGTERM), both take no
new requests and let the work under way finish for ADVISOR_SHUTDOWN_SECONDS at most
(`bot.slack.in_flight`).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import logging
import math
import re
import signal
import threading
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import aiohttp
from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_internals import build_async_context
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.advisor.service import Advisor
from bot.settings import Settings
from bot.slack.app import SlackNotConfigured, build_app
from bot.slack.in_flight import ListenersInFlight
from bot.slack.payloads import Refused, read_request
from bot.slack.refusals import OncePerMinute, quiet_bad_requests

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
KEEP_EVENT_CLAIMS = dt.timedelta(days=1)
LISTEN_BACKLOG = 1024  # connections waiting to be accepted: a burst of 200 overflowed aiohttp's 128
SLACK_TIMESTAMP = re.compile(r"[0-9]{1,12}")
ACK_QUIET_SECONDS = 0.005  # no request for this long: a burst is over, and its work may start
ACK_FIRST_LONGEST_SECONDS = 0.25  # work waits no longer than this behind arriving requests
SIGNATURE_LENGTH = 128  # "v0=" and a SHA-256 digest in hex are 67 characters


async def _health(_: web.Request) -> web.Response:
    return web.json_response({"ok": True})


class AcknowledgementsFirst:
    """Holds the work behind acknowledged requests back while more requests keep arriving.

    Acknowledging a request takes a fraction of a millisecond; the work behind it (the
    database, Slack's Web API, the model) takes tens of milliseconds of the same event
    loop and the same interpreter. Started at once, the work of the first requests of a
    burst would delay the acknowledgement of the rest, and Slack retries what it has not
    heard back about within three seconds. So the work waits until no request has
    arrived for `quiet` seconds, or for `longest` seconds at most when requests never stop.
    """

    def __init__(self, quiet: float = ACK_QUIET_SECONDS, longest: float = ACK_FIRST_LONGEST_SECONDS) -> None:
        self.quiet = quiet
        self.longest = longest
        self._last_arrival = -math.inf
        self._calm = asyncio.Event()
        self._calm.set()
        self._watch: asyncio.Task[None] | None = None  # referenced, so that it runs to the end

    def arrived(self) -> None:
        """A request came in; call it on the loop that serves the requests."""
        loop = asyncio.get_running_loop()
        self._last_arrival = loop.time()
        if self._calm.is_set():
            self._calm.clear()
            self._watch = loop.create_task(self._until_calm())

    async def turn(self) -> None:
        """Return once requests stopped arriving for a moment, or after `longest` seconds."""
        if self._calm.is_set():
            return
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self.longest):
                await self._calm.wait()

    async def _until_calm(self) -> None:
        loop = asyncio.get_running_loop()
        while (left := self._last_arrival + self.quiet - loop.time()) > 0:
            await asyncio.sleep(left)
        self._calm.set()


def _acknowledged_at_once(body: dict[str, Any]) -> bool:
    """An event or a slash command: Slack wants an empty 200 for it, whatever its listener does.

    Anything else (a URL verification, an interaction that may answer with a body such
    as a modal's errors) goes through Bolt before it is answered.
    """
    return body.get("type") == "event_callback" or (bool(body.get("command")) and not body.get("ssl_check"))


class SlackEndpoint:
    """`POST /slack/events`: check that Slack signed the request, acknowledge it, hand it to Bolt.

    The signature is checked here rather than by Bolt: Bolt decodes and parses a body
    before it checks the signature, so a body that is not UTF-8, a form that is not JSON
    or a timestamp that is not a number would be a server error (and a traceback in the
    log) for anyone who can reach the address.

    Events and slash commands are answered 200 at once and dispatched to Bolt once
    `AcknowledgementsFirst` gives them their turn; the rest are dispatched first and
    answered with what Bolt returns.
    """

    def __init__(self, app: AsyncApp, signing_secret: str, turns: AcknowledgementsFirst | None = None) -> None:
        self.app = app
        self.verifier = SignatureVerifier(signing_secret)
        self.turns = turns or AcknowledgementsFirst()
        self.dispatching: set[asyncio.Task[None]] = set()
        self.refusals = OncePerMinute()

    async def handle(self, request: web.Request) -> web.Response:
        self.turns.arrived()
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        try:
            body: str | None = (await request.read()).decode("utf-8")
        except UnicodeDecodeError:
            body = None  # Slack sends UTF-8, so Slack did not sign this
        except (aiohttp.ClientError, HttpProcessingError, ConnectionError) as error:  # the client went away mid-body
            self._refused("a body that did not arrive whole", type(error).__name__)
            return web.json_response({"error": "incomplete request"}, status=400)
        if body is None or not SLACK_TIMESTAMP.fullmatch(timestamp) or len(signature) > SIGNATURE_LENGTH:
            self._refused("an unsigned request", "no valid signature headers")
            return web.json_response({"error": "invalid request"}, status=401)
        if not self.verifier.is_valid(body, timestamp, signature):
            self._refused("an unsigned request", "a signature that does not match, or a stale timestamp")
            return web.json_response({"error": "invalid request"}, status=401)
        read = read_request(body, request.content_type)
        if isinstance(read, Refused):
            logger.warning("refused a signed request Slack would not send: %s", read.reason)
            # Slack retries an event until it gets a 200: the same malformed event would come back three times.
            status = 200 if read.retried_by_slack else 400
            return web.json_response({"error": "unreadable request"}, status=status)
        bolt_request = AsyncBoltRequest(body=body, query=request.query_string, headers=request.headers)  # type: ignore[arg-type]  # Bolt reads any mapping of headers
        # Bolt's own reading of a form takes a slash command whose text says "payload" for an interaction
        # and finds nothing in it; the fields read here are the ones Slack sent.
        bolt_request.body = read.body
        bolt_request.context = build_async_context(AsyncBoltContext({}), read.body)
        if _acknowledged_at_once(read.body):
            task = asyncio.create_task(self._dispatch_in_turn(bolt_request))
            self.dispatching.add(task)
            task.add_done_callback(self.dispatching.discard)
            return web.Response(status=200)
        answer = await self.app.async_dispatch(bolt_request)
        if answer.status == 404:  # a click or form no listener takes (a link button's click, say): nothing to do
            return web.Response(status=200)
        return await to_aiohttp_response(answer)

    def _refused(self, what: str, why: str) -> None:
        """Requests anyone can send are refused quietly: one line per reason a minute."""
        if self.refusals.allow(f"{what}: {why}"):
            logger.warning("refused %s (%s); the same refusals are not logged again for a minute", what, why)

    async def _dispatch_in_turn(self, bolt_request: AsyncBoltRequest) -> None:
        await self.turns.turn()
        try:
            await self.app.async_dispatch(bolt_request)
        except Exception as error:  # Bolt handles a listener's errors; this is anything before them
            # Not the body: it carries the request's verification token.
            logger.error("an acknowledged request failed in dispatch: %s: %s", type(error).__name__, error)


def http_application(app: AsyncApp, advisor: Advisor, signing_secret: str) -> web.Application:
    """The aiohttp application: `/slack/events` (see `SlackEndpoint`) and `/healthz`, with the
    housekeeping task and one HTTP session for every Web API call.

    Told to stop (SIGTERM), it takes no new connections and lets the work under way
    finish, for `ADVISOR_SHUTDOWN_SECONDS` at most (`ListenersInFlight`), before the
    session closes.
    """
    quiet_bad_requests()
    application = web.Application()
    endpoint = SlackEndpoint(app, signing_secret)
    application.router.add_post(EVENTS_PATH, endpoint.handle)
    application.router.add_get("/healthz", _health)
    in_flight = ListenersInFlight(app)

    async def let_work_finish(_: web.Application) -> None:
        await in_flight.finish(advisor.settings.shutdown_seconds, starting=endpoint.dispatching)

    async def housekeeping_context(_: web.Application) -> AsyncIterator[None]:
        task = asyncio.create_task(_housekeeping(advisor))
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def web_api_session_context(_: web.Application) -> AsyncIterator[None]:
        async with web_api_session(app):
            yield

    async def worker_threads_context(_: web.Application) -> AsyncIterator[None]:
        use_worker_threads(advisor.settings.worker_threads)
        yield

    application.cleanup_ctx.append(worker_threads_context)  # first: the others start work in them
    application.cleanup_ctx.append(web_api_session_context)
    application.cleanup_ctx.append(housekeeping_context)
    application.on_shutdown.append(let_work_finish)  # runs before the cleanup contexts end
    return application


@contextlib.asynccontextmanager
async def web_api_session(app: AsyncApp) -> AsyncIterator[None]:
    """One aiohttp session, its connections kept alive, for the app's Web API calls.

    Without it slack_sdk opens a new session and connection for every call: three or
    four per question, each a TCP (and TLS) handshake.
    """
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=app.client.timeout))
    app.client.session = session
    try:
        yield
    finally:
        app.client.session = None
        await session.close()


def use_worker_threads(count: int) -> None:
    """Give the running loop `count` worker threads (`ADVISOR_WORKER_THREADS`) for `asyncio.to_thread`.

    The database work of a question (its claim, take, reservation, settlement) runs in
    them, and so does LiteLLM's preparation of a call. Python runs one thread at a time,
    and asyncio's default (the CPUs plus four) lets more transactions wait on the same
    budget rows at once, which costs the database more CPU per question, not less (see
    docs/OPERATING.md on sizing, and the benchmarks).
    """
    executor = ThreadPoolExecutor(max_workers=count, thread_name_prefix="advisor-worker")
    asyncio.get_running_loop().set_default_executor(executor)


def ready_to_serve(settings: Settings) -> Advisor:
    """The advisor, its schema migrated, with the models loading in the background.

    Acknowledging Slack, and every answer that needs no model, can start at once; what an
    open question needs (the models file, and with it LiteLLM: two seconds to import, the
    larger part of starting up) loads meanwhile on a thread of its own. A question that
    comes sooner waits for it in a worker thread, never on the event loop that acknowledges.
    """
    advisor = Advisor(settings)
    advisor.database.session().close()
    # Not a daemon: a process told to stop while this thread imports would otherwise be finalized with the
    # import half done, and an object LiteLLM cleans up at exit waits on that import's lock for ever.
    threading.Thread(target=load_models, args=(advisor,), name="load-models").start()
    return advisor


def load_models(advisor: Advisor) -> None:
    """Load what the first model call needs: the models file (which imports LiteLLM) and the
    OpenAI client's resource modules.

    The objects alive then are frozen out of the garbage collector: LiteLLM brings hundreds
    of thousands of them, and a full collection that walked them all would take a fifth of
    a second, long enough to delay every acknowledgement in flight.
    """
    try:
        models = advisor.roster.setup
        logger.info("%d usable model(s); %d not usable", len(models.usable), len(models.unusable))
        for warning in advisor.roster.warnings():
            logger.warning("%s", warning)
        import openai.resources.chat  # noqa: F401
    except Exception:
        logger.exception("loading the models failed; open questions will try again")
    gc.freeze()


def serve_http(settings: Settings, host: str, port: int) -> None:
    app = build_app(settings, advisor := ready_to_serve(settings))
    logger.info("listening for Slack on http://%s:%d%s", host, port, EVENTS_PATH)
    secret = settings.slack_signing_secret.get_secret_value()  # type: ignore[union-attr]  # build_app checked it is set
    web.run_app(
        http_application(app, advisor, secret),
        host=host,
        port=port,
        access_log=None,
        print=None,
        backlog=LISTEN_BACKLOG,
    )


def serve_socket(settings: Settings, with_clock: bool = False) -> None:
    """Socket Mode until told to stop. `with_clock`: this process also posts the monthly
    inventory (`bot.slack.clock`) when ADVISOR_INVENTORY_CHANNEL is set, so that one `advisor start`
    is the whole app; with several processes, the `clock:` process does it instead."""
    if settings.slack_app_token is None:
        raise SlackNotConfigured(
            "SLACK_APP_TOKEN is not set: Socket Mode needs an app-level token (xapp-…) with the "
            "connections:write scope (Basic Information → App-Level Tokens in your app's settings)"
        )
    asyncio.run(_socket_mode(settings, with_clock))


async def _socket_mode(settings: Settings, with_clock: bool) -> None:
    from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
    from slack_sdk.web.async_client import AsyncWebClient

    use_worker_threads(settings.worker_threads)
    advisor = ready_to_serve(settings)
    app = build_app(settings, advisor, socket_mode=True)
    in_flight = ListenersInFlight(app)
    handler = AsyncSocketModeHandler(
        app,
        settings.slack_app_token.get_secret_value(),  # type: ignore[union-attr]  # serve_socket checked it is set
        web_client=AsyncWebClient(base_url=settings.slack_api_url or AsyncWebClient.BASE_URL),
    )
    told_to_stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, told_to_stop.set)
    housekeeping = asyncio.create_task(_housekeeping(advisor))
    background = [housekeeping]
    if with_clock and settings.inventory_channel:
        from bot.slack.clock import InventoryClock

        background.append(asyncio.create_task(InventoryClock(settings, app.client, advisor).run()))
        logger.info("posting the monthly inventory in %s", settings.inventory_channel)
    try:
        async with web_api_session(app):
            try:
                await handler.connect_async()
                logger.info("connected to Slack in Socket Mode")
                await told_to_stop.wait()
            finally:
                await handler.close_async()  # envelopes not acknowledged yet go to another connection
            await in_flight.finish(settings.shutdown_seconds)  # the work under way, with the Web API open
    finally:
        for task in background:
            task.cancel()


async def _housekeeping(advisor: Advisor) -> None:
    """Give back the budget holds and close the questions of processes that died, now and then; fetch
    LiteLLM's published cost map again when a month begins (with ADVISOR_REMOTE_COST_MAP)."""
    from bot.store.slack_state import EventClaims

    claims = EventClaims(advisor.database, advisor.settings.lease)
    while True:
        try:
            await asyncio.to_thread(advisor.budgets.expire_stale)
            abandoned_before = dt.datetime.now(dt.UTC) - advisor.settings.lease
            if closed := await asyncio.to_thread(advisor.questions.close_abandoned, abandoned_before):
                logger.warning("%d question(s) abandoned by a process that stopped were marked failed", closed)
            await asyncio.to_thread(claims.forget_before, dt.datetime.now(dt.UTC) - KEEP_EVENT_CLAIMS)
            await advisor.cost_map_refresh.due()
        except Exception:
            logger.exception("housekeeping failed; trying again later")
        await asyncio.sleep(advisor.settings.housekeeping_seconds)
