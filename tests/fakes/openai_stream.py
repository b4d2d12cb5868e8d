"""How `FakeOpenAI` streams a chat completion: OpenAI's server-sent events, written as they go.

A streamed answer is ``data: <json>\\n\\n`` events on a ``text/event-stream`` response:
one chunk giving the role, the content chunks, one chunk with the finish reason and an empty
delta, with ``stream_options: {"include_usage": true}`` one more chunk with no choices and
the usage, and ``data: [DONE]``. Every chunk has the same id and `created`; with
include_usage every chunk carries ``"usage": null`` but the last.

The content chunks are the reply's tokens taken a few at a time and decoded; bytes of a
character split between two groups (a Japanese character is three bytes, often two tokens)
are held back until it is whole, so the chunks joined are exactly the non-streamed content.
"""

from __future__ import annotations

import asyncio
import codecs
import json
import time
import uuid
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import tiktoken
from aiohttp import web

if TYPE_CHECKING:
    from tests.fakes.openai_server import RecordedRequest

CONTENT_TYPE = "text/event-stream; charset=utf-8"
DONE = b"data: [DONE]\n\n"


def text_pieces(encoding: tiktoken.Encoding, tokens: Sequence[int], per_chunk: int) -> Iterator[str]:
    """The text of `tokens` taken `per_chunk` at a time, never splitting a character.

    A group whose bytes end inside a character gives only the characters it completes; the
    rest comes with the next group (a group that completes none gives no piece). The pieces
    joined equal ``encoding.decode(tokens)``, replacement characters for invalid bytes included.
    """
    if isinstance(per_chunk, bool) or not isinstance(per_chunk, int) or per_chunk < 1:
        raise ValueError(f"tokens per chunk must be a whole number of at least 1, not {per_chunk!r}")
    return _pieces(encoding, tokens, per_chunk)


def _pieces(encoding: tiktoken.Encoding, tokens: Sequence[int], per_chunk: int) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    for start in range(0, len(tokens), per_chunk):
        piece = decoder.decode(encoding.decode_bytes(list(tokens[start : start + per_chunk])))
        if piece:
            yield piece
    tail = decoder.decode(b"", final=True)
    if tail:
        yield tail


@dataclass
class StreamedReply:
    """What to stream: the reply's pieces, how it ended, and its usage."""

    model: str
    pieces: Iterable[str]
    finish_reason: str
    usage: Mapping[str, int]


@dataclass
class StreamSettings:
    """How to stream it."""

    interval: float
    """Seconds between two content chunks."""
    include_usage: bool
    cut_after: int | None
    """Abort the connection after this many content chunks (no finish, usage or [DONE])."""
    pause: Callable[[float], Awaitable[None]]
    headers: Mapping[str, str]


class _Stream:
    """One streamed answer: writes its chunks and keeps the request's record up to date."""

    def __init__(
        self, response: web.StreamResponse, record: RecordedRequest, reply: StreamedReply, include_usage: bool
    ):
        self.response = response
        self.record = record
        self.reply = reply
        self.include_usage = include_usage
        self.id = f"chatcmpl-{uuid.uuid4().hex}"
        self.created = int(time.time())
        self.content = ""
        self.finish_reason: str | None = None
        self.usage: dict[str, int] | None = None

    def chunk(self, delta: dict[str, Any] | None, finish_reason: str | None = None) -> dict[str, Any]:
        """A chunk with one choice carrying `delta`, or (`delta` None) the usage chunk."""
        choices = (
            [] if delta is None else [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}]
        )
        chunk: dict[str, Any] = {
            "id": self.id,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": self.reply.model,
            "system_fingerprint": "fp_stand_in",
            "service_tier": "default",
            "choices": choices,
        }
        if self.include_usage:
            chunk["usage"] = self.usage if delta is None else None
        return chunk

    def summary(self) -> dict[str, Any]:
        """What has been sent, as the non-streamed completion would show it."""
        return {
            "id": self.id,
            "object": "chat.completion",
            "model": self.reply.model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": self.content},
                    "finish_reason": self.finish_reason,
                }
            ],
            "usage": self.usage,
        }

    async def send(self, chunk: dict[str, Any] | None) -> None:
        """Record what is about to be sent (so a client that has it finds it recorded), then send it."""
        self.record.response = self.summary()
        event = DONE if chunk is None else b"data: " + _json(chunk) + b"\n\n"
        await self.response.write(event)

    async def content_chunk(self, piece: str) -> None:
        before = (self.content, self.record.first_content_at)
        self.content += piece
        self.record.chunks_sent += 1
        if self.record.first_content_at is None:
            self.record.first_content_at = time.monotonic()
        try:
            await self.send(self.chunk({"content": piece}))
        except ConnectionResetError:  # not sent: the client had gone
            self.content, self.record.first_content_at = before
            self.record.chunks_sent -= 1
            self.record.response = self.summary()
            raise

    async def cut(self, transport: asyncio.Transport | None) -> None:
        """Close the connection once what was written has left, without ending the response."""
        self.record.response = self.summary()
        while transport is not None and not transport.is_closing() and transport.get_write_buffer_size():
            await asyncio.sleep(0.001)
        if transport is not None:
            transport.abort()


async def stream_completion(
    request: web.Request, record: RecordedRequest, reply: StreamedReply, settings: StreamSettings
) -> web.StreamResponse:
    """Answer `request` with `reply` as OpenAI's event stream, keeping `record` up to date.

    A client that goes away mid-stream ends it; the record keeps what was sent.
    """
    response = web.StreamResponse(status=200, headers={"Content-Type": CONTENT_TYPE, **settings.headers})
    stream = _Stream(response, record, reply, settings.include_usage)
    record.streamed = True
    record.status = response.status
    record.response = stream.summary()
    try:
        await response.prepare(request)
        await stream.send(stream.chunk({"role": "assistant", "content": "", "refusal": None}))
        for sent, piece in enumerate(reply.pieces):
            if sent == settings.cut_after:
                await stream.cut(request.transport)
                return response
            if sent:
                await settings.pause(settings.interval)
            await stream.content_chunk(piece)
        if settings.cut_after is not None:
            await stream.cut(request.transport)
            return response
        stream.finish_reason = reply.finish_reason
        await stream.send(stream.chunk({}, reply.finish_reason))
        if settings.include_usage:
            stream.usage = dict(reply.usage)
            await stream.send(stream.chunk(None))
        await stream.send(None)
        await response.write_eof()
    except ConnectionResetError:
        pass  # the client went away; the record keeps what was sent
    return response


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
