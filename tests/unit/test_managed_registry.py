"""The managed ComfyUI is one registry entry whose URL follows its port (it used to gain one
entry per port it came up on), and its choice is kept in the settings file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio_desktop.core.managed.registry import MANAGED_NAME, register_managed
from studio_desktop.core.settings import Settings, load_settings, read_settings, save_settings
from studio_desktop.core.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "studio.sqlite3") as s:
        yield s


def test_a_start_on_another_port_moves_the_one_entry(store: Store) -> None:
    first = register_managed(store, "http://127.0.0.1:8188")
    again = register_managed(store, "http://127.0.0.1:8188")
    moved = register_managed(store, "http://127.0.0.1:40123")
    assert first.id == again.id == moved.id
    assert [(r.name, r.url) for r in store.list_servers()] == [
        (MANAGED_NAME, "http://127.0.0.1:40123")
    ]


def test_an_address_the_user_registered_is_used_and_enabled(store: Store) -> None:
    mine = store.add_server("My box", "http://127.0.0.1:8188", enabled=False)
    record = register_managed(store, "http://127.0.0.1:8188")
    assert record.id == mine.id and record.enabled and record.name == "My box"
    assert len(store.list_servers()) == 1


def test_a_disabled_managed_entry_is_enabled_when_it_moves(store: Store) -> None:
    ours = register_managed(store, "http://127.0.0.1:8188")
    store.update_server(ours.id, enabled=False)
    moved = register_managed(store, "http://127.0.0.1:8190")
    assert moved.id == ours.id and moved.enabled


def test_the_managed_choice_round_trips_and_bad_values_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    chosen = Settings(
        managed_path="/opt/ComfyUI",
        managed_python="/opt/ComfyUI/venv/bin/python",
        managed_port=8190,
        managed_preset="lowvram",
        managed_args="--preview-method auto",
        managed_start_at_launch=True,
    )
    save_settings(chosen, path)
    assert load_settings(path) == chosen
    path.write_text(
        json.dumps({"managed_preset": "turbo", "managed_port": 70000, "managed_path": 3}),
        encoding="utf-8",
    )
    loaded = read_settings(path, repair=False)
    assert loaded.settings.managed_preset == "gpu"
    assert loaded.settings.managed_port == 65535
    assert loaded.settings.managed_path == ""
    assert len(loaded.texts) == 3
