"""The ordered settings writer: a late write of an older snapshot never replaces a newer file."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from studio_desktop.core.settings import Settings, load_settings
from studio_desktop.core.settings_writer import SettingsWriter


def test_an_older_snapshot_written_late_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    writer = SettingsWriter(path)
    settings = Settings(thumbnail_size=128)
    older = writer.snapshot(settings)
    settings.thumbnail_size = 256
    newer = writer.snapshot(settings)

    assert writer.write(newer)
    assert not writer.write(older)
    assert load_settings(path).thumbnail_size == 256


def test_a_snapshot_keeps_the_settings_as_they_were_when_taken(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    writer = SettingsWriter(path)
    settings = Settings(last_form={"params": {"prompt": "a fox"}})
    snapshot = writer.snapshot(settings)
    settings.last_form["params"]["prompt"] = "changed after the snapshot"

    assert writer.write(snapshot)
    assert load_settings(path).last_form == {"params": {"prompt": "a fox"}}


def test_save_writes_at_once_and_wins_over_older_snapshots_still_queued(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    writer = SettingsWriter(path)
    settings = Settings(thumbnail_size=128)
    queued = writer.snapshot(settings)
    settings.thumbnail_size = 320
    writer.save(settings)

    assert load_settings(path).thumbnail_size == 320
    assert not writer.write(queued)
    assert load_settings(path).thumbnail_size == 320


def test_writes_from_many_threads_end_with_the_newest_snapshot(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    writer = SettingsWriter(path)
    settings = Settings()
    snapshots = []
    for size in range(64, 64 + 40):
        settings.thumbnail_size = size
        snapshots.append(writer.snapshot(settings))
    # Written in reverse from several threads at once: whatever the interleaving, the newest
    # (taken last) is what the file holds at the end.
    threads = [
        threading.Thread(target=writer.write, args=(snapshot,)) for snapshot in reversed(snapshots)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert load_settings(path).thumbnail_size == 64 + 39


def test_a_failed_write_leaves_the_snapshot_to_be_written_again(tmp_path: Path) -> None:
    blocker = tmp_path / "not a folder"
    blocker.write_text("x", encoding="utf-8")
    writer = SettingsWriter(blocker / "settings.json")
    snapshot = writer.snapshot(Settings())
    with pytest.raises(OSError):
        writer.write(snapshot)
    blocker.unlink()
    assert writer.write(snapshot)
    assert (blocker / "settings.json").is_file()
