"""OS file locks: held until released or until the holder dies, however it dies."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from studio_desktop.core.file_lock import HeldFile

HOLD_AND_WAIT = """
import sys
from pathlib import Path
from studio_desktop.core.file_lock import HeldFile
held = HeldFile.take(Path(sys.argv[1]))
print("held" if held else "refused", flush=True)
sys.stdin.read()  # until the test kills us
"""


def test_a_held_file_refuses_a_second_taker_until_released(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "window.lock"
    first = HeldFile.take(path)
    assert first is not None and first.held
    assert HeldFile.take(path) is None
    first.release()
    first.release()  # idempotent
    assert not first.held
    again = HeldFile.take(path)
    assert again is not None
    again.release()


def test_the_file_says_which_process_holds_it(tmp_path: Path) -> None:
    path = tmp_path / "window.lock"
    path.write_text("12345678\nleft by a process long gone\n", encoding="ascii")
    held = HeldFile.take(path)
    assert held is not None
    try:
        assert path.read_text(encoding="ascii") == f"{os.getpid()}\n"
    finally:
        held.release()


def test_a_holder_killed_outright_leaves_no_stale_claim(tmp_path: Path) -> None:
    path = tmp_path / "window.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_AND_WAIT, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        assert HeldFile.take(path) is None
    finally:
        holder.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no clean-up runs
        holder.wait(60)
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.close()
        holder.stdout.close()
    after = HeldFile.take(path)
    assert after is not None
    after.release()
