"""Slack's Socket Mode, the way `FakeSlack` serves it: WebSocket links and the envelopes sent over them.

An app in Socket Mode calls ``apps.connections.open`` with its app-level token (``xapp-…``)
and gets a one-time WebSocket URL. Slack greets the new link with ``hello`` and then sends
each event, slash command or interaction as an envelope; the app acknowledges an envelope
by sending back its ``envelope_id`` (with a ``payload`` for a response, where the envelope
accepts one). See https://docs.slack.dev/apis/events-api/using-socket-mode.

`SocketModeLinks` keeps the links of one `FakeSlack`; a test reaches it through
`FakeSlack.socket_mode`::

    slack.socket_mode.wait_for_link()
    envelope_id = slack.socket_mode.send("events_api", event_callback_body)
    ack = slack.socket_mode.wait_for_ack(envelope_id)

`disconnect()` sends Slack's ``disconnect`` message (``refresh_requested`` by default) over the
newest link, as Slack does some time before it closes a link; the app should open a new one.
Not modelled: several links per app sharing the envelopes, and Slack redelivering an envelope
nobody acknowledged (a test sends the retry itself, with `retry_attempt`).
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any, Literal

from aiohttp import WSMsgType, web

LINK_PATH = "/link/"
SEND_TIMEOUT = 5.0  # seconds for an envelope to be handed to the link

EnvelopeType = Literal["events_api", "slash_commands", "interactive"]
ACCEPTS_RESPONSE_PAYLOAD: dict[EnvelopeType, bool] = {
    "events_api": False,
    "slash_commands": True,
    "interactive": True,
}


@dataclass(frozen=True)
class SocketAck:
    """An envelope's acknowledgement as the app sent it over the link."""

    envelope_id: str
    payload: dict[str, Any] | None


