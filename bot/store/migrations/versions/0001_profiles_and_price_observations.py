"""Company profiles and price observations.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "company_profiles",
        sa.Column("workspace_id", sa.String(64), primary_key=True),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("updated_by", sa.String(64)),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "price_observations",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("tool_id", sa.String(64), nullable=False),
        sa.Column("plan", sa.String(128)),
        sa.Column("amount", sa.Numeric(18, 6), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("unit", sa.String(32), nullable=False),
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.Column("source_url", sa.Text()),
        sa.Column("recorded_by", sa.String(64)),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_price_observations_tool_id", "price_observations", ["tool_id"])


def downgrade() -> None:
    op.drop_index("ix_price_observations_tool_id", table_name="price_observations")
    op.drop_table("price_observations")
    op.drop_table("company_profiles")
