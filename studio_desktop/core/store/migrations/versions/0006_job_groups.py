"""Batch groups and the queue's pause state.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

`job_groups` holds the jobs one press of Queue made as one thing (batch, forever, sweep);
`jobs.group_id` names a job's group. `queue_pauses` holds what is paused: a row per scope
('*' is every server, else a server URL), so a pause survives a restart and every process
sees it.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "job_groups",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("label", sa.Text(), nullable=False, server_default=""),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("server", sa.Text(), nullable=True),
        sa.Column("paused", sa.Boolean(), nullable=False, server_default=sa.text("0")),
        sa.Column("stopped", sa.Boolean(), nullable=False, server_default=sa.text("0")),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('batch', 'forever', 'sweep')", name="ck_job_groups_kind"),
    )
    # Plain ADD COLUMN, no batch mode: a batch copy of `jobs` would drop the FTS triggers.
    # SQLite takes an inline REFERENCES on an added column whose default is NULL.
    op.execute("ALTER TABLE jobs ADD COLUMN group_id VARCHAR(36) REFERENCES job_groups (id)")
    op.create_index("ix_jobs_group", "jobs", ["group_id", "seq"])
    op.create_table(
        "queue_pauses",
        sa.Column("scope", sa.Text(), primary_key=True),
        sa.Column("paused_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("queue_pauses")
    op.drop_index("ix_jobs_group", "jobs")
    # SQLite 3.35+ drops the column in place (its constraint is the column's own); the
    # triggers do not name it.
    op.drop_column("jobs", "group_id")
    op.drop_table("job_groups")
