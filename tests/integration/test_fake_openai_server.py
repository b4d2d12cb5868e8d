"""The OpenAI stand-in, driven by the real LiteLLM and `openai` clients over real HTTP.

These tests pin both sides: that the stand-in behaves like OpenAI, and how LiteLLM
reacts to each fault (which exception class, which parameters it sends), which the
bot's retry and budget code rely on.
"""

from __future__ import annotations

import asyncio
import os
import time
from typing import Any

os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"  # before litellm is imported

import httpx
import litellm
import openai
import pytest
import tiktoken

from tests.fakes.openai_server import (
    ADVICE,
    FakeOpenAI,
    fake_openai,  # noqa: F401  (the fixture)
)

MESSAGES = [
    {
        "role": "system",
        "content": "Ground the answer in the catalog: \n- [otter-ai] Otter\n- [deepl-pro] DeepL\n- [canva] Canva",
    },
    {
        "role": "user",
        "content": "We spend 30 hours a month on meeting minutes. What should we use?",
    },
]
CLIENT_TIMEOUT = 10.0  # seconds; a request that should succeed never waits this long
JAPANESE_REPLY = "会議の議事録には文字起こしツールを使いましょう。"


async def ask(server: FakeOpenAI, model: str = "openai/gpt-4o-mini", **options: Any) -> Any:
    """One real LiteLLM call to the stand-in, with every client-side retry off."""
    options.setdefault("api_base", server.base_url)
    options.setdefault("api_key", server.api_key)
    options.setdefault("timeout", CLIENT_TIMEOUT)
    return await litellm.acompletion(
        model=model,
        messages=MESSAGES,
        num_retries=0,
        max_retries=0,
        **options,
    )


def o200k() -> tiktoken.Encoding:
    """The encoding, as LiteLLM has made it available offline (independent of the server)."""
    return tiktoken.get_encoding("o200k_base")


def test_litellm_gets_the_reply_and_the_usage_the_server_counted(fake_openai: FakeOpenAI) -> None:
    response = asyncio.run(ask(fake_openai))

    content = response.choices[0].message.content
    assert content == f"[gpt-4o-mini] {ADVICE} See [otter-ai] and [deepl-pro]."
    assert response.choices[0].finish_reason == "stop"
    (record,) = fake_openai.requests
    assert record.status == 200
    assert record.model == "gpt-4o-mini"
    assert record.messages == MESSAGES
    assert record.api_key == "sk-test"
    assert record.response is not None
    sent = record.response["usage"]
    assert response.usage.prompt_tokens == sent["prompt_tokens"]
    assert response.usage.completion_tokens == sent["completion_tokens"]
    assert response.usage.total_tokens == sent["total_tokens"]
    # Counted as OpenAI counts: LiteLLM's own counter agrees, and so does tiktoken.
    assert sent["prompt_tokens"] == litellm.token_counter(model="gpt-4o-mini", messages=MESSAGES)
    assert sent["completion_tokens"] == len(o200k().encode(content))
    assert sent["total_tokens"] == sent["prompt_tokens"] + sent["completion_tokens"]


def test_the_path_without_v1_is_served_too(fake_openai: FakeOpenAI) -> None:
    base = fake_openai.base_url.removesuffix("/v1")
    response = asyncio.run(ask(fake_openai, api_base=base))

    assert response.choices[0].message.content.startswith("[gpt-4o-mini] ")
    assert [record.path for record in fake_openai.requests] == ["/chat/completions"]


def test_a_wrong_key_is_an_authentication_error(fake_openai: FakeOpenAI) -> None:
    with pytest.raises(litellm.AuthenticationError, match="Incorrect API key"):
        asyncio.run(ask(fake_openai, api_key="sk-someone-elses-key"))

    (record,) = fake_openai.requests
    assert (record.api_key, record.status) == ("sk-someone-elses-key", 401)
    assert record.response is not None
    assert record.response["error"]["code"] == "invalid_api_key"


def test_other_accepted_keys_can_be_configured() -> None:
    with FakeOpenAI(api_keys=["sk-workspace-a", "sk-workspace-b"]) as server:
        asyncio.run(ask(server, api_key="sk-workspace-b"))
        with pytest.raises(litellm.AuthenticationError):
            asyncio.run(ask(server, api_key="sk-test"))

    assert [record.status for record in server.requests] == [200, 401]


