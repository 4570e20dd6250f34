"""Open a ComfyUI server's own page (its graph editor) in the user's browser."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_in_browser(url: str) -> bool:
    """Ask the desktop to open `url` (a server's address as registered); False when no browser
    took it. The address goes as typed: a `user:password@` in it is what that server asks for,
    and the browser, not us, keeps it from there."""
    target = QUrl(url.rstrip("/") + "/")
    if not target.isValid() or target.scheme() not in ("http", "https"):
        return False
    return QDesktopServices.openUrl(target)
