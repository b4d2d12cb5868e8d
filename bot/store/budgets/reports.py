"""Reports of a workspace's month: the usage ledger, and what was asked and spent."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Select, func, select

from bot.domain.budget import ScopeUsage, month_bounds
from bot.store.db import Database
from bot.store.questions import as_utc
from bot.store.tables import QuestionRow, UsageLedgerRow


class LedgerEntry(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)

    id: int
    created_at: dt.datetime
    month: str
    workspace_id: str
    channel_id: str | None
    user_id: str | None
    question_id: int | None
    path: str | None
    model: str | None
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float


class ModelUsage(BaseModel):
    model_config = ConfigDict(frozen=True)

    model: str | None
    calls: int
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class UsageSummary(BaseModel):
    """A workspace's month: questions by how they were answered, spending by model and scope.

    `escalations` counts the questions that re-asked an earlier one a tier up.
    """

    model_config = ConfigDict(frozen=True)

    workspace_id: str
    month: str
    questions: int
    questions_by_path: dict[str, int]
    questions_by_status: dict[str, int]
    escalations: int
    models: list[ModelUsage]
    scopes: list[ScopeUsage]

    @property
    def tokens(self) -> int:
        return sum(model.tokens for model in self.models)

    @property
    def cost_usd(self) -> float:
        return sum(model.cost_usd for model in self.models)


def ledger(database: Database, workspace_id: str, month: str) -> list[LedgerEntry]:
    """Every settled call of the workspace in `month`, oldest first."""
    statement = (
        select(UsageLedgerRow)
        .where(UsageLedgerRow.workspace_id == workspace_id, UsageLedgerRow.month == month)
        .order_by(UsageLedgerRow.created_at, UsageLedgerRow.id)
    )
    with database.session() as session:
        rows = session.scalars(statement).all()
    return [LedgerEntry.model_validate(row).model_copy(update={"created_at": as_utc(row.created_at)}) for row in rows]


def usage_summary(
    database: Database, tz: ZoneInfo, workspace_id: str, month: str, scopes: list[ScopeUsage]
) -> UsageSummary:
    """What was asked and spent in `month`: questions by path and status, escalations, calls by model, and
    `scopes`, the usage of every scope with a limit or any spending."""
    start, end = (as_utc(moment) for moment in month_bounds(month, tz))
    in_month = (QuestionRow.workspace_id == workspace_id, QuestionRow.created_at >= start, QuestionRow.created_at < end)

    def questions_by(column: Any) -> Select[str, int]:
        return select(column, func.count()).where(*in_month).group_by(column)

    escalations = (
        select(func.count()).select_from(QuestionRow).where(*in_month, QuestionRow.escalated_from.is_not(None))
    )

    by_model = (
        select(
            UsageLedgerRow.model,
            func.count(),
            func.sum(UsageLedgerRow.prompt_tokens),
            func.sum(UsageLedgerRow.completion_tokens),
            func.sum(UsageLedgerRow.cost_usd),
        )
        .where(UsageLedgerRow.workspace_id == workspace_id, UsageLedgerRow.month == month)
        .group_by(UsageLedgerRow.model)
    )
    with database.session() as session:
        by_path = {path: count for path, count in session.execute(questions_by(QuestionRow.path))}
        by_status = {status: count for status, count in session.execute(questions_by(QuestionRow.status))}
        escalated = session.scalar(escalations) or 0
        models = [
            ModelUsage(model=model, calls=calls, prompt_tokens=prompt, completion_tokens=completion, cost_usd=cost)
            for model, calls, prompt, completion, cost in session.execute(by_model)
        ]
    models.sort(key=lambda usage: (-usage.cost_usd, -usage.tokens, usage.model or ""))
    return UsageSummary(
        workspace_id=workspace_id,
        month=month,
        questions=sum(by_path.values()),
        questions_by_path=by_path,
        questions_by_status=by_status,
        escalations=escalated,
        models=models,
        scopes=scopes,
    )
