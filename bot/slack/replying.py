"""One reply in Slack while a question is answered: what shows it is being worked on, the answer
streamed as the model writes it, and what closes it.

- While the question is taken: in the app's own threads (a DM thread, where Slack's AI-app
  status lives) `assistant.threads.setStatus` with loading messages in the asker's language;
  elsewhere, or where Slack refuses the status, a "Thinking…" message.
- A model's answer streams (`chat.startStream`, `appendStream`, `stopStream`, through
  slack_sdk's `chat_stream` helper) in the thread where the answer goes, with the recipient
  set as Slack requires in channels. The first piece starts the stream at once; later pieces
  are sent a few hundred characters or half a second at a time (startStream is in a stricter
  rate-limit tier than appendStream). Once the stream has started, "Thinking…" is deleted, and
  the stream's message is what a process taking the question over would answer in.
- The stream is stopped with what the answer adds to the model's text (a budget warning, a
  note that it stopped part-way) and the blocks that close every answer (the cost line, the
  buttons, the feedback). An answer longer than a streamed message takes continues in
  messages of its own.
- Where Slack refuses streaming (an older workspace, a missing scope, any method error), the
  answer goes in the way it does without streaming: it replaces "Thinking…" (or the
  streamed message, when the stream broke part-way), once. A refusal that will not change
  by itself is remembered for the workspace for an hour, so its answers do not try again.
- An answer no model wrote (zero tokens) is instant, and is posted whole.
- A process streams at most `ADVISOR_STREAMS_AT_ONCE` answers at once. A streamed answer costs
  some six times the CPU of one posted whole (LiteLLM and the OpenAI client parse every chunk,
  and Slack gets a call every few hundred characters), so in a burst of questions the answers
  beyond those go out whole, and all of them arrive sooner.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_chat_stream import AsyncChatStream
from slack_sdk.web.async_client import AsyncWebClient

from bot.advisor.answer import Answer
from bot.domain.messages import say
from bot.slack.blocks import answer_messages, answer_trailer, failure_message, thinking_message
from bot.slack.errors import slack_error

if TYPE_CHECKING:
    from bot.slack.services import SlackServices
    from bot.store.slack_state import EventClaim

logger = logging.getLogger(__name__)

STREAM_BUFFER_CHARACTERS = 200
"""Text held back before an appendStream, unless `STREAM_FLUSH_SECONDS` have passed."""
STREAM_FLUSH_SECONDS = 0.5
STREAM_LIMIT = 11_000
"""Characters one streamed message takes (Slack takes 12,000 a call); the rest follows as messages."""
STREAM_HEADROOM = 800
"""Characters more a streamed message may take to end at a paragraph or a word rather than mid-word."""


@dataclass(frozen=True)
class Place:
    """Where a question was asked and where its answer goes."""

    workspace_id: str
    channel_id: str
    user_id: str
    thread_ts: str | None  # the thread to answer in; None answers in the conversation itself (a DM)


class Reply:
    """The reply to one question, from "working on it" to the answer (see the module's docstring)."""

    def __init__(
        self,
        services: SlackServices,
        client: AsyncWebClient,
        place: Place,
        language: str,
        claim: EventClaim | None = None,
    ) -> None:
        self.services = services
        self.client = client
        self.place = place
        self.language = language
        self.claim = claim
        self.placeholder_ts: str | None = claim.reply_ts if claim else None
        self.stream: AsyncChatStream | None = None  # once started
        self.given = ""  # the model's text handed to the stream
        self._broken = False  # the stream failed part-way: the answer replaces its message
        self._taking = (
            services.settings.streaming
            and place.thread_ts is not None
            and self.placeholder_ts is None  # a question taken over answers in the message already there
            and not services.streaming_refusals.refused(place.workspace_id)
            and services.stream_slots.take()  # else the process streams all it may: this answer goes whole
        )
        self._slot = self._taking  # one of the process's `stream_slots` is this reply's until it ends
        self._flushed_at = 0.0

    @property
    def streams(self) -> bool:
        """Whether a model's answer is to be handed to `write` as it is written."""
        return self._taking

    # --- while the question is taken

    async def open(self) -> bool:
        """Show that the question is being answered; False when Slack takes no message from us here."""
        if self.placeholder_ts is not None:
            return True
        if self.place.thread_ts and self.place.channel_id.startswith("D") and await self._set_status():
            return True
        try:
            thinking = await self.client.chat_postMessage(
                channel=self.place.channel_id, thread_ts=self.place.thread_ts, **thinking_message(self.language)
            )
        except SlackApiError as error:
            logger.warning("could not post in %s: %s", self.place.channel_id, slack_error(error))
            self._give_back_slot()  # no answer will follow
            return False
        self.placeholder_ts = thinking["ts"]
        await self._note_reply(self.placeholder_ts)
        return True

    async def _set_status(self) -> bool:
        try:
            await self.client.assistant_threads_setStatus(
                channel_id=self.place.channel_id,
                thread_ts=self.place.thread_ts,  # type: ignore[arg-type]  # checked by the caller
                status=say(self.language, "is thinking…"),
                loading_messages=loading_messages(self.language),
            )
        except SlackApiError as error:
            logger.info("no thread status in %s (%s): posting Thinking…", self.place.channel_id, slack_error(error))
            return False
        return True

    async def _note_reply(self, ts: str | None) -> None:
        if ts and self.claim and self.claim.event_id:
            await asyncio.to_thread(self.services.events.note_reply, self.claim.event_id, ts)

    # --- while the model writes

    async def write(self, piece: str) -> None:
        """Take the next piece of the model's answer; never raises (a broken stream ends streaming)."""
        if not self._taking:
            return
        if len(self.given) + len(piece) > STREAM_LIMIT:
            self._taking = False  # the rest follows in messages of its own
            return
        try:
            if self.stream is None:
                await self._start(piece)
            else:
                now = time.monotonic()
                late = now - self._flushed_at >= STREAM_FLUSH_SECONDS
                # `chunks=[]` makes the helper send what it holds now rather than wait for its buffer to fill.
                sent = await self.stream.append(markdown_text=piece, chunks=[] if late else None)
                if sent is not None:
                    self._flushed_at = now
            self.given += piece
        except Exception as error:  # a Slack refusal, or the connection to Slack: the answer still goes in
            self._taking = False
            self._broken = self.stream is not None
            logger.warning("streaming into %s stopped: %s", self.place.channel_id, _described(error))

    async def _start(self, piece: str) -> None:
        """chat.startStream with the first piece, which shows at once; `stream` is set once Slack took it."""
        stream = await self.client.chat_stream(
            channel=self.place.channel_id,
            thread_ts=self.place.thread_ts,  # type: ignore[arg-type]  # streaming needs a thread (`__init__`)
            recipient_team_id=self.place.workspace_id,
            recipient_user_id=self.place.user_id,
            buffer_size=STREAM_BUFFER_CHARACTERS,
        )
        try:
            await stream.append(markdown_text=piece, chunks=[])  # `chunks=[]`: sent now, not buffered
        except SlackApiError as error:
            self.services.streaming_refusals.note(self.place.workspace_id, str(error.response.get("error")))
            raise
        self.stream = stream
        self._flushed_at = time.monotonic()
        await self._note_reply(self.stream.ts)
        if self.placeholder_ts is not None:
            placeholder, self.placeholder_ts = self.placeholder_ts, None
            try:
                await self.client.chat_delete(channel=self.place.channel_id, ts=placeholder)
            except SlackApiError as error:
                logger.warning("could not remove Thinking… in %s: %s", self.place.channel_id, slack_error(error))

    # --- the answer

    async def finish(self, answer: Answer, *, deeper_button: bool) -> None:
        """Put the answer in its place: close the stream with it, or post it whole."""
        advisor = self.services.advisor
        try:
            if self.stream is not None and not self._broken and await self._close_stream(answer, deeper_button):
                return
            messages = answer_messages(answer, advisor.rate, advisor.currency, deeper_button=deeper_button)
            await self._put(messages)
        finally:
            self._give_back_slot()

    def _give_back_slot(self) -> None:
        if self._slot:
            self._slot = False
            self.services.stream_slots.give_back()

    async def _close_stream(self, answer: Answer, deeper_button: bool) -> bool:
        """Stop the stream with the rest of the answer and its closing blocks; False when Slack would not."""
        assert self.stream is not None
        advisor = self.services.advisor
        shown = self.given.strip()  # the answer's text is the model's, stripped
        if not answer.answer.startswith(shown):
            return False  # not the text streamed (never expected): the answer replaces it whole
        rest = answer.answer[len(shown) :]
        trailer = answer_trailer(answer, advisor.rate, advisor.currency, deeper_button=deeper_button)
        try:
            if len(self.given) + len(rest) <= STREAM_LIMIT:
                await self.stream.stop(markdown_text=rest or None, blocks=trailer)
                return True
            end = _boundary(rest)  # the streamed message ends with a paragraph, or at least a word
            await self.stream.stop(markdown_text=rest[:end] or None)
        except Exception as error:
            logger.warning("could not close the stream in %s: %s", self.place.channel_id, _described(error))
            return False
        follow = answer.model_copy(update={"answer": rest[end:].strip()})
        for message in answer_messages(follow, advisor.rate, advisor.currency, deeper_button=deeper_button):
            await self._post(message)
        return True

    async def fail(self, what: str) -> None:
        """Say politely that answering failed (`what`: see `blocks.failure_message`)."""
        try:
            await self._put([failure_message(self.language, what)])
        finally:
            self._give_back_slot()

    async def _put(self, messages: list[dict[str, Any]]) -> None:
        """The first message replaces what is there (the broken stream, or "Thinking…"); the rest follow."""
        first, *rest = messages
        target = self.stream.ts if self.stream is not None else self.placeholder_ts
        if self.stream is not None:
            await self._stop_quietly()
        if target is None:
            placed = await self._post(first)
        else:
            try:
                await self.client.chat_update(channel=self.place.channel_id, ts=target, **first)
                placed = True
            except SlackApiError as error:
                logger.warning("could not post the answer in %s: %s", self.place.channel_id, slack_error(error))
                placed = False
        for message in rest if placed else []:
            if not await self._post(message):
                break

    async def _post(self, message: dict[str, Any]) -> bool:
        """Post one message of the answer in its thread; False (and a warning) when Slack would not take it."""
        try:
            await self.client.chat_postMessage(channel=self.place.channel_id, thread_ts=self.place.thread_ts, **message)
        except SlackApiError as error:
            logger.warning("could not post the answer in %s: %s", self.place.channel_id, slack_error(error))
            return False
        return True

    async def _stop_quietly(self) -> None:
        """End a stream that broke (it may have ended already), before its message is replaced."""
        assert self.stream is not None
        try:
            await self.stream.stop()
        except Exception as error:
            logger.info("the stream in %s had ended: %s", self.place.channel_id, _described(error))


def loading_messages(language: str) -> list[str]:
    """What Slack shows in turn under the status while the question is answered."""
    return [
        say(language, "Reading your question…"),
        say(language, "Checking the catalog and this month's prices…"),
        say(language, "Asking the cheapest model that fits…"),
    ]


def _boundary(text: str) -> int:
    """Where `text` may be cut: its first paragraph break within STREAM_HEADROOM characters, else its
    first space (0: none, or `text` starts with one)."""
    paragraph = text.find("\n\n", 0, STREAM_HEADROOM)
    if paragraph >= 0:
        return paragraph
    space = re.search(r"\s", text[:STREAM_HEADROOM])
    return space.start() if space else 0


def _described(error: Exception) -> str:
    return slack_error(error) if isinstance(error, SlackApiError) else f"{type(error).__name__}: {error}"
