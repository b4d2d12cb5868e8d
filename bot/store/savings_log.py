"""Every savings calculation someone ran, for the App Home's "savings people computed this month".

A calculation counts in the calendar month of the company's time zone, as budgets do.
A result given as a range counts by its low end, so the totals never promise more than
the calculations did.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal, cast, get_args
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict
from sqlalchemy import String, func, select

from bot.domain.budget import month_of
from bot.domain.savings import Figure, SavingsResult, Span
from bot.store.db import Database
from bot.store.questions import as_utc, utc_now
from bot.store.tables import SavingsComputationRow

TASK_LENGTH = cast(String, SavingsComputationRow.__table__.c.task.type).length  # a longer description is kept shortened

SavingsSource = Literal["command", "modal", "question"]
SAVINGS_SOURCES: tuple[SavingsSource, ...] = get_args(SavingsSource)


class SavingsTotals(BaseModel):
    """A workspace's savings calculations in one month, money summed per currency."""

    model_config = ConfigDict(frozen=True)

    month: str
    computations: int
    savings_per_month: dict[str, float]
    hours_saved_per_month: float


def low_end(figure: Figure) -> float | None:
    """A figure's value, or the low end of a range."""
    return figure.low if isinstance(figure, Span) else figure


class SavingsLog:
    def __init__(self, database: Database, tz: ZoneInfo, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._database = database
        self._tz = tz
        self._clock = clock

    def current_month(self) -> str:
        return month_of(as_utc(self._clock()), self._tz)

    def record(
        self,
        workspace_id: str,
        channel_id: str | None,
        user_id: str | None,
        result: SavingsResult,
        *,
        task: str | None,
        source: SavingsSource,
    ) -> int:
        """Store one calculation and return its id."""
        if source not in SAVINGS_SOURCES:
            raise ValueError(f"unknown savings source {source!r}; use one of: {', '.join(SAVINGS_SOURCES)}")
        savings = low_end(result.savings_per_month)
        if savings is None:
            raise ValueError("the result has no monthly savings to record")
        now = as_utc(self._clock())
        row = SavingsComputationRow(
            created_at=now,
            month=month_of(now, self._tz),
            workspace_id=workspace_id,
            channel_id=channel_id,
            user_id=user_id,
            task=task.replace("\x00", "")[:TASK_LENGTH] if task else task,  # PostgreSQL takes no NUL in text
            currency=result.currency,
            savings_per_month=savings,
            hours_saved_per_month=low_end(result.hours_saved_per_month),
            source=source,
        )
        with self._database.session() as session, session.begin():
            session.add(row)
            session.flush()
            return row.id

    def month_total(self, workspace_id: str, month: str | None = None) -> SavingsTotals:
        """The calculations of `month` (the current month by default) added up."""
        month = month or self.current_month()
        statement = (
            select(
                SavingsComputationRow.currency,
                func.count(),
                func.sum(SavingsComputationRow.savings_per_month),
                func.sum(SavingsComputationRow.hours_saved_per_month),
            )
            .where(SavingsComputationRow.workspace_id == workspace_id, SavingsComputationRow.month == month)
            .group_by(SavingsComputationRow.currency)
        )
        with self._database.session() as session:
            by_currency = session.execute(statement).all()
        return SavingsTotals(
            month=month,
            computations=sum(count for _currency, count, _savings, _hours in by_currency),
            savings_per_month={currency: savings for currency, _count, savings, _hours in by_currency},
            hours_saved_per_month=sum(hours or 0.0 for _currency, _count, _savings, hours in by_currency),
        )
