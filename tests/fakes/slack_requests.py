"""Requests as Slack sends them to an app in HTTP mode: Slack's payload shapes, signed.

Builders return a `SlackPayload` (the body and its content type); `post_signed` (or
`post_signed_sync`) signs one and POSTs it to the app over real HTTP, the way Slack does::

    payload = event_callback(app_mention("How do we start?", user="U0001", channel="C0001"))
    status, text, headers = await post_signed(url, *payload, SIGNING_SECRET)

Events (JSON) go in an `event_callback` envelope; slash commands are a form body;
interactions (`block_actions`, `view_submission`) are a form body with one ``payload``
field holding JSON. The workspace and the app's bot are those of `FakeSlack` (team T0001,
app A0001, bot user UBOT), so an app wired to that stand-in sees one consistent workspace.

A ``response_url`` that is not given is a real-looking hooks.slack.com URL: when the app
will answer through it, pass `FakeSlack.response_url()` instead, or the app would reach
the real Slack.

Signing follows https://api.slack.com/authentication/verifying-requests-from-slack:
``v0=`` and the hex HMAC-SHA256, keyed with the signing secret, of ``v0:{timestamp}:{body}``.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import hmac
import itertools
import json
import re
import time
import uuid
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, urlencode

import aiohttp
import httpx

from tests.fakes.slack_server import APP_ID, BOT_ID, BOT_USER_ID, TEAM_DOMAIN, TEAM_ID

JSON_CONTENT_TYPE = "application/json"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
VERIFICATION_TOKEN = "legacy-verification-token"
"""The deprecated verification token every payload still carries."""
USER_AGENT = "Slackbot 1.0 (+https://api.slack.com/robots)"
RETRY_REASON = "http_timeout"
SEND_TIMEOUT = 10.0  # seconds for a whole `post_signed` exchange

MENTION = re.compile(r"<@([UW][A-Z0-9]+)>")

_sequence = itertools.count(1)


class SlackPayload(NamedTuple):
    """A request body and its ``Content-Type``, as Slack would send them."""

    body: str
    content_type: str


class SignedResponse(NamedTuple):
    """What the app answered to a signed request."""

    status: int
    text: str
    headers: Mapping[str, str]
    """Case-insensitive, as HTTP headers are."""


# --------------------------------------------------------------------------- signing


def sign(body: bytes | str, secret: str, timestamp: int | None = None) -> dict[str, str]:
    """The ``X-Slack-Request-Timestamp`` and ``X-Slack-Signature`` headers for a body.

    `timestamp` is Unix seconds, now when None; apps refuse one older than five minutes.
    """
    when = int(time.time()) if timestamp is None else timestamp
    raw = body.encode() if isinstance(body, str) else body
    base = b"v0:" + str(when).encode() + b":" + raw
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(when), "X-Slack-Signature": f"v0={digest}"}


def slack_headers(
    body: str, content_type: str, secret: str, *, retry_num: int | None, timestamp: int | None
) -> dict[str, str]:
    """Every header Slack sends with a request to the app.

    With `retry_num`, the request is Slack's retry number `retry_num` of an event the
    app did not acknowledge in time (``X-Slack-Retry-Num``, ``X-Slack-Retry-Reason``).
    """
    headers = {
        "Content-Type": content_type,
        "User-Agent": USER_AGENT,
        **sign(body, secret, timestamp),
    }
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = RETRY_REASON
    return headers


async def post_signed(
    url: str,
    body: str,
    content_type: str,
    secret: str,
    *,
    session: aiohttp.ClientSession | None = None,
    retry_num: int | None = None,
    timestamp: int | None = None,
) -> SignedResponse:
    """POST a body to the app as Slack does, with `slack_headers`.

    Uses `session` when given, else a session of its own; bounded by `SEND_TIMEOUT`.
    """
    headers = slack_headers(body, content_type, secret, retry_num=retry_num, timestamp=timestamp)
    timeout = aiohttp.ClientTimeout(total=SEND_TIMEOUT)
    async with (
        _session(session) as client,
        client.post(url, data=body.encode(), headers=headers, timeout=timeout) as response,
    ):
        return SignedResponse(response.status, await response.text(), response.headers.copy())


def post_signed_sync(
    url: str,
    body: str,
    content_type: str,
    secret: str,
    *,
    retry_num: int | None = None,
    timestamp: int | None = None,
) -> SignedResponse:
    """`post_signed` for synchronous tests (of an app served on another thread)."""
    headers = slack_headers(body, content_type, secret, retry_num=retry_num, timestamp=timestamp)
    response = httpx.post(url, content=body.encode(), headers=headers, timeout=SEND_TIMEOUT)
    return SignedResponse(response.status_code, response.text, response.headers)


class Send(NamedTuple):
    """One request of `post_all`: where, what, and Slack's retry number if it is a retry."""

    url: str
    payload: SlackPayload
    retry_num: int | None = None


