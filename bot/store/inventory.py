"""What the monthly inventory keeps: observed prices, each month's snapshot, and who posted it.

A month's snapshot is taken once, the first time its inventory is asked for, so that
later months compare with the prices that stood then even after the catalog moved on.
The monthly post is claimed like a Slack event (one INSERT … ON CONFLICT DO NOTHING
RETURNING, committed at once): of all the processes whose clocks fire, one posts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import delete, func, select, update

from bot.domain.prices import PricePoint
from bot.store.db import Database, dialect_insert, rows_changed
from bot.store.questions import as_utc, utc_now
from bot.store.tables import InventoryPostRow, PriceObservationRow, PriceSnapshotRow


class PriceObservations:
    """Prices people saw at a source, on top of the catalog's reviewed history."""

    def __init__(self, database: Database, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._database = database
        self._clock = clock

    def record(self, point: PricePoint, recorded_by: str | None) -> int:
        """Store one observed tool price; return its id."""
        row = PriceObservationRow(
            tool_id=point.item_id,
            plan=point.plan,
            amount=point.amount,
            currency=point.currency,
            unit=point.unit,
            observed_on=point.observed_on,
            source_url=point.source,
            recorded_by=recorded_by,
            recorded_at=as_utc(self._clock()),
        )
        with self._database.session() as session, session.begin():
            session.add(row)
            session.flush()
            return row.id

    def version(self) -> tuple[int, int]:
        """How many observations there are and the newest id: it changes whenever one is recorded.

        Observations are only ever added, so this pair names the set exactly.
        """
        statement = select(func.count(PriceObservationRow.id), func.coalesce(func.max(PriceObservationRow.id), 0))
        with self._database.session() as session:
            count, newest = session.execute(statement).one()
        return int(count), int(newest)

    def all(self) -> list[PricePoint]:
        """Every observation, oldest first (a later one of the same day wins)."""
        statement = select(PriceObservationRow).order_by(PriceObservationRow.observed_on, PriceObservationRow.id)
        with self._database.session() as session:
            return [
                PricePoint(
                    item_id=row.tool_id,
                    kind="tool",
                    plan=row.plan or "",
                    amount=row.amount,
                    currency=row.currency,
                    unit=row.unit,
                    observed_on=row.observed_on,
                    source=row.source_url,
                )
                for row in session.scalars(statement)
            ]


class Snapshots:
    """The prices in force when each month's inventory was first taken."""

    def __init__(self, database: Database, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._database = database
        self._clock = clock

    def take(self, month: str, points: list[PricePoint]) -> int:
        """Store `month`'s snapshot unless it exists; return how many prices were stored (0 when it did).

        Two processes taking the same month at once insert the same keys; the loser's rows
        are skipped by ON CONFLICT DO NOTHING.
        """
        taken_at = as_utc(self._clock())
        rows = [
            {
                "month": month,
                "kind": point.kind,
                "item_id": point.item_id,
                "plan": point.plan,
                "unit": point.unit,
                "amount": point.amount,
                "currency": point.currency,
                "observed_on": point.observed_on,
                "source_url": point.source,
                "taken_at": taken_at,
            }
            for point in points
        ]
        with self._database.write_session() as session, session.begin():
            if not rows or session.scalar(
                select(PriceSnapshotRow.month).where(PriceSnapshotRow.month == month).limit(1)
            ):
                return 0
            statement = (
                dialect_insert(session, PriceSnapshotRow.__table__)
                .values(rows)
                .on_conflict_do_nothing(index_elements=["month", "kind", "item_id", "plan", "unit"])
                .returning(PriceSnapshotRow.item_id)
            )
            return len(session.execute(statement).all())

    def load(self, month: str) -> list[PricePoint] | None:
        """The month's snapshot, or None when it was never taken."""
        statement = (
            select(PriceSnapshotRow)
            .where(PriceSnapshotRow.month == month)
            .order_by(PriceSnapshotRow.kind, PriceSnapshotRow.item_id, PriceSnapshotRow.plan, PriceSnapshotRow.unit)
        )
        with self._database.session() as session:
            points = [_snapshot_point(row) for row in session.scalars(statement)]
        return points or None

    def models(self) -> list[PricePoint]:
        """The configured models' prices in every month's snapshot, oldest snapshot first."""
        statement = (
            select(PriceSnapshotRow)
            .where(PriceSnapshotRow.kind == "model")
            .order_by(PriceSnapshotRow.month, PriceSnapshotRow.item_id, PriceSnapshotRow.plan, PriceSnapshotRow.unit)
        )
        with self._database.session() as session:
            return [_snapshot_point(row) for row in session.scalars(statement)]


def _snapshot_point(row: PriceSnapshotRow) -> PricePoint:
    return PricePoint(
        item_id=row.item_id,
        kind=row.kind,
        plan=row.plan,
        amount=row.amount,
        currency=row.currency,
        unit=row.unit,
        observed_on=row.observed_on,
        source=row.source_url,
    )


class InventoryPosts:
    """The claim that lets exactly one process post a workspace's inventory of a month."""

    def __init__(self, database: Database, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._database = database
        self._clock = clock

    def claim(self, workspace_id: str, month: str, channel_id: str) -> bool:
        """True for exactly one caller per workspace and month, in whatever thread or process it runs."""
        with self._database.write_session() as session, session.begin():
            statement = (
                dialect_insert(session, InventoryPostRow.__table__)
                .values(workspace_id=workspace_id, month=month, channel_id=channel_id, claimed_at=as_utc(self._clock()))
                .on_conflict_do_nothing(index_elements=["workspace_id", "month"])
                .returning(InventoryPostRow.month)
            )
            return session.execute(statement).first() is not None

    def record_message(self, workspace_id: str, month: str, message_ts: str) -> None:
        """Note the Slack message the claimed post became."""
        statement = (
            update(InventoryPostRow)
            .where(InventoryPostRow.workspace_id == workspace_id, InventoryPostRow.month == month)
            .values(message_ts=message_ts)
        )
        with self._database.write_session() as session, session.begin():
            if rows_changed(session.execute(statement)) == 0:
                raise LookupError(f"no inventory post of {month} was claimed for workspace {workspace_id}")

    def release(self, workspace_id: str, month: str) -> bool:
        """Give back a claim whose post never reached Slack, so that a later try can post."""
        statement = delete(InventoryPostRow).where(
            InventoryPostRow.workspace_id == workspace_id,
            InventoryPostRow.month == month,
            InventoryPostRow.message_ts.is_(None),
        )
        with self._database.write_session() as session, session.begin():
            return rows_changed(session.execute(statement)) > 0

    def message_ts(self, workspace_id: str, month: str) -> str | None:
        with self._database.session() as session:
            row = session.get(InventoryPostRow, (workspace_id, month))
            return row.message_ts if row else None
