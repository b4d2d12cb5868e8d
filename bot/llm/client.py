"""One model call that survives the real world: retries with back-off, a deadline, real usage.

Tenacity is the one retry loop: LiteLLM's own retries and the OpenAI client's are off
(`num_retries=0`, `max_retries=0`), so a 429 is never retried twice underneath. Falling
back to another model is the caller's decision, because it needs a budget reservation.

A call may stream (`on_text`): the answer's text is handed over as the model writes it, and
the usage comes in the stream's last chunk (`stream_options.include_usage`). A failure before
any text was handed over is retried like any other; after, it cannot be (the asker has read
part of an answer), and the call ends as `StreamCutOff` with the text so far and an estimate
of the tokens it used.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
    wait_exponential_jitter,
)

from bot.domain.tokens import count_prompt_tokens, estimate
from bot.llm.models import ConfiguredModel
from bot.llm.runtime import litellm

MAX_RETRY_AFTER_SECONDS = 30.0

TextSink = Callable[[str], Awaitable[None]]
"""Takes each piece of a streamed answer as it arrives; it must not raise."""


@dataclass(frozen=True)
class Completion:
    text: str
    model: str  # the configured model name
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    finish_reason: str | None
    attempts: int


class ModelCallFailed(Exception):
    """The model gave no answer: retries exhausted, the deadline passed, or a permanent error."""

    def __init__(self, model: str, reason: str, attempts: int) -> None:
        super().__init__(f"{model}: {reason}")
        self.model = model
        self.reason = reason
        self.attempts = attempts


class StreamCutOff(ModelCallFailed):
    """A streamed answer stopped part-way: `completion` holds the text handed over and the tokens
    it is estimated to have used (no usage arrives from a cut stream)."""

    def __init__(self, model: str, reason: str, attempts: int, completion: Completion) -> None:
        super().__init__(model, reason, attempts)
        self.completion = completion


class _CutOff(Exception):
    """Raised inside an attempt when a stream fails after text was handed over: never retried."""

    def __init__(self, text: str, error: BaseException) -> None:
        super().__init__(str(error))
        self.text = text
        self.error = error


@dataclass(frozen=True)
class CallPolicy:
    attempts: int = 3
    timeout_seconds: float = 30.0
    retry_base_seconds: float = 1.0
    remote_cost_map: bool = False


def _is_transient(error: BaseException) -> bool:
    lite = litellm()
    transient = (
        lite.RateLimitError,
        lite.InternalServerError,
        lite.ServiceUnavailableError,
        lite.BadGatewayError,
        lite.APIConnectionError,
        lite.Timeout,  # not a subclass of litellm's APIConnectionError, only of openai's
    )  # a dropped connection arrives as InternalServerError
    return isinstance(error, transient)


def _retry_after(error: BaseException | None) -> float | None:
    """The seconds a provider asked us to wait (a `Retry-After` header), if any.

    LiteLLM rebuilds the error's `response`, so the provider's headers are in
    `litellm_response_headers`.
    """
    headers = dict(getattr(error, "litellm_response_headers", None) or {})
    asked = next((value for name, value in headers.items() if name.lower() == "retry-after"), None)
    try:
        value = float(asked)  # type: ignore[arg-type]  # any header value; what float refuses is caught below
    except (TypeError, ValueError):
        return None
    return min(max(value, 0.0), MAX_RETRY_AFTER_SECONDS)


class _BackOff:
    """Exponential back-off with jitter, or the provider's `Retry-After` when it is longer."""

    def __init__(self, base_seconds: float) -> None:
        self._jitter = wait_exponential_jitter(
            multiplier=base_seconds, max=max(base_seconds * 8, 0.001), jitter=base_seconds
        )

    def __call__(self, state: RetryCallState) -> float:
        wait = self._jitter(state)
        outcome = state.outcome
        asked = _retry_after(outcome.exception()) if outcome is not None else None
        return max(wait, asked or 0.0)


def _describe(error: BaseException) -> str:
    name = type(error).__name__
    status = getattr(error, "status_code", None)
    return f"{name} (HTTP {status})" if status else name


