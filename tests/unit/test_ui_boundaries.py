"""What the window's modules may not do themselves.

- No module under `studio_desktop/ui` talks to ComfyUI: the client lives in core (the engine and
  `core/server_info.py`), and the UI runs those through Tasks' "network" pool.
- No module under `studio_desktop/ui`, nor `app.py`, starts threads of its own: every "run off the
  GUI thread, deliver back" goes through `workers/tasks.py` (owner-bound, one shutdown).
- No module under `studio_desktop/ui` imports the store (`Store`, `core.store.store`): widgets
  read through `workers.read_view.ReadView` (in Tasks) and write through `workers.operations`,
  so none can open a database session on the GUI thread.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import studio_desktop

PACKAGE = Path(studio_desktop.__file__).parent
CLIENT_MODULE = "studio_desktop.core.comfy.client"
CLIENT_NAME = "ComfyClient"
THREAD_NAMES = frozenset({"QRunnable", "QThreadPool", "ThreadPoolExecutor"})
STORE_PACKAGE = "studio_desktop.core.store"
STORE_MODULE = "studio_desktop.core.store.store"
STORE_NAME = "Store"


def _sources(*roots: Path) -> Iterator[tuple[str, ast.Module]]:
    for root in roots:
        files = [root] if root.is_file() else sorted(root.rglob("*.py"))
        for path in files:
            rel = path.relative_to(PACKAGE.parent).as_posix()
            yield rel, ast.parse(path.read_text("utf-8"), filename=rel)


def client_uses(tree: ast.AST) -> list[str]:
    """Imports of the ComfyUI client module, and any mention of ComfyClient."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith(CLIENT_MODULE)]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            if node.module.startswith(CLIENT_MODULE):
                found.append(f"from {node.module}")
            elif node.module == "studio_desktop.core.comfy":
                found += [
                    f"from {node.module} import {a.name}"
                    for a in node.names
                    if a.name in ("client", CLIENT_NAME)
                ]
            else:
                found += [
                    f"{a.name} from {node.module}" for a in node.names if a.name == CLIENT_NAME
                ]
        elif isinstance(node, ast.Name) and node.id == CLIENT_NAME:
            found.append(CLIENT_NAME)
        elif isinstance(node, ast.Attribute) and node.attr == CLIENT_NAME:
            found.append(f".{CLIENT_NAME}")
    return found


def store_uses(tree: ast.AST) -> list[str]:
    """Imports of the store's module, and of `Store` from anywhere (`studio_desktop.core.store`
    re-exports it); its data types and errors (ServerRecord, StoreError, filters) are fine."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith(STORE_MODULE)]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            if node.module.startswith(STORE_MODULE):
                found.append(f"from {node.module}")
            elif node.module == STORE_PACKAGE:
                found += [
                    f"from {node.module} import {a.name}"
                    for a in node.names
                    if a.name in ("store", STORE_NAME)
                ]
            else:
                found += [
                    f"{a.name} from {node.module}" for a in node.names if a.name == STORE_NAME
                ]
    return found


def thread_uses(tree: ast.AST) -> list[str]:
    """QRunnable, QThreadPool, ThreadPoolExecutor and threading.Thread, however they are named."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            found += [a.name for a in node.names if a.name in THREAD_NAMES]
            if node.module == "threading":
                found += ["threading.Thread" for a in node.names if a.name == "Thread"]
        elif isinstance(node, ast.Name) and node.id in THREAD_NAMES:
            found.append(node.id)
        elif isinstance(node, ast.Attribute):
            if node.attr in THREAD_NAMES:
                found.append(node.attr)
            elif (
                node.attr == "Thread"
                and isinstance(node.value, ast.Name)
                and node.value.id == "threading"
            ):
                found.append("threading.Thread")
    return found


def test_the_scanners_see_what_they_look_for() -> None:
    client = ast.parse(
        "from studio_desktop.core.comfy.client import normalize_base_url\n"
        "from studio_desktop.core.comfy import ComfyClient\n"
        "import studio_desktop.core.comfy.client\n"
        "c = comfy.ComfyClient('http://x')\n"
    )
    assert len(client_uses(client)) == 4
    threads = ast.parse(
        "from PySide6.QtCore import QRunnable, QThreadPool\n"
        "from concurrent import futures\n"
        "pool = futures.ThreadPoolExecutor(1)\n"
        "t = threading.Thread(target=print)\n"
        "from threading import Thread\n"
    )
    assert sorted(set(thread_uses(threads))) == [
        "QRunnable",
        "QThreadPool",
        "ThreadPoolExecutor",
        "threading.Thread",
    ]
    store = ast.parse(
        "from studio_desktop.core.store import Store, ServerRecord, StoreError\n"
        "from studio_desktop.core.store.store import Store as S\n"
        "from studio_desktop.core.store import store\n"
        "import studio_desktop.core.store.store\n"
        "from studio_desktop.core.store.filters import ImageFilter\n"
    )
    assert len(store_uses(store)) == 4


def test_no_ui_module_imports_the_comfyui_client() -> None:
    offenders = {rel: uses for rel, tree in _sources(PACKAGE / "ui") if (uses := client_uses(tree))}
    assert offenders == {}, "ui/ must ask ComfyUI through core (core/server_info.py)"


def test_no_ui_module_nor_the_app_runs_threads_of_its_own() -> None:
    offenders = {
        rel: uses
        for rel, tree in _sources(PACKAGE / "ui", PACKAGE / "app.py")
        if (uses := thread_uses(tree))
    }
    assert offenders == {}, "run background work through workers/tasks.py (Tasks)"


def test_no_ui_module_imports_the_store() -> None:
    offenders = {rel: uses for rel, tree in _sources(PACKAGE / "ui") if (uses := store_uses(tree))}
    assert offenders == {}, "widgets read through ReadView (in Tasks), write through Operations"
