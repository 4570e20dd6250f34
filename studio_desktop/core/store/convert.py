"""Rows to domain dataclasses (the store never hands out ORM objects)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row

from studio_desktop.core.groups import GroupKind, JobGroup
from studio_desktop.core.jobs import (
    Attempt,
    AttemptStatus,
    GenerationParams,
    ImageRecord,
    InputImage,
    Job,
    JobError,
    JobStatus,
)
from studio_desktop.core.store.filters import BoardRecord, ServerRecord
from studio_desktop.core.store.models import (
    AttemptRow,
    BoardRow,
    GroupRow,
    ImageRow,
    JobRow,
    ServerRow,
)


def job(row: JobRow | Row[Any]) -> Job:
    """An ORM row, or a row of `hot`'s statements (the same names)."""
    return Job(
        id=row.id,
        seq=row.seq,
        template=row.template,
        params=GenerationParams.from_dict(row.params),
        workflow=row.workflow,
        inputs=tuple(InputImage(slot=i["slot"], path=i["path"]) for i in row.inputs),
        status=JobStatus(row.status),
        server=row.server,
        pinned=row.pinned,
        attempt=row.attempt,
        priority=row.priority,
        progress=row.progress,
        progress_text=row.progress_text,
        error=None if row.error is None else JobError.from_dict(row.error),
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        deleted=row.deleted,
        revision=row.revision,
        owner=row.owner,
        sent_at=row.sent_at,
        sampling_at=row.sampling_at,
        group_id=row.group_id,
    )


def group(row: GroupRow) -> JobGroup:
    return JobGroup(
        id=row.id,
        label=row.label,
        kind=GroupKind(row.kind),
        created_at=row.created_at,
        server=row.server,
        paused=row.paused,
        stopped=row.stopped,
        sweep=row.sweep,
    )


def attempt(row: AttemptRow) -> Attempt:
    return Attempt(
        job_id=row.job_id,
        number=row.number,
        server=row.server,
        status=AttemptStatus(row.status),
        error=None if row.error is None else JobError.from_dict(row.error),
        started_at=row.started_at,
        sent_at=row.sent_at,
        sampling_at=row.sampling_at,
        finished_at=row.finished_at,
    )


def image(row: ImageRow | Row[Any]) -> ImageRecord:
    return ImageRecord(
        id=row.id,
        job_id=row.job_id,
        index=row.idx,
        path=row.path,
        thumb_path=row.thumb_path,
        width=row.width,
        height=row.height,
        bytes=row.bytes,
        kind=row.kind,
        metadata=row.meta,
        favourite=row.favourite,
        tags=tuple(row.tags),
        deleted=row.deleted,
        created_at=row.created_at,
    )


def server(row: ServerRow) -> ServerRecord:
    return ServerRecord(
        id=row.id,
        name=row.name,
        url=row.url,
        auth_header=row.auth_header,
        enabled=row.enabled,
        last_state=row.last_state,
        gpu_name=row.gpu_name,
        vram_total=row.vram_total,
        vram_free=row.vram_free,
        node_classes=tuple(row.node_classes),
        models={kind: tuple(names) for kind, names in row.models.items()},
        last_seen_at=row.last_seen_at,
    )


def board(row: BoardRow, count: int = 0) -> BoardRecord:
    return BoardRecord(id=row.id, name=row.name, created_at=row.created_at, count=count)
