"""A Slack Web API of the tests' own, on loopback.

The real `slack_sdk` clients (`AsyncWebClient`, `WebClient`, and Bolt through them) talk
to it over real HTTP, so a test sees what production would see: Slack's response shapes,
its ``ok: false`` errors, its HTTP 429 with ``Retry-After``, and the client's own
retries::

    with FakeSlack() as server:
        server.add_user("U0001", is_admin=True, locale="ja-JP")
        server.rate_limit_next("chat.postMessage", retry_after=1)
        client = AsyncWebClient(token=server.token, base_url=server.base_url)
        await client.chat_postMessage(channel="C0001", text="Hello")  # SlackApiError, 429
        await server.await_for("chat.postMessage")

or ask for the function-scoped `fake_slack` fixture (import it into a conftest or a test
module, or list this module in `pytest_plugins`).

The server runs an aiohttp application on its own event loop in a background thread (see
`tests.fakes.loopback`), so synchronous and asynchronous tests can both use it and requests
are served concurrently.
`wait_for` blocks the calling thread; from a coroutine use `await_for`, which lets the
test's own event loop run (and so the client under test make the call being awaited).

Served at `base_url` (``http://127.0.0.1:PORT/api/``): apps.connections.open (with the
app-level token, ``xapp-…``; see `tests.fakes.socket_mode`), auth.test, users.info,
chat.postMessage, chat.update, chat.postEphemeral, views.open, views.push, views.update,
views.publish, conversations.replies, conversations.info, files.getUploadURLExternal,
files.completeUploadExternal, and the AI-app methods of `tests.fakes.slack_streams` (chat
streaming, chat.delete, assistant.threads.setStatus and setSuggestedPrompts); any other
method answers ``unknown_method``. Besides them, the upload URLs that
files.getUploadURLExternal hands out, response URLs (`response_url()`) for the
``response_url`` of slash commands and block actions, and the WebSocket links of Socket
Mode (`socket_mode`).

Arguments are read as Slack reads them: the query string, plus the form or JSON body of a
POST. The token comes from ``Authorization: Bearer`` or, outside JSON bodies, a ``token``
argument (Slack ignores a token inside a JSON body). Arguments that arrive JSON-encoded in
a form or query (``blocks``, ``view``, ``attachments``, ``files``, ``metadata``, ``chunks``,
``loading_messages``, ``prompts``) are decoded, so `RecordedCall.args` holds lists and dicts
whichever encoding the client chose.

The workspace: team T0001, app A0001, bot user UBOT with bot id BBOT. Channel ids are
``C…``, ``G…`` (private) or ``D…`` (IM); the IM with user ``Uxxx`` is ``Dxxx``, and posting to
a user id posts to that IM, as Slack does. The bot is a member of every channel except
those given to `set_not_in_channel`. Message timestamps count up from 1700000000.000100.

Validation follows Slack's documented limits: message text up to 40,000 characters; up to
50 blocks in a message and 100 in a view; section text up to 3,000 characters, up to 10
section fields of up to 2,000; header text up to 150; up to 25 elements in an actions block
and 10 in a context block; block ids up to 255 characters and unique; modal titles, submit
and close labels up to 24 characters; private_metadata up to 3,000; a modal with input
blocks needs a submit button. A trigger id opens one view only (``exchanged_trigger_id``).

Not modelled: trigger ids expiring after 3 seconds (expire them with `expire_trigger`),
Slack's own rate limits (inject them), pagination of anything but conversations.replies,
and multipart uploads (slack_sdk uploads raw bytes). Upload and response-URL requests get
no injected latency or faults.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import bisect
import contextlib
import copy
import datetime as dt
import json
import mimetypes
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple
from zoneinfo import ZoneInfo

import pytest
from aiohttp import web

from tests.fakes.loopback import LoopbackServer
from tests.fakes.slack_rules import (
    MAX_REPLIES_LIMIT,
    Answer,
    Arguments,
    SlackError,
    argument_flag,
    argument_integer,
    argument_text,
    invalid_arguments,
    message_content,
    view_errors,
)
from tests.fakes.slack_streams import StreamingMethods
from tests.fakes.socket_mode import SocketModeLinks

DEFAULT_TOKEN = "xoxb-test"
DEFAULT_APP_TOKEN = "xapp-1-A0001-test"
TEAM_ID = "T0001"
TEAM_NAME = "Test Workspace"
TEAM_DOMAIN = "test-workspace"
APP_ID = "A0001"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
BOT_NAME = "advisor"

APP_LEVEL_METHODS = frozenset({"apps.connections.open"})
"""Methods that take the app-level token (``xapp-…``) and no other; every other method refuses it."""

POLL_INTERVAL = 0.01  # seconds between checks of `await_for`

RESPONSE_URL_METHOD = "response_url"
"""The `RecordedCall.method` of a POST to a response URL."""


JSON_ENCODED_ARGUMENTS = ("attachments", "blocks", "chunks", "files", "loading_messages", "metadata", "prompts", "view")
"""Arguments that clients JSON-encode when they send a form or a query string."""

FIRST_TS_MICROS = 1_700_000_000_000_100
TS_STEP_MICROS = 100
TS_PATTERN = re.compile(r"^\d{10}\.\d{6}$")
CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]+$")
USER_ID = re.compile(r"^[UW][A-Z0-9]+$")
CURSOR_PREFIX = "next_ts:"

Handler = Callable[[Arguments], Answer]


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class RecordedCall:
    """One Web API request as the server saw it, and what it answered."""

    method: str
    """The API method, e.g. ``chat.postMessage`` (or `RESPONSE_URL_METHOD`)."""
    args: dict[str, Any]
    """Query, form and JSON arguments merged, JSON-encoded ones decoded, token removed."""
    token: str | None
    status: int
    response: dict[str, Any]
    at: float
    """`time.monotonic()` when the request arrived."""
    http_method: str
    """``GET`` or ``POST``: slack_sdk uses GET for some read methods."""
    content_type: str
    """The request body's media type, e.g. ``application/json`` ('' for none)."""

    @property
    def ok(self) -> bool:
        return self.response.get("ok") is True

    @property
    def error(self) -> str | None:
        error = self.response.get("error")
        return error if isinstance(error, str) else None


