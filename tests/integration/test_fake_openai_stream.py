"""The OpenAI stand-in's streamed answers, read raw and through the real LiteLLM client.

Pinned here for the product code: LiteLLM raises a pre-stream 429 from the awaited
`acompletion` itself (`litellm.RateLimitError`), before any iteration. A stream broken off
midway raises, while iterating, `litellm.exceptions.MidStreamFallbackError` (not exported
as `litellm.MidStreamFallbackError`; a subclass of `litellm.ServiceUnavailableError`),
whose `original_exception` is a `litellm.APIConnectionError` and whose `generated_content`
is the content received so far. LiteLLM leaves `stream_options` out of a request that does
not stream.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from typing import Any

os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"  # before litellm is imported

import httpx
import litellm
import pytest
from litellm.exceptions import MidStreamFallbackError

from tests.fakes.openai_server import (
    FakeOpenAI,
    RecordedRequest,
    bundled_encoding,
    default_reply,
    fake_openai,  # noqa: F401  (the fixture)
)
from tests.fakes.openai_stream import text_pieces
from tests.integration.test_fake_openai_server import CLIENT_TIMEOUT, MESSAGES, ask, o200k

MINI = {"model": "gpt-4o-mini", "messages": MESSAGES}
JAPANESE_REPLY = "導入を躊躇する必要はありません。議事録の齟齬は文字起こしツールで減らせます。"
"""Has characters whose three bytes are split between two o200k tokens (躊, 躇, 齟, 齬)."""


async def ask_streamed(server: FakeOpenAI, **options: Any) -> tuple[list[Any], list[float]]:
    """A streamed LiteLLM call: the chunks it yields, and `time.monotonic()` as each arrived."""
    stream = await ask(server, stream=True, **options)
    chunks: list[Any] = []
    arrivals: list[float] = []
    async for chunk in stream:
        chunks.append(chunk)
        arrivals.append(time.monotonic())
    return chunks, arrivals


def joined_content(chunks: list[Any]) -> str:
    return "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)


def finish_reasons(chunks: list[Any]) -> list[str]:
    return [chunk.choices[0].finish_reason for chunk in chunks if chunk.choices and chunk.choices[0].finish_reason]


def authorized(server: FakeOpenAI) -> dict[str, str]:
    return {"Authorization": f"Bearer {server.api_key}"}


def raw_events(server: FakeOpenAI, body: dict[str, Any]) -> tuple[httpx.Response, list[str]]:
    """POST `body` and split the answer into its server-sent events' data."""
    answer = httpx.post(
        f"{server.base_url}/chat/completions", headers=authorized(server), json=body, timeout=CLIENT_TIMEOUT
    )
    assert answer.text.endswith("\n\n")
    events = answer.text.split("\n\n")[:-1]
    assert all(event.startswith("data: ") for event in events)
    return answer, [event.removeprefix("data: ") for event in events]


def test_a_stream_is_openais_event_stream_on_the_wire(fake_openai: FakeOpenAI) -> None:
    answer, events = raw_events(fake_openai, {**MINI, "stream": True, "stream_options": {"include_usage": True}})

    assert answer.status_code == 200
    assert answer.headers["content-type"].split(";")[0] == "text/event-stream"
    assert events[-1] == "[DONE]"
    role, *contents, finish, usage = chunks = [json.loads(event) for event in events[:-1]]
    assert {chunk["id"] for chunk in chunks} == {chunks[0]["id"]}
    assert chunks[0]["id"].startswith("chatcmpl-")
    for chunk in chunks:
        assert chunk["object"] == "chat.completion.chunk"
        assert chunk["model"] == "gpt-4o-mini"
        assert chunk["created"] == chunks[0]["created"]
        assert (chunk["system_fingerprint"], chunk["service_tier"]) == ("fp_stand_in", "default")
    assert role["choices"] == [
        {
            "index": 0,
            "delta": {"role": "assistant", "content": "", "refusal": None},
            "logprobs": None,
            "finish_reason": None,
        }
    ]
    assert all(list(chunk["choices"][0]["delta"]) == ["content"] for chunk in contents)
    assert finish["choices"] == [{"index": 0, "delta": {}, "logprobs": None, "finish_reason": "stop"}]
    assert [chunk["usage"] for chunk in chunks[:-1]] == [None] * (len(chunks) - 1)
    assert usage["choices"] == []

    # One token a chunk, and the same reply and usage as the answer that does not stream.
    completion = httpx.post(
        f"{fake_openai.base_url}/chat/completions", headers=authorized(fake_openai), json=MINI, timeout=CLIENT_TIMEOUT
    ).json()
    content = "".join(chunk["choices"][0]["delta"]["content"] for chunk in contents)
    assert content == completion["choices"][0]["message"]["content"]
    assert len(contents) == len(o200k().encode(content))
    assert usage["usage"] == completion["usage"]

    streamed, plain = fake_openai.requests
    assert (streamed.status, streamed.streamed, streamed.chunks_sent) == (200, True, len(contents))
    assert (plain.streamed, plain.chunks_sent, plain.first_content_at) == (False, 0, None)
    assert streamed.first_content_at is not None and streamed.first_content_at >= streamed.received_at
    assert streamed.response == {
        "id": role["id"],
        "object": "chat.completion",
        "model": "gpt-4o-mini",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": completion["usage"],
    }


