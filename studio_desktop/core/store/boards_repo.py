"""SQL for boards and their images. Every function runs inside a session the facade opened."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, insert, select
from sqlalchemy.orm import Session

from studio_desktop.core.store.errors import BadBoardName, BoardNotFound, DuplicateBoard
from studio_desktop.core.store.filters import BoardRecord
from studio_desktop.core.store.models import BoardImageRow, BoardRow, ImageRow


def clean_name(name: str) -> str:
    """A board's name on one line, trimmed; BadBoardName for an empty one."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise BadBoardName()
    return cleaned


def _name_taken(session: Session, name: str, other_than: int | None = None) -> bool:
    # Names are unique without regard to case: "Cats" and "cats" would be two lines that look
    # alike in the list.
    stmt = select(BoardRow.id).where(func.lower(BoardRow.name) == name.lower())
    if other_than is not None:
        stmt = stmt.where(BoardRow.id != other_than)
    return session.scalar(stmt.limit(1)) is not None


def create(session: Session, name: str, now: datetime) -> BoardRow:
    cleaned = clean_name(name)
    if _name_taken(session, cleaned):
        raise DuplicateBoard(cleaned)
    row = BoardRow(name=cleaned, created_at=now)
    session.add(row)
    session.flush()
    return row


def require(session: Session, board_id: int) -> BoardRow:
    row = session.get(BoardRow, board_id)
    if row is None:
        raise BoardNotFound(board_id)
    return row


def rename(session: Session, board_id: int, name: str) -> BoardRow:
    row = require(session, board_id)
    cleaned = clean_name(name)
    if _name_taken(session, cleaned, other_than=board_id):
        raise DuplicateBoard(cleaned)
    row.name = cleaned
    session.flush()
    return row


def remove(session: Session, board_id: int) -> None:
    """Delete the board and its memberships (ON DELETE CASCADE); never an image."""
    session.delete(require(session, board_id))


def add_images(session: Session, board_id: int, image_ids: Sequence[int]) -> int:
    """Put existing images in the board; ones already there are left alone. Returns how many
    joined."""
    require(session, board_id)
    wanted = set(image_ids)
    if not wanted:
        return 0
    existing = set(session.scalars(select(ImageRow.id).where(ImageRow.id.in_(wanted))))
    already = set(
        session.scalars(
            select(BoardImageRow.image_id).where(
                BoardImageRow.board_id == board_id, BoardImageRow.image_id.in_(existing)
            )
        )
    )
    new = sorted(existing - already)
    if new:
        session.execute(insert(BoardImageRow), [{"board_id": board_id, "image_id": i} for i in new])
    return len(new)


def remove_images(session: Session, board_id: int, image_ids: Sequence[int]) -> int:
    require(session, board_id)
    if not image_ids:
        return 0
    stmt = delete(BoardImageRow).where(
        BoardImageRow.board_id == board_id, BoardImageRow.image_id.in_(list(image_ids))
    )
    return cast(CursorResult[Any], session.execute(stmt)).rowcount


def with_counts(session: Session) -> list[BoardRecord]:
    """Every board by name (ignoring case), with how many images not in the trash it holds."""
    live = (
        select(BoardImageRow.board_id, func.count().label("n"))
        .join(ImageRow, ImageRow.id == BoardImageRow.image_id)
        .where(ImageRow.deleted.is_(False))
        .group_by(BoardImageRow.board_id)
        .subquery()
    )
    stmt = (
        select(BoardRow, func.coalesce(live.c.n, 0))
        .outerjoin(live, live.c.board_id == BoardRow.id)
        .order_by(func.lower(BoardRow.name), BoardRow.id)
    )
    return [
        BoardRecord(id=row.id, name=row.name, created_at=row.created_at, count=int(n))
        for row, n in session.execute(stmt)
    ]
