"""Initial schema: jobs, images, image tags, and prompt search.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATUS_CHECK = "status IN ('pending', 'running', 'retrying', 'completed', 'failed', 'cancelled')"

# External-content FTS5 over jobs(prompt, negative). The trigram tokenizer matches any substring of
# 3+ characters, which is what makes CJK prompts (no spaces between words) searchable.
_FTS = [
    "CREATE VIRTUAL TABLE jobs_fts USING fts5("
    "prompt, negative, content='jobs', content_rowid='seq', tokenize='trigram')",
    "CREATE TRIGGER jobs_fts_ai AFTER INSERT ON jobs BEGIN "
    "INSERT INTO jobs_fts(rowid, prompt, negative) VALUES (new.seq, new.prompt, new.negative); "
    "END",
    "CREATE TRIGGER jobs_fts_ad AFTER DELETE ON jobs BEGIN "
    "INSERT INTO jobs_fts(jobs_fts, rowid, prompt, negative) "
    "VALUES ('delete', old.seq, old.prompt, old.negative); "
    "END",
    # Only when the text changes: progress updates must not rewrite the index.
    "CREATE TRIGGER jobs_fts_au AFTER UPDATE OF prompt, negative ON jobs BEGIN "
    "INSERT INTO jobs_fts(jobs_fts, rowid, prompt, negative) "
    "VALUES ('delete', old.seq, old.prompt, old.negative); "
    "INSERT INTO jobs_fts(rowid, prompt, negative) VALUES (new.seq, new.prompt, new.negative); "
    "END",
]


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("template", sa.Text(), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False, server_default=""),
        sa.Column("negative", sa.Text(), nullable=False, server_default=""),
        sa.Column("model", sa.Text(), nullable=False, server_default=""),
        sa.Column("workflow", sa.JSON(), nullable=True),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("server", sa.Text(), nullable=True),
        sa.Column("pinned", sa.Boolean(), nullable=False, server_default=sa.text("0")),
        sa.Column("attempt", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("priority", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("progress", sa.Float(), nullable=False, server_default=sa.text("0")),
        sa.Column("progress_text", sa.Text(), nullable=False, server_default=""),
        sa.Column("error", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False, server_default=sa.text("0")),
        sa.CheckConstraint(_STATUS_CHECK, name="ck_jobs_status"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_jobs_claim", "jobs", ["status", sa.text("priority DESC"), "seq"])
    op.create_index("ix_jobs_history", "jobs", ["deleted", "seq"])

    op.create_table(
        "images",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "job_id",
            sa.String(36),
            sa.ForeignKey("jobs.id", ondelete="CASCADE", name="fk_images_job"),
            nullable=False,
        ),
        sa.Column("idx", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False, unique=True),
        sa.Column("thumb_path", sa.Text(), nullable=True),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("bytes", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False, server_default="image"),
        sa.Column("metadata", sa.JSON(), nullable=False),
        sa.Column("favourite", sa.Boolean(), nullable=False, server_default=sa.text("0")),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False, server_default=sa.text("0")),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("job_id", "idx", name="uq_images_job_idx"),
    )
    op.create_index("ix_images_gallery", "images", ["deleted", "id"])
    op.create_index("ix_images_favourite", "images", ["deleted", "favourite", "id"])

    op.create_table(
        "image_tags",
        sa.Column(
            "image_id",
            sa.Integer(),
            sa.ForeignKey("images.id", ondelete="CASCADE", name="fk_image_tags_image"),
            primary_key=True,
        ),
        sa.Column("tag", sa.Text(), primary_key=True),
    )
    op.create_index("ix_image_tags_tag", "image_tags", ["tag", "image_id"])

    _create_fts()


def _create_fts() -> None:
    """Prompt search, if this SQLite has FTS5 with the trigram tokenizer (3.34+).

    Without it the store searches with LIKE, which finds the same rows, only slower.
    """
    bind = op.get_bind()
    savepoint = bind.begin_nested()
    try:
        for statement in _FTS:
            bind.exec_driver_sql(statement)
    except sa.exc.OperationalError:
        savepoint.rollback()
    else:
        savepoint.commit()


def downgrade() -> None:
    for trigger in ("jobs_fts_ai", "jobs_fts_ad", "jobs_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS jobs_fts")
    op.drop_table("image_tags")
    op.drop_table("images")
    op.drop_table("jobs")