def test_without_include_usage_there_is_no_usage_at_all(fake_openai: FakeOpenAI) -> None:
    _, events = raw_events(fake_openai, {**MINI, "stream": True, "stream_options": {"include_usage": False}})
    _, bare_events = raw_events(fake_openai, {**MINI, "stream": True})

    for stream in (events, bare_events):
        chunks = [json.loads(event) for event in stream[:-1]]
        assert all("usage" not in chunk for chunk in chunks)
        assert chunks[-1]["choices"][0]["finish_reason"] == "stop"
    assert [record.response["usage"] for record in fake_openai.requests if record.response] == [None, None]


def test_litellm_streams_the_reply_and_the_usage_of_the_answer_that_does_not_stream(
    fake_openai: FakeOpenAI,
) -> None:
    chunks, _ = asyncio.run(ask_streamed(fake_openai, stream_options={"include_usage": True}))
    response = asyncio.run(ask(fake_openai))

    assert joined_content(chunks) == response.choices[0].message.content
    assert finish_reasons(chunks) == ["stop"]
    # LiteLLM puts the usage chunk's usage on the last chunk it yields.
    usage = chunks[-1].usage
    assert (usage.prompt_tokens, usage.completion_tokens, usage.total_tokens) == (
        response.usage.prompt_tokens,
        response.usage.completion_tokens,
        response.usage.total_tokens,
    )
    built = litellm.stream_chunk_builder(chunks)
    assert built.choices[0].message.content == response.choices[0].message.content
    assert built.usage.completion_tokens == response.usage.completion_tokens
    streamed = fake_openai.requests[0]
    assert streamed.body["stream_options"] == {"include_usage": True}
    assert streamed.response is not None
    assert streamed.response["usage"]["completion_tokens"] == response.usage.completion_tokens


def test_a_japanese_reply_streamed_a_token_a_chunk_reassembles_exactly(fake_openai: FakeOpenAI) -> None:
    tokens = o200k().encode(JAPANESE_REPLY)
    split = [token for token in tokens if "\ufffd" in o200k().decode([token])]
    assert split, "the reply must have characters split between tokens"
    fake_openai.reply = lambda model, messages: JAPANESE_REPLY

    chunks, _ = asyncio.run(ask_streamed(fake_openai))

    pieces = [chunk.choices[0].delta.content for chunk in chunks if chunk.choices and chunk.choices[0].delta.content]
    assert "".join(pieces) == JAPANESE_REPLY
    assert not any("\ufffd" in piece for piece in pieces)
    # A split character's first token gives no chunk of its own: it waits for the rest.
    assert len(pieces) == len(tokens) - len(split) // 2
    assert fake_openai.requests[0].chunks_sent == len(pieces)


