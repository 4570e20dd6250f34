"""One ordered writer for settings.json: the newest snapshot always wins.

The window writes the settings from several places: the Settings dialog, first run and the
close write at once (they say so when it fails), while the Generate form is saved as the user
works, from a background thread so that an fsync on a slow disk never stalls a frame. Without
an order, a background write of an older snapshot could land after a newer one and put back
what the user had just changed. So each snapshot is numbered when it is taken (on the thread
that owns the `Settings`), one write runs at a time, and a snapshot older than the one on disk
is not written.

Qt-free; the thread a write runs on is the caller's choice.
"""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass
from pathlib import Path

from studio_desktop.core.settings import Settings, settings_text, write_settings_text


@dataclass(frozen=True)
class SettingsSnapshot:
    """The file's text as the settings were when `number` was taken."""

    number: int
    text: str


class SettingsWriter:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()  # one write at a time; held while `_written` moves
        self._written = 0

    def snapshot(self, settings: Settings) -> SettingsSnapshot:
        """Take the settings as they are now. Call it where `settings` is changed (the GUI
        thread): what is changed after this is in the next snapshot, not this one."""
        return SettingsSnapshot(next(self._numbers), settings_text(settings))

    def write(self, snapshot: SettingsSnapshot) -> bool:
        """Write `snapshot` unless a newer one was written already; True if it was written.
        Raises OSError when the file cannot be written (the previous file stays whole)."""
        with self._lock:
            if snapshot.number <= self._written:
                return False
            write_settings_text(snapshot.text, self.path)
            self._written = snapshot.number
            return True

    def save(self, settings: Settings) -> None:
        """Write the settings as they are now, before returning."""
        self.write(self.snapshot(settings))