@dataclass(frozen=True)
class Sent:
    """How one request of `post_all` went."""

    status: int  # 0 when no HTTP answer came
    sent_at: float  # time.monotonic() just before the request went out
    answered_at: float  # time.monotonic() once the response body was read (or the request failed)
    error: str | None  # why no HTTP answer came


async def post_all(
    session: aiohttp.ClientSession, sends: Sequence[Send], secret: str, *, concurrency: int, timeout: float
) -> list[Sent]:
    """POST every request signed as Slack does, at most `concurrency` in flight; how each went, in order.

    All are signed before the first goes out, so signing counts in no request's time;
    `timeout` bounds each request's whole exchange.
    """
    gate = asyncio.Semaphore(concurrency)
    limit = aiohttp.ClientTimeout(total=timeout)
    signed = [
        (
            send.url,
            send.payload.body.encode(),
            slack_headers(
                send.payload.body, send.payload.content_type, secret, retry_num=send.retry_num, timestamp=None
            ),
        )
        for send in sends
    ]

    async def post(url: str, body: bytes, headers: dict[str, str]) -> Sent:
        async with gate:
            sent_at = time.monotonic()
            try:
                async with session.post(url, data=body, headers=headers, timeout=limit) as response:
                    await response.read()
                    return Sent(response.status, sent_at, time.monotonic(), None)
            except (aiohttp.ClientError, TimeoutError) as failure:
                return Sent(0, sent_at, time.monotonic(), f"{type(failure).__name__}: {failure}")

    return list(await asyncio.gather(*(post(*request) for request in signed)))


@contextlib.asynccontextmanager
async def _session(given: aiohttp.ClientSession | None) -> AsyncIterator[aiohttp.ClientSession]:
    """The given session, left open, or a new one closed on exit."""
    if given is not None:
        yield given
        return
    async with aiohttp.ClientSession() as own:
        yield own


# --------------------------------------------------------------------------- identifiers


def new_ts() -> str:
    """A message timestamp (``1700000000.000123``) of now, unique within the test run."""
    return f"{int(time.time())}.{next(_sequence) % 1_000_000:06d}"


def new_trigger_id() -> str:
    """A trigger id in Slack's shape; each one opens one view."""
    return f"{next(_sequence)}.{int(time.time())}.{uuid.uuid4().hex}"


def _new_event_id() -> str:
    return f"Ev{uuid.uuid4().hex[:10].upper()}"


def _response_url(kind: str, team_id: str) -> str:
    return f"https://hooks.slack.com/{kind}/{team_id}/{next(_sequence)}/{uuid.uuid4().hex[:24]}"


def _rich_text(text: str) -> list[dict[str, Any]]:
    """The ``rich_text`` block Slack adds to a typed message, mentions as user elements."""
    elements: list[dict[str, Any]] = []
    position = 0
    for mention in MENTION.finditer(text):
        if mention.start() > position:
            elements.append({"type": "text", "text": text[position : mention.start()]})
        elements.append({"type": "user", "user_id": mention.group(1)})
        position = mention.end()
    if position < len(text):
        elements.append({"type": "text", "text": text[position:]})
    section = {"type": "rich_text_section", "elements": elements}
    return [{"type": "rich_text", "block_id": uuid.uuid4().hex[:5], "elements": [section]}]


def _typed_message(
    text: str,
    user: str,
    channel: str,
    channel_type: str,
    ts: str | None,
    thread_ts: str | None,
    team: str,
) -> dict[str, Any]:
    """A ``message`` event of a person's message, as the Events API delivers it."""
    stamp = ts or new_ts()
    event: dict[str, Any] = {
        "type": "message",
        "user": user,
        "text": text,
        "ts": stamp,
        "client_msg_id": str(uuid.uuid4()),
        "team": team,
        "blocks": _rich_text(text),
        "channel": channel,
        "event_ts": stamp,
        "channel_type": channel_type,
    }
    if thread_ts is not None:
        event["thread_ts"] = thread_ts
    return event


# --------------------------------------------------------------------------- events


