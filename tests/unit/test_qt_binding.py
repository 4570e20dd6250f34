"""Guards against a Qt binding that corrupts the interpreter (PySide6 6.12.0 on Python 3.11
drops a reference to None on every void call; a long session then aborts)."""

from __future__ import annotations

import os
import subprocess
import sys

CHECK = """
import sys
from PySide6.QtCore import QObject
obj = QObject()
before = sys.getrefcount(None)
for _ in range(2000):
    obj.setObjectName("x")
print(before - sys.getrefcount(None))
"""


def test_void_qt_calls_keep_none_alive() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert abs(int(result.stdout.strip())) < 50, "the Qt binding leaks references to None"
