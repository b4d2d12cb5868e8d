"""`advisor serve --socket`, the mode for one process without a public address, end to end.

The real command runs as an OS process (`ServedApp`) on a SQLite file. It opens its link
through `FakeSlack`'s ``apps.connections.open`` with the app-level token, and the tests send
Slack's envelopes over that link (`tests.fakes.socket_mode`): each must be acknowledged
with its envelope id, and the work behind it must reach the Web API, the response URLs
and the model stand-in as in HTTP mode.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests import secret_scan
from tests.fakes.openai_server import ADVICE, FakeOpenAI
from tests.fakes.slack_requests import (
    app_mention,
    block_actions,
    event_callback,
    new_ts,
    slash_command,
    socket_mode_payload,
)
from tests.fakes.slack_server import RESPONSE_URL_METHOD, FakeSlack
from tests.integration.served_app import ServedApp, app_environment, upgrade_database

MEMBER = "UMEMBER"
CHANNEL = "C0001"
ACK_TIMEOUT = 5.0  # Slack gives an app three seconds; this leaves room for a slow machine
WORK_TIMEOUT = 20.0  # seconds for an answer to reach Slack


@dataclass
class SocketWorld:
    slack: FakeSlack
    llm: FakeOpenAI
    app: ServedApp

    def answer_in(self, thread_ts: str) -> str:
        """How the app's reply in this thread ended, as said: the answer streamed in, or posted over "thinking…"."""
        [said] = self.slack.wait_for_endings(thread_ts, timeout=WORK_TIMEOUT)
        return said


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SocketWorld]:
    folder = tmp_path_factory.mktemp("socket-mode")
    with FakeSlack() as slack, FakeOpenAI() as llm:
        slack.add_user(MEMBER)
        environment = app_environment(
            slack,
            llm,
            f"sqlite:///{folder / 'advisor.db'}",
            folder,
            "unused-in-socket-mode",
            SLACK_APP_TOKEN=slack.app_tokens[0],
            ADVISOR_DEFAULT_MONTHLY_TOKENS="",
        )
        del environment["SLACK_SIGNING_SECRET"]  # Socket Mode needs no signing secret
        upgrade_database(environment, folder)
        with ServedApp(environment, folder, "socket-1", socket_mode=True) as app:
            try:
                slack.socket_mode.wait_for_link()
            except AssertionError as error:
                raise AssertionError(f"{error}\n{app.log_tail()}") from None
            yield SocketWorld(slack, llm, app)
            assert slack.socket_mode.unknown_acks == []


def test_the_app_opens_its_link_with_the_app_level_token(world: SocketWorld) -> None:
    [opened] = world.slack.calls_for("apps.connections.open")[:1]
    assert opened.ok and opened.token == world.slack.app_tokens[0]
    assert world.slack.socket_mode.links == 1


def test_a_mention_is_acknowledged_at_once_and_answered_by_the_model_in_its_thread(world: SocketWorld) -> None:
    ts = new_ts()
    event = event_callback(
        app_mention("Is it safe to paste customer e-mails into ChatGPT?", user=MEMBER, channel=CHANNEL, ts=ts)
    )
    envelope_id = world.slack.socket_mode.send("events_api", socket_mode_payload(event))

    ack = world.slack.socket_mode.wait_for_ack(envelope_id, ACK_TIMEOUT)
    assert ack.payload is None  # an event's acknowledgement carries nothing back
    assert ADVICE[:40] in world.answer_in(ts)


def test_after_slack_asks_for_a_refresh_the_app_opens_a_new_link_and_events_still_arrive(world: SocketWorld) -> None:
    links, opened = world.slack.socket_mode.opened, len(world.slack.calls_for("apps.connections.open"))
    world.slack.socket_mode.disconnect("refresh_requested")
    world.slack.socket_mode.wait_for_link(timeout=ACK_TIMEOUT * 4, opened=links + 1)
    assert len(world.slack.calls_for("apps.connections.open")) > opened  # a new ticket for the new link

    ts = new_ts()
    event = event_callback(app_mention("cheapest way to transcribe meetings?", user=MEMBER, channel=CHANNEL, ts=ts))
    world.slack.socket_mode.wait_for_ack(
        world.slack.socket_mode.send("events_api", socket_mode_payload(event)), ACK_TIMEOUT
    )
    assert "From the tool catalog" in world.answer_in(ts)


