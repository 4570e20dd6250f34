"""On Debian 12 the window aborted (rc 134) because Qt's xcb plugin lacked libxcb-cursor0,
and Qt's message named only that one of the three missing packages (issue 11)."""

from __future__ import annotations

import pytest

from studio_desktop import app as app_module
from studio_desktop.app import GuiOptions, run_gui
from studio_desktop.platform_check import missing_window_packages, uses_xcb

X11 = {"DISPLAY": ":0"}


def test_every_missing_xcb_package_is_named_at_once() -> None:
    assert missing_window_packages(X11, "linux", lambda _name: None) == [
        "libxcb-cursor0",
        "libxcb-icccm4",
        "libxcb-keysyms1",
    ]


def test_nothing_is_missing_when_the_libraries_are_found() -> None:
    assert missing_window_packages(X11, "linux", lambda name: f"lib{name}.so") == []


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({"DISPLAY": ":0"}, "linux", True),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_only_the_xcb_platform_needs_them(
    environ: dict[str, str], platform: str, expected: bool
) -> None:
    assert uses_xcb(environ, platform) is expected


def test_the_window_says_which_packages_to_install_instead_of_aborting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(app_module, "missing_window_packages", lambda: ["libxcb-cursor0"])
    assert run_gui(GuiOptions()) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [
        "error: the window needs system libraries that are not installed: libxcb-cursor0. "
        "On Debian or Ubuntu: sudo apt-get install libxcb-cursor0"
    ]