class UploadedFile(NamedTuple):
    """A file uploaded and completed, once per channel it was shared to (or None)."""

    file_id: str
    filename: str
    title: str
    content: bytes
    channel_id: str | None
    thread_ts: str | None


@dataclass
class _PendingFile:
    file_id: str
    filename: str
    content: bytes | None = None


@dataclass
class _Fault:
    method: str
    remaining: int
    kind: Literal["ratelimit", "fail", "error"]
    status: int = 200
    retry_after: int = 0
    error: str = ""

    def answer(self) -> tuple[int, Answer, dict[str, str]]:
        if self.kind == "ratelimit":
            headers = {"Retry-After": str(self.retry_after)}
            return 429, {"ok": False, "error": "ratelimited"}, headers
        if self.kind == "fail":
            error = "service_unavailable" if self.status == 503 else "fatal_error"
            return self.status, {"ok": False, "error": error}, {}
        return 200, {"ok": False, "error": self.error}, {}


# --------------------------------------------------------------------------- arguments


def _bearer_token(header: str | None) -> str | None:
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


async def _read_arguments(request: web.Request) -> tuple[Arguments, str | None]:
    """The call's arguments and token, read as Slack reads them (see the module docstring)."""
    arguments: Arguments = dict(request.query)
    body_is_json = request.method == "POST" and request.content_type == "application/json"
    if body_is_json:
        raw = await request.read()
        body = _json_body(raw) if raw else {}  # slack_sdk's WebClient labels no body JSON too
        body.pop("token", None)
        arguments.update(body)
    elif request.method == "POST":
        form = await request.post()
        arguments.update({name: value for name, value in form.items() if isinstance(value, str)})
    argument_token = arguments.pop("token", None)
    token = _bearer_token(request.headers.get("Authorization"))
    if token is None and isinstance(argument_token, str) and not body_is_json:
        token = argument_token
    for name in JSON_ENCODED_ARGUMENTS:
        value = arguments.get(name)
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                arguments[name] = json.loads(value)
    return arguments, token


def _json_body(raw: bytes) -> Arguments:
    try:
        body = json.loads(raw)
    except ValueError as error:
        raise SlackError("invalid_json") from error
    if not isinstance(body, dict):
        raise SlackError("json_not_object")
    return body


def _ts_micros(ts: str) -> int:
    seconds, _, fraction = ts.partition(".")
    return int(seconds) * 1_000_000 + int(fraction)


def _ts(micros: int) -> str:
    return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"


def _cursor(ts: str) -> str:
    return base64.b64encode(f"{CURSOR_PREFIX}{ts}".encode()).decode()


