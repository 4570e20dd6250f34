"""The real window in a child process, on Qt's offscreen platform: for what only a whole
process shows (signals, a second start, a kill)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.integration.helpers import wait_until

WAIT_S = 120.0
READY_LINE = "stop signals handled"  # logged once the window's event loop is about to run


def wait_for(condition: Callable[[], bool], what: str) -> None:
    wait_until(condition, WAIT_S, what)


def log_text(data: Path) -> str:
    try:
        return (data / "logs" / "studio.log").read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


def start_window(data: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "studio_desktop", "--data-dir", str(data), "--no-crash-dialog"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def wait_until_ready(window: subprocess.Popen[str], data: Path, starts: int = 1) -> None:
    """Until the `starts`-th window on `data` has its handlers in place (or has ended)."""
    wait_for(
        lambda: log_text(data).count(READY_LINE) >= starts or window.poll() is not None,
        "the window to start",
    )


def end(window: subprocess.Popen[str]) -> str:
    """Kill the window if it still runs; its stderr."""
    if window.poll() is None:
        window.kill()
    _, stderr = window.communicate(timeout=30)
    return stderr
