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
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, update

from bot.store.db import Database, dialect_insert, insert_unless_present
from bot.store.questions import as_utc, utc_now
from bot.store.tables import SlackEventRow, SlackThreadRow


DEFAULT_LEASE = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class EventClaim:
    """The right to answer one event, and what an earlier, interrupted take left behind."""

    event_id: str
    attempt: int  # 1 for the first take; more when a process died while answering
    reply_ts: str | None  # the "thinking…" message an earlier take posted, if any


class EventClaims:
    def __init__(self, database: Database, lease: dt.timedelta = DEFAULT_LEASE,
                 clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._database = database
        self._lease = lease
        self._clock = clock

    def claim(self, event_id: str, workspace_id: str, kind: str) -> EventClaim | None:
        """The claim for exactly one caller per event id at a time, in whatever thread or process it runs.

        None while another caller holds it, and for good once it is finished.
        """
        now = as_utc(self._clock())
        with self._database.write_session() as session, session.begin():
            insert = dialect_insert(session, SlackEventRow.__table__)
            statement = (
                insert.values(event_id=event_id, workspace_id=workspace_id, kind=kind, claimed_at=now, attempts=1)
                .on_conflict_do_update(
                    index_elements=["event_id"],
                    set_={"claimed_at": now, "attempts": SlackEventRow.attempts + 1},
                    where=SlackEventRow.finished_at.is_(None) & (SlackEventRow.claimed_at < now - self._lease),
                )
                .returning(SlackEventRow.attempts, SlackEventRow.reply_ts)
            )
            row = session.execute(statement).first()  # no row back: held or finished
        return EventClaim(event_id, row.attempts, row.reply_ts) if row is not None else None

    def note_reply(self, event_id: str, reply_ts: str) -> None:
        """Remember the "thinking…" message posted for the event, for a take-over to answer in."""
        self._set(event_id, reply_ts=reply_ts)

    def finish(self, event_id: str) -> None:
        """The event is dealt with: no later delivery takes it again."""
        self._set(event_id, finished_at=as_utc(self._clock()))

    def _set(self, event_id: str, **values: object) -> None:
        statement = update(SlackEventRow).where(SlackEventRow.event_id == event_id).values(**values)
        with self._database.write_session() as session, session.begin():
            session.execute(statement)

    def forget_before(self, moment: dt.datetime) -> int:
        """Delete the claims made before `moment`; return how many.

        Slack stops retrying an event after about an hour, so a claim older than that
        guards nothing any more.
        """
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(f"{moment.isoformat()} has no time zone; pass an aware datetime")
        statement = delete(SlackEventRow).where(SlackEventRow.claimed_at < as_utc(moment))
        with self._database.write_session() as session, session.begin():
            return session.execute(statement).rowcount


class SlackThreads:
    def __init__(self, database: Database, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._database = database
        self._clock = clock

    def remember(self, workspace_id: str, channel_id: str, thread_ts: str, question_id: int | None = None) -> None:
        """Note a thread the bot answered in; remembering it again changes nothing.

        The thread keeps the question it was first remembered with.
        """
        with self._database.write_session() as session, session.begin():
            session.execute(
                insert_unless_present(session, SlackThreadRow.__table__, "workspace_id", "channel_id", "thread_ts"),
                {"workspace_id": workspace_id, "channel_id": channel_id, "thread_ts": thread_ts,
                 "question_id": question_id, "created_at": as_utc(self._clock())},
            )

    def is_ours(self, workspace_id: str, channel_id: str, thread_ts: str) -> bool:
        with self._database.session() as session:
            return session.get(SlackThreadRow, (workspace_id, channel_id, thread_ts)) is not None