def _cursor_ts(cursor: str) -> str:
    try:
        decoded = base64.b64decode(cursor, validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        raise SlackError("invalid_cursor") from None
    if not decoded.startswith(CURSOR_PREFIX):
        raise SlackError("invalid_cursor")
    return decoded.removeprefix(CURSOR_PREFIX)


# --------------------------------------------------------------------------- server


class FakeSlack(StreamingMethods, LoopbackServer):
    """Slack's Web API on 127.0.0.1, for tests.

    Use it as a context manager (or `start()`/`stop()`); `stop()` cuts requests still
    waiting on `latency` short. Everything a test may set or read is thread-safe: users,
    messages, faults, `latency`, `calls`.
    """

    name = "the fake Slack server"
    thread_name = "fake-slack"

    def __init__(
        self,
        *,
        tokens: Iterable[str] = (DEFAULT_TOKEN,),
        app_tokens: Iterable[str] = (DEFAULT_APP_TOKEN,),
        team_id: str = TEAM_ID,
        bot_user_id: str = BOT_USER_ID,
        bot_id: str = BOT_ID,
        latency: float = 0.0,
    ) -> None:
        super().__init__()
        self.tokens: tuple[str, ...] = tuple(tokens)
        if not self.tokens:
            raise ValueError("at least one token must be accepted")
        self.app_tokens: tuple[str, ...] = tuple(app_tokens)
        self.socket_mode = SocketModeLinks(APP_ID)
        """Socket Mode: the links apps open after ``apps.connections.open``, and the envelopes sent over them."""
        self.team_id = team_id
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.latency: float = latency
        """Seconds every Web API request waits before it is answered (requests overlap)."""
        self._lock = threading.RLock()  # re-entrant: a `wait_for` predicate may read `calls`
        self._changed = threading.Condition(self._lock)
        self._calls: list[RecordedCall] = []
        self._faults: list[_Fault] = []
        self._users: dict[str, Answer] = {}
        self._history: dict[str, list[Answer]] = {}  # each channel's messages, in ts order
        self._by_ts: dict[str, dict[str, Answer]] = {}  # the same messages by channel and ts
        self._outside_channels: set[str] = set()
        self._views: dict[str, Answer] = {}
        self._home_views: dict[str, str] = {}
        self._used_triggers: set[str] = set()
        self._expired_triggers: set[str] = set()
        self._pending_files: dict[str, _PendingFile] = {}
        self._uploads: dict[str, _PendingFile] = {}
        self._uploaded: list[UploadedFile] = []
        self._response_urls: set[str] = set()
        self._last_ts_micros = FIRST_TS_MICROS - TS_STEP_MICROS
        self._serial = 0
        self._handlers: dict[str, Handler] = {
            "apps.connections.open": lambda _: self.socket_mode.open_connection(),
            "auth.test": self._auth_test,
            "users.info": self._users_info,
            "chat.postMessage": self._chat_post_message,
            "chat.update": self._chat_update,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "views.open": self._views_open,
            "views.push": self._views_open,  # the same checks, answered the same way
            "views.update": self._views_update,
            "views.publish": self._views_publish,
            "conversations.replies": self._conversations_replies,
            "conversations.info": self._conversations_info,
            "files.getUploadURLExternal": self._files_get_upload_url_external,
            "files.completeUploadExternal": self._files_complete_upload_external,
            **self._streaming_handlers(),
        }
        self.add_user(bot_user_id, is_bot=True, name=BOT_NAME)

    # ---------------------------------------------------------------- lifecycle

    @property
    def token(self) -> str:
        """The first accepted token."""
        return self.tokens[0]

    @property
    def base_url(self) -> str:
        """What slack_sdk clients take as `base_url`: ``http://127.0.0.1:PORT/api/``.

        It ends with a slash because slack_sdk joins it with the method name.
        """
        return f"{self.origin}/api/"

    def _application(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/api/{method}", self._api)
        app.router.add_post("/api/{method}", self._api)
        app.router.add_post("/upload/v1/{upload_id}", self._upload)
        app.router.add_post("/hooks/{hook_id}", self._response_url)
        self.socket_mode.serve(app, self.origin)
        return app

    # ---------------------------------------------------------------- workspace

    def add_user(
        self,
        user_id: str,
        *,
        is_admin: bool = False,
        is_owner: bool = False,
        is_primary_owner: bool = False,
        locale: str = "en-US",
        tz: str = "Asia/Tokyo",
        is_bot: bool = False,
        name: str | None = None,
    ) -> None:
        """Make `user_id` known to users.info (replacing any earlier definition)."""
        offset = dt.datetime.now(ZoneInfo(tz)).utcoffset()
        handle = name or user_id.lower()
        real_name = handle.replace(".", " ").title()
        profile: Answer = {
            "real_name": real_name,
            "display_name": handle,
            "real_name_normalized": real_name,
            "display_name_normalized": handle,
            "first_name": real_name.split(" ")[0],
            "last_name": "",
            "status_text": "",
            "status_emoji": "",
            "image_48": f"https://secure.gravatar.com/avatar/{user_id.lower()}.jpg?s=48",
            "team": self.team_id,
        }
        if is_bot:
            profile["bot_id"], profile["api_app_id"] = self._bot_identity(user_id)
            profile["always_active"] = True
        user: Answer = {
            "id": user_id,
            "team_id": self.team_id,
            "name": handle,
            "deleted": False,
            "color": "9f69e7",
            "real_name": real_name,
            "tz": tz,
            "tz_offset": int(offset.total_seconds()) if offset is not None else 0,
            "profile": profile,
            "is_admin": is_admin,
            "is_owner": is_owner,
            "is_primary_owner": is_primary_owner,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": is_bot,
            "is_app_user": False,
            "updated": FIRST_TS_MICROS // 1_000_000,
            "locale": locale,
        }
        with self._lock:
            self._users[user_id] = user

    def add_message(
        self,
        channel: str,
        text: str,
        user: str,
        ts: str | None = None,
        thread_ts: str | None = None,
        bot: bool = False,
    ) -> str:
        """Put a message in a channel's history (a thread reply with `thread_ts`); its ts.

        With `bot`, the message is a bot's: `user` is the bot user and the message carries
        a bot id (this app's when `user` is its bot user).
        """
        if ts is not None and not TS_PATTERN.match(ts):
            raise ValueError(f"a ts looks like 1700000000.000100, not {ts!r}")
        with self._lock:
            if ts is None:
                ts = self._next_ts()
            else:
                self._last_ts_micros = max(self._last_ts_micros, _ts_micros(ts))
            message: Answer = {
                "type": "message",
                "user": user,
                "text": text,
                "ts": ts,
                "team": self.team_id,
            }
            if bot:
                message["bot_id"], message["app_id"] = self._bot_identity(user)
            self._into_thread(channel, message, thread_ts)
            self._store(channel, message)
        return ts

    def _bot_identity(self, user_id: str) -> tuple[str, str]:
        """The bot id and app id of a bot user: this app's for its bot user, else made up."""
        if user_id == self.bot_user_id:
            return self.bot_id, APP_ID
        return f"B{user_id[1:]}", f"A{user_id[1:]}"

    def set_not_in_channel(self, channel_id: str) -> None:
        """Take the bot out of a channel: posts there answer ``not_in_channel``."""
        with self._lock:
            self._outside_channels.add(channel_id)

    def expire_trigger(self, trigger_id: str) -> None:
        """Make views.open and views.push with this trigger id answer ``expired_trigger_id``."""
        with self._lock:
            self._expired_triggers.add(trigger_id)

    def response_url(self) -> str:
        """A new response URL on this server, to put in a slash command or block action.

        POSTs to it are recorded as calls of `RESPONSE_URL_METHOD` with the JSON body as
        `args`, and answered ``{"ok": true}``.
        """
        hook_id = uuid.uuid4().hex
        with self._lock:
            self._response_urls.add(hook_id)
        return f"{self.origin}/hooks/{hook_id}"

    # ---------------------------------------------------------------- reading state

    @property
    def calls(self) -> list[RecordedCall]:
        """Every call answered so far, in the order they were answered (a copy)."""
        with self._lock:
            return list(self._calls)

    def calls_for(self, method: str) -> list[RecordedCall]:
        return [call for call in self.calls if call.method == method]

    def messages(self, channel: str) -> list[Answer]:
        """The channel's messages, oldest first, as conversations.replies would show them."""
        with self._lock:
            return [self._shown(channel, message) for message in self._history.get(channel, [])]

    def home_view(self, user_id: str) -> Answer | None:
        """The Home tab last published for this user, or None."""
        with self._lock:
            view_id = self._home_views.get(user_id)
            return copy.deepcopy(self._views[view_id]) if view_id is not None else None

    @property
    def uploaded_files(self) -> list[UploadedFile]:
        """Files uploaded and completed so far, in completion order (a copy)."""
        with self._lock:
            return list(self._uploaded)

    # ---------------------------------------------------------------- waiting

    def wait_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,
        predicate: Callable[[RecordedCall], bool] | None = None,
    ) -> list[RecordedCall]:
        """Block until `count` calls of `method` (that satisfy `predicate`) are recorded.

        Returns all such calls so far (at least `count`); raises AssertionError listing
        every call received when `timeout` seconds pass first. Blocks the calling thread:
        from a coroutine, use `await_for`.
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                matching = self._matching(method, predicate)
                if len(matching) >= count:
                    return matching
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(self._timeout_message(method, count, timeout, predicate))
                self._changed.wait(remaining)

    async def await_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,
        predicate: Callable[[RecordedCall], bool] | None = None,
    ) -> list[RecordedCall]:
        """`wait_for` for coroutines: polls without blocking the event loop."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                matching = self._matching(method, predicate)
                if len(matching) >= count:
                    return matching
                if time.monotonic() >= deadline:
                    raise AssertionError(self._timeout_message(method, count, timeout, predicate))
            await asyncio.sleep(POLL_INTERVAL)

    def _matching(self, method: str, predicate: Callable[[RecordedCall], bool] | None) -> list[RecordedCall]:
        return [call for call in self._calls if call.method == method and (predicate is None or predicate(call))]

    def _timeout_message(
        self,
        method: str,
        count: int,
        timeout: float,
        predicate: Callable[[RecordedCall], bool] | None,
    ) -> str:
        matching = len(self._matching(method, predicate))
        which = " matching the predicate" if predicate is not None else ""
        lines = [
            f"expected {count} {method} call(s){which} within {timeout:g}s, got {matching}; "
            f"all {len(self._calls)} call(s) received:"
        ]
        for call in self._calls:
            outcome = "ok" if call.ok else f"error={call.error}"
            lines.append(f"  {call.method} -> {call.status} {outcome} args={call.args!r}")
        return "\n".join(lines)

    # ---------------------------------------------------------------- faults

    def rate_limit_next(self, method: str, times: int = 1, retry_after: int = 1) -> None:
        """Answer the next `times` calls of `method` as Slack rate-limits: HTTP 429,
        ``Retry-After: <retry_after>`` and ``{"ok": false, "error": "ratelimited"}``."""
        if retry_after < 0:
            raise ValueError("retry_after must not be negative")
        self._add_fault(_Fault(method, times, "ratelimit", status=429, retry_after=retry_after))

    def fail_next(self, method: str, status: int = 500, times: int = 1) -> None:
        """Answer the next `times` calls of `method` with an HTTP 5xx status."""
        if not 500 <= status <= 599:
            raise ValueError(f"status must be a 5xx, not {status}")
        self._add_fault(_Fault(method, times, "fail", status=status))

    def error_next(self, method: str, error: str = "not_in_channel", times: int = 1) -> None:
        """Answer the next `times` calls of `method` with HTTP 200 and ``ok: false``."""
        self._add_fault(_Fault(method, times, "error", error=error))

    def _add_fault(self, fault: _Fault) -> None:
        if fault.method not in self._handlers:
            raise ValueError(f"{fault.method!r} is not a method this server serves")
        if fault.remaining < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._faults.append(fault)

    def _take_fault(self, method: str) -> _Fault | None:
        """The first pending fault for this method, one of its `times` used up."""
        with self._lock:
            for fault in self._faults:
                if fault.method == method:
                    fault.remaining -= 1
                    if fault.remaining == 0:
                        self._faults.remove(fault)
                    return fault
        return None

    # ---------------------------------------------------------------- HTTP

    async def _api(self, request: web.Request) -> web.Response:
        arrived = time.monotonic()
        method = request.match_info["method"]
        await self._pause(self.latency)
        headers: dict[str, str] = {}
        try:
            arguments, token = await _read_arguments(request)
        except SlackError as bad:
            arguments, token = {}, _bearer_token(request.headers.get("Authorization"))
            status, answer = 200, bad.answer
        else:
            status, answer, headers = self._answer(method, arguments, token)
        self._record(
            RecordedCall(
                method=method,
                args=arguments,
                token=token,
                status=status,
                response=answer,
                at=arrived,
                http_method=request.method,
                content_type=request.content_type if request.body_exists else "",
            )
        )
        return web.json_response(answer, status=status, headers=headers)

    def _answer(self, method: str, arguments: Arguments, token: str | None) -> tuple[int, Answer, dict[str, str]]:
        handler = self._handlers.get(method)
        if handler is None:
            return 200, {"ok": False, "error": "unknown_method", "req_method": method}, {}
        if token is None:
            return 200, {"ok": False, "error": "not_authed"}, {}
        app_level = method in APP_LEVEL_METHODS
        accepted, other_kind = (self.app_tokens, self.tokens) if app_level else (self.tokens, self.app_tokens)
        if token in other_kind:
            return 200, {"ok": False, "error": "not_allowed_token_type"}, {}
        if token not in accepted:
            return 200, {"ok": False, "error": "invalid_auth"}, {}
        fault = self._take_fault(method)
        if fault is not None:
            return fault.answer()
        try:
            with self._lock:
                answer = handler(arguments)
        except SlackError as error:
            answer = error.answer
        return 200, answer, {}

    def _record(self, call: RecordedCall) -> None:
        with self._changed:
            self._calls.append(call)
            self._changed.notify_all()

    async def _upload(self, request: web.Request) -> web.Response:
        """An upload URL: the raw body is the file, answered as files.slack.com does."""
        content = await request.read()
        with self._lock:
            pending = self._uploads.get(request.match_info["upload_id"])
            if pending is not None:
                pending.content = content
        if pending is None:
            return web.Response(status=404, text="Not Found", content_type="text/plain")
        return web.Response(text=f"OK - {len(content)}", content_type="text/plain")

    async def _response_url(self, request: web.Request) -> web.Response:
        arrived = time.monotonic()
        with self._lock:
            known = request.match_info["hook_id"] in self._response_urls
        try:
            body = json.loads(await request.read())
        except ValueError:
            body = None
        arguments = body if isinstance(body, dict) else {}
        if not known:
            status, answer = 404, {"ok": False, "error": "invalid_token"}
        elif body is None:
            status, answer = 400, {"ok": False, "error": "invalid_payload"}
        else:
            status, answer = 200, {"ok": True}
        self._record(
            RecordedCall(
                method=RESPONSE_URL_METHOD,
                args=arguments,
                token=None,
                status=status,
                response=answer,
                at=arrived,
                http_method=request.method,
                content_type=request.content_type,
            )
        )
        return web.json_response(answer, status=status)

    # ---------------------------------------------------------------- store (lock held)

    def _next_ts(self) -> str:
        self._last_ts_micros += TS_STEP_MICROS
        return _ts(self._last_ts_micros)

    def _next_id(self, prefix: str) -> str:
        self._serial += 1
        return f"{prefix}{self._serial:08d}"

    def _store(self, channel: str, message: Answer) -> None:
        # In ts order, found by ts: a benchmark's channel holds thousands of messages.
        bisect.insort(self._history.setdefault(channel, []), message, key=lambda stored: _ts_micros(stored["ts"]))
        self._by_ts.setdefault(channel, {}).setdefault(message["ts"], message)  # a ts is a message's key

    def _find(self, channel: str, ts: str) -> Answer | None:
        return self._by_ts.get(channel, {}).get(ts)

    def _into_thread(self, channel: str, message: Answer, thread_ts: str | None) -> None:
        """Make `message` a reply in the thread of `thread_ts` (nothing when None)."""
        if thread_ts is None:
            return
        message["thread_ts"] = thread_ts
        parent = self._find(channel, thread_ts)
        if parent is not None and "user" in parent:
            message["parent_user_id"] = parent["user"]

    def _shown(self, channel: str, message: Answer) -> Answer:
        """A copy of a stored message with the thread summary Slack adds to a parent."""
        shown = copy.deepcopy(message)
        replies = [
            reply
            for reply in self._history.get(channel, [])
            if reply.get("thread_ts") == message["ts"] and reply["ts"] != message["ts"]
        ]
        if replies:
            users = list(dict.fromkeys(reply["user"] for reply in replies if "user" in reply))
            shown.update(
                thread_ts=message["ts"],
                reply_count=len(replies),
                reply_users=users,
                reply_users_count=len(users),
                latest_reply=replies[-1]["ts"],
            )
        return shown

    def _conversation(self, arguments: Arguments, name: str = "channel") -> str:
        """The conversation id a call names; a user id stands for the IM with that user."""
        channel = argument_text(arguments, name)
        if channel is not None and USER_ID.match(channel):
            return f"D{channel[1:]}"
        if channel is None or not CHANNEL_ID.match(channel):
            raise SlackError("channel_not_found")
        return channel

    def _member_conversation(self, arguments: Arguments, name: str = "channel") -> str:
        channel = self._conversation(arguments, name)
        if channel in self._outside_channels:
            raise SlackError("not_in_channel")
        return channel

    def _bot_message(self, content: Answer, ts: str) -> Answer:
        return {
            "type": "message",
            "user": self.bot_user_id,
            "bot_id": self.bot_id,
            "app_id": APP_ID,
            **content,
            "ts": ts,
            "team": self.team_id,
            "bot_profile": {
                "id": self.bot_id,
                "app_id": APP_ID,
                "name": BOT_NAME,
                "deleted": False,
                "team_id": self.team_id,
            },
        }

    def _use_trigger(self, arguments: Arguments) -> None:
        trigger_id = argument_text(arguments, "trigger_id") or argument_text(arguments, "interactivity_pointer")
        if trigger_id is None:
            raise invalid_arguments("missing required field: trigger_id")
        if trigger_id in self._expired_triggers:
            raise SlackError("expired_trigger_id")
        if trigger_id in self._used_triggers:
            raise SlackError("exchanged_trigger_id")
        self._used_triggers.add(trigger_id)

    def _checked_view(self, arguments: Arguments, kinds: tuple[str, ...]) -> Answer:
        view = arguments.get("view")
        errors = view_errors(view, kinds)
        if errors or not isinstance(view, dict):
            raise invalid_arguments(*errors)
        return view

    def _new_view(self, view: Answer, view_id: str, root_view_id: str | None = None) -> Answer:
        record: Answer = {
            "id": view_id,
            "team_id": self.team_id,
            "type": view["type"],
            "title": view.get("title"),
            "submit": view.get("submit"),
            "close": view.get("close"),
            "blocks": view["blocks"],
            "private_metadata": view.get("private_metadata", ""),
            "callback_id": view.get("callback_id", ""),
            "external_id": view.get("external_id", ""),
            "state": {"values": {}},
            "hash": self._next_ts(),
            "clear_on_close": bool(view.get("clear_on_close", False)),
            "notify_on_close": bool(view.get("notify_on_close", False)),
            "root_view_id": root_view_id or view_id,
            "previous_view_id": None,
            "app_id": APP_ID,
            "app_installed_team_id": self.team_id,
            "bot_id": self.bot_id,
        }
        self._views[view_id] = record
        return record

    # ---------------------------------------------------------------- methods (lock held)

    def _auth_test(self, arguments: Arguments) -> Answer:
        return {
            "ok": True,
            "url": f"https://{TEAM_DOMAIN}.slack.com/",
            "team": TEAM_NAME,
            "user": BOT_NAME,
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    def _users_info(self, arguments: Arguments) -> Answer:
        user = self._users.get(argument_text(arguments, "user") or "")
        if user is None:
            raise SlackError("user_not_found")
        shown = copy.deepcopy(user)
        if not argument_flag(arguments, "include_locale"):
            del shown["locale"]
        return {"ok": True, "user": shown}

    def _chat_post_message(self, arguments: Arguments) -> Answer:
        channel = self._member_conversation(arguments)
        message = self._bot_message(message_content(arguments), self._next_ts())
        self._into_thread(channel, message, argument_text(arguments, "thread_ts"))
        self._store(channel, message)
        self._replied_in_thread(channel, argument_text(arguments, "thread_ts"))  # clears its status
        return {
            "ok": True,
            "channel": channel,
            "ts": message["ts"],
            "message": copy.deepcopy(message),
        }

    def _chat_update(self, arguments: Arguments) -> Answer:
        channel = self._conversation(arguments)
        message = self._find(channel, argument_text(arguments, "ts") or "")
        if message is None:
            raise SlackError("message_not_found")
        if message.get("bot_id") != self.bot_id:
            raise SlackError("cant_update_message")
        message.update(message_content(arguments, previous=message))
        message["edited"] = {"user": self.bot_user_id, "ts": self._next_ts()}
        return {
            "ok": True,
            "channel": channel,
            "ts": message["ts"],
            "text": message["text"],
            "message": copy.deepcopy(message),
        }

    def _chat_post_ephemeral(self, arguments: Arguments) -> Answer:
        self._member_conversation(arguments)
        if argument_text(arguments, "user") is None:
            raise SlackError("user_not_found")
        message_content(arguments)
        return {"ok": True, "message_ts": self._next_ts()}

    def _views_open(self, arguments: Arguments) -> Answer:
        view = self._checked_view(arguments, ("modal",))
        self._use_trigger(arguments)
        return {"ok": True, "view": copy.deepcopy(self._new_view(view, self._next_id("V")))}

    def _views_update(self, arguments: Arguments) -> Answer:
        view_id = argument_text(arguments, "view_id")
        external_id = argument_text(arguments, "external_id")
        if view_id is None and external_id is None:
            raise invalid_arguments("either view_id or external_id is required")
        stored = next(
            (
                candidate
                for candidate in self._views.values()
                if candidate["id"] == view_id or (external_id is not None and candidate["external_id"] == external_id)
            ),
            None,
        )
        if stored is None:
            raise SlackError("not_found")
        view_hash = argument_text(arguments, "hash")
        if view_hash is not None and view_hash != stored["hash"]:
            raise SlackError("hash_conflict")
        view = self._checked_view(arguments, (stored["type"],))
        updated = self._new_view(view, stored["id"], stored["root_view_id"])
        return {"ok": True, "view": copy.deepcopy(updated)}

    def _views_publish(self, arguments: Arguments) -> Answer:
        user_id = argument_text(arguments, "user_id")
        if user_id is None:
            raise invalid_arguments("missing required field: user_id")
        view = self._checked_view(arguments, ("home",))
        view_id = self._home_views.get(user_id)
        view_hash = argument_text(arguments, "hash")
        if view_id is not None and view_hash is not None and view_hash != self._views[view_id]["hash"]:
            raise SlackError("hash_conflict")
        published = self._new_view(view, view_id or self._next_id("V"))
        self._home_views[user_id] = published["id"]
        return {"ok": True, "view": copy.deepcopy(published)}

    def _conversations_replies(self, arguments: Arguments) -> Answer:
        channel = self._member_conversation(arguments)
        ts = argument_text(arguments, "ts")
        if ts is None:
            raise invalid_arguments("missing required field: ts")
        limit = min(max(argument_integer(arguments, "limit", MAX_REPLIES_LIMIT), 1), MAX_REPLIES_LIMIT)
        history = self._history.get(channel, [])
        named = self._find(channel, ts)
        if named is not None and named.get("thread_ts") not in (None, ts):
            thread = [named]  # the ts of a reply: Slack answers with that reply alone
        else:
            thread = [message for message in history if message["ts"] == ts or message.get("thread_ts") == ts]
        if not thread:
            raise SlackError("thread_not_found")
        start = 0
        cursor = argument_text(arguments, "cursor")
        if cursor is not None:
            next_ts = _cursor_ts(cursor)
            start = next((index for index, message in enumerate(thread) if message["ts"] == next_ts), -1)
            if start < 0:
                raise SlackError("invalid_cursor")
        page = thread[start : start + limit]
        answer: Answer = {
            "ok": True,
            "messages": [self._shown(channel, message) for message in page],
            "has_more": start + limit < len(thread),
        }
        if answer["has_more"]:
            answer["response_metadata"] = {"next_cursor": _cursor(thread[start + limit]["ts"])}
        return answer

    def _conversations_info(self, arguments: Arguments) -> Answer:
        channel = self._conversation(arguments)
        created = FIRST_TS_MICROS // 1_000_000
        if channel.startswith("D"):
            return {
                "ok": True,
                "channel": {
                    "id": channel,
                    "created": created,
                    "is_channel": False,
                    "is_group": False,
                    "is_im": True,
                    "is_mpim": False,
                    "is_private": True,
                    "is_org_shared": False,
                    "context_team_id": self.team_id,
                    "updated": created,
                    "user": f"U{channel[1:]}",
                    "is_user_deleted": False,
                    "priority": 0,
                    "is_open": True,
                },
            }
        name = channel.lower()
        return {
            "ok": True,
            "channel": {
                "id": channel,
                "name": name,
                "is_channel": True,
                "is_group": False,
                "is_im": False,
                "is_mpim": False,
                "is_private": channel.startswith("G"),
                "created": created,
                "is_archived": False,
                "is_general": False,
                "unlinked": 0,
                "name_normalized": name,
                "is_shared": False,
                "is_org_shared": False,
                "is_ext_shared": False,
                "is_pending_ext_shared": False,
                "pending_shared": [],
                "context_team_id": self.team_id,
                "updated": created,
                "parent_conversation": None,
                "creator": "U0000",
                "shared_team_ids": [self.team_id],
                "pending_connected_team_ids": [],
                "is_member": channel not in self._outside_channels,
                "topic": {"value": "", "creator": "", "last_set": 0},
                "purpose": {"value": "", "creator": "", "last_set": 0},
                "previous_names": [],
            },
        }

    def _files_get_upload_url_external(self, arguments: Arguments) -> Answer:
        filename = argument_text(arguments, "filename")
        if filename is None:
            raise invalid_arguments("missing required field: filename")
        length = argument_text(arguments, "length")
        if length is None or not length.isdigit():
            raise invalid_arguments("missing required field: length")
        pending = _PendingFile(self._next_id("F"), filename)
        upload_id = uuid.uuid4().hex
        self._pending_files[pending.file_id] = pending
        self._uploads[upload_id] = pending
        return {
            "ok": True,
            "upload_url": f"{self.origin}/upload/v1/{upload_id}",
            "file_id": pending.file_id,
        }

    def _files_complete_upload_external(self, arguments: Arguments) -> Answer:
        described = arguments.get("files")
        if not isinstance(described, list) or not described:
            raise invalid_arguments("missing required field: files")
        channels: list[str | None] = [None]
        if argument_text(arguments, "channel_id") is not None:
            channels = [self._member_conversation(arguments, "channel_id")]
        elif argument_text(arguments, "channels") is not None:
            channels = [self._member_conversation({"channel": name}) for name in arguments["channels"].split(",")]
        completed: list[UploadedFile] = []
        thread_ts = argument_text(arguments, "thread_ts")
        for item in described:
            file_id = item.get("id") if isinstance(item, dict) else None
            pending = self._pending_files.get(file_id) if isinstance(file_id, str) else None
            if pending is None or pending.content is None:
                raise SlackError("file_not_found")
            title = item.get("title") or pending.filename
            completed.append(UploadedFile(pending.file_id, pending.filename, title, pending.content, None, thread_ts))
        for channel in channels:
            shared = [uploaded._replace(channel_id=channel) for uploaded in completed]
            self._uploaded.extend(shared)
            if channel is not None:
                self._share(channel, shared, argument_text(arguments, "initial_comment") or "")
        return {
            "ok": True,
            "files": [{"id": uploaded.file_id, "title": uploaded.title} for uploaded in completed],
        }

    def _share(self, channel: str, files: list[UploadedFile], comment: str) -> None:
        """The message a completed upload leaves in the channel it was shared to."""
        ts = self._next_ts()
        message = self._bot_message({"text": comment, "upload": True}, ts)
        message["files"] = [self._file_object(uploaded, ts) for uploaded in files]
        self._into_thread(channel, message, files[0].thread_ts)
        self._store(channel, message)

    def _file_object(self, uploaded: UploadedFile, ts: str) -> Answer:
        name = uploaded.filename
        extension = name.rpartition(".")[2].lower() if "." in name else "binary"
        return {
            "id": uploaded.file_id,
            "created": _ts_micros(ts) // 1_000_000,
            "name": name,
            "title": uploaded.title,
            "mimetype": mimetypes.guess_type(name)[0] or "application/octet-stream",
            "filetype": extension,
            "user": self.bot_user_id,
            "size": len(uploaded.content),
            "url_private": f"https://files.slack.com/files-pri/{self.team_id}-{uploaded.file_id}/{name}",
            "permalink": f"https://{TEAM_DOMAIN}.slack.com/files/{self.bot_user_id}/{uploaded.file_id}/{name}",
        }


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    """A running `FakeSlack` for one test, accepting the token ``xoxb-test``."""
    with FakeSlack() as server:
        yield server