@pytest.mark.parametrize(
    ("status", "raised"),
    [
        (429, litellm.RateLimitError),
        (500, litellm.InternalServerError),
        (502, litellm.BadGatewayError),
        (503, litellm.ServiceUnavailableError),
    ],
)
def test_an_injected_status_reaches_litellm_as_its_exception(
    fake_openai: FakeOpenAI, status: int, raised: type[Exception]
) -> None:
    fake_openai.fail_next(status)

    with pytest.raises(raised) as caught:
        asyncio.run(ask(fake_openai))
    assert getattr(caught.value, "status_code", None) == status
    # The fault is used up: the next call succeeds.
    asyncio.run(ask(fake_openai))
    assert [record.status for record in fake_openai.requests] == [status, 200]


def test_a_rate_limit_carries_retry_after_and_openais_error_body(fake_openai: FakeOpenAI) -> None:
    """LiteLLM keeps the provider's headers in `litellm_response_headers`; its
    `RateLimitError.response` is rebuilt and does not carry them."""
    fake_openai.fail_next(429, retry_after=7)

    with pytest.raises(litellm.RateLimitError) as caught:
        asyncio.run(ask(fake_openai))

    assert caught.value.litellm_response_headers["retry-after"] == "7"
    record = fake_openai.requests[0]
    assert record.response == {
        "error": {
            "message": "Rate limit reached for requests. Please try again later.",
            "type": "requests",
            "param": None,
            "code": "rate_limit_exceeded",
        }
    }


def test_faults_are_used_in_order_and_only_for_their_model(fake_openai: FakeOpenAI) -> None:
    fake_openai.fail_next(503, model="gpt-5-nano")
    fake_openai.fail_next(429, times=2)

    async def scenario() -> list[str]:
        outcomes = []
        for model in ("gpt-4o-mini", "gpt-5-nano", "gpt-5-nano", "gpt-4o-mini"):
            try:
                await ask(fake_openai, model=f"openai/{model}")
                outcomes.append("ok")
            except litellm.ServiceUnavailableError:
                outcomes.append("503")
            except litellm.RateLimitError:
                outcomes.append("429")
        return outcomes

    assert asyncio.run(scenario()) == ["429", "503", "429", "ok"]
    assert [record.status for record in fake_openai.calls_for("gpt-5-nano")] == [503, 429]


def test_a_delay_beyond_the_client_timeout_is_a_litellm_timeout(fake_openai: FakeOpenAI) -> None:
    fake_openai.delay_next(30)

    with pytest.raises(litellm.Timeout):
        asyncio.run(ask(fake_openai, timeout=0.5))
    # A delay shorter than the time-out only slows the answer down.
    fake_openai.delay_next(0.1)
    assert asyncio.run(ask(fake_openai, timeout=5)).choices[0].finish_reason == "stop"
    # The 30-second request is still waiting; stopping the server must cut it short
    # (the fixture's stop raises if it takes longer than a few seconds).


def test_a_dropped_connection_reaches_litellm_as_an_internal_server_error(
    fake_openai: FakeOpenAI,
) -> None:
    """LiteLLM wraps the OpenAI client's `APIConnectionError` as a 500 without a
    response: `litellm.InternalServerError` with "Connection error.", not
    `litellm.APIConnectionError`."""
    fake_openai.drop_next()

    with pytest.raises(litellm.InternalServerError, match="Connection error") as caught:
        asyncio.run(ask(fake_openai))

    assert not isinstance(caught.value, litellm.APIConnectionError)
    (record,) = fake_openai.requests
    assert record.status is None
    assert record.response is None


def test_max_tokens_truncates_the_reply(fake_openai: FakeOpenAI) -> None:
    response = asyncio.run(ask(fake_openai, max_tokens=5))

    full_reply = o200k().encode(f"[gpt-4o-mini] {ADVICE} See [otter-ai] and [deepl-pro].")
    assert response.choices[0].finish_reason == "length"
    assert response.usage.completion_tokens == 5
    assert response.choices[0].message.content == o200k().decode(full_reply[:5])
    assert fake_openai.requests[0].max_tokens == 5


@pytest.mark.parametrize(
    ("model", "sent"),
    [
        ("openai/gpt-4o-mini", {"max_tokens": 7}),
        ("openai/gpt-5-nano", {"max_completion_tokens": 7}),
    ],
)
def test_what_litellm_sends_for_max_tokens(fake_openai: FakeOpenAI, model: str, sent: dict[str, int]) -> None:
    """LiteLLM renames `max_tokens` for reasoning models, which refuse it."""
    response = asyncio.run(ask(fake_openai, model=model, max_tokens=7))

    body = fake_openai.requests[0].body
    limits = {key: body[key] for key in ("max_tokens", "max_completion_tokens") if key in body}
    assert limits == sent
    assert response.usage.completion_tokens == 7
    assert response.choices[0].finish_reason == "length"