def event_callback(
    event: Mapping[str, Any],
    *,
    team_id: str = TEAM_ID,
    api_app_id: str = APP_ID,
    event_id: str | None = None,
    event_time: int | None = None,
) -> SlackPayload:
    """The Events API envelope around an event, as JSON."""
    context = {
        "et": event.get("type"),
        "tid": team_id,
        "aid": api_app_id,
        "cid": event.get("channel"),
    }
    encoded_context = base64.urlsafe_b64encode(json.dumps(context, separators=(",", ":")).encode())
    envelope = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "context_team_id": team_id,
        "context_enterprise_id": None,
        "api_app_id": api_app_id,
        "event": dict(event),
        "type": "event_callback",
        "event_id": event_id or _new_event_id(),
        "event_time": int(time.time()) if event_time is None else event_time,
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": "4-" + encoded_context.decode().rstrip("="),
    }
    return SlackPayload(json.dumps(envelope), JSON_CONTENT_TYPE)


def app_mention(
    text: str,
    *,
    user: str,
    channel: str,
    ts: str | None = None,
    thread_ts: str | None = None,
    team: str = TEAM_ID,
) -> dict[str, Any]:
    """An ``app_mention`` event; `text` gets ``<@UBOT> `` in front unless it mentions the bot."""
    mention = f"<@{BOT_USER_ID}>"
    said = text if mention in text else f"{mention} {text}"
    event = _typed_message(said, user, channel, "channel", ts, thread_ts, team)
    del event["channel_type"]  # app_mention events have none
    event["type"] = "app_mention"
    return event


def direct_message(
    text: str,
    *,
    user: str,
    channel: str = "D0001",
    ts: str | None = None,
    thread_ts: str | None = None,
) -> dict[str, Any]:
    """A ``message`` event from the IM between a person and the bot (``message.im``)."""
    return _typed_message(text, user, channel, "im", ts, thread_ts, TEAM_ID)


def channel_message(
    text: str,
    *,
    user: str,
    channel: str,
    ts: str | None = None,
    thread_ts: str | None = None,
    parent_user_id: str | None = None,
) -> dict[str, Any]:
    """A ``message`` event in a public channel (``message.channels``): with `thread_ts`,
    a reply in that thread, which Slack marks with the thread starter's user id."""
    event = _typed_message(text, user, channel, "channel", ts, thread_ts, TEAM_ID)
    if parent_user_id is not None:
        event["parent_user_id"] = parent_user_id
    return event


def bot_message(
    text: str,
    *,
    channel: str,
    bot_id: str = BOT_ID,
    username: str = "advisor",
    ts: str | None = None,
    thread_ts: str | None = None,
    channel_type: str = "channel",
) -> dict[str, Any]:
    """A ``bot_message`` event: by default from this app's own bot, which must not answer it."""
    stamp = ts or new_ts()
    event: dict[str, Any] = {
        "type": "message",
        "subtype": "bot_message",
        "text": text,
        "ts": stamp,
        "username": username,
        "bot_id": bot_id,
        "channel": channel,
        "event_ts": stamp,
        "channel_type": channel_type,
    }
    if thread_ts is not None:
        event["thread_ts"] = thread_ts
    return event


def message_changed(
    text: str,
    *,
    user: str,
    channel: str,
    message_ts: str,
    previous_text: str = "",
    channel_type: str = "channel",
) -> dict[str, Any]:
    """A ``message_changed`` event: `user` edited their message `message_ts` to `text`."""
    stamp = new_ts()
    previous = {
        "type": "message",
        "user": user,
        "text": previous_text,
        "ts": message_ts,
        "team": TEAM_ID,
    }
    edited = {
        **previous,
        "text": text,
        "blocks": _rich_text(text),
        "edited": {"user": user, "ts": stamp},
    }
    return {
        "type": "message",
        "subtype": "message_changed",
        "message": edited,
        "previous_message": previous,
        "channel": channel,
        "hidden": True,
        "ts": stamp,
        "event_ts": stamp,
        "channel_type": channel_type,
    }


def message_deleted(
    *,
    user: str,
    channel: str,
    deleted_ts: str,
    previous_text: str = "",
    channel_type: str = "channel",
) -> dict[str, Any]:
    """A ``message_deleted`` event: `user`'s message `deleted_ts` was deleted."""
    stamp = new_ts()
    return {
        "type": "message",
        "subtype": "message_deleted",
        "previous_message": {
            "type": "message",
            "user": user,
            "text": previous_text,
            "ts": deleted_ts,
        },
        "channel": channel,
        "hidden": True,
        "deleted_ts": deleted_ts,
        "ts": stamp,
        "event_ts": stamp,
        "channel_type": channel_type,
    }


