"""Slack: claimed events, answered threads, savings computations; questions.escalated_from.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "slack_events",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("workspace_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_slack_events_claimed_at", "slack_events", ["claimed_at"])
    op.create_table(
        "slack_threads",
        sa.Column("workspace_id", sa.String(64), primary_key=True),
        sa.Column("channel_id", sa.String(64), primary_key=True),
        sa.Column("thread_ts", sa.String(32), primary_key=True),
        sa.Column("question_id", sa.Integer()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "savings_computations",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("month", sa.String(7), nullable=False),
        sa.Column("workspace_id", sa.String(64), nullable=False),
        sa.Column("channel_id", sa.String(64)),
        sa.Column("user_id", sa.String(64)),
        sa.Column("task", sa.String(64)),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("savings_per_month", sa.Float(), nullable=False),
        sa.Column("hours_saved_per_month", sa.Float()),
        sa.Column("source", sa.String(16), nullable=False),
    )
    op.create_index("ix_savings_computations_workspace_id_month", "savings_computations", ["workspace_id", "month"])
    op.add_column("questions", sa.Column("escalated_from", sa.Integer()))


def downgrade() -> None:
    with op.batch_alter_table("questions") as batch:
        batch.drop_column("escalated_from")
    op.drop_index("ix_savings_computations_workspace_id_month", table_name="savings_computations")
    op.drop_table("savings_computations")
    op.drop_table("slack_threads")
    op.drop_index("ix_slack_events_claimed_at", table_name="slack_events")
    op.drop_table("slack_events")
