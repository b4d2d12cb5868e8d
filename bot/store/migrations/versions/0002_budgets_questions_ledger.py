"""Token budgets (limits, policies, counters, reservations, warnings), questions, usage ledger.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "budget_limits",
        sa.Column("workspace_id", sa.String(64), primary_key=True),
        sa.Column("scope_kind", sa.String(16), primary_key=True),
        sa.Column("scope_id", sa.String(64), primary_key=True),
        sa.Column("monthly_tokens", sa.BigInteger(), nullable=False),
        sa.Column("monthly_money_usd", sa.Numeric(18, 6)),
        sa.Column("updated_by", sa.String(64)),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "budget_policies",
        sa.Column("workspace_id", sa.String(64), primary_key=True),
        sa.Column("warn_at", sa.Float(), nullable=False),
        sa.Column("at_limit", sa.String(16), nullable=False),
        sa.Column("updated_by", sa.String(64)),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "budget_counters",
        sa.Column("workspace_id", sa.String(64), primary_key=True),
        sa.Column("scope_kind", sa.String(16), primary_key=True),
        sa.Column("scope_id", sa.String(64), primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("reserved_tokens", sa.BigInteger(), nullable=False),
        sa.Column("used_tokens", sa.BigInteger(), nullable=False),
        sa.Column("reserved_micro_usd", sa.BigInteger(), nullable=False),
        sa.Column("used_micro_usd", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "budget_reservations",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("workspace_id", sa.String(64), nullable=False),
        sa.Column("question_id", sa.Integer()),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("tokens", sa.BigInteger(), nullable=False),
        sa.Column("micro_usd", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_budget_reservations_status_expires_at", "budget_reservations", ["status", "expires_at"])
    op.create_table(
        "budget_warnings",
        sa.Column("workspace_id", sa.String(64), primary_key=True),
        sa.Column("scope_kind", sa.String(16), primary_key=True),
        sa.Column("scope_id", sa.String(64), primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("level", sa.String(8), primary_key=True),
        sa.Column("share_used", sa.Float(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "questions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("workspace_id", sa.String(64), nullable=False),
        sa.Column("channel_id", sa.String(64)),
        sa.Column("user_id", sa.String(64)),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("path", sa.String(16), nullable=False),
        sa.Column("tier", sa.Integer()),
        sa.Column("route", sa.JSON()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("answer", sa.Text()),
        sa.Column("model", sa.String(128)),
        sa.Column("prompt_tokens", sa.Integer(), nullable=False),
        sa.Column("completion_tokens", sa.Integer(), nullable=False),
        sa.Column("cost_usd", sa.Float(), nullable=False),
        sa.Column("error", sa.Text()),
    )
    op.create_index("ix_questions_workspace_id_created_at", "questions", ["workspace_id", "created_at"])
    op.create_table(
        "usage_ledger",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("workspace_id", sa.String(64), nullable=False),
        sa.Column("channel_id", sa.String(64)),
        sa.Column("user_id", sa.String(64)),
        sa.Column("question_id", sa.Integer()),
        sa.Column("path", sa.String(16)),
        sa.Column("model", sa.String(128)),
        sa.Column("prompt_tokens", sa.Integer(), nullable=False),
        sa.Column("completion_tokens", sa.Integer(), nullable=False),
        sa.Column("cost_usd", sa.Float(), nullable=False),
    )
    op.create_index("ix_usage_ledger_workspace_id_month", "usage_ledger", ["workspace_id", "month"])


def downgrade() -> None:
    op.drop_index("ix_usage_ledger_workspace_id_month", table_name="usage_ledger")
    op.drop_table("usage_ledger")
    op.drop_index("ix_questions_workspace_id_created_at", table_name="questions")
    op.drop_table("questions")
    op.drop_table("budget_warnings")
    op.drop_index("ix_budget_reservations_status_expires_at", table_name="budget_reservations")
    op.drop_table("budget_reservations")
    op.drop_table("budget_counters")
    op.drop_table("budget_policies")
    op.drop_table("budget_limits")
