"""The model downloader against a real HTTP server on 127.0.0.1 (tests/fakes/file_server.py):
progress, resume after a cut (Range + If-Range), a server without ranges, checksum, HTTP errors,
cancel, unsafe names, the managed install's models folder."""

from __future__ import annotations

import errno
import hashlib
import os
import time
from pathlib import Path

import pytest

from studio_desktop.core.managed.downloads import (
    META_SUFFIX,
    PART_SUFFIX,
    DownloadCancelled,
    DownloadError,
    Progress,
    _write_failure,
    download,
    managed_models_root,
    target_path,
)
from studio_desktop.core.managed.running import RunningRecord, write_record
from tests.fakes.file_server import file_server

BODY = bytes(range(256)) * 400  # 100 KiB, every offset distinguishable
SHA = hashlib.sha256(BODY).hexdigest()
CHUNK = 4096


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


def test_progress_is_reported_up_to_the_whole_file(tmp_path: Path) -> None:
    seen: list[Progress] = []
    with file_server({"/m.bin": BODY}) as (base, _state):
        path = download(
            base + "/m.bin",
            tmp_path,
            "checkpoints",
            "m.bin",
            progress=seen.append,
            sha256=SHA,
            chunk_bytes=CHUNK,
        )
    assert path == tmp_path / "checkpoints" / "m.bin"
    assert path.read_bytes() == BODY
    assert seen[0].done == 0 and seen[-1].done == len(BODY)
    assert all(p.total == len(BODY) for p in seen)
    assert [p.done for p in seen] == sorted(p.done for p in seen)
    assert seen[-1].fraction == 1.0
    assert _leftovers(tmp_path) == ["m.bin"]  # no .part, no .part.json


def test_a_cut_is_resumed_with_range_and_the_file_is_byte_exact(tmp_path: Path) -> None:
    with file_server({"/m.bin": BODY}) as (base, state):
        state.cut_after = 30_000
        with pytest.raises(DownloadError, match="dropped"):
            download(base + "/m.bin", tmp_path, "vae", "m.bin", chunk_bytes=CHUNK)
        part = tmp_path / "vae" / ("m.bin" + PART_SUFFIX)
        kept = part.stat().st_size
        assert 0 < kept <= 30_000 and not (tmp_path / "vae" / "m.bin").exists()
        seen: list[Progress] = []
        path = download(
            base + "/m.bin",
            tmp_path,
            "vae",
            "m.bin",
            sha256=SHA,
            progress=seen.append,
            chunk_bytes=CHUNK,
        )
        second = state.requests[-1]
    assert second["Range"] == f"bytes={kept}-"
    assert second["If-Range"] == state.etag("/m.bin")
    assert seen[0].done == kept  # the bar starts where the cut left it
    assert path.read_bytes() == BODY
    assert _leftovers(tmp_path) == ["m.bin"]


def test_a_server_without_ranges_starts_again_from_zero(tmp_path: Path) -> None:
    with file_server({"/m.bin": BODY}, ranges=False) as (base, state):
        state.cut_after = 30_000
        with pytest.raises(DownloadError):
            download(base + "/m.bin", tmp_path, "vae", "m.bin", chunk_bytes=CHUNK)
        path = download(base + "/m.bin", tmp_path, "vae", "m.bin", sha256=SHA, chunk_bytes=CHUNK)
        assert "Range" in state.requests[-1]  # asked, got a 200 with the whole file
    assert path.read_bytes() == BODY


def test_a_changed_file_is_read_again_whole(tmp_path: Path) -> None:
    """If-Range no longer matches: the server sends 200 and the whole new file."""
    new = BODY[::-1]
    with file_server({"/m.bin": BODY}) as (base, state):
        state.cut_after = 30_000
        with pytest.raises(DownloadError):
            download(base + "/m.bin", tmp_path, "vae", "m.bin", chunk_bytes=CHUNK)
        state.files["/m.bin"] = new
        path = download(base + "/m.bin", tmp_path, "vae", "m.bin", chunk_bytes=CHUNK)
    assert path.read_bytes() == new


def test_a_checksum_mismatch_leaves_no_file(tmp_path: Path) -> None:
    with (
        file_server({"/m.bin": BODY}) as (base, _state),
        pytest.raises(DownloadError, match="SHA-256") as caught,
    ):
        download(base + "/m.bin", tmp_path, "vae", "m.bin", sha256="0" * 64)
    assert "deleted" in str(caught.value)
    assert _leftovers(tmp_path) == []


