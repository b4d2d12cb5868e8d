"""What the Slack adapter must remember between events: which events it claimed, which threads are its own.

Slack delivers an event again when the app does not acknowledge it within three seconds,
and several processes may receive the same delivery. Each event is claimed in the
database before any work is done on it: the claim is one INSERT … ON CONFLICT of the
event's id, committed at once, and the caller whose statement returns the row does the
work. On PostgreSQL a second INSERT of the same id waits for the first transaction and
then finds the row; on SQLite the write lock lets one INSERT in at a time.

A claim is a lease. The process that took it marks it finished when the answer is in
Slack; a claim still unfinished after the lease belongs to a process that died, and the
next delivery of the event takes it over (the same conditional statement, so only one
delivery does) and answers in the "thinking…" message the dead process had posted.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Update, bindparam, delete, select, update
from sqlalchemy.sql.dml import ReturningInsert

from bot.store.db import Database, insert_in, insert_unless_present
from bot.store.questions import as_utc, utc_now
from bot.store.tables import SlackEventRow, SlackThreadRow

DEFAULT_LEASE = dt.timedelta(minutes=5)

_event = SlackEventRow.__table__.c
_thread = SlackThreadRow.__table__.c
_NOTE_REPLY = (
    update(SlackEventRow.__table__).where(_event.event_id == bindparam("event")).values(reply_ts=bindparam("reply_ts"))
)
_FINISH = (
    update(SlackEventRow.__table__)
    .where(_event.event_id == bindparam("event"))
    .values(finished_at=bindparam("finished_at"))
)
_THREAD_KEY = ("workspace_id", "channel_id", "thread_ts")
_IS_OURS = select(_thread.thread_ts).where(
    _thread.workspace_id == bindparam("workspace"),
    _thread.channel_id == bindparam("channel"),
    _thread.thread_ts == bindparam("thread"),
)


@dataclass(frozen=True)
class BotThread:
    """A thread the bot answered in, and the question it first answered there."""

    workspace_id: str
    channel_id: str
    thread_ts: str
    question_id: int | None = None


@dataclass(frozen=True)
class EventClaim:
    """The right to answer one event, and what an earlier, interrupted take left behind."""

    event_id: str
    attempt: int  # 1 for the first take; more when a process died while answering
    reply_ts: str | None  # the "thinking…" message an earlier take posted, if any


class EventClaims:
    def __init__(
        self, database: Database, lease: dt.timedelta = DEFAULT_LEASE, clock: Callable[[], dt.datetime] = utc_now
    ) -> None:
        self._database = database
        self._lease = lease
        self._clock = clock

    def claim(self, event_id: str, workspace_id: str, kind: str) -> EventClaim | None:
        """The claim for exactly one caller per event id at a time, in whatever thread or process it runs.

        None while another caller holds it, and for good once it is finished.
        """
        now = as_utc(self._clock())
        with self._database.writing_one() as connection:
            row = connection.execute(
                _claim_statement(connection.dialect.name),
                {
                    "event_id": event_id,
                    "workspace_id": workspace_id,
                    "kind": kind,
                    "claimed_at": now,
                    "attempts": 1,
                    "now": now,
                    "taken_before": now - self._lease,
                },
            ).first()  # no row back: held or finished
        return EventClaim(event_id, row.attempts, row.reply_ts) if row is not None else None

    def note_reply(self, event_id: str, reply_ts: str) -> None:
        """Remember the "thinking…" message posted for the event, for a take-over to answer in."""
        with self._database.writing_one() as connection:
            connection.execute(_NOTE_REPLY, {"event": event_id, "reply_ts": reply_ts})

    def finish(self, event_id: str, thread: BotThread | None = None) -> None:
        """The event is dealt with: no later delivery takes it again.

        `thread` is where its answer went, remembered as the bot's in the same transaction.
        """
        now = as_utc(self._clock())
        finish = {"event": event_id, "finished_at": now}
        if thread is None:
            with self._database.writing_one() as connection:
                connection.execute(_FINISH, finish)
        elif self._database.is_postgresql:
            # One statement, atomic on its own in autocommit: one round trip instead of four (BEGIN and COMMIT).
            with self._database.writing_one() as connection:
                thread_row = {f"thread_{name}": value for name, value in _thread_row(thread, now).items()}
                connection.execute(_finish_remembering(), {**finish, **thread_row})
        else:
            with self._database.writing() as connection:
                _remember(connection, thread, now)
                connection.execute(_FINISH, finish)

    def forget_before(self, moment: dt.datetime) -> int:
        """Delete the claims made before `moment`; return how many.

        Slack stops retrying an event after about an hour, so a claim older than that
        guards nothing any more.
        """
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"{moment.isoformat()} has no time zone; pass an aware datetime")
        statement = delete(SlackEventRow.__table__).where(_event.claimed_at < as_utc(moment))
        with self._database.writing_one() as connection:
            return connection.execute(statement).rowcount


class SlackThreads:
    def __init__(self, database: Database, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._database = database
        self._clock = clock

    def remember(self, thread: BotThread) -> None:
        """Note a thread the bot answered in; remembering it again changes nothing.

        The thread keeps the question it was first remembered with. (An event's thread is
        remembered by `EventClaims.finish`, in the transaction that finishes the event.)
        """
        with self._database.writing_one() as connection:
            _remember(connection, thread, as_utc(self._clock()))

    def is_ours(self, workspace_id: str, channel_id: str, thread_ts: str) -> bool:
        with self._database.reading() as connection:
            found = connection.execute(
                _IS_OURS, {"workspace": workspace_id, "channel": channel_id, "thread": thread_ts}
            )
            return found.first() is not None


def _remember(connection: Connection, thread: BotThread, now: dt.datetime) -> None:
    connection.execute(
        insert_unless_present(connection, SlackThreadRow.__table__, *_THREAD_KEY), _thread_row(thread, now)
    )


def _thread_row(thread: BotThread, now: dt.datetime) -> dict[str, object]:
    return {
        "workspace_id": thread.workspace_id,
        "channel_id": thread.channel_id,
        "thread_ts": thread.thread_ts,
        "question_id": thread.question_id,
        "created_at": now,
    }


@functools.cache
def _claim_statement(dialect: str) -> ReturningInsert[tuple[int, str | None]]:
    """INSERT the claim, or take over one whose lease ran out unfinished; RETURNING the take's row."""
    return (
        insert_in(dialect, SlackEventRow.__table__)
        .on_conflict_do_update(
            index_elements=["event_id"],
            set_={"claimed_at": bindparam("now"), "attempts": _event.attempts + 1},
            where=_event.finished_at.is_(None) & (_event.claimed_at < bindparam("taken_before")),
        )
        .returning(_event.attempts, _event.reply_ts)
    )


@functools.cache
def _finish_remembering() -> Update:
    """On PostgreSQL: `_FINISH`, and the thread remembered (as `_remember` does), in one statement.

    Built on first use, so that a process on SQLite does not import PostgreSQL's dialect.
    """
    thread = (
        insert_in("postgresql", SlackThreadRow.__table__)
        .values({name: bindparam(f"thread_{name}") for name in (*_THREAD_KEY, "question_id", "created_at")})
        .on_conflict_do_nothing(index_elements=list(_THREAD_KEY))
        .cte("thread")
    )
    return _FINISH.add_cte(thread)
