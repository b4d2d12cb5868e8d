"""The monthly inventory: price snapshots per month, and the post-once claim of each month's post.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "price_snapshots",
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("kind", sa.String(8), primary_key=True),
        sa.Column("item_id", sa.String(128), primary_key=True),
        sa.Column("plan", sa.String(128), primary_key=True),
        sa.Column("unit", sa.String(32), primary_key=True),
        sa.Column("amount", sa.Numeric(18, 6, asdecimal=False), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.Column("source_url", sa.Text()),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "inventory_posts",
        sa.Column("workspace_id", sa.String(64), primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("channel_id", sa.String(64), nullable=False),
        sa.Column("message_ts", sa.String(32)),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("inventory_posts")
    op.drop_table("price_snapshots")
