"""What the Slack adapter must remember between events: which events it claimed, which threads are its own.

Slack delivers an event again when the app does not acknowledge it within three seconds,
and several processes may receive the same delivery. Each event is claimed in the
database before any work is done on it: the claim is one INSERT … ON CONFLICT DO NOTHING
of the event's id, committed at once, and the caller whose INSERT returns the row does
the work. On PostgreSQL a second INSERT of the same id waits for the first transaction
and then skips the row; on SQLite the write lock lets one INSERT in at a time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import delete

from bot.store.db import Database, dialect_insert
from bot.store.questions import as_utc, utc_now
from bot.store.tables import SlackEventRow, SlackThreadRow


class EventClaims:
    def __init__(self, database: Database, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._database = database
        self._clock = clock

    def claim(self, event_id: str, workspace_id: str, kind: str) -> bool:
        """True for exactly one caller per event id, in whatever thread or process it runs."""
        with self._database.write_session() as session, session.begin():
            statement = (
                dialect_insert(session, SlackEventRow.__table__)
                .values(event_id=event_id, workspace_id=workspace_id, kind=kind, claimed_at=as_utc(self._clock()))
                .on_conflict_do_nothing(index_elements=["event_id"])
                .returning(SlackEventRow.event_id)
            )
            return session.execute(statement).first() is not None  # no row back: claimed already

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
                dialect_insert(session, SlackThreadRow.__table__)
                .values(
                    workspace_id=workspace_id,
                    channel_id=channel_id,
                    thread_ts=thread_ts,
                    question_id=question_id,
                    created_at=as_utc(self._clock()),
                )
                .on_conflict_do_nothing(index_elements=["workspace_id", "channel_id", "thread_ts"])
            )

    def is_ours(self, workspace_id: str, channel_id: str, thread_ts: str) -> bool:
        with self._database.session() as session:
            return session.get(SlackThreadRow, (workspace_id, channel_id, thread_ts)) is not None
