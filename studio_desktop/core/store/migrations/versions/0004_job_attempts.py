"""Job attempts: every take of a job from the queue, and when its prompt was sent and started.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03

Existing jobs get one attempt row from their current fields (the earlier takes were never
recorded); the times a prompt was sent and started are unknown for them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN, no batch mode: a batch copy of `jobs` would drop the FTS triggers.
    op.add_column("jobs", sa.Column("sent_at", sa.DateTime(), nullable=True))
    op.add_column("jobs", sa.Column("sampling_at", sa.DateTime(), nullable=True))
    op.create_table(
        "job_attempts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "job_id",
            sa.String(36),
            sa.ForeignKey("jobs.id", ondelete="CASCADE", name="fk_job_attempts_job"),
            nullable=False,
        ),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("server", sa.Text(), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error", sa.JSON(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("sampling_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("job_id", "number", name="uq_job_attempts_number"),
    )
    # A job finished or started before `attempt` was counted (0) was taken once.
    op.execute(
        "UPDATE jobs SET attempt = 1 WHERE attempt < 1"
        " AND (started_at IS NOT NULL OR status IN ('completed', 'failed'))"
    )
    # One row per job that was ever taken: its current take as the job records it. A pending job
    # with takes behind it was given back to the queue (or retried by the user) after that take.
    op.execute(
        "INSERT INTO job_attempts (job_id, number, server, status, error, started_at,"
        " finished_at)"
        " SELECT id, attempt, server,"
        " CASE WHEN status = 'pending' THEN 'requeued' ELSE status END,"
        " error, started_at, finished_at FROM jobs WHERE attempt >= 1"
    )


def downgrade() -> None:
    op.drop_table("job_attempts")
    op.drop_column("jobs", "sampling_at")
    op.drop_column("jobs", "sent_at")