def test_reasoning_effort_is_sent_to_gpt5_and_refused_for_gpt4o(fake_openai: FakeOpenAI) -> None:
    asyncio.run(ask(fake_openai, model="openai/gpt-5-nano", reasoning_effort="minimal"))
    assert fake_openai.requests[-1].body["reasoning_effort"] == "minimal"

    # For a model without reasoning LiteLLM refuses before any request is made ...
    with pytest.raises(litellm.UnsupportedParamsError):
        asyncio.run(ask(fake_openai, model="openai/gpt-4o-mini", reasoning_effort="low"))
    assert len(fake_openai.requests) == 1
    # ... unless told to drop what the model does not take.
    asyncio.run(ask(fake_openai, model="openai/gpt-4o-mini", reasoning_effort="low", drop_params=True))
    assert "reasoning_effort" not in fake_openai.requests[-1].body


def test_gpt5_takes_no_temperature_but_the_default(fake_openai: FakeOpenAI) -> None:
    with pytest.raises(litellm.UnsupportedParamsError):
        asyncio.run(ask(fake_openai, model="openai/gpt-5-nano", temperature=0.2))
    assert fake_openai.requests == []

    asyncio.run(ask(fake_openai, model="openai/gpt-5-nano", temperature=0.2, drop_params=True))
    assert "temperature" not in fake_openai.requests[0].body


def test_a_hundred_concurrent_requests_overlap(fake_openai: FakeOpenAI) -> None:
    fake_openai.latency = 0.2

    async def hundred() -> list[Any]:
        return await asyncio.gather(*(ask(fake_openai) for _ in range(100)))

    started = time.monotonic()
    responses = asyncio.run(hundred())
    elapsed = time.monotonic() - started

    peak = fake_openai.concurrency_peak
    print(f"100 requests, 0.2 s latency each: {elapsed:.2f} s, peak {peak} in flight")
    assert all(response.choices[0].finish_reason == "stop" for response in responses)
    assert len(fake_openai.requests) == 100
    assert peak >= 10


def test_a_custom_reply_is_used_from_a_synchronous_caller(fake_openai: FakeOpenAI) -> None:
    seen: list[tuple[str, int]] = []

    def reply(model: str, messages: list[dict[str, Any]]) -> str:
        seen.append((model, len(messages)))
        return JAPANESE_REPLY

    fake_openai.reply = reply
    response = litellm.completion(
        model="openai/gpt-4o-mini",
        api_base=fake_openai.base_url,
        api_key=fake_openai.api_key,
        messages=MESSAGES,
        num_retries=0,
        max_retries=0,
        timeout=CLIENT_TIMEOUT,
    )

    assert response.choices[0].message.content == JAPANESE_REPLY
    assert response.usage.completion_tokens == len(o200k().encode(JAPANESE_REPLY))
    assert seen == [("gpt-4o-mini", 2)]


def test_the_plain_openai_client_works(fake_openai: FakeOpenAI) -> None:
    async def scenario() -> None:
        async with openai.AsyncOpenAI(
            base_url=fake_openai.base_url,
            api_key=fake_openai.api_key,
            max_retries=0,
            timeout=CLIENT_TIMEOUT,
        ) as client:

            async def create() -> Any:
                return await client.chat.completions.create(
                    model="gpt-4o-mini",
                    messages=MESSAGES,  # type: ignore[arg-type]
                )

            completion = await create()
            assert completion.object == "chat.completion"
            assert completion.choices[0].message.content.startswith("[gpt-4o-mini] ")
            expected = litellm.token_counter(model="gpt-4o-mini", messages=MESSAGES)
            assert completion.usage.prompt_tokens == expected

            fake_openai.fail_next(429, retry_after=2)
            with pytest.raises(openai.RateLimitError) as rate_limited:
                await create()
            assert rate_limited.value.response.headers["retry-after"] == "2"

            fake_openai.drop_next()
            with pytest.raises(openai.APIConnectionError) as dropped:
                await create()
            assert type(dropped.value) is openai.APIConnectionError  # not its Timeout subclass

    asyncio.run(scenario())
    assert [record.status for record in fake_openai.requests] == [200, 429, None]


def post_raw(server: FakeOpenAI, headers: dict[str, str], **request: Any) -> httpx.Response:
    """A request as a buggy client might send it, bypassing the client libraries."""
    return httpx.post(f"{server.base_url}/chat/completions", headers=headers, timeout=CLIENT_TIMEOUT, **request)


def test_a_missing_key_is_refused(fake_openai: FakeOpenAI) -> None:
    answer = post_raw(fake_openai, {}, json={"model": "gpt-4o-mini", "messages": MESSAGES})

    assert answer.status_code == 401
    assert "didn't provide an API key" in answer.json()["error"]["message"]
    assert fake_openai.requests[0].api_key is None


