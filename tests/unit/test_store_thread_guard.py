"""Store: a thread told off (the GUI thread) cannot open a session; others are unaffected."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent import futures
from pathlib import Path

import pytest

from studio_desktop.core.store import StoreError, WrongThread
from studio_desktop.core.store.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "db.sqlite3") as opened:
        yield opened


def test_reads_and_writes_on_the_forbidden_thread_raise(store: Store) -> None:
    store.forbid_thread(threading.current_thread())
    with pytest.raises(WrongThread):
        store.list_servers()
    with pytest.raises(WrongThread):
        store.add_server("a", "http://a:8188")


def test_wrong_thread_is_a_bug_not_a_store_error(store: Store) -> None:
    assert not issubclass(WrongThread, StoreError)


def test_other_threads_keep_working(store: Store) -> None:
    store.forbid_thread(threading.current_thread())
    with futures.ThreadPoolExecutor(1) as executor:
        record = executor.submit(store.add_server, "a", "http://a:8188").result(10)
        assert [r.id for r in executor.submit(store.list_servers).result(10)] == [record.id]


def test_allow_this_thread_lifts_the_guard_inside_the_block_only(store: Store) -> None:
    store.forbid_thread(threading.current_thread())
    with store.allow_this_thread():
        store.add_server("a", "http://a:8188")
        with store.allow_this_thread():
            assert len(store.list_servers()) == 1
        assert len(store.list_servers()) == 1
    with pytest.raises(WrongThread):
        store.list_servers()


def test_reads_false_refuses_only_writes(store: Store) -> None:
    store.forbid_thread(threading.current_thread(), reads=False)
    assert store.list_servers() == []
    with pytest.raises(WrongThread):
        store.add_server("a", "http://a:8188")


def test_none_lifts_the_guard(store: Store) -> None:
    store.forbid_thread(threading.current_thread())
    store.forbid_thread(None)
    assert store.list_servers() == []
