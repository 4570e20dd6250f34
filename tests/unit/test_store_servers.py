"""Store: the servers table."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from studio_desktop.core.store import KEEP, DuplicateServer, ServerNotFound, Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "studio.sqlite3") as s:
        yield s


def test_add_list_get(store: Store) -> None:
    local = store.add_server("Local", "http://127.0.0.1:8188")
    remote = store.add_server(
        "Box", "https://gpu.example:8188", auth_header="Bearer t", enabled=False
    )
    assert local.enabled and local.last_state == "unknown" and local.node_classes == ()
    assert remote.auth_header == "Bearer t" and not remote.enabled
    assert store.list_servers() == [local, remote]
    assert store.get_server(local.id) == local
    assert store.get_server_by_url("https://gpu.example:8188") == remote
    assert store.get_server(999) is None and store.get_server_by_url("nope") is None


def test_url_is_unique(store: Store) -> None:
    store.add_server("A", "http://127.0.0.1:8188")
    with pytest.raises(DuplicateServer, match="already"):
        store.add_server("B", "http://127.0.0.1:8188")
    other = store.add_server("C", "http://127.0.0.1:8189")
    with pytest.raises(DuplicateServer):
        store.update_server(other.id, url="http://127.0.0.1:8188")
    assert len(store.list_servers()) == 2


def test_update(store: Store) -> None:
    server = store.add_server("A", "http://127.0.0.1:8188", auth_header="x")
    seen = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)
    updated = store.update_server(
        server.id,
        last_state="online",
        gpu_name="RTX 4090",
        vram_total=24 * 2**30,
        vram_free=20 * 2**30,
        node_classes=["KSampler", "SaveImage"],
        models={"checkpoints": ["sd15.safetensors"]},
        last_seen_at=seen,
        auth_header=None,
    )
    assert updated.name == "A" and updated.url == "http://127.0.0.1:8188"
    assert updated.auth_header is None and updated.gpu_name == "RTX 4090"
    assert updated.node_classes == ("KSampler", "SaveImage")
    assert updated.models == {"checkpoints": ("sd15.safetensors",)}
    assert updated.last_seen_at == seen
    assert store.get_server(server.id) == updated
    assert store.update_server(server.id, name=KEEP, enabled=False).enabled is False
    with pytest.raises(ServerNotFound):
        store.update_server(999, name="x")


def test_remove(store: Store) -> None:
    server = store.add_server("A", "http://127.0.0.1:8188")
    assert store.remove_server(server.id)
    assert not store.remove_server(server.id)
    assert store.list_servers() == []
