"""An OpenAI-compatible chat-completions server of the tests' own, on loopback.

The real LiteLLM and `openai` clients talk to it over real HTTP, so a test sees what
production would see: real status codes, real error bodies, real connection errors and
time-outs, and token usage counted the way OpenAI counts it::

    with FakeOpenAI() as server:
        server.fail_next(429, retry_after=1)
        response = await litellm.acompletion(
            model="openai/gpt-4o-mini", api_base=server.base_url, api_key=server.api_key,
            messages=[...], num_retries=0, max_retries=0,
        )

or ask for the function-scoped `fake_openai` fixture (import it into a conftest or a
test module, or list this module in `pytest_plugins`).

The server runs an aiohttp application on its own event loop in a background thread
(see `tests.fakes.loopback`), so synchronous and asynchronous tests can both use it and
requests are served concurrently (injected latency is an `asyncio.sleep`, not a blocked
thread).

``stream: true`` is answered as OpenAI answers it, with server-sent events written as they
go (see `tests.fakes.openai_stream`): `stream_tokens_per_chunk` and `stream_interval` set
the pace, `latency` is the time to the first byte, and `cut_stream_next` breaks a stream
off midway. A streamed request's record summarises what was sent as the non-streamed
completion would show it, and says when the first content left (`first_content_at`).

Usage is counted with tiktoken's `o200k_base` encoding (the one OpenAI uses for the
gpt-4o and gpt-5 families), read from the copy bundled inside LiteLLM, so no network
is needed. Prompt tokens follow OpenAI's published accounting for chat messages:
3 tokens per message, plus the tokens of every string field of the message (role,
content, name; 1 more for a name), plus 3 for the reply's priming.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import random
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Self

import pytest
import tiktoken
from aiohttp import web

from tests.fakes.loopback import LoopbackServer
from tests.fakes.openai_stream import StreamedReply, StreamSettings, stream_completion, text_pieces

DEFAULT_API_KEY = "sk-test"

ADVICE = (
    "Start with the one task that takes your team the most hours, try an off-the-shelf "
    "tool for it for a month, and measure the time it saves."
)
"""The fixed sentence of the default reply."""

Message = Mapping[str, Any]
ReplyFunction = Callable[[str, list[dict[str, Any]]], str]
"""Makes the reply text from the model name and the messages as received."""

ENCODING_NAME = "o200k_base"
TOKENS_PER_MESSAGE = 3
TOKENS_PER_NAME = 1
REPLY_PRIMING_TOKENS = 3

CATALOG_ID = re.compile(r"^- \[([a-z0-9][a-z0-9.-]*)\]", re.MULTILINE)
"""How the advisor's prompts list a catalog entry: a line starting ``- [otter-ai]``."""

ROLES = ("system", "developer", "user", "assistant", "tool", "function")
ROLES_WITH_CATALOG_IDS = ("system", "developer", "user")

REASONING_MODEL_PREFIXES = ("o1", "o3", "o4", "gpt-5")
"""Models that OpenAI serves with reasoning: they refuse `max_tokens` and any
temperature but 1, and are the only ones that accept `reasoning_effort`."""

_ERRORS: dict[int, tuple[str, str, str | None]] = {
    429: (
        "Rate limit reached for requests. Please try again later.",
        "requests",
        "rate_limit_exceeded",
    ),
    500: (
        "The server had an error while processing your request. Sorry about that!",
        "server_error",
        None,
    ),
    502: ("Bad gateway.", "server_error", None),
    503: (
        "The engine is currently overloaded, please try again later.",
        "server_error",
        None,
    ),
}
"""The statuses `fail_next` can inject, with OpenAI's message, type and code."""

FAULT_STATUSES = tuple(_ERRORS)


# --------------------------------------------------------------------------- tokens


