"""SQL for images and their tags. Every function runs inside a session the facade opened."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, and_, delete, func, select, true, update
from sqlalchemy.orm import Session

from studio_desktop.core.jobs import NewImage
from studio_desktop.core.store.filters import ImageFilter
from studio_desktop.core.store.models import ImageRow, ImageTagRow, JobRow
from studio_desktop.core.store.search import prompt_matches


def insert(
    session: Session, job_id: str, outputs: Sequence[NewImage], now: datetime
) -> list[ImageRow]:
    rows = [
        ImageRow(
            job_id=job_id,
            idx=out.index,
            path=out.path,
            thumb_path=out.thumb_path,
            width=out.width,
            height=out.height,
            bytes=out.bytes,
            kind=out.kind,
            meta=dict(out.metadata),
            favourite=False,
            tags=[],
            deleted=False,
            deleted_at=None,
            created_at=now,
        )
        for out in outputs
    ]
    session.add_all(rows)
    session.flush()  # assigns ids; a duplicate (job_id, idx) or path fails here
    return rows


def for_job(session: Session, job_id: str) -> list[ImageRow]:
    stmt = select(ImageRow).where(ImageRow.job_id == job_id).order_by(ImageRow.idx)
    return list(session.scalars(stmt))


def first_of_jobs(session: Session, job_ids: Sequence[str]) -> list[ImageRow]:
    """Each job's first output that is not in the trash (lowest index), for the jobs that have
    one. Uses uq_images_job_idx."""
    if not job_ids:
        return []
    first = (
        select(ImageRow.job_id, func.min(ImageRow.idx).label("idx"))
        .where(ImageRow.job_id.in_(list(job_ids)), ImageRow.deleted.is_(False))
        .group_by(ImageRow.job_id)
        .subquery()
    )
    stmt = select(ImageRow).join(
        first, and_(ImageRow.job_id == first.c.job_id, ImageRow.idx == first.c.idx)
    )
    return list(session.scalars(stmt))


def find(session: Session, image_id: int) -> ImageRow | None:
    return session.get(ImageRow, image_id)


def filter_condition(flt: ImageFilter, *, fts: bool) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = [ImageRow.deleted.is_(flt.deleted)]
    if flt.favourites_only:
        conditions.append(ImageRow.favourite.is_(True))
    if flt.tag is not None:
        tagged = select(ImageTagRow.image_id).where(ImageTagRow.tag == fold_tag(flt.tag))
        conditions.append(ImageRow.id.in_(tagged))
    if flt.kind is not None:
        conditions.append(ImageRow.kind == flt.kind)
    if flt.job_id is not None:
        conditions.append(ImageRow.job_id == flt.job_id)
    if flt.created_from is not None:
        conditions.append(ImageRow.created_at >= flt.created_from)
    if flt.created_to is not None:
        conditions.append(ImageRow.created_at < flt.created_to)
    job_conditions: list[ColumnElement[bool]] = []
    if flt.text.strip():
        job_conditions.append(prompt_matches(flt.text, fts=fts))
    if flt.template is not None:
        job_conditions.append(JobRow.template == flt.template)
    if flt.model is not None:
        job_conditions.append(JobRow.model == flt.model)
    if job_conditions:
        conditions.append(ImageRow.job_id.in_(select(JobRow.id).where(*job_conditions)))
    return and_(true(), *conditions)


def newest_first(
    session: Session, where: ColumnElement[bool], *, after_id: int | None, limit: int
) -> list[ImageRow]:
    """Up to `limit + 1` rows, so the caller can tell whether another page exists."""
    stmt = select(ImageRow).where(where).order_by(ImageRow.id.desc()).limit(limit + 1)
    if after_id is not None:
        stmt = stmt.where(ImageRow.id < after_id)
    return list(session.scalars(stmt))


def count(session: Session, where: ColumnElement[bool]) -> int:
    return int(session.scalar(select(func.count()).select_from(ImageRow).where(where)) or 0)


def set_favourite(session: Session, ids: Sequence[int], favourite: bool) -> None:
    if ids:
        session.execute(
            update(ImageRow)
            .where(ImageRow.id.in_(list(ids)))
            .values(favourite=favourite)
            .execution_options(synchronize_session=False)
        )


def fold_tag(tag: str) -> str:
    return tag.strip().casefold()


def clean_tags(tags: Sequence[str]) -> list[str]:
    """Trimmed, no empties, no repeats (ignoring case), first spelling kept."""
    seen: set[str] = set()
    kept: list[str] = []
    for tag in tags:
        tag = tag.strip()
        if tag and fold_tag(tag) not in seen:
            seen.add(fold_tag(tag))
            kept.append(tag)
    return kept


def set_tags(session: Session, row: ImageRow, tags: Sequence[str]) -> None:
    kept = clean_tags(tags)
    row.tags = kept
    session.execute(delete(ImageTagRow).where(ImageTagRow.image_id == row.id))
    session.add_all(ImageTagRow(image_id=row.id, tag=fold_tag(tag)) for tag in kept)


def set_deleted(session: Session, ids: Sequence[int], deleted: bool, now: datetime) -> int:
    if not ids:
        return 0
    stmt = (
        update(ImageRow)
        .where(ImageRow.id.in_(list(ids)), ImageRow.deleted.is_(not deleted))
        .values(deleted=deleted, deleted_at=now if deleted else None)
        .execution_options(synchronize_session=False)
    )
    return cast(CursorResult[Any], session.execute(stmt)).rowcount


def purge(session: Session, older_than: datetime) -> list[ImageRow]:
    """Delete rows trashed before `older_than`; their tags go with them (ON DELETE CASCADE)."""
    rows = list(
        session.scalars(
            select(ImageRow)
            .where(ImageRow.deleted.is_(True), ImageRow.deleted_at < older_than)
            .order_by(ImageRow.id)
        )
    )
    if rows:
        session.execute(
            delete(ImageRow)
            .where(ImageRow.id.in_([r.id for r in rows]))
            .execution_options(synchronize_session=False)
        )
    return rows
