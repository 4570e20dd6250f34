"""The gallery model's rows kept in columns (`RowBatch`): what goes in comes out as the same
cells, in order, through appends, inserts, replacements and deletions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from studio_desktop.core.store.filters import ImageSummary
from studio_desktop.ui.gallery.rows import Cell, RowBatch, cell_of

START = datetime(2026, 3, 1, 12, tzinfo=UTC)


def summary(image_id: int, *, kind: str = "image", thumb: bool = True) -> ImageSummary:
    return ImageSummary(
        id=image_id,
        path=f"outputs/{image_id}.png",
        thumb_path=f"thumbnails/{image_id}.jpg" if thumb else None,
        kind=kind,
        favourite=image_id % 2 == 0,
        created_at=START - timedelta(hours=image_id),
    )


def cells(batch: RowBatch) -> list[tuple[int, Cell]]:
    return [(batch.image_id(r), batch.cell(r)) for r in range(len(batch))]


def test_a_page_in_columns_gives_back_each_rows_cell_in_order() -> None:
    pages = [summary(9), summary(8, kind="audio", thumb=False), summary(7, thumb=False)]
    batch = RowBatch.of(pages)
    assert cells(batch) == [(p.id, cell_of(p)) for p in pages]
    assert batch.ids() == [9, 8, 7]
    assert batch.cell(0).favourite is False and batch.cell(1).favourite is True
    assert batch.cell(1).thumb is None  # audio: nothing to show
    assert batch.cell(2).thumb == "outputs/7.png"  # an image without a thumbnail: itself


def test_rows_share_one_string_per_kind() -> None:
    batch = RowBatch.of([summary(3, kind="".join(["vid", "eo"])), summary(2, kind="video")])
    assert batch.kinds[0] is batch.kinds[1]


def test_appending_all_or_some_of_a_page() -> None:
    held = RowBatch.of([summary(10), summary(9)])
    held.extend(RowBatch.of([summary(8), summary(7)]))
    held.extend(RowBatch.of([summary(6), summary(5), summary(4)]), [0, 2])
    assert held.ids() == [10, 9, 8, 7, 6, 4]
    assert cells(held)[-1] == (4, cell_of(summary(4)))


def test_insert_replace_and_delete_keep_the_columns_in_step() -> None:
    held = RowBatch.of([summary(10), summary(8), summary(7), summary(6)])
    held.insert(1, 9, cell_of(summary(9)))
    assert held.ids() == [10, 9, 8, 7, 6]
    starred = summary(9)._replace(favourite=True)
    held.replace(1, cell_of(starred))
    assert held.cell(1).favourite is True
    held.delete(2, 4)
    assert cells(held) == [
        (10, cell_of(summary(10))),
        (9, cell_of(starred)),
        (6, cell_of(summary(6))),
    ]