class SocketModeLinks:
    """The WebSocket links of one fake Slack: tickets handed out, links open, envelopes acknowledged.

    Thread-safe: the server's event loop runs the links; a test thread sends and waits.
    """

    def __init__(self, app_id: str) -> None:
        self.app_id = app_id
        self._loop: asyncio.AbstractEventLoop | None = None
        self._origin = ""
        self._changed = threading.Condition()
        self._tickets: set[str] = set()
        self._links: list[web.WebSocketResponse] = []
        self._opened = 0  # links ever opened
        self._sent: set[str] = set()
        self._acks: dict[str, SocketAck] = {}
        self._unknown_acks: list[dict[str, Any]] = []

    def serve(self, app: web.Application, origin: str) -> None:
        """Add the link route to the server's `app` (answered at `origin`), and close links at shutdown."""
        self._origin = origin
        self._loop = asyncio.get_running_loop()  # `_application()` is called on the server's loop
        app.router.add_get(LINK_PATH, self._link)
        app.on_shutdown.append(self._close_links)

    # ---------------------------------------------------------------- the Web API side

    def open_connection(self) -> dict[str, Any]:
        """The answer to ``apps.connections.open``: a new one-time link URL."""
        ticket = uuid.uuid4().hex
        with self._changed:
            self._tickets.add(ticket)
        ws_origin = "ws" + self._origin.removeprefix("http")
        return {"ok": True, "url": f"{ws_origin}{LINK_PATH}?ticket={ticket}&app_id={self.app_id}"}

    # ---------------------------------------------------------------- what a test does

    @property
    def links(self) -> int:
        """How many links are open now."""
        with self._changed:
            return len(self._links)

    @property
    def opened(self) -> int:
        """How many links were ever opened (and greeted)."""
        with self._changed:
            return self._opened

    def wait_for_link(self, timeout: float = 30.0, opened: int = 1) -> None:
        """Block until an app has a link open (and greeted), and `opened` links were opened in all."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not self._links or self._opened < opened:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no app opened a Socket Mode link within {timeout:.0f} s")
                self._changed.wait(remaining)

    def send(
        self,
        envelope_type: EnvelopeType,
        payload: dict[str, Any],
        *,
        retry_attempt: int = 0,
        retry_reason: str = "",
        envelope_id: str | None = None,
    ) -> str:
        """Send `payload` in an envelope over the newest link; its envelope id.

        A redelivery gets a new envelope id, as Slack's do; `retry_attempt` and
        `retry_reason` say it is one.
        """
        envelope_id = envelope_id or str(uuid.uuid4())
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id,
            "payload": payload,
            "type": envelope_type,
            "accepts_response_payload": ACCEPTS_RESPONSE_PAYLOAD[envelope_type],
        }
        if envelope_type == "events_api":
            envelope["retry_attempt"] = retry_attempt
            envelope["retry_reason"] = retry_reason
        with self._changed:
            if not self._links or self._loop is None:
                raise AssertionError("no Socket Mode link is open: start the app and wait_for_link() first")
            link, loop = self._links[-1], self._loop
            self._sent.add(envelope_id)
        asyncio.run_coroutine_threadsafe(link.send_str(json.dumps(envelope)), loop).result(SEND_TIMEOUT)
        return envelope_id

    def disconnect(self, reason: str = "refresh_requested") -> None:
        """Slack's ``disconnect`` message over the newest link: the app is to open a new link."""
        with self._changed:
            if not self._links or self._loop is None:
                raise AssertionError("no Socket Mode link is open: start the app and wait_for_link() first")
            link, loop = self._links[-1], self._loop
        message = {"type": "disconnect", "reason": reason, "debug_info": {"host": "applink-fake"}}
        asyncio.run_coroutine_threadsafe(link.send_str(json.dumps(message)), loop).result(SEND_TIMEOUT)

    def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> SocketAck:
        """Block until the app acknowledged the envelope; the acknowledgement."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while (ack := self._acks.get(envelope_id)) is None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"envelope {envelope_id} was not acknowledged within {timeout:.0f} s "
                        f"(acknowledged: {sorted(self._acks)})"
                    )
                self._changed.wait(remaining)
            return ack

    @property
    def unknown_acks(self) -> list[dict[str, Any]]:
        """Messages from the app that acknowledged no envelope this server sent."""
        with self._changed:
            return list(self._unknown_acks)

    # ---------------------------------------------------------------- the link itself

    async def _link(self, request: web.Request) -> web.StreamResponse:
        ticket = request.query.get("ticket", "")
        with self._changed:
            known = ticket in self._tickets
            self._tickets.discard(ticket)  # a ticket opens one link
        if not known:
            return web.Response(status=401, text="invalid or used ticket")
        link = web.WebSocketResponse()  # answers the client's pings with pongs
        await link.prepare(request)
        await link.send_json(
            {
                "type": "hello",
                "num_connections": 1,
                "debug_info": {"host": "applink-fake", "build_number": 1, "approximate_connection_time": 18060},
                "connection_info": {"app_id": self.app_id},
            }
        )
        with self._changed:
            self._links.append(link)
            self._opened += 1
            self._changed.notify_all()
        try:
            async for message in link:
                if message.type == WSMsgType.TEXT:
                    self._acknowledged(message.data)
        finally:
            with self._changed:
                self._links.remove(link)
                self._changed.notify_all()
        return link

    def _acknowledged(self, data: str) -> None:
        try:
            message = json.loads(data)
        except ValueError:
            message = {"unreadable": data}
        with self._changed:
            envelope_id = message.get("envelope_id") if isinstance(message, dict) else None
            if not isinstance(envelope_id, str) or envelope_id not in self._sent or envelope_id in self._acks:
                self._unknown_acks.append(message if isinstance(message, dict) else {"message": message})
            else:
                payload = message.get("payload")
                self._acks[envelope_id] = SocketAck(envelope_id, payload if isinstance(payload, dict) else None)
            self._changed.notify_all()

    async def _close_links(self, _: web.Application) -> None:
        with self._changed:
            links = list(self._links)
        for link in links:
            await link.close(message=b"server stopping")
