"""Seen in review: `import studio_desktop.ui.sweep_grid` on its own failed with a circular import
(sweep_grid -> gallery.model -> gallery/__init__ -> gallery.tab -> sweep_grid). The app only
worked because it happened to import the gallery first; a plugin, a test or a reordered import
in the main window would have broken it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["studio_desktop.ui.sweep_grid", "studio_desktop.ui.gallery"])
def test_the_sweep_grid_window_imports_on_its_own(module: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr[-2000:]
