"""Where the project's shared real-world data (`shared/`, beside the checkout) is, if anywhere.

CI keeps a copy of `shared/` next to the checkout; a developer's worktree may sit deeper, so the
folders above the checkout are looked at in turn. Tests that need it skip when it is missing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

_CHECKOUT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    """The nearest `shared` folder beside the checkout or beside one of its parents."""
    for folder in _CHECKOUT.parents:
        candidate = folder / "shared"
        if candidate.is_dir():
            return candidate
    return None


def shared_path(*parts: str) -> Path:
    """`shared/<parts>`; skips the calling test when it is not there."""
    root = shared_dir()
    path = root.joinpath(*parts) if root is not None else None
    if path is None or not path.exists():
        pytest.skip(f"shared data {'/'.join(parts)} is not beside the checkout")
    return path