MINI = {"model": "gpt-4o-mini", "messages": MESSAGES}


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"messages": MESSAGES}, "must provide a model"),
        ({"model": "gpt-4o-mini"}, "Missing required parameter: 'messages'"),
        ({"model": "gpt-4o-mini", "messages": []}, "empty array"),
        ({"model": "gpt-4o-mini", "messages": [{"role": "boss", "content": "hi"}]}, "'boss'"),
        ({"model": "gpt-4o-mini", "messages": [{"role": "user"}]}, "messages[0].content"),
        ({**MINI, "max_tokens": 0}, "'max_tokens'"),
        ({**MINI, "stream": "yes"}, "Invalid type for 'stream'"),
        ({**MINI, "stream_options": {"include_usage": True}}, "only allowed when 'stream' is enabled"),
        ({**MINI, "stream": True, "stream_options": "usage"}, "Invalid type for 'stream_options'"),
        ({**MINI, "stream": True, "stream_options": {"include_usage": "yes"}}, "'stream_options.include_usage'"),
        ({**MINI, "model": "gpt-5-nano", "max_tokens": 5}, "max_completion_tokens"),
        ({**MINI, "model": "gpt-5-nano", "temperature": 0.2}, "'temperature'"),
        ({**MINI, "reasoning_effort": "low"}, "reasoning_effort"),
        ({**MINI, "response_format": {"type": "xml"}}, "'xml'"),
        (
            {**MINI, "response_format": {"type": "json_schema", "json_schema": {"name": "a b", "schema": {}}}},
            "json_schema.name",
        ),
        (
            {
                **MINI,
                "response_format": {
                    "type": "json_schema",
                    "json_schema": {
                        "name": "Open",
                        "strict": True,
                        "schema": {"type": "object", "properties": {"a": {"type": "number"}}, "required": ["a"]},
                    },
                },
            },
            "'additionalProperties'",
        ),
        (
            {
                **MINI,
                "response_format": {
                    "type": "json_schema",
                    "json_schema": {
                        "name": "Loose",
                        "strict": True,
                        "schema": {
                            "type": "object",
                            "additionalProperties": False,
                            "properties": {"a": {"type": "number"}},
                        },
                    },
                },
            },
            "Missing 'a'",
        ),
    ],
)
def test_requests_openai_would_refuse_are_refused(fake_openai: FakeOpenAI, body: dict[str, Any], fragment: str) -> None:
    answer = post_raw(fake_openai, {"Authorization": f"Bearer {fake_openai.api_key}"}, json=body)

    assert answer.status_code == 400
    error = answer.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert error["type"] == "invalid_request_error"
    assert fragment in error["message"]
    assert fake_openai.requests[0].status == 400


def test_a_body_that_is_not_json_is_refused(fake_openai: FakeOpenAI) -> None:
    headers = {
        "Authorization": f"Bearer {fake_openai.api_key}",
        "Content-Type": "application/json",
    }
    answer = post_raw(fake_openai, headers, content=b"{not json")

    assert answer.status_code == 400
    assert "parse the JSON body" in answer.json()["error"]["message"]


def test_only_the_statuses_it_can_imitate_are_injected(fake_openai: FakeOpenAI) -> None:
    with pytest.raises(ValueError, match="status must be one of"):
        fake_openai.fail_next(418)
    with pytest.raises(ValueError, match="times"):
        fake_openai.drop_next(times=0)


def test_a_share_of_requests_fails_at_random_but_repeatably(fake_openai: FakeOpenAI) -> None:
    headers = {"Authorization": f"Bearer {fake_openai.api_key}"}

    def statuses(seed: int) -> list[int]:
        fake_openai.fail_a_share(0.3, seed=seed)
        return [post_raw(fake_openai, headers, json=MINI).status_code for _ in range(60)]

    first = statuses(seed=3)
    assert statuses(seed=3) == first  # the same seed, the same faults
    failed = [status for status in first if status != 200]
    assert set(failed) == {429, 500} and 8 <= len(failed) <= 30
    fake_openai.fail_a_share(0)
    assert post_raw(fake_openai, headers, json=MINI).status_code == 200
    with pytest.raises(ValueError, match="between 0 and 1"):
        fake_openai.fail_a_share(1.5)


def test_stop_is_prompt_and_the_port_is_released() -> None:
    server = FakeOpenAI()
    with server:
        port = server.port
        server.delay_next(60)
        with pytest.raises(litellm.Timeout):
            asyncio.run(ask(server, timeout=0.3))
    # Leaving the block stopped the server although a request was still held for a
    # minute: stop() raises when it takes longer than a few seconds.
    server.stop()  # a second stop is harmless
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/v1/chat/completions", timeout=CLIENT_TIMEOUT)
