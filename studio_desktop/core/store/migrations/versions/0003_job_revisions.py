"""Job revisions and owners: ordered change events, and which process a job belongs to.

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, no batch mode: a batch copy of `jobs` would drop the FTS triggers.
    op.add_column(
        "jobs", sa.Column("revision", sa.Integer(), nullable=False, server_default=sa.text("0"))
    )
    op.add_column("jobs", sa.Column("owner", sa.Text(), nullable=True))
    op.create_index("ix_jobs_revision", "jobs", ["revision"])


def downgrade() -> None:
    op.drop_index("ix_jobs_revision", "jobs")
    # SQLite 3.35+ drops columns in place; the triggers do not name these columns.
    op.drop_column("jobs", "owner")
    op.drop_column("jobs", "revision")
