"""`studio-desktop --help` and a mistyped option answer without loading the heavy parts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = (
    "sqlalchemy",
    "alembic",
    "requests",
    "websocket",
    "PIL",
    "av",
    "PySide6",
    "dynamicprompts",
    "pyparsing",
)


def _modules_after(argv: list[str]) -> set[str]:
    code = (
        "import sys\n"
        "from studio_desktop.__main__ import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    return set(result.stdout.strip().splitlines()[-1].split())


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["generate", "--help"],
        ["jobs", "--limit", "0"],
        ["servers", "add", "ftp://x"],
        ["server", "start", "--help"],
        ["server", "start", "--preset", "tpu"],
    ],
)
def test_help_and_a_typo_load_no_database_network_or_image_library(argv: list[str]) -> None:
    loaded = _modules_after(argv)
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_listing_jobs_loads_no_network_video_or_window_library(tmp_path: Path) -> None:
    # `jobs` read a 100k-job database in 0.08 s but took 0.6 s of CPU: the HTTP client,
    # the websocket client and FFmpeg were loaded with modules it never calls.
    data = str(tmp_path / "data")
    _modules_after(["--data-dir", data, "jobs"])  # the first start creates the database
    loaded = _modules_after(["--data-dir", data, "jobs"])
    unused = {"requests", "websocket", "av", "PySide6", "alembic", "dynamicprompts", "pyparsing"}
    assert not loaded & unused, sorted(loaded & unused)
