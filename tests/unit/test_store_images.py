"""Store: gallery filters, favourites, tags, trash and purge."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from studio_desktop.core.jobs import GenerationParams, ImageRecord, NewImage, NewJob
from studio_desktop.core.store import ImageFilter, ImageNotFound, Store

SERVER = "http://127.0.0.1:8188"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "studio.sqlite3") as s:
        yield s
        assert s.integrity_check() == "ok"


def finished_job(
    store: Store,
    prompt: str,
    *,
    count: int = 1,
    template: str = "txt2img",
    model: str = "sd15",
    kind: str = "image",
) -> list[ImageRecord]:
    job = store.add_job(NewJob(template, GenerationParams(prompt=prompt, model=model)))
    assert store.claim_next(SERVER) is not None
    outputs = [
        NewImage(i, f"outputs/{job.id}_{i}.png", None, 64, 64, 100, kind=kind) for i in range(count)
    ]
    return store.complete(job.id, outputs)


def ids(store: Store, flt: ImageFilter) -> set[int]:
    found = {i.id for i in store.list_images(flt, limit=1000).items}
    assert store.count_images(flt) == len(found)
    return found


def test_paging_newest_first(store: Store) -> None:
    images = [img for n in range(7) for img in finished_job(store, f"p{n}", count=3)]
    seen: list[int] = []
    cursor: int | None = None
    while True:
        page = store.list_images(after_id=cursor, limit=4)
        seen += [i.id for i in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == sorted((i.id for i in images), reverse=True)
    assert store.count_images() == 21


def test_job_level_filters(store: Store) -> None:
    cat = finished_job(store, "一只猫 on a roof", template="txt2img", model="sd15")
    dog = finished_job(store, "a dog", template="img2img", model="sdxl", count=2)
    vid = finished_job(store, "a cat video", kind="video")
    assert ids(store, ImageFilter(text="猫")) == {cat[0].id}
    assert ids(store, ImageFilter(text="cat")) == {vid[0].id}
    assert ids(store, ImageFilter(template="img2img")) == {i.id for i in dog}
    assert ids(store, ImageFilter(model="sdxl")) == {i.id for i in dog}
    assert ids(store, ImageFilter(kind="video")) == {vid[0].id}
    assert ids(store, ImageFilter(job_id=dog[0].job_id)) == {i.id for i in dog}
    assert store.images_for_job(dog[0].job_id) == dog


def test_created_range(store: Store) -> None:
    (img,) = finished_job(store, "x")
    assert ids(store, ImageFilter(created_from=img.created_at)) == {img.id}
    assert ids(store, ImageFilter(created_to=img.created_at)) == set()
    assert ids(store, ImageFilter(created_to=img.created_at + timedelta(seconds=1))) == {img.id}


def test_favourites(store: Store) -> None:
    a, b, c = finished_job(store, "x", count=3)
    store.set_favourite([a.id, c.id], True)
    assert ids(store, ImageFilter(favourites_only=True)) == {a.id, c.id}
    store.set_favourite([c.id], False)
    assert ids(store, ImageFilter(favourites_only=True)) == {a.id}
    assert ids(store, ImageFilter()) == {a.id, b.id, c.id}
    got = store.get_image(a.id)
    assert got is not None and got.favourite
    store.set_favourite([], True)


def test_tags(store: Store) -> None:
    a, b = finished_job(store, "x", count=2)
    store.set_tags(a.id, [" Sky ", "sunset", "sky", "", "夕阳"])
    got = store.get_image(a.id)
    assert got is not None and got.tags == ("Sky", "sunset", "夕阳")
    assert ids(store, ImageFilter(tag="sky")) == {a.id}
    assert ids(store, ImageFilter(tag="SKY ")) == {a.id}
    assert ids(store, ImageFilter(tag="夕阳")) == {a.id}
    store.set_tags(b.id, ["sunset"])
    assert ids(store, ImageFilter(tag="sunset")) == {a.id, b.id}
    store.set_tags(a.id, [])
    assert ids(store, ImageFilter(tag="sky")) == set()
    assert ids(store, ImageFilter(tag="sunset")) == {b.id}
    with pytest.raises(ImageNotFound):
        store.set_tags(999, ["x"])


def test_trash_restore_and_purge(store: Store) -> None:
    a, b, c = finished_job(store, "x", count=3)
    store.set_tags(a.id, ["keep"])
    assert store.soft_delete_images([a.id, b.id]) == 2
    assert store.soft_delete_images([a.id]) == 0
    assert ids(store, ImageFilter()) == {c.id}
    assert ids(store, ImageFilter(deleted=True)) == {a.id, b.id}
    assert ids(store, ImageFilter(deleted=True, tag="keep")) == {a.id}
    assert store.restore_images([b.id]) == 1
    assert ids(store, ImageFilter(deleted=True)) == {a.id}

    assert store.purge_deleted_images(datetime.now(UTC) - timedelta(days=1)) == []
    purged = store.purge_deleted_images(datetime.now(UTC) + timedelta(seconds=1))
    assert [i.id for i in purged] == [a.id] and purged[0].path.endswith("_0.png")
    assert store.get_image(a.id) is None
    assert ids(store, ImageFilter(deleted=True)) == set()
    assert ids(store, ImageFilter()) == {b.id, c.id}


def test_filters_combine(store: Store) -> None:
    a, b = finished_job(store, "red fox", count=2)
    (c,) = finished_job(store, "blue fox")
    store.set_favourite([a.id, c.id], True)
    store.set_tags(a.id, ["animal"])
    store.set_tags(c.id, ["animal"])
    assert ids(store, ImageFilter(text="fox", favourites_only=True, tag="animal")) == {a.id, c.id}
    assert ids(store, ImageFilter(text="red", favourites_only=True, tag="animal")) == {a.id}
    assert ids(store, ImageFilter(text="red", kind="video")) == set()
    assert ids(store, ImageFilter(text="red")) == {a.id, b.id}
