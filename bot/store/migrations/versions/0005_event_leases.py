"""Event claims become leases: a claim whose process died can be taken again, and finishes.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("slack_events") as table:
        table.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="1"))
        table.add_column(sa.Column("reply_ts", sa.String(32)))
        table.add_column(sa.Column("finished_at", sa.DateTime(timezone=True)))
    # Claims made before this revision were finished or long abandoned.
    op.execute(sa.text("UPDATE slack_events SET finished_at = claimed_at"))


def downgrade() -> None:
    with op.batch_alter_table("slack_events") as table:
        table.drop_column("finished_at")
        table.drop_column("reply_ts")
        table.drop_column("attempts")
