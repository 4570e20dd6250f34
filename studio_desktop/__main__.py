"""`studio-desktop`: the window with no command, headless commands otherwise."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from typing import NoReturn, cast

from studio_desktop import __version__


class OneLineParser(argparse.ArgumentParser):
    """A bad argument ends with one line, `error: ...`, and exit code 2 (not the usage dump).
    Subcommand parsers are made of the same class, so every command behaves alike."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    from studio_desktop.cli import add_commands

    parser = OneLineParser(
        prog="studio-desktop",
        description="Make images with ComfyUI on your own GPU.",
    )
    parser.add_argument("--version", action="version", version=f"studio-desktop {__version__}")
    parser.add_argument(
        "--data-dir", dest="gui_data_dir", default=None, help="data folder (default: per-user)"
    )
    parser.add_argument(
        "--no-crash-dialog",
        action="store_true",
        help="log unexpected errors without showing a dialog (tests, automation)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window with a temporary data folder, run one job on --server, close, "
        "and exit 0 if everything worked (checks an install or a build)",
    )
    parser.add_argument(
        "--server",
        dest="self_test_server",
        default=None,
        metavar="URL",
        help="ComfyUI for --self-test (default: http://127.0.0.1:8188)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Sub-parsers are OneLineParsers too (argparse makes them of the parent's class).
    add_commands(cast("argparse._SubParsersAction[argparse.ArgumentParser]", sub))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    started_at = time.perf_counter()  # --self-test reports its start-up time from here
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.self_test:
        if args.command is not None:
            parser.error("--self-test takes no command")
        from studio_desktop.core.servers import DEFAULT_SERVER
        from studio_desktop.selftest import SelfTestOptions, run_self_test

        return run_self_test(
            SelfTestOptions(
                server=args.self_test_server or DEFAULT_SERVER,
                data_dir=args.gui_data_dir,
                started_at=started_at,
            )
        )
    if args.self_test_server is not None:
        parser.error("--server goes after the command (or with --self-test)")
    if args.command is None:
        from studio_desktop.app import GuiOptions, run_gui

        return run_gui(
            GuiOptions(data_dir=args.gui_data_dir, crash_dialog=not args.no_crash_dialog)
        )
    from studio_desktop.cli import run_command

    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
