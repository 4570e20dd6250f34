"""The Qt-free core: jobs, store, ComfyUI protocol, workflows, files, runner.

Nothing under this package may import Qt; `tests/unit/test_core_is_qt_free.py` enforces it.
"""