@functools.cache
def bundled_encoding(name: str = ENCODING_NAME) -> tiktoken.Encoding:
    """A tiktoken encoding (`o200k_base`, `cl100k_base`), loaded from LiteLLM's bundled copy
    without importing LiteLLM.

    tiktoken looks encodings up in `TIKTOKEN_CACHE_DIR` under the SHA-1 of their URL;
    LiteLLM ships them in `litellm/litellm_core_utils/tokenizers/` and points that
    variable there when it is imported. We point it there only while the encoding
    loads (tiktoken keeps the loaded encoding), so the server works before or without
    `import litellm`, never downloads anything, and leaves the environment as it was.
    """
    spec = importlib.util.find_spec("litellm")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("LiteLLM is not installed; its bundled tokenizers are needed")
    package = Path(next(iter(spec.submodule_search_locations)))
    bundled = package / "litellm_core_utils" / "tokenizers"
    url = f"https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"
    cached = bundled / hashlib.sha1(url.encode()).hexdigest()
    if not cached.is_file():
        raise RuntimeError(f"{name} is not bundled with LiteLLM (looked for {cached})")
    previous = os.environ.get("TIKTOKEN_CACHE_DIR")
    os.environ["TIKTOKEN_CACHE_DIR"] = str(bundled)
    try:
        return tiktoken.get_encoding(name)
    finally:
        if previous is None:
            del os.environ["TIKTOKEN_CACHE_DIR"]
        else:
            os.environ["TIKTOKEN_CACHE_DIR"] = previous


def encode(text: str) -> list[int]:
    """The `o200k_base` tokens of a text (special tokens are counted as plain text)."""
    return bundled_encoding().encode(text, disallowed_special=())


def count_tokens(text: str) -> int:
    return len(encode(text))


def content_text(content: Any) -> str:
    """The text of a message's content: a string, or the text parts of a list."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            part.get("text", "") for part in content if isinstance(part, dict) and part.get("type") == "text"
        )
    return ""


def count_prompt_tokens(messages: Sequence[Message]) -> int:
    """Prompt tokens of chat messages, as OpenAI bills them (see the module docstring)."""
    total = REPLY_PRIMING_TOKENS
    for message in messages:
        total += TOKENS_PER_MESSAGE
        for key, value in message.items():
            if key == "content":
                total += count_tokens(content_text(value))
            elif isinstance(value, str):
                total += count_tokens(value)
                if key == "name":
                    total += TOKENS_PER_NAME
    return total


def default_reply(model: str, messages: list[dict[str, Any]]) -> str:
    """``[model] <advice>``, naming the first two catalog ids of the system/user messages.

    Deterministic, and it proves that the model name and the prompt reached the server.
    """
    ids: list[str] = []
    for message in messages:
        if message.get("role") in ROLES_WITH_CATALOG_IDS:
            for found in CATALOG_ID.findall(content_text(message.get("content"))):
                if found not in ids:
                    ids.append(found)
    reply = f"[{model}] {ADVICE}"
    if ids:
        reply += " See " + " and ".join(f"[{found}]" for found in ids[:2]) + "."
    return reply


# --------------------------------------------------------------------------- records


@dataclass
class RecordedRequest:
    """One request as the server saw it, and what it answered."""

    path: str
    api_key: str | None
    """The bearer token sent, or None when there was no Authorization header."""
    body: dict[str, Any]
    """The JSON body as received ({} when it was not a JSON object)."""
    received_at: float
    """`time.monotonic()` when the request arrived."""
    status: int | None = None
    """The HTTP status answered; None while in flight or when no response was sent."""
    response: dict[str, Any] | None = None
    """The JSON body answered; for a stream, what was sent so far as the non-streamed
    completion would show it (`finish_reason` and `usage` None until sent)."""
    streamed: bool = False
    """Whether the answer was an event stream."""
    first_content_at: float | None = None
    """`time.monotonic()` when the first non-empty content chunk was written (streams only):
    the model's time to first token."""
    chunks_sent: int = 0
    """The content chunks written (streams only)."""

    @property
    def model(self) -> str | None:
        model = self.body.get("model")
        return model if isinstance(model, str) else None

    @property
    def messages(self) -> list[dict[str, Any]]:
        messages = self.body.get("messages")
        return messages if isinstance(messages, list) else []

    @property
    def max_tokens(self) -> int | None:
        """The reply limit asked for, by `max_completion_tokens` or `max_tokens`."""
        return _reply_limit(self.body)


@dataclass
class _Fault:
    kind: Literal["fail", "delay", "drop", "cut"]
    remaining: int
    model: str | None
    status: int = 0
    retry_after: float | None = None
    seconds: float = 0.0
    after_chunks: int = 0

    def matches(self, model: str | None, streamed: bool) -> bool:
        """A cut only breaks a stream; the other faults hit any request."""
        return (self.model is None or self.model == model) and (streamed or self.kind != "cut")


