"""What the window needs from the system before Qt starts (no Qt imported here).

On Linux, Qt's xcb platform plugin needs a few X11 libraries that a minimal desktop install
lacks; without them Qt aborts (rc 134) naming only the first. We look for all of them first and
say, in one line, which Debian/Ubuntu packages to install.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Callable, Mapping
from typing import Final

# library name (as ctypes.util.find_library takes it) -> the Debian/Ubuntu package with it
XCB_LIBRARIES: Final[Mapping[str, str]] = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
}


def uses_xcb(environ: Mapping[str, str], platform: str) -> bool:
    """Whether Qt will load its xcb (X11) plugin: Linux, not told otherwise, not on Wayland."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(";")[0].startswith("xcb")
    return not environ.get("WAYLAND_DISPLAY")


def missing_window_packages(
    environ: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    find_library: Callable[[str], str | None] = ctypes.util.find_library,
) -> list[str]:
    """The packages to install before the window can open (empty when nothing is missing)."""
    if not uses_xcb(os.environ if environ is None else environ, platform):
        return []
    return [package for library, package in XCB_LIBRARIES.items() if not find_library(library)]


def missing_packages_message(packages: list[str]) -> str:
    return (
        "error: the window needs system libraries that are not installed: "
        f"{', '.join(packages)}. On Debian or Ubuntu: sudo apt-get install {' '.join(packages)}"
    )
