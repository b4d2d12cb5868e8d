"""The question log: every question, stored before any model sees it, and how it ended."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypedDict, Unpack, get_args

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Connection, bindparam, insert, select, update

from bot.domain.questions import QuestionPath, QuestionStatus
from bot.store.db import Database, rows_changed
from bot.store.tables import QuestionRow

QUESTION_PATHS: tuple[QuestionPath, ...] = get_args(QuestionPath)
QUESTION_STATUSES: tuple[QuestionStatus, ...] = get_args(QuestionStatus)


class QuestionChanges(TypedDict, total=False):
    """What may change on a logged question once it has been routed or answered."""

    answer: str | None
    status: QuestionStatus
    model: str | None
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    error: str | None
    route: dict[str, Any] | None
    tier: int | None
    path: QuestionPath


class QuestionRecord(BaseModel):
    model_config = ConfigDict(from_attributes=True, frozen=True)

    id: int
    created_at: dt.datetime
    updated_at: dt.datetime
    workspace_id: str
    channel_id: str | None
    user_id: str | None
    text: str
    language: str
    path: QuestionPath
    tier: int | None
    route: dict[str, Any] | None
    status: QuestionStatus
    answer: str | None
    model: str | None
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    error: str | None
    escalated_from: int | None


ABANDONED = "abandoned: the process answering it stopped before it finished"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back stored instants without their zone; they were stored in UTC."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _check(field: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"unknown question {field} {value!r}; use one of: {', '.join(allowed)}")


_ADD_QUESTION = insert(QuestionRow.__table__).returning(QuestionRow.__table__.c.id)
_CHANGE_QUESTION = update(QuestionRow.__table__).where(QuestionRow.__table__.c.id == bindparam("question_id"))
"""Sets the columns named by the parameters besides `question_id`: one statement, whatever changes."""


def _record(row: QuestionRow) -> QuestionRecord:
    record = QuestionRecord.model_validate(row)
    return record.model_copy(update={"created_at": as_utc(row.created_at), "updated_at": as_utc(row.updated_at)})


class QuestionLog:
    def __init__(self, database: Database, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self._database = database
        self._clock = clock

    def record(
        self,
        workspace_id: str,
        channel_id: str | None,
        user_id: str | None,
        text: str,
        language: str,
        path: QuestionPath,
        tier: int | None = None,
        route: dict[str, Any] | None = None,
        status: QuestionStatus = "received",
        answer: str | None = None,
        escalated_from: int | None = None,
    ) -> int:
        """Store a question and commit at once, so it is on record before any model call.

        A question answered without a model is recorded once, with its answer and status.
        `escalated_from` is the question a "Deeper answer" asks again one tier up.
        """
        _check("path", path, QUESTION_PATHS)
        _check("status", status, QUESTION_STATUSES)
        now = as_utc(self._clock())
        row = {
            "created_at": now,
            "updated_at": now,
            "workspace_id": workspace_id,
            "channel_id": channel_id,
            "user_id": user_id,
            "text": text,
            "language": language,
            "path": path,
            "tier": tier,
            "route": route,
            "status": status,
            "answer": answer,
            "model": None,
            "prompt_tokens": 0,
            "completion_tokens": 0,
            "cost_usd": 0.0,
            "error": None,
            "escalated_from": escalated_from,
        }
        with self._database.writing_one() as connection:
            return connection.execute(_ADD_QUESTION, row).scalar_one()

    def update(self, question_id: int, *, within: Connection | None = None, **changes: Unpack[QuestionChanges]) -> None:
        """Change a logged question; `within` is a transaction under way to do it in (`Database.writing`)."""
        unknown = sorted(set(changes) - set(QuestionChanges.__annotations__))
        if unknown:
            raise TypeError(f"a question has no changeable field {', '.join(unknown)}")
        if "path" in changes:
            _check("path", changes["path"], QUESTION_PATHS)
        if "status" in changes:
            _check("status", changes["status"], QUESTION_STATUSES)
        parameters = {**changes, "updated_at": as_utc(self._clock()), "question_id": question_id}
        with self._database.writing_one(within) as connection:
            if connection.execute(_CHANGE_QUESTION, parameters).rowcount == 0:
                raise LookupError(f"no question {question_id}")

    def close_abandoned(self, before: dt.datetime) -> int:
        """Mark as failed the questions still being answered since before `before`; return how many.

        Such a question's process died while answering it (its lease ran out), so no one
        will finish it; it stays on record, failed, with why.
        """
        statement = (
            update(QuestionRow)
            .where(QuestionRow.status == "received", QuestionRow.updated_at < as_utc(before))
            .values(status="failed", error=ABANDONED, updated_at=as_utc(self._clock()))
        )
        with self._database.session() as session, session.begin():
            return rows_changed(session.execute(statement))

    def get(self, question_id: int) -> QuestionRecord | None:
        with self._database.session() as session:
            row = session.get(QuestionRow, question_id)
            return _record(row) if row else None

    def recent(self, workspace_id: str, limit: int = 20) -> list[QuestionRecord]:
        """The workspace's newest questions first."""
        statement = (
            select(QuestionRow)
            .where(QuestionRow.workspace_id == workspace_id)
            .order_by(QuestionRow.created_at.desc(), QuestionRow.id.desc())
            .limit(limit)
        )
        with self._database.session() as session:
            return [_record(row) for row in session.scalars(statement)]