async def complete(
    model: ConfiguredModel,
    messages: list[dict[str, str]],
    policy: CallPolicy,
    deadline: float,
    *,
    user: str | None = None,
    response_format: type[BaseModel] | None = None,
    on_text: TextSink | None = None,
) -> Completion:
    """Ask `model`, retrying transient failures until `deadline` (a `time.monotonic()` value).

    With `response_format` (a pydantic model) the reply is JSON in that model's schema: LiteLLM
    sends it as OpenAI's strict `json_schema` response format. With `on_text` the answer streams
    (see the module's docstring); a stream cut part-way raises `StreamCutOff`.
    """
    lite = litellm(policy.remote_cost_map)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise ModelCallFailed(model.spec.name, "no time left before the deadline", 0)
    retrying = AsyncRetrying(
        stop=stop_after_attempt(policy.attempts) | stop_before_delay(remaining),
        wait=_BackOff(policy.retry_base_seconds),
        retry=retry_if_exception(_is_transient),
        reraise=True,
    )
    request: dict[str, Any] = {
        **model.params,
        "messages": messages,
        "max_tokens": model.spec.max_tokens,
        "num_retries": 0,
        "max_retries": 0,
        "drop_params": True,  # a parameter one provider lacks is dropped, not an error
    }
    if user:
        request["user"] = user
    if response_format is not None:
        request["response_format"] = response_format
    if on_text is not None:
        request["stream"] = True
        request["stream_options"] = {"include_usage": True}
    attempts = 0
    try:
        async for attempt in retrying:
            with attempt:
                attempts += 1
                timeout = min(policy.timeout_seconds, max(deadline - time.monotonic(), 0.1))
                if on_text is None:
                    response = await lite.acompletion(**request, timeout=timeout)
                else:
                    response = await _streamed(lite, request, timeout, deadline, on_text)
    except _CutOff as cut:
        # Our own counts, which err high: what the provider bills for a cut stream is not reported.
        prompt_tokens, completion_tokens = count_prompt_tokens(messages), estimate(cut.text)
        partial = Completion(
            text=cut.text.strip(),
            model=model.spec.name,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            cost_usd=model.spec.cost(prompt_tokens, completion_tokens),
            finish_reason=None,
            attempts=attempts,
        )
        raise StreamCutOff(model.spec.name, _describe(cut.error), attempts, partial) from cut.error
    except Exception as error:  # every provider error ends here, named for the person asking
        raise ModelCallFailed(model.spec.name, _describe(error), attempts) from error
    return _completion(model, response, attempts)


async def _streamed(lite: Any, request: dict[str, Any], timeout: float, deadline: float, on_text: TextSink) -> Any:
    """One streamed call: each piece of text to `on_text`, then the response rebuilt from the chunks
    (`stream_chunk_builder`), with the usage the last chunk reported."""
    chunks: list[Any] = []
    shown: list[str] = []
    try:
        async with asyncio.timeout(max(deadline - time.monotonic(), 0.1)):
            stream = await lite.acompletion(**request, timeout=timeout)
            async for chunk in stream:
                chunks.append(chunk)
                piece = _piece(chunk)
                if piece:
                    shown.append(piece)
                    await on_text(piece)
    except Exception as error:
        if shown:
            raise _CutOff("".join(shown), error) from error
        raise
    response = lite.stream_chunk_builder(chunks, messages=request["messages"])
    if response is None:  # a stream of no chunks at all
        raise ValueError("the model's stream ended without an answer")
    return response


def _piece(chunk: Any) -> str:
    choices = getattr(chunk, "choices", None) or []
    delta = getattr(choices[0], "delta", None) if choices else None
    content = getattr(delta, "content", None)
    return content if isinstance(content, str) else ""


def _completion(model: ConfiguredModel, response: Any, attempts: int) -> Completion:
    choice = response.choices[0]
    usage = getattr(response, "usage", None)
    prompt_tokens = int(getattr(usage, "prompt_tokens", 0) or 0)
    completion_tokens = int(getattr(usage, "completion_tokens", 0) or 0)
    return Completion(
        text=(choice.message.content or "").strip(),
        model=model.spec.name,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        cost_usd=model.spec.cost(prompt_tokens, completion_tokens),
        finish_reason=getattr(choice, "finish_reason", None),
        attempts=attempts,
    )