def app_home_opened(
    user: str, tab: str = "home", *, channel: str = "D0001", view: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """An ``app_home_opened`` event; `view` is the Home tab published before, if any."""
    event: dict[str, Any] = {
        "type": "app_home_opened",
        "user": user,
        "channel": channel,
        "tab": tab,
        "event_ts": new_ts(),
    }
    if view is not None:
        event["view"] = dict(view)
    return event


def assistant_thread_started(
    user: str, *, channel: str = "D0001", thread_ts: str | None = None, context_channel: str | None = None
) -> dict[str, Any]:
    """An ``assistant_thread_started`` event: the person opened a conversation in the app's AI-app view
    (from `context_channel`, when they had a channel open)."""
    context: dict[str, Any] = {}
    if context_channel is not None:
        context = {"channel_id": context_channel, "team_id": TEAM_ID, "enterprise_id": None}
    return {
        "type": "assistant_thread_started",
        "assistant_thread": {
            "user_id": user,
            "context": context,
            "channel_id": channel,
            "thread_ts": thread_ts or new_ts(),
        },
        "event_ts": new_ts(),
    }


def url_verification(challenge: str) -> SlackPayload:
    """What Slack sends once when a Request URL is saved in the app's settings: the app must
    answer with the challenge."""
    body = {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}
    return SlackPayload(json.dumps(body), JSON_CONTENT_TYPE)


def socket_mode_payload(payload: SlackPayload) -> dict[str, Any]:
    """The same request as Socket Mode carries it in an envelope's ``payload``: the JSON
    object of an event or an interaction, the fields of a slash command."""
    if payload.content_type == JSON_CONTENT_TYPE:
        return dict(json.loads(payload.body))
    fields = dict(parse_qsl(payload.body, keep_blank_values=True))
    return dict(json.loads(fields["payload"])) if "payload" in fields else fields


# --------------------------------------------------------------------------- commands


def slash_command(
    command: str,
    text: str,
    *,
    user_id: str,
    channel_id: str = "C0001",
    team_id: str = TEAM_ID,
    trigger_id: str | None = None,
    response_url: str | None = None,
) -> SlackPayload:
    """A slash command, as the form body Slack POSTs with every field it sends."""
    if not command.startswith("/"):
        raise ValueError(f"a slash command starts with '/', not {command!r}")
    fields = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": TEAM_DOMAIN,
        "channel_id": channel_id,
        "channel_name": "directmessage" if channel_id.startswith("D") else channel_id.lower(),
        "user_id": user_id,
        "user_name": user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url or _response_url("commands", team_id),
        "trigger_id": trigger_id or new_trigger_id(),
    }
    return SlackPayload(urlencode(fields), FORM_CONTENT_TYPE)


# --------------------------------------------------------------------------- interactions


def _interaction(payload: Mapping[str, Any]) -> SlackPayload:
    return SlackPayload(urlencode({"payload": json.dumps(payload)}), FORM_CONTENT_TYPE)


