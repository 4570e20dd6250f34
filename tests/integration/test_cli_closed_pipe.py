"""`studio-desktop jobs | head -1`: the reader goes away before the command is done writing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_jobs_piped_into_a_reader_that_quits_prints_no_traceback(tmp_path: Path) -> None:
    """Piping `jobs` into `head` printed a BrokenPipeError traceback after head's lines.

    The pipe's read end is closed before the command starts, so its first write fails the way
    a `head` that has read enough makes it fail, without depending on when that happens."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        run = subprocess.run(
            [sys.executable, "-m", "studio_desktop", "jobs", "--data-dir", str(tmp_path)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert "Traceback" not in run.stderr
    assert "BrokenPipeError" not in run.stderr
    assert run.stderr == ""
    # What a program killed by SIGPIPE reports to its shell: `set -o pipefail` still sees it.
    assert run.returncode == 141
