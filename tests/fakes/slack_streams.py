"""The AI-app methods of the fake Slack: chat streaming, chat.delete, assistant threads.

`StreamingMethods` is mixed into `tests.fakes.slack_server.FakeSlack`, which serves these
methods besides its own and lends them its conversation and message-store helpers:

chat.startStream, chat.appendStream, chat.stopStream
    A streamed message is a bot reply in a thread whose ``text`` grows with the markdown
    of each call: ``markdown_text`` first, then the ``text`` of each ``markdown_text`` chunk;
    other chunk types (``task_update``, ``plan_update``, ``blocks``) are accepted and add
    no text. chat.stopStream sets the message's ``blocks`` and ends the streaming state.
    Errors: ``missing_recipient_team_id`` and ``missing_recipient_user_id`` (a C or G
    channel needs both), ``msg_too_long`` (``markdown_text`` over 12,000 characters),
    ``message_not_found``, ``message_not_in_streaming_state`` (stopped, or expired with
    `expire_stream`), ``no_text`` (an append with nothing to add), ``invalid_blocks``.
chat.delete
    Removes one of the bot's messages; ``message_not_found``, ``cant_delete_message``.
assistant.threads.setStatus, assistant.threads.setSuggestedPrompts
    Kept per thread, read back with `thread_status` and `suggested_prompts`. A status is
    cleared by an empty status and, as Slack does, when the app replies in the thread
    (chat.postMessage or chat.startStream there).

Where Slack's documentation is silent the stand-in stays minimal: it does not check that
``thread_ts`` names a message, limits only ``markdown_text`` to 12,000 characters (not a
chunk's text, nor the growing message's), keeps no rendering of non-text chunks,
ignores ``metadata``, ``task_display_mode`` and the icon and username overrides, lets
chat.update edit a message whether or not it streams, and deletes a thread's parent
without leaving the "This message was deleted" placeholder Slack shows above replies.
A stream never expires by itself; `expire_stream` stands for Slack's timeout.
"""

from __future__ import annotations

import copy
import json
import time
from dataclasses import dataclass
from typing import Any

from tests.fakes.slack_rules import (
    Answer,
    Arguments,
    SlackError,
    argument_text,
    check_message_blocks,
    invalid_arguments,
    too_many,
)

MAX_STREAM_TEXT_CHARS = 12_000  # markdown_text of one streaming call
MAX_LOADING_MESSAGES = 10
MAX_SUGGESTED_PROMPTS = 4
STREAM_CHUNK_TEXT = "markdown_text"  # the chunk type whose text is appended


@dataclass
class _Stream:
    text: str
    streaming: bool = True


def _streamed_markdown(arguments: Arguments) -> tuple[str, bool]:
    """The markdown a streaming call adds, and whether it brought any text or chunk."""
    markdown = arguments.get("markdown_text")
    if markdown is None:
        markdown = ""
    elif not isinstance(markdown, str):
        raise invalid_arguments("must be a string [json-pointer:/markdown_text]")
    if len(markdown) > MAX_STREAM_TEXT_CHARS:
        raise SlackError("msg_too_long")
    chunks = arguments.get("chunks")
    if chunks is None:
        chunks = []
    elif not isinstance(chunks, list):
        raise invalid_arguments("must be an array [json-pointer:/chunks]")
    texts = [markdown]
    for index, chunk in enumerate(chunks):
        if not isinstance(chunk, dict) or not isinstance(chunk.get("type"), str):
            raise invalid_arguments(f"missing required field: type [json-pointer:/chunks/{index}]")
        if chunk["type"] == STREAM_CHUNK_TEXT:
            if not isinstance(chunk.get("text"), str):
                raise invalid_arguments(f"missing required field: text [json-pointer:/chunks/{index}]")
            texts.append(chunk["text"])
    return "".join(texts), bool(markdown) or bool(chunks)


def _required(arguments: Arguments, name: str) -> str:
    value = argument_text(arguments, name)
    if value is None:
        raise invalid_arguments(f"missing required field: {name}")
    return value


def _prompt_errors(prompts: Any) -> list[str]:
    """What is wrong with suggested prompts: 1 to 4 objects, each with a title and a message."""
    if not isinstance(prompts, list):
        return ["missing required field: prompts"]
    if not prompts:
        return ["must contain at least 1 item [json-pointer:/prompts]"]
    errors = [too_many(MAX_SUGGESTED_PROMPTS, "/prompts")] if len(prompts) > MAX_SUGGESTED_PROMPTS else []
    for index, prompt in enumerate(prompts):
        for field in ("title", "message"):
            value = prompt.get(field) if isinstance(prompt, dict) else None
            if not isinstance(value, str) or not value:
                errors.append(f"missing required field: {field} [json-pointer:/prompts/{index}]")
    return errors


