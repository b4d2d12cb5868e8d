"""An index for finding the questions still being answered, which housekeeping looks for every minute.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_questions_status_updated_at", "questions", ["status", "updated_at"])


def downgrade() -> None:
    op.drop_index("ix_questions_status_updated_at", table_name="questions")