@dataclass(frozen=True)
class _Reply:
    """The reply to one request: its tokens within the request's limit, and why it ended."""

    tokens: list[int]
    finish_reason: Literal["stop", "length"]
    prompt_tokens: int

    @property
    def content(self) -> str:
        return bundled_encoding().decode(self.tokens)

    @property
    def usage(self) -> dict[str, int]:
        completion_tokens = len(self.tokens)
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": self.prompt_tokens + completion_tokens,
        }


class _Dropped(Exception):
    """The connection was closed without a response, as asked by `drop_next`."""


def _reply_limit(body: Mapping[str, Any]) -> int | None:
    for name in ("max_completion_tokens", "max_tokens"):
        value = body.get(name)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def _error(
    status: int,
    message: str,
    kind: str = "invalid_request_error",
    code: str | None = None,
    param: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> web.Response:
    body = {"error": {"message": message, "type": kind, "param": param, "code": code}}
    return web.json_response(body, status=status, headers=headers)


class _BadRequest(Exception):
    def __init__(self, message: str, *, param: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.param = param
        self.code = code


def _validate(body: Mapping[str, Any]) -> None:
    """Refuse what OpenAI refuses, so that client bugs show up as 400s here too."""
    model = body.get("model")
    if not isinstance(model, str) or not model:
        raise _BadRequest("you must provide a model parameter")
    if "messages" not in body:
        raise _BadRequest(
            "Missing required parameter: 'messages'.",
            param="messages",
            code="missing_required_parameter",
        )
    messages = body["messages"]
    if not isinstance(messages, list):
        raise _BadRequest("Invalid type for 'messages': expected an array.", param="messages", code="invalid_type")
    if not messages:
        raise _BadRequest(
            "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
            param="messages",
            code="empty_array",
        )
    for index, message in enumerate(messages):
        if not isinstance(message, dict):
            raise _BadRequest(
                f"Invalid type for 'messages[{index}]': expected an object.",
                param=f"messages[{index}]",
                code="invalid_type",
            )
        role = message.get("role")
        if role not in ROLES:
            raise _BadRequest(
                f"Invalid value: {role!r}. Supported values are: {', '.join(ROLES)}.",
                param=f"messages[{index}].role",
                code="invalid_value",
            )
        content = message.get("content")
        absent_allowed = role == "assistant" and content is None
        if not absent_allowed and not isinstance(content, str | list):
            raise _BadRequest(
                f"Invalid type for 'messages[{index}].content': expected a string or an array.",
                param=f"messages[{index}].content",
                code="invalid_type",
            )
    for name in ("max_tokens", "max_completion_tokens"):
        if name in body and body[name] is not None:
            value = body[name]
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise _BadRequest(
                    f"Invalid '{name}': expected an integer of at least 1, got {value!r}.",
                    param=name,
                    code="integer_below_min_value",
                )
    _validate_stream(body)
    if body.get("response_format") is not None:
        _validate_response_format(body["response_format"])
    _validate_for_model(model, body)


def _validate_stream(body: Mapping[str, Any]) -> None:
    stream = body.get("stream")
    if stream is not None and not isinstance(stream, bool):
        raise _BadRequest("Invalid type for 'stream': expected a boolean.", param="stream", code="invalid_type")
    options = body.get("stream_options")
    if options is None:
        return
    if stream is not True:
        raise _BadRequest(
            "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
            param="stream_options",
            code="invalid_value",
        )
    if not isinstance(options, dict):
        raise _BadRequest(
            "Invalid type for 'stream_options': expected an object.", param="stream_options", code="invalid_type"
        )
    include_usage = options.get("include_usage")
    if include_usage is not None and not isinstance(include_usage, bool):
        raise _BadRequest(
            "Invalid type for 'stream_options.include_usage': expected a boolean.",
            param="stream_options.include_usage",
            code="invalid_type",
        )


RESPONSE_FORMATS = ("text", "json_object", "json_schema")
SCHEMA_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


def _validate_response_format(response_format: Any) -> None:
    """Refuse a `response_format` OpenAI refuses: an unknown type, a schema without a valid name, and
    a strict schema whose objects do not forbid other keys or do not require every key."""
    kind = response_format.get("type") if isinstance(response_format, dict) else None
    if kind not in RESPONSE_FORMATS:
        raise _BadRequest(
            f"Invalid value: {kind!r}. Supported values are: 'text', 'json_object', and 'json_schema'.",
            param="response_format.type",
            code="invalid_value",
        )
    if kind != "json_schema":
        return
    spec = response_format.get("json_schema")
    if not isinstance(spec, dict) or not isinstance(spec.get("name"), str) or not SCHEMA_NAME.match(spec["name"]):
        raise _BadRequest(
            "Invalid 'response_format.json_schema.name': expected a string of letters, digits, '_' or '-', at most 64.",
            param="response_format.json_schema.name",
            code="invalid_value",
        )
    if spec.get("strict"):
        _validate_strict_schema(spec["name"], spec.get("schema"), ())


def _validate_strict_schema(name: str, schema: Any, context: tuple[str, ...]) -> None:
    if not isinstance(schema, dict):
        return
    where = f"Invalid schema for response_format '{name}': In context={context}, "
    if schema.get("type") == "object":
        if schema.get("additionalProperties") is not False:
            raise _BadRequest(
                where + "'additionalProperties' is required to be supplied and to be false.",
                param="response_format",
                code="invalid_json_schema",
            )
        properties = schema.get("properties") or {}
        missing = [key for key in properties if key not in (schema.get("required") or [])]
        if missing:
            raise _BadRequest(
                where + "'required' is required to be supplied and to be an array including every key "
                f"in properties. Missing '{missing[0]}'.",
                param="response_format",
                code="invalid_json_schema",
            )
        for key, value in properties.items():
            _validate_strict_schema(name, value, (*context, "properties", key))
    for key in ("anyOf", "items"):
        nested = schema.get(key)
        for index, value in enumerate(nested if isinstance(nested, list) else [nested] if nested else []):
            _validate_strict_schema(name, value, (*context, key, str(index)))
    for key, value in (schema.get("$defs") or {}).items():
        _validate_strict_schema(name, value, ("$defs", key))


def _validate_for_model(model: str, body: Mapping[str, Any]) -> None:
    reasoning = model.startswith(REASONING_MODEL_PREFIXES)
    if reasoning and body.get("max_tokens") is not None:
        raise _BadRequest(
            "Unsupported parameter: 'max_tokens' is not supported with this model. "
            "Use 'max_completion_tokens' instead.",
            param="max_tokens",
            code="unsupported_parameter",
        )
    temperature = body.get("temperature")
    if reasoning and temperature is not None and temperature != 1:
        raise _BadRequest(
            f"Unsupported value: 'temperature' does not support {temperature} with this "
            "model. Only the default (1) value is supported.",
            param="temperature",
            code="unsupported_value",
        )
    if not reasoning and body.get("reasoning_effort") is not None:
        raise _BadRequest(
            "Unsupported parameter: 'reasoning_effort' is not supported with this model.",
            param="reasoning_effort",
            code="unsupported_parameter",
        )


def _bearer_key(header: str | None) -> str | None:
    if header is None:
        return None
    scheme, _, key = header.partition(" ")
    return key.strip() if scheme.lower() == "bearer" else None


def _masked(key: str) -> str:
    return key if len(key) <= 8 else f"{key[:3]}{'*' * (len(key) - 7)}{key[-4:]}"


# --------------------------------------------------------------------------- server


class FakeOpenAI(LoopbackServer):
    """An OpenAI-compatible `POST /v1/chat/completions` on 127.0.0.1, for tests.

    Use it as a context manager (or `start()`/`stop()`); `stop()` cuts requests still
    waiting on a delay short. Everything a test may set or read is thread-safe: faults,
    `latency`, `stream_tokens_per_chunk`, `stream_interval`, `reply`, `requests`, `concurrency_peak`.
    """

    name = "the fake OpenAI server"
    thread_name = "fake-openai"

    def __init__(
        self,
        *,
        api_keys: Iterable[str] = (DEFAULT_API_KEY,),
        reply: ReplyFunction = default_reply,
        latency: float = 0.0,
    ) -> None:
        super().__init__()
        self.api_keys: tuple[str, ...] = tuple(api_keys)
        if not self.api_keys:
            raise ValueError("at least one API key must be accepted")
        self.reply: ReplyFunction = reply
        """Makes the reply text; replace it to script the model's answers. It runs on
        the server's event loop, so it must not block."""
        self.latency: float = latency
        """Seconds every request waits before it is answered (requests overlap); for a
        stream, the time to its first byte."""
        self.stream_tokens_per_chunk: int = 1
        """Reply tokens per content chunk of a stream (fewer in a chunk where a character
        spans two groups: its bytes wait for the group that completes it)."""
        self.stream_interval: float = 0.0
        """Seconds between two content chunks of a stream."""
        self._lock = threading.Lock()
        self._faults: list[_Fault] = []
        self._flaky: tuple[float, random.Random, float] | None = None
        self._records: list[RecordedRequest] = []
        self._in_flight = 0
        self._peak = 0

    # ---------------------------------------------------------------- lifecycle

    @property
    def api_key(self) -> str:
        """The first accepted key."""
        return self.api_keys[0]

    @property
    def base_url(self) -> str:
        """What clients take as `api_base`/`base_url`: ``http://127.0.0.1:PORT/v1``."""
        return f"{self.origin}/v1"

    def start(self) -> Self:
        bundled_encoding()  # load the tokenizer now, not inside the first request
        return super().start()

    def _application(self) -> web.Application:
        app = web.Application()
        for path in ("/v1/chat/completions", "/chat/completions"):
            app.router.add_post(path, self._chat_completions)
        return app

    # ---------------------------------------------------------------- faults

    def fail_next(
        self,
        status: int,
        times: int = 1,
        model: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        """Answer the next `times` requests (for `model`, or any) with an error status.

        `status` is one of 429, 500, 502, 503; the body is OpenAI's error JSON and
        `retry_after`, when given, is sent as the `Retry-After` header (seconds).
        """
        if status not in _ERRORS:
            raise ValueError(f"status must be one of {FAULT_STATUSES}, not {status}")
        self._add_fault(_Fault("fail", times, model, status=status, retry_after=retry_after))

    def delay_next(self, seconds: float, times: int = 1, model: str | None = None) -> None:
        """Hold the next `times` requests for `seconds` before answering normally."""
        if seconds < 0:
            raise ValueError("seconds must not be negative")
        self._add_fault(_Fault("delay", times, model, seconds=seconds))

    def drop_next(self, times: int = 1, model: str | None = None) -> None:
        """Close the connection of the next `times` requests without any response."""
        self._add_fault(_Fault("drop", times, model))

    def cut_stream_next(self, after_chunks: int, times: int = 1, model: str | None = None) -> None:
        """Break off the next `times` streamed requests (for `model`, or any) midway.

        The stream sends its role chunk and `after_chunks` content chunks (all of them, when
        the reply has fewer), then the connection is aborted: no finish chunk, no usage, no
        ``[DONE]``. Requests that do not stream pass it by.
        """
        if isinstance(after_chunks, bool) or not isinstance(after_chunks, int) or after_chunks < 0:
            raise ValueError(f"after_chunks must be a whole number of at least 0, not {after_chunks!r}")
        self._add_fault(_Fault("cut", times, model, after_chunks=after_chunks))

    def fail_a_share(self, share: float, seed: int = 0, hold_seconds: float = 0.0) -> None:
        """From now on fail about `share` of the requests, picked at random (seeded, so runs repeat).

        Each one picked gets, in turn at random, a 429 (with ``Retry-After: 0``), a 500,
        or, when `hold_seconds` is given, no answer for that long (longer than the
        client's time-out, it is a time-out). The faults of `fail_next` and friends
        come first. `share=0` stops it.
        """
        if not 0 <= share <= 1:
            raise ValueError(f"share must be between 0 and 1, not {share}")
        with self._lock:
            self._flaky = (share, random.Random(seed), hold_seconds) if share else None

    def _random_fault(self) -> _Fault | None:
        with self._lock:
            if self._flaky is None:
                return None
            share, chance, hold_seconds = self._flaky
            if chance.random() >= share:
                return None
            kinds = ["429", "500", "hold"] if hold_seconds > 0 else ["429", "500"]
            kind = chance.choice(kinds)
        if kind == "hold":
            return _Fault("delay", 1, None, seconds=hold_seconds)
        return _Fault("fail", 1, None, status=int(kind), retry_after=0 if kind == "429" else None)

    def _add_fault(self, fault: _Fault) -> None:
        if fault.remaining < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            self._faults.append(fault)

    def _take_fault(self, model: str | None, streamed: bool) -> _Fault | None:
        """The first pending fault for this request, one of its `times` used up."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(model, streamed):
                    fault.remaining -= 1
                    if fault.remaining == 0:
                        self._faults.remove(fault)
                    return fault
        return None

    # ---------------------------------------------------------------- records

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, in arrival order (a copy)."""
        with self._lock:
            return list(self._records)

    def calls_for(self, model: str) -> list[RecordedRequest]:
        """The requests that named this model (as sent, e.g. ``gpt-4o-mini``)."""
        return [record for record in self.requests if record.model == model]

    @property
    def concurrency_peak(self) -> int:
        """The most requests that were in flight at the same moment."""
        with self._lock:
            return self._peak

    # ---------------------------------------------------------------- handling

    async def _chat_completions(self, request: web.Request) -> web.StreamResponse:
        with self._lock:
            self._in_flight += 1
            self._peak = max(self._peak, self._in_flight)
        try:
            record = RecordedRequest(
                path=request.path,
                api_key=_bearer_key(request.headers.get("Authorization")),
                body={},
                received_at=time.monotonic(),
            )
            with self._lock:
                self._records.append(record)
            try:
                response = await self._answer(request, record)
            except _Dropped:
                transport = request.transport
                if transport is not None:
                    transport.abort()
                # aiohttp finds the transport closed and writes nothing.
                return web.Response()
            if isinstance(response, web.Response):  # a stream keeps its record itself
                record.status = response.status
                if response.text:
                    record.response = json.loads(response.text)
            return response
        finally:
            with self._lock:
                self._in_flight -= 1

    async def _answer(self, request: web.Request, record: RecordedRequest) -> web.StreamResponse:
        try:
            body = json.loads(await request.read())
        except ValueError:
            body = None
        if isinstance(body, dict):
            record.body = body
        if record.api_key is None:
            return _error(
                401,
                "You didn't provide an API key. You need to provide your API key in an "
                "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
            )
        if record.api_key not in self.api_keys:
            return _error(
                401,
                f"Incorrect API key provided: {_masked(record.api_key)}.",
                code="invalid_api_key",
            )
        if not isinstance(body, dict):
            return _error(400, "We could not parse the JSON body of your request.")
        try:
            _validate(body)
        except _BadRequest as bad:
            return _error(400, bad.message, code=bad.code, param=bad.param)

        await self._pause(self.latency)
        streamed = body.get("stream") is True
        fault = self._take_fault(record.model, streamed) or self._random_fault()
        if fault is not None and fault.kind != "cut":
            if fault.kind == "drop":
                raise _Dropped
            if fault.kind == "fail":
                message, kind, code = _ERRORS[fault.status]
                headers = {}
                if fault.retry_after is not None:
                    headers["Retry-After"] = f"{fault.retry_after:g}"
                return _error(fault.status, message, kind, code, headers=headers)
            await self._pause(fault.seconds)
        headers = {"x-request-id": uuid.uuid4().hex}
        if not streamed:
            return web.json_response(self._completion(body), headers=headers)
        reply = self._reply_to(body)
        options = body.get("stream_options") or {}
        streamed_reply = StreamedReply(
            model=body["model"],
            pieces=text_pieces(bundled_encoding(), reply.tokens, self.stream_tokens_per_chunk),
            finish_reason=reply.finish_reason,
            usage=reply.usage,
        )
        settings = StreamSettings(
            interval=self.stream_interval,
            include_usage=options.get("include_usage") is True,
            cut_after=fault.after_chunks if fault is not None and fault.kind == "cut" else None,
            pause=self._pause,
            headers=headers,
        )
        return await stream_completion(request, record, streamed_reply, settings)

    def _reply_to(self, body: Mapping[str, Any]) -> _Reply:
        """The reply's tokens, cut to the request's limit, and its prompt's tokens."""
        tokens = encode(self.reply(body["model"], body["messages"]))
        limit = _reply_limit(body)
        if limit is not None and len(tokens) > limit:
            return _Reply(tokens[:limit], "length", count_prompt_tokens(body["messages"]))
        return _Reply(tokens, "stop", count_prompt_tokens(body["messages"]))

    def _completion(self, body: Mapping[str, Any]) -> dict[str, Any]:
        reply = self._reply_to(body)
        return {
            "id": f"chatcmpl-{uuid.uuid4().hex}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": reply.content, "refusal": None},
                    "logprobs": None,
                    "finish_reason": reply.finish_reason,
                }
            ],
            "usage": reply.usage,
            "service_tier": "default",
            "system_fingerprint": "fp_stand_in",
        }


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A running `FakeOpenAI` for one test, accepting the key ``sk-test``."""
    with FakeOpenAI() as server:
        yield server
