"""What the gallery model keeps for each row it has read, a column per field.

At 100,000 images a `Cell` tuple per row (with its own day `int`, its own copy of the kind
string and its id as an `int` object in a list) was ~430 bytes a row, ~43 MB of the gallery's
peak memory. Kept as columns (ids and days in typed arrays, favourites in a bytearray, kinds as
shared strings) a row is its two path strings plus ~30 bytes; a `Cell` is made only for a row
being painted or dragged, a few dozen per screen.

Columns are built on the read pool (`RowBatch.of`), so the GUI thread only appends them
(array-to-array copies) when a page arrives.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, MutableSequence, Sequence
from typing import Any, NamedTuple

from studio_desktop.core.jobs import ImageRecord
from studio_desktop.core.store.filters import ImageSummary


class Cell(NamedTuple):
    """What painting, grouping and dragging a row need (made from the columns on demand)."""

    thumb: str | None  # thumb_source(record)
    favourite: bool
    kind: str
    day: int  # the local calendar day it was made (date.toordinal()): the grid's date headers
    path: str  # the file as the store records it (dragged out as a file URL)


def thumb_source(record: ImageRecord | ImageSummary) -> str | None:
    """What to show for a record: its thumbnail, else the image itself, else nothing."""
    if record.thumb_path:
        return record.thumb_path
    if record.kind in ("image", "animated"):
        return record.path
    return None


def cell_of(record: ImageRecord | ImageSummary) -> Cell:
    day = record.created_at.astimezone().date().toordinal()
    # A handful of kinds: one shared string each rather than one per row.
    return Cell(thumb_source(record), record.favourite, sys.intern(record.kind), day, record.path)


class RowBatch:
    """Rows in columns, in row order: a page as read, or the model's loaded prefix.

    `neg_ids` holds each row's image id negated, so that newest first is ascending (what
    `bisect` needs to find a row by id)."""

    __slots__ = ("days", "favourites", "kinds", "neg_ids", "paths", "thumbs")

    def __init__(self) -> None:
        self.neg_ids = array("q")
        self.days = array("i")  # day ordinals (< 2**31)
        self.favourites = bytearray()
        self.kinds: list[str] = []
        self.thumbs: list[str | None] = []
        self.paths: list[str] = []

    @classmethod
    def of(cls, records: Iterable[ImageRecord | ImageSummary]) -> RowBatch:
        """The rows of these records (made on the read pool: `astimezone` for a page of 500
        rows was a few ms of a scroll step on the GUI thread)."""
        batch = cls()
        for record in records:
            batch.append(record.id, cell_of(record))
        return batch

    def __len__(self) -> int:
        return len(self.neg_ids)

    def image_id(self, row: int) -> int:
        return -self.neg_ids[row]

    def ids(self) -> list[int]:
        return [-n for n in self.neg_ids]

    def cell(self, row: int) -> Cell:
        return Cell(
            self.thumbs[row],
            bool(self.favourites[row]),
            self.kinds[row],
            self.days[row],
            self.paths[row],
        )

    def _columns(self) -> tuple[MutableSequence[Any], ...]:
        """Every column, in the order `_values` gives a row's values."""
        return (self.neg_ids, self.days, self.favourites, self.kinds, self.thumbs, self.paths)

    @staticmethod
    def _values(image_id: int, cell: Cell) -> tuple[object, ...]:
        return (-image_id, cell.day, cell.favourite, cell.kind, cell.thumb, cell.path)

    def append(self, image_id: int, cell: Cell) -> None:
        for column, value in zip(self._columns(), self._values(image_id, cell), strict=True):
            column.append(value)

    def extend(self, other: RowBatch, rows: Sequence[int] | None = None) -> None:
        """Append `other`'s rows (only those at `rows`, in that order, if given)."""
        if rows is None:
            for column, more in zip(self._columns(), other._columns(), strict=True):
                column.extend(more)
            return
        for row in rows:
            self.append(other.image_id(row), other.cell(row))

    def insert(self, row: int, image_id: int, cell: Cell) -> None:
        for column, value in zip(self._columns(), self._values(image_id, cell), strict=True):
            column.insert(row, value)

    def replace(self, row: int, cell: Cell) -> None:
        """The same image's row with new values (favourite, kind...)."""
        values = self._values(self.image_id(row), cell)
        for column, value in zip(self._columns(), values, strict=True):
            column[row] = value

    def delete(self, first: int, end: int) -> None:
        """Take out rows `first` to `end` (exclusive)."""
        for column in self._columns():
            del column[first:end]
