"""`FakeSlack`'s Socket Mode against slack_sdk's own Socket Mode client: tokens, tickets, envelopes."""

from __future__ import annotations

import asyncio
import threading

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.aiohttp import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.web.async_client import AsyncWebClient

from tests.fakes.slack_requests import app_mention, event_callback, slash_command, socket_mode_payload
from tests.fakes.slack_server import FakeSlack

TIMEOUT = 10.0


def web_client(slack: FakeSlack) -> AsyncWebClient:
    return AsyncWebClient(base_url=slack.base_url)


def test_only_the_app_level_token_opens_a_link_and_it_serves_nothing_else(fake_slack: FakeSlack) -> None:
    async def calls() -> tuple[str, str, str]:
        client = web_client(fake_slack)
        opened = await client.apps_connections_open(app_token=fake_slack.app_tokens[0])
        errors = []
        for call in (
            client.apps_connections_open(app_token=fake_slack.token),
            client.chat_postMessage(channel="C0001", text="hi", token=fake_slack.app_tokens[0]),
        ):
            with pytest.raises(SlackApiError) as refused:
                await call
            errors.append(refused.value.response["error"])
        return str(opened["url"]), *errors

    url, with_bot_token, posting_with_app_token = asyncio.run(calls())
    assert url.startswith(f"ws://127.0.0.1:{fake_slack.port}/link/?ticket=")
    assert with_bot_token == posting_with_app_token == "not_allowed_token_type"


def test_a_ticket_opens_one_link(fake_slack: FakeSlack) -> None:
    async def connect_twice() -> int:
        opened = await web_client(fake_slack).apps_connections_open(app_token=fake_slack.app_tokens[0])
        async with aiohttp.ClientSession() as session, session.ws_connect(opened["url"]) as first:
            hello = await first.receive_json(timeout=TIMEOUT)
            assert hello["type"] == "hello" and hello["connection_info"]["app_id"] == "A0001"
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(opened["url"])
            return refused.value.status

    assert asyncio.run(connect_twice()) == 401


def test_slack_sdks_client_gets_the_envelopes_and_its_acks_are_recorded(fake_slack: FakeSlack) -> None:
    received: list[SocketModeRequest] = []
    stop = threading.Event()

    async def app() -> None:
        client = SocketModeClient(app_token=fake_slack.app_tokens[0], web_client=web_client(fake_slack))

        async def listener(socket: SocketModeClient, request: SocketModeRequest) -> None:
            received.append(request)
            payload = {"text": "got it"} if request.type == "slash_commands" else None
            await socket.send_socket_mode_response(SocketModeResponse(request.envelope_id, payload=payload))

        client.socket_mode_request_listeners.append(listener)
        await client.connect()
        while not stop.is_set():
            await asyncio.sleep(0.05)
        await client.close()

    runner = threading.Thread(target=asyncio.run, args=(app(),), daemon=True)
    runner.start()
    try:
        fake_slack.socket_mode.wait_for_link(TIMEOUT)
        event = socket_mode_payload(event_callback(app_mention("hello", user="U0001", channel="C0001")))
        command = socket_mode_payload(slash_command("/ai-budget", "", user_id="U0001"))
        event_envelope = fake_slack.socket_mode.send("events_api", event, retry_attempt=2, retry_reason="timeout")
        command_envelope = fake_slack.socket_mode.send("slash_commands", command)

        event_ack = fake_slack.socket_mode.wait_for_ack(event_envelope, TIMEOUT)
        command_ack = fake_slack.socket_mode.wait_for_ack(command_envelope, TIMEOUT)
    finally:
        stop.set()
        runner.join(TIMEOUT)

    assert event_ack.payload is None and command_ack.payload == {"text": "got it"}
    assert [(request.type, request.envelope_id) for request in received] == [
        ("events_api", event_envelope),
        ("slash_commands", command_envelope),
    ]
    assert received[0].payload == event and received[0].retry_attempt == 2 and received[0].retry_reason == "timeout"
    assert received[1].payload["command"] == "/ai-budget" and received[1].accepts_response_payload
    assert fake_slack.socket_mode.unknown_acks == []