def test_a_redelivered_event_is_answered_once(world: SocketWorld) -> None:
    ts = new_ts()
    question = "Is it safe to paste customer e-mails into ChatGPT? (asked again)"
    payload = socket_mode_payload(event_callback(app_mention(question, user=MEMBER, channel=CHANNEL, ts=ts)))
    model_calls = len(world.llm.requests)
    first = world.slack.socket_mode.send("events_api", payload)
    world.answer_in(ts)
    again = world.slack.socket_mode.send("events_api", payload, retry_attempt=1, retry_reason="timeout")

    world.slack.socket_mode.wait_for_ack(first, ACK_TIMEOUT)
    world.slack.socket_mode.wait_for_ack(again, ACK_TIMEOUT)
    with pytest.raises(AssertionError):  # no second "thinking…" in the thread
        world.slack.wait_for(
            "chat.postMessage", count=2, timeout=1.0, predicate=lambda call: call.args.get("thread_ts") == ts
        )
    assert len(world.llm.requests) == model_calls + 1


def test_a_slash_command_and_its_button_work_over_the_link(world: SocketWorld) -> None:
    replies_before = len(world.slack.calls_for(RESPONSE_URL_METHOD))
    command = slash_command(
        "/ai-savings",
        "20 proposals/month 5h -> 1h @3000",
        user_id=MEMBER,
        channel_id=CHANNEL,
        response_url=world.slack.response_url(),
    )
    envelope_id = world.slack.socket_mode.send("slash_commands", socket_mode_payload(command))

    world.slack.socket_mode.wait_for_ack(envelope_id, ACK_TIMEOUT)
    reply = world.slack.wait_for(RESPONSE_URL_METHOD, count=replies_before + 1, timeout=WORK_TIMEOUT)[-1]
    assert "240,000" in json.dumps(reply.args, ensure_ascii=False)  # 80 hours at ¥3,000 a month
    [share] = [element for block in reply.args["blocks"] if block["type"] == "actions" for element in block["elements"]]

    click = block_actions(
        share["action_id"],
        share["value"],
        user_id=MEMBER,
        channel_id=CHANNEL,
        message_ts=new_ts(),
        response_url=world.slack.response_url(),
    )
    clicked = world.slack.socket_mode.send("interactive", socket_mode_payload(click))
    world.slack.socket_mode.wait_for_ack(clicked, ACK_TIMEOUT)
    [shared] = world.slack.wait_for(
        "chat.postMessage",
        timeout=WORK_TIMEOUT,
        predicate=lambda call: "240,000" in json.dumps(call.args, ensure_ascii=False),
    )
    assert shared.args["channel"] == CHANNEL and f"<@{MEMBER}>" in json.dumps(shared.args)


def test_the_apps_log_holds_no_token_or_secret(world: SocketWorld) -> None:
    log = world.app.log()
    assert "connected to Slack in Socket Mode" in log
    assert [name for name, value in secret_scan.SECRETS.items() if value in log] == []


def test_told_to_stop_it_finishes_the_answer_under_way_before_it_exits(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("socket-mode-stop")
    with FakeSlack() as slack, FakeOpenAI(latency=2.0) as llm:
        slack.add_user(MEMBER)
        environment = app_environment(
            slack,
            llm,
            f"sqlite:///{folder / 'advisor.db'}",
            folder,
            "unused-in-socket-mode",
            SLACK_APP_TOKEN=slack.app_tokens[0],
            ADVISOR_DEFAULT_MONTHLY_TOKENS="",
            ADVISOR_SHUTDOWN_SECONDS="20",
        )
        del environment["SLACK_SIGNING_SECRET"]
        upgrade_database(environment, folder)
        with ServedApp(environment, folder, "socket-stop", socket_mode=True) as app:
            slack.socket_mode.wait_for_link()
            ts = new_ts()
            event = event_callback(
                app_mention("Is it safe to paste customer e-mails into ChatGPT?", user=MEMBER, channel=CHANNEL, ts=ts)
            )
            slack.socket_mode.wait_for_ack(
                slack.socket_mode.send("events_api", socket_mode_payload(event)), ACK_TIMEOUT
            )
            deadline = time.monotonic() + WORK_TIMEOUT
            while not llm.requests:  # the question is with the model, for two seconds
                assert time.monotonic() < deadline, f"the question did not reach the model\n{app.log_tail()}"
                time.sleep(0.05)
            assert slack.endings(ts) == []  # the answer is still under way

            assert app.stop() == 0  # SIGTERM: it exits by itself once the answer is in Slack

            assert ADVICE[:40] in SocketWorld(slack, llm, app).answer_in(ts)
            assert "Traceback" not in app.log()
