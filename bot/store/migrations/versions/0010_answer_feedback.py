"""Feedback on answers: each person's thumbs up or down on an answer, to weigh answers against what they cost.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answer_feedback",
        sa.Column("question_id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.String(64), primary_key=True),
        sa.Column("workspace_id", sa.String(64), nullable=False),
        sa.Column("good", sa.Boolean(), nullable=False),
        sa.Column("voted_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_answer_feedback_workspace_id_voted_at", "answer_feedback", ["workspace_id", "voted_at"])


def downgrade() -> None:
    op.drop_index("ix_answer_feedback_workspace_id_voted_at", table_name="answer_feedback")
    op.drop_table("answer_feedback")
