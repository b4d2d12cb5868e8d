"""The stand-in's AI-app methods, driven by the real slack_sdk clients: chat streaming
(through `AsyncWebClient.chat_stream` as the bot would stream), chat.delete and the
assistant.threads status and suggested prompts."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from tests.fakes.slack_server import BOT_USER_ID, TEAM_ID, FakeSlack

CLIENT_TIMEOUT = 10  # seconds; a call that should succeed never waits this long
CHANNEL = "C0001"
IM = "D0001"
ASKER = "U0001"
RECIPIENT: dict[str, str] = {"recipient_team_id": TEAM_ID, "recipient_user_id": ASKER}

BUTTON_TEXT = {"type": "plain_text", "text": "👍"}
FEEDBACK_BLOCKS: list[dict[str, Any]] = [
    {"type": "context", "elements": [{"type": "mrkdwn", "text": "Sources: the price list"}]},
    {
        "type": "context_actions",
        "elements": [
            {
                "type": "feedback_buttons",
                "action_id": "answer_feedback",
                "positive_button": {"text": BUTTON_TEXT, "value": "good", "accessibility_label": "Helpful"},
                "negative_button": {"text": {"type": "plain_text", "text": "👎"}, "value": "bad"},
            }
        ],
    },
]


def web_client(server: FakeSlack) -> AsyncWebClient:
    return AsyncWebClient(token=server.token, base_url=server.base_url, timeout=CLIENT_TIMEOUT)


def sync_client(server: FakeSlack) -> WebClient:
    return WebClient(token=server.token, base_url=server.base_url, timeout=CLIENT_TIMEOUT)


async def slack_error(call: Any) -> SlackApiError:
    """The SlackApiError a client call raises (fails the test when it succeeds)."""
    with pytest.raises(SlackApiError) as raised:
        await call
    return raised.value


def refusal(server: FakeSlack, method: str, **arguments: Any) -> SlackApiError:
    """The SlackApiError the sync client raises for a JSON call of `method`."""
    with pytest.raises(SlackApiError) as raised:
        sync_client(server).api_call(method, json=arguments)
    return raised.value


def start_stream(server: FakeSlack, channel: str = CHANNEL, **arguments: Any) -> str:
    """The ts of a stream started in reply to a new question."""
    question_ts = server.add_message(channel, "How do we start with AI?", ASKER)
    recipient = RECIPIENT if channel[0] in "CG" else {}
    started = sync_client(server).chat_startStream(channel=channel, thread_ts=question_ts, **recipient, **arguments)
    return str(started["ts"])


# --------------------------------------------------------------------------- streaming


def test_chat_stream_starts_appends_and_stops_with_feedback_blocks(fake_slack: FakeSlack) -> None:
    question_ts = fake_slack.add_message(CHANNEL, "How do we start with AI?", ASKER)

    async def stream() -> tuple[Any, Any]:
        slack = web_client(fake_slack)
        streamer = await slack.chat_stream(channel=CHANNEL, thread_ts=question_ts, buffer_size=10, **RECIPIENT)
        await streamer.append(markdown_text="Start small")  # 11 characters: starts the stream
        await streamer.append(markdown_text=", then grow.")  # appended
        await streamer.append(markdown_text=" *Done*")  # buffered until the stop
        stopped = await streamer.stop(blocks=FEEDBACK_BLOCKS)
        replies = await slack.conversations_replies(channel=CHANNEL, ts=question_ts)
        return stopped, replies

    stopped, replies = asyncio.run(stream())

    calls = [call for call in fake_slack.calls if call.method.startswith("chat.")]
    assert [call.method for call in calls] == ["chat.startStream", "chat.appendStream", "chat.stopStream"]
    assert all(call.ok for call in calls)
    start, append, stop = calls
    assert start.args["chunks"] == [{"type": "markdown_text", "text": "Start small"}]
    assert (start.args["recipient_team_id"], start.args["recipient_user_id"]) == (TEAM_ID, ASKER)
    ts = start.response["ts"]
    assert start.response == {"ok": True, "channel": CHANNEL, "ts": ts}
    assert append.response == {"ok": True, "channel": CHANNEL, "ts": ts}
    assert append.args["chunks"] == [{"type": "markdown_text", "text": ", then grow."}]
    assert stop.args["chunks"] == [{"type": "markdown_text", "text": " *Done*"}]
    assert stop.args["blocks"] == FEEDBACK_BLOCKS
    assert (stopped["channel"], stopped["ts"]) == (CHANNEL, ts)
    assert stopped["message"]["text"] == "Start small, then grow. *Done*"
    assert stopped["message"]["blocks"] == FEEDBACK_BLOCKS

    question, answer = replies["messages"]
    assert question["reply_count"] == 1 and question["latest_reply"] == ts
    assert (answer["ts"], answer["thread_ts"], answer["user"]) == (ts, question_ts, BOT_USER_ID)
    assert answer["text"] == "Start small, then grow. *Done*"
    assert answer["blocks"] == FEEDBACK_BLOCKS
    assert not [key for key in answer if "stream" in key]  # the streaming state is not shown
    assert fake_slack.streamed_text(CHANNEL, ts) == "Start small, then grow. *Done*"
    assert fake_slack.is_streaming(CHANNEL, ts) is False


def test_a_message_shows_its_text_so_far_while_it_streams(fake_slack: FakeSlack) -> None:
    ts = start_stream(fake_slack, markdown_text="Start ")
    slack = sync_client(fake_slack)

    assert fake_slack.is_streaming(CHANNEL, ts) is True
    assert fake_slack.messages(CHANNEL)[-1]["text"] == "Start "
    slack.chat_appendStream(channel=CHANNEL, ts=ts, markdown_text="small")
    assert fake_slack.messages(CHANNEL)[-1]["text"] == "Start small"
    stopped = slack.chat_stopStream(channel=CHANNEL, ts=ts)
    assert stopped["message"]["text"] == "Start small"
    assert "blocks" not in stopped["message"]


def test_markdown_text_comes_before_the_chunks_and_other_chunks_add_no_text(fake_slack: FakeSlack) -> None:
    ts = start_stream(fake_slack)
    assert fake_slack.streamed_text(CHANNEL, ts) == ""

    sync_client(fake_slack).chat_appendStream(
        channel=CHANNEL,
        ts=ts,
        markdown_text="One. ",
        chunks=[
            {"type": "task_update", "id": "t1", "title": "Reading prices", "status": "complete"},
            {"type": "markdown_text", "text": "Two. "},
            {"type": "plan_update", "title": "Plan"},
            {"type": "markdown_text", "text": "Three."},
        ],
    )
    assert fake_slack.streamed_text(CHANNEL, ts) == "One. Two. Three."

    only_a_task = [{"type": "task_update", "id": "t2", "title": "Writing", "status": "in_progress"}]
    sync_client(fake_slack).chat_appendStream(channel=CHANNEL, ts=ts, chunks=only_a_task)
    assert fake_slack.streamed_text(CHANNEL, ts) == "One. Two. Three."


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        (
            {"chunks": [{"text": "no type"}]},
            "invalid_arguments",
            "missing required field: type [json-pointer:/chunks/0]",
        ),
        ({"chunks": ["text"]}, "invalid_arguments", "missing required field: type [json-pointer:/chunks/0]"),
        (
            {"chunks": [{"type": "markdown_text", "text": "a"}, {"type": "markdown_text"}]},
            "invalid_arguments",
            "missing required field: text [json-pointer:/chunks/1]",
        ),
        ({"markdown_text": "x" * 12_001}, "msg_too_long", None),
        ({}, "no_text", None),
        ({"markdown_text": "", "chunks": []}, "no_text", None),
    ],
    ids=["chunk-without-type", "chunk-not-an-object", "markdown-chunk-without-text", "too-long", "nothing", "empty"],
)
def test_an_append_is_checked(
    fake_slack: FakeSlack, arguments: dict[str, Any], error: str, message: str | None
) -> None:
    ts = start_stream(fake_slack, markdown_text="Hello")

    refused = refusal(fake_slack, "chat.appendStream", channel=CHANNEL, ts=ts, **arguments)

    assert refused.response["error"] == error
    if message is not None:
        assert refused.response["response_metadata"]["messages"] == [f"[ERROR] {message}"]
    assert fake_slack.streamed_text(CHANNEL, ts) == "Hello"
    sync_client(fake_slack).chat_appendStream(channel=CHANNEL, ts=ts, markdown_text="x" * 12_000)


def test_a_stream_needs_a_thread_and_a_channel_stream_its_recipient(fake_slack: FakeSlack) -> None:
    question_ts = fake_slack.add_message(CHANNEL, "Question", ASKER)

    async def in_a_channel(**recipient: str) -> SlackApiError:
        streamer = await web_client(fake_slack).chat_stream(
            channel=CHANNEL, thread_ts=question_ts, buffer_size=1, **recipient
        )
        return await slack_error(streamer.append(markdown_text="Hi"))

    no_team = asyncio.run(in_a_channel())
    no_user = asyncio.run(in_a_channel(recipient_team_id=TEAM_ID))
    no_thread = refusal(fake_slack, "chat.startStream", channel=CHANNEL, markdown_text="Hi", **RECIPIENT)

    assert no_team.response["error"] == "missing_recipient_team_id"
    assert no_user.response["error"] == "missing_recipient_user_id"
    assert no_thread.response["error"] == "invalid_arguments"
    assert no_thread.response["response_metadata"]["messages"] == ["[ERROR] missing required field: thread_ts"]
    assert fake_slack.messages(CHANNEL) == [fake_slack.messages(CHANNEL)[0]]  # the question alone

    im_question = fake_slack.add_message(IM, "Question", ASKER)

    async def in_an_im() -> Any:
        streamer = await web_client(fake_slack).chat_stream(channel=IM, thread_ts=im_question, buffer_size=1)
        await streamer.append(markdown_text="Hi")
        return await streamer.stop()

    assert asyncio.run(in_an_im())["message"]["text"] == "Hi"


def test_a_stream_where_the_bot_is_not_a_member_is_not_in_channel(fake_slack: FakeSlack) -> None:
    fake_slack.set_not_in_channel(CHANNEL)

    refused = refusal(fake_slack, "chat.startStream", channel=CHANNEL, thread_ts="1700000000.000100", **RECIPIENT)

    assert refused.response["error"] == "not_in_channel"


def test_a_workspace_that_refuses_streaming_answers_unknown_method_until_allowed(fake_slack: FakeSlack) -> None:
    question_ts = fake_slack.add_message(CHANNEL, "Question", ASKER)
    slack = web_client(fake_slack)
    start = slack.chat_startStream

    fake_slack.refuse_streaming()
    refused = asyncio.run(slack_error(start(channel=CHANNEL, thread_ts=question_ts, markdown_text="Hi", **RECIPIENT)))
    assert refused.response["error"] == "unknown_method"
    assert refused.response["req_method"] == "chat.startStream"

    fake_slack.refuse_streaming("not_allowed")
    refused = asyncio.run(slack_error(start(channel=CHANNEL, thread_ts=question_ts, markdown_text="Hi", **RECIPIENT)))
    assert refused.response["error"] == "not_allowed"
    assert len(fake_slack.messages(CHANNEL)) == 1

    fake_slack.refuse_streaming(None)
    started = asyncio.run(start(channel=CHANNEL, thread_ts=question_ts, markdown_text="Hi", **RECIPIENT))
    assert fake_slack.streamed_text(CHANNEL, started["ts"]) == "Hi"


def test_an_expired_stream_refuses_appends_and_chat_update_finishes_it(fake_slack: FakeSlack) -> None:
    question_ts = fake_slack.add_message(CHANNEL, "Question", ASKER)

    async def stream_until_expired() -> tuple[SlackApiError, Any]:
        slack = web_client(fake_slack)
        streamer = await slack.chat_stream(channel=CHANNEL, thread_ts=question_ts, buffer_size=1, **RECIPIENT)
        await streamer.append(markdown_text="Start small")
        assert streamer.ts is not None
        fake_slack.expire_stream(CHANNEL, streamer.ts)
        refused = await slack_error(streamer.append(markdown_text=", then grow."))
        updated = await slack.chat_update(channel=CHANNEL, ts=streamer.ts, text="Start small, then grow.")
        return refused, updated

    refused, updated = asyncio.run(stream_until_expired())

    assert refused.response["error"] == "message_not_in_streaming_state"
    assert updated["message"]["text"] == "Start small, then grow."
    ts = updated["ts"]
    assert fake_slack.is_streaming(CHANNEL, ts) is False
    assert fake_slack.streamed_text(CHANNEL, ts) == "Start small"
    stop = refusal(fake_slack, "chat.stopStream", channel=CHANNEL, ts=ts)
    assert stop.response["error"] == "message_not_in_streaming_state"
    assert fake_slack.messages(CHANNEL)[-1]["text"] == "Start small, then grow."


def test_a_stop_is_checked_and_ends_the_stream(fake_slack: FakeSlack) -> None:
    ts = start_stream(fake_slack, markdown_text="Answer")
    too_many = [{"type": "divider"}] * 51

    invalid = refusal(fake_slack, "chat.stopStream", channel=CHANNEL, ts=ts, blocks=too_many)
    assert invalid.response["error"] == "invalid_blocks"
    assert invalid.response["errors"] == ["must be less than 51 items [json-pointer:/blocks]"]
    assert fake_slack.is_streaming(CHANNEL, ts) is True  # a refused stop leaves it streaming

    unknown = refusal(fake_slack, "chat.stopStream", channel=CHANNEL, ts="1799999999.000100")
    assert unknown.response["error"] == "message_not_found"

    sync_client(fake_slack).chat_stopStream(channel=CHANNEL, ts=ts, markdown_text=".", blocks=FEEDBACK_BLOCKS)
    after = refusal(fake_slack, "chat.appendStream", channel=CHANNEL, ts=ts, markdown_text="More")
    assert after.response["error"] == "message_not_in_streaming_state"
    again = refusal(fake_slack, "chat.stopStream", channel=CHANNEL, ts=ts)
    assert again.response["error"] == "message_not_in_streaming_state"
    assert fake_slack.messages(CHANNEL)[-1]["text"] == "Answer."

    posted = sync_client(fake_slack).chat_postMessage(channel=CHANNEL, text="Not a stream")
    not_a_stream = refusal(fake_slack, "chat.appendStream", channel=CHANNEL, ts=posted["ts"], markdown_text="x")
    assert not_a_stream.response["error"] == "message_not_in_streaming_state"


def test_stop_blocks_sent_json_encoded_in_a_form_are_decoded(fake_slack: FakeSlack) -> None:
    ts = start_stream(fake_slack, markdown_text="Answer")
    chunks = [{"type": "markdown_text", "text": " more"}]

    sync_client(fake_slack).api_call(
        "chat.stopStream",
        params={"channel": CHANNEL, "ts": ts, "blocks": json.dumps(FEEDBACK_BLOCKS), "chunks": json.dumps(chunks)},
    )

    (stop,) = fake_slack.calls_for("chat.stopStream")
    assert stop.ok and stop.args["blocks"] == FEEDBACK_BLOCKS
    assert fake_slack.messages(CHANNEL)[-1]["blocks"] == FEEDBACK_BLOCKS
    assert fake_slack.streamed_text(CHANNEL, ts) == "Answer more"


def test_faults_can_be_injected_into_the_streaming_methods(fake_slack: FakeSlack) -> None:
    ts = start_stream(fake_slack, markdown_text="Answer")
    fake_slack.error_next("chat.appendStream", "ratelimited")

    refused = refusal(fake_slack, "chat.appendStream", channel=CHANNEL, ts=ts, markdown_text="!")

    assert refused.response["error"] == "ratelimited"
    assert fake_slack.streamed_text(CHANNEL, ts) == "Answer"


# --------------------------------------------------------------------------- chat.delete


def test_chat_delete_removes_a_bot_message_but_not_a_persons(fake_slack: FakeSlack) -> None:
    question_ts = fake_slack.add_message(CHANNEL, "Question", ASKER)
    slack = web_client(fake_slack)

    async def post_and_delete() -> tuple[Any, Any]:
        thinking = await slack.chat_postMessage(channel=CHANNEL, thread_ts=question_ts, text="Thinking…")
        deleted = await slack.chat_delete(channel=CHANNEL, ts=thinking["ts"])
        return thinking, deleted

    thinking, deleted = asyncio.run(post_and_delete())

    assert (deleted["ok"], deleted["channel"], deleted["ts"]) == (True, CHANNEL, thinking["ts"])
    replies = asyncio.run(slack.conversations_replies(channel=CHANNEL, ts=question_ts))
    assert [message["ts"] for message in replies["messages"]] == [question_ts]
    assert "reply_count" not in replies["messages"][0]

    again = asyncio.run(slack_error(slack.chat_delete(channel=CHANNEL, ts=thinking["ts"])))
    assert again.response["error"] == "message_not_found"
    persons = asyncio.run(slack_error(slack.chat_delete(channel=CHANNEL, ts=question_ts)))
    assert persons.response["error"] == "cant_delete_message"
    other_bot = fake_slack.add_message(CHANNEL, "Another app", "U0BOT2", bot=True)
    assert asyncio.run(slack_error(slack.chat_delete(channel=CHANNEL, ts=other_bot))).response["error"] == (
        "cant_delete_message"
    )
    assert [message["ts"] for message in fake_slack.messages(CHANNEL)] == [question_ts, other_bot]


def test_deleting_a_streaming_message_ends_its_stream(fake_slack: FakeSlack) -> None:
    ts = start_stream(fake_slack, markdown_text="Answer")

    sync_client(fake_slack).chat_delete(channel=CHANNEL, ts=ts)

    assert fake_slack.is_streaming(CHANNEL, ts) is False
    gone = refusal(fake_slack, "chat.appendStream", channel=CHANNEL, ts=ts, markdown_text="!")
    assert gone.response["error"] == "message_not_found"


# --------------------------------------------------------------------------- assistant threads


def test_a_thread_status_lasts_until_the_app_replies_in_that_thread(fake_slack: FakeSlack) -> None:
    question_ts = fake_slack.add_message(IM, "Question", ASKER)
    other_ts = fake_slack.add_message(IM, "Another question", ASKER)
    slack = web_client(fake_slack)
    loading = ["Reading the price list…", "Comparing plans…"]

    async def set_status() -> None:
        await slack.assistant_threads_setStatus(
            channel_id=IM, thread_ts=question_ts, status="is thinking…", loading_messages=loading
        )
        await slack.assistant_threads_setStatus(channel_id=IM, thread_ts=other_ts, status="is reading…")

    asyncio.run(set_status())
    assert fake_slack.thread_status(IM, question_ts) == {"status": "is thinking…", "loading_messages": loading}
    assert fake_slack.thread_status(IM, other_ts) == {"status": "is reading…", "loading_messages": []}
    assert fake_slack.calls_for("assistant.threads.setStatus")[0].response == {"ok": True}

    asyncio.run(slack.chat_postMessage(channel=IM, text="Outside the thread"))
    assert fake_slack.thread_status(IM, question_ts) is not None
    asyncio.run(slack.chat_postMessage(channel=IM, thread_ts=question_ts, text="Start small."))
    assert fake_slack.thread_status(IM, question_ts) is None
    assert fake_slack.thread_status(IM, other_ts) is not None

    asyncio.run(slack.chat_startStream(channel=IM, thread_ts=other_ts, markdown_text="Streaming"))
    assert fake_slack.thread_status(IM, other_ts) is None


def test_an_empty_status_clears_it_and_loading_messages_are_limited(fake_slack: FakeSlack) -> None:
    question_ts = fake_slack.add_message(IM, "Question", ASKER)
    slack = web_client(fake_slack)

    asyncio.run(slack.assistant_threads_setStatus(channel_id=IM, thread_ts=question_ts, status="is thinking…"))
    asyncio.run(slack.assistant_threads_setStatus(channel_id=IM, thread_ts=question_ts, status=""))
    assert fake_slack.thread_status(IM, question_ts) is None

    eleven = [f"Step {n}…" for n in range(11)]
    too_many = asyncio.run(
        slack_error(
            slack.assistant_threads_setStatus(
                channel_id=IM, thread_ts=question_ts, status="is thinking…", loading_messages=eleven
            )
        )
    )
    assert too_many.response["error"] == "invalid_arguments"
    assert too_many.response["response_metadata"]["messages"] == [
        "[ERROR] must be less than 11 items [json-pointer:/loading_messages]"
    ]
    assert fake_slack.thread_status(IM, question_ts) is None
    asyncio.run(
        slack.assistant_threads_setStatus(
            channel_id=IM, thread_ts=question_ts, status="is thinking…", loading_messages=eleven[:10]
        )
    )
    assert fake_slack.thread_status(IM, question_ts) == {"status": "is thinking…", "loading_messages": eleven[:10]}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"thread_ts": "1700000000.000100", "status": "x"}, "missing required field: channel_id"),
        ({"channel_id": IM, "status": "x"}, "missing required field: thread_ts"),
        ({"channel_id": IM, "thread_ts": "1700000000.000100"}, "missing required field: status"),
        (
            {"channel_id": IM, "thread_ts": "1700000000.000100", "status": "x", "loading_messages": [1]},
            "must be an array of strings [json-pointer:/loading_messages]",
        ),
    ],
    ids=["channel_id", "thread_ts", "status", "loading-not-strings"],
)
def test_set_status_needs_its_arguments(fake_slack: FakeSlack, arguments: dict[str, Any], message: str) -> None:
    refused = refusal(fake_slack, "assistant.threads.setStatus", **arguments)

    assert refused.response["error"] == "invalid_arguments"
    assert refused.response["response_metadata"]["messages"] == [f"[ERROR] {message}"]


def test_suggested_prompts_are_kept_per_thread(fake_slack: FakeSlack) -> None:
    question_ts = fake_slack.add_message(IM, "Question", ASKER)
    slack = web_client(fake_slack)
    prompts = [
        {"title": "Cut costs", "message": "Where can AI cut our costs?"},
        {"title": "Compare", "message": "Compare the cheapest models"},
    ]

    asyncio.run(slack.assistant_threads_setSuggestedPrompts(channel_id=IM, prompts=prompts, title="Try asking"))
    asyncio.run(slack.assistant_threads_setSuggestedPrompts(channel_id=IM, thread_ts=question_ts, prompts=prompts[:1]))

    assert fake_slack.suggested_prompts(IM) == {"title": "Try asking", "prompts": prompts}
    assert fake_slack.suggested_prompts(IM, question_ts) == {"title": None, "prompts": prompts[:1]}
    assert fake_slack.suggested_prompts(CHANNEL) is None
    assert fake_slack.calls_for("assistant.threads.setSuggestedPrompts")[0].response == {"ok": True}


@pytest.mark.parametrize(
    ("prompts", "messages"),
    [
        ([], ["must contain at least 1 item [json-pointer:/prompts]"]),
        (
            [{"title": f"T{n}", "message": f"M{n}"} for n in range(5)],
            ["must be less than 5 items [json-pointer:/prompts]"],
        ),
        (
            [{"title": "T", "message": "M"}, {"title": "Only a title"}],
            ["missing required field: message [json-pointer:/prompts/1]"],
        ),
        (
            [{"title": "", "message": "M"}],
            ["missing required field: title [json-pointer:/prompts/0]"],
        ),
        (None, ["missing required field: prompts"]),
    ],
    ids=["none", "five", "no-message", "empty-title", "missing"],
)
def test_suggested_prompts_are_one_to_four_with_title_and_message(
    fake_slack: FakeSlack, prompts: Any, messages: list[str]
) -> None:
    arguments: dict[str, Any] = {"channel_id": IM}
    if prompts is not None:
        arguments["prompts"] = prompts

    refused = refusal(fake_slack, "assistant.threads.setSuggestedPrompts", **arguments)

    assert refused.response["error"] == "invalid_arguments"
    assert refused.response["response_metadata"]["messages"] == [f"[ERROR] {message}" for message in messages]
    assert fake_slack.suggested_prompts(IM) is None