def _user(user_id: str, team_id: str) -> dict[str, str]:
    return {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": team_id}


def block_actions(
    action_id: str,
    value: str,
    *,
    user_id: str,
    channel_id: str | None = None,
    message_ts: str | None = None,
    thread_ts: str | None = None,
    view: Mapping[str, Any] | None = None,
    trigger_id: str | None = None,
    container: Mapping[str, Any] | None = None,
    block_id: str | None = None,
    message: Mapping[str, Any] | None = None,
    response_url: str | None = None,
    button_text: str = "Button",
    team_id: str = TEAM_ID,
) -> SlackPayload:
    """A click on a button: in a message (`channel_id`, and `message_ts` or `message`)
    or in a view (`view`, e.g. the ``view`` a views.open call answered).

    `message` is the clicked message as Slack includes it (for instance one of
    `FakeSlack.messages`); without it, a bot message of that ts with no text stands in.
    """
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": _user(user_id, team_id),
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(),
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "enterprise": None,
        "is_enterprise_install": False,
        "state": {"values": {}},
        "actions": [
            {
                "action_id": action_id,
                "block_id": block_id or uuid.uuid4().hex[:5],
                "text": {"type": "plain_text", "text": button_text, "emoji": True},
                "value": value,
                "type": "button",
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }
    if view is not None:
        payload["container"] = dict(container or {"type": "view", "view_id": view.get("id")})
        payload["view"] = dict(view)
    elif channel_id is not None:
        clicked = dict(message) if message is not None else None
        ts = message_ts or (clicked or {}).get("ts")
        if ts is None:
            raise ValueError("a button in a message needs message_ts or message")
        if clicked is None:
            clicked = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "app_id": APP_ID}
            clicked |= {"text": "", "ts": ts, "team": team_id}
            if thread_ts is not None:
                clicked["thread_ts"] = thread_ts
        where: dict[str, Any] = {
            "type": "message",
            "message_ts": ts,
            "channel_id": channel_id,
            "is_ephemeral": False,
        }
        if thread_ts is not None:
            where["thread_ts"] = thread_ts
        payload["container"] = dict(container or where)
        payload["channel"] = {"id": channel_id, "name": channel_id.lower()}
        payload["message"] = clicked
        payload["response_url"] = response_url or _response_url("actions", team_id)
    else:
        raise ValueError("a button is clicked in a message (channel_id) or in a view (view)")
    return _interaction(payload)


def view_submission(
    callback_id: str,
    values: Mapping[str, Any],
    *,
    user_id: str,
    private_metadata: str = "",
    view_id: str | None = None,
    trigger_id: str | None = None,
    team_id: str = TEAM_ID,
) -> SlackPayload:
    """A modal submitted: `values` is ``view.state.values`` (see `input_values`)."""
    view_id = view_id or f"V{uuid.uuid4().hex[:10].upper()}"
    payload = {
        "type": "view_submission",
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "user": _user(user_id, team_id),
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(),
        "view": {
            "id": view_id,
            "team_id": team_id,
            "type": "modal",
            "blocks": [],
            "private_metadata": private_metadata,
            "callback_id": callback_id,
            "state": {"values": dict(values)},
            "hash": new_ts(),
            "title": {"type": "plain_text", "text": "Advisor", "emoji": True},
            "clear_on_close": False,
            "notify_on_close": False,
            "close": None,
            "submit": {"type": "plain_text", "text": "Submit", "emoji": True},
            "previous_view_id": None,
            "root_view_id": view_id,
            "app_id": APP_ID,
            "external_id": "",
            "app_installed_team_id": team_id,
            "bot_id": BOT_ID,
        },
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }
    return _interaction(payload)


# --------------------------------------------------------------------------- input state


@dataclass(frozen=True)
class ElementState:
    """The state of one input element, as ``view.state.values`` reports it."""

    state: dict[str, Any]
    action_id: str | None = None
    """None: the element's action id is its block's id."""


def _option(value: str | None, text: str | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {"text": {"type": "plain_text", "text": text or value, "emoji": True}, "value": value}


def plain_text_input(value: str | None, *, action_id: str | None = None) -> ElementState:
    """What was typed (None: left empty)."""
    return ElementState({"type": "plain_text_input", "value": value}, action_id)


def static_select(value: str | None, *, text: str | None = None, action_id: str | None = None) -> ElementState:
    """The option chosen (None: none); `text` is its label, the value when not given."""
    return ElementState({"type": "static_select", "selected_option": _option(value, text)}, action_id)


def radio_buttons(value: str | None, *, text: str | None = None, action_id: str | None = None) -> ElementState:
    return ElementState({"type": "radio_buttons", "selected_option": _option(value, text)}, action_id)


def users_select(user_id: str | None, *, action_id: str | None = None) -> ElementState:
    return ElementState({"type": "users_select", "selected_user": user_id}, action_id)


def conversations_select(conversation_id: str | None, *, action_id: str | None = None) -> ElementState:
    return ElementState({"type": "conversations_select", "selected_conversation": conversation_id}, action_id)


def input_values(**fields: str | ElementState) -> dict[str, dict[str, dict[str, Any]]]:
    """``view.state.values``: each keyword is a block id; a string is typed text.

    ``input_values(company="Acme", size=static_select("10-49"))`` gives
    ``{"company": {"company": {"type": "plain_text_input", "value": "Acme"}},
    "size": {"size": {"type": "static_select", "selected_option": {...}}}}``.
    """
    values: dict[str, dict[str, dict[str, Any]]] = {}
    for block_id, field in fields.items():
        element = plain_text_input(field) if isinstance(field, str) else field
        values[block_id] = {element.action_id or block_id: dict(element.state)}
    return values
