"""SQL for images and their tags. Every function runs inside a session the facade opened."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, CursorResult, and_, delete, func, select, true, update
from sqlalchemy.orm import Session

from studio_desktop.core.jobs import NewImage
from studio_desktop.core.store.filters import ImageFilter, ImageSummary, TagCount
from studio_desktop.core.store.models import BoardImageRow, ImageRow, ImageTagRow, JobRow
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
    wanted_tags = {fold_tag(t) for t in (*flt.tags, flt.tag or "") if t.strip()}
    for tag in sorted(wanted_tags):  # one IN per tag: the image has every one of them
        tagged = select(ImageTagRow.image_id).where(ImageTagRow.tag == tag)
        conditions.append(ImageRow.id.in_(tagged))
    if flt.board is not None:
        in_board = select(BoardImageRow.image_id).where(BoardImageRow.board_id == flt.board)
        conditions.append(ImageRow.id.in_(in_board))
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


def newest_first_summaries(
    session: Session, where: ColumnElement[bool], *, after_id: int | None, limit: int
) -> list[ImageSummary]:
    """Like `newest_first`, but only the columns a grid shows, as plain tuples: no ORM objects,
    no metadata JSON decoded (a page of full rows costs several times as much, and holds the
    GIL the GUI thread needs while it does)."""
    stmt = (
        select(
            ImageRow.id,
            ImageRow.path,
            ImageRow.thumb_path,
            ImageRow.kind,
            ImageRow.favourite,
            ImageRow.created_at,
        )
        .where(where)
        .order_by(ImageRow.id.desc())
        .limit(limit + 1)
    )
    if after_id is not None:
        stmt = stmt.where(ImageRow.id < after_id)
    return [ImageSummary(*row) for row in session.execute(stmt)]


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


def change_tags(session: Session, row: ImageRow, add: Sequence[str], remove: Sequence[str]) -> None:
    """Add some tags and take others away, keeping the rest (and their order)."""
    gone = {fold_tag(t) for t in remove}
    set_tags(session, row, [t for t in (*row.tags, *add) if fold_tag(t) not in gone])


def tag_counts(session: Session) -> list[TagCount]:
    """Every tag on an image not in the trash, with how many such images carry it, by name.

    `image_tags` holds the folded tags; the spelling shown is the one on the first image
    (lowest id) that carries the tag.
    """
    stmt = (
        select(ImageTagRow.tag, func.count(), func.min(ImageTagRow.image_id))
        .join(ImageRow, ImageRow.id == ImageTagRow.image_id)
        .where(ImageRow.deleted.is_(False))
        .group_by(ImageTagRow.tag)
    )
    counted = [(str(tag), int(n), int(first)) for tag, n, first in session.execute(stmt)]
    firsts = {first for _tag, _n, first in counted}
    spellings: dict[int, list[str]] = {}
    for chunk in _chunks(sorted(firsts), 500):
        rows = session.execute(select(ImageRow.id, ImageRow.tags).where(ImageRow.id.in_(chunk)))
        spellings.update((image_id, list(tags)) for image_id, tags in rows)
    found = [
        TagCount(
            next((t for t in spellings.get(first, []) if fold_tag(t) == tag), tag),
            n,
        )
        for tag, n, first in counted
    ]
    return sorted(found, key=lambda t: (fold_tag(t.tag), t.tag))


def ids_for_paths(session: Session, stored: Sequence[str]) -> list[int]:
    """The images recorded under these stored paths (trashed ones too), in the order given."""
    by_path: dict[str, int] = {}
    for chunk in _chunks(list(dict.fromkeys(stored)), 500):
        rows = session.execute(select(ImageRow.path, ImageRow.id).where(ImageRow.path.in_(chunk)))
        by_path.update((str(path), int(image_id)) for path, image_id in rows)
    return [by_path[p] for p in dict.fromkeys(stored) if p in by_path]


def _chunks(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    # SQLite limits the bound parameters of one statement; stay far below it.
    return [items[i : i + size] for i in range(0, len(items), size)]


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
