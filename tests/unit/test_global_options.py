"""`--data-dir` and `--server` work wherever a user puts them (issue 11: `studio-desktop
--data-dir X jobs` silently ignored X, and `studio-desktop --server URL` refused to open the
window)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from studio_desktop.__main__ import _apply_global_options, build_parser
from studio_desktop.core.servers import register_servers
from studio_desktop.core.store import Store


def parsed(*argv: str) -> argparse.Namespace:
    parser = build_parser()
    args = parser.parse_args(list(argv))
    _apply_global_options(parser, args)
    return args


@pytest.mark.parametrize(
    "argv",
    [
        ("--data-dir", "X", "jobs"),
        ("jobs", "--data-dir", "X"),
        ("--data-dir", "X", "jobs", "--data-dir", "X"),
        ("--data-dir", "X", "servers", "list"),
    ],
)
def test_data_dir_before_or_after_the_command_is_the_same(argv: tuple[str, ...]) -> None:
    assert parsed(*argv).data_dir == "X"


@pytest.mark.parametrize(
    "argv",
    [
        ("--server", "http://a:1", "generate", "a cat"),
        ("generate", "a cat", "--server", "http://a:1"),
    ],
)
def test_server_before_or_after_the_command_is_the_same(argv: tuple[str, ...]) -> None:
    assert parsed(*argv).server == ["http://a:1"]


@pytest.mark.parametrize(
    ("argv", "complaint"),
    [
        (("--data-dir", "X", "jobs", "--data-dir", "Y"), "--data-dir is given twice"),
        (("--server", "http://a:1", "jobs"), "--server does not apply to `jobs`"),
        (
            ("--server", "http://a:1", "generate", "x", "--server", "http://b:1"),
            "both before and after",
        ),
    ],
)
def test_conflicting_global_options_fail_loudly(
    argv: tuple[str, ...], complaint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        parsed(*argv)
    assert exit_info.value.code == 2
    assert complaint in capsys.readouterr().err


def test_the_window_registers_and_switches_on_its_server_urls(tmp_path: Path) -> None:
    with Store(tmp_path / "studio.sqlite3") as store:
        off = store.add_server("box", "http://box:8188", enabled=False)
        register_servers(store, ["http://127.0.0.1:8190/", "http://box:8188"])
        register_servers(store, ["http://127.0.0.1:8190"])  # a second start adds nothing
        servers = {s.url: s for s in store.list_servers()}
        assert set(servers) == {"http://127.0.0.1:8190", "http://box:8188"}
        assert servers["http://box:8188"].enabled and servers["http://box:8188"].id == off.id
