"""The Slack workspaces the app is installed in, so that the terminal acts on the one Slack uses.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "slack_workspaces",
        sa.Column("team_id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("url", sa.Text()),
        sa.Column("enterprise_id", sa.String(64)),
        sa.Column("token_fingerprint", sa.String(64)),
        sa.Column("verified_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_slack_workspaces_token_fingerprint", "slack_workspaces", ["token_fingerprint"])


def downgrade() -> None:
    op.drop_index("ix_slack_workspaces_token_fingerprint", table_name="slack_workspaces")
    op.drop_table("slack_workspaces")
