"""Store: history filters, keyset paging, prompt search, soft delete."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from studio_desktop.core.jobs import GenerationParams, Job, JobError, JobStatus, NewJob
from studio_desktop.core.store import JobFilter, Page, Store

SERVER = "http://127.0.0.1:8188"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "studio.sqlite3") as s:
        yield s
        assert s.integrity_check() == "ok"


def add(store: Store, prompt: str, negative: str = "", **kw: str) -> Job:
    template = kw.pop("template", "txt2img")
    params = GenerationParams(prompt=prompt, negative=negative, **kw)  # type: ignore[arg-type]
    return store.add_job(NewJob(template=template, params=params))


def all_pages(store: Store, flt: JobFilter, limit: int) -> list[list[Job]]:
    pages: list[list[Job]] = []
    cursor: int | None = None
    while True:
        page: Page[Job] = store.list_jobs(flt, after_seq=cursor, limit=limit)
        pages.append(page.items)
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor


def test_keyset_paging_has_no_gaps_or_duplicates(store: Store) -> None:
    jobs = store.add_jobs(
        [NewJob("txt2img", GenerationParams(prompt=f"job {i}")) for i in range(53)]
    )
    pages = all_pages(store, JobFilter(), limit=10)
    assert [len(p) for p in pages] == [10, 10, 10, 10, 10, 3]
    seen = [j.id for page in pages for j in page]
    assert seen == [j.id for j in reversed(jobs)]  # newest first, each once

    exact = all_pages(store, JobFilter(), limit=53)
    assert len(exact) == 1 and exact[0][0].id == jobs[-1].id
    assert store.list_jobs(after_seq=jobs[0].seq).items == []


def test_paging_with_a_filter(store: Store) -> None:
    for i in range(30):
        add(store, f"cat {i}" if i % 3 == 0 else f"dog {i}")
    pages = all_pages(store, JobFilter(text="cat"), limit=4)
    prompts = [j.params.prompt for page in pages for j in page]
    assert prompts == [f"cat {i}" for i in range(27, -1, -3)]


def test_filters(store: Store) -> None:
    a = add(store, "alpha", model="sd15", template="txt2img")
    b = add(store, "beta", model="sdxl", template="img2img")
    c = add(store, "gamma", model="sdxl", template="txt2img")
    claimed = store.claim_next(SERVER)
    assert claimed is not None and claimed.id == a.id
    store.fail(a.id, JobError("x", "y"))

    def ids(flt: JobFilter) -> set[str]:
        return {j.id for j in store.list_jobs(flt).items}

    assert ids(JobFilter()) == {a.id, b.id, c.id}
    assert ids(JobFilter(statuses=(JobStatus.FAILED,))) == {a.id}
    assert ids(JobFilter(statuses=(JobStatus.FAILED, JobStatus.PENDING))) == {a.id, b.id, c.id}
    assert ids(JobFilter(template="txt2img")) == {a.id, c.id}
    assert ids(JobFilter(model="sdxl")) == {b.id, c.id}
    assert ids(JobFilter(model="sdxl", template="txt2img")) == {c.id}
    assert ids(JobFilter(server=SERVER)) == {a.id}
    assert ids(JobFilter(text="gam")) == {c.id}


def test_created_range(store: Store) -> None:
    job = add(store, "x")
    before = job.created_at - timedelta(seconds=1)
    after = job.created_at + timedelta(seconds=1)
    assert store.list_jobs(JobFilter(created_from=before, created_to=after)).items == [job]
    assert store.list_jobs(JobFilter(created_from=after)).items == []
    assert store.list_jobs(JobFilter(created_to=job.created_at)).items == []  # exclusive
    # Any timezone works; the store compares instants.
    shifted = before.astimezone(timezone(timedelta(hours=8)))
    assert store.list_jobs(JobFilter(created_from=shifted)).items == [job]
    with pytest.raises(ValueError, match="timezone"):
        JobFilter(created_from=datetime(2020, 1, 1))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("猫", {"cn"}),
        ("一只猫", {"cn"}),
        ("只猫在", {"cn"}),
        ("狗", set()),
        ("RED", {"red", "quote"}),
        ("red cat", {"red"}),
        ('"red cat"', {"red"}),
        ("cat red", {"red"}),
        ('"cat red"', set()),
        ('said "hi"', {"quote"}),
        ('"', {"quote"}),
        ('""', set()),
        ("*", {"star"}),
        ("a*", {"star"}),
        ("AND", {"and"}),
        ("OR NOT", set()),
        ("NEAR(", set()),
        ("(", set()),
        ("%", {"percent"}),
        ("_", {"percent"}),
        ("50%", {"percent"}),
        ("blurry", {"red"}),  # negative prompt too
        ("ok", {"red"}),
        ("x", set()),
        ("   ", set()),
        ("", set()),
    ],
)
def test_search_prompts(store: Store, query: str, expected: set[str]) -> None:
    names = {
        add(store, "一只猫在屋顶上").id: "cn",
        add(store, "a red cat on a mat", negative="blurry, not ok").id: "red",
        add(store, 'she said "hi" in red').id: "quote",
        add(store, "a* star").id: "star",
        add(store, "this AND that").id: "and",
        add(store, "50% off_sale").id: "percent",
    }
    assert {names[j.id] for j in store.search_prompts(query)} == expected
    listed = {names[j.id] for j in store.list_jobs(JobFilter(text=query)).items}
    assert listed == (expected if query.strip() else set(names.values()))  # blank: no filter


def test_search_without_fts_finds_the_same(store: Store, tmp_path: Path) -> None:
    add(store, "一只猫在屋顶上")
    add(store, "a red cat")
    store._fts = False  # what a SQLite without the trigram tokenizer gets
    assert [j.params.prompt for j in store.search_prompts("猫")] == ["一只猫在屋顶上"]
    assert [j.params.prompt for j in store.search_prompts("red cat")] == ["a red cat"]


def test_search_is_newest_first_and_limited(store: Store) -> None:
    jobs = [add(store, f"sunset number {i}") for i in range(5)]
    found = store.search_prompts("sunset", limit=3)
    assert [j.id for j in found] == [j.id for j in reversed(jobs)][:3]


def test_search_sees_updated_rows_only(store: Store) -> None:
    job = add(store, "lighthouse at dawn")
    store.claim_next(SERVER)
    store.set_progress(job.id, 0.5, "halfway")  # updates that don't touch the text
    store.complete(job.id, [])
    assert [j.id for j in store.search_prompts("lighthouse")] == [job.id]


def test_search_pages_through_many_matches_like_the_slow_path(store: Store) -> None:
    """The FTS-driven page (index walked newest first) gives the rows, order and page breaks
    that LIKE alone gives, with other filters, short (LIKE) terms and CJK mixed in."""
    words = ("red cat", "blue lake", "一只猫在屋顶", "sailor", "red sailor hat", "猫 lake")
    jobs = [
        add(store, f"{words[i % len(words)]} {i}", negative="blurry" if i % 4 == 0 else "")
        for i in range(230)
    ]
    for job in jobs[::9]:
        store.cancel(job.id)
    store.soft_delete_jobs([j.id for j in jobs[::18]])
    filters = [
        JobFilter(text="red"),
        JobFilter(text="sailor red"),
        JobFilter(text="一只猫"),
        JobFilter(text="猫 lake"),  # one LIKE term, one FTS term
        JobFilter(text="blurry cat"),  # negative prompt and prompt
        JobFilter(text="red", statuses=(JobStatus.CANCELLED,)),
        JobFilter(text="lake", include_deleted=True),
        JobFilter(text="zeppelin"),
    ]
    for flt in filters:
        by_index = all_pages(store, flt, limit=7)
        store._fts = False  # what a SQLite without the trigram tokenizer gets
        by_like = all_pages(store, flt, limit=7)
        store._fts = True
        assert [[j.id for j in p] for p in by_index] == [[j.id for j in p] for p in by_like]
        found = [j for page in by_index for j in page]
        everything = store.list_jobs(JobFilter(include_deleted=True), limit=500).items
        current = {j.id: j for j in everything}
        expected = [
            j.id
            for j in reversed(jobs)
            if all(t in f"{j.params.prompt}\n{j.params.negative}" for t in flt.text.split())
            and (flt.include_deleted or not current[j.id].deleted)
            and (not flt.statuses or current[j.id].status in flt.statuses)
        ]
        assert [j.id for j in found] == expected, flt
    assert len(all_pages(store, JobFilter(text="red"), limit=7)) > 5  # many pages really walked


def test_soft_delete_and_restore_jobs(store: Store) -> None:
    done = add(store, "finished one")
    store.cancel(done.id)
    active = add(store, "still queued")
    assert store.soft_delete_jobs([done.id, active.id, "missing"]) == 1  # active jobs stay
    assert [j.id for j in store.list_jobs().items] == [active.id]
    assert store.search_prompts("finished") == []
    with_deleted = store.list_jobs(JobFilter(include_deleted=True)).items
    assert {j.id for j in with_deleted} == {done.id, active.id}
    gone = store.get_job(done.id)
    assert gone is not None and gone.deleted
    assert store.count_by_status()[JobStatus.CANCELLED] == 0
    assert store.soft_delete_jobs([done.id]) == 0  # already deleted
    assert store.restore_jobs([done.id]) == 1
    assert {j.id for j in store.list_jobs().items} == {done.id, active.id}
    assert store.soft_delete_jobs([]) == 0