@pytest.mark.parametrize("per_chunk", [1, 2, 3, 7, 100])
@pytest.mark.parametrize("limit", [None, 3, 4])
def test_the_pieces_of_any_grouping_join_to_the_decoded_reply(per_chunk: int, limit: int | None) -> None:
    """Even a limit that ends inside a character: both answers end in U+FFFD then."""
    tokens = o200k().encode(JAPANESE_REPLY)[:limit]

    pieces = list(text_pieces(bundled_encoding(), tokens, per_chunk))

    assert "".join(pieces) == o200k().decode(tokens)
    assert all(pieces)
    assert len(pieces) <= -(-len(tokens) // per_chunk) + 1


def test_stream_tokens_per_chunk_groups_the_tokens(fake_openai: FakeOpenAI) -> None:
    fake_openai.stream_tokens_per_chunk = 4
    chunks, _ = asyncio.run(ask_streamed(fake_openai))

    tokens = o200k().encode(joined_content(chunks))
    pieces = [chunk.choices[0].delta.content for chunk in chunks if chunk.choices and chunk.choices[0].delta.content]
    assert pieces == [o200k().decode(tokens[start : start + 4]) for start in range(0, len(tokens), 4)]
    with pytest.raises(ValueError, match="at least 1"):
        text_pieces(bundled_encoding(), tokens, 0)


def test_max_tokens_ends_the_stream_with_length(fake_openai: FakeOpenAI) -> None:
    chunks, _ = asyncio.run(ask_streamed(fake_openai, max_tokens=5, stream_options={"include_usage": True}))
    response = asyncio.run(ask(fake_openai, max_tokens=5))

    assert finish_reasons(chunks) == ["length"]
    assert joined_content(chunks) == response.choices[0].message.content
    assert chunks[-1].usage.completion_tokens == 5
    assert fake_openai.requests[0].response is not None
    assert fake_openai.requests[0].response["choices"][0]["finish_reason"] == "length"


def test_stream_interval_spreads_the_chunks_and_latency_delays_the_first(fake_openai: FakeOpenAI) -> None:
    interval, latency = 0.05, 0.2
    fake_openai.reply = lambda model, messages: "one two three four five six"
    fake_openai.stream_interval = interval
    fake_openai.latency = latency

    sent = time.monotonic()
    chunks, arrivals = asyncio.run(ask_streamed(fake_openai))

    content_arrivals = [at for chunk, at in zip(chunks, arrivals, strict=True) if chunk.choices[0].delta.content]
    count = len(content_arrivals)
    assert count == 6
    assert content_arrivals[-1] - content_arrivals[0] >= (count - 1) * interval * 0.8
    (record,) = fake_openai.requests
    assert record.first_content_at is not None
    assert record.first_content_at - record.received_at >= latency * 0.9
    assert sent < record.first_content_at < content_arrivals[-1]


def test_a_cut_stream_raises_mid_stream_and_keeps_what_was_sent(fake_openai: FakeOpenAI) -> None:
    fake_openai.cut_stream_next(3)
    received: list[Any] = []

    async def scenario() -> None:
        stream = await ask(fake_openai, stream=True, stream_options={"include_usage": True})
        async for chunk in stream:
            received.append(chunk)

    with pytest.raises(MidStreamFallbackError) as caught:
        asyncio.run(scenario())

    assert isinstance(caught.value, litellm.ServiceUnavailableError)
    assert type(caught.value.original_exception) is litellm.APIConnectionError
    (record,) = fake_openai.requests
    assert record.chunks_sent == 3
    assert record.status == 200
    assert record.response is not None
    partial = record.response["choices"][0]["message"]["content"]
    assert joined_content(received) == partial == caught.value.generated_content
    assert partial == o200k().decode(o200k().encode(partial)[:3])
    assert record.response["choices"][0]["finish_reason"] is None
    assert record.response["usage"] is None
    # The fault is used up.
    chunks, _ = asyncio.run(ask_streamed(fake_openai))
    assert finish_reasons(chunks) == ["stop"]


def test_a_cut_on_the_wire_sends_the_role_and_the_chunks_asked_for(fake_openai: FakeOpenAI) -> None:
    fake_openai.cut_stream_next(0, times=2)
    events: list[str] = []

    with (
        pytest.raises(httpx.RemoteProtocolError),  # raised while reading
        httpx.stream(
            "POST",
            f"{fake_openai.base_url}/chat/completions",
            headers=authorized(fake_openai),
            json={**MINI, "stream": True},
            timeout=CLIENT_TIMEOUT,
        ) as answer,
    ):
        events.extend(line for line in answer.iter_lines() if line)

    assert len(events) == 1
    assert json.loads(events[0].removeprefix("data: "))["choices"][0]["delta"]["role"] == "assistant"
    assert fake_openai.requests[0].first_content_at is None


def test_a_cut_passes_requests_that_do_not_stream_by(fake_openai: FakeOpenAI) -> None:
    fake_openai.cut_stream_next(2, model="gpt-5-nano")

    assert asyncio.run(ask(fake_openai, model="openai/gpt-5-nano")).choices[0].finish_reason == "stop"
    chunks, _ = asyncio.run(ask_streamed(fake_openai))  # another model
    assert finish_reasons(chunks) == ["stop"]
    with pytest.raises(MidStreamFallbackError):
        asyncio.run(ask_streamed(fake_openai, model="openai/gpt-5-nano"))
    assert [record.chunks_sent for record in fake_openai.calls_for("gpt-5-nano")] == [0, 2]


@pytest.mark.parametrize("after_chunks", [-1, 1.5, True])
def test_cut_stream_next_refuses_what_is_not_a_count(fake_openai: FakeOpenAI, after_chunks: Any) -> None:
    with pytest.raises(ValueError, match="after_chunks"):
        fake_openai.cut_stream_next(after_chunks)
    with pytest.raises(ValueError, match="times"):
        fake_openai.cut_stream_next(1, times=0)


def test_a_rate_limit_before_the_stream_is_raised_by_the_awaited_call(fake_openai: FakeOpenAI) -> None:
    fake_openai.fail_next(429, retry_after=3)
    awaited: list[bool] = []

    async def scenario() -> None:
        await ask(fake_openai, stream=True)
        awaited.append(True)

    with pytest.raises(litellm.RateLimitError) as caught:
        asyncio.run(scenario())

    assert awaited == []
    assert caught.value.litellm_response_headers["retry-after"] == "3"
    (record,) = fake_openai.requests
    assert (record.status, record.streamed) == (429, False)
    assert record.response is not None
    assert record.response["error"]["code"] == "rate_limit_exceeded"


def test_a_dropped_stream_request_is_an_internal_server_error(fake_openai: FakeOpenAI) -> None:
    fake_openai.drop_next()

    with pytest.raises(litellm.InternalServerError, match="Connection error"):
        asyncio.run(ask_streamed(fake_openai))

    assert fake_openai.requests[0].status is None


def test_stream_options_without_stream_are_refused(fake_openai: FakeOpenAI) -> None:
    """LiteLLM leaves them out when it does not stream, so the refusal is met raw."""
    asyncio.run(ask(fake_openai, stream_options={"include_usage": True}))
    assert "stream_options" not in fake_openai.requests[0].body

    for body in ({**MINI, "stream_options": {"include_usage": True}}, {**MINI, "stream": False, "stream_options": {}}):
        answer = httpx.post(
            f"{fake_openai.base_url}/chat/completions",
            headers=authorized(fake_openai),
            json=body,
            timeout=CLIENT_TIMEOUT,
        )
        assert answer.status_code == 400
        assert answer.json() == {
            "error": {
                "message": "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
                "type": "invalid_request_error",
                "param": "stream_options",
                "code": "invalid_value",
            }
        }


def test_a_client_that_leaves_mid_stream_leaves_a_record_of_what_was_sent(fake_openai: FakeOpenAI) -> None:
    fake_openai.stream_interval = 0.05
    with httpx.stream(
        "POST",
        f"{fake_openai.base_url}/chat/completions",
        headers=authorized(fake_openai),
        json={**MINI, "stream": True},
        timeout=CLIENT_TIMEOUT,
    ) as answer:
        lines = answer.iter_lines()
        next(line for line in lines if '"delta":{"content":' in line)

    record = wait_until_finished(fake_openai)
    assert record.response is not None
    sent = record.response["choices"][0]["message"]["content"]
    full_reply = default_reply("gpt-4o-mini", MESSAGES)
    assert sent.startswith("[") and full_reply.startswith(sent) and sent != full_reply
    assert 1 <= record.chunks_sent < len(o200k().encode(full_reply))
    assert (record.status, record.response["choices"][0]["finish_reason"], record.response["usage"]) == (
        200,
        None,
        None,
    )


def wait_until_finished(server: FakeOpenAI, seconds: float = 5.0) -> RecordedRequest:
    """The one request's record, once the server has stopped streaming it (the in-flight count is 0)."""
    deadline = time.monotonic() + seconds
    while server._in_flight:
        assert time.monotonic() < deadline, "the server kept streaming to a client that left"
        time.sleep(0.01)
    (record,) = server.requests
    return record
