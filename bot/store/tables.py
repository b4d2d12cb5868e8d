"""The database schema. Alembic migrations under `migrations/` create and change it."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, BigInteger, Boolean, Date, DateTime, Float, Index, Integer, Numeric, String, Table, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    __table__: ClassVar[Table]  # every model here is mapped to a table of its own (not a join or a select)


class _ScopeKey:
    """The key columns of a budget scope: the workspace, the scope's kind and its id (first)."""

    workspace_id: Mapped[str] = mapped_column(String(64), primary_key=True, sort_order=-1)
    scope_kind: Mapped[str] = mapped_column(String(16), primary_key=True, sort_order=-1)
    scope_id: Mapped[str] = mapped_column(String(64), primary_key=True, sort_order=-1)


class CompanyProfileRow(Base):
    """One company profile per workspace (without Slack, the terminal's is the workspace 'local')."""

    __tablename__ = "company_profiles"

    workspace_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    profile: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    updated_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class PriceObservationRow(Base):
    """A dated price someone saw at a source, on top of the catalog's reviewed history."""

    __tablename__ = "price_observations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tool_id: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    plan: Mapped[str | None] = mapped_column(String(128))
    amount: Mapped[float] = mapped_column(Numeric(18, 6, asdecimal=False), nullable=False)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    unit: Mapped[str] = mapped_column(String(32), nullable=False)
    observed_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    source_url: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str | None] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class BudgetLimitRow(_ScopeKey, Base):
    """A monthly limit of one scope (workspace, channel or user) in a workspace."""

    __tablename__ = "budget_limits"

    monthly_tokens: Mapped[int] = mapped_column(BigInteger, nullable=False)
    monthly_money_usd: Mapped[float | None] = mapped_column(Numeric(18, 6, asdecimal=False))
    updated_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class BudgetPolicyRow(Base):
    __tablename__ = "budget_policies"

    workspace_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    warn_at: Mapped[float] = mapped_column(Float, nullable=False)
    at_limit: Mapped[str] = mapped_column(String(16), nullable=False)
    updated_by: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class BudgetCounterRow(_ScopeKey, Base):
    """What one scope has used and holds in reservations in one month.

    Money is in integer micro-dollars so that concurrent additions are exact.
    """

    __tablename__ = "budget_counters"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    reserved_tokens: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    used_tokens: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    reserved_micro_usd: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)
    used_micro_usd: Mapped[int] = mapped_column(BigInteger, nullable=False, default=0)


