"""Store: boards (collections of images) and the tag list with counts (issue 11)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studio_desktop.core.store import (
    BadBoardName,
    BoardNotFound,
    DuplicateBoard,
    ImageFilter,
    ImageNotFound,
    Store,
    TagCount,
)
from tests.unit.test_store_images import finished_job


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "studio.sqlite3") as s:
        yield s
        assert s.integrity_check() == "ok"


def ids(store: Store, flt: ImageFilter) -> set[int]:
    found = {i.id for i in store.list_images(flt, limit=1000).items}
    assert store.count_images(flt) == len(found)
    return found


def test_tag_counts_count_images_not_in_the_trash_with_the_users_spelling(store: Store) -> None:
    a, b, c = finished_job(store, "p", count=3)
    store.set_tags(a.id, ["Portrait", "cat"])
    store.set_tags(b.id, ["portrait"])
    store.set_tags(c.id, ["cat", "dog"])
    assert store.tag_counts() == [
        TagCount("cat", 2),
        TagCount("dog", 1),
        TagCount("Portrait", 2),
    ]
    store.soft_delete_images([c.id])
    assert store.tag_counts() == [TagCount("cat", 1), TagCount("Portrait", 2)]


def test_filter_by_several_tags_finds_images_having_all_of_them(store: Store) -> None:
    a, b, c = finished_job(store, "p", count=3)
    store.set_tags(a.id, ["cat", "night"])
    store.set_tags(b.id, ["cat"])
    store.set_tags(c.id, ["night"])
    assert ids(store, ImageFilter(tags=("Cat",))) == {a.id, b.id}
    assert ids(store, ImageFilter(tags=("cat", "NIGHT"))) == {a.id}
    assert ids(store, ImageFilter(tags=("cat",), tag="night")) == {a.id}


def test_change_tags_adds_to_each_image_and_keeps_their_other_tags(store: Store) -> None:
    a, b = finished_job(store, "p", count=2)
    store.set_tags(a.id, ["old", "keep"])
    store.set_tags(b.id, ["mine"])
    changed = store.change_tags([a.id, b.id], add=["new", "KEEP"], remove=["old"])
    assert [i.tags for i in changed] == [("keep", "new"), ("mine", "new", "KEEP")]
    assert store.get_image(b.id) is not None and store.get_image(b.id).tags == (  # type: ignore[union-attr]
        "mine",
        "new",
        "KEEP",
    )
    with pytest.raises(ImageNotFound):
        store.change_tags([999], add=["x"])


def test_boards_hold_images_and_deleting_one_keeps_the_images(store: Store) -> None:
    a, b, c = finished_job(store, "p", count=3)
    cats = store.create_board("  Cats  ")
    dogs = store.create_board("Dogs")
    assert cats.name == "Cats" and cats.count == 0
    assert store.add_to_board(cats.id, [a.id, b.id, 999]) == 2
    assert store.add_to_board(cats.id, [a.id]) == 0  # already there
    assert store.add_to_board(dogs.id, [a.id, c.id]) == 2  # an image may be in several
    assert [(x.name, x.count) for x in store.list_boards()] == [("Cats", 2), ("Dogs", 2)]
    assert ids(store, ImageFilter(board=cats.id)) == {a.id, b.id}
    assert ids(store, ImageFilter(board=dogs.id, tags=())) == {a.id, c.id}

    store.soft_delete_images([b.id])
    assert [(x.name, x.count) for x in store.list_boards()] == [("Cats", 1), ("Dogs", 2)]
    assert store.remove_from_board(dogs.id, [c.id]) == 1

    store.delete_board(cats.id)
    assert [x.name for x in store.list_boards()] == ["Dogs"]
    assert store.count_images(ImageFilter(deleted=False)) == 2  # a and c are all still there
    assert store.get_image(b.id) is not None
    with pytest.raises(BoardNotFound):
        store.add_to_board(cats.id, [a.id])


def test_board_names_are_unique_ignoring_case_and_not_blank(store: Store) -> None:
    cats = store.create_board("Cats")
    dogs = store.create_board("Dogs")
    with pytest.raises(DuplicateBoard):
        store.create_board("cats")
    with pytest.raises(DuplicateBoard):
        store.rename_board(dogs.id, "CATS")
    with pytest.raises(BadBoardName):
        store.create_board("   ")
    renamed = store.rename_board(cats.id, "Cats and kittens")
    assert renamed.name == "Cats and kittens" and renamed.id == cats.id
    assert store.rename_board(cats.id, "cats and Kittens").name == "cats and Kittens"


def test_purged_images_leave_their_boards(store: Store) -> None:
    from datetime import UTC, datetime, timedelta

    (a,) = finished_job(store, "p")
    board = store.create_board("B")
    store.add_to_board(board.id, [a.id])
    store.soft_delete_images([a.id])
    store.purge_deleted_images(datetime.now(UTC) + timedelta(days=1))
    assert store.list_boards()[0].count == 0
    assert store.count_images(ImageFilter(board=board.id, deleted=True)) == 0


def test_image_ids_for_paths(store: Store) -> None:
    a, b = finished_job(store, "p", count=2)
    assert store.image_ids_for_paths([b.path, "outputs/none.png", a.path]) == [b.id, a.id]