def test_http_errors_are_one_line(tmp_path: Path) -> None:
    with file_server({}) as (base, _state), pytest.raises(DownloadError) as caught:
        download(base + "/missing.bin", tmp_path, "vae", "m.bin")
    text = str(caught.value)
    assert "404" in text and "\n" not in text
    assert _leftovers(tmp_path) == []


def test_refused_connection_is_one_line(tmp_path: Path) -> None:
    with file_server({}) as (base, _state):
        pass  # stopped: nothing listens on its port any more
    with pytest.raises(DownloadError, match="Could not connect") as caught:
        download(base + "/m.bin", tmp_path, "vae", "m.bin", timeouts=(5, 5))
    text = str(caught.value)
    assert "\n" not in text and "refused" in text
    assert "ConnectionPool" not in text and " object at 0x" not in text


def test_a_stalled_server_times_out(tmp_path: Path) -> None:
    with file_server({"/m.bin": BODY}) as (base, state):
        state.block_after = 10_000  # sends that much, then nothing until the test ends
        with pytest.raises(DownloadError, match=r"did not answer in time|dropped"):
            download(base + "/m.bin", tmp_path, "vae", "m.bin", timeouts=(5, 0.3))
    assert (tmp_path / "vae" / ("m.bin" + PART_SUFFIX)).exists()  # kept for a resume


def test_cancel_keeps_the_part_and_a_retry_resumes(tmp_path: Path) -> None:
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3  # after three chunks

    with file_server({"/m.bin": BODY}) as (base, state):
        with pytest.raises(DownloadCancelled):
            download(
                base + "/m.bin", tmp_path, "vae", "m.bin", cancelled=cancelled, chunk_bytes=CHUNK
            )
        part = tmp_path / "vae" / ("m.bin" + PART_SUFFIX)
        assert part.stat().st_size == 3 * CHUNK
        path = download(base + "/m.bin", tmp_path, "vae", "m.bin", sha256=SHA)
        assert state.requests[-1]["Range"] == f"bytes={3 * CHUNK}-"
    assert path.read_bytes() == BODY
    assert not (tmp_path / "vae" / ("m.bin" + META_SUFFIX)).exists()


def test_a_file_already_there_is_kept(tmp_path: Path) -> None:
    (tmp_path / "vae").mkdir()
    (tmp_path / "vae" / "m.bin").write_bytes(BODY)
    with file_server({}) as (base, state):
        path = download(base + "/m.bin", tmp_path, "vae", "m.bin", sha256=SHA)
        assert state.requests == []
    assert path.read_bytes() == BODY


@pytest.mark.parametrize(
    "name",
    ["../evil.bin", "a/../../evil.bin", "/etc/evil", "..", "", "C:evil", "a\\..\\..\\b", "x\x00y"],
)
def test_unsafe_names_are_refused_before_anything_is_written(tmp_path: Path, name: str) -> None:
    root = tmp_path / "models"
    with pytest.raises(DownloadError, match="not a file name"):
        download("http://127.0.0.1:9/never", root, "vae", name)
    assert not root.exists()


def test_unsafe_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DownloadError):
        target_path(tmp_path, "../outside", "m.bin")


def test_subfolders_inside_the_folder_are_allowed(tmp_path: Path) -> None:
    assert target_path(tmp_path, "loras", "SD1.5/x.safetensors") == (
        tmp_path / "loras" / "SD1.5" / "x.safetensors"
    )


def test_a_full_disk_is_named() -> None:
    text = str(_write_failure(OSError(errno.ENOSPC, "No space left on device"), Path("/m/vae")))
    assert text == "The disk is full: free some space in /m/vae."


def test_the_managed_servers_models_folder(tmp_path: Path) -> None:
    main_py = tmp_path / "ComfyUI" / "main.py"
    url = "http://127.0.0.1:8190"
    assert managed_models_root(tmp_path, url) is None  # nothing recorded
    record = RunningRecord(os.getpid(), url, 8190, True, None, str(main_py), time.time())
    write_record(tmp_path, record)
    assert managed_models_root(tmp_path, url + "/") == tmp_path / "ComfyUI" / "models"
    assert managed_models_root(tmp_path, "http://localhost:8190") == tmp_path / "ComfyUI" / "models"
    assert managed_models_root(tmp_path, "http://127.0.0.1:8188") is None  # another server
    base = tmp_path / "desktop-base"
    write_record(tmp_path, RunningRecord(**{**record.__dict__, "base_directory": str(base)}))
    assert managed_models_root(tmp_path, url) == base / "models"