class BudgetReservationRow(Base):
    """Tokens and money held for one model call until it is settled, released or expires."""

    __tablename__ = "budget_reservations"
    __table_args__ = (Index("ix_budget_reservations_status_expires_at", "status", "expires_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(64), nullable=False)
    question_id: Mapped[int | None] = mapped_column(Integer)
    month: Mapped[str] = mapped_column(String(7), nullable=False)
    scopes: Mapped[list[Any]] = mapped_column(JSON, nullable=False)
    tokens: Mapped[int] = mapped_column(BigInteger, nullable=False)
    micro_usd: Mapped[int] = mapped_column(BigInteger, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class BudgetWarningRow(_ScopeKey, Base):
    """A warning given once per scope, month and level (the key makes it insert-once)."""

    __tablename__ = "budget_warnings"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    level: Mapped[str] = mapped_column(String(8), primary_key=True)
    share_used: Mapped[float] = mapped_column(Float, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class QuestionRow(Base):
    """Every question asked, stored before any model sees it, with how it was answered."""

    __tablename__ = "questions"
    __table_args__ = (
        Index("ix_questions_workspace_id_created_at", "workspace_id", "created_at"),
        # Housekeeping looks for questions still "received" long after they were (QuestionLog.close_abandoned).
        Index("ix_questions_status_updated_at", "status", "updated_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    workspace_id: Mapped[str] = mapped_column(String(64), nullable=False)
    channel_id: Mapped[str | None] = mapped_column(String(64))
    user_id: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text, nullable=False)
    language: Mapped[str] = mapped_column(String(8), nullable=False)
    path: Mapped[str] = mapped_column(String(16), nullable=False)
    tier: Mapped[int | None] = mapped_column(Integer)
    route: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), nullable=False)
    answer: Mapped[str | None] = mapped_column(Text)
    model: Mapped[str | None] = mapped_column(String(128))
    prompt_tokens: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    cost_usd: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    error: Mapped[str | None] = mapped_column(Text)
    escalated_from: Mapped[int | None] = mapped_column(Integer)
    """The question a "Deeper answer" re-asked one tier up."""


class UsageLedgerRow(Base):
    """One settled model call: who spent what, on which model, in which month."""

    __tablename__ = "usage_ledger"
    __table_args__ = (Index("ix_usage_ledger_workspace_id_month", "workspace_id", "month"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    month: Mapped[str] = mapped_column(String(7), nullable=False)
    workspace_id: Mapped[str] = mapped_column(String(64), nullable=False)
    channel_id: Mapped[str | None] = mapped_column(String(64))
    user_id: Mapped[str | None] = mapped_column(String(64))
    question_id: Mapped[int | None] = mapped_column(Integer)
    path: Mapped[str | None] = mapped_column(String(16))
    model: Mapped[str | None] = mapped_column(String(128))
    prompt_tokens: Mapped[int] = mapped_column(Integer, nullable=False)
    completion_tokens: Mapped[int] = mapped_column(Integer, nullable=False)
    cost_usd: Mapped[float] = mapped_column(Float, nullable=False)


class SlackEventRow(Base):
    """A Slack event one process claimed; its key lets only one act on a delivery and its retries.

    The claim is a lease: until `finished_at` is set, a claim older than the lease belongs
    to a process that died, and a redelivery may take it again (`attempts` counts the
    takes). `reply_ts` is the "thinking…" message the first take posted, for the next to
    reuse.
    """

    __tablename__ = "slack_events"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(64), nullable=False)
    kind: Mapped[str] = mapped_column(String(32), nullable=False)
    claimed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")
    reply_ts: Mapped[str | None] = mapped_column(String(32))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class SlackThreadRow(Base):
    """A thread the bot answered in, so that a later reply there is a follow-up."""

    __tablename__ = "slack_threads"

    workspace_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    thread_ts: Mapped[str] = mapped_column(String(32), primary_key=True)
    question_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class SavingsComputationRow(Base):
    """A savings calculation someone ran; a range is kept by its low end."""

    __tablename__ = "savings_computations"
    __table_args__ = (Index("ix_savings_computations_workspace_id_month", "workspace_id", "month"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    month: Mapped[str] = mapped_column(String(7), nullable=False)
    workspace_id: Mapped[str] = mapped_column(String(64), nullable=False)
    channel_id: Mapped[str | None] = mapped_column(String(64))
    user_id: Mapped[str | None] = mapped_column(String(64))
    task: Mapped[str | None] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    savings_per_month: Mapped[float] = mapped_column(Float, nullable=False)
    hours_saved_per_month: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(16), nullable=False)


class PriceSnapshotRow(Base):
    """One price as it stood when a month's inventory was first taken; a month is taken once."""

    __tablename__ = "price_snapshots"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    plan: Mapped[str] = mapped_column(String(128), primary_key=True)
    unit: Mapped[str] = mapped_column(String(32), primary_key=True)
    amount: Mapped[float] = mapped_column(Numeric(18, 6, asdecimal=False), nullable=False)
    currency: Mapped[str] = mapped_column(String(3), nullable=False)
    observed_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    source_url: Mapped[str | None] = mapped_column(Text)
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class InventoryPostRow(Base):
    """A workspace's monthly inventory post, claimed before posting so that it goes out once."""

    __tablename__ = "inventory_posts"

    workspace_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(64), nullable=False)
    message_ts: Mapped[str | None] = mapped_column(String(32))
    claimed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class SlackWorkspaceRow(Base):
    """A Slack workspace the app is installed in, as `auth.test` named it for a bot token.

    The token itself is never stored: `token_fingerprint` is a SHA-256 digest of it, enough to
    tell which workspace the token set now belongs to without asking Slack again.
    """

    __tablename__ = "slack_workspaces"

    team_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    url: Mapped[str | None] = mapped_column(Text)
    enterprise_id: Mapped[str | None] = mapped_column(String(64))
    token_fingerprint: Mapped[str | None] = mapped_column(String(64), index=True)
    verified_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class PricePageRow(Base):
    """What the price watch last read on a tool's pricing page: the page's validators for a conditional
    GET, the prices it showed, and the prices an admin dismissed (not proposed again while the page
    shows the same)."""

    __tablename__ = "price_pages"

    tool_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    url: Mapped[str] = mapped_column(Text, nullable=False)
    etag: Mapped[str | None] = mapped_column(String(255))
    last_modified: Mapped[str | None] = mapped_column(String(64))
    seen: Mapped[list[dict[str, Any]]] = mapped_column(JSON, nullable=False)
    checked_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    dismissed: Mapped[str | None] = mapped_column(String(64))
    dismissed_by: Mapped[str | None] = mapped_column(String(64))


class PriceWatchRunRow(Base):
    """A workspace's monthly price watch, claimed before it runs so that admins hear of it once."""

    __tablename__ = "price_watch_runs"

    workspace_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    claimed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class AnswerFeedbackRow(Base):
    """A person's thumbs up or down on an answer: one each per answer, the latest click counts."""

    __tablename__ = "answer_feedback"
    __table_args__ = (Index("ix_answer_feedback_workspace_id_voted_at", "workspace_id", "voted_at"),)

    question_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    workspace_id: Mapped[str] = mapped_column(String(64), nullable=False)
    good: Mapped[bool] = mapped_column(Boolean, nullable=False)
    voted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
