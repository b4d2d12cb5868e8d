"""Slack's AI-app experience end to end: a model's answer streams into its thread as the model writes it,
the app's threads show a status while it works and offer suggested prompts, and wherever Slack refuses
any of it the answer still arrives, once, the way it does without.

The real Bolt app over real HTTP; the streamed chat completion comes through the real LiteLLM client from
`FakeOpenAI`, and the stream goes to `FakeSlack`'s chat.startStream / appendStream / stopStream.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.slack import replying
from bot.store.budgets import BudgetStore
from tests.fakes.openai_server import FakeOpenAI, default_reply
from tests.fakes.slack_requests import (
    app_mention,
    assistant_thread_started,
    direct_message,
    event_callback,
)
from tests.fakes.slack_server import BOT_USER_ID, TEAM_ID, FakeSlack, RecordedCall
from tests.integration.slack_app import RunningSlackApp
from tests.integration.test_open_questions import KEY_NAME, OPEN_QUESTION, make_settings
from tests.integration.test_slack_app import ADMIN, CHANNEL, MEMBER, SECRET, SETTLE, World, texts

WAIT = 15.0
PARAGRAPH = (
    "For meeting minutes, start with a transcription tool on its free plan for a month, and measure the "
    "hours it saves against the hours your team spends today. "
)


def long_reply(model: str, messages: list[dict]) -> str:
    """The usual reply (it names the model and the catalog ids it was given), then several paragraphs."""
    return default_reply(model, messages) + "\n\n" + "\n\n".join(PARAGRAPH * 2 for _ in range(4))


@pytest.fixture
def streaming_world(tmp_path: Path, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    yield from _world(tmp_path, fake_slack, monkeypatch)


@pytest.fixture
def one_stream_world(tmp_path: Path, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    yield from _world(tmp_path, fake_slack, monkeypatch, ADVISOR_STREAMS_AT_ONCE="1")


@pytest.fixture
def unstreamed_world(tmp_path: Path, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    yield from _world(tmp_path, fake_slack, monkeypatch, ADVISOR_SLACK_STREAMING="off")


def _world(tmp_path: Path, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch, **settings: str) -> Iterator[World]:
    fake_slack.add_user(ADMIN, is_admin=True)
    fake_slack.add_user(MEMBER, locale="en-US")
    fake_slack.add_user("UJA", locale="ja-JP")
    with FakeOpenAI(reply=long_reply) as llm:
        llm.stream_interval = 0.005
        monkeypatch.setenv(KEY_NAME, llm.api_key)
        app_settings = make_settings(
            tmp_path,
            llm.base_url,
            SLACK_BOT_TOKEN=fake_slack.token,
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=fake_slack.base_url,
            **settings,
        )
        with RunningSlackApp(app_settings) as app:
            yield World(app, fake_slack, llm)


def mention(world: World, question: str = OPEN_QUESTION, user: str = MEMBER) -> str:
    """Mention the bot in the channel; the ts of the mention (the thread the answer goes in)."""
    asked = f"<@{BOT_USER_ID}> {question}"
    ts = world.slack.add_message(CHANNEL, asked, user)
    assert world.send(event_callback(app_mention(asked, user=user, channel=CHANNEL, ts=ts)))[0] == 200
    return ts


def methods(world: World, *names: str) -> list[str]:
    return [call.method for call in world.slack.calls if call.method in names]


def model_usage(world: World) -> tuple[int, int]:
    [request] = [record for record in world.llm.requests if record.status == 200]
    assert request.streamed and request.response is not None
    usage = request.response["usage"]
    return usage["prompt_tokens"], usage["completion_tokens"]


def ledger_usage(world: World) -> list[tuple[int, int]]:
    budgets = BudgetStore(world.app.advisor.database, world.app.settings.tz)
    return [(entry.prompt_tokens, entry.completion_tokens) for entry in budgets.ledger(TEAM_ID)]


def stopped(world: World) -> RecordedCall:
    [stop] = world.slack.wait_for("chat.stopStream", timeout=WAIT)
    return stop


# --- a model's answer streams ------------------------------------------------------------------


def test_a_model_answer_streams_into_its_thread_and_closes_with_the_cost_and_feedback(streaming_world: World) -> None:
    world = streaming_world
    thread = mention(world)

    stop = stopped(world)

    [start] = world.slack.calls_for("chat.startStream")
    assert start.args["channel"] == CHANNEL and start.args["thread_ts"] == thread
    assert (start.args["recipient_team_id"], start.args["recipient_user_id"]) == (TEAM_ID, MEMBER)
    sequence = methods(world, "chat.startStream", "chat.appendStream", "chat.stopStream")
    assert sequence[0] == "chat.startStream" and sequence[-1] == "chat.stopStream"
    assert sequence.count("chat.appendStream") >= 2  # it arrived in pieces, as it was written
    # "Thinking…" showed until the first text, then made way for the stream; nothing was replaced.
    [thinking] = world.slack.calls_for("chat.postMessage")
    assert "Thinking" in thinking.args["text"]
    [deleted] = world.slack.calls_for("chat.delete")
    assert deleted.args["ts"] == thinking.response["ts"]
    assert world.slack.calls_for("chat.update") == []

    ts = start.response["ts"]
    [request] = world.llm.requests
    assert world.slack.streamed_text(CHANNEL, ts) == request.response["choices"][0]["message"]["content"]
    types = [block["type"] for block in stop.args["blocks"]]
    assert types[-1] == "context_actions" and "context" in types  # the cost line, then the feedback buttons
    assert "Deeper answer" in texts({"blocks": stop.args["blocks"]})
    # What the budget settled is what the model reported at the end of its stream.
    assert ledger_usage(world) == [model_usage(world)]
    [message] = [m for m in world.slack.messages(CHANNEL) if m["ts"] == ts]
    assert message["thread_ts"] == thread and not world.slack.is_streaming(CHANNEL, ts)


def test_an_answer_longer_than_a_streamed_message_takes_goes_on_in_messages_of_its_own(
    streaming_world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = streaming_world
    monkeypatch.setattr(replying, "STREAM_LIMIT", 500)  # Slack's is 12,000 characters; the model's answers are shorter
    mention(world)

    stop = stopped(world)
    [start] = world.slack.calls_for("chat.startStream")
    streamed = world.slack.streamed_text(CHANNEL, start.response["ts"])
    [request] = world.llm.requests
    whole = request.response["choices"][0]["message"]["content"]
    assert 0 < len(streamed) <= 500 + replying.STREAM_HEADROOM and whole.startswith(streamed)
    assert whole[len(streamed)].isspace() or streamed[-1].isspace()  # it ends at a paragraph or a word
    assert "blocks" not in stop.args  # the closing blocks go with the last message
    [thinking, *rest] = world.slack.wait_for("chat.postMessage", count=2, timeout=WAIT)
    assert rest and all(call.args["thread_ts"] == thinking.args["thread_ts"] for call in rest)
    assert rest[-1].args["blocks"][-1]["type"] == "context_actions"
    shown = (
        streamed
        + " "
        + " ".join(texts({"blocks": [b for b in call.args["blocks"] if b["type"] == "section"]}) for call in rest)
    )
    assert " ".join(shown.split()) == " ".join(whole.split())


def test_a_follow_up_in_a_streamed_thread_reads_the_streamed_answer_back(streaming_world: World) -> None:
    world = streaming_world
    thread = mention(world)
    stopped(world)
    world.llm.reply = default_reply
    follow = f"<@{BOT_USER_ID}> and which of those is cheapest?"
    ts = world.slack.add_message(CHANNEL, follow, MEMBER, thread_ts=thread)
    world.send(event_callback(app_mention(follow, user=MEMBER, channel=CHANNEL, ts=ts, thread_ts=thread)))
    world.slack.wait_for("chat.stopStream", count=2, timeout=WAIT)

    second = world.llm.requests[-1]
    said_before = [m["content"] for m in second.messages if m["role"] == "assistant"]
    assert len(said_before) == 1 and said_before[0].startswith(f"[{world.llm.requests[0].model}]")


def test_a_stream_cut_off_half_way_settles_what_was_used_and_says_so(streaming_world: World) -> None:
    world = streaming_world
    world.llm.cut_stream_next(after_chunks=12)
    mention(world)

    stop = stopped(world)

    assert "stopped part-way" in " ".join(chunk["text"] for chunk in stop.args["chunks"])  # said as it closed
    [start] = world.slack.calls_for("chat.startStream")
    assert "stopped part-way" in world.slack.streamed_text(CHANNEL, start.response["ts"])
    [(prompt_tokens, completion_tokens)] = ledger_usage(world)
    assert prompt_tokens > 0 and completion_tokens > 0  # what the cut call used is counted
    [question] = world.app.advisor.questions.recent(TEAM_ID)
    assert question.status == "failed" and "part-way" in (question.error or "")
    assert len(world.llm.requests) == 1  # no other model was asked to start again


def test_where_slack_refuses_streaming_thinking_is_replaced_by_the_whole_answer_once(streaming_world: World) -> None:
    world = streaming_world
    world.slack.refuse_streaming("unknown_method")
    mention(world)

    [update] = world.slack.wait_for("chat.update", timeout=WAIT)
    [thinking] = world.slack.calls_for("chat.postMessage")
    assert update.args["ts"] == thinking.response["ts"]
    assert PARAGRAPH.strip() in texts(update.args) and "Sorry" not in texts(update.args)
    assert len(world.slack.calls_for("chat.startStream")) == 1
    assert world.slack.calls_for("chat.stopStream") == world.slack.calls_for("chat.delete") == []

    mention(world, OPEN_QUESTION + " (again)")  # the workspace's refusal is remembered
    world.slack.wait_for("chat.update", count=2, timeout=WAIT)
    assert len(world.slack.calls_for("chat.startStream")) == 1


def test_a_stream_slack_ends_part_way_is_replaced_by_the_whole_answer(streaming_world: World) -> None:
    world = streaming_world
    world.llm.stream_interval = 0.02
    mention(world)
    [start] = world.slack.wait_for("chat.startStream", timeout=WAIT)
    world.slack.expire_stream(CHANNEL, start.response["ts"])

    [update] = world.slack.wait_for("chat.update", timeout=WAIT)

    assert update.args["ts"] == start.response["ts"]
    [request] = world.llm.requests
    assert PARAGRAPH.strip() in texts(update.args)
    assert request.response["choices"][0]["finish_reason"] == "stop"
    assert ledger_usage(world) == [model_usage(world)]


def test_beyond_the_streams_a_process_may_run_at_once_answers_are_posted_whole(one_stream_world: World) -> None:
    world = one_stream_world
    world.llm.stream_interval = 0.01  # the first answer is still streaming when the second is asked
    first, second = mention(world), mention(world, OPEN_QUESTION + " (a colleague asks too)")

    assert (
        len(world.slack.wait_for_endings(first, timeout=WAIT))
        == len(world.slack.wait_for_endings(second, timeout=WAIT))
        == 1
    )
    [start] = world.slack.calls_for("chat.startStream")
    [update] = world.slack.calls_for("chat.update")
    streamed_in, updated_in = start.args["thread_ts"], update.args["ts"]
    assert streamed_in in (first, second) and PARAGRAPH.strip() in texts(update.args)
    assert sorted(request.streamed for request in world.llm.requests) == [False, True]  # the model did not stream it
    assert updated_in != start.response["ts"]

    world.llm.stream_interval = 0.0
    third = mention(world, OPEN_QUESTION + " (later)")  # the slot was given back
    world.slack.wait_for_endings(third, timeout=WAIT)
    assert len(world.slack.calls_for("chat.startStream")) == 2


def test_a_zero_token_answer_is_posted_whole(streaming_world: World) -> None:
    world = streaming_world
    mention(world, "cheapest way to transcribe meetings?")

    world.slack.wait_for("chat.update", timeout=WAIT)
    time.sleep(SETTLE)
    assert world.slack.calls_for("chat.startStream") == [] and world.llm.requests == []


def test_with_streaming_off_a_model_answer_replaces_thinking(unstreamed_world: World) -> None:
    world = unstreamed_world
    mention(world)

    [update] = world.slack.wait_for("chat.update", timeout=WAIT)
    assert PARAGRAPH.strip() in texts(update.args)
    assert world.slack.calls_for("chat.startStream") == []
    [request] = world.llm.requests
    assert not request.streamed


# --- the app's threads: a status, and suggested prompts ---------------------------------------


def test_a_conversation_opened_in_the_app_is_offered_prompts_in_the_persons_language(streaming_world: World) -> None:
    world = streaming_world
    started = assistant_thread_started("UJA", channel="D0009", context_channel=CHANNEL)
    world.send(event_callback(started))

    [call] = world.slack.wait_for("assistant.threads.setSuggestedPrompts", timeout=WAIT)
    thread_ts = started["assistant_thread"]["thread_ts"]
    offered = world.slack.suggested_prompts("D0009", thread_ts)
    assert offered is not None and len(offered["prompts"]) == 4
    assert "今月は何が安くなりましたか？" in [prompt["message"] for prompt in offered["prompts"]]
    assert call.args["thread_ts"] == thread_ts


def test_in_the_apps_thread_a_status_shows_while_the_model_answers_then_the_answer_streams(
    streaming_world: World,
) -> None:
    world = streaming_world
    thread = "1700000000.000900"
    world.send(event_callback(direct_message(OPEN_QUESTION, user=MEMBER, channel="D0042", thread_ts=thread)))

    stopped(world)
    [status] = world.slack.calls_for("assistant.threads.setStatus")
    assert status.args["channel_id"] == "D0042" and status.args["thread_ts"] == thread
    assert status.args["status"] and 1 <= len(status.args["loading_messages"]) <= 10
    assert world.slack.calls_for("chat.postMessage") == []  # no "Thinking…": the status said it
    assert world.slack.thread_status("D0042", thread) is None  # the answer cleared it


def test_in_the_apps_thread_a_zero_token_answer_is_posted_and_clears_the_status(streaming_world: World) -> None:
    world = streaming_world
    thread = "1700000000.000900"
    world.send(
        event_callback(direct_message("今月は何が安くなりましたか？", user="UJA", channel="D0043", thread_ts=thread))
    )

    [posted] = world.slack.wait_for("chat.postMessage", timeout=WAIT)
    [status] = world.slack.calls_for("assistant.threads.setStatus")
    assert "考えています" in status.args["status"]
    assert posted.args["thread_ts"] == thread and "棚卸し" in texts(posted.args)
    assert world.slack.thread_status("D0043", thread) is None
    assert world.slack.calls_for("chat.startStream") == []


def test_where_slack_refuses_the_status_thinking_shows_instead(streaming_world: World) -> None:
    world = streaming_world
    world.slack.error_next("assistant.threads.setStatus", "missing_scope")
    thread = "1700000000.000900"
    world.send(
        event_callback(
            direct_message("cheapest way to transcribe meetings?", user=MEMBER, channel="D0044", thread_ts=thread)
        )
    )

    [update] = world.slack.wait_for("chat.update", timeout=WAIT)
    [thinking] = world.slack.calls_for("chat.postMessage")
    assert "Thinking" in thinking.args["text"] and update.args["ts"] == thinking.response["ts"]
