"""ORM tables. Only the repositories use these; callers get domain dataclasses.

The migrations in `migrations/versions` create the same schema by hand (they must not import this
module, which follows the newest schema); `test_store_migrations` checks the two agree.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

JOB_STATUSES = ("pending", "running", "retrying", "completed", "failed", "cancelled")
STATUS_CHECK = "status IN ('pending', 'running', 'retrying', 'completed', 'failed', 'cancelled')"


class UTCDateTime(TypeDecorator[datetime]):
    """Stored as naive UTC text (sortable); always handed back timezone-aware in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("the store only takes timezone-aware datetimes")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


# JSON columns that may be SQL NULL store Python None as NULL, not the text 'null'.
NullableJSON = JSON(none_as_null=True)


class Base(DeclarativeBase):
    metadata = MetaData()


class JobRow(Base):
    __tablename__ = "jobs"
    __table_args__ = (
        CheckConstraint(STATUS_CHECK, name="ck_jobs_status"),
        Index("ix_jobs_history", "deleted", "seq"),
        Index("ix_jobs_revision", "revision"),
        {"sqlite_autoincrement": True},
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    template: Mapped[str] = mapped_column(Text)
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    # Copied out of params so filters and full-text search need no JSON functions.
    prompt: Mapped[str] = mapped_column(Text, server_default="")
    negative: Mapped[str] = mapped_column(Text, server_default="")
    model: Mapped[str] = mapped_column(Text, server_default="")
    workflow: Mapped[dict[str, Any] | None] = mapped_column(NullableJSON, nullable=True)
    inputs: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))
    server: Mapped[str | None] = mapped_column(Text, nullable=True)
    pinned: Mapped[bool] = mapped_column(Boolean, server_default=text("0"))
    attempt: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    priority: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    progress: Mapped[float] = mapped_column(Float, server_default=text("0"))
    progress_text: Mapped[str] = mapped_column(Text, server_default="")
    error: Mapped[dict[str, Any] | None] = mapped_column(NullableJSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deleted: Mapped[bool] = mapped_column(Boolean, server_default=text("0"))
    # Stamped by every write with max(revision) + 1 inside its BEGIN IMMEDIATE transaction, so
    # revisions follow commit order across processes (change events, the cross-process watcher).
    revision: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    # The token of the process that queued (or adopted) the job; NULL = anyone may run it.
    owner: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The current take: when the prompt reached the server, when the server began executing it.
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    sampling_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # The batch group the job belongs to (one press of Queue, one `generate`), if any.
    group_id: Mapped[str | None] = mapped_column(
        String(36),
        # Unnamed and without ON DELETE: SQLite reads back neither for a REFERENCES added with
        # ADD COLUMN (so the models would not match the migration). Groups are never deleted.
        ForeignKey("job_groups.id"),
        nullable=True,
    )


class GroupRow(Base):
    """A batch group: jobs cancelled, retried, paused and pinned as one."""

    __tablename__ = "job_groups"
    __table_args__ = (
        CheckConstraint("kind IN ('batch', 'forever', 'sweep')", name="ck_job_groups_kind"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    label: Mapped[str] = mapped_column(Text, server_default="")
    kind: Mapped[str] = mapped_column(String(16))
    server: Mapped[str | None] = mapped_column(Text, nullable=True)
    paused: Mapped[bool] = mapped_column(Boolean, server_default=text("0"))
    stopped: Mapped[bool] = mapped_column(Boolean, server_default=text("0"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # A sweep's axes and the grid made of it (core/sweeps/assemble.py); NULL for other kinds.
    sweep: Mapped[dict[str, Any] | None] = mapped_column(NullableJSON, nullable=True)


class PauseRow(Base):
    """A paused scope of the queue: '*' (every server) or a server URL. No row: running."""

    __tablename__ = "queue_pauses"

    scope: Mapped[str] = mapped_column(Text, primary_key=True)
    paused_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AttemptRow(Base):
    """One take of a job from the queue. Written in the transaction of the job's state change."""

    __tablename__ = "job_attempts"
    __table_args__ = (UniqueConstraint("job_id", "number", name="uq_job_attempts_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("jobs.id", ondelete="CASCADE", name="fk_job_attempts_job")
    )
    number: Mapped[int] = mapped_column(Integer)
    server: Mapped[str | None] = mapped_column(Text, nullable=True)
    status: Mapped[str] = mapped_column(String(16))
    error: Mapped[dict[str, Any] | None] = mapped_column(NullableJSON, nullable=True)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    sampling_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


# Claim order is priority DESC, seq ASC: SQLite can only walk an index that way if it was built so.
Index("ix_jobs_claim", JobRow.status, JobRow.priority.desc(), JobRow.seq)
Index("ix_jobs_group", JobRow.group_id, JobRow.seq)


class ImageRow(Base):
    __tablename__ = "images"
    __table_args__ = (
        UniqueConstraint("job_id", "idx", name="uq_images_job_idx"),
        Index("ix_images_gallery", "deleted", "id"),
        Index("ix_images_favourite", "deleted", "favourite", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    job_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("jobs.id", ondelete="CASCADE", name="fk_images_job")
    )
    idx: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(Text, unique=True)
    thumb_path: Mapped[str | None] = mapped_column(Text, nullable=True)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    bytes: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), server_default="image")
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JSON)
    favourite: Mapped[bool] = mapped_column(Boolean, server_default=text("0"))
    # The tags as the user wrote them, for display; `image_tags` holds them folded, for filters.
    tags: Mapped[list[str]] = mapped_column(JSON)
    deleted: Mapped[bool] = mapped_column(Boolean, server_default=text("0"))
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ImageTagRow(Base):
    __tablename__ = "image_tags"
    __table_args__ = (Index("ix_image_tags_tag", "tag", "image_id"),)

    image_id: Mapped[int] = mapped_column(
        Integer,
        ForeignKey("images.id", ondelete="CASCADE", name="fk_image_tags_image"),
        primary_key=True,
    )
    tag: Mapped[str] = mapped_column(Text, primary_key=True)


class BoardRow(Base):
    """A collection the user fills by hand (InvokeAI's boards); its images stay where they are."""

    __tablename__ = "boards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BoardImageRow(Base):
    """An image in a board: an image may be in several; deleting either side drops the link."""

    __tablename__ = "board_images"
    __table_args__ = (Index("ix_board_images_image", "image_id"),)

    board_id: Mapped[int] = mapped_column(
        Integer,
        ForeignKey("boards.id", ondelete="CASCADE", name="fk_board_images_board"),
        primary_key=True,
    )
    image_id: Mapped[int] = mapped_column(
        Integer,
        ForeignKey("images.id", ondelete="CASCADE", name="fk_board_images_image"),
        primary_key=True,
    )


class ServerRow(Base):
    __tablename__ = "servers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text, unique=True)
    auth_header: Mapped[str | None] = mapped_column(Text, nullable=True)
    enabled: Mapped[bool] = mapped_column(Boolean, server_default=text("1"))
    last_state: Mapped[str] = mapped_column(Text, server_default="unknown")
    gpu_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    vram_total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    vram_free: Mapped[int | None] = mapped_column(Integer, nullable=True)
    node_classes: Mapped[list[str]] = mapped_column(JSON)
    models: Mapped[dict[str, list[str]]] = mapped_column(JSON)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
