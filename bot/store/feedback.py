"""Feedback on answers: who found an answer good or not, and a month's tally by path and by model tier beside
what each tier cost (whether the cheap models are good enough, measured)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from sqlalchemy import func, select

from bot.domain.budget import month_bounds
from bot.store.db import Database, dialect_insert
from bot.store.questions import as_utc, utc_now
from bot.store.tables import AnswerFeedbackRow, QuestionRow


class Tally(BaseModel):
    """👍 and 👎 on the answers of one path or tier; `cost_usd`: what the month's answers of that tier cost."""

    key: str
    up: int
    down: int
    share_up: float | None
    cost_usd: float | None = None


class FeedbackSummary(BaseModel):
    by_path: list[Tally]
    by_tier: list[Tally]


class AnswerFeedback:
    def __init__(self, database: Database, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._database = database
        self._clock = clock

    def vote(self, workspace_id: str, question_id: int, user_id: str, good: bool) -> None:
        """One vote per person per answer: a second click replaces the first."""
        values = {"workspace_id": workspace_id, "good": good, "voted_at": as_utc(self._clock())}
        with self._database.write_session() as session, session.begin():
            statement = (
                dialect_insert(session, AnswerFeedbackRow.__table__)
                .values(question_id=question_id, user_id=user_id, **values)
                .on_conflict_do_update(index_elements=["question_id", "user_id"], set_=values)
            )
            session.execute(statement)

    def summary(self, workspace_id: str, month: str, tz: ZoneInfo) -> FeedbackSummary:
        """The month's votes (by when they were cast) by the answers' path and tier, and each tier's cost."""
        start, end = (as_utc(moment) for moment in month_bounds(month, tz))
        votes = (
            select(QuestionRow.path, QuestionRow.tier, AnswerFeedbackRow.good, func.count())
            .join(QuestionRow, QuestionRow.id == AnswerFeedbackRow.question_id)
            .where(
                AnswerFeedbackRow.workspace_id == workspace_id,
                AnswerFeedbackRow.voted_at >= start,
                AnswerFeedbackRow.voted_at < end,
            )
            .group_by(QuestionRow.path, QuestionRow.tier, AnswerFeedbackRow.good)
        )
        costs = (
            select(QuestionRow.tier, func.sum(QuestionRow.cost_usd))
            .where(
                QuestionRow.workspace_id == workspace_id,
                QuestionRow.created_at >= start,
                QuestionRow.created_at < end,
                QuestionRow.tier.is_not(None),
            )
            .group_by(QuestionRow.tier)
        )
        by_path: dict[str, list[int]] = {}
        by_tier: dict[str, list[int]] = {}
        with self._database.session() as session:
            for path, tier, good, count in session.execute(votes):
                for tally, key in ((by_path, path), (by_tier, f"tier {tier}" if tier else None)):
                    if key is not None:
                        tally.setdefault(key, [0, 0])[0 if good else 1] += count
            tier_cost = {f"tier {tier}": float(cost or 0) for tier, cost in session.execute(costs)}
        return FeedbackSummary(
            by_path=[_tally(key, counts) for key, counts in sorted(by_path.items())],
            by_tier=[_tally(key, counts, tier_cost.get(key, 0.0)) for key, counts in sorted(by_tier.items())],
        )


def _tally(key: str, counts: list[int], cost_usd: float | None = None) -> Tally:
    up, down = counts
    return Tally(
        key=key, up=up, down=down, share_up=round(up / (up + down), 3) if up + down else None, cost_usd=cost_usd
    )
