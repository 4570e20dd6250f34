"""Running a benchmark as a user would (`python -m bench.<name> ...`) and reading its figures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def bench_figures(module: str, *args: str, offscreen: bool = False) -> dict[str, str]:
    """Run `python -m bench.<module> args` from the repository; its `name: value` lines. Fails
    the test with everything it printed if it exits with an error."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"} if offscreen else None
    result = subprocess.run(
        [sys.executable, "-m", f"bench.{module}", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return dict(line.split(": ", 1) for line in result.stdout.splitlines() if line.count(": ") == 1)
