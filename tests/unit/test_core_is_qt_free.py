"""`studio_desktop.core` must import no Qt: the CLI and tests use it without a display."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import studio_desktop.core


def _core_modules() -> list[str]:
    return [
        info.name
        for info in pkgutil.walk_packages(studio_desktop.core.__path__, "studio_desktop.core.")
        if ".migrations" not in info.name
    ]


def test_core_imports_without_qt() -> None:
    modules = _core_modules()
    assert "studio_desktop.core.jobs" in modules
    # A subprocess with PySide6 made unimportable: any Qt import in core fails loudly.
    code = (
        "import sys\n"
        "sys.modules['PySide6'] = None\n"
        "sys.modules['shiboken6'] = None\n"
        "import importlib\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules if sys.modules[m])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
