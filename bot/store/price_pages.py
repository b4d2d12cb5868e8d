"""What the price watch keeps: each tool's pricing page as last read, and the months the watch ran."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable

from pydantic import BaseModel
from sqlalchemy import select, update

from bot.domain.price_watch import SeenPrice
from bot.store.db import Database, dialect_insert, rows_changed
from bot.store.questions import as_utc, utc_now
from bot.store.tables import PricePageRow, PriceWatchRunRow


class PageRead(BaseModel):
    """A page as last read: where it was, its validators, and the prices it showed."""

    tool_id: str
    url: str
    etag: str | None = None
    last_modified: str | None = None
    seen: list[SeenPrice]
    dismissed: str | None = None


def signature(seen: list[SeenPrice]) -> str:
    """A short name for the prices a page shows: the same prices, the same name."""
    amounts = sorted({(price.amount, price.currency) for price in seen})
    return hashlib.sha256(json.dumps(amounts).encode()).hexdigest()[:32]


class PricePages:
    def __init__(self, database: Database, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._database = database
        self._clock = clock

    def get(self, tool_id: str) -> PageRead | None:
        with self._database.session() as session:
            row = session.get(PricePageRow, tool_id)
            if row is None:
                return None
            return PageRead(
                tool_id=row.tool_id,
                url=row.url,
                etag=row.etag,
                last_modified=row.last_modified,
                seen=[SeenPrice.model_validate(price) for price in row.seen],
                dismissed=row.dismissed,
            )

    def save(self, read: PageRead) -> None:
        """Keep a page's new read; a dismissal stands while the page shows the prices dismissed."""
        values = {
            "url": read.url,
            "etag": read.etag,
            "last_modified": read.last_modified,
            "seen": [price.model_dump() for price in read.seen],
            "checked_at": as_utc(self._clock()),
        }
        with self._database.write_session() as session, session.begin():
            statement = (
                dialect_insert(session, PricePageRow.__table__)
                .values(tool_id=read.tool_id, **values)
                .on_conflict_do_update(index_elements=["tool_id"], set_=values)
            )
            session.execute(statement)

    def dismiss(self, tool_id: str, seen_signature: str, by: str) -> bool:
        """An admin's "Dismiss": the page's prices with this signature are not proposed again."""
        statement = (
            update(PricePageRow)
            .where(PricePageRow.tool_id == tool_id)
            .values(dismissed=seen_signature, dismissed_by=by)
        )
        with self._database.write_session() as session, session.begin():
            return rows_changed(session.execute(statement)) > 0

    def dismissed(self) -> dict[str, str]:
        statement = select(PricePageRow.tool_id, PricePageRow.dismissed).where(PricePageRow.dismissed.is_not(None))
        with self._database.session() as session:
            return {tool_id: dismissed for tool_id, dismissed in session.execute(statement) if dismissed}


class PriceWatchRuns:
    """The claim that lets exactly one clock run a workspace's price watch of a month."""

    def __init__(self, database: Database, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._database = database
        self._clock = clock

    def claim(self, workspace_id: str, month: str) -> bool:
        with self._database.write_session() as session, session.begin():
            statement = (
                dialect_insert(session, PriceWatchRunRow.__table__)
                .values(workspace_id=workspace_id, month=month, claimed_at=as_utc(self._clock()))
                .on_conflict_do_nothing(index_elements=["workspace_id", "month"])
                .returning(PriceWatchRunRow.month)
            )
            return session.execute(statement).first() is not None

    def finish(self, workspace_id: str, month: str) -> None:
        statement = (
            update(PriceWatchRunRow)
            .where(PriceWatchRunRow.workspace_id == workspace_id, PriceWatchRunRow.month == month)
            .values(finished_at=as_utc(self._clock()))
        )
        with self._database.write_session() as session, session.begin():
            session.execute(statement)