class StreamingMethods:
    """chat.startStream/appendStream/stopStream, chat.delete and the assistant.threads
    methods, with the test controls that go with them (see the module docstring).

    A mixin for `FakeSlack` only: it uses FakeSlack's lock and store helpers. Handlers run
    with the lock held; the public methods take it.
    """

    def __init__(self) -> None:
        super().__init__()
        self._streams: dict[tuple[str, str], _Stream] = {}
        self._stream_refusal: str | None = None
        self._thread_statuses: dict[tuple[str, str], Answer] = {}
        self._prompts: dict[tuple[str, str | None], Answer] = {}

    def _streaming_handlers(self) -> dict[str, Any]:
        return {
            "chat.startStream": self._chat_start_stream,
            "chat.appendStream": self._chat_append_stream,
            "chat.stopStream": self._chat_stop_stream,
            "chat.delete": self._chat_delete,
            "assistant.threads.setStatus": self._assistant_threads_set_status,
            "assistant.threads.setSuggestedPrompts": self._assistant_threads_set_suggested_prompts,
        }

    # ---------------------------------------------------------------- test controls

    def refuse_streaming(self, error: str | None = "unknown_method") -> None:
        """From now on chat.startStream answers `error`, as in a workspace or on a plan
        where Slack offers no streaming; None lets streams start again."""
        with self._lock:
            self._stream_refusal = error

    def expire_stream(self, channel: str, ts: str) -> None:
        """End a stream as Slack's timeout does: appends and stops answer
        ``message_not_in_streaming_state``; the message stays, chat.update can edit it."""
        with self._lock:
            self._stream(channel, ts).streaming = False

    def streamed_text(self, channel: str, ts: str) -> str:
        """The markdown streamed into this message so far (KeyError for no stream)."""
        with self._lock:
            return self._stream(channel, ts).text

    def is_streaming(self, channel: str, ts: str) -> bool:
        """Whether this message is a stream not yet stopped or expired."""
        with self._lock:
            stream = self._streams.get((channel, ts))
            return stream is not None and stream.streaming

    def thread_status(self, channel_id: str, thread_ts: str) -> Answer | None:
        """``{"status": ..., "loading_messages": [...]}`` shown in the thread, or None."""
        with self._lock:
            return copy.deepcopy(self._thread_statuses.get((channel_id, thread_ts)))

    def suggested_prompts(self, channel_id: str, thread_ts: str | None = None) -> Answer | None:
        """``{"title": ..., "prompts": [...]}`` last set for the thread (None: without a
        ``thread_ts``), or None when none were."""
        with self._lock:
            return copy.deepcopy(self._prompts.get((channel_id, thread_ts)))

    def endings(self, thread_ts: str) -> list[str]:
        """How each of the app's replies in a thread ended, as said (JSON of the call, after the streamed
        text): a chat.update of a message it had posted there (an answer posted whole over "thinking…",
        or a message saying why there is none), or a stream it stopped there."""
        with self._lock:
            calls = list(self._calls)
        posted = {call.response.get("ts") for call in calls if call.method == "chat.postMessage" and call.ok
                  and call.args.get("thread_ts") == thread_ts}  # fmt: skip
        started = {call.response.get("ts") for call in calls if call.method == "chat.startStream" and call.ok
                   and call.args.get("thread_ts") == thread_ts}  # fmt: skip
        said = []
        for call in calls:
            if call.method == "chat.update" and call.ok and call.args.get("ts") in posted:
                said.append(json.dumps(call.args, ensure_ascii=False))
            elif call.method == "chat.stopStream" and call.ok and call.args.get("ts") in started:
                text = self.streamed_text(call.args["channel"], call.args["ts"])
                said.append(text + json.dumps(call.args, ensure_ascii=False))
        return said

    def wait_for_endings(self, thread_ts: str, count: int = 1, timeout: float = 5.0) -> list[str]:
        """Block until `count` of the app's replies in the thread ended (see `endings`); all of them so far."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(ended := self.endings(thread_ts)) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"{len(ended)} of {count} replies in thread {thread_ts} ended in {timeout:g} s"
                    )
                self._changed.wait(remaining)
            return ended

    # ---------------------------------------------------------------- helpers (lock held)

    def _stream(self, channel: str, ts: str) -> _Stream:
        stream = self._streams.get((channel, ts))
        if stream is None:
            raise KeyError(f"no message {ts} was streamed in {channel}")
        return stream

    def _replied_in_thread(self, channel: str, thread_ts: str | None) -> None:
        """The app replied in a thread: Slack clears the thread's status."""
        if thread_ts is not None:
            self._thread_statuses.pop((channel, thread_ts), None)

    def _streaming_message(self, arguments: Arguments) -> tuple[str, Answer, _Stream]:
        """The channel, message and stream an append or a stop names."""
        channel = self._conversation(arguments)
        ts = _required(arguments, "ts")
        message = self._find(channel, ts)
        stream = self._streams.get((channel, ts))
        if message is None:
            raise SlackError("message_not_found")
        if stream is None or not stream.streaming:
            raise SlackError("message_not_in_streaming_state")
        return channel, message, stream

    # ---------------------------------------------------------------- methods (lock held)

    def _chat_start_stream(self, arguments: Arguments) -> Answer:
        if self._stream_refusal is not None:
            extra = {"req_method": "chat.startStream"} if self._stream_refusal == "unknown_method" else {}
            raise SlackError(self._stream_refusal, **extra)
        channel = self._member_conversation(arguments)
        thread_ts = _required(arguments, "thread_ts")
        if channel[0] in "CG":  # outside a DM Slack needs to know whom the stream is for
            for name in ("recipient_team_id", "recipient_user_id"):
                if argument_text(arguments, name) is None:
                    raise SlackError(f"missing_{name}")
        text, _ = _streamed_markdown(arguments)
        message = self._bot_message({"text": text}, self._next_ts())
        self._into_thread(channel, message, thread_ts)
        self._store(channel, message)
        self._streams[channel, message["ts"]] = _Stream(text)
        self._replied_in_thread(channel, thread_ts)
        return {"ok": True, "channel": channel, "ts": message["ts"]}

    def _chat_append_stream(self, arguments: Arguments) -> Answer:
        channel, message, stream = self._streaming_message(arguments)
        text, brought = _streamed_markdown(arguments)
        if not brought:
            raise SlackError("no_text")
        stream.text += text
        message["text"] = stream.text
        return {"ok": True, "channel": channel, "ts": message["ts"]}

    def _chat_stop_stream(self, arguments: Arguments) -> Answer:
        channel, message, stream = self._streaming_message(arguments)
        text, _ = _streamed_markdown(arguments)
        blocks = arguments.get("blocks")
        check_message_blocks(blocks)
        stream.text += text
        stream.streaming = False
        message["text"] = stream.text
        if blocks:
            message["blocks"] = blocks
        return {"ok": True, "channel": channel, "ts": message["ts"], "message": copy.deepcopy(message)}

    def _chat_delete(self, arguments: Arguments) -> Answer:
        channel = self._conversation(arguments)
        ts = argument_text(arguments, "ts") or ""
        message = self._find(channel, ts)
        if message is None:
            raise SlackError("message_not_found")
        if message.get("bot_id") != self.bot_id:
            raise SlackError("cant_delete_message")
        del self._by_ts[channel][ts]
        history = self._history[channel]
        del history[next(index for index, stored in enumerate(history) if stored is message)]
        stream = self._streams.get((channel, ts))
        if stream is not None:
            stream.streaming = False
        return {"ok": True, "channel": channel, "ts": ts}

    def _assistant_threads_set_status(self, arguments: Arguments) -> Answer:
        _required(arguments, "channel_id")
        channel = self._conversation(arguments, "channel_id")
        thread_ts = _required(arguments, "thread_ts")
        status = arguments.get("status")
        if not isinstance(status, str):
            raise invalid_arguments("missing required field: status")
        loading = arguments.get("loading_messages", [])
        if not isinstance(loading, list) or not all(isinstance(line, str) for line in loading):
            raise invalid_arguments("must be an array of strings [json-pointer:/loading_messages]")
        if len(loading) > MAX_LOADING_MESSAGES:
            raise invalid_arguments(too_many(MAX_LOADING_MESSAGES, "/loading_messages"))
        if status:
            self._thread_statuses[channel, thread_ts] = {"status": status, "loading_messages": list(loading)}
        else:
            self._thread_statuses.pop((channel, thread_ts), None)
        return {"ok": True}

    def _assistant_threads_set_suggested_prompts(self, arguments: Arguments) -> Answer:
        _required(arguments, "channel_id")
        channel = self._conversation(arguments, "channel_id")
        prompts = arguments.get("prompts")
        errors = _prompt_errors(prompts)
        if errors:
            raise invalid_arguments(*errors)
        title = arguments.get("title")
        self._prompts[channel, argument_text(arguments, "thread_ts")] = {
            "title": title if isinstance(title, str) else None,
            "prompts": copy.deepcopy(prompts),
        }
        return {"ok": True}
