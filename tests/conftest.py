"""Test-wide setup: no display, a private data folder, and the fake ComfyUI fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before anything imports Qt: CI has no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.fakes.fixtures import fake_comfy, fake_comfy_factory  # noqa: F401

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test may touch the real user data folder."""
    folder = tmp_path_factory.mktemp("studio-data")
    old = os.environ.get("STUDIO_DATA_DIR")
    os.environ["STUDIO_DATA_DIR"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("STUDIO_DATA_DIR", None)
    else:
        os.environ["STUDIO_DATA_DIR"] = old
