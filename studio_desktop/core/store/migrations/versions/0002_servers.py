"""Servers: the ComfyUI servers the user added, and what we last learned about each.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A new table only: batch-altering `jobs` would copy it and drop the FTS triggers.
    op.create_table(
        "servers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False, unique=True),
        sa.Column("auth_header", sa.Text(), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False, server_default=sa.text("1")),
        sa.Column("last_state", sa.Text(), nullable=False, server_default="unknown"),
        sa.Column("gpu_name", sa.Text(), nullable=True),
        sa.Column("vram_total", sa.Integer(), nullable=True),
        sa.Column("vram_free", sa.Integer(), nullable=True),
        sa.Column("node_classes", sa.JSON(), nullable=False),
        sa.Column("models", sa.JSON(), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("servers")
